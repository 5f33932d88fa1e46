/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The main window over a store in a temporary data dir, as most GUI tests start (WindowFixture);
 * its parts and the dialogs it opens, found as a user finds them (by what they are and what they
 * show), and what a user does with them: going to a page, searching a list, choosing from its
 * menu, opening a record, attaching a file, Undo on a toast. */

#include "kith-window.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"

/* The main window over @t's store, @width × @height, on screen and with the keyboard */
static inline KithWindow *
present_main_window (KithTestStore *t,
                     int            width,
                     int            height)
{
  KithWindow *window = kith_window_new (NULL, t->store);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (is_mapped, window);
  focus_window (GTK_WIDGET (window));
  return window;
}

/* A store in a temporary data dir and the main window over it, as most GUI tests start; a
 * program whose tests start otherwise (a preset, a size, more seeded) has a set-up of its own
 * that calls these */
typedef struct {
  KithTestStore *t;
  KithWindow    *window;
} WindowFixture;

static inline void
window_fixture_set_up (WindowFixture *f,
                       gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->window = present_main_window (f->t, 1180, 760);
}

static inline void
window_fixture_tear_down (WindowFixture *f,
                          gconstpointer  data)
{
  close_window (f->window);
  kith_test_store_free (f->t);
}

/* The window of @type on screen, laid out (a dialog, a form, a file chooser), or %NULL */
static inline GtkWidget *
shown_window_of (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && is_mapped (window))
        return window;
    }
  return NULL;
}

/* For wait_until (): a window of the type GSIZE_TO_POINTER (@type) is on screen */
static inline gboolean
window_of_shown (gpointer type)
{
  return shown_window_of (GPOINTER_TO_SIZE (type)) != NULL;
}

/* For wait_until (): no window of the type GSIZE_TO_POINTER (@type) is on screen */
static inline gboolean
window_of_gone (gpointer type)
{
  return shown_window_of (GPOINTER_TO_SIZE (type)) == NULL;
}

/* Waits for the window of @type (a dialog, a form) to show; returns it */
static inline GtkWidget *
wait_for_window (GType type)
{
  wait_until (window_of_shown, GSIZE_TO_POINTER (type));
  return shown_window_of (type);
}

/* Waits until no window of @type shows */
static inline void
wait_for_window_gone (GType type)
{
  wait_until (window_of_gone, GSIZE_TO_POINTER (type));
}

/* Clicks the button labelled @label (with its mnemonic, "_Save") in the message dialog on
 * screen, once there is one, and waits for the dialog to close */
static inline void
answer_message_dialog (const char *label)
{
  GtkWidget *button = find_where (wait_for_window (ADW_TYPE_MESSAGE_DIALOG), is_labelled_button, label);

  g_assert_nonnull (button);
  click (button);
  wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
}

/* The first widget @match finds with @data in any window (the main window, a menu, a dialog) */
static inline GtkWidget *
find_in_any_window (gboolean      (*match) (GtkWidget *widget, gconstpointer data),
                    gconstpointer   data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = find_where (window, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline gboolean
is_list_of (GtkWidget     *widget,
            gconstpointer  data)
{
  KithRecordKind shows;

  if (!KITH_IS_LIST_PAGE (widget))
    return FALSE;
  g_object_get (widget, "kind", &shows, NULL);
  return shows == (KithRecordKind) GPOINTER_TO_INT (data);
}

/* The window builds the page it opens on, and each other page when it is first shown or once the
 * window is at rest after its first frame: the pages below wait until it is there */

typedef struct {
  GtkWidget *window;
  gboolean (*match) (GtkWidget *widget, gconstpointer data);
  gconstpointer data;
  GtkWidget *found;
} PageSearch;

static inline gboolean
page_built (gpointer data)
{
  PageSearch *search = data;

  search->found = find_where (search->window, search->match, search->data);
  return search->found != NULL;
}

static inline GtkWidget *
wait_for_page (gpointer window,
               gboolean (*match) (GtkWidget *widget, gconstpointer data),
               gconstpointer data)
{
  PageSearch search = { window, match, data, NULL };

  wait_until (page_built, &search);
  return search.found;
}

static inline gboolean
is_a_type (GtkWidget     *widget,
           gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

/* The list of People, Companies or Deals in @window */
static inline KithListPage *
list_page (gpointer       window,
           KithRecordKind kind)
{
  return KITH_LIST_PAGE (wait_for_page (window, is_list_of, GINT_TO_POINTER (kind)));
}

static inline KithProfilePage *
profile_page (gpointer window)
{
  return KITH_PROFILE_PAGE (find_widget (window, KITH_TYPE_PROFILE_PAGE, NULL));
}

static inline KithAgendaPage *
agenda_page (gpointer window)
{
  return KITH_AGENDA_PAGE (wait_for_page (window, is_a_type, GSIZE_TO_POINTER (KITH_TYPE_AGENDA_PAGE)));
}

static inline KithInboxPage *
inbox_page (gpointer window)
{
  return KITH_INBOX_PAGE (wait_for_page (window, is_a_type, GSIZE_TO_POINTER (KITH_TYPE_INBOX_PAGE)));
}

/* Goes to a page of @window with its shortcut, as a user does (Alt+1 … Alt+5 in the sidebar's
 * order: Agenda, Inbox, People, Companies, Deals), and waits until it shows */
static inline void
go_to_page (gpointer    window,
            const char *name)
{
  static const char *names[] = { "agenda", "inbox", "people", "companies", "projects" };
  static const char *keys[] = { "alt+1", "alt+2", "alt+3", "alt+4", "alt+5" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], name))
      {
        GtkWidget *page;

        focus_window (window);
        press_keys (keys[i]);
        page = i == 0 ? GTK_WIDGET (agenda_page (window)) :
               i == 1 ? GTK_WIDGET (inbox_page (window)) :
               GTK_WIDGET (list_page (window, KITH_RECORD_PERSON + (i - 2)));
        wait_until (is_mapped, page);
        return;
      }
  g_assert_not_reached ();
}

/* The rows @page shows: its list view's model, none while the page was never shown */
static inline GListModel *
list_rows (KithListPage *page)
{
  GtkWidget *view = find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW, NULL);

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static inline guint
rows_shown (KithListPage *page)
{
  GListModel *rows = list_rows (page);

  return rows != NULL ? g_list_model_get_n_items (rows) : 0;
}

/* For wait_until (): the list args[0] shows GPOINTER_TO_UINT (args[1]) rows */
static inline gboolean
list_has_n (gpointer data)
{
  gpointer *args = data;

  return gtk_widget_get_mapped (args[0]) && rows_shown (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Waits until @page, on screen, shows @n rows */
static inline void
wait_for_count (KithListPage *page,
                guint         n)
{
  gpointer args[] = { page, GUINT_TO_POINTER (n) };

  wait_until (list_has_n, args);
}

/* The text in @page's search entry, as typed */
static inline GtkWidget *
search_entry (KithListPage *page)
{
  return find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
}

/* Searches @page for @query: a click in its search entry, and @query typed over what was there */
static inline void
search_for (KithListPage *page,
            const char   *query)
{
  GtkWidget *entry = search_entry (page);

  focus_window (entry);
  click (entry);
  press_keys ("ctrl+a");
  if (*query != '\0')
    type_text (query);
  else
    press_keys ("BackSpace");
}

/* The problem @page shows with its search, or %NULL */
static inline const char *
search_problem (KithListPage *page)
{
  GtkRevealer *revealer = GTK_REVEALER (find_widget (GTK_WIDGET (page), GTK_TYPE_REVEALER, NULL));

  if (revealer == NULL || !gtk_revealer_get_child_revealed (revealer))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_revealer_get_child (revealer)));
}

/* A menu button on screen with the icon @data: a list's menu and a profile's have
 * "view-more-symbolic" */
static inline gboolean
is_menu_button_with (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), data) == 0;
}

/* Opens the menu of @root (a list, a profile) with a click; returns its popover, once @item
 * shows */
static inline GtkWidget *
open_menu (gpointer    root,
           const char *item)
{
  GtkWidget *button = find_where (root, is_menu_button_with, "view-more-symbolic");
  GtkWidget *popover;
  gpointer args[2];

  g_assert_nonnull (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  args[0] = popover;
  args[1] = (gpointer) item;
  click_when_still (button);
  wait_until (label_shown, args);

  return popover;
}

/* Picks @item from the open menu with the mouse, and waits for the menu to close */
static inline void
choose (GtkWidget  *popover,
        const char *item)
{
  click_when_still (find_widget (popover, GTK_TYPE_LABEL, item));
  wait_until (popover_closed, popover);
}

static inline gboolean
is_label_shown (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A label on screen whose text holds @data */
static inline gboolean
has_label_containing (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* For wait_until (): a label holding the text @data is on screen, in any window */
static inline gboolean
label_containing_anywhere (gpointer data)
{
  return find_in_any_window (has_label_containing, data) != NULL;
}

/* For wait_until (): a label in args[0] reads args[1] on screen (where other labels in it may
 * read the same, out of sight) */
static inline gboolean
any_label_shown (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_label_shown, args[1]) != NULL;
}

static inline gboolean
is_action_row_titled (GtkWidget     *widget,
                      gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* For wait_until (): args[0] shows an action row titled args[1] */
static inline gboolean
shows_action_row (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_action_row_titled, args[1]) != NULL;
}

/* The action row titled @title in @root (the Agenda, a profile), once it shows */
static inline GtkWidget *
action_row_titled (gpointer    root,
                   const char *title)
{
  gpointer args[] = { root, (gpointer) title };

  wait_until (shows_action_row, args);
  return find_where (root, is_action_row_titled, title);
}

/* Clicks Undo on the toast @window shows, where it comes to rest (the toast slides in) */
static inline void
click_undo (gpointer window)
{
  gpointer undo_label[] = { window, (gpointer) "Undo" };

  wait_until (label_shown, undo_label);
  click_when_still (find_widget (window, GTK_TYPE_LABEL, "Undo"));
}

static inline gboolean
is_shown_with_tooltip (GtkWidget     *widget,
                       gconstpointer  tooltip)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The first descendant of @root on screen whose tooltip is @tooltip (a button that shows only
 * an icon), or %NULL */
static inline GtkWidget *
shown_with_tooltip (gpointer    root,
                    const char *tooltip)
{
  return find_where (root, is_shown_with_tooltip, tooltip);
}

/* The button on screen in @root that reads @text (its mnemonic's underline left out), or
 * %NULL */
static inline GtkWidget *
shown_button (gpointer    root,
              const char *text)
{
  GtkWidget *label = find_where (root, is_label_shown, text);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;
}

/* For wait_until (): the profile args[0] shows the record named args[1], or nobody for %NULL */
static inline gboolean
profile_shows (gpointer data)
{
  gpointer *args = data;
  KithRecord *record = kith_profile_page_get_record (args[0]);

  return (record == NULL) == (args[1] == NULL) &&
         (record == NULL || g_strcmp0 (kith_record_get_name (record), args[1]) == 0);
}

/* For wait_until (): the row of the list args[0] naming args[1] is all in sight */
static inline gboolean
row_in_view (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, args[1]);

  return label != NULL && gtk_widget_get_mapped (label) && in_view (label);
}

/* Clicks the row of @page naming @name, once it is in sight */
static inline void
click_row (KithListPage *page,
           const char   *name)
{
  gpointer args[] = { page, (gpointer) name };

  wait_until (row_in_view, args);
  wait_for_frames (GTK_WIDGET (page));
  click (find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, name));
}

/* Clicks the row of @page naming @name with @key held ("ctrl", "shift"), once it is in sight
 * and still */
static inline void
click_row_with (KithListPage *page,
                const char   *name,
                const char   *key)
{
  gpointer args[] = { page, (gpointer) name };

  Settling settling = { NULL, 0, 0, 0 };

  wait_until (row_in_view, args);
  /* the row the search or the header's change of mode last moved */
  settling.widget = find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, name);
  wait_until (has_settled, &settling);
  pointer_to (settling.widget, -1, -1);
  xdotool ("keydown", key, "click", "1", "keyup", key, NULL);
}

/* Opens the record named @name as a user does: its list with the shortcut, a click on its row;
 * waits for its profile */
static inline void
open_from_list (gpointer        window,
                KithRecordKind  kind,
                const char     *name)
{
  static const char *pages[] = { "people", "companies", "projects" };
  gpointer shows[] = { profile_page (window), (gpointer) name };

  go_to_page (window, pages[kind]);
  click_row (list_page (window, kind), name);
  wait_until (profile_shows, shows);
}

static inline guint
count_file_rows (GtkWidget *root)
{
  guint n = ADW_IS_ACTION_ROW (root) && gtk_widget_get_visible (root) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), "Attaching files") != 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_file_rows (child);
  return n;
}

/* For wait_until (): the Files group args[0] shows GPOINTER_TO_UINT (args[1]) files */
static inline gboolean
files_listed (gpointer data)
{
  gpointer *args = data;

  return count_file_rows (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static inline GtkWidget *
file_chooser (void)
{
  return shown_window_of (GTK_TYPE_FILE_CHOOSER);
}

static inline gboolean
file_chooser_shown (gpointer data)
{
  return file_chooser () != NULL;
}

static inline gboolean
file_chooser_gone (gpointer data)
{
  return file_chooser () == NULL;
}

/* Picks the file at @path in the file chooser about to show, as a user does with the keyboard:
 * the path typed into its location, Enter */
static inline void
pick_file (const char *path)
{
  wait_until (file_chooser_shown, NULL);
  focus_window (file_chooser ());
  press_keys ("ctrl+l");
  type_text (path);
  {
    gpointer args[] = { file_chooser (), (gpointer) path };

    wait_until (focus_holds_text, args);
  }
  /* The chooser may still be looking the path up and let an Enter pass, as a user sees when
   * Enter does nothing; they press it again */
  for (guint tries = 0; file_chooser () != NULL && gtk_window_is_active (GTK_WINDOW (file_chooser ())); tries++)
    {
      g_assert_cmpuint (tries, <, 10);
      press_keys ("Return");
      holds_at_most (file_chooser_shown, NULL, 1000);
    }
  wait_until (file_chooser_gone, NULL);
}

/* Saves to @path in the file chooser about to show, as a user does: the name it suggests
 * replaced by typing the path, Enter; Replace when it asks whether to replace the file there */
static inline void
save_as (const char *path)
{
  gpointer typed[2];

  wait_until (file_chooser_shown, NULL);
  focus_window (file_chooser ());
  typed[0] = file_chooser ();
  typed[1] = (gpointer) path;
  press_keys ("ctrl+a");
  type_text (path);
  wait_until (focus_holds_text, typed);
  /* As in pick_file (): an Enter may pass while the chooser looks the path up */
  for (guint tries = 0; file_chooser () != NULL && gtk_window_is_active (GTK_WINDOW (file_chooser ())); tries++)
    {
      g_assert_cmpuint (tries, <, 10);
      press_keys ("Return");
      holds_at_most (file_chooser_shown, NULL, 1000);
    }
  if (file_chooser () != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      GtkWidget *replace;

      wait_until (window_of_shown, GSIZE_TO_POINTER (GTK_TYPE_MESSAGE_DIALOG));
      replace = find_where (shown_window_of (GTK_TYPE_MESSAGE_DIALOG), is_labelled_button, "_Replace");
      g_assert_nonnull (replace);
      click_when_still (replace);
    }
  wait_until (file_chooser_gone, NULL);
}

/* Attaches the file at @path to the record the Files group @group belongs to, as a user does
 * with the keyboard: a click on Attach Files…, the path typed into the file chooser, Enter */
static inline void
attach_file (GtkWidget  *group,
             const char *path)
{
  GtkWidget *button = find_where (group, has_tooltip, "Attach Files…");

  g_assert_nonnull (button);
  scroll_into_view (button);
  click (button);
  pick_file (path);
}
