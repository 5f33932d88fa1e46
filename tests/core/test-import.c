/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An import session: what becomes of each row, dry runs, batches, and a second run */

#include "kith-test-util.h"

static const char *rows[] = {
  "{\"name\": \"Ann Lee\", \"emails\": [{\"value\": \"ann@example.com\"}]}",
  "{\"name\": \"Bob Stone\", \"emails\": [{\"value\": \"bob@example.com\"}]}",
  /* the same person again, with a phone: merged into the row above */
  "{\"name\": \"Bob Stone\", \"emails\": [{\"value\": \"BOB@example.com\"}], \"phones\": [{\"value\": \"+1 202 555 0142\"}]}",
  /* refused: a date past the year 9999 */
  "{\"name\": \"Cy Young\", \"birthday\": \"10000-01-01\"}",
  /* Dee was in Kith before the import */
  "{\"name\": \"Dee Park\", \"emails\": [{\"value\": \"dee@example.com\"}], \"headline\": \"Broker\"}",
};

static KithImport *
import_rows (KithTestStore *t,
             gboolean       dry_run)
{
  g_autoptr(GError) error = NULL;
  KithImport *import = kith_import_new (t->store, dry_run);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) record = kith_test_json (rows[i]);

      kith_import_add_record (import, i + 1, KITH_RECORD_PERSON, record, NULL);
    }
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);

  return import;
}

static void
assert_counts (KithImport *import,
               guint       created,
               guint       updated,
               guint       merged,
               guint       unchanged,
               guint       rejected)
{
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_CREATED), ==, created);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_UPDATED), ==, updated);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_MERGED), ==, merged);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_UNCHANGED), ==, unchanged);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_REJECTED), ==, rejected);
}

static void
test_outcomes (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = NULL;
  g_autofree char *summary = NULL;
  const KithImportRejection *r;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Dee Park\", \"emails\": [{\"value\": \"dee@example.com\"}]}");
  import = import_rows (t, FALSE);

  assert_counts (import, 2, 1, 1, 0, 1);
  g_assert_cmpuint (kith_import_get_n_rejections (import), ==, 1);
  r = kith_import_get_rejection (import, 0);
  g_assert_cmpuint (r->row, ==, 4);
  g_assert_nonnull (strstr (r->reason, "10000"));
  summary = kith_import_describe (import);
  g_assert_cmpstr (summary, ==, "2 new, 1 updated, 1 merged, 0 unchanged, 1 rejected");

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 3);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "Broker", NULL), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "Cy", NULL), ==, 0);
}

/* A dry run counts exactly what the import would do, and writes nothing */
static void
test_dry_run (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) dry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Dee Park\", \"emails\": [{\"value\": \"dee@example.com\"}]}");
  before = kith_test_dump (t);
  dry = import_rows (t, TRUE);
  after = kith_test_dump (t);

  g_assert_true (kith_import_get_dry_run (dry));
  assert_counts (dry, 2, 1, 1, 0, 1);
  g_assert_cmpstr (before, ==, after);
}

/* Stopped part way, the import leaves the rows of the batches it committed, whole */
static void
test_abort (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) record = kith_test_json (rows[i]);

      g_assert_cmpint (kith_import_add_record (import, i + 1, KITH_RECORD_PERSON, record, NULL), ==, KITH_IMPORT_CREATED);
    }
  g_assert_true (kith_import_checkpoint (import, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) record = kith_test_json (rows[4]);

    g_assert_cmpint (kith_import_add_record (import, 5, KITH_RECORD_PERSON, record, NULL), ==, KITH_IMPORT_CREATED);
  }
  kith_import_abort (import);

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "Dee", NULL), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/outcomes", test_outcomes);
  g_test_add_func ("/import/dry-run", test_dry_run);
  g_test_add_func ("/import/abort", test_abort);

  return g_test_run ();
}
