/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The application opening its data, as a user starts it: a database that takes a while to open
 * (an upgrade that waits for another program's write) shows a window saying so while the main
 * loop turns, then the main window with the data; a database Kith cannot open is said, with the
 * reason, and nothing is written to it.
 */

#include <sqlite3.h>

#include "kith-application.h"
#include "kith-list-page.h"
#include "kith-schema.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

#define OPENING "Opening Your Data"

/* The application on @dir, activated as the desktop does. Each test has its own, on its own
 * data, under an id of its own (@test): the objects one exports on the bus stay there for as
 * long as the process runs. */
static KithApplication *
start_application (const char *dir,
                   const char *test)
{
  g_autofree char *id = g_strconcat ("io.github.kithcrm.Kith.Test.", test, NULL);
  KithApplication *app;
  g_autoptr(GError) error = NULL;

  g_setenv ("KITH_DATA_DIR", dir, TRUE);
  g_setenv ("KITH_NO_BACKGROUND", "1", TRUE);
  app = kith_application_new ();
  g_application_set_application_id (G_APPLICATION (app), id);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  return app;
}

static void
stop_application (KithApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_object_unref (app);
}

static gboolean
text_gone (gpointer text)
{
  return !label_containing_anywhere (text);
}

/* The database as another program has it: a connection of the test's own */
static sqlite3 *
open_database (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static int
user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* An upgrade that cannot start at once: the window says the data is opening, and the main loop
 * turns (the window is drawn); once the other program's write is done, the upgrade runs, the
 * window goes and the main window shows the data */
static void
test_upgrade_shows_window (void)
{
  KithTestStore *t = gui_test_store_new ();
  guint n = kith_schema_get_n_migrations ();
  g_autofree char *behind = g_strdup_printf ("PRAGMA user_version = %u", n - 1);
  KithApplication *app;
  KithWindow *window;
  gpointer ada[2];
  sqlite3 *db;

  apply_preset (t->store, "business");
  seed_record (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");

  /* The last upgrade still to do, and another program in the middle of a write */
  db = open_database (t->path);
  exec (db, behind);
  exec (db, "BEGIN IMMEDIATE");

  app = start_application (t->dir, "Upgrade");
  wait_until (label_containing_anywhere, (gpointer) OPENING);
  g_assert_true (label_containing_anywhere ("can take a minute"));
  g_assert_null (shown_window_of (KITH_TYPE_WINDOW));

  exec (db, "COMMIT");
  window = KITH_WINDOW (wait_for_window (KITH_TYPE_WINDOW));
  wait_until (text_gone, (gpointer) OPENING);
  g_assert_cmpint (user_version (db), ==, n);

  /* The data as it was, found by a search */
  focus_window (GTK_WIDGET (window));
  go_to_page (window, "people");
  ada[0] = list_page (window, KITH_RECORD_PERSON);
  ada[1] = (gpointer) "Ada Lovelace";
  search_for (ada[0], "lovel");
  wait_until (row_in_view, ada);

  sqlite3_close (db);
  stop_application (app);
  kith_test_store_free (t);
}

static gboolean
is_close_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "close") && is_mapped (widget);
}

typedef struct {
  sqlite3 *db;
  int      version;
} Upgraded;

static gboolean
close_button_shown (gpointer data)
{
  return find_in_any_window (is_close_button, NULL) != NULL;
}

static gboolean
upgraded (gpointer data)
{
  Upgraded *upgraded = data;

  return user_version (upgraded->db) == upgraded->version;
}

static gboolean
no_main_window (gpointer data)
{
  return shown_window_of (KITH_TYPE_WINDOW) == NULL;
}

/* The window saying the data is opening, closed with its close button: Kith quits, and the
 * upgrade, once it can run, opens no window after all */
static void
test_closed_while_opening (void)
{
  KithTestStore *t = gui_test_store_new ();
  guint n = kith_schema_get_n_migrations ();
  g_autofree char *behind = g_strdup_printf ("PRAGMA user_version = %u", n - 1);
  Upgraded done = { NULL, n };
  KithApplication *app;

  apply_preset (t->store, "business");
  done.db = open_database (t->path);
  exec (done.db, behind);
  exec (done.db, "BEGIN IMMEDIATE");

  app = start_application (t->dir, "Closed");
  wait_until (label_containing_anywhere, (gpointer) OPENING);
  wait_until (close_button_shown, NULL);
  click (find_in_any_window (is_close_button, NULL));
  wait_until (text_gone, (gpointer) OPENING);

  exec (done.db, "COMMIT");
  wait_until (upgraded, &done);
  assert_holds_for (no_main_window, NULL, 1000, "no window after quitting");

  sqlite3_close (done.db);
  stop_application (app);
  kith_test_store_free (t);
}

/* Data written by a newer Kith: said, naming why, with no main window; the data untouched */
static void
test_newer_data_said (void)
{
  KithTestStore *t = gui_test_store_new ();
  KithApplication *app;
  sqlite3 *db;

  db = open_database (t->path);
  exec (db, "PRAGMA user_version = 999");

  app = start_application (t->dir, "Newer");
  wait_until (label_containing_anywhere, (gpointer) "Kith Cannot Open Its Data");
  g_assert_true (label_containing_anywhere ("written by a newer version of Kith"));
  g_assert_null (shown_window_of (KITH_TYPE_WINDOW));
  answer_message_dialog ("_Close");
  g_assert_null (shown_window_of (KITH_TYPE_WINDOW));
  g_assert_cmpint (user_version (db), ==, 999);

  sqlite3_close (db);
  stop_application (app);
  kith_test_store_free (t);
}

static guint
count_shown (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      n += G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window);
    }
  return n;
}

static gboolean
one_welcome (gpointer data)
{
  return count_shown (ADW_TYPE_MESSAGE_DIALOG) == 1;
}

/* The first run, Kith activated twice before its data is open (a second click on its icon):
 * one window, and the welcome asked once */
static void
test_activated_twice_welcomes_once (void)
{
  KithTestStore *t = gui_test_store_new ();
  KithApplication *app = start_application (t->dir, "Twice");

  g_application_activate (G_APPLICATION (app));
  wait_until (label_containing_anywhere, (gpointer) "Welcome to Kith");
  /* Both activations' questions answered by the store, and a while for a second dialog */
  assert_holds_for (one_welcome, NULL, 1500, "one welcome dialog");
  g_assert_cmpuint (count_shown (KITH_TYPE_WINDOW), ==, 1);

  answer_message_dialog ("_General Business");
  stop_application (app);
  kith_test_store_free (t);
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/opening/upgrade-shows-window", test_upgrade_shows_window);
  g_test_add_func ("/opening/closed-while-opening", test_closed_while_opening);
  g_test_add_func ("/opening/newer-data-said", test_newer_data_said);
  g_test_add_func ("/opening/activated-twice-welcomes-once", test_activated_twice_welcomes_once);

  return g_test_run ();
}
