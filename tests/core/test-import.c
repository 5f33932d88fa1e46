/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An import session: what becomes of each row, dry runs, batches, a second run, and the bulk
 * path of typed rows against the JSON one */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kith-record-input.h"
#include "kith-statement.h"
#include "kith-synckey.h"
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

/* The bulk path (typed rows, kith_import_add_values) against the JSON path
 * (kith_import_add_record): the same rows, merging into people Kith had, updating them and
 * adding new ones, leave the same records, counts and reasons.
 *
 * One row of a file, as a contacts export has it */
typedef struct {
  const char *first, *last;
  const char *emails[3];
  const char *phone;
  const char *street, *city;
  const char *tags[3];
  const char *headline, *company, *notes, *birthday;
  const char *app_id, *app_unique_id;
} BulkRow;

/* People Kith had before the import */
static const char *bulk_existing[] = {
  "{\"name\": \"Dee Park\", \"emails\": [{\"value\": \"dee@example.com\"}], \"headline\": \"Broker\"}",
  "{\"name\": \"Eve Moss\", \"emails\": [{\"value\": \"eve@example.com\"}], \"keywords\": [\"vip\"]}",
  "{\"name\": \"Gus Hall\", \"appLinks\": [{\"source\": \"salesforce.com\", \"uniqueid\": \"003A\"}]}",
};

static const BulkRow bulk_rows[] = {
  /* new, with everything; a street of two lines */
  { "Ann", "Lee", { "ann@example.com", "ann.lee@work.example", NULL }, "+1 202 555 0101",
    "1 Main St\nApt 2", "Springfield", { "friends", "golf", NULL }, "Engineer", "Acme", "Met at a fair",
    "1990-04-02" },
  /* new, then the same person again with a phone: merged into the row before */
  { "Bob", "Stone", { "bob@example.com", NULL } },
  { "Bob", "Stone", { "BOB@example.com", NULL }, "+1 202 555 0142" },
  /* Dee was in Kith: updated with a phone, an address and a tag */
  { "Dee", "Park", { "dee@example.com", NULL }, "+1 202 555 0177", "9 Elm St", "Shelbyville", { "broker", NULL } },
  /* Eve was in Kith with all of this: unchanged */
  { "Eve", "Moss", { "eve@example.com", NULL }, NULL, NULL, NULL, { "vip", NULL } },
  /* Gus was in Kith by his app link: updated with an email, under his name as Kith has it */
  { "Gus", "H.", { "gus@example.com", NULL }, .app_id = "salesforce.com", .app_unique_id = "003A" },
  /* refused: a date past the year 9999 */
  { "Cy", "Young", { NULL }, .birthday = "10000-01-01" },
  /* refused: an email that is none */
  { "Hal", "Ray", { "not an email", NULL } },
};

static JsonObject *
row_json (const BulkRow *row)
{
  JsonObject *obj = json_object_new ();
  JsonArray *emails = json_array_new ();
  JsonArray *tags = json_array_new ();

  json_object_set_string_member (obj, "first", row->first);
  json_object_set_string_member (obj, "last", row->last);
  for (guint i = 0; row->emails[i] != NULL; i++)
    {
      JsonObject *email = json_object_new ();

      json_object_set_string_member (email, "value", row->emails[i]);
      if (i == 0)
        json_object_set_boolean_member (email, "work", TRUE);
      json_array_add_object_element (emails, email);
    }
  json_object_set_array_member (obj, "emails", emails);
  if (row->phone != NULL)
    {
      JsonObject *phone = json_object_new ();
      JsonArray *phones = json_array_new ();

      json_object_set_string_member (phone, "value", row->phone);
      json_object_set_boolean_member (phone, "mobile", TRUE);
      json_array_add_object_element (phones, phone);
      json_object_set_array_member (obj, "phones", phones);
    }
  if (row->street != NULL)
    {
      JsonObject *address = json_object_new ();
      JsonArray *addresses = json_array_new ();

      json_object_set_string_member (address, "street", row->street);
      json_object_set_string_member (address, "city", row->city);
      json_object_set_boolean_member (address, "home", TRUE);
      json_array_add_object_element (addresses, address);
      json_object_set_array_member (obj, "addresses", addresses);
    }
  for (guint i = 0; row->tags[i] != NULL; i++)
    json_array_add_string_element (tags, row->tags[i]);
  if (row->tags[0] != NULL)
    json_object_set_array_member (obj, "keywords", json_array_ref (tags));
  json_array_unref (tags);
  if (row->headline != NULL)
    json_object_set_string_member (obj, "headline", row->headline);
  if (row->company != NULL)
    json_object_set_string_member (obj, "company", row->company);
  if (row->notes != NULL)
    json_object_set_string_member (obj, "notes", row->notes);
  if (row->birthday != NULL)
    json_object_set_string_member (obj, "birthday", row->birthday);
  if (row->app_id != NULL)
    {
      JsonObject *link = json_object_new ();
      JsonArray *links = json_array_new ();

      json_object_set_string_member (link, "source", row->app_id);
      json_object_set_string_member (link, "uniqueid", row->app_unique_id);
      json_array_add_object_element (links, link);
      json_object_set_array_member (obj, "appLinks", links);
    }

  return obj;
}

static KithRecordValues *
row_values (const BulkRow *row)
{
  KithRecordValues *values = kith_record_values_new ();
  GPtrArray *emails = kith_record_values_list (values, KITH_FIELD_EMAILS);

  kith_record_values_set_text (values, KITH_FIELD_FIRST, row->first);
  kith_record_values_set_text (values, KITH_FIELD_LAST, row->last);
  for (guint i = 0; row->emails[i] != NULL; i++)
    g_ptr_array_add (emails, kith_record_channel_new (row->emails[i], i == 0 ? "work" : NULL, FALSE));
  if (row->phone != NULL)
    g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_PHONES),
                     kith_record_channel_new (row->phone, "mobile", FALSE));
  if (row->street != NULL)
    {
      KithRecordAddress *address = kith_record_address_new (row->street);

      address->city = g_strdup (row->city);
      address->label = g_strdup ("home");
      g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_ADDRESSES), address);
    }
  if (row->tags[0] != NULL)
    kith_record_values_take_strv (values, KITH_FIELD_KEYWORDS, g_strdupv ((char **) row->tags));
  kith_record_values_set_text (values, KITH_FIELD_HEADLINE, row->headline);
  kith_record_values_set_text (values, KITH_FIELD_COMPANY, row->company);
  kith_record_values_set_text (values, KITH_FIELD_NOTES, row->notes);
  kith_record_values_set_text (values, KITH_FIELD_BIRTHDAY, row->birthday);
  if (row->app_id != NULL)
    {
      KithRecordAppLink *link = g_new0 (KithRecordAppLink, 1);

      link->source = g_strdup (row->app_id);
      link->uniqueid = g_strdup (row->app_unique_id);
      g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_APP_LINKS), link);
    }

  return values;
}

static KithTestStore *
store_with_existing (void)
{
  KithTestStore *t = kith_test_store_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bulk_existing); i++)
    kith_test_create (t, KITH_RECORD_PERSON, bulk_existing[i]);
  return t;
}

/* Imports every row, on the bulk path or the JSON one */
static KithImport *
import_bulk_rows (KithTestStore *t,
             gboolean       bulk,
             gboolean       dry_run)
{
  g_autoptr(GError) error = NULL;
  KithImport *import = kith_import_new (t->store, dry_run);

  for (guint i = 0; i < G_N_ELEMENTS (bulk_rows); i++)
    {
      if (bulk)
        {
          g_autoptr(KithRecordValues) values = row_values (&bulk_rows[i]);

          kith_import_add_values (import, i + 1, KITH_RECORD_PERSON, values, NULL);
        }
      else
        {
          g_autoptr(JsonObject) record = row_json (&bulk_rows[i]);

          kith_import_add_record (import, i + 1, KITH_RECORD_PERSON, record, NULL);
        }
    }
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);

  return import;
}

static void
assert_same_import (KithImport *a,
                    KithImport *b)
{
  for (KithImportOutcome o = 0; o < KITH_IMPORT_N_OUTCOMES; o++)
    g_assert_cmpuint (kith_import_get_count (a, o), ==, kith_import_get_count (b, o));
  g_assert_cmpuint (kith_import_get_n_rejections (a), ==, kith_import_get_n_rejections (b));
  for (guint i = 0; i < kith_import_get_n_rejections (a); i++)
    {
      g_assert_cmpuint (kith_import_get_rejection (a, i)->row, ==, kith_import_get_rejection (b, i)->row);
      g_assert_cmpstr (kith_import_get_rejection (a, i)->reason, ==, kith_import_get_rejection (b, i)->reason);
    }
}

/* Everything stored, as JSON, without the sync keys each store makes up */
static char *
dump (KithTestStore *t)
{
  g_autofree char *all = kith_test_dump (t);
  g_autoptr(GRegex) keys = g_regex_new ("\"(company)?[sS]yncKey\":\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (keys, all, -1, 0, "", 0, NULL);
}

/* Every record, as JSON, the same on both paths */
static void
test_bulk_same_records (void)
{
  g_autoptr(KithTestStore) by_json = store_with_existing ();
  g_autoptr(KithTestStore) by_bulk = store_with_existing ();
  g_autoptr(KithImport) json_import = import_bulk_rows (by_json, FALSE, FALSE);
  g_autoptr(KithImport) bulk_import = import_bulk_rows (by_bulk, TRUE, FALSE);
  g_autofree char *json_dump = dump (by_json);
  g_autofree char *bulk_dump = dump (by_bulk);

  assert_counts (bulk_import, 2, 2, 1, 1, 2);
  assert_same_import (json_import, bulk_import);
  g_assert_cmpstr (bulk_dump, ==, json_dump);
}

/* A dry run on the bulk path counts as the real import does and writes nothing; a second run
 * of the same rows changes nothing */
static void
test_bulk_dry_run_and_second_run (void)
{
  g_autoptr(KithTestStore) t = store_with_existing ();
  g_autofree char *before = kith_test_dump (t);
  g_autoptr(KithImport) dry = import_bulk_rows (t, TRUE, TRUE);
  g_autofree char *after_dry = kith_test_dump (t);
  g_autoptr(KithImport) first = import_bulk_rows (t, TRUE, FALSE);
  g_autofree char *after_first = kith_test_dump (t);
  g_autoptr(KithImport) second = import_bulk_rows (t, TRUE, FALSE);
  g_autofree char *after_second = kith_test_dump (t);

  g_assert_cmpstr (after_dry, ==, before);
  assert_same_import (dry, first);
  g_assert_cmpstr (after_second, ==, after_first);
  assert_counts (second, 0, 0, 0, 6, 2);
}

/* Rows beyond a batch: an aborted import keeps the committed batches, each of whole records */
static void
test_bulk_abort_keeps_batches (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GArray) all = NULL;
  const guint n = 2500;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithRecordValues) values = kith_record_values_new ();
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autofree char *email = g_strdup_printf ("p%u@example.com", i);

      kith_record_values_set_text (values, KITH_FIELD_NAME, name);
      g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_EMAILS), kith_record_channel_new (email, NULL, FALSE));
      g_assert_cmpint (kith_import_add_values (import, i + 1, KITH_RECORD_PERSON, values, NULL), ==, KITH_IMPORT_CREATED);
    }
  kith_import_abort (import);

  all = kith_store_find (t->store, KITH_RECORD_PERSON, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT, NULL, NULL);
  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, >, 0);
  g_assert_cmpuint (all->len, <, n);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(JsonObject) record = kith_store_get_record (t->store, g_array_index (all, gint64, i), NULL);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "emails")), ==, 1);
    }
}

/* A figure of this process's /proc/self/status, in KiB */
static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* Imports as the window does: on the store's worker, a person a row */
static gpointer
import_people_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  g_autoptr(KithImport) import = kith_import_new (store, FALSE);
  guint n = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithRecordValues) values = kith_record_values_new ();
      g_autofree char *name = g_strdup_printf ("Person %u Lindqvist-Okafor", i);
      g_autofree char *email = g_strdup_printf ("person.%u@agency%u.example", i, i % 97);
      g_autofree char *notes = g_strdup_printf ("Met at the open house on Elm Street, lot %u; wants three bedrooms "
                                                "and a garden, budget to be confirmed after the survey", i);

      kith_record_values_set_text (values, KITH_FIELD_NAME, name);
      kith_record_values_set_text (values, KITH_FIELD_NOTES, notes);
      g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_EMAILS), kith_record_channel_new (email, NULL, FALSE));
      g_assert_cmpint (kith_import_add_values (import, i + 1, KITH_RECORD_PERSON, values, NULL), ==, KITH_IMPORT_CREATED);
    }

  return kith_import_finish (import, error) ? GUINT_TO_POINTER (n) : NULL;
}

/* Once an import is done, the memory of its larger page cache (64 MB, against the store's
 * own 8) goes back to the system, not only to the C library: the resident memory falls back
 * from the import's peak, which it stayed at before */
static void
test_bulk_memory_given_back (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 30000;
  gint64 before, peak, after;

  before = status_kib ("VmRSS:");
  kith_store_run_async (t->store, import_people_job, GUINT_TO_POINTER (n), NULL, NULL, NULL,
                        kith_test_result_cb, &result);
  g_assert_cmpuint (GPOINTER_TO_UINT (kith_store_run_finish (t->store, kith_test_wait_result (&result), &error)), ==, n);
  g_assert_no_error (error);
  peak = status_kib ("VmHWM:");
  after = status_kib ("VmRSS:");
  g_test_message ("resident memory: %" G_GINT64_FORMAT " KiB before, %" G_GINT64_FORMAT " at the peak, %"
                  G_GINT64_FORMAT " after", before, peak, after);

  g_assert_cmpint (peak - before, >, 24 * 1024);
  g_assert_cmpint (after - before, <, (peak - before) / 2);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* The number @sql reads, on the calling thread */
static gint64
query_value (KithStore  *store,
             const char *sql)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 n;

  kith_store_lock (store);
  g_assert_true (kith_statement_prepare_once (&st, store, sql, NULL));
  n = kith_statement_get_int64 (&st, NULL);
  kith_statement_clear (&st);
  kith_store_unlock (store);

  return n;
}

/* An import's commits do not copy the WAL back into the database themselves: a thread of the
 * store's does, beside the import. When the import ends, before any other write, the database
 * file already holds most of what it wrote, and it reads whole; the writes after it go on. */
static void
test_bulk_checkpoints_beside (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *wal = g_strconcat (t->path, "-wal", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 40000;
  gint64 before = file_size (t->path);

  kith_store_run_async (t->store, import_people_job, GUINT_TO_POINTER (n), NULL, NULL, NULL,
                        kith_test_result_cb, &result);
  g_assert_cmpuint (GPOINTER_TO_UINT (kith_store_run_finish (t->store, kith_test_wait_result (&result), &error)), ==, n);
  g_assert_no_error (error);
  g_test_message ("database %" G_GINT64_FORMAT " KiB before, %" G_GINT64_FORMAT " KiB after; WAL %"
                  G_GINT64_FORMAT " KiB", before / 1024, file_size (t->path) / 1024, file_size (wal) / 1024);

  g_assert_cmpint (file_size (t->path), >, before + 16 * 1024 * 1024);
  g_assert_cmpint (query_value (t->store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);
  g_assert_cmpint (query_value (t->store, "SELECT count(*) FROM records"), ==, n);

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Cy Young\", \"emails\": [{\"value\": \"cy@example.com\"}]}");
  g_assert_cmpint (kith_store_lookup (t->store, "person.39999@agency35.example", NULL), !=, 0);
  g_assert_cmpint (kith_store_lookup (t->store, "cy@example.com", NULL), !=, 0);
}

/* A normalizer that counts the numbers it is asked, by thread, and holds the first one until
 * the test opens its gate (or two seconds pass) */
typedef struct {
  GMutex   lock;
  GCond    cond;
  gboolean open;
  GThread *test_thread;
  guint    on_test_thread;
  guint    elsewhere;
} Gate;

static char *
gated_normalize (const char *phone,
                 const char *region,
                 gpointer    user_data)
{
  Gate *gate = user_data;
  gint64 until = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&gate->lock);
  if (g_thread_self () == gate->test_thread)
    gate->on_test_thread++;
  else
    {
      while (!gate->open && g_cond_wait_until (&gate->cond, &gate->lock, until))
        ;
      gate->elsewhere++;
      g_cond_broadcast (&gate->cond);
    }
  g_mutex_unlock (&gate->lock);

  return kith_synckey_phone_digits (phone, region);
}

static KithRecordValues *
caller_row (guint i)
{
  KithRecordValues *values = kith_record_values_new ();
  g_autofree char *name = g_strdup_printf ("Caller %u", i);
  g_autofree char *phone = g_strdup_printf ("+1 415 555 01%02u", i);

  kith_record_values_set_text (values, KITH_FIELD_NAME, name);
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_PHONES), kith_record_channel_new (phone, NULL, FALSE));
  return values;
}

/* Numbers normalized ahead are not dropped at the import's checkpoints (its transactions of
 * 2,000 rows): each number is normalized once, on the second thread. A fourth row is read ahead
 * and never added: the second thread takes the numbers in turn, so once it is at the fourth, the
 * first three are in the store's numbers (a number is remembered after the normalizer returns) */
static void
test_bulk_ahead_across_checkpoint (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GPtrArray) ahead = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_record_values_free);
  g_autoptr(KithRecordValues) first = kith_record_values_new ();
  g_autoptr(GError) error = NULL;
  Gate gate = { .test_thread = g_thread_self () };
  gint64 until;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  kith_store_set_phone_normalizer (t->store, gated_normalize, &gate, NULL);
  for (guint i = 0; i < 4; i++)
    {
      g_ptr_array_add (ahead, caller_row (i));
      kith_import_normalize_ahead (import, g_ptr_array_index (ahead, i));
    }

  /* A checkpoint while the second thread is still at its first number */
  kith_record_values_set_text (first, KITH_FIELD_NAME, "Ann Lee");
  g_assert_cmpint (kith_import_add_values (import, 1, KITH_RECORD_PERSON, first, NULL), ==, KITH_IMPORT_CREATED);
  g_assert_true (kith_import_checkpoint (import, &error));
  g_assert_no_error (error);

  g_mutex_lock (&gate.lock);
  gate.open = TRUE;
  g_cond_broadcast (&gate.cond);
  until = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (gate.elsewhere < 4 && g_cond_wait_until (&gate.cond, &gate.lock, until))
    ;
  g_mutex_unlock (&gate.lock);

  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (kith_import_add_values (import, i + 2, KITH_RECORD_PERSON, g_ptr_array_index (ahead, i), NULL),
                     ==, KITH_IMPORT_CREATED);
  g_assert_cmpuint (gate.on_test_thread, ==, 0);
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gate.elsewhere, ==, 4);
  g_assert_cmpint (kith_store_lookup (t->store, "+1 415 555 0102", NULL), !=, 0);
  kith_store_set_phone_normalizer (t->store, NULL, NULL, NULL);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

static int
pragma_value (KithStore  *store,
              const char *pragma)
{
  return (int) query_value (store, pragma);
}

static int
sync_level (KithStore *store)
{
  return pragma_value (store, "PRAGMA synchronous");
}

/* In KiB, as the store sets it */
static int
cache_kib (KithStore *store)
{
  return -pragma_value (store, "PRAGMA cache_size");
}

static KithRecordValues *
person_values (const char *name,
               const char *email)
{
  KithRecordValues *values = kith_record_values_new ();

  kith_record_values_set_text (values, KITH_FIELD_NAME, name);
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_EMAILS), kith_record_channel_new (email, NULL, FALSE));
  return values;
}

/* Pages the WAL may hold before a commit checkpoints it */
static int
wal_pages (KithStore *store)
{
  return pragma_value (store, "PRAGMA wal_autocheckpoint");
}

/* An import's batches commit with synchronous = NORMAL (WAL: whole after a crash, the last
 * commits lost to a power cut only), with a page cache of 64 MB, and none of them checkpoints
 * (a thread of the store's does, /import/bulk/checkpoints-beside); a dry run changes nothing,
 * and other writes, once the import is gone, commit with FULL again, with the store's 8 MB and
 * SQLite's checkpoint every 1,000 pages */
static void
test_bulk_sync_normal (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) dry = kith_import_new (t->store, TRUE);
  g_autoptr(KithImport) import = NULL;
  g_autoptr(KithRecordValues) ann = person_values ("Ann Lee", "ann@example.com");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sync_level (t->store), ==, 2);
  g_assert_cmpint (cache_kib (t->store), ==, 8000);
  g_assert_cmpint (wal_pages (t->store), ==, 1000);
  g_assert_cmpint (kith_import_add_values (dry, 1, KITH_RECORD_PERSON, ann, NULL), ==, KITH_IMPORT_CREATED);
  g_assert_cmpint (sync_level (t->store), ==, 2);
  g_assert_cmpint (cache_kib (t->store), ==, 8000);
  g_assert_true (kith_import_finish (dry, &error));
  g_assert_no_error (error);
  g_clear_object (&dry);

  import = kith_import_new (t->store, FALSE);
  g_assert_cmpint (kith_import_add_values (import, 1, KITH_RECORD_PERSON, ann, NULL), ==, KITH_IMPORT_CREATED);
  g_assert_cmpint (sync_level (t->store), ==, 1);
  g_assert_cmpint (cache_kib (t->store), ==, 65536);
  g_assert_cmpint (wal_pages (t->store), ==, 0);
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);
  g_clear_object (&import);

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Cy Young\"}");
  g_assert_cmpint (sync_level (t->store), ==, 2);
  g_assert_cmpint (cache_kib (t->store), ==, 8000);
  g_assert_cmpint (wal_pages (t->store), ==, 1000);
  g_assert_cmpint (kith_store_lookup (t->store, "ann@example.com", NULL), !=, 0);
}

/* Email keys and names compared ignoring case take a shortcut for ASCII: the same keys as the
 * Unicode path, which other text still takes */
static void
test_ascii_keys (void)
{
  static const struct { const char *in, *key; } emails[] = {
    { "  Ada.Lovelace@Example.COM ", "ada.lovelace@example.com" },
    { "Ada <ADA@example.com>", "ada@example.com" },
    { "ÅSA@Example.com", "åsa@example.com" },
  };
  static const struct { const char *in, *key; } names[] = {
    { "  Ada\tLOVELACE  Jr ", "ada lovelace jr" },
    { "Zoë  Ørsted", "zoe ørsted" },
    { "ZOË\nørsted", "zoe ørsted" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autofree char *key = kith_synckey_email (emails[i].in, NULL);

      g_assert_cmpstr (key, ==, emails[i].key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *key = kith_records_sort_name (names[i].in);

      g_assert_cmpstr (key, ==, names[i].key);
    }
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
  g_test_add_func ("/import/bulk/same-records", test_bulk_same_records);
  g_test_add_func ("/import/bulk/dry-run-and-second-run", test_bulk_dry_run_and_second_run);
  g_test_add_func ("/import/bulk/abort-keeps-batches", test_bulk_abort_keeps_batches);
  g_test_add_func ("/import/bulk/ahead-across-checkpoint", test_bulk_ahead_across_checkpoint);
  g_test_add_func ("/import/bulk/sync-normal", test_bulk_sync_normal);
  g_test_add_func ("/import/bulk/memory-given-back", test_bulk_memory_given_back);
  g_test_add_func ("/import/bulk/checkpoints-beside", test_bulk_checkpoints_beside);
  g_test_add_func ("/import/ascii-keys", test_ascii_keys);

  return g_test_run ();
}
