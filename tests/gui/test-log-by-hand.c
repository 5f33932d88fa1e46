/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Calls, texts, meetings and direct messages logged by hand from a profile's timeline, as a
 * user does it: the Log by Hand menu, the form it opens with the profile's person in it, a
 * past date and time typed, someone else added by name, and the item seen on both people's
 * timelines and read back from the store. An item edited with someone taken off, one deleted
 * and brought back with Undo, a date that is not one refused on the form, and notes added on
 * a meeting with two people, on both their timelines.
 */

#include <adwaita.h>
#include <string.h>

#include "kith-log-person-row.h"
#include "../core/kith-test-util.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"
#include "kith-gui-test-timeline.h"

typedef struct {
  TimelineFixture  base;
  gint64           ada;
} Fixture;

/* What the Log by Hand menu logs, and how the form and the timeline show it */
typedef struct {
  const char        *menu;      /* its item in the menu */
  KithTimelineStyle  style;
  const char        *subject;   /* typed into the row called @subject_row; NULL: it has none */
  const char        *subject_row;
  const char        *title;     /* its row's title on the timeline */
  gboolean           timed;     /* it has a length */
} Kind;

static const Kind call = { "Call…", KITH_TIMELINE_STYLE_CALL, "Price call", "Subject", "Price call", TRUE };
static const Kind text = { "Text…", KITH_TIMELINE_STYLE_TEXT, NULL, NULL, "Message", FALSE };
static const Kind meeting = { "Meeting…", KITH_TIMELINE_STYLE_MEETING, "Lunch", "Title", "Lunch", TRUE };
static const Kind direct = { "Direct Message…", KITH_TIMELINE_STYLE_DIRECT, "LinkedIn", "App", "LinkedIn", FALSE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->base.t = gui_test_store_new ();
  f->base.bob = seed_bob (f->base.t);
  f->ada = seed_record (f->base.t, KITH_RECORD_PERSON,
                        "{\"name\": \"Ada Lovelace\", \"emails\": [{\"value\": \"ada@example.com\"}]}");
  seed_add (f->base.t, "item", "{\"style\": \"call\", \"subject\": \"The offer\", \"date\": \"2026-11-19T10:00:00Z\", "
                               "\"duration\": 600, \"outcome\": \"connected\", \"direction\": \"outbound\", "
                               "\"participants\": [\"bob@client.example\", \"ada@example.com\"]}");
  seed_add (f->base.t, "item", "{\"style\": \"meeting\", \"subject\": \"Viewing\", \"date\": \"2026-11-12T10:00:00Z\", "
                               "\"duration\": 1800, \"participants\": [\"bob@client.example\", \"ada@example.com\"]}");
  seed_add (f->base.t, "item", "{\"style\": \"direct\", \"subject\": \"WhatsApp\", \"date\": \"2026-11-10T10:00:00Z\", "
                               "\"body\": \"Are you free?\", \"direction\": \"inbound\", "
                               "\"participants\": [\"bob@client.example\", \"ada@example.com\"]}");
  present_timeline (&f->base);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  timeline_fixture_tear_down (&f->base, data);
}

static gboolean
is_person_row (GtkWidget     *widget,
               gconstpointer  name)
{
  return KITH_IS_LOG_PERSON_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), name) == 0;
}

/* For wait_until (): the form args[0] lists args[1] among who took part */
static gboolean
lists_person (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_person_row, args[1]) != NULL;
}

static gboolean
lacks_person (gpointer data)
{
  return !lists_person (data);
}

/* Clicks into the form's row titled @title, where the form scrolls it to, and types @text */
static void
type_into_form (GtkWidget  *dialog,
                const char *title,
                const char *text)
{
  GtkWidget *row = find_widget (dialog, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  scroll_into_view (row);
  type_into (row, text);
}

/* Someone typed into the form's "Add someone" field and added with Enter */
static void
add_person (GtkWidget  *dialog,
            const char *name)
{
  GtkWidget *entry = find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  gpointer listed[] = { dialog, (gpointer) name };

  g_assert_nonnull (entry);
  scroll_into_view (entry);
  type_into (entry, name);
  press_keys ("Return");
  wait_until (lists_person, listed);
}

/* Types @words into the form's text of what was said */
static void
type_body (GtkWidget  *dialog,
           const char *words)
{
  GtkWidget *body = find_widget (dialog, GTK_TYPE_TEXT_VIEW, NULL);

  scroll_into_view (body);
  click (body);
  wait_until (has_focus_within, body);
  type_text (words);
}

static gboolean
is_mapped_popover (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget);
}

/* For wait_until (): the combo row args[0] shows args[1], its list closed */
static gboolean
combo_shows (gpointer data)
{
  gpointer *args = data;
  GtkStringObject *selected = adw_combo_row_get_selected_item (args[0]);

  return selected != NULL && g_strcmp0 (gtk_string_object_get_string (selected), args[1]) == 0 &&
         find_where (args[0], is_mapped_popover, NULL) == NULL;
}

/* The combo row titled @title in @dialog set to @choice with the pointer */
static void
choose_in_form (GtkWidget  *dialog,
                const char *title,
                const char *choice)
{
  GtkWidget *row = find_widget (dialog, ADW_TYPE_COMBO_ROW, title);
  gpointer shown[] = { row, (gpointer) choice };

  g_assert_nonnull (row);
  scroll_into_view (row);
  click (row);
  wait_until (label_shown, shown);
  click (find_widget (row, GTK_TYPE_LABEL, choice));
  wait_until (combo_shows, shown);
}

/* Log by Hand's menu item @label chosen; the form it opens */
static GtkWidget *
open_log_form (Fixture    *f,
               const char *label)
{
  GtkWidget *button = shown_with_tooltip (f->base.view, "Log by Hand");
  gpointer shown[] = { button, (gpointer) label };
  gpointer bob_listed[] = { NULL, (gpointer) "Bob Buyer" };

  g_assert_nonnull (button);
  click (button);
  wait_until (label_shown, shown);
  click (find_widget (button, GTK_TYPE_LABEL, label));
  wait_until (item_dialog_shown, NULL);
  /* The profile's person took part */
  bob_listed[0] = active_item_dialog ();
  wait_until (lists_person, bob_listed);
  return bob_listed[0];
}

/* The items of @record_id's timeline in the store */
typedef struct {
  gint64             record_id;
  KithTimelineStyle  style;
  const char        *title;   /* its subject, or NULL for any */
} Query;

static gpointer
stored_item_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  Query *query = data;
  g_autoptr(GPtrArray) items = kith_store_get_timeline (store, query->record_id, 0, 50, error);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      KithTimelineItem *item = g_ptr_array_index (items, i);

      if (kith_timeline_item_get_style (item) == query->style &&
          (query->title == NULL || g_strcmp0 (kith_timeline_item_get_subject (item), query->title) == 0))
        return g_object_ref (item);
    }
  return NULL;
}

static KithTimelineItem *
stored_item (Fixture           *f,
             gint64             record_id,
             KithTimelineStyle  style,
             const char        *title)
{
  Query query = { record_id, style, title };

  return on_worker (f->base.t->store, stored_item_job, &query);
}

/* The view shows @record_id's timeline, as on their profile, with the row @title on it, laid
 * out where it stays */
static void
wait_for_row_of (Fixture    *f,
                 gint64      record_id,
                 const char *title)
{
  Wanted wanted = { &f->base, title };
  Settling settling = { NULL, 0, 0, 0 };

  kith_timeline_view_set_record (f->base.view, f->base.t->store, record_id);
  wait_until (shows_row, &wanted);
  settling.widget = find_row (GTK_WIDGET (f->base.view), title);
  wait_until (has_settled, &settling);
}

/* Each kind, logged with a past date, Bob and Ada: on both timelines, and stored as typed */
static void
test_log_kind (Fixture       *f,
               gconstpointer  data)
{
  const Kind *kind = data;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 10, 5, 14, 30, 0);
  g_autoptr(KithTimelineItem) item = NULL;
  g_autoptr(KithTimelineItem) on_ada = NULL;
  GtkWidget *dialog = open_log_form (f, kind->menu);

  g_assert_cmpint (gtk_widget_get_visible (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Length in Minutes")), ==, kind->timed);
  if (kind->subject != NULL)
    type_into_form (dialog, kind->subject_row, kind->subject);
  type_into_form (dialog, "Date", "2026-10-05");
  type_into_form (dialog, "Time of Day", "14:30");
  if (kind->timed)
    type_into_form (dialog, "Length in Minutes", "25");
  if (kind->style == KITH_TIMELINE_STYLE_CALL)
    choose_in_form (dialog, "Outcome", "No answer");
  add_person (dialog, "Ada Lovelace");
  type_body (dialog, "Talked about the price");
  press_keys ("ctrl+Return");
  wait_until (item_dialog_gone, NULL);

  wait_for_row_of (f, f->base.bob, kind->title);
  wait_for_row_of (f, f->ada, kind->title);

  item = stored_item (f, f->base.bob, kind->style, kind->subject);
  g_assert_nonnull (item);
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, g_date_time_to_unix (when) * 1000);
  g_assert_cmpstr (kith_timeline_item_get_body (item), ==, "Talked about the price");
  g_assert_cmpuint (g_list_model_get_n_items (kith_timeline_item_get_people (item)), ==, 2);
  if (kind->timed)
    g_assert_cmpint (kith_timeline_item_get_duration (item), ==, 25 * 60);
  if (kind->style == KITH_TIMELINE_STYLE_CALL)
    g_assert_cmpint (kith_timeline_item_get_outcome (item), ==, KITH_CALL_OUTCOME_NO_ANSWER);
  on_ada = stored_item (f, f->ada, kind->style, kind->subject);
  g_assert_nonnull (on_ada);
  g_assert_cmpint (kith_timeline_item_get_id (on_ada), ==, kith_timeline_item_get_id (item));
}

/* A call edited: Ada taken off, its length and outcome changed. It leaves Ada's timeline */
static void
test_edit_call (Fixture       *f,
                gconstpointer  data)
{
  Wanted before = { &f->base, "The offer" };
  gpointer ada_listed[] = { NULL, (gpointer) "Ada Lovelace" };
  g_autoptr(KithTimelineItem) item = NULL;
  g_autoptr(KithTimelineItem) on_ada = NULL;
  GtkWidget *dialog;

  wait_until (shows_row, &before);
  choose_from_menu (&f->base, "The offer", "Edit");
  wait_until (item_dialog_shown, NULL);
  dialog = ada_listed[0] = active_item_dialog ();
  wait_until (lists_person, ada_listed);

  type_into_form (dialog, "Length in Minutes", "40");
  choose_in_form (dialog, "Outcome", "Left voicemail");
  scroll_into_view (shown_with_tooltip (dialog, "Remove “Ada Lovelace”"));
  click (shown_with_tooltip (dialog, "Remove “Ada Lovelace”"));
  wait_until (lacks_person, ada_listed);
  press_keys ("ctrl+Return");
  wait_until (item_dialog_gone, NULL);

  wait_until (shows_row, &before);
  item = stored_item (f, f->base.bob, KITH_TIMELINE_STYLE_CALL, "The offer");
  g_assert_cmpint (kith_timeline_item_get_duration (item), ==, 40 * 60);
  g_assert_cmpint (kith_timeline_item_get_outcome (item), ==, KITH_CALL_OUTCOME_LEFT_VOICEMAIL);
  g_assert_cmpuint (g_list_model_get_n_items (kith_timeline_item_get_people (item)), ==, 1);
  on_ada = stored_item (f, f->ada, KITH_TIMELINE_STYLE_CALL, "The offer");
  g_assert_null (on_ada);
}

/* A direct message deleted from its menu goes at once; Undo brings it back with both people */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  Wanted message = { &f->base, "WhatsApp" };
  g_autoptr(KithTimelineItem) gone = NULL;
  g_autoptr(KithTimelineItem) back = NULL;

  wait_until (shows_row, &message);
  choose_from_menu (&f->base, "WhatsApp", "Delete");
  wait_until (lacks_row, &message);
  gone = stored_item (f, f->base.bob, KITH_TIMELINE_STYLE_DIRECT, NULL);
  g_assert_null (gone);

  click_undo (f->base.window);
  wait_until (shows_row, &message);
  back = stored_item (f, f->ada, KITH_TIMELINE_STYLE_DIRECT, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (g_list_model_get_n_items (kith_timeline_item_get_people (back)), ==, 2);
}

/* A date that is not one, and a length below 0, are named on the form, which stays open; nothing
 * is written */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *dialog = open_log_form (f, "Meeting…");
  gpointer date_refused[] = { dialog, (gpointer) "Type the date as year, month and day, such as 2026-12-01" };
  gpointer length_refused[] = { dialog, (gpointer) "Type the length as a whole number of minutes, 0 or more" };
  g_autoptr(KithTimelineItem) stored = NULL;

  type_into_form (dialog, "Title", "Second viewing");
  type_into_form (dialog, "Date", "2026-13-45");
  press_keys ("Return");
  wait_until (label_shown, date_refused);
  g_assert_true (gtk_widget_has_css_class (find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Date"), "error"));

  type_into_form (dialog, "Date", "2026-10-05");
  /* "-5": xdotool would take a text that starts with '-' for an option */
  type_into_form (dialog, "Length in Minutes", "");
  press_keys ("minus");
  type_text ("5");
  press_keys ("Return");
  wait_until (label_shown, length_refused);
  g_assert_true (item_dialog_shown (NULL));

  press_keys ("Escape");
  wait_until (item_dialog_gone, NULL);
  stored = stored_item (f, f->base.bob, KITH_TIMELINE_STYLE_MEETING, "Second viewing");
  g_assert_null (stored);
}

/* Notes added on a meeting with Bob and Ada show on both timelines, beside it; they are edited
 * in the same form, and deleted with Undo */
static void
test_meeting_notes (Fixture       *f,
                    gconstpointer  data)
{
  Wanted viewing = { &f->base, "Viewing" }, notes = { &f->base, "Notes on “Viewing”" };
  g_autoptr(KithTimelineItem) stored = NULL;
  g_autoptr(KithTimelineItem) edited = NULL;
  g_autoptr(KithTimelineItem) gone = NULL;
  GtkWidget *dialog;

  wait_until (shows_row, &viewing);
  choose_from_menu (&f->base, "Viewing", "Add Notes");
  wait_until (item_dialog_shown, NULL);
  dialog = active_item_dialog ();
  /* The keyboard starts in the notes */
  wait_until (has_focus_within, find_widget (dialog, GTK_TYPE_TEXT_VIEW, NULL));
  type_text ("They liked the garden");
  press_keys ("ctrl+Return");
  wait_until (item_dialog_gone, NULL);

  wait_for_row_of (f, f->base.bob, "Notes on “Viewing”");
  stored = stored_item (f, f->base.bob, KITH_TIMELINE_STYLE_NOTE, "Viewing");
  g_assert_cmpstr (kith_timeline_item_get_body (stored), ==, "They liked the garden");
  wait_for_row_of (f, f->ada, "Notes on “Viewing”");

  choose_from_menu (&f->base, "Notes on “Viewing”", "Edit");
  wait_until (item_dialog_shown, NULL);
  wait_until (has_focus_within, find_widget (active_item_dialog (), GTK_TYPE_TEXT_VIEW, NULL));
  press_keys ("ctrl+End");
  type_text (" and the kitchen");
  press_keys ("ctrl+Return");
  wait_until (item_dialog_gone, NULL);
  edited = stored_item (f, f->base.bob, KITH_TIMELINE_STYLE_NOTE, "Viewing");
  g_assert_cmpstr (kith_timeline_item_get_body (edited), ==, "They liked the garden and the kitchen");

  choose_from_menu (&f->base, "Notes on “Viewing”", "Delete");
  wait_until (lacks_row, &notes);
  gone = stored_item (f, f->ada, KITH_TIMELINE_STYLE_NOTE, NULL);
  g_assert_null (gone);
  click_undo (f->base.window);
  wait_until (shows_row, &notes);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/log-by-hand/call", Fixture, &call, fixture_set_up, test_log_kind, fixture_tear_down);
  g_test_add ("/log-by-hand/text", Fixture, &text, fixture_set_up, test_log_kind, fixture_tear_down);
  g_test_add ("/log-by-hand/meeting", Fixture, &meeting, fixture_set_up, test_log_kind, fixture_tear_down);
  g_test_add ("/log-by-hand/direct", Fixture, &direct, fixture_set_up, test_log_kind, fixture_tear_down);
  g_test_add ("/log-by-hand/edit-call", Fixture, NULL, fixture_set_up, test_edit_call, fixture_tear_down);
  g_test_add ("/log-by-hand/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/log-by-hand/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);
  g_test_add ("/log-by-hand/meeting-notes", Fixture, NULL, fixture_set_up, test_meeting_notes, fixture_tear_down);

  return g_test_run ();
}
