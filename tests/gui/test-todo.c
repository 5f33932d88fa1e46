/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The New To-Do dialog, driven as a user does: real clicks, scrolling and keys through the X
 * server (xdotool), on a store in a temporary data dir, under Xvfb.
 */

#include <adwaita.h>

#include "kith-agenda-store.h"
#include "kith-todo-dialog.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"

typedef struct {
  GListModel *todos;
  gboolean    done;
} Listing;

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Listing *listing = data;
  g_autoptr(GError) error = NULL;

  listing->todos = kith_store_list_todos_finish (KITH_STORE (source), result, &error);
  g_assert_no_error (error);
  listing->done = TRUE;
}

static gboolean
listed (gpointer data)
{
  return ((Listing *) data)->done;
}

/* Every to-do in the store, read as the application reads them */
static GListModel *
list_todos (KithStore *store)
{
  Listing listing = { NULL, FALSE };

  kith_store_list_todos_async (store, 0, TRUE, NULL, on_listed_cb, &listing);
  wait_until (listed, &listing);
  return listing.todos;
}

static gboolean
has_n_todos (gpointer data)
{
  gpointer *args = data;
  g_autoptr(GListModel) todos = list_todos (args[0]);

  return g_list_model_get_n_items (todos) == GPOINTER_TO_UINT (args[1]);
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
menu_closed (gpointer data)
{
  return popover_closed (gtk_menu_button_get_popover (data));
}

/* A New To-Do dialog, short enough that it has to scroll, with @subject typed in: what is
 * typed first is what there is to do */
static GtkWidget *
open_dialog (KithStore  *store,
             const char *subject)
{
  GtkWidget *dialog = kith_todo_dialog_new (store, NULL, 0);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 460, 280);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (is_mapped, dialog);
  focus_window (dialog);
  type_text (subject);
  return dialog;
}

/* A New To-Do dialog, something to do typed in, "On a Date…" chosen with the mouse; returns
 * the row that shows the date */
static GtkWidget *
open_dialog_on_a_date (KithStore  *store,
                       GtkWidget **out_dialog)
{
  GtkWidget *dialog = open_dialog (store, "Send the contract");
  GtkWidget *when;
  GtkWidget *date;

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

/* The one to-do saved, which says @subject */
static KithTodo *
saved_todo (KithStore  *store,
            const char *subject)
{
  gpointer one[] = { store, GUINT_TO_POINTER (1) };
  g_autoptr(GListModel) todos = NULL;
  KithTodo *todo;

  wait_until (has_n_todos, one);
  todos = list_todos (store);
  todo = g_list_model_get_item (todos, 0);
  g_assert_cmpstr (kith_todo_get_subject (todo), ==, subject);
  return todo;
}

/* Scrolling the dialog with the pointer over the date scrolls the dialog; the date stays */
static void
test_scroll_keeps_date (void)
{
  g_autoptr(KithTestStore) t = gui_test_store_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(KithTodo) todo = NULL;
  GtkWidget *dialog;
  GtkWidget *date;
  GtkScrolledWindow *scrolled;
  double before;
  gpointer args[] = { NULL, &before };

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
  todo = saved_todo (t->store, "Send the contract");
  g_assert_cmpstr (kith_todo_get_due (todo), ==, today);
}

/* The date is chosen in a calendar that opens from the Date row */
static void
test_pick_date (void)
{
  g_autoptr(KithTestStore) t = gui_test_store_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *fifteenth = g_date_time_format (now, "%Y-%m-15");
  g_autoptr(KithTodo) todo = NULL;
  GtkWidget *dialog;
  GtkWidget *date;
  GtkWidget *button;
  GtkWidget *calendar;
  GtkWidget *day;

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
  wait_until (menu_closed, button);
  g_assert_nonnull (strstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), "15"));
  wait_until (window_is_active, dialog);
  wait_for_frames (dialog);

  press_keys ("ctrl+Return");
  todo = saved_todo (t->store, "Send the contract");
  g_assert_cmpstr (kith_todo_get_due (todo), ==, fifteenth);
}

static gboolean
shows_label (gpointer data)
{
  gpointer *args = data;
  GtkWidget *label = find_widget (args[0], GTK_TYPE_LABEL, args[1]);

  return label != NULL && is_mapped (label);
}

static gboolean
shows_row (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_widget (args[0], ADW_TYPE_ACTION_ROW, args[1]);

  return row != NULL && is_mapped (row);
}

static gboolean
lacks_label (gpointer data)
{
  gpointer *args = data;

  return find_widget (args[0], GTK_TYPE_LABEL, args[1]) == NULL;
}

/* Opened from a profile, the dialog names who it is about (read on the store's worker); a
 * person found by typing their name joins with a click, and a click on a chip takes its person
 * off; who is left is saved with the to-do */
static void
test_participants (void)
{
  g_autoptr(KithTestStore) t = gui_test_store_new ();
  g_autoptr(KithTodo) todo = NULL;
  gint64 ada = seed_record (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gint64 byron = seed_record (t, KITH_RECORD_PERSON, "{\"name\": \"Lord Byron\"}");
  GtkWidget *dialog = kith_todo_dialog_new (t->store, NULL, ada);
  gpointer ada_chip[] = { dialog, (gpointer) "Ada Lovelace" };
  gpointer byron_match[] = { dialog, (gpointer) "Lord Byron" };
  gpointer byron_chip[] = { dialog, (gpointer) "Lord Byron" };
  const gint64 *participants;
  guint n;

  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (is_mapped, dialog);
  focus_window (dialog);
  wait_until (shows_label, ada_chip);

  type_text ("Call about the poem");
  click (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Add a Person by Name or Email"));
  type_text ("Byron");
  wait_until (shows_row, byron_match);
  click (find_widget (dialog, ADW_TYPE_ACTION_ROW, "Lord Byron"));
  wait_until (shows_label, byron_chip);
  wait_for_frames (dialog);

  click (gtk_widget_get_ancestor (find_widget (dialog, GTK_TYPE_LABEL, "Ada Lovelace"), GTK_TYPE_BUTTON));
  wait_until (lacks_label, ada_chip);

  press_keys ("ctrl+Return");
  todo = saved_todo (t->store, "Call about the poem");
  participants = kith_todo_get_participants (todo, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (participants[0], ==, byron);
  g_assert_cmpstr (kith_todo_get_people (todo)[0], ==, "Lord Byron");
}

/* Enter in the search adds the first person found, even pressed before the search ran */
static void
test_enter_adds_first_match (void)
{
  g_autoptr(KithTestStore) t = gui_test_store_new ();
  g_autoptr(KithTodo) todo = NULL;
  gint64 byron = seed_record (t, KITH_RECORD_PERSON, "{\"name\": \"Lord Byron\"}");
  GtkWidget *dialog;
  gpointer byron_chip[] = { NULL, (gpointer) "Lord Byron" };
  GtkWidget *search_row;
  GtkWidget *chips;
  const gint64 *participants;
  guint n;

  seed_record (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  dialog = open_dialog (t->store, "Call about the poem");
  /* The people added show as chips in the flow box, apart from the matches */
  chips = find_widget (dialog, GTK_TYPE_FLOW_BOX, NULL);
  g_assert_nonnull (chips);
  byron_chip[0] = chips;
  search_row = find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Add a Person by Name or Email");
  scroll_into_view (search_row);
  click (search_row);
  xdotool ("type", "--delay", "20", "byr", NULL);
  press_keys ("Return");
  wait_until (shows_label, byron_chip);

  press_keys ("ctrl+Return");
  todo = saved_todo (t->store, "Call about the poem");
  participants = kith_todo_get_participants (todo, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (participants[0], ==, byron);
}

/* A time of day typed with the day is kept with it, not cut to the day */
static void
test_time_of_day (void)
{
  g_autoptr(KithTestStore) t = gui_test_store_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%dT15:00");
  g_autoptr(KithTodo) todo = NULL;
  GtkWidget *dialog = open_dialog (t->store, "Call the bank");
  GtkWidget *time_row;

  time_row = find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Time of Day");
  g_assert_nonnull (time_row);
  wait_until (is_mapped, time_row);
  click (time_row);
  type_text ("15:00");
  press_keys ("ctrl+Return");

  todo = saved_todo (t->store, "Call the bank");
  g_assert_cmpstr (kith_todo_get_due (todo), ==, today);
}

/* Whether all of @widget is inside the window it is in, and inside the part of any page that
 * scrolls that is shown */
static gboolean
shown_whole (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (!is_mapped (widget) || !gtk_widget_compute_bounds (widget, window, &bounds) ||
      bounds.origin.y < 0 || bounds.origin.y + bounds.size.height > gtk_widget_get_height (window))
    return FALSE;

  return scrolled == NULL || in_view (widget);
}

/* A time of day that is no time: the dialog says so where it can be read, however far its page
 * is scrolled, and nothing is saved */
static void
test_bad_time_said (void)
{
  g_autoptr(KithTestStore) t = gui_test_store_new ();
  g_autoptr(GListModel) todos = NULL;
  GtkWidget *dialog = open_dialog (t->store, "Call the bank");
  gpointer said[] = { dialog, (gpointer) "Type the time of day as hours and minutes, such as 15:00" };
  GtkWidget *time_row;
  GtkWidget *search_row;

  time_row = find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Time of Day");
  wait_until (is_mapped, time_row);
  click (time_row);
  type_text ("25:99");

  /* Further down the page, which scrolls: the people the to-do is with */
  search_row = find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Add a Person by Name or Email");
  scroll_into_view (search_row);
  click (search_row);
  press_keys ("ctrl+Return");

  wait_until (label_shown, said);
  wait_for_frames (dialog);
  g_assert_true (shown_whole (find_widget (dialog, GTK_TYPE_LABEL, said[1])));
  todos = list_todos (t->store);
  g_assert_cmpuint (g_list_model_get_n_items (todos), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/todo-dialog/scroll-keeps-date", test_scroll_keeps_date);
  g_test_add_func ("/todo-dialog/pick-date", test_pick_date);
  g_test_add_func ("/todo-dialog/participants", test_participants);
  g_test_add_func ("/todo-dialog/time-of-day", test_time_of_day);
  g_test_add_func ("/todo-dialog/bad-time-said", test_bad_time_said);
  g_test_add_func ("/todo-dialog/enter-adds-first-match", test_enter_adds_first_match);

  return g_test_run ();
}
