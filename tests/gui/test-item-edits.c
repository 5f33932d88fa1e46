/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Texts, meetings and to-dos on a profile's timeline, edited and deleted as a user does it:
 * each row's "More for “…”" menu, the form it opens filled in, keys typed into it, and the item
 * read back from the store. A delete goes at once, and Undo in its toast brings the item back.
 *
 * A file dragged with the pointer (xdotool, a real XDND drag) from a window of the test's own and
 * dropped on a text field of a profile is attached to the record, and its path is not pasted
 * into the field; text dropped there still is.
 */

#include <adwaita.h>

#include "kith-contact-details.h"
#include "kith-item-dialog.h"
#include "kith-todo-dialog.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"
#include "kith-gui-test-timeline.h"

typedef TimelineFixture Fixture;

/* The window of @type that is open and has the keyboard */
static GtkWidget *
active_window_of (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data) &&
        gtk_window_is_active (l->data))
      return l->data;
  return NULL;
}

static gboolean
item_dialog_open (gpointer data)
{
  return active_window_of (KITH_TYPE_ITEM_DIALOG) != NULL;
}

static gboolean
todo_dialog_open (gpointer data)
{
  return active_window_of (KITH_TYPE_TODO_DIALOG) != NULL;
}

static gboolean
no_dialog_open (gpointer data)
{
  return active_window_of (KITH_TYPE_ITEM_DIALOG) == NULL && active_window_of (KITH_TYPE_TODO_DIALOG) == NULL;
}

/* The entry row titled @title in @dialog */
static GtkWidget *
form_row (GtkWidget  *dialog,
          const char *title)
{
  GtkWidget *row = find_widget (dialog, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

/* Clicks into the form's row titled @title, where the form scrolls it to, and types @text */
static void
type_into_form (GtkWidget  *dialog,
                const char *title,
                const char *text)
{
  GtkWidget *row = form_row (dialog, title);

  scroll_into_view (row);
  type_into (row, text);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = gui_test_store_new ();
  f->bob = seed_bob (f->t);
  seed_add (f->t, "item", "{\"style\": \"text\", \"body\": \"See you at three\", \"date\": \"2026-11-18T10:00:00Z\", "
                          "\"direction\": \"outbound\", \"participants\": [\"bob@client.example\"]}");
  seed_add (f->t, "item", "{\"style\": \"meeting\", \"subject\": \"Viewing\", \"date\": \"2026-11-19T10:00:00Z\", "
                          "\"duration\": 1800, \"location\": \"12 High Street\", \"body\": \"Liked the kitchen\", "
                          "\"participants\": [\"bob@client.example\"]}");
  seed_add (f->t, "todo", "{\"subject\": \"Book the surveyor\", \"when\": \"2026-12-03T15:00\", "
                          "\"participants\": [\"bob@client.example\"]}");
  present_timeline (f);
}

/* Bob's timeline item of @style, as stored */
typedef struct {
  Fixture           *f;
  KithTimelineStyle  style;
} ItemQuery;

static gpointer
stored_item_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  ItemQuery *query = data;
  g_autoptr(GPtrArray) items = kith_store_get_timeline (store, query->f->bob, 0, 50, error);

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (kith_timeline_item_get_style (g_ptr_array_index (items, i)) == query->style)
      return g_object_ref (g_ptr_array_index (items, i));
  return NULL;
}

static KithTimelineItem *
stored_item (Fixture           *f,
             KithTimelineStyle  style)
{
  ItemQuery query = { f, style };

  return on_worker (f->t->store, stored_item_job, &query);
}

/* Bob's only open to-do, as stored */
static gpointer
stored_todo_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) todos = kith_store_list_todos (store, f->bob, FALSE, error);

  return todos != NULL && todos->len > 0 ? g_object_ref (g_ptr_array_index (todos, 0)) : NULL;
}

static KithTodo *
stored_todo (Fixture *f)
{
  return on_worker (f->t->store, stored_todo_job, f);
}

static gboolean
subtitle_has (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_row (GTK_WIDGET (((Fixture *) args[0])->view), args[1]);

  return row != NULL && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), args[2]) != NULL;
}

/* A text's words, edited: its row and the store say the new ones; who it was with stays */
static void
test_edit_text (Fixture       *f,
                gconstpointer  data)
{
  Wanted text = { f, "Message" };
  gpointer shown[] = { f, (gpointer) "Message", (gpointer) "See you at four" };
  g_autoptr(KithTimelineItem) item = NULL;
  GtkWidget *dialog;

  wait_until (shows_row, &text);
  choose_from_menu (f, "Message", "Edit");
  wait_until (item_dialog_open, NULL);
  dialog = active_window_of (KITH_TYPE_ITEM_DIALOG);
  /* A text has no title, length or place */
  g_assert_false (gtk_widget_get_visible (form_row (dialog, "Title")));
  g_assert_false (gtk_widget_get_visible (form_row (dialog, "Location")));
  g_assert_true (gtk_widget_get_visible (find_widget (dialog, ADW_TYPE_ACTION_ROW, "Bob Buyer")));

  /* The keyboard starts in its words */
  press_keys ("ctrl+a");
  type_text ("See you at four");
  press_keys ("ctrl+Return");

  wait_until (no_dialog_open, NULL);
  wait_until (subtitle_has, shown);
  item = stored_item (f, KITH_TIMELINE_STYLE_TEXT);
  g_assert_cmpstr (kith_timeline_item_get_body (item), ==, "See you at four");
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, G_GINT64_CONSTANT (1794996000000));
  g_assert_cmpuint (g_list_model_get_n_items (kith_timeline_item_get_people (item)), ==, 1);
}

/* A meeting's title and time, edited in its form; its length, place and notes stay */
static void
test_edit_meeting (Fixture       *f,
                   gconstpointer  data)
{
  Wanted before = { f, "Viewing" }, after = { f, "Second viewing" };
  g_autoptr(KithTimelineItem) item = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_local (2026, 11, 20, 16, 30, 0);
  GtkWidget *dialog;

  wait_until (shows_row, &before);
  choose_from_menu (f, "Viewing", "Edit");
  wait_until (item_dialog_open, NULL);
  dialog = active_window_of (KITH_TYPE_ITEM_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (dialog, "Location"))), ==, "12 High Street");

  /* The keyboard starts in its title */
  press_keys ("ctrl+a");
  type_text ("Second viewing");
  type_into_form (dialog, "Date", "2026-11-20");
  type_into_form (dialog, "Time of Day", "16:30");
  press_keys ("Return");

  wait_until (no_dialog_open, NULL);
  wait_until (shows_row, &after);
  wait_until (lacks_row, &before);
  item = stored_item (f, KITH_TIMELINE_STYLE_MEETING);
  g_assert_cmpstr (kith_timeline_item_get_subject (item), ==, "Second viewing");
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, g_date_time_to_unix (expected) * 1000);
  g_assert_cmpint (kith_timeline_item_get_duration (item), ==, 1800);
  g_assert_cmpstr (kith_timeline_item_get_location (item), ==, "12 High Street");
  g_assert_cmpstr (kith_timeline_item_get_body (item), ==, "Liked the kitchen");
}

/* A time that is not one is refused in the form, which stays open; nothing is written */
static void
test_edit_meeting_refused (Fixture       *f,
                           gconstpointer  data)
{
  Wanted before = { f, "Viewing" };
  gpointer error_shown[] = { NULL, (gpointer) "Type the time of day as hours and minutes, such as 15:00" };
  g_autoptr(KithTimelineItem) item = NULL;
  GtkWidget *dialog;

  wait_until (shows_row, &before);
  choose_from_menu (f, "Viewing", "Edit");
  wait_until (item_dialog_open, NULL);
  dialog = error_shown[0] = active_window_of (KITH_TYPE_ITEM_DIALOG);
  type_into_form (dialog, "Time of Day", "half past four");
  press_keys ("Return");

  wait_until (label_shown, error_shown);
  g_assert_true (item_dialog_open (NULL));
  press_keys ("Escape");
  wait_until (no_dialog_open, NULL);
  item = stored_item (f, KITH_TIMELINE_STYLE_MEETING);
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, G_GINT64_CONSTANT (1795082400000));
}

/* Tab from the to-do's row reaches its menu button, named by the to-do; the menu's Edit opens
 * the to-do dialog filled in, and what is typed there is stored: the title and the time of day */
static void
test_edit_todo (Fixture       *f,
                gconstpointer  data)
{
  Wanted before = { f, "Book the surveyor" }, after = { f, "Book the roofer" };
  gpointer shown[] = { f, (gpointer) "Book the roofer", (gpointer) "09:30" };
  gpointer edit_shown[] = { NULL, (gpointer) "Edit" };
  g_autoptr(KithTodo) todo = NULL;
  GtkWidget *menu_button;
  GtkWidget *dialog;
  guint n_children = 0;

  wait_until (shows_row, &before);
  menu_button = menu_button_of (f, "Book the surveyor");
  g_assert_nonnull (menu_button);
  click (find_row (GTK_WIDGET (f->view), "Book the surveyor"));
  wait_until (has_focus_within, find_row (GTK_WIDGET (f->view), "Book the surveyor"));
  press_keys ("Tab");
  wait_until (has_focus_within, menu_button);
  press_keys ("space");
  edit_shown[0] = menu_button;
  wait_until (label_shown, edit_shown);
  click (find_widget (menu_button, GTK_TYPE_LABEL, "Edit"));

  wait_until (todo_dialog_open, NULL);
  dialog = active_window_of (KITH_TYPE_TODO_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit To-Do");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (dialog, "Time of Day"))), ==, "15:00");
  /* The keyboard starts in its title */
  press_keys ("ctrl+a");
  type_text ("Book the roofer");
  type_into_form (dialog, "Time of Day", "09:30");
  press_keys ("ctrl+Return");

  wait_until (no_dialog_open, NULL);
  wait_until (shows_row, &after);
  wait_until (subtitle_has, shown);
  todo = stored_todo (f);
  g_assert_cmpstr (kith_todo_get_subject (todo), ==, "Book the roofer");
  g_assert_cmpstr (kith_todo_get_due (todo), ==, "2026-12-03T09:30");
  kith_todo_get_participants (todo, &n_children);
  g_assert_cmpuint (n_children, ==, 1);
}

static gboolean
todo_stored (gpointer data)
{
  g_autoptr(KithTodo) todo = stored_todo (data);

  return todo != NULL;
}

static gboolean
todo_gone (gpointer data)
{
  return !todo_stored (data);
}

/* A to-do deleted from its menu goes at once, from the profile and the store; Undo brings it
 * back as it was, with who it is about */
static void
test_delete_todo_undo (Fixture       *f,
                       gconstpointer  data)
{
  Wanted todo_row = { f, "Book the surveyor" };
  g_autoptr(KithTodo) todo = NULL;
  guint n_people = 0;

  wait_until (shows_row, &todo_row);
  choose_from_menu (f, "Book the surveyor", "Delete");
  wait_until (lacks_row, &todo_row);
  g_assert_true (todo_gone (f));

  click_undo (f->window);
  wait_until (shows_row, &todo_row);
  todo = stored_todo (f);
  g_assert_cmpstr (kith_todo_get_due (todo), ==, "2026-12-03T15:00");
  kith_todo_get_participants (todo, &n_people);
  g_assert_cmpuint (n_people, ==, 1);
}

/* A meeting deleted from its menu goes at once; Undo brings it back */
static void
test_delete_meeting_undo (Fixture       *f,
                          gconstpointer  data)
{
  Wanted meeting = { f, "Viewing" };
  g_autoptr(KithTimelineItem) gone = NULL;
  g_autoptr(KithTimelineItem) back = NULL;

  wait_until (shows_row, &meeting);
  choose_from_menu (f, "Viewing", "Delete");
  wait_until (lacks_row, &meeting);
  gone = stored_item (f, KITH_TIMELINE_STYLE_MEETING);
  g_assert_null (gone);

  click_undo (f->window);
  wait_until (shows_row, &meeting);
  back = stored_item (f, KITH_TIMELINE_STYLE_MEETING);
  g_assert_nonnull (back);
  g_assert_cmpstr (kith_timeline_item_get_location (back), ==, "12 High Street");
}

typedef struct {
  KithTestStore *t;
  KithWindow    *window;
  GtkWindow     *source;
} DropFixture;

static void
drop_fixture_set_up (DropFixture   *f,
                     gconstpointer  data)
{
  f->t = gui_test_store_new ();
  /* On the screen (1280×800) whole: the pointer reaches where it drops */
  f->window = present_main_window (f->t, 1100, 700);
}

static void
drop_fixture_tear_down (DropFixture   *f,
                        gconstpointer  data)
{
  if (f->source != NULL)
    gtk_window_destroy (f->source);
  close_window (f->window);
  kith_test_store_free (f->t);
}

static gboolean
is_details_text (GtkWidget     *widget,
                 gconstpointer  data)
{
  double x, y;

  return GTK_IS_TEXT (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_get_ancestor (widget, KITH_TYPE_CONTACT_DETAILS) != NULL &&
         gtk_widget_translate_coordinates (widget, GTK_WIDGET (gtk_widget_get_root (widget)), 0, 0, &x, &y) &&
         y > 0 && y < 600;
}

static gboolean
text_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (gtk_editable_get_text (args[0]), args[1]) == 0;
}

/* Seller's profile open; a text field of it, where the pointer reaches it */
static GtkWidget *
open_seller (DropFixture *f)
{
  gpointer none[] = { NULL, GUINT_TO_POINTER (0) };
  GtkWidget *text;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Seller\"}");
  open_from_list (f->window, KITH_RECORD_PERSON, "Seller");
  /* The profile's content is built when it first shows a record */
  none[0] = find_widget (GTK_WIDGET (f->window), KITH_TYPE_FILES_GROUP, NULL);
  wait_until (files_listed, none);
  text = find_where (GTK_WIDGET (f->window), is_details_text, NULL);
  g_assert_nonnull (text);
  return text;
}

/* A file dropped on a field of the profile's contact details is attached to the record; the
 * field keeps its text */
static void
test_drop_on_text_attaches (DropFixture   *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->t->dir, "Listing.pdf", NULL);
  GtkWidget *text = open_seller (f);
  GtkWidget *group = find_widget (GTK_WIDGET (f->window), KITH_TYPE_FILES_GROUP, NULL);
  gpointer one[] = { group, GUINT_TO_POINTER (1) };
  g_autofree char *before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (text)));
  gpointer unchanged[] = { text, before };

  g_assert_true (g_file_set_contents (path, "%PDF-1.4", -1, NULL));
  drag_to (present_drag_source (path, TRUE, &f->source), text);

  wait_until (files_listed, one);
  assert_holds_for (text_is, unchanged, 300, "the file's path is not pasted into the field");
}

static gboolean
text_has (gpointer data)
{
  gpointer *args = data;

  return strstr (gtk_editable_get_text (args[0]), args[1]) != NULL;
}

/* Text dropped on the same field still goes into it, and attaches nothing */
static void
test_drop_text_pastes (DropFixture   *f,
                       gconstpointer  data)
{
  GtkWidget *text = open_seller (f);
  GtkWidget *group = find_widget (GTK_WIDGET (f->window), KITH_TYPE_FILES_GROUP, NULL);
  gpointer none[] = { group, GUINT_TO_POINTER (0) };
  gpointer pasted[] = { text, (gpointer) "Dropped words" };

  drag_to (present_drag_source ("Dropped words", FALSE, &f->source), text);

  wait_until (text_has, pasted);
  assert_holds_for (files_listed, none, 300, "nothing is attached");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/items/edit-text", Fixture, NULL, fixture_set_up, test_edit_text, timeline_fixture_tear_down);
  g_test_add ("/items/edit-meeting", Fixture, NULL, fixture_set_up, test_edit_meeting, timeline_fixture_tear_down);
  g_test_add ("/items/edit-meeting-refused", Fixture, NULL, fixture_set_up, test_edit_meeting_refused, timeline_fixture_tear_down);
  g_test_add ("/items/edit-todo", Fixture, NULL, fixture_set_up, test_edit_todo, timeline_fixture_tear_down);
  g_test_add ("/items/delete-todo-undo", Fixture, NULL, fixture_set_up, test_delete_todo_undo, timeline_fixture_tear_down);
  g_test_add ("/items/delete-meeting-undo", Fixture, NULL, fixture_set_up, test_delete_meeting_undo, timeline_fixture_tear_down);
  g_test_add ("/items/drop-on-text-attaches", DropFixture, NULL, drop_fixture_set_up, test_drop_on_text_attaches,
              drop_fixture_tear_down);
  g_test_add ("/items/drop-text-pastes", DropFixture, NULL, drop_fixture_set_up, test_drop_text_pastes,
              drop_fixture_tear_down);

  return g_test_run ();
}
