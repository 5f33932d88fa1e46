/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An import session: what becomes of each row, dry runs, batches, and a second run */

#include <sqlite3.h>

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
import_list (KithTestStore       *t,
             const char * const  *list,
             guint                n,
             gboolean             dry_run)
{
  g_autoptr(GError) error = NULL;
  KithImport *import = kith_import_new (t->store, dry_run);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) record = kith_test_json (list[i]);

      kith_import_add_record (import, i + 1, KITH_RECORD_PERSON, record, NULL);
    }
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);

  return import;
}

#define import_rows(t, dry_run) import_list (t, rows, G_N_ELEMENTS (rows), dry_run)

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

/* Rows with a bit of everything a record holds, for the second run */
static const char *full_rows[] = {
  "{\"name\": \"Eve Moss\", \"emails\": [{\"value\": \"eve@example.com\", \"work\": true}], "
  "\"phones\": [{\"value\": \"+1 202 555 0170\", \"mobile\": true}], \"headline\": \"Architect\", "
  "\"segment\": \"customer\", \"stage\": \"current\", \"keywords\": [\"vip\", \"golf\"], "
  "\"customFields\": [{\"id\": \"colour\", \"value\": \"Teal\"}, {\"id\": \"likes\", \"value\": [\"Pool\", \"Garden\"]}], "
  "\"appLinks\": [{\"source\": \"crm.example.com\", \"uniqueid\": \"e-1\", \"label\": \"Old CRM\", \"url\": \"https://crm.example.com/e-1\"}], "
  "\"addresses\": [{\"street\": \"1 Main St\", \"city\": \"Springfield\", \"home\": true}], "
  "\"anniversaries\": [{\"label\": \"Wedding\", \"date\": \"2010-06-12\"}], \"birthday\": \"1980-02-03\", "
  "\"company\": \"Moss & Co\", \"urls\": [{\"value\": \"https://eve.example.com\"}]}",
  "{\"name\": \"Fay Wu\", \"appLinks\": [{\"source\": \"crm.example.com\", \"uniqueid\": \"f-2\"}], "
  "\"notes\": \"Met at the fair\\nSecond line\"}",
};

/* The rows' ids and times of change, read over a connection of its own: a row deleted and written
 * again, or a record touched, shows here even where its values read the same */
static char *
row_fingerprint (KithTestStore *t)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *out;

  g_assert_cmpint (sqlite3_open (t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT "
                                           "(SELECT group_concat(id || ':' || changed) FROM records), "
                                           "(SELECT group_concat(id) FROM channels), "
                                           "(SELECT group_concat(id) FROM addresses), "
                                           "(SELECT group_concat(id) FROM app_links), "
                                           "(SELECT group_concat(id) FROM occasions), "
                                           "(SELECT group_concat(rowid) FROM custom_values), "
                                           "(SELECT count(*) FROM record_tags), "
                                           "(SELECT count(*) FROM audit)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  out = g_strdup_printf ("%s|%s|%s|%s|%s|%s|%s|%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                         sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                         sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5),
                         sqlite3_column_text (stmt, 6), sqlite3_column_text (stmt, 7));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return out;
}

#define import_full_rows(t) import_list (t, full_rows, G_N_ELEMENTS (full_rows), FALSE)

static void
add_test_fields (KithTestStore *t)
{
  g_autoptr(KithFieldDefinition) colour = g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "colour",
                                                        "name", "Colour", "field-type", "text", NULL);
  g_autoptr(KithFieldDefinition) likes = g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "likes",
                                                       "name", "Likes", "field-type", "multipick",
                                                       "options", (const char *[]) { "Pool", "Garage", "Garden", NULL },
                                                       NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kith_fields_add (t->store, colour, &error), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, likes, &error), >, 0);
  g_assert_no_error (error);
}

/* A second run of the same rows, later, changes nothing: no time of change moves, no list row
 * is rewritten, and every row counts as unchanged */
static void
test_second_run (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) first = NULL;
  g_autoptr(KithImport) again = NULL;
  g_autoptr(KithImport) full = NULL;
  g_autoptr(KithImport) full_again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;

  add_test_fields (t);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Dee Park\", \"emails\": [{\"value\": \"dee@example.com\"}]}");
  first = import_rows (t, FALSE);
  full = import_full_rows (t);
  assert_counts (full, 2, 0, 0, 0, 0);

  t->now += 86400000;
  before = kith_test_dump (t);
  rows_before = row_fingerprint (t);
  again = import_rows (t, FALSE);
  full_again = import_full_rows (t);
  after = kith_test_dump (t);
  rows_after = row_fingerprint (t);

  assert_counts (again, 0, 0, 0, 4, 1);
  assert_counts (full_again, 0, 0, 0, 2, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (rows_before, ==, rows_after);
}

/* An update with what the record holds writes nothing either */
static void
test_update_unchanged (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) full = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) same = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  gint64 id;

  add_test_fields (t);
  full = import_full_rows (t);
  id = kith_store_lookup (t->store, "eve@example.com", NULL);
  g_assert_cmpint (id, >, 0);

  t->now += 86400000;
  same = kith_test_json (full_rows[0]);
  json_object_remove_member (same, "company");
  before = kith_test_dump (t);
  rows_before = row_fingerprint (t);
  g_assert_true (kith_store_update_record (t->store, id, same, &error));
  g_assert_no_error (error);
  after = kith_test_dump (t);
  rows_after = row_fingerprint (t);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (rows_before, ==, rows_after);

  /* and a real change still moves the time of change */
  json_object_set_string_member (same, "headline", "Planner");
  g_assert_true (kith_store_update_record (t->store, id, same, &error));
  g_assert_no_error (error);
  record = kith_store_get_record (t->store, id, &error);
  g_assert_cmpint (json_object_get_int_member (record, "lastChanged"), ==, t->now);
  g_assert_cmpstr (json_object_get_string_member (record, "headline"), ==, "Planner");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/outcomes", test_outcomes);
  g_test_add_func ("/import/dry-run", test_dry_run);
  g_test_add_func ("/import/abort", test_abort);
  g_test_add_func ("/import/second-run", test_second_run);
  g_test_add_func ("/import/update-unchanged", test_update_unchanged);

  return g_test_run ();
}
