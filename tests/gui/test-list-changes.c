/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The People list after a change, with a query typed and sorted by last contact: the records
 * the change named are placed again, and the list view hears of them alone — a person called
 * today is one removal and one insertion, not the span between their two places. A real window
 * on a real store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>
#include <locale.h>

#include "kith-list-page.h"
#include "kith-record-item.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

static const char *names[] = { "Ann", "Ben", "Cid", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jon" };

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
  KithListPage  *people;
  GListModel    *model;
  GString       *log;       /* "position,removed,added;" per items-changed */
  gint64         ids[G_N_ELEMENTS (names)];
  gint64         kim;
} Fixture;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  g_string_append_printf (f->log, "%u,%u,%u;", position, removed, added);
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
  gint64 id = seed_record (t, KITH_RECORD_PERSON, person);

  seed_add (t, "item", item);
  return id;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      gboolean       *searched)
{
  *searched = g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), "smith");
}

typedef struct {
  Fixture  *f;
  gboolean  searched;   /* the entry asked for the whole query, not a part typed so far */
  gboolean  answered;   /* and the list changed since */
} Searching;

static void
on_answered_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                Searching  *searching)
{
  searching->answered |= searching->searched;
}

static gboolean
lists_ten (gpointer data)
{
  Searching *searching = data;

  /* An answer listing what a part typed so far listed changes nothing (the rows stay) */
  return (searching->answered || searching->searched) && g_list_model_get_n_items (searching->f->model) == 10;
}

/* The list view's records, as its selection lists them (it passes on every items-changed of
 * the records' model as it is) */
static GListModel *
records_of (KithListPage *page)
{
  GtkWidget *view = find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, NULL);

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

/* The record listed at @position, or 0 */
static gint64
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(KithRecordItem) item = g_list_model_get_item (model, position);

  return item != NULL ? kith_record_item_get_id (item) : 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.kithcrm.Kith");
  Searching searching = { f, FALSE, FALSE };
  GtkWidget *entry;

  g_settings_set_string (settings, "sort", "last-contact");
  g_settings_set_string (settings, "group", "none");
  f->t = gui_test_store_new ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    f->ids[i] = create_with_contact (f->t, names[i], 10 + i);
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Zed Jones\"}");

  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  focus_window (GTK_WIDGET (f->window));
  f->people = list_page (f->window, KITH_RECORD_PERSON);
  go_to_page (f->window, "people");
  wait_until (is_mapped, f->people);
  f->model = records_of (f->people);

  entry = find_widget (GTK_WIDGET (f->people), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed_cb), &searching.searched);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_answered_cb), &searching);
  click (entry);
  type_text ("smith");
  wait_until (lists_ten, &searching);
  g_signal_handlers_disconnect_by_data (entry, &searching.searched);
  g_signal_handlers_disconnect_by_data (f->model, &searching);

  f->log = g_string_new (NULL);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.kithcrm.Kith");

  g_signal_handlers_disconnect_by_data (f->model, f);
  close_window (f->window);
  kith_test_store_free (f->t);
  g_string_free (f->log, TRUE);
  g_settings_reset (settings, "sort");
  g_settings_reset (settings, "group");
}

typedef struct {
  Fixture    *f;
  guint       position;
  gint64      id;
  const char *expected;
} At;

static gboolean
changed_and_at (gpointer data)
{
  At *at = data;

  return at->f->log->len > 0 &&
         id_at (at->f->model, at->position) == at->id;
}

static gboolean
log_is_expected (gpointer data)
{
  At *at = data;

  return g_strcmp0 (at->f->log->str, at->expected) == 0;
}

/* Waits for @id to be at @position, then that the list heard @expected and nothing more */
static void
assert_changes (Fixture    *f,
                gint64      id,
                guint       position,
                const char *expected)
{
  At at = { f, position, id, expected };

  wait_until (changed_and_at, &at);
  g_assert_cmpstr (f->log->str, ==, expected);
  assert_holds_for (log_is_expected, &at, 500, "the list heard no more than the records named");
  g_string_truncate (f->log, 0);
}

/* Hal, eighth, is called today: he goes first, and the list hears one insertion and one
 * removal; nothing between his two places is told it changed */
static void
test_moved (Fixture       *f,
            gconstpointer  data)
{
  seed_add (f->t, "item", "{\"style\": \"call\", \"participants\": [\"Hal@acme.test\"]}");
  assert_changes (f, f->ids[7], 0, "0,0,1;8,1,0;");
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 10);
}

/* Kim and her call in one transaction: one change */
static gpointer
add_kim_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  Fixture *f = data;
  g_autofree char *item = g_strdup_printf ("{\"style\": \"call\", \"date\": %" G_GINT64_FORMAT ", "
                                           "\"participants\": [\"Kim@acme.test\"]}",
                                           f->t->now - (gint64) 15 * 86400000);

  g_assert_true (kith_store_begin (store, NULL));
  f->kim = kith_test_create (f->t, KITH_RECORD_PERSON,
                             "{\"name\": \"Kim Smith\", \"emails\": [{\"value\": \"Kim@acme.test\"}]}");
  kith_test_add (f->t, "item", item);
  g_assert_true (kith_store_commit (store, NULL));
  return NULL;
}

static gpointer
rename_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  g_autoptr(JsonObject) rename = kith_test_json ("{\"name\": \"Cid Jones\"}");

  g_assert_true (kith_store_update_record (store, *(gint64 *) data, rename, NULL));
  return NULL;
}

/* A new match goes where it sorts; one renamed out of the query goes */
static void
test_added_and_removed (Fixture       *f,
                        gconstpointer  data)
{
  gint64 kim;

  /* Kim was in touch 15 days ago: between Fay (15 days, older id) and Gus (16) */
  on_worker (f->t->store, add_kim_job, f);
  kim = f->kim;
  assert_changes (f, kim, 6, "6,0,1;");

  on_worker (f->t->store, rename_job, &f->ids[2]);
  assert_changes (f, f->ids[3], 2, "2,1,0;");
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 10);
}

static gpointer
write_many_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  KithTestStore *t = data;

  g_assert_true (kith_store_begin (store, NULL));
  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Someone Jones %u\"}", i);
      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  kith_test_add (t, "item", "{\"style\": \"call\", \"participants\": [\"Hal@acme.test\"]}");
  g_assert_true (kith_store_commit (store, NULL));
  return NULL;
}

/* Too many records written to name them: the list is searched again, and still hears only
 * what moved in it — not the span between Hal's two places */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  on_worker (f->t->store, write_many_job, f->t);
  assert_changes (f, f->ids[7], 0, "0,0,1;8,1,0;");
}

/* Numbers as the user's locale writes them, here en_US, made from the system's sources into a
 * folder of the test's own (LOCPATH), as the machine may have no locale but C */
static void
use_grouping_locale (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "en_US.UTF-8", NULL);
  const char *argv[] = { "localedef", "-c", "-i", "en_US", "-f", "UTF-8", path, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                               &error));
  g_assert_no_error (error);
  g_setenv ("LOCPATH", dir, TRUE);
  g_assert_nonnull (setlocale (LC_NUMERIC, "en_US.UTF-8"));
}

/* A count of a thousand or more reads as the locale writes it: "1,201 people", not "1201" */
static void
test_count_grouped (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-locale-XXXXXX", NULL);
  gpointer args[] = { f->people, "1,201 people" };

  g_assert_nonnull (dir);
  use_grouping_locale (dir);
  on_worker (f->t->store, write_many_job, f->t);
  click (find_widget (GTK_WIDGET (f->people), GTK_TYPE_SEARCH_ENTRY, NULL));
  press_keys ("ctrl+a");
  type_text ("jones");
  wait_until (label_shown, args);

  setlocale (LC_NUMERIC, "C");
  g_unsetenv ("LOCPATH");
  kith_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/list-changes/moved", Fixture, NULL, fixture_set_up, test_moved, fixture_tear_down);
  g_test_add ("/list-changes/added-and-removed", Fixture, NULL, fixture_set_up, test_added_and_removed,
              fixture_tear_down);

  g_test_add ("/list-changes/many", Fixture, NULL, fixture_set_up, test_many, fixture_tear_down);
  g_test_add ("/list-changes/count-grouped", Fixture, NULL, fixture_set_up, test_count_grouped, fixture_tear_down);

  return g_test_run ();
}
