/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A profile's timeline alone: the view in a window of its own, showing Bob Buyer's timeline
 * over a store in a temporary data dir, and its rows found by their titles as a user finds
 * them. */

#include "kith-item-dialog.h"
#include "kith-timeline-row.h"
#include "kith-timeline-thread-row.h"
#include "kith-timeline-view.h"
#include "kith-todo-row.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore    *t;
  GtkWindow        *window;
  KithTimelineView *view;
  gint64            bob;
} TimelineFixture;

/* Bob, whose timeline the fixture shows */
static inline gint64
seed_bob (KithTestStore *t)
{
  return seed_record (t, KITH_RECORD_PERSON,
                      "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
}

/* The view in a scrolled window, as on a profile, showing Bob's timeline */
static inline void
present_timeline (TimelineFixture *f)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *toasts = adw_toast_overlay_new ();

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 640, 720);
  f->view = KITH_TIMELINE_VIEW (kith_timeline_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->view));
  /* Where a profile shows its toasts */
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), scrolled);
  gtk_window_set_child (f->window, toasts);
  gtk_window_present (f->window);
  kith_timeline_view_set_record (f->view, f->t->store, f->bob);
  wait_until (is_mapped, f->window);
  focus_window (GTK_WIDGET (f->window));
}

static inline void
timeline_fixture_tear_down (TimelineFixture *f,
                            gconstpointer    data)
{
  gtk_window_destroy (f->window);
  kith_test_store_free (f->t);
}

static inline gboolean
is_timeline_row_titled (GtkWidget     *widget,
                        gconstpointer  title)
{
  return (KITH_IS_TIMELINE_ROW (widget) || KITH_IS_TIMELINE_THREAD_ROW (widget) || KITH_IS_TODO_ROW (widget)) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The first row of the timeline under @root titled @title */
static inline GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return find_where (root, is_timeline_row_titled, title);
}

/* A row wanted on the timeline of a fixture, for wait_until () */
typedef struct {
  TimelineFixture *f;
  const char      *title;
} Wanted;

static inline gboolean
shows_row (gpointer data)
{
  Wanted *w = data;
  GtkWidget *row = find_row (GTK_WIDGET (w->f->view), w->title);

  return row != NULL && gtk_widget_get_mapped (row);
}

static inline gboolean
lacks_row (gpointer data)
{
  return !shows_row (data);
}

/* The "More for “…”" menu button of the row titled @title */
static inline GtkWidget *
menu_button_of (TimelineFixture *f,
                const char      *title)
{
  g_autofree char *tooltip = g_strdup_printf ("More for “%s”", title);

  return shown_with_tooltip (f->view, tooltip);
}

/* The menu of the row titled @title opened with a click, and its item @label clicked */
static inline void
choose_from_menu (TimelineFixture *f,
                  const char      *title,
                  const char      *label)
{
  GtkWidget *menu_button = menu_button_of (f, title);
  gpointer shown[] = { menu_button, (gpointer) label };

  g_assert_nonnull (menu_button);
  click (menu_button);
  wait_until (label_shown, shown);
  click (find_widget (menu_button, GTK_TYPE_LABEL, label));
}

/* The form that logs and edits timeline items (KithItemDialog), open with the keyboard */
static inline GtkWidget *
active_item_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (KITH_IS_ITEM_DIALOG (l->data) && gtk_widget_get_mapped (l->data) && gtk_window_is_active (l->data))
      return l->data;
  return NULL;
}

static inline gboolean
item_dialog_shown (gpointer data)
{
  return active_item_dialog () != NULL;
}

/* No such form on screen, with the keyboard or not */
static inline gboolean
item_dialog_gone (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (KITH_IS_ITEM_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      return FALSE;
  return TRUE;
}
