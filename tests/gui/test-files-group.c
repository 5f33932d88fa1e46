/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Files group of a profile while files are being attached: the progress it shows, and its
 * Cancel button, clicked with the pointer (xdotool) in the real window under Xvfb.
 */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "kith-files-group.h"
#include "kith-profile-page.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->window = kith_window_new (NULL, f->t->store);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  kith_test_store_free (f->t);
}

typedef struct {
  KithWindow *window;
  GtkWidget  *widget;
} Target;

/* A click in the middle of the widget would land on it */
static gboolean
under_pointer (gpointer data)
{
  Target *target = data;
  double x, y;
  GtkWidget *picked;

  if (!gtk_widget_translate_coordinates (target->widget, GTK_WIDGET (target->window),
                                         gtk_widget_get_width (target->widget) / 2.0,
                                         gtk_widget_get_height (target->widget) / 2.0, &x, &y))
    return FALSE;
  picked = gtk_widget_pick (GTK_WIDGET (target->window), x, y, GTK_PICK_DEFAULT);
  return picked != NULL && (picked == target->widget || gtk_widget_is_ancestor (picked, target->widget));
}

/* Scrolls the page @widget is on until it shows @widget, as a user would before clicking it */
static void
scroll_to (KithWindow *window,
           GtkWidget  *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  Target target = { window, widget };
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y - gtk_widget_get_height (scrolled) / 2.0);
  wait_until (under_pointer, &target);
}

/* The widgets the group shows a copy in progress with */
typedef struct {
  GtkWidget *row;
  GtkWidget *bar;
  GtkWidget *cancel;
} ProgressWidgets;

static void
find_progress (GtkWidget       *widget,
               ProgressWidgets *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_PROGRESS_BAR (child))
        {
          found->bar = child;
          found->row = gtk_widget_get_ancestor (child, ADW_TYPE_ACTION_ROW);
        }
      else if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), "_Cancel") == 0)
        found->cancel = child;
      find_progress (child, found);
    }
}

typedef struct {
  KithFilesGroup  *group;
  ProgressWidgets  w;
} Watch;

static gboolean
progress_shown (gpointer data)
{
  Watch *watch = data;

  return gtk_widget_get_mapped (watch->w.row) && gtk_widget_get_mapped (watch->w.cancel);
}

/* Every file is copied: the bar is full, and the row names the last of the files */
static gboolean
progress_full (gpointer data)
{
  Watch *watch = data;
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (watch->w.row));

  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (watch->w.bar)) == 1.0 &&
         subtitle != NULL && strstr (subtitle, "3 of 3") != NULL;
}

static gboolean
cancelling (gpointer data)
{
  Watch *watch = data;

  return !gtk_widget_get_sensitive (watch->w.cancel) &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (watch->w.row)), "Cancelling…") == 0;
}

static gboolean
progress_gone (gpointer data)
{
  Watch *watch = data;

  return !gtk_widget_get_visible (watch->w.row);
}

static gboolean
group_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}


static guint
n_copies (Fixture *f,
          gint64   record_id)
{
  g_autofree char *folder = kith_files_dup_folder (f->t->store);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, record_id);
  g_autofree char *path = g_build_filename (folder, id, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
drop_folder (KithFilesGroup *group,
             const char     *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_assert_true (kith_files_group_handle_drop (group, &value));
  g_value_unset (&value);
}

/*
 * Dropping a folder shows the copy's progress; Cancel attaches nothing and leaves no copy. A
 * long write holding the store's worker keeps the copies from being added, so the click surely
 * comes before the end.
 */
static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  KithFilesGroup *group = kith_profile_page_get_files (kith_window_get_profile (f->window));
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Seller\"}");
  g_autofree char *folder = g_build_filename (f->t->dir, "Listing photos", NULL);
  g_autofree char *big = g_malloc0 (1024 * 1024);
  Watch watch = { group, { NULL, NULL, NULL } };
  gpointer none[] = { group, GUINT_TO_POINTER (0) };
  gpointer three[] = { group, GUINT_TO_POINTER (3) };
  g_autoptr(GError) error = NULL;
  Hold hold = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo%u.jpg", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_true (g_file_set_contents (path, big, 1024 * 1024, NULL));
    }

  find_progress (GTK_WIDGET (group), &watch.w);
  g_assert_nonnull (watch.w.row);
  g_assert_nonnull (watch.w.cancel);
  g_assert_false (gtk_widget_get_visible (watch.w.row));

  kith_window_open_record (f->window, id);
  wait_until (group_mapped, group);
  wait_until (files_listed, none);

  hold_store (f->t->store, &hold);
  drop_folder (group, folder);
  wait_until (progress_shown, &watch);
  wait_until (progress_full, &watch);
  scroll_to (f->window, watch.w.cancel);
  save_png (GTK_WIDGET (f->window), "files-group-progress.png");

  click (watch.w.cancel);
  wait_until (cancelling, &watch);
  release_store (f->t->store, &hold);
  wait_until (progress_gone, &watch);

  g_assert_cmpuint (n_copies (f, id), ==, 0);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) stored = NULL;

    kith_store_list_files_async (f->t->store, id, NULL, kith_test_result_cb, &result);
    stored = kith_store_list_files_finish (f->t->store, kith_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 0);
  }
  g_assert_cmpuint (count_file_rows (GTK_WIDGET (group)), ==, 0);

  /* Dropped again and left alone, the files are attached and the progress goes away */
  drop_folder (group, folder);
  wait_until (files_listed, three);
  wait_until (progress_gone, &watch);
  g_assert_cmpuint (n_copies (f, id), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/files-group/progress-and-cancel", Fixture, NULL, fixture_set_up, test_progress_and_cancel,
              fixture_tear_down);

  return g_test_run ();
}
