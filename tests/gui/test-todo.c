/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The New To-Do dialog, driven as a user does: real clicks, scrolling and keys through the X
 * server (xdotool), on a store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-todo-dialog.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"

static gboolean
has_n_todos (gpointer data)
{
  gpointer *args = data;
  g_autoptr(JsonArray) todos = kith_store_list_todos (args[0], 0, TRUE, NULL);

  return todos != NULL && json_array_get_length (todos) == GPOINTER_TO_UINT (args[1]);
}

/* The choice "On a Date…" in the When row's open list */
static gboolean
popover_item_shown (gpointer data)
{
  GtkWidget *item = find_widget (data, GTK_TYPE_LABEL, "On a Date…");
  GtkWidget *popover = item != NULL ? gtk_widget_get_ancestor (item, GTK_TYPE_POPOVER) : NULL;

  return popover != NULL && is_mapped (item);
}

static gboolean
scrolled_down (gpointer data)
{
  gpointer *args = data;

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (args[0])) > *(double *) args[1];
}

static gboolean
popover_closed (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (data)));
}

/* A New To-Do dialog, something to do typed in, "On a Date…" chosen with the mouse; returns
 * the row that shows the date */
static GtkWidget *
open_dialog_on_a_date (KithStore  *store,
                       GtkWidget **out_dialog)
{
  GtkWidget *dialog = kith_todo_dialog_new (store, NULL, 0);
  GtkWidget *when;
  GtkWidget *date;

  /* Short enough that the dialog has to scroll */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, 280);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (is_mapped, dialog);
  focus_window (dialog);

  /* What is typed first is what there is to do */
  type_text ("Send the contract");

  when = find_widget (dialog, ADW_TYPE_COMBO_ROW, "When");
  g_assert_nonnull (when);
  click (when);
  wait_until (popover_item_shown, when);
  click (find_widget (when, GTK_TYPE_LABEL, "On a Date…"));

  date = find_widget (dialog, ADW_TYPE_ACTION_ROW, "Date");
  g_assert_nonnull (date);
  wait_until (is_mapped, date);
  wait_for_frames (dialog);

  *out_dialog = dialog;
  return date;
}

/* The one to-do saved */
static JsonObject *
saved_todo (KithStore *store)
{
  gpointer one[] = { store, GUINT_TO_POINTER (1) };
  g_autoptr(JsonArray) todos = NULL;
  JsonObject *todo;

  wait_until (has_n_todos, one);
  todos = kith_store_list_todos (store, 0, TRUE, NULL);
  todo = json_array_get_object_element (todos, 0);
  g_assert_cmpstr (json_object_get_string_member (todo, "subject"), ==, "Send the contract");
  return json_object_ref (todo);
}

/* Scrolling the dialog with the pointer over the date scrolls the dialog; the date stays */
static void
test_scroll_keeps_date (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(JsonObject) todo = NULL;
  GtkWidget *dialog;
  GtkWidget *date;
  GtkScrolledWindow *scrolled;
  double before;
  gpointer args[] = { NULL, &before };

  kith_store_set_clock (t->store, NULL, NULL);
  date = open_dialog_on_a_date (t->store, &dialog);

  /* Scroll down over it: the dialog moves, the date does not */
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (date, GTK_TYPE_SCROLLED_WINDOW));
  before = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled));
  args[0] = scrolled;
  pointer_to (date, -1, -1);
  for (guint i = 0; i < 3; i++)
    xdotool ("click", "5", NULL);
  wait_until (scrolled_down, args);
  wait_for_frames (dialog);

  press_keys ("ctrl+Return");
  todo = saved_todo (t->store);
  g_assert_cmpstr (json_object_get_string_member (todo, "when"), ==, today);
}

/* The date is chosen in a calendar that opens from the Date row */
static void
test_pick_date (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *fifteenth = g_date_time_format (now, "%Y-%m-15");
  g_autoptr(JsonObject) todo = NULL;
  GtkWidget *dialog;
  GtkWidget *date;
  GtkWidget *button;
  GtkWidget *calendar;
  GtkWidget *day;

  kith_store_set_clock (t->store, NULL, NULL);
  date = open_dialog_on_a_date (t->store, &dialog);
  button = find_widget (date, GTK_TYPE_MENU_BUTTON, NULL);
  calendar = find_widget (button, GTK_TYPE_CALENDAR, NULL);

  click (button);
  wait_until (is_mapped, calendar);
  wait_for_frames (calendar);
  /* The 15th is never among the days of the months before or after that a calendar shows */
  day = find_widget (calendar, GTK_TYPE_LABEL, "15");
  g_assert_nonnull (day);
  click (day);

  /* The calendar closes; the button says which day */
  wait_until (popover_closed, button);
  g_assert_nonnull (strstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), "15"));
  wait_until (window_is_active, dialog);
  wait_for_frames (dialog);

  press_keys ("ctrl+Return");
  todo = saved_todo (t->store);
  g_assert_cmpstr (json_object_get_string_member (todo, "when"), ==, fifteenth);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/todo-dialog/scroll-keeps-date", test_scroll_keeps_date);
  g_test_add_func ("/todo-dialog/pick-date", test_pick_date);

  return g_test_run ();
}
