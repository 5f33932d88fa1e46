/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <sqlite3.h>

#include "kith-schema.h"
#include "kith-test-util.h"

static void
test_open_creates_current_schema (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_true (g_file_test (t->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (kith_store_get_schema_version (t->store), ==, kith_schema_get_n_migrations ());
  g_assert_cmpint (kith_schema_get_n_migrations (), >=, 2);

  /* WAL and foreign keys, as another connection sees them */
  g_assert_cmpint (sqlite3_open (t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_reopen_keeps_data (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rec = NULL;
  gint64 id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\", \"emails\": [\"grace@navy.example\"]}");

  g_assert_true (kith_store_set_setting (t->store, "me", "me@kith.example", &error));
  g_clear_object (&t->store);

  t->store = kith_store_open (t->path, &error);
  g_assert_no_error (error);
  rec = kith_store_get_record (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (rec, "name"), ==, "Grace Hopper");
  g_assert_cmpint (kith_store_lookup (t->store, "grace@navy.example", NULL), ==, id);
  {
    g_autofree char *me = kith_store_dup_setting (t->store, "me");
    g_assert_cmpstr (me, ==, "me@kith.example");
  }
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A new database at @path as schema @version left it, open */
static sqlite3 *
db_at_version (const char *path,
               guint       version)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", version);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 1; v <= version; v++)
    exec_sql (db, kith_schema_get_migration (v));
  exec_sql (db, bump);

  return db;
}

/* A database written by the first schema version is upgraded, and what it held is searchable. */
static void
test_migrate_from_version_1 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(KithStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rec = NULL;
  sqlite3 *db;

  db = db_at_version (path, 1);
  exec_sql (db, "INSERT INTO records (id, kind, sync_key, name, sort_name, created, changed) "
                "VALUES (7, 0, 'k-7', 'Hedy Lamarr', 'hedy lamarr', 1, 1)");
  exec_sql (db, "INSERT INTO channels (record_id, type, value, key) VALUES (7, 'email', 'hedy@example.com', 'hedy@example.com')");
  sqlite3_close (db);

  store = kith_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_get_schema_version (store), ==, kith_schema_get_n_migrations ());

  rec = kith_store_get_record (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (rec, "name"), ==, "Hedy Lamarr");
  g_assert_cmpint (kith_store_lookup (store, "Hedy@Example.com", NULL), ==, 7);
  g_assert_cmpuint (kith_store_count (store, KITH_RECORD_PERSON, "lamarr", &error), ==, 1);
  g_assert_no_error (error);

  g_clear_object (&store);
  kith_test_rm_rf (dir);
}

/* Whether @sql's first row's first column is @text */
static gboolean
row_is (sqlite3    *db,
        const char *sql,
        const char *text)
{
  sqlite3_stmt *stmt;
  gboolean same;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  same = sqlite3_step (stmt) == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), text) == 0;
  sqlite3_finalize (stmt);

  return same;
}

/* A database of schema 25, whose sort names held numbers as text, lists them by their value
 * once upgraded: "21 Cedar Lane" before "192 Pine Court". A name without a digit is as it was. */
static void
test_migrate_numbers_by_value (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(KithStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  static const gint64 expected[] = { 3, 2, 1, 4 };
  sqlite3 *db;

  db = db_at_version (path, 25);
  exec_sql (db, "INSERT INTO records (id, kind, sync_key, name, sort_name, created, changed) VALUES "
                "(1, 2, 'k-1', '192 Pine Court', '192 pine court', 1, 1), "
                "(2, 2, 'k-2', '21 Cedar Lane', '21 cedar lane', 1, 1), "
                "(3, 2, 'k-3', '7 Oak Street', '7 oak street', 1, 1), "
                "(4, 2, 'k-4', 'Harbour House', 'harbour house', 1, 1)");
  sqlite3_close (db);

  store = kith_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_get_schema_version (store), ==, kith_schema_get_n_migrations ());

  ids = kith_store_find (store, KITH_RECORD_PROJECT, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (row_is (db, "SELECT sort_name FROM records WHERE id = 4", "harbour house"));
  g_assert_true (row_is (db, "SELECT sort_name FROM records WHERE id = 1", "3192 pine court"));
  sqlite3_close (db);
  kith_test_rm_rf (dir);
}

/* A database from before the identity rule keeps everyone as they were, and takes shared phones
 * from then on */
static void
test_migrate_shared_keys (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(KithStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(JsonObject) gene = kith_test_json ("{\"name\": \"Gene Markey\", \"phones\": [\"+14155550123\"]}");
  g_autoptr(JsonObject) hedy = kith_test_json ("{\"name\": \"Hedy Lamarr\", \"phones\": [\"+14155550123\"], \"keywords\": [\"film\"]}");
  g_autoptr(JsonObject) taken = kith_test_json ("{\"name\": \"Somebody\", \"emails\": [\"hedy@example.com\"]}");
  gboolean merged = TRUE;
  sqlite3 *db;
  gint64 id;

  db = db_at_version (path, 5);
  exec_sql (db, "INSERT INTO records (id, kind, sync_key, name, sort_name, created, changed) "
                "VALUES (7, 0, 'k-7', 'Hedy Lamarr', 'hedy lamarr', 1, 1), (8, 0, 'k-8', 'Howard Hughes', 'howard hughes', 1, 1)");
  exec_sql (db, "INSERT INTO channels (record_id, type, value, key) VALUES "
                "(7, 'email', 'hedy@example.com', 'hedy@example.com'), (7, 'phone', '+1 415 555 0123', '+14155550123'), "
                "(8, 'phone', '+1 415 555 0199', '+14155550199')");
  sqlite3_close (db);

  store = kith_store_open (path, &error);
  g_assert_no_error (error);
  kith_store_set_region (store, "US");
  g_assert_cmpint (kith_store_get_schema_version (store), ==, kith_schema_get_n_migrations ());

  /* Nobody merged or split */
  g_assert_cmpuint (kith_store_count (store, KITH_RECORD_PERSON, "", NULL), ==, 2);
  rec = kith_store_get_record (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "phones")), ==, 1);
  g_assert_cmpint (kith_store_lookup (store, "+14155550123", NULL), ==, 7);
  g_assert_cmpint (kith_store_lookup (store, "+14155550199", NULL), ==, 8);

  /* Her phone with another name is another person; with her name, her */
  id = kith_store_create_record (store, KITH_RECORD_PERSON, gene, &merged, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 7);
  g_assert_false (merged);
  id = kith_store_create_record (store, KITH_RECORD_PERSON, hedy, &merged, &error);
  g_assert_cmpint (id, ==, 7);
  g_assert_true (merged);

  /* Emails stay unique */
  g_assert_cmpint (kith_store_update_record (store, 8, taken, &error), ==, FALSE);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);

  g_clear_object (&store);
  kith_test_rm_rf (dir);
}

/* One integer from @sql on @db */
static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Whether SQLite's program for @sql builds a table in memory (as `x IN ('a','b','c')` does) */
static gboolean
builds_ephemeral_table (sqlite3    *db,
                        const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN ", sql, NULL);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    found |= g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "OpenEphemeral") == 0;
  sqlite3_finalize (stmt);

  return found;
}

/* The tables and indexes of the database at @path, and their tables (statistics aside) */
static char *
schema_names (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *names;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat(name || ':' || tbl_name, ' ') FROM "
                                           "(SELECT name, tbl_name FROM sqlite_schema "
                                           " WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  names = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return names;
}

/* A store another tool wrote with foreign keys off, with a link to a row that is not there, still
 * opens and upgrades: a migration refuses only links it breaks itself */
static void
test_migrate_keeps_old_broken_links (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(KithStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint before = kith_schema_get_n_migrations () - 1;
  sqlite3 *db;

  db = db_at_version (path, before);
  /* A channel of record 99, which is not there */
  exec_sql (db, "INSERT INTO channels (id, record_id, type, value, key) VALUES (1, 99, 'email', 'a@example.com', 'a@example.com')");
  sqlite3_close (db);

  store = kith_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_get_schema_version (store), ==, kith_schema_get_n_migrations ());
}

/* The tables written per row of a load, made anew with their checks as comparisons: a store of
 * the schema before keeps every row (with its id), index, full-text row and link, and the
 * checks still refuse what they refused */
static void
test_migrate_checks_as_comparisons (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(KithStore) store = NULL;
  g_autoptr(KithStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rec = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = NULL;
  guint before = 1;
  sqlite3 *db;

  /* The migration before this one, wherever it lands */
  while (strstr (kith_schema_get_migration (before + 1), "CREATE TABLE new_timeline ") == NULL)
    before++;
  db = db_at_version (path, before);
  exec_sql (db, "INSERT INTO records (id, kind, sync_key, name, sort_name, created, changed) "
                "VALUES (8, 1, 'k-8', 'MGM', 'mgm', 1, 1);"
                "INSERT INTO records (id, kind, sync_key, name, sort_name, company_id, do_not_email, created, changed) "
                "VALUES (7, 0, 'k-7', 'Hedy Lamarr', 'hedy lamarr', 8, 1, 1, 1);"
                "INSERT INTO records_fts (rowid, name) VALUES (7, 'Hedy Lamarr');"
                "INSERT INTO channels (id, record_id, type, value, key) VALUES "
                "(40, 7, 'email', 'hedy@example.com', 'hedy@example.com'), (41, 7, 'phone', '+1 415 555 0123', '+14155550123');"
                "INSERT INTO timeline (id, kind, date, subject, body, direction, outcome, message_id, created) VALUES "
                "(3, 'email', 5, 'Frequency hopping', 'About the torpedo', 'inbound', NULL, '<m3@example.com>', 5), "
                "(9, 'call', 6, 'Phone call', NULL, 'outbound', 'leftvm', NULL, 6);"
                "INSERT INTO timeline_fts (timeline_fts) VALUES ('rebuild');"
                "INSERT INTO timeline_people (rowid, item_id, role, value, key, record_id) VALUES "
                "(20, 3, 'from', 'hedy@example.com', 'hedy@example.com', 7), (21, 9, 'to', '+1 415 555 0123', '+14155550123', 7);"
                "INSERT INTO mail_messages (id, account, message_id, folder, uid, role, date, direction, item_id) VALUES "
                "(1, 'a', '<m3@example.com>', 'INBOX', '1', 'inbox', 5, 'inbound', 3)");
  sqlite3_close (db);

  store = kith_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_get_schema_version (store), ==, kith_schema_get_n_migrations ());
  g_assert_cmpint (kith_store_lookup (store, "Hedy@Example.com", NULL), ==, 7);
  g_assert_cmpint (kith_store_lookup (store, "+14155550123", NULL), ==, 7);
  rec = kith_store_get_record (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "phones")), ==, 1);
  g_assert_cmpuint (kith_store_count (store, KITH_RECORD_PERSON, "lamarr", &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Rows, ids, full text and links as they were; the same tables and indexes as a new store */
  fresh = kith_store_open (fresh_path, &error);
  g_assert_no_error (error);
  g_clear_object (&fresh);
  fresh_schema = schema_names (fresh_path);
  schema = schema_names (path);
  g_assert_cmpstr (schema, ==, fresh_schema);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "PRAGMA foreign_keys = ON");
  g_assert_cmpint (query_int (db, "SELECT company_id * do_not_email FROM records WHERE id = 7 AND sync_key = 'k-7'"), ==, 8);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM channels WHERE id IN (40, 41) AND record_id = 7"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT outcome = 'leftvm' FROM timeline WHERE id = 9"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH 'torpedo'"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT rowid FROM timeline_people WHERE item_id = 9"), ==, 21);
  g_assert_cmpint (query_int (db, "SELECT item_id FROM mail_messages WHERE id = 1"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);

  /* The same rules, checked without a table in memory */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO timeline (kind, date, created) VALUES ('fax', 1, 1)", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO timeline (kind, date, outcome, created) VALUES ('call', 1, 'busy', 1)", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO timeline_people (item_id, role) VALUES (3, 'boss')", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO channels (record_id, type, value) VALUES (7, 'pager', '1')", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO records (kind, sync_key, name, sort_name, created, changed) VALUES (3, 'k-9', 'x', 'x', 1, 1)", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_false (builds_ephemeral_table (db, "INSERT INTO records (kind, sync_key, name, sort_name, created, changed) VALUES (?, ?, ?, ?, ?, ?)"));
  g_assert_false (builds_ephemeral_table (db, "INSERT INTO timeline (kind, date, body_type, direction, outcome, created) VALUES (?, ?, ?, ?, ?, ?)"));
  g_assert_false (builds_ephemeral_table (db, "INSERT INTO timeline_people (item_id, role, value) VALUES (?, ?, ?)"));
  g_assert_false (builds_ephemeral_table (db, "INSERT INTO channels (record_id, type, value) VALUES (?, ?, ?)"));

  /* The new tables' foreign keys hold: an item deleted takes its people, and unlinks its mail;
   * a company deleted unlinks its people, a person deleted takes their channels */
  exec_sql (db, "DELETE FROM timeline WHERE id = 3");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM timeline_people WHERE item_id = 3"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT item_id IS NULL FROM mail_messages WHERE id = 1"), ==, 1);
  exec_sql (db, "DELETE FROM records WHERE id = 8");
  g_assert_cmpint (query_int (db, "SELECT company_id IS NULL FROM records WHERE id = 7"), ==, 1);
  exec_sql (db, "DELETE FROM records WHERE id = 7");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM channels"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM timeline_people WHERE record_id IS NOT NULL"), ==, 0);
  sqlite3_close (db);

  kith_test_rm_rf (dir);
}

static void
test_newer_or_damaged_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-test-XXXXXX", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  exec_sql (db, "PRAGMA user_version = 999");
  sqlite3_close (db);

  store = kith_store_open (newer, &error);
  g_assert_null (store);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (garbage, "this is not a database, just some text that is long enough "
                                               "to fill the header of one, and then some more text.", -1, NULL));
  store = kith_store_open (garbage, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, garbage));

  kith_test_rm_rf (dir);
}

static void
test_nested_transactions (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;

  /* Bad input inside a batch is refused before it writes, and the batch goes on */
  g_assert_true (kith_store_begin (t->store, &error));
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"First\"}");
  {
    g_autoptr(JsonObject) bad = kith_test_json ("{\"name\": \"Bad\", \"emails\": [\"not an address\"]}");
    g_autoptr(JsonObject) taken = kith_test_json ("{\"name\": \"Company\"}");
    g_autoptr(GError) local = NULL;

    g_assert_cmpint (kith_store_create_record (t->store, KITH_RECORD_PERSON, bad, NULL, &local), ==, 0);
    g_assert_error (local, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_clear_error (&local);
    g_assert_cmpint (kith_store_create_record (t->store, KITH_RECORD_COMPANY, taken, NULL, &local), ==, 0);
    g_assert_error (local, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  }
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Second\"}");
  /* Searches inside the transaction see its writes */
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "second", NULL), ==, 1);
  g_assert_true (kith_store_commit (t->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);

  /* A nested transaction that rolls back takes the whole transaction with it */
  g_assert_true (kith_store_begin (t->store, &error));
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Doomed\"}");
  g_assert_true (kith_store_begin (t->store, &error));
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Rolled back\"}");
  kith_store_rollback (t->store);
  g_assert_false (kith_store_commit (t->store, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "doomed", NULL), ==, 0);

  /* … and the store is usable again afterwards */
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"After\"}");
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 3);
}

static gpointer
count_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  GThread **thread = data;
  guint *count = g_new (guint, 1);

  *thread = g_thread_self ();
  *count = kith_store_count (store, KITH_RECORD_PERSON, "", error);

  return count;
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kith_store_run_finish (KITH_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_changed_cb (KithStore        *store,
               KithStoreChanges *changes,
               gpointer          user_data)
{
  guint *calls = user_data;

  g_assert_true (kith_store_changes_has_kind (changes, KITH_RECORD_PERSON));
  (*calls)++;
}

static void
on_changes_cb (KithStore        *store,
               KithStoreChanges *changes,
               gpointer          user_data)
{
  KithStoreChanges **out = user_data;

  g_assert_null (*out);
  *out = kith_store_changes_ref (changes);
}

static KithStoreChanges *
wait_for_changes (KithTestStore *t)
{
  KithStoreChanges *changes = NULL;
  gulong id = g_signal_connect (t->store, "changed", G_CALLBACK (on_changes_cb), &changes);

  while (changes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (t->store, id);

  return changes;
}

static void
update_name (KithTestStore *t,
             gint64         id,
             const char    *name)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (data, "name", name);
  g_assert_true (kith_store_update_record (t->store, id, data, &error));
  g_assert_no_error (error);
}

/* "changed" names the records written, whether records were added or removed, and which
 * columns an update changed, without the writers saying so */
static void
test_changed_says_what (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStoreChanges) created = NULL;
  g_autoptr(KithStoreChanges) renamed = NULL;
  g_autoptr(KithStoreChanges) deleted = NULL;
  g_autoptr(KithStoreChanges) many = NULL;
  gint64 ada, bob;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  bob = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Babbage Engines\", \"domains\": [\"babbage.test\"]}");
  created = wait_for_changes (t);
  g_assert_true (kith_store_changes_has_kind (created, KITH_RECORD_PERSON));
  g_assert_true (kith_store_changes_has_kind (created, KITH_RECORD_COMPANY));
  g_assert_false (kith_store_changes_has_kind (created, KITH_RECORD_PROJECT));
  g_assert_true (kith_store_changes_is_reshaped (created, KITH_RECORD_PERSON));
  g_assert_false (kith_store_changes_has_many (created));
  g_assert_true (kith_store_changes_contains (created, ada));
  g_assert_true (kith_store_changes_contains (created, bob));

  update_name (t, ada, "Ada King");
  renamed = wait_for_changes (t);
  g_assert_true (kith_store_changes_has_kind (renamed, KITH_RECORD_PERSON));
  g_assert_false (kith_store_changes_has_kind (renamed, KITH_RECORD_COMPANY));
  g_assert_false (kith_store_changes_is_reshaped (renamed, KITH_RECORD_PERSON));
  g_assert_true (kith_store_changes_contains (renamed, ada));
  g_assert_false (kith_store_changes_contains (renamed, bob));
  g_assert_true (kith_store_changes_column_changed (renamed, KITH_RECORD_PERSON, "sort_name"));
  g_assert_false (kith_store_changes_column_changed (renamed, KITH_RECORD_PERSON, "last_contact"));
  g_assert_false (kith_store_changes_column_changed (renamed, KITH_RECORD_PERSON, "stage"));

  g_assert_true (kith_store_delete_record (t->store, bob, NULL));
  deleted = wait_for_changes (t);
  g_assert_true (kith_store_changes_is_reshaped (deleted, KITH_RECORD_COMPANY));
  g_assert_true (kith_store_changes_contains (deleted, bob));

  /* A big batch says "many" rather than listing every id */
  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Person %u\"}", i);
      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  g_assert_true (kith_store_commit (t->store, NULL));
  many = wait_for_changes (t);
  g_assert_true (kith_store_changes_has_many (many));
  g_assert_true (kith_store_changes_contains (many, ada));
  g_assert_true (kith_store_changes_is_reshaped (many, KITH_RECORD_PERSON));
}

/* A reader reads what was committed, without waiting for a writer in a transaction, and
 * cannot write */
static void
test_reader (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) data = json_object_new ();

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  reader = kith_store_open_reader (t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_store_count (reader, KITH_RECORD_PERSON, "", &error), ==, 1);

  /* The writer holds its transaction open: the reader sees the last commit, at once */
  g_assert_true (kith_store_begin (t->store, NULL));
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Charles Babbage\"}");
  g_assert_cmpuint (kith_store_count (reader, KITH_RECORD_PERSON, "", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (kith_store_commit (t->store, NULL));
  g_assert_cmpuint (kith_store_count (reader, KITH_RECORD_PERSON, "", &error), ==, 2);

  json_object_set_string_member (data, "name", "Grace Hopper");
  g_assert_cmpint (kith_store_create_record (reader, KITH_RECORD_PERSON, data, NULL, &error), ==, 0);
  g_assert_nonnull (error);
}

/* A rolled back transaction announces nothing, and leaves nothing for the next one */
static void
test_changed_not_after_rollback (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStoreChanges) changes = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gint64 bob;

  g_autoptr(KithStoreChanges) created = wait_for_changes (t);

  g_assert_true (kith_store_begin (t->store, NULL));
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Charles Babbage\"}");
  kith_store_rollback (t->store);

  update_name (t, ada, "Ada King");
  changes = wait_for_changes (t);
  g_assert_true (kith_store_changes_contains (changes, ada));
  g_assert_false (kith_store_changes_contains (changes, bob));
  g_assert_false (kith_store_changes_is_reshaped (changes, KITH_RECORD_PERSON));
}

static void
test_async_and_changed (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  GThread *job_thread = NULL;
  g_autofree guint *count = NULL;
  guint changed = 0;

  g_signal_connect (t->store, "changed", G_CALLBACK (on_changed_cb), &changed);

  /* One "changed" for a whole transaction, after it committed */
  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Person %u\"}", i);
      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  g_assert_true (kith_store_commit (t->store, NULL));
  g_assert_cmpuint (changed, ==, 0);

  kith_store_run_async (t->store, count_job, &job_thread, NULL, g_free, NULL, on_job_done_cb, &count);
  while (count == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (*count, ==, 10);
  g_assert_true (job_thread != g_thread_self ());

  /* "changed" is an idle callback: a fast job's answer, at default priority, can come first */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (changed, ==, 1);
}

static gpointer
create_person_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  g_autoptr(JsonObject) input = kith_test_json (data);
  g_autoptr(GError) local = NULL;
  gint64 id = kith_store_create_record (store, KITH_RECORD_PERSON, input, NULL, &local);

  g_assert_no_error (local);
  return GINT_TO_POINTER (id > 0);
}

/* Keeps the main context `changed` was emitted in */
static void
on_changed_note_context_cb (KithStore        *store,
                            KithStoreChanges *changes,
                            gpointer          user_data)
{
  GSource *source = g_main_current_source ();

  *(GMainContext **) user_data = source != NULL ? g_source_get_context (source) : NULL;
}

/* Opened in a thread of its own, as the application opens its data: what was there is there,
 * and the store's `changed` comes in the opener's main context. A database that cannot be
 * opened is an error naming it, and nothing is left open. */
static void
test_open_async (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = NULL;
  g_autofree char *inside_file = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  GMainContext *changed_in = NULL;
  guint changed = 0;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\"}");
  g_clear_object (&t->store);

  /* Opened from a context of the test's own, which is where everything comes */
  g_main_context_push_thread_default (context);
  kith_store_open_async (t->path, NULL, kith_test_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  store = kith_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_get_schema_version (store), ==, kith_schema_get_n_migrations ());

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changed);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_note_context_cb), &changed_in);
  kith_store_run_async (store, create_person_job, (gpointer) "{\"name\": \"Ada Lovelace\"}", NULL, NULL,
                        NULL, kith_test_result_cb, &created);
  while (created == NULL)
    g_main_context_iteration (context, TRUE);
  g_assert_nonnull (kith_store_run_finish (store, created, &error));
  g_assert_no_error (error);
  /* The commit's `changed` comes in that context, whether before or after the job's result */
  while (changed == 0)
    g_main_context_iteration (context, TRUE);
  g_assert_true (changed_in == context);
  g_main_context_pop_thread_default (context);
  g_assert_cmpint (kith_store_count (store, KITH_RECORD_PERSON, "", NULL), ==, 2);

  /* Its folder is a file */
  inside_file = g_build_filename (t->path, "kith.db", NULL);
  g_clear_object (&result);
  kith_store_open_async (inside_file, NULL, kith_test_result_cb, &result);
  g_assert_null (kith_store_open_finish (kith_test_wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, t->path));
}

static void
test_settings (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = kith_store_dup_setting (t->store, "nothing");
  g_autofree char *value = NULL;

  g_assert_null (missing);
  g_assert_true (kith_store_set_setting (t->store, "region", "DE", &error));
  g_assert_true (kith_store_set_setting (t->store, "region", "FR", &error));
  value = kith_store_dup_setting (t->store, "region");
  g_assert_cmpstr (value, ==, "FR");
  g_assert_true (kith_store_set_setting (t->store, "region", NULL, &error));
  g_clear_pointer (&value, g_free);
  value = kith_store_dup_setting (t->store, "region");
  g_assert_null (value);
}

static void
test_views (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) views = NULL;
  g_autoptr(KithView) kept = NULL;
  gint64 vip, stale;

  vip = kith_store_save_view (t->store, "VIPs", KITH_RECORD_PERSON, "tag:vip", &error);
  g_assert_no_error (error);
  stale = kith_store_save_view (t->store, "Gone quiet", KITH_RECORD_PERSON, "last-contact>90d", &error);
  g_assert_cmpint (stale, >, vip);

  /* A bad query is not saved */
  g_assert_cmpint (kith_store_save_view (t->store, "Broken", KITH_RECORD_PERSON, "colour:red", &error), ==, 0);
  g_assert_error (error, KITH_QUERY_ERROR, KITH_QUERY_ERROR_UNKNOWN_TERM);
  g_clear_error (&error);
  g_assert_cmpint (kith_store_save_view (t->store, "", KITH_RECORD_PERSON, "", &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (kith_store_rename_view (t->store, vip, "Very important", &error));
  g_assert_true (kith_store_delete_view (t->store, stale, &error));
  views = kith_store_list_views (t->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 1);
  kept = g_list_model_get_item (views, 0);
  g_assert_cmpint (kith_view_get_id (kept), ==, vip);
  g_assert_cmpstr (kith_view_get_name (kept), ==, "Very important");
  g_assert_cmpint (kith_view_get_kind (kept), ==, KITH_RECORD_PERSON);
  g_assert_cmpstr (kith_view_get_query (kept), ==, "tag:vip");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open-creates-current-schema", test_open_creates_current_schema);
  g_test_add_func ("/store/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/store/migrate-from-version-1", test_migrate_from_version_1);
  g_test_add_func ("/store/migrate-shared-keys", test_migrate_shared_keys);
  g_test_add_func ("/store/migrate-numbers-by-value", test_migrate_numbers_by_value);
  g_test_add_func ("/store/migrate-checks-as-comparisons", test_migrate_checks_as_comparisons);
  g_test_add_func ("/store/migrate-keeps-old-broken-links", test_migrate_keeps_old_broken_links);
  g_test_add_func ("/store/newer-or-damaged-database", test_newer_or_damaged_database);
  g_test_add_func ("/store/nested-transactions", test_nested_transactions);
  g_test_add_func ("/store/async-and-changed", test_async_and_changed);
  g_test_add_func ("/store/open-async", test_open_async);
  g_test_add_func ("/store/changed-says-what", test_changed_says_what);
  g_test_add_func ("/store/changed-not-after-rollback", test_changed_not_after_rollback);
  g_test_add_func ("/store/reader", test_reader);
  g_test_add_func ("/store/settings", test_settings);
  g_test_add_func ("/store/views", test_views);

  return g_test_run ();
}
