/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-phone.h"
#include "../core/kith-test-util.h"

static void
test_normalize (void)
{
  static const struct { const char *phone; const char *region; const char *e164; } cases[] = {
    { "(415) 555-2671", "US", "+14155552671" },
    { "415.555.2671", "US", "+14155552671" },
    { "+1 415-555-2671", "DE", "+14155552671" },
    { "030 123456", "DE", "+4930123456" },
    { "+49 30 123456", "US", "+4930123456" },
    { "+44 20 7946 0958", "US", "+442079460958" },
    { "020 7946 0958", "GB", "+442079460958" },
  };
  static const char *garbage[] = { "", "call me", "12", "not a number at all", "\xff\xfe" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *e164 = kith_phone_normalize (cases[i].phone, cases[i].region, NULL);

      g_test_message ("%s (%s) → %s", cases[i].phone, cases[i].region, e164);
      g_assert_cmpstr (e164, ==, cases[i].e164);
    }

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *e164 = kith_phone_normalize (garbage[i], "US", NULL);

      g_assert_null (e164);
    }
}

static void
test_same_person_any_notation (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = kith_test_json ("{\"name\": \"Hans\", \"phones\": [\"030 123456\"]}");
  /* A phone number names a person together with the name */
  g_autoptr(JsonObject) second = kith_test_json ("{\"name\": \"HANS\", \"phones\": [\"+49 (30) 12-34-56\"]}");
  gboolean merged = FALSE;
  gint64 a, b;

  kith_store_set_phone_normalizer (t->store, kith_phone_normalize, NULL, NULL);
  kith_store_set_region (t->store, "DE");

  a = kith_store_create_record (t->store, KITH_RECORD_PERSON, first, NULL, &error);
  g_assert_no_error (error);
  b = kith_store_create_record (t->store, KITH_RECORD_PERSON, second, &merged, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, ==, b);
  g_assert_true (merged);
  g_assert_cmpint (kith_store_lookup (t->store, "+4930123456", NULL), ==, a);
}

/* The same digits are another number in another region: a change of region is honoured at
 * once, whatever was looked up before */
static void
test_region_change (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();

  kith_store_set_phone_normalizer (t->store, kith_phone_normalize, NULL, NULL);
  kith_store_set_region (t->store, "US");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann\", \"phones\": [\"(415) 555-2671\"]}");
  g_assert_cmpint (kith_store_lookup (t->store, "+14155552671", NULL), >, 0);

  kith_store_set_region (t->store, "GB");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ben\", \"phones\": [\"020 7946 0018\"]}");
  g_assert_cmpint (kith_store_lookup (t->store, "+442079460018", NULL), >, 0);
  kith_store_set_region (t->store, "US");
  g_assert_cmpint (kith_store_lookup (t->store, "020 7946 0018", NULL), ==, 0);
  g_assert_cmpint (kith_store_lookup (t->store, "(415) 555-2671", NULL), ==,
                   kith_store_lookup (t->store, "+14155552671", NULL));
}

static void
test_region_setting (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();

  g_assert_true (kith_store_set_setting (t->store, "phone-region", "gb", NULL));
  kith_services_setup_store (t->store);
  g_assert_cmpstr (kith_store_get_region (t->store), ==, "GB");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/phone/normalize", test_normalize);
  g_test_add_func ("/phone/same-person-any-notation", test_same_person_any_notation);
  g_test_add_func ("/phone/region-setting", test_region_setting);
  g_test_add_func ("/phone/region-change", test_region_change);

  return g_test_run ();
}
