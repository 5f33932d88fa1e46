/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Files in and out of the window, as a user does it. File → Import… in the primary menu, the
 * file picked in the file chooser, and a file dragged with the pointer (xdotool, a real XDND
 * drag) onto the People list both open the import dialog: its dry run shows the counts and each
 * rejected row with its number and reason, and writes nothing; Import (Enter, or a click) writes
 * the people, who then show in the list, with a toast saying what became of the rows. Escape
 * while a large file imports stops it, leaving whole records only. A file Kith cannot read is
 * explained in the dialog, naming it.
 *
 * The files are CSV files written here (no real people's data), so each import has the mapping
 * step of a CSV file first; its own test edits a column's field there.
 */

#include <adwaita.h>

#include "kith-export-dialog.h"
#include "kith-import-dialog.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
  GtkWindow     *source;   /* where a drag starts */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  /* On the screen (1280×800) whole: the pointer reaches where it drops */
  f->window = present_main_window (f->t, 1100, 700);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->source != NULL)
    gtk_window_destroy (f->source);
  close_window (shown_window_of (KITH_TYPE_IMPORT_DIALOG));
  close_window (f->window);
  kith_test_store_free (f->t);
}

/* A CSV file of @n people, "Person 1" <person1@example.com> …, with a header row; the row
 * numbered @bad (from 1, 0 for none) has a cell too many */
static char *
write_rows (Fixture    *f,
            const char *name,
            guint       n,
            guint       bad)
{
  g_autoptr(GString) text = g_string_new ("Name,E-mail 1 - Type,E-mail 1 - Value\r\n");
  char *path = g_build_filename (f->t->dir, name, NULL);

  for (guint i = 1; i <= n; i++)
    {
      if (i == bad)
        g_string_append_printf (text, "Person %u,* Work,person%u@example.com,Extra\r\n", i, i);
      else
        g_string_append_printf (text, "Person %u,* Work,person%u@example.com\r\n", i, i);
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  return path;
}

static guint
people_stored (Fixture *f)
{
  g_autoptr(GArray) found = find_records (f->t->store, KITH_RECORD_PERSON, "");

  return found->len;
}

/* For wait_until (): some window on screen shows a label reading @data */
static gboolean
label_anywhere (gpointer data)
{
  return find_in_any_window (is_label_shown, data) != NULL;
}

/* Opens the window's primary menu with a click and picks @item */
static void
choose_from_primary_menu (Fixture    *f,
                          const char *item)
{
  GtkWidget *button = find_where (GTK_WIDGET (f->window), is_menu_button_with, "open-menu-symbolic");
  GtkWidget *popover;
  gpointer args[2];

  g_assert_nonnull (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  args[0] = popover;
  args[1] = (gpointer) item;
  focus_window (GTK_WIDGET (f->window));
  click_when_still (button);
  wait_until (label_shown, args);
  choose (popover, item);
}

/* The dialog's dry run, done: its counts on screen */
static GtkWidget *
wait_for_counts (const char *counts)
{
  GtkWidget *dialog = wait_for_window (KITH_TYPE_IMPORT_DIALOG);
  gpointer args[] = { dialog, (gpointer) counts };

  wait_until (any_label_shown, args);
  return dialog;
}

static gboolean
can_continue (gpointer data)
{
  GtkWidget *button = find_where (data, is_labelled_button, "_Continue");

  return button != NULL && gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button);
}

/* Past the mapping step of the import dialog about to show, with the columns as it mapped them:
 * Enter (the keyboard starts on Continue), or a click on Continue */
static void
continue_past_mapping (gboolean by_click)
{
  GtkWidget *dialog = wait_for_window (KITH_TYPE_IMPORT_DIALOG);

  wait_until (can_continue, dialog);
  if (by_click)
    {
      click (find_where (dialog, is_labelled_button, "_Continue"));
      return;
    }
  focus_window (dialog);
  press_keys ("Return");
}

/* File → Import…, the file picked: the dry run's counts and the rejected row with its number and
 * reason, nothing written; Enter imports, the list shows the people, a toast the summary */
static void
test_menu_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_rows (f, "people.csv", 4, 3);
  KithListPage *people;
  GtkWidget *dialog;
  gpointer row4[2];

  choose_from_primary_menu (f, "Import…");
  pick_file (path);
  continue_past_mapping (FALSE);
  dialog = wait_for_counts ("3 new, 0 updated, 0 merged, 0 unchanged, 1 rejected");
  /* Numbered as a spreadsheet numbers it, the header being row 1 */
  row4[0] = dialog;
  row4[1] = (gpointer) "Row 4";
  wait_until (any_label_shown, row4);
  g_assert_nonnull (find_where (dialog, has_label_containing, "the row has 4 cells where the header row has 3"));
  g_assert_cmpuint (people_stored (f), ==, 0);

  focus_window (dialog);
  press_keys ("Return");
  wait_for_window_gone (KITH_TYPE_IMPORT_DIALOG);
  wait_until (label_anywhere, "Imported “people.csv”: 3 new, 0 updated, 0 merged, 0 unchanged, 1 rejected");

  go_to_page (f->window, "people");
  people = list_page (f->window, KITH_RECORD_PERSON);
  wait_for_count (people, 3);
  g_assert_cmpuint (people_stored (f), ==, 3);
  g_assert_cmpint (lookup (f->t->store, "person4@example.com"), !=, 0);
}

/* Drags @path onto the People list, shown */
static void
drop_on_people (Fixture    *f,
                const char *path)
{
  KithListPage *people;

  go_to_page (f->window, "people");
  people = list_page (f->window, KITH_RECORD_PERSON);
  drag_to (present_drag_source (path, TRUE, &f->source), GTK_WIDGET (people));
}

/* A file dropped on People opens the same dialog; clicks on Continue and Import write the people */
static void
test_drop_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_rows (f, "dropped.csv", 2, 0);
  GtkWidget *dialog;
  GtkWidget *import;

  drop_on_people (f, path);
  continue_past_mapping (TRUE);
  dialog = wait_for_counts ("2 new, 0 updated, 0 merged, 0 unchanged, 0 rejected");
  g_assert_null (find_where (dialog, is_label_shown, "Rows Not Imported"));

  import = find_where (dialog, is_labelled_button, "_Import");
  g_assert_nonnull (import);
  click (import);
  wait_for_window_gone (KITH_TYPE_IMPORT_DIALOG);
  wait_for_count (list_page (f->window, KITH_RECORD_PERSON), 2);
}

/* A file whose name says no format Kith reads, and one gone before it is read: the dialog says
 * what is wrong, naming the file; nothing is written */
static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *notes = g_build_filename (f->t->dir, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (notes, "Call Ada", -1, NULL));
  drop_on_people (f, notes);
  wait_until (label_containing_anywhere, "Kith cannot tell the format of “notes.txt” from its name. It imports ");
  g_assert_true (label_containing_anywhere ("CSV (.csv)"));
  press_keys ("Escape");
  wait_for_window_gone (KITH_TYPE_IMPORT_DIALOG);
  g_assert_cmpuint (people_stored (f), ==, 0);
}

static gboolean
is_progress_past (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_PROGRESS_BAR (widget) && gtk_widget_get_mapped (widget) &&
         gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (widget)) >= *(const double *) data;
}

/* For wait_until (): the import dialog's progress bar on screen is a third of the way */
static gboolean
import_a_third_done (gpointer data)
{
  static const double third = 0.3;

  return find_where (data, is_progress_past, &third) != NULL;
}

/* Escape while a large file imports stops it: the dialog says what was kept, and what was kept
 * are whole people, as many as the batches written */
static void
test_cancel_keeps_whole_records (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = write_rows (f, "many.csv", 10000, 0);
  g_autoptr(GArray) found = NULL;
  GtkWidget *dialog;
  guint n;

  drop_on_people (f, path);
  continue_past_mapping (FALSE);
  dialog = wait_for_counts ("10000 new, 0 updated, 0 merged, 0 unchanged, 0 rejected");
  focus_window (dialog);
  press_keys ("Return");
  wait_until (import_a_third_done, dialog);
  press_keys ("Escape");
  wait_until (label_anywhere, "Import Stopped");
  g_assert_true (label_containing_anywhere ("each one whole"));

  found = find_records (f->t->store, KITH_RECORD_PERSON, "");
  n = found->len;
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 10000);
  for (guint i = 0; i < n; i += n / 10 + 1)
    {
      g_autoptr(KithRecord) person = stored_record (f->t->store, g_array_index (found, gint64, i));
      const char *name = kith_record_get_name (person);
      g_autofree char *email = g_strdup_printf ("person%s@example.com", name + strlen ("Person "));

      g_assert_true (g_str_has_prefix (name, "Person "));
      g_assert_cmpint (lookup (f->t->store, email), ==, kith_record_get_id (person));
    }
}

static gboolean
is_combo_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A Google Contacts export dropped on People: its columns with their first rows, each mapped
 * as the preset says; the Notes column switched to Don't Import by hand, Continue shows the
 * counts, Import writes the people without their notes */
static void
test_csv_mapping (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t->dir, "contacts.csv", NULL);
  const char *csv =
    "Name,Given Name,Family Name,Notes,E-mail 1 - Type,E-mail 1 - Value\r\n"
    "Ada Lovelace,Ada,Lovelace,Met at the Analytical Society,* Work,ada@example.com\r\n"
    "Grace Hopper,Grace,Hopper,Compilers,* Home,grace@example.com\r\n";
  g_autoptr(KithRecord) ada = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *dialog;
  GtkWidget *notes;
  GtkWidget *popover;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  drop_on_people (f, path);
  dialog = wait_for_window (KITH_TYPE_IMPORT_DIALOG);
  wait_until (label_anywhere, "Read as an export of Google Contacts. Choose where each column goes.");
  notes = find_where (dialog, is_combo_row_titled, "Notes");
  g_assert_nonnull (notes);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (notes)), ==, "Met at the Analytical Society · Compilers");
  g_assert_true (find_where (notes, is_label_shown, "Notes") != NULL);

  /* The field chooser of the Notes column, by the pointer */
  click (notes);
  popover = find_widget (notes, GTK_TYPE_POPOVER, NULL);
  g_assert_nonnull (popover);
  {
    gpointer args[] = { popover, (gpointer) "Don’t Import" };

    wait_until (label_shown, args);
  }
  choose (popover, "Don’t Import");

  click (find_where (dialog, is_labelled_button, "_Continue"));
  wait_for_counts ("2 new, 0 updated, 0 merged, 0 unchanged, 0 rejected");
  press_keys ("Return");
  wait_for_window_gone (KITH_TYPE_IMPORT_DIALOG);
  wait_for_count (list_page (f->window, KITH_RECORD_PERSON), 2);

  ada = stored_record (f->t->store, lookup (f->t->store, "ada@example.com"));
  g_assert_cmpstr (kith_record_get_name (ada), ==, "Ada Lovelace");
  stored = dump_record (f->t, kith_record_get_id (ada));
  g_assert_null (strstr (stored, "Analytical"));
}

/* File → Export… of People as CSV, the file named in the chooser: a toast says so, and the
 * file read back through the import dialog is the same people, nothing new and nothing refused */
static void
test_export_reads_back (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t->dir, "exported.csv", NULL);
  g_autofree char *text = NULL;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\", \"emails\": [\"grace@example.com\"]}");
  go_to_page (f->window, "people");
  choose_from_primary_menu (f, "Export…");
  focus_window (wait_for_window (KITH_TYPE_EXPORT_DIALOG));
  press_keys ("Return");
  save_as (path);
  wait_until (label_anywhere, "Exported People to “exported.csv”");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "ada@example.com"));
  g_assert_nonnull (strstr (text, "Grace Hopper"));

  drop_on_people (f, path);
  continue_past_mapping (FALSE);
  wait_until (label_containing_anywhere, "0 new,");
  g_assert_true (label_containing_anywhere ("0 merged"));
  g_assert_true (label_containing_anywhere ("0 rejected"));
}

/* Export… stopped with Escape while it waits for a long write (as an import's) to end: the file
 * chosen keeps what it held, and a toast says so */
static void
test_export_cancel_keeps_file (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t->dir, "kept.csv", NULL);
  g_autofree char *text = NULL;
  Hold hold = { 0 };

  g_assert_true (g_file_set_contents (path, "Name\r\nOld Row\r\n", -1, NULL));
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"]}");
  go_to_page (f->window, "people");
  choose_from_primary_menu (f, "Export…");
  focus_window (wait_for_window (KITH_TYPE_EXPORT_DIALOG));
  press_keys ("Return");
  hold_store (f->t->store, &hold);
  save_as (path);
  wait_until (label_containing_anywhere, "Exporting to “kept.csv”");
  focus_window (wait_for_window (KITH_TYPE_EXPORT_DIALOG));
  press_keys ("Escape");
  /* The key reaches the dialog through the X server: the write may go on only once it has */
  wait_until (label_anywhere, "Stopping…");
  release_store (f->t->store, &hold);

  wait_until (label_anywhere, "Export stopped: “kept.csv” is as it was");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "Name\r\nOld Row\r\n");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/import/menu", Fixture, NULL, fixture_set_up, test_menu_import, fixture_tear_down);
  g_test_add ("/import/drop", Fixture, NULL, fixture_set_up, test_drop_import, fixture_tear_down);
  g_test_add ("/import/unreadable", Fixture, NULL, fixture_set_up, test_unreadable, fixture_tear_down);
  g_test_add ("/import/cancel-keeps-whole-records", Fixture, NULL, fixture_set_up, test_cancel_keeps_whole_records,
              fixture_tear_down);
  g_test_add ("/import/csv-mapping", Fixture, NULL, fixture_set_up, test_csv_mapping, fixture_tear_down);
  g_test_add ("/export/reads-back", Fixture, NULL, fixture_set_up, test_export_reads_back, fixture_tear_down);
  g_test_add ("/export/cancel-keeps-file", Fixture, NULL, fixture_set_up, test_export_cancel_keeps_file, fixture_tear_down);

  return g_test_run ();
}
