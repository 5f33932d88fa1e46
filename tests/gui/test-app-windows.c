/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The application's own windows as a user opens them from the keyboard under Xvfb, with the
 * real-estate preset: the shortcuts window (Ctrl+?) names the deals' page as the sidebar does,
 * and Preferences (Ctrl+,) shows every page's name whole in its view switcher.
 */

#include "config.h"

#include <adwaita.h>

#include "kith-application.h"
#include "kith-preferences-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

static GuiTestApp app;

static gboolean
is_shortcut_for (GtkWidget     *widget,
                 gconstpointer  accelerator)
{
  g_autofree char *accel = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  g_object_get (widget, "accelerator", &accel, NULL);
  return g_strcmp0 (accel, accelerator) == 0;
}

/* Ctrl+? in the main window: the shortcut to the fifth page has the sidebar's name for it */
static void
test_shortcuts_name_pages (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  GtkWidget *shortcuts;
  GtkWidget *deals;
  g_autofree char *title = NULL;

  wait_until (label_containing_anywhere, (gpointer) "Properties");
  press_keys ("ctrl+question");
  shortcuts = wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  deals = find_where (shortcuts, is_shortcut_for, "<Alt>5");
  g_assert_nonnull (deals);
  g_object_get (deals, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Properties");
  save_png (shortcuts, "shortcuts.png");

  press_keys ("Escape");
  wait_for_window_gone (GTK_TYPE_SHORTCUTS_WINDOW);
  focus_window (GTK_WIDGET (window));
}

/* The view switcher's labels on screen in @root, added to @labels */
static void
collect_switcher_labels (GtkWidget *root,
                         gboolean   in_switcher,
                         GPtrArray *labels)
{
  in_switcher = in_switcher || ADW_IS_VIEW_SWITCHER (root) || ADW_IS_VIEW_SWITCHER_BAR (root);
  if (in_switcher && GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (labels, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_switcher_labels (child, in_switcher, labels);
}

static guint
count_switcher_labels (gpointer root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_switcher_labels (root, FALSE, labels);
  return labels->len;
}

/* For wait_until (): one view switcher shows in @data, and no longer fades into the other one
 * (the header's and the bottom bar's, whichever the width allows) */
static gboolean
one_switcher_shown (gpointer data)
{
  return count_switcher_labels (data) == 8;
}

/* Ctrl+, opens Preferences with all its pages — Mail, Calendars and Contacts too, as the
 * application has those services — and no page's name is cut short ("Relationshi…") */
static void
test_preferences_names_whole (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  GtkWidget *prefs;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  press_keys ("ctrl+comma");
  prefs = wait_for_window (KITH_TYPE_PREFERENCES_WINDOW);
  wait_until (one_switcher_shown, prefs);
  save_png (prefs, "preferences-opened.png");

  collect_switcher_labels (prefs, FALSE, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("the page name “%s” is cut short", gtk_label_get_label (label));
    }

  press_keys ("Escape");
  wait_for_window_gone (KITH_TYPE_PREFERENCES_WINDOW);
  focus_window (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gui_test_init (&argc, &argv);
  app.t = gui_test_store_new ();
  apply_preset (app.t->store, "realestate");
  gui_test_app_register (&app);

  g_test_add_func ("/app/shortcuts-name-pages", test_shortcuts_name_pages);
  g_test_add_func ("/app/preferences-names-whole", test_preferences_names_whole);
  ret = g_test_run ();

  g_action_group_activate_action (G_ACTION_GROUP (app.app), "quit", NULL);
  g_clear_object (&app.app);
  kith_test_store_free (app.t);
  return ret;
}
