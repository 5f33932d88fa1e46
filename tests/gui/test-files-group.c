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
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

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
  wait_until (is_mapped, f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
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

/* The file is copied: the bar is full, and the row names it */
static gboolean
progress_full (gpointer data)
{
  Watch *watch = data;
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (watch->w.row));

  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (watch->w.bar)) == 1.0 &&
         subtitle != NULL && strstr (subtitle, "“Listing photos.zip”, 1 of 1") != NULL;
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

/*
 * Attaching a file shows the copy's progress; Cancel attaches nothing and leaves no copy. A long
 * write holding the store's worker keeps the copy from being added, so the click surely comes
 * before the end.
 */
static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  KithFilesGroup *group;
  gint64 id = seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Seller\"}");
  g_autofree char *path = g_build_filename (f->t->dir, "Listing photos.zip", NULL);
  g_autofree char *big = g_malloc0 (3 * 1024 * 1024);
  Watch watch = { NULL, { NULL, NULL, NULL } };
  gpointer none[] = { NULL, GUINT_TO_POINTER (0) };
  gpointer one[] = { NULL, GUINT_TO_POINTER (1) };
  g_autoptr(GError) error = NULL;
  Hold hold = { 0 };

  g_assert_true (g_file_set_contents (path, big, 3 * 1024 * 1024, NULL));

  /* The profile's content is built when it first shows a record */
  open_from_list (f->window, KITH_RECORD_PERSON, "Seller");
  group = KITH_FILES_GROUP (find_widget (GTK_WIDGET (f->window), KITH_TYPE_FILES_GROUP, NULL));
  watch.group = none[0] = one[0] = group;
  find_progress (GTK_WIDGET (group), &watch.w);
  g_assert_nonnull (watch.w.row);
  g_assert_nonnull (watch.w.cancel);
  g_assert_false (gtk_widget_get_visible (watch.w.row));

  wait_until (group_mapped, group);
  wait_until (files_listed, none);

  hold_store (f->t->store, &hold);
  attach_file (GTK_WIDGET (group), path);
  wait_until (progress_shown, &watch);
  wait_until (progress_full, &watch);
  scroll_into_view (watch.w.cancel);
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

  /* Attached again and left alone, the file is attached and the progress goes away */
  attach_file (GTK_WIDGET (group), path);
  wait_until (files_listed, one);
  wait_until (progress_gone, &watch);
  g_assert_cmpuint (n_copies (f, id), ==, 1);
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
