/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <sqlite3.h>

#include "kith-list-sync.h"
#include "kith-test-util.h"

/* What KithStore::changed says, and the models and searches that do only what it names */

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

static gint64
company_of (KithTestStore *t,
            gint64         id)
{
  g_autoptr(JsonObject) record = kith_store_get_record (t->store, id, NULL);

  return json_object_get_int_member_with_default (record, "companyId", 0);
}

/* A timeline write names the records on the item, and the company that shows their timeline;
 * that is more than rows of `records`, and nothing every record shares */
static void
test_timeline_names_records (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStoreChanges) created = NULL;
  g_autoptr(KithStoreChanges) logged = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"company\": \"acme.test\", "
                                                       "\"emails\": [{\"value\": \"ada@acme.test\"}]}");
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\"}");
  gint64 acme = company_of (t, ada);

  g_assert_cmpint (acme, >, 0);
  created = wait_for_changes (t);
  g_assert_true (kith_store_changes_contains (created, acme));

  t->now += 1000;
  kith_test_add (t, "item", "{\"style\": \"email\", \"from\": \"ada@acme.test\", \"subject\": \"Hello\"}");
  logged = wait_for_changes (t);
  g_assert_true (kith_store_changes_has_kind (logged, KITH_RECORD_PERSON));
  g_assert_false (kith_store_changes_has_many (logged));
  g_assert_true (kith_store_changes_contains (logged, ada));
  g_assert_true (kith_store_changes_contains (logged, acme));
  g_assert_false (kith_store_changes_contains (logged, bob));
  /* When Ada was last in touch is a row; the item is not */
  g_assert_true (kith_store_changes_column_changed (logged, KITH_RECORD_PERSON, "last_contact"));
  g_assert_false (kith_store_changes_column_changed (logged, KITH_RECORD_PERSON, "sort_name"));
  g_assert_false (kith_store_changes_only_rows (logged, KITH_RECORD_PERSON));
  g_assert_false (kith_store_changes_has_shared (logged, KITH_RECORD_PERSON));
}

/* A person who changes company names both companies: each shows their timeline, or no longer */
static void
test_company_change_names_both (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStoreChanges) created = NULL;
  g_autoptr(KithStoreChanges) moved = NULL;
  g_autoptr(JsonObject) data = kith_test_json ("{\"company\": \"initech.test\"}");
  g_autoptr(GError) error = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"company\": \"acme.test\"}");
  gint64 acme = company_of (t, ada);
  gint64 initech;

  created = wait_for_changes (t);
  g_assert_true (kith_store_update_record (t->store, ada, data, &error));
  g_assert_no_error (error);
  initech = company_of (t, ada);
  g_assert_cmpint (initech, !=, acme);
  moved = wait_for_changes (t);
  g_assert_true (kith_store_changes_contains (moved, ada));
  g_assert_true (kith_store_changes_contains (moved, acme));
  g_assert_true (kith_store_changes_contains (moved, initech));
}

/* A to-do marked done names its people, though its own row names none */
static void
test_todo_update_names_people (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStoreChanges) created = NULL;
  g_autoptr(KithStoreChanges) done = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [{\"value\": \"ada@acme.test\"}]}");
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\"}");
  g_autoptr(JsonObject) todo = kith_test_json ("{\"subject\": \"Call Ada back\", \"participants\": [\"ada@acme.test\"]}");
  gint64 id = kith_store_add_todo (t->store, todo, &error);

  g_assert_no_error (error);
  created = wait_for_changes (t);
  g_assert_true (kith_store_changes_contains (created, ada));

  g_assert_true (kith_store_set_todo_done (t->store, id, TRUE, &error));
  g_assert_no_error (error);
  done = wait_for_changes (t);
  g_assert_false (kith_store_changes_has_many (done));
  g_assert_true (kith_store_changes_contains (done, ada));
  g_assert_false (kith_store_changes_contains (done, bob));
  g_assert_false (kith_store_changes_only_rows (done, KITH_RECORD_PERSON));
}

static gpointer
rename_stage_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  return kith_relationship_rename_stage (store, "customer", "future", "Very hot", error) ? GINT_TO_POINTER (1) : NULL;
}

/* A preset's names of segments and stages are shared by every record; a rename is rows only */
static void
test_only_rows_and_shared (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStoreChanges) created = NULL;
  g_autoptr(KithStoreChanges) renamed = NULL;
  g_autoptr(KithStoreChanges) preset = NULL;
  g_autoptr(JsonObject) data = kith_test_json ("{\"name\": \"Ada King\"}");
  g_autoptr(GError) error = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  created = wait_for_changes (t);
  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  g_assert_no_error (error);
  preset = wait_for_changes (t);
  g_assert_true (kith_store_changes_has_shared (preset, KITH_RECORD_PERSON));
  g_assert_true (kith_store_changes_has_shared (preset, KITH_RECORD_PROJECT));
  g_assert_false (kith_store_changes_only_rows (preset, KITH_RECORD_PERSON));
  g_assert_false (kith_store_changes_contains (preset, ada));

  g_assert_true (kith_store_update_record (t->store, ada, data, &error));
  g_assert_no_error (error);
  renamed = wait_for_changes (t);
  g_assert_true (kith_store_changes_contains (renamed, ada));
  g_assert_true (kith_store_changes_only_rows (renamed, KITH_RECORD_PERSON));
  g_assert_false (kith_store_changes_has_shared (renamed, KITH_RECORD_PERSON));
}

static gpointer
cadence_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  return kith_relationship_set_cadence (store, "customer", 14, error) ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
rename_deals_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  return kith_relationship_update_segment (store, "project", "Listings", TRUE, error) ? GINT_TO_POINTER (1) : NULL;
}

/* What the store announces for @job, run as the app runs it */
static KithStoreChanges *
changes_of_job (KithTestStore *t,
                KithStoreJobFunc job)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KithStoreChanges *changes = NULL;
  gulong id = g_signal_connect (t->store, "changed", G_CALLBACK (on_changes_cb), &changes);
  gint64 deadline;

  kith_store_run_async (t->store, job, NULL, NULL, NULL, NULL, kith_test_result_cb, &result);
  kith_test_wait_result (&result);
  /* The announcement is on its way to the main loop once the job has ended, or never comes */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (changes == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (t->store, id);
  g_assert_nonnull (changes);
  g_assert_nonnull (kith_store_run_finish (t->store, result, &error));
  g_assert_no_error (error);

  return changes;
}

/* A segment's settings are shown by every record in it: a stage renamed, a cadence (who is due a
 * call) or a segment renamed announce the segment's kind as changed for all, and that does not
 * stick to what follows */
static void
test_segment_writes_announced (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStoreChanges) created = NULL;
  g_autoptr(KithStoreChanges) updated = NULL;
  g_autoptr(JsonObject) data = kith_test_json ("{\"name\": \"Ada King\"}");
  g_autoptr(GError) error = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");
  struct {
    KithStoreJobFunc job;
    KithRecordKind   kind;
  } writes[] = {
    { rename_stage_job, KITH_RECORD_PERSON },
    { cadence_job, KITH_RECORD_PERSON },
    { rename_deals_job, KITH_RECORD_PROJECT },
  };

  created = wait_for_changes (t);
  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  g_assert_no_error (error);
  g_clear_pointer (&created, kith_store_changes_unref);
  created = wait_for_changes (t);

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autoptr(KithStoreChanges) changes = changes_of_job (t, writes[i].job);
      KithRecordKind other = writes[i].kind == KITH_RECORD_PERSON ? KITH_RECORD_PROJECT : KITH_RECORD_PERSON;

      g_assert_true (kith_store_changes_has_shared (changes, writes[i].kind));
      g_assert_false (kith_store_changes_only_rows (changes, writes[i].kind));
      g_assert_false (kith_store_changes_has_shared (changes, other));
    }

  g_assert_true (kith_store_update_record (t->store, ada, data, &error));
  g_assert_no_error (error);
  updated = wait_for_changes (t);
  g_assert_true (kith_store_changes_contains (updated, ada));
  g_assert_true (kith_store_changes_only_rows (updated, KITH_RECORD_PERSON));
  g_assert_false (kith_store_changes_has_shared (updated, KITH_RECORD_PERSON));
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
on_loaded_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gpointer
nothing_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  return GINT_TO_POINTER (1);
}

/* Waits until the store's worker has run every job queued before, and their answers came */
static void
drain (KithTestStore *t)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      kith_store_run_async (t->store, nothing_job, NULL, NULL, NULL, NULL, kith_test_result_cb, &result);
      kith_test_wait_result (&result);
      kith_store_run_finish (t->store, result, NULL);
      while (g_main_context_iteration (NULL, FALSE));
    }
}

/* Changes a subject behind the store's back, so that only a read again shows it */
static void
change_subject_elsewhere (KithTestStore *t,
                          const char    *subject)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE timeline SET subject = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
first_subject (KithTimelineModel *timeline)
{
  g_autoptr(KithTimelineItem) item = g_list_model_get_item (G_LIST_MODEL (timeline), 0);

  return g_strdup (kith_timeline_item_get_subject (item));
}

/* Mail for someone else does not make a person's timeline read again; a note for them does */
static void
test_timeline_model_skips_others (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [{\"value\": \"ada@acme.test\"}]}");
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [{\"value\": \"bob@client.test\"}]}");
  g_autoptr(KithTimelineModel) timeline = NULL;
  g_autoptr(KithTimelineItem) kept = NULL;
  g_autoptr(KithTimelineItem) still = NULL;
  g_autofree char *subject = NULL;
  gboolean loaded = FALSE;
  guint changed = 0;

  g_assert_cmpint (ada, >, 0);
  kith_test_add (t, "item", "{\"style\": \"email\", \"from\": \"bob@client.test\", \"subject\": \"Survey\"}");
  timeline = kith_timeline_model_new (t->store, bob);
  g_signal_connect (timeline, "notify::loaded", G_CALLBACK (on_loaded_cb), &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  drain (t);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
  kept = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), &changed);

  /* What a capture batch writes for Ada: her mail, when she was last in touch */
  change_subject_elsewhere (t, "Read again");
  t->now += 1000;
  kith_test_add (t, "item", "{\"style\": \"email\", \"from\": \"ada@acme.test\", \"subject\": \"Hello\"}");
  g_autoptr(KithStoreChanges) for_ada = wait_for_changes (t);
  g_assert_false (kith_store_changes_contains (for_ada, bob));
  drain (t);
  g_assert_cmpuint (changed, ==, 0);
  still = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (still == kept);
  subject = first_subject (timeline);
  g_assert_cmpstr (subject, ==, "Survey");

  /* A note for Bob: read again, and the note is one insertion */
  t->now += 1000;
  kith_test_add (t, "item", "{\"style\": \"note\", \"participants\": [\"bob@client.test\"], \"body\": \"Call after six\"}");
  while (changed == 0)
    g_main_context_iteration (NULL, TRUE);
  drain (t);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 2);
  g_clear_pointer (&subject, g_free);
  g_clear_object (&still);
  still = g_list_model_get_item (G_LIST_MODEL (timeline), 1);
  g_assert_true (still == kept);
  g_assert_cmpstr (kith_timeline_item_get_subject (still), ==, "Read again");
}

/* Places again what @changes name in @listed, and checks it against a search from scratch;
 * returns the runs that make one into the other */
static GArray *
place_again (KithTestStore    *t,
             const char       *query,
             GArray           *listed,
             KithStoreChanges *changes,
             GArray          **out_placed)
{
  g_autoptr(GArray) changed = kith_store_changes_dup_ids (changes);
  g_autoptr(GHashTable) set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GArray *placed;

  g_assert_nonnull (changed);
  placed = kith_store_find_again (t->store, KITH_RECORD_PERSON, query, KITH_SORT_LAST_CONTACT, KITH_GROUP_NONE,
                                  listed, changed, &error);
  g_assert_no_error (error);
  found = kith_store_find (t->store, KITH_RECORD_PERSON, query, KITH_SORT_LAST_CONTACT, KITH_GROUP_NONE,
                           0, G_MAXUINT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (placed->data, placed->len * sizeof (gint64), found->data, found->len * sizeof (gint64));

  for (guint i = 0; i < changed->len; i++)
    g_hash_table_add (set, &g_array_index (changed, gint64, i));
  *out_placed = placed;

  return kith_id_runs_between (listed, placed, set);
}

static void
assert_runs (GArray     *runs,
             const char *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (runs);
  for (guint i = 0; i < runs->len; i++)
    {
      KithIdRun *run = &g_array_index (runs, KithIdRun, i);
      g_string_append_printf (text, "%u,%u,%u;", run->position, run->removed, run->added);
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static gint64
create_with_contact (KithTestStore *t,
                     const char    *name,
                     guint          days_ago)
{
  g_autofree char *email = g_strdup_printf ("%s@acme.test", name);
  g_autofree char *person = g_strdup_printf ("{\"name\": \"%s Smith\", \"emails\": [{\"value\": \"%s\"}]}", name, email);
  g_autofree char *item = g_strdup_printf ("{\"style\": \"call\", \"date\": %" G_GINT64_FORMAT ", \"participants\": [\"%s\"]}",
                                           t->now - (gint64) days_ago * 86400000, email);
  gint64 id = kith_test_create (t, KITH_RECORD_PERSON, person);

  kith_test_add (t, "item", item);
  return id;
}

/* Sorted by last contact with a query: a record that moves is one removal and one insertion,
 * a new one one insertion where it sorts, one edited out of the query one removal */
static void
test_find_again (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  static const char *names[] = { "Ann", "Ben", "Cid", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jon" };
  g_autoptr(GArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (names)];
  gint64 kim;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ids[i] = create_with_contact (t, names[i], 10 + i);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Zed Jones\"}");
  listed = kith_store_find (t->store, KITH_RECORD_PERSON, "smith", KITH_SORT_LAST_CONTACT, KITH_GROUP_NONE,
                            0, G_MAXUINT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 10);
  g_assert_cmpint (g_array_index (listed, gint64, 0), ==, ids[0]);
  drain (t);

  /* Hal, eighth, is called today: he goes first */
  {
    g_autofree char *item = g_strdup_printf ("{\"style\": \"call\", \"participants\": [\"Hal@acme.test\"]}");
    g_autoptr(KithStoreChanges) changes = NULL;
    g_autoptr(GArray) placed = NULL;
    g_autoptr(GArray) runs = NULL;

    kith_test_add (t, "item", item);
    changes = wait_for_changes (t);
    runs = place_again (t, "smith", listed, changes, &placed);
    assert_runs (runs, "0,0,1;8,1,0;");
    g_array_unref (listed);
    listed = g_steal_pointer (&placed);
  }

  /* Kim, new, was in touch 15 days ago: between Fay (15) and Gus (16) */
  {
    g_autoptr(KithStoreChanges) changes = NULL;
    g_autoptr(GArray) placed = NULL;
    g_autoptr(GArray) runs = NULL;

    kith_store_begin (t->store, NULL);
    kim = create_with_contact (t, "Kim", 15);
    g_assert_true (kith_store_commit (t->store, NULL));
    changes = wait_for_changes (t);
    runs = place_again (t, "smith", listed, changes, &placed);
    g_assert_cmpint (g_array_index (placed, gint64, 7), ==, kim);
    assert_runs (runs, "7,0,1;");
    g_array_unref (listed);
    listed = g_steal_pointer (&placed);
  }

  /* Cid is renamed out of the query */
  {
    g_autoptr(JsonObject) data = kith_test_json ("{\"name\": \"Cid Jones\"}");
    g_autoptr(KithStoreChanges) changes = NULL;
    g_autoptr(GArray) placed = NULL;
    g_autoptr(GArray) runs = NULL;

    g_assert_true (kith_store_update_record (t->store, ids[2], data, &error));
    g_assert_no_error (error);
    changes = wait_for_changes (t);
    runs = place_again (t, "smith", listed, changes, &placed);
    assert_runs (runs, "3,1,0;");
  }
}

/* @before with @runs applied, one after the other, as a list view sees them */
static GArray *
apply_runs (GArray *before,
            GArray *after,
            GArray *runs)
{
  GArray *ids = g_array_copy (before);

  for (guint i = 0; i < runs->len; i++)
    {
      KithIdRun *run = &g_array_index (runs, KithIdRun, i);

      g_array_remove_range (ids, run->position, run->removed);
      g_array_insert_vals (ids, run->position, &g_array_index (after, gint64, run->position), run->added);
    }

  return ids;
}

/* Any two lists: what moved is one removal and one insertion, what came or went one each */
static void
test_runs_diff (void)
{
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) after = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) applied = NULL;
  gint64 moved = 80, added = 1000;

  for (gint64 id = 0; id < 100; id++)
    g_array_append_val (before, id);
  g_array_append_val (after, moved);
  for (gint64 id = 0; id < 100; id++)
    {
      if (id == 30)
        g_array_append_val (after, added);
      if (id != 50 && id != moved)
        g_array_append_val (after, id);
    }

  runs = kith_id_runs_diff (before, after);
  assert_runs (runs, "0,0,1;31,0,1;52,1,0;81,1,0;");
  applied = apply_runs (before, after, runs);
  g_assert_cmpmem (applied->data, applied->len * sizeof (gint64), after->data, after->len * sizeof (gint64));

  /* Reversed: all but one moved */
  g_array_set_size (after, 0);
  for (gint64 id = 99; id >= 0; id--)
    g_array_append_val (after, id);
  g_clear_pointer (&runs, g_array_unref);
  g_clear_pointer (&applied, g_array_unref);
  runs = kith_id_runs_diff (before, after);
  applied = apply_runs (before, after, runs);
  g_assert_cmpmem (applied->data, applied->len * sizeof (gint64), after->data, after->len * sizeof (gint64));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/changes/timeline-names-records", test_timeline_names_records);
  g_test_add_func ("/changes/todo-update-names-people", test_todo_update_names_people);
  g_test_add_func ("/changes/company-change-names-both", test_company_change_names_both);
  g_test_add_func ("/changes/only-rows-and-shared", test_only_rows_and_shared);
  g_test_add_func ("/changes/segment-writes-announced", test_segment_writes_announced);
  g_test_add_func ("/changes/timeline-model-skips-others", test_timeline_model_skips_others);
  g_test_add_func ("/changes/find-again", test_find_again);
  g_test_add_func ("/changes/runs-diff", test_runs_diff);

  return g_test_run ();
}
