/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Calendars in the window, against a local calendar in the private session's EDS registry: the
 * Agenda's meetings of today (people's chips, Join for a meeting with a link) and tomorrow's
 * under Upcoming; Preferences → Calendars, whose "Use in Kith" takes a calendar's meetings off
 * the Agenda; Schedule Meeting from a profile, written into the calendar and refused on bad
 * input; a deal's meetings, by its address and scheduled from it; the Agenda's next meeting
 * marked; and a CalDAV calendar whose server (Radicale) is down,
 * with its error and Retry on its row, read once the server is back and Retry is clicked.
 */

#include <string.h>

#include "../services/kith-test-radicale.h"
#include "../services/kith-test-eds.h"
#include "kith-calendar-service.h"
#include "kith-preferences-window.h"
#include "kith-schedule-dialog.h"
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
  gint64               today;     /* local midnight, seconds */
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
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);

  f->today = g_date_time_to_unix (midnight);
  f->t = gui_test_store_new ();
  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.example\"]}");

  f->registry = e_source_registry_new_sync (NULL, &error);
  g_assert_no_error (error);
  f->source = add_local_calendar (f->registry, "Kith Work");
  f->client = connect_client (f->source);

  f->window = present_main_window (f->t, 1180, 760);
}

static void
start_service (Fixture *f)
{
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
  if (f->service != NULL)
    g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
  g_clear_object (&f->client);
  kith_test_remove_source (f->source);
  g_clear_object (&f->source);
  g_clear_object (&f->registry);
  kith_test_store_free (f->t);
}

/* For wait_until (): args[0] shows no action row titled args[1] */
static gboolean
shows_no_action_row (gpointer data)
{
  return !shows_action_row (data);
}

/* Today's meetings with Ada's chip, Join only on the one with a link; tomorrow's under
 * Upcoming */
static void
test_agenda_meetings (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *call, *viewing, *tomorrow;

  add_event_with_ada (f->client, "call-1", "Pricing call", f->today + 10 * HOUR, "URL:https://meet.example/pricing\r\n");
  add_event_with_ada (f->client, "viewing-1", "Viewing", f->today + 14 * HOUR, "LOCATION:12 Oak Street\r\n");
  add_event_with_ada (f->client, "tomorrow-1", "Breakfast", f->today + 24 * HOUR + 8 * HOUR, NULL);
  start_service (f);
  go_to_page (f->window, "agenda");

  call = action_row_titled (agenda_page (f->window), "Pricing call");
  viewing = action_row_titled (agenda_page (f->window), "Viewing");
  tomorrow = action_row_titled (agenda_page (f->window), "Breakfast");

  g_assert_nonnull (find_where (call, is_button_labelled, "Ada Lovelace"));
  g_assert_nonnull (find_where (viewing, is_button_labelled, "Ada Lovelace"));
  g_assert_nonnull (find_where (call, is_button_labelled, "_Join"));
  g_assert_null (find_where (viewing, is_button_labelled, "_Join"));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (viewing)), "12 Oak Street"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (tomorrow)), "Tomorrow 08:00"));

  /* The chip opens Ada */
  {
    gpointer shows[] = { profile_page (f->window), (gpointer) "Ada Lovelace" };

    click_when_still (find_where (viewing, is_button_labelled, "Ada Lovelace"));
    wait_until (profile_shows, shows);
  }
}

/* For wait_until (): the row of calendar "Kith Work" in @data names its account (the rows are
 * made again once the page has the registry) */
static gboolean
names_account (gpointer data)
{
  GtkWidget *row = find_where (data, is_action_row_titled, "Kith Work");

  return row != NULL && g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "On This Computer");
}

/* Preferences → Calendars lists the calendar with its account; "Use in Kith" off takes its meetings off the
 * Agenda */
static void
test_preferences_unfollow (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *prefs;
  GtkWidget *row;
  gpointer gone[] = { NULL, (gpointer) "Pricing call" };

  add_event_with_ada (f->client, "call-1", "Pricing call", f->today + 10 * HOUR, NULL);
  start_service (f);
  go_to_page (f->window, "agenda");
  action_row_titled (agenda_page (f->window), "Pricing call");

  prefs = kith_preferences_window_new (f->t->store, GTK_WINDOW (f->window));
  kith_preferences_window_set_calendar_service (KITH_PREFERENCES_WINDOW (prefs), f->service);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_until (is_mapped, prefs);
  /* As the other Preferences tests go to a page */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "calendars");
  wait_until (names_account, prefs);
  row = action_row_titled (prefs, "Kith Work");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "On This Computer · Up to date");

  /* A calendar added while the window is open appears, and goes when it is removed */
  {
    g_autoptr(ESource) other = add_local_calendar (f->registry, "Kith Home");
    gpointer other_gone[] = { prefs, (gpointer) "Kith Home" };

    action_row_titled (prefs, "Kith Home");
    g_assert_true (e_source_remove_sync (other, NULL, NULL));
    wait_until (shows_no_action_row, other_gone);
  }

  row = action_row_titled (prefs, "Kith Work");
  click_when_still (find_widget (row, GTK_TYPE_SWITCH, NULL));
  gone[0] = agenda_page (f->window);
  wait_until (shows_no_action_row, gone);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "On This Computer · Not used in Kith");
  close_window (prefs);
}

/* The calendar's events whose summary is @summary */
static guint
count_events (Fixture    *f,
              const char *summary,
              char      **out_attendee)
{
  GSList *objects = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (e_cal_client_get_object_list_sync (f->client, "#t", &objects, NULL, &error));
  g_assert_no_error (error);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (g_strcmp0 (i_cal_component_get_summary (l->data), summary) == 0)
      {
        g_autoptr(ICalProperty) attendee = i_cal_component_get_first_property (l->data, I_CAL_ATTENDEE_PROPERTY);

        if (out_attendee != NULL && attendee != NULL)
          *out_attendee = g_strdup (i_cal_property_get_attendee (attendee));
        n++;
      }
  g_slist_free_full (objects, g_object_unref);
  return n;
}

static void
save_and_expect (GtkWidget  *dialog,
                 const char *status)
{
  gpointer shown[] = { dialog, (gpointer) status };

  click_when_still (find_where (dialog, is_button_labelled, "_Save"));
  wait_until (any_label_shown, shown);
}

/* Schedule Meeting on Ada's profile: bad input named and nothing written; then the meeting in
 * the calendar with Ada, and on her timeline */
static void
test_schedule_meeting (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (next_day, "%Y-%m-%d");
  g_autofree char *attendee = NULL;
  GtkWidget *dialog;
  gpointer ada[2];
  gpointer on_timeline[2];

  start_service (f);
  open_from_list (f->window, KITH_RECORD_PERSON, "Ada Lovelace");
  choose (open_menu (profile_page (f->window), "Schedule Meeting…"), "Schedule Meeting…");
  dialog = wait_for_window (KITH_TYPE_SCHEDULE_DIALOG);
  ada[0] = dialog;
  ada[1] = (gpointer) "Ada Lovelace <ada@acme.example>";
  wait_until (shows_action_row, ada);

  save_and_expect (dialog, "The meeting needs a title");
  type_into (entry_row (dialog, "Title"), "Offer review");
  type_into (entry_row (dialog, "Date (YYYY-MM-DD)"), "2026-13-45");
  save_and_expect (dialog, "The date is not a date: write it as YYYY-MM-DD");
  type_into (entry_row (dialog, "Date (YYYY-MM-DD)"), date);
  type_into (entry_row (dialog, "Start (HH:MM)"), "10:00");
  type_into (entry_row (dialog, "Duration (minutes)"), "0");
  save_and_expect (dialog, "The duration must be a number of minutes above 0");
  g_assert_cmpuint (count_events (f, "Offer review", NULL), ==, 0);

  type_into (entry_row (dialog, "Duration (minutes)"), "45");
  type_into (entry_row (dialog, "Location"), "Office");
  /* The dialog waits for the calendar to report the meeting, and closes once it is on the
   * timeline */
  click_when_still (find_where (dialog, is_button_labelled, "_Save"));
  wait_for_window_gone (KITH_TYPE_SCHEDULE_DIALOG);
  on_timeline[0] = profile_page (f->window);
  on_timeline[1] = (gpointer) "Offer review";
  wait_until (any_label_shown, on_timeline);
  g_assert_cmpuint (count_events (f, "Offer review", &attendee), ==, 1);
  g_assert_cmpstr (attendee, ==, "mailto:ada@acme.example");
}

/* A deal's profile: a meeting at its address that another app wrote, with nobody in Kith, is on
 * its timeline; Schedule Meeting from the deal invites its people and the meeting comes on the
 * deal's timeline */
static void
test_deal_meetings (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dtstart = ical_utc (f->today + 11 * HOUR);
  g_autofree char *dtend = ical_utc (f->today + 12 * HOUR);
  g_autofree char *ical = g_strdup_printf ("BEGIN:VEVENT\r\nUID:showing-1\r\nSUMMARY:Harbour showing\r\n"
                                           "DTSTART:%s\r\nDTEND:%s\r\nLOCATION:7 Harbour Rd\r\n"
                                           "ATTENDEE:mailto:buyer@else.example\r\nEND:VEVENT\r\n", dtstart, dtend);
  g_autoptr(ICalComponent) icomp = i_cal_component_new_from_string (ical);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (next_day, "%Y-%m-%d");
  gpointer showing[] = { NULL, (gpointer) "Harbour showing" };
  gpointer ada[] = { NULL, (gpointer) "Ada Lovelace <ada@acme.example>" };
  gpointer offer[] = { NULL, (gpointer) "Harbour offer" };
  GtkWidget *dialog;

  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Harbour house\", \"participants\": [\"ada@acme.example\"], "
                                          "\"address\": {\"street\": \"7 Harbour Road\"}}");
  g_assert_true (e_cal_client_create_object_sync (f->client, icomp, E_CAL_OPERATION_FLAG_NONE, &uid, NULL, &error));
  g_assert_no_error (error);
  start_service (f);

  open_from_list (f->window, KITH_RECORD_PROJECT, "Harbour house");
  showing[0] = profile_page (f->window);
  wait_until (any_label_shown, showing);

  choose (open_menu (profile_page (f->window), "Schedule Meeting…"), "Schedule Meeting…");
  dialog = wait_for_window (KITH_TYPE_SCHEDULE_DIALOG);
  ada[0] = dialog;
  wait_until (shows_action_row, ada);
  type_into (entry_row (dialog, "Title"), "Harbour offer");
  type_into (entry_row (dialog, "Date (YYYY-MM-DD)"), date);
  type_into (entry_row (dialog, "Start (HH:MM)"), "09:00");
  type_into (entry_row (dialog, "Duration (minutes)"), "30");
  click_when_still (find_where (dialog, is_button_labelled, "_Save"));
  wait_for_window_gone (KITH_TYPE_SCHEDULE_DIALOG);
  offer[0] = profile_page (f->window);
  wait_until (any_label_shown, offer);
  g_assert_cmpuint (count_events (f, "Harbour offer", NULL), ==, 1);
}

/* Schedule Meeting from the profile shown: @title tomorrow at @start for 30 minutes at
 * @location, saved; the dialog */
static GtkWidget *
schedule_from_profile (Fixture    *f,
                       const char *title,
                       const char *start,
                       const char *location)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (next_day, "%Y-%m-%d");
  GtkWidget *dialog;

  choose (open_menu (profile_page (f->window), "Schedule Meeting…"), "Schedule Meeting…");
  dialog = wait_for_window (KITH_TYPE_SCHEDULE_DIALOG);
  type_into (entry_row (dialog, "Title"), title);
  type_into (entry_row (dialog, "Date (YYYY-MM-DD)"), date);
  type_into (entry_row (dialog, "Start (HH:MM)"), start);
  type_into (entry_row (dialog, "Duration (minutes)"), "30");
  type_into (entry_row (dialog, "Location"), location);
  click_when_still (find_where (dialog, is_button_labelled, "_Save"));
  return dialog;
}

/* Schedule Meeting on a deal nobody in Kith takes part in: a meeting at its address comes on
 * its timeline, and one that names no deal's address is saved with a word that it shows on no
 * timeline */
static void
test_deal_meeting_by_address (Fixture       *f,
                              gconstpointer  data)
{
  gpointer walk[] = { NULL, (gpointer) "Harbour walk-through" };
  gpointer nowhere[] = { NULL, (gpointer) "Saved. Nobody in Kith attends it and it names no deal’s address, "
                                          "so it shows on no timeline." };
  GtkWidget *dialog;

  seed_record (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Harbour house\", "
                                          "\"address\": {\"street\": \"7 Harbour Road\"}}");
  start_service (f);
  open_from_list (f->window, KITH_RECORD_PROJECT, "Harbour house");

  schedule_from_profile (f, "Harbour walk-through", "09:00", "7 Harbour Rd");
  wait_for_window_gone (KITH_TYPE_SCHEDULE_DIALOG);
  walk[0] = profile_page (f->window);
  wait_until (any_label_shown, walk);
  g_assert_cmpuint (count_events (f, "Harbour walk-through", NULL), ==, 1);

  dialog = schedule_from_profile (f, "Lunch", "12:00", "Café on the quay");
  nowhere[0] = dialog;
  wait_until (any_label_shown, nowhere);
  g_assert_cmpuint (count_events (f, "Lunch", NULL), ==, 1);
  click_when_still (find_where (dialog, is_button_labelled, "_Cancel"));
  wait_for_window_gone (KITH_TYPE_SCHEDULE_DIALOG);
}

/* An event with Ada (ada@acme.example) from @start to @end (seconds), as another app writes it */
static void
add_event_between (Fixture    *f,
                   const char *uid,
                   const char *summary,
                   gint64      start,
                   gint64      end)
{
  g_autofree char *dtend = ical_utc (end);
  g_autofree char *more = g_strdup_printf ("DTEND:%s\r\n", dtend);
  g_autofree char *dtstart = ical_utc (start);
  g_autofree char *ical = g_strdup_printf ("BEGIN:VEVENT\r\nUID:%s\r\nSUMMARY:%s\r\nDTSTART:%s\r\n%s"
                                           "ATTENDEE;CN=Ada;ROLE=REQ-PARTICIPANT:mailto:ada@acme.example\r\n"
                                           "END:VEVENT\r\n", uid, summary, dtstart, more);
  g_autoptr(ICalComponent) icomp = i_cal_component_new_from_string (ical);
  g_autoptr(GError) error = NULL;
  g_autofree char *new_uid = NULL;

  g_assert_true (e_cal_client_create_object_sync (f->client, icomp, E_CAL_OPERATION_FLAG_NONE, &new_uid, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
is_label_next (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), "Next") == 0;
}

/* Whether the Agenda's row @row shows itself as the next meeting: the "Next" label the user sees,
 * and the row's style */
static gboolean
shows_next (GtkWidget *row)
{
  gboolean label = find_where (row, is_label_next, NULL) != NULL;

  g_assert_cmpint (label, ==, gtk_widget_has_css_class (row, "next-meeting"));
  return label;
}

/* Of today's meetings, the first not yet over is marked as the next: not one that is over, not
 * a later one. The times are parts of today's elapsed and remaining hours, so that all three
 * are today whenever the test runs (but in its first and last minutes). */
static void
test_agenda_next_meeting (Fixture       *f,
                          gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 elapsed = now - f->today, left = f->today + 24 * HOUR - now;

  add_event_between (f, "over-1", "Stand-up", f->today + elapsed / 4, f->today + elapsed / 2);
  add_event_between (f, "next-1", "Site visit", now + left / 4, now + left / 4 + 60);
  add_event_between (f, "later-1", "Debrief", now + left / 2, now + left / 2 + 60);
  start_service (f);
  go_to_page (f->window, "agenda");

  g_assert_true (shows_next (action_row_titled (agenda_page (f->window), "Site visit")));
  g_assert_false (shows_next (action_row_titled (agenda_page (f->window), "Stand-up")));
  g_assert_false (shows_next (action_row_titled (agenda_page (f->window), "Debrief")));
}

/* For wait_until (): args[0] has a row titled args[1] whose subtitle ends with args[2] */
static gboolean
row_says (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_where (args[0], is_action_row_titled, args[1]);

  return row != NULL && g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), args[2]);
}

/* For wait_until (): the row titled args[1] in args[0] says its calendar is offline, and why */
static gboolean
row_says_offline (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_where (args[0], is_action_row_titled, args[1]);

  return row != NULL && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Offline: ") != NULL;
}

/* For wait_until (): the row titled args[1] in args[0] offers Retry */
static gboolean
row_offers_retry (gpointer data)
{
  gpointer *args = data;
  GtkWidget *row = find_where (args[0], is_action_row_titled, args[1]);

  return row != NULL && find_where (row, is_button_labelled, "_Retry") != NULL;
}

static GtkWidget *
open_calendars_preferences (Fixture *f)
{
  GtkWidget *prefs = kith_preferences_window_new (f->t->store, GTK_WINDOW (f->window));

  kith_preferences_window_set_calendar_service (KITH_PREFERENCES_WINDOW (prefs), f->service);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_until (is_mapped, prefs);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "calendars");
  return prefs;
}

/* A calendar that cannot be opened (its CalDAV server is down) says why on its row, with Retry,
 * and blocks nothing else; once the server is back, Retry opens it and its meetings come */
static void
test_retry_calendar (Fixture       *f,
                     gconstpointer  data)
{
  const char *users[] = { "alice:alicepw", NULL };
  g_autoptr(KithTestRadicale) radicale = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) office = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *dtstart = ical_utc (f->today + 12 * HOUR);
  g_autofree char *dtend = ical_utc (f->today + 13 * HOUR);
  g_autofree char *event = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith//Test//EN\r\n"
                                            "BEGIN:VEVENT\r\nUID:office-1\r\nSUMMARY:Office lunch\r\n"
                                            "DTSTART:%s\r\nDTEND:%s\r\n"
                                            "ATTENDEE;CN=Ada:mailto:ada@acme.example\r\n"
                                            "END:VEVENT\r\nEND:VCALENDAR\r\n", dtstart, dtend);
  GtkWidget *prefs, *row;
  gpointer offers_retry[] = { NULL, (gpointer) "Kith Office" };
  gpointer up_to_date[] = { NULL, (gpointer) "Kith Office", (gpointer) "Up to date" };

  radicale = kith_test_radicale_start (users, &error);
  g_assert_no_error (error);
  uri = kith_test_radicale_make_calendar (radicale, "alice", "alicepw", "office", &error);
  g_assert_no_error (error);
  g_assert_true (kith_test_radicale_put_event (radicale, "alice", "alicepw", "office", "office-1", event, &error));
  g_assert_no_error (error);
  kith_test_radicale_pause (radicale);

  add_event_with_ada (f->client, "call-1", "Pricing call", f->today + 10 * HOUR, NULL);
  office = kith_test_radicale_add_source (radicale, f->registry, E_SOURCE_EXTENSION_CALENDAR, uri, "Kith Office",
                                          "alice", "alicepw", &error);
  g_assert_no_error (error);
  /* The local calendar is read while the other cannot be */
  start_service (f);
  go_to_page (f->window, "agenda");
  action_row_titled (agenda_page (f->window), "Pricing call");

  prefs = open_calendars_preferences (f);
  offers_retry[0] = prefs;
  wait_until (row_offers_retry, offers_retry);
  /* Offline, and why: not a password asked for */
  wait_until (row_says_offline, offers_retry);

  /* The server is back: the calendar stays as it was until Retry */
  g_assert_true (kith_test_radicale_resume (radicale, &error));
  g_assert_no_error (error);
  assert_holds_for (row_says_offline, offers_retry, 1000, "the calendar offline until Retry");
  row = find_where (prefs, is_action_row_titled, "Kith Office");
  click_when_still (find_where (row, is_button_labelled, "_Retry"));
  up_to_date[0] = prefs;
  wait_until (row_says, up_to_date);
  row = find_where (prefs, is_action_row_titled, "Kith Office");
  g_assert_null (find_where (row, is_button_labelled, "_Retry"));
  close_window (prefs);

  action_row_titled (agenda_page (f->window), "Office lunch");
  g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
  e_source_remove_sync (office, NULL, NULL);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/calendars/agenda-meetings", Fixture, NULL, fixture_set_up, test_agenda_meetings, fixture_tear_down);
  g_test_add ("/calendars/preferences-unfollow", Fixture, NULL, fixture_set_up, test_preferences_unfollow, fixture_tear_down);
  g_test_add ("/calendars/schedule-meeting", Fixture, NULL, fixture_set_up, test_schedule_meeting, fixture_tear_down);
  g_test_add ("/calendars/agenda-next-meeting", Fixture, NULL, fixture_set_up, test_agenda_next_meeting, fixture_tear_down);
  g_test_add ("/calendars/deal-meetings", Fixture, NULL, fixture_set_up, test_deal_meetings, fixture_tear_down);
  g_test_add ("/calendars/deal-meeting-by-address", Fixture, NULL, fixture_set_up, test_deal_meeting_by_address, fixture_tear_down);
  g_test_add ("/calendars/retry-calendar", Fixture, NULL, fixture_set_up, test_retry_calendar, fixture_tear_down);

  return g_test_run ();
}
