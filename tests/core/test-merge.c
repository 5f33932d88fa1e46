/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

static void
add_field (KithTestStore *t,
           const char    *name,
           const char    *type)
{
  g_autoptr(KithFieldDefinition) def = kith_field_definition_new (KITH_RECORD_PERSON, name, type);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kith_fields_add (t->store, def, &error), >, 0);
  g_assert_no_error (error);
}

static gboolean
has_string (JsonArray  *array,
            const char *member,
            const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *s = JSON_NODE_HOLDS_OBJECT (node)
                      ? json_object_get_string_member (json_node_get_object (node), member)
                      : json_node_get_string (node);
      if (g_strcmp0 (s, value) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
custom_value (JsonObject *rec,
              const char *key)
{
  JsonArray *values = json_object_get_array_member (rec, "customFields");

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonObject *v = json_array_get_object_element (values, i);
      if (g_str_equal (json_object_get_string_member (v, "id"), key))
        return json_object_get_string_member (v, "value");
    }
  return NULL;
}

static void
test_merge_people (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(JsonArray) timeline = NULL;
  g_autoptr(JsonArray) todos = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(JsonArray) audit = NULL;
  g_autoptr(JsonObject) project = NULL;
  g_autofree char *b_sync_key = NULL;
  gint64 a, b, deal;

  add_field (t, "Lead source", "text");
  add_field (t, "Budget", "integer");

  a = kith_test_create (t, KITH_RECORD_PERSON,
                        "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"], \"keywords\": [\"vip\"],"
                        " \"customFields\": [{\"id\": \"lead_source\", \"value\": \"Referral\"}]}");
  b = kith_test_create (t, KITH_RECORD_PERSON,
                        "{\"name\": \"A. Lovelace\", \"emails\": [\"countess@home.example\"], \"phones\": [\"+1 415 555 2671\"],"
                        " \"headline\": \"Countess\", \"notes\": \"Prefers calls\", \"keywords\": [\"vip\", \"poetry\"],"
                        " \"addresses\": [{\"city\": \"London\"}], \"birthday\": \"--12-10\","
                        " \"appLinks\": [{\"source\": \"linkedin.com\", \"uniqueid\": \"ada-l\"}],"
                        " \"customFields\": [{\"id\": \"lead_source\", \"value\": \"Zillow\"}, {\"id\": \"budget\", \"value\": 900000}]}");
  deal = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Engine\", \"participants\": [\"countess@home.example\"]}");
  {
    g_autoptr(JsonObject) brec = kith_store_get_record (t->store, b, NULL);
    b_sync_key = g_strdup (json_object_get_string_member (brec, "syncKey"));
  }

  kith_test_add (t, "item", "{\"style\": \"email\", \"date\": \"2026-01-01T00:00:00Z\", \"from\": \"ada@acme.com\", \"subject\": \"Work\"}");
  kith_test_add (t, "item", "{\"style\": \"call\", \"date\": \"2026-05-01T00:00:00Z\", \"participants\": [\"+14155552671\"], \"subject\": \"Catch-up about bernoulli numbers\"}");
  kith_test_add (t, "todo", "{\"subject\": \"Send notes\", \"participants\": [\"countess@home.example\"]}");
  g_assert_cmpint (kith_store_add_file (t->store, b, "file:///tmp/notes.txt", "notes.txt", 3, "text/plain", TRUE, NULL), >, 0);

  t->now += 1000;
  g_assert_true (kith_store_merge_records (t->store, a, b, &error));
  g_assert_no_error (error);

  /* B is gone, and every way of naming B names A */
  g_assert_cmpint (kith_store_get_record_kind (t->store, b), ==, KITH_RECORD_KIND_INVALID);
  g_assert_cmpint (kith_store_lookup (t->store, "countess@home.example", NULL), ==, a);
  g_assert_cmpint (kith_store_lookup (t->store, "+14155552671", NULL), ==, a);
  g_assert_cmpint (kith_store_lookup (t->store, "linkedin.com:ada-l", NULL), ==, a);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 1);

  rec = kith_store_get_record (t->store, a, NULL);
  g_assert_cmpstr (json_object_get_string_member (rec, "name"), ==, "Ada Lovelace");
  g_assert_cmpstr (json_object_get_string_member (rec, "headline"), ==, "Countess");
  g_assert_cmpstr (json_object_get_string_member (rec, "notes"), ==, "Prefers calls");
  g_assert_cmpstr (json_object_get_string_member (rec, "birthday"), ==, "--12-10");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "emails")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "phones")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "addresses")), ==, 1);
  g_assert_true (has_string (json_object_get_array_member (rec, "keywords"), NULL, "poetry"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "keywords")), ==, 2);
  /* The survivor's custom value wins; the one it lacked is taken over */
  g_assert_cmpstr (custom_value (rec, "lead_source"), ==, "Referral");
  g_assert_cmpstr (custom_value (rec, "budget"), ==, "900000");
  g_assert_cmpint (json_object_get_int_member (rec, "lastContact"), ==, kith_parse_time ("2026-05-01"));

  timeline = kith_test_get_timeline (t->store, a, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (timeline), ==, 2);
  todos = kith_test_list_todos (t->store, a, FALSE, NULL);
  g_assert_cmpuint (json_array_get_length (todos), ==, 1);
  files = kith_store_list_files (t->store, a, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
  project = kith_store_get_record (t->store, deal, NULL);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (project, "participants"), 0), "id"), ==, a);

  /* Recorded in the audit log */
  audit = kith_test_get_audit (t->store, a, 0, NULL);
  {
    JsonObject *last = json_array_get_object_element (audit, json_array_get_length (audit) - 1);
    g_assert_cmpstr (json_object_get_string_member (last, "field"), ==, "merged");
    g_assert_nonnull (strstr (json_object_get_string_member (last, "before"), b_sync_key));
    g_assert_cmpint (json_object_get_int_member (last, "at"), ==, t->now);
  }

  /* Search follows: B's address, and the call's words, find A */
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "countess", NULL), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "bernoulli", NULL), ==, 1);
  {
    g_autoptr(GArray) ids = kith_store_find (t->store, KITH_RECORD_PERSON, "countess", KITH_SORT_NAME,
                                             KITH_GROUP_NONE, 0, 10, NULL, NULL);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a);
  }
}

/* Undo of a merge brings both records back as they were: ids, emails, phones, timeline, to-dos,
 * files, deals and audit log */
static void
test_merge_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a_before = NULL, *b_before = NULL, *deal_before = NULL, *acme_before = NULL;
  g_autofree char *a_after = NULL, *b_after = NULL, *deal_after = NULL, *acme_after = NULL;
  gint64 a, b, deal, acme, undo_id;

  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  add_field (t, "Lead source", "text");
  acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");
  a = kith_test_create (t, KITH_RECORD_PERSON,
                        "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"], \"keywords\": [\"vip\"],"
                        " \"segment\": \"customer\", \"company\": \"acme.com\", \"notes\": \"Met in London\","
                        " \"customFields\": [{\"id\": \"lead_source\", \"value\": \"Referral\"}]}");
  t->now += 1000;
  b = kith_test_create (t, KITH_RECORD_PERSON,
                        "{\"name\": \"A. Lovelace\", \"emails\": [\"countess@home.example\"], \"phones\": [\"+1 415 555 2671\"],"
                        " \"headline\": \"Countess\", \"notes\": \"Prefers calls\", \"keywords\": [\"vip\", \"poetry\"],"
                        " \"segment\": \"partner\", \"addresses\": [{\"city\": \"London\"}], \"birthday\": \"--12-10\","
                        " \"appLinks\": [{\"source\": \"linkedin.com\", \"uniqueid\": \"ada-l\"}],"
                        " \"customFields\": [{\"id\": \"lead_source\", \"value\": \"Zillow\"}]}");
  deal = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Engine\", \"participants\": [\"countess@home.example\", \"ada@acme.com\"],"
                                                   " \"dealTeam\": [\"countess@home.example\"]}");
  kith_test_add (t, "item", "{\"style\": \"email\", \"date\": \"2026-01-01T00:00:00Z\", \"from\": \"ada@acme.com\", \"subject\": \"Work\"}");
  kith_test_add (t, "item", "{\"style\": \"email\", \"date\": \"2026-03-01T00:00:00Z\", \"from\": \"countess@home.example\","
                  " \"recipients\": [\"ada@acme.com\"], \"subject\": \"Both\"}");
  kith_test_add (t, "item", "{\"style\": \"call\", \"date\": \"2026-05-01T00:00:00Z\", \"participants\": [\"+14155552671\"], \"subject\": \"Catch-up\"}");
  kith_test_add (t, "todo", "{\"subject\": \"Send notes\", \"participants\": [\"countess@home.example\", \"ada@acme.com\"]}");
  kith_test_add (t, "todo", "{\"subject\": \"Call back\", \"participants\": [\"countess@home.example\"]}");
  g_assert_cmpint (kith_store_add_file (t->store, b, "file:///tmp/notes.txt", "notes.txt", 3, "text/plain", FALSE, NULL), >, 0);
  g_assert_cmpint (kith_store_add_file (t->store, a, "file:///tmp/cv.txt", "cv.txt", 3, "text/plain", FALSE, NULL), >, 0);

  a_before = kith_test_dump_record (t, a);
  b_before = kith_test_dump_record (t, b);
  deal_before = kith_test_dump_record (t, deal);
  acme_before = kith_test_dump_record (t, acme);

  t->now += 1000;
  undo_id = kith_store_merge_records_with_undo (t->store, a, b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo_id, >, 0);
  g_assert_cmpint (kith_store_get_record_kind (t->store, b), ==, KITH_RECORD_KIND_INVALID);
  g_assert_cmpint (kith_store_lookup (t->store, "countess@home.example", NULL), ==, a);

  t->now += 1000;
  g_assert_true (kith_store_undo (t->store, undo_id, &error));
  g_assert_no_error (error);

  a_after = kith_test_dump_record (t, a);
  b_after = kith_test_dump_record (t, b);
  deal_after = kith_test_dump_record (t, deal);
  acme_after = kith_test_dump_record (t, acme);
  g_assert_cmpstr (a_after, ==, a_before);
  g_assert_cmpstr (b_after, ==, b_before);
  g_assert_cmpstr (deal_after, ==, deal_before);
  g_assert_cmpstr (acme_after, ==, acme_before);
  g_assert_cmpint (kith_store_lookup (t->store, "countess@home.example", NULL), ==, b);
  g_assert_cmpint (kith_store_lookup (t->store, "linkedin.com:ada-l", NULL), ==, b);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "countess", NULL), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);
}

/* Undo would throw away what was changed after the merge: it is refused, and nothing changes */
static void
test_merge_undo_after_change (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) patch = kith_test_json ("{\"headline\": \"Analyst\"}");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 a = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  gint64 b = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada L\", \"emails\": [\"ada@home.example\"]}");
  gint64 undo_id = kith_store_merge_records_with_undo (t->store, a, b, &error);

  g_assert_cmpint (undo_id, >, 0);
  t->now += 1000;
  g_assert_true (kith_store_update_record (t->store, a, patch, &error));

  before = kith_test_dump (t);
  g_assert_false (kith_store_undo (t->store, undo_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Merge candidates: the same full name (any case, any accents) — not just the same last name */
static void
test_merge_candidates (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  gint64 same = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"ADA LOVELACE\"}");
  gint64 accents = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Adà Lovelacé\"}");
  gint64 byron = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Byron Lovelace\"}");
  /* two spaces, or a no-break space, between the names: the same name */
  gint64 spaced = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada  Lovelace\"}");
  gint64 nbsp = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\u00a0Lovelace\"}");
  gint64 company = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Ada Lovelace\", \"domains\": [\"lovelace.example\"]}");

  ids = kith_store_find_merge_candidates (t->store, ada, &error);
  g_assert_no_error (error);
  g_assert_true (contains_id (ids, same));
  g_assert_true (contains_id (ids, accents));
  g_assert_true (contains_id (ids, spaced));
  g_assert_true (contains_id (ids, nbsp));
  g_assert_false (contains_id (ids, byron));
  g_assert_false (contains_id (ids, company));
  g_assert_false (contains_id (ids, ada));
  g_assert_cmpuint (ids->len, ==, 4);
}

static void
test_merge_companies (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) person = NULL;
  gint64 acme, acme2, ada;

  acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");
  acme2 = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme Corp\", \"domains\": [\"acme.co.uk\"]}");
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"company\": \"acme.co.uk\"}");

  g_assert_true (kith_store_merge_records (t->store, acme, acme2, &error));
  g_assert_no_error (error);
  person = kith_store_get_record (t->store, ada, NULL);
  g_assert_cmpint (json_object_get_int_member (person, "companyId"), ==, acme);
  g_assert_cmpint (kith_store_lookup (t->store, "acme.co.uk", NULL), ==, acme);
  /* The person is found by the company's name, and no longer by the merged one's */
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "acme", NULL), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "corp", NULL), ==, 0);

  /* Undo gives a merged company its people back */
  {
    gint64 initech = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Initech\", \"domains\": [\"initech.example\"]}");
    gint64 peter = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Peter\", \"company\": \"initech.example\"}");
    g_autofree char *peter_before = kith_test_dump_record (t, peter);
    g_autofree char *peter_after = NULL;
    gint64 undo_id = kith_store_merge_records_with_undo (t->store, acme, initech, &error);

    g_assert_cmpint (undo_id, >, 0);
    g_clear_pointer (&person, json_object_unref);
    person = kith_store_get_record (t->store, peter, NULL);
    g_assert_cmpint (json_object_get_int_member (person, "companyId"), ==, acme);
    g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "initech", NULL), ==, 0);
    g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "acme", NULL), ==, 2);
    g_assert_true (kith_store_undo (t->store, undo_id, &error));
    g_assert_no_error (error);
    peter_after = kith_test_dump_record (t, peter);
    g_assert_cmpstr (peter_after, ==, peter_before);
    g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "initech", NULL), ==, 1);
  }

  /* A deleted company's name no longer finds its people */
  g_assert_true (kith_store_delete_record (t->store, acme, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "acme", NULL), ==, 0);
}

static void
test_merge_errors (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");
  gint64 acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");

  before = kith_test_dump (t);
  g_assert_false (kith_store_merge_records (t->store, ada, ada, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kith_store_merge_records (t->store, ada, acme, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "company"));
  g_clear_error (&error);
  g_assert_false (kith_store_merge_records (t->store, ada, 4242, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);
}

static void
test_fts_follows_writes (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rename = NULL;
  gint64 acme, ada;

  acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Zoë Ørsted\", \"emails\": [\"zoe@acme.com\"],"
                                                 " \"phones\": [\"+1 212 555 0100\"], \"company\": \"acme.com\", \"notes\": \"Loves sailing\"}");

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "zoe", NULL), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "sailing", NULL), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "acme", NULL), ==, 1);

  rename = kith_test_json ("{\"name\": \"Roadrunner Supplies\"}");
  g_assert_true (kith_store_update_record (t->store, acme, rename, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "roadrunner", NULL), ==, 1);

  {
    g_autoptr(JsonObject) patch = kith_test_json ("{\"notes\": \"Loves climbing\"}");
    g_assert_true (kith_store_update_record (t->store, ada, patch, &error));
  }
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "sailing", NULL), ==, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "climbing", NULL), ==, 1);

  g_assert_true (kith_store_delete_record (t->store, ada, &error));
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "climbing", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/people", test_merge_people);
  g_test_add_func ("/merge/undo", test_merge_undo);
  g_test_add_func ("/merge/undo-after-change", test_merge_undo_after_change);
  g_test_add_func ("/merge/candidates", test_merge_candidates);
  g_test_add_func ("/merge/companies", test_merge_companies);
  g_test_add_func ("/merge/errors", test_merge_errors);
  g_test_add_func ("/fts/follows-writes", test_fts_follows_writes);

  return g_test_run ();
}
