/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A meeting made in Kith, edited and deleted from its row on a profile's timeline, against a
 * local calendar in the private session's EDS registry, read back through the calendar's own
 * client: Schedule Meeting on Ada's profile puts it on her timeline; its menu offers Edit
 * Meeting and Delete Meeting; Edit Meeting changes its title and time in the calendar; Delete
 * Meeting takes it out of the calendar and off the timeline, and Undo writes it back under the
 * same UID. A meeting written into the calendar by another app has neither in its menu.
 */

#include "kith-schedule-dialog.h"
#include "../services/kith-test-eds.h"
#include "kith-gui-test-calendar.h"
#include "kith-gui-test-window.h"

#define HOUR (G_GINT64_CONSTANT (3600))

typedef struct {
  KithTestStore       *t;
  KithWindow          *window;
  ESourceRegistry     *registry;
  ESource             *source;
  ECalClient          *client;
  KithCalendarService *service;
  GDateTime           *tomorrow;  /* local midnight */
} Fixture;

static gboolean
calendar_ready (gpointer data)
{
  Fixture *f = data;

  return calendar_is_ready (f->service, f->source);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);

  f->tomorrow = g_date_time_new_local (g_date_time_get_year (next_day), g_date_time_get_month (next_day),
                                       g_date_time_get_day_of_month (next_day), 0, 0, 0);
  f->t = gui_test_store_new ();
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.example\"]}");

  f->registry = e_source_registry_new_sync (NULL, &error);
  g_assert_no_error (error);
  f->source = add_local_calendar (f->registry, "Kith Meetings");
  f->client = connect_client (f->source);
  /* A meeting with Ada that another app wrote into the calendar */
  add_event_with_ada (f->client, "walkthrough-1", "Walkthrough", g_date_time_to_unix (f->tomorrow) + 9 * HOUR, NULL);

  f->window = present_main_window (f->t, 1180, 760);
  f->service = kith_calendar_service_new (f->t->store);
  kith_window_set_calendar_service (f->window, f->service);
  kith_calendar_service_start (f->service);
  wait_until (calendar_ready, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
  g_clear_object (&f->client);
  kith_test_remove_source (f->source);
  g_clear_object (&f->source);
  g_clear_object (&f->registry);
  g_clear_pointer (&f->tomorrow, g_date_time_unref);
  kith_test_store_free (f->t);
}

/* For wait_until (): the dialog args[0]'s Title row reads args[1] (the meeting is read) */
static gboolean
title_reads (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_where (args[0], is_entry_row_titled, "Title");

  return row != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), args[1]) == 0;
}

/* The UID of the one event of the calendar titled @summary */
static char *
uid_of (Fixture    *f,
        const char *summary)
{
  GSList *objects = NULL;
  g_autoptr(GError) error = NULL;
  char *uid = NULL;

  g_assert_true (e_cal_client_get_object_list_sync (f->client, "#t", &objects, NULL, &error));
  g_assert_no_error (error);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (g_strcmp0 (i_cal_component_get_summary (l->data), summary) == 0)
      {
        g_assert_null (uid);
        uid = g_strdup (i_cal_component_get_uid (l->data));
      }
  g_slist_free_full (objects, g_object_unref);
  g_assert_nonnull (uid);
  return uid;
}

/* The event @uid as the calendar has it, or %NULL when it has none */
static ICalComponent *
read_event (Fixture    *f,
            const char *uid)
{
  g_autoptr(GError) error = NULL;
  ICalComponent *icomp = NULL;

  if (!e_cal_client_get_object_sync (f->client, uid, NULL, &icomp, NULL, &error))
    {
      g_assert_error (error, E_CAL_CLIENT_ERROR, E_CAL_CLIENT_ERROR_OBJECT_NOT_FOUND);
      return NULL;
    }
  return icomp;
}

static gint64
start_of (ICalComponent *icomp)
{
  g_autoptr(ICalTime) start = i_cal_component_get_dtstart (icomp);

  return (gint64) i_cal_time_as_timet_with_zone (start, i_cal_time_get_timezone (start));
}

/* The menu button of the timeline row titled @title on Ada's profile, in view */
static GtkWidget *
menu_button_of (Fixture    *f,
                const char *title)
{
  g_autofree char *tooltip = g_strdup_printf ("More for “%s”", title);
  GtkWidget *button;

  action_row_titled (profile_page (f->window), title);
  button = shown_with_tooltip (profile_page (f->window), tooltip);
  g_assert_nonnull (button);
  scroll_into_view (button);
  return button;
}

/* Opens the menu of the row titled @title, and waits for @item in it */
static GtkWidget *
open_row_menu (Fixture    *f,
               const char *title,
               const char *item)
{
  GtkWidget *button = menu_button_of (f, title);
  gpointer shown[] = { button, (gpointer) item };

  click_when_still (button);
  wait_until (label_shown, shown);
  return button;
}

/* For assert_holds_for (): the open menu args[0] shows neither Edit Meeting nor Delete Meeting
 * (nor the Edit and Delete of a meeting logged by hand) */
static gboolean
offers_no_change (gpointer data)
{
  static const char *items[] = { "Edit Meeting…", "Delete Meeting", "Edit", "Delete" };
  gpointer *args = data;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      gpointer shown[] = { args[0], (gpointer) items[i] };

      if (label_shown (shown))
        return FALSE;
    }
  return TRUE;
}

/* Schedule Meeting on Ada's profile: "Offer review" tomorrow at 10:00; the dialog closes once
 * the meeting is on her timeline */
static void
schedule_offer_review (Fixture *f)
{
  g_autofree char *date = g_date_time_format (f->tomorrow, "%Y-%m-%d");
  gpointer ada[2];
  GtkWidget *dialog;

  choose (open_menu (profile_page (f->window), "Schedule Meeting…"), "Schedule Meeting…");
  dialog = wait_for_window (KITH_TYPE_SCHEDULE_DIALOG);
  ada[0] = dialog;
  ada[1] = (gpointer) "Ada Lovelace <ada@acme.example>";
  wait_until (shows_action_row, ada);
  type_into (entry_row (dialog, "Title"), "Offer review");
  type_into (entry_row (dialog, "Date (YYYY-MM-DD)"), date);
  type_into (entry_row (dialog, "Start (HH:MM)"), "10:00");
  click_when_still (find_where (dialog, is_button_labelled, "_Save"));
  wait_for_window_gone (KITH_TYPE_SCHEDULE_DIALOG);
  action_row_titled (profile_page (f->window), "Offer review");
}

/* Edit Meeting: the form filled from the calendar; a new title and start typed, saved with the
 * keyboard, are in the calendar and on the timeline */
static void
edit_offer_review (Fixture    *f,
                   const char *uid)
{
  GtkWidget *button = open_row_menu (f, "Offer review", "Edit Meeting…");
  gpointer delete_shown[] = { button, (gpointer) "Delete Meeting" };
  gpointer read[2];
  gpointer refused[2];
  GtkWidget *dialog;
  g_autoptr(ICalComponent) changed = NULL;

  g_assert_true (label_shown (delete_shown));
  click (find_widget (button, GTK_TYPE_LABEL, "Edit Meeting…"));
  dialog = wait_for_window (KITH_TYPE_SCHEDULE_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Meeting");
  read[0] = dialog;
  read[1] = (gpointer) "Offer review";
  wait_until (title_reads, read);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (dialog, "Start (HH:MM)"))), ==, "10:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (dialog, "Duration (minutes)"))), ==, "30");
  g_assert_nonnull (find_where (dialog, is_action_row_titled, "ada@acme.example"));
  refused[0] = dialog;
  refused[1] = (gpointer) "The start is not a time of day: write it as HH:MM";

  /* A time that is not one is named, and nothing is written */
  type_into (entry_row (dialog, "Start (HH:MM)"), "25:99");
  press_keys ("ctrl+Return");
  wait_until (any_label_shown, refused);
  changed = read_event (f, uid);
  g_assert_cmpint (start_of (changed), ==, g_date_time_to_unix (f->tomorrow) + 10 * HOUR);
  g_clear_object (&changed);

  type_into (entry_row (dialog, "Title"), "Offer review, moved");
  type_into (entry_row (dialog, "Start (HH:MM)"), "15:30");
  press_keys ("ctrl+Return");
  wait_for_window_gone (KITH_TYPE_SCHEDULE_DIALOG);

  changed = read_event (f, uid);
  g_assert_nonnull (changed);
  g_assert_cmpstr (i_cal_component_get_summary (changed), ==, "Offer review, moved");
  g_assert_cmpint (start_of (changed), ==, g_date_time_to_unix (f->tomorrow) + 15 * HOUR + 30 * 60);
  action_row_titled (profile_page (f->window), "Offer review, moved");
}

static gboolean
shows_no_action_row (gpointer data)
{
  return !shows_action_row (data);
}

/* Schedule, edit, delete and Undo, read back from the calendar at each step */
static void
test_edit_delete_undo (Fixture       *f,
                       gconstpointer  data)
{
  gpointer moved[] = { NULL, (gpointer) "Offer review, moved" };
  g_autofree char *uid = NULL;
  g_autoptr(ICalComponent) gone = NULL;
  g_autoptr(ICalComponent) back = NULL;

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  schedule_offer_review (f);
  uid = uid_of (f, "Offer review");
  edit_offer_review (f, uid);

  /* Deleted from the menu, without a question: out of the calendar and off the timeline */
  open_row_menu (f, "Offer review, moved", "Delete Meeting");
  click (find_widget (menu_button_of (f, "Offer review, moved"), GTK_TYPE_LABEL, "Delete Meeting"));
  moved[0] = profile_page (f->window);
  wait_until (shows_no_action_row, moved);
  gone = read_event (f, uid);
  g_assert_null (gone);

  /* Undo: the same meeting, under the same UID, in the calendar and on the timeline */
  click_undo (f->window);
  wait_until (shows_action_row, moved);
  back = read_event (f, uid);
  g_assert_nonnull (back);
  g_assert_cmpstr (i_cal_component_get_uid (back), ==, uid);
  g_assert_cmpstr (i_cal_component_get_summary (back), ==, "Offer review, moved");
  g_assert_cmpint (start_of (back), ==, g_date_time_to_unix (f->tomorrow) + 15 * HOUR + 30 * 60);
}

/* A meeting another app wrote into the calendar is changed there: its menu has only Add Notes,
 * while the one Kith made, on the same timeline, has Edit Meeting */
static void
test_outside_meeting (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *button;
  gpointer menu[1];

  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  schedule_offer_review (f);
  button = open_row_menu (f, "Offer review", "Edit Meeting…");
  press_keys ("Escape");
  wait_until (popover_closed, GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));

  button = open_row_menu (f, "Walkthrough", "Add Notes");
  menu[0] = button;
  assert_holds_for (offers_no_change, menu, 1000, "the menu of a meeting Kith did not make offers no change");
  press_keys ("Escape");
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/meeting-edit/edit-delete-undo", Fixture, NULL, fixture_set_up, test_edit_delete_undo, fixture_tear_down);
  g_test_add ("/meeting-edit/outside-meeting", Fixture, NULL, fixture_set_up, test_outside_meeting, fixture_tear_down);

  return g_test_run ();
}
