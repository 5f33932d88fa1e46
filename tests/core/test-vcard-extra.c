/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The vCard properties kept with a record: written, replaced, forgotten, dropped with it */

#include <sqlite3.h>

#include "kith-test-util.h"

#define EXTRA "BEGIN:VCARD\r\nVERSION:3.0\r\nNICKNAME:Annie\r\nEND:VCARD\r\n"
#define OTHER "BEGIN:VCARD\r\nVERSION:3.0\r\nX-GENDER:F\r\nEND:VCARD\r\n"

static char *
dup_extra (KithTestStore *t,
           gint64         id)
{
  g_autoptr(GError) error = NULL;
  char *text = kith_store_dup_vcard_extra (t->store, id, &error);

  g_assert_no_error (error);
  return text;
}

static void
set_extra (KithTestStore *t,
           gint64         id,
           const char    *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_store_set_vcard_extra (t->store, id, text, &error));
  g_assert_no_error (error);
}

static void
test_keep_and_replace (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob Stone\"}");
  g_autofree char *none = dup_extra (t, ann);
  g_autofree char *kept = NULL, *replaced = NULL, *bobs = NULL, *cleared = NULL, *emptied = NULL;

  g_assert_null (none);

  set_extra (t, ann, EXTRA);
  kept = dup_extra (t, ann);
  g_assert_cmpstr (kept, ==, EXTRA);
  bobs = dup_extra (t, bob);
  g_assert_null (bobs);

  set_extra (t, ann, OTHER);
  replaced = dup_extra (t, ann);
  g_assert_cmpstr (replaced, ==, OTHER);

  set_extra (t, ann, NULL);
  cleared = dup_extra (t, ann);
  g_assert_null (cleared);

  set_extra (t, ann, EXTRA);
  set_extra (t, ann, "");
  emptied = dup_extra (t, ann);
  g_assert_null (emptied);
}

/* Counts the updates of vcard_extra, through a connection of the test's own */
static int
count_updates (KithTestStore *t,
               gboolean       install)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = 0;

  g_assert_cmpint (sqlite3_open (t->path, &db), ==, SQLITE_OK);
  if (install)
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE test_updates (n INTEGER);"
                                       "CREATE TRIGGER test_count AFTER UPDATE ON vcard_extra "
                                       "BEGIN INSERT INTO test_updates VALUES (1); END;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM test_updates", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* Writing what is there already changes no row: a second import converges */
static void
test_same_again_changes_nothing (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");

  set_extra (t, ann, EXTRA);
  g_assert_cmpint (count_updates (t, TRUE), ==, 0);
  set_extra (t, ann, EXTRA);
  g_assert_cmpint (count_updates (t, FALSE), ==, 0);
  set_extra (t, ann, OTHER);
  g_assert_cmpint (count_updates (t, FALSE), ==, 1);
}

static void
test_dropped_with_record (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  g_autofree char *after = NULL;

  set_extra (t, ann, EXTRA);
  g_assert_true (kith_store_delete_record (t->store, ann, &error));
  g_assert_no_error (error);
  after = dup_extra (t, ann);
  g_assert_null (after);
}

#define GROUPED "BEGIN:VCARD\r\nVERSION:3.0\r\nNICKNAME:Annie\r\nitem1.X-ABRELATEDNAMES:Bob Lee\r\n" \
                "item1.X-ABLabel:_$!<Spouse>!$_\r\nEND:VCARD\r\n"
#define GROUPED_TOO "BEGIN:VCARD\r\nVERSION:3.0\r\nNICKNAME:Annie\r\nitem1.X-ABRELATEDNAMES:Cy Lee\r\n" \
                    "item1.X-ABLabel:_$!<Child>!$_\r\nX-GENDER:F\r\nEND:VCARD\r\n"

/* Merging two people keeps what either card had, once; undo gives each its own again */
static void
test_merged (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  gint64 annie = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Annie Lee\"}");
  gint64 bare = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"A. Lee\"}");
  g_autofree char *joined = NULL, *mine = NULL, *theirs = NULL, *taken = NULL;
  gint64 undo_id;

  set_extra (t, ann, GROUPED);
  set_extra (t, annie, GROUPED_TOO);
  undo_id = kith_store_merge_records_with_undo (t->store, ann, annie, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo_id, >, 0);
  joined = dup_extra (t, ann);
  g_assert_cmpstr (joined, ==, "BEGIN:VCARD\r\nVERSION:3.0\r\nNICKNAME:Annie\r\n"
                               "item1.X-ABRELATEDNAMES:Bob Lee\r\nitem1.X-ABLabel:_$!<Spouse>!$_\r\n"
                               "item1-2.X-ABRELATEDNAMES:Cy Lee\r\nitem1-2.X-ABLabel:_$!<Child>!$_\r\n"
                               "X-GENDER:F\r\nEND:VCARD\r\n");

  g_assert_true (kith_store_undo (t->store, undo_id, &error));
  g_assert_no_error (error);
  mine = dup_extra (t, ann);
  theirs = dup_extra (t, annie);
  g_assert_cmpstr (mine, ==, GROUPED);
  g_assert_cmpstr (theirs, ==, GROUPED_TOO);

  /* A survivor with none takes the other's as they are */
  g_assert_true (kith_store_merge_records (t->store, bare, ann, &error));
  g_assert_no_error (error);
  taken = dup_extra (t, bare);
  g_assert_cmpstr (taken, ==, GROUPED);
}

/* A deleted record's properties come back with it */
static void
test_delete_undone (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  g_autofree char *gone = NULL, *back = NULL;
  gint64 undo_id;

  set_extra (t, ann, EXTRA);
  undo_id = kith_store_delete_record_with_undo (t->store, ann, &error);
  g_assert_no_error (error);
  gone = dup_extra (t, ann);
  g_assert_null (gone);
  g_assert_true (kith_store_undo (t->store, undo_id, &error));
  g_assert_no_error (error);
  back = dup_extra (t, ann);
  g_assert_cmpstr (back, ==, EXTRA);
}

static void
test_refused (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) binary = NULL;
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  g_autofree char *after = NULL;

  g_assert_false (kith_store_set_vcard_extra (t->store, ann + 100, EXTRA, &missing));
  g_assert_nonnull (missing);

  g_assert_false (kith_store_set_vcard_extra (t->store, ann, "NOTE:\xff\xfe", &binary));
  g_assert_error (binary, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  after = dup_extra (t, ann);
  g_assert_null (after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard-extra/keep-and-replace", test_keep_and_replace);
  g_test_add_func ("/vcard-extra/same-again-changes-nothing", test_same_again_changes_nothing);
  g_test_add_func ("/vcard-extra/dropped-with-record", test_dropped_with_record);
  g_test_add_func ("/vcard-extra/refused", test_refused);
  g_test_add_func ("/vcard-extra/merged", test_merged);
  g_test_add_func ("/vcard-extra/delete-undone", test_delete_undone);

  return g_test_run ();
}
