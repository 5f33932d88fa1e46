/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Calendars through evolution-data-server (src/services/calendar): a local calendar created
 * in the session's registry and written through EDS as a user's calendar app would, read by
 * KithCalendarService into the timelines; and, with Radicale on 127.0.0.1, a CalDAV calendar
 * (kith-test-radicale.c). Needs the private session (build-aux/test-session): the registry and
 * the calendar factory.
 */

#include <libecal/libecal.h>
#include <signal.h>

#include "kith-calendar-ical.h"
#include "kith-calendar-service.h"
#include "kith-eds.h"
#include "kith-meetings.h"
#include "kith-test-eds.h"
#include "kith-test-radicale.h"
#include "kith-test-util.h"

#define WAIT_MS 20000
#define HOUR (G_GINT64_CONSTANT (3600))
#define DAY (24 * HOUR)

typedef struct {
  KithTestStore       *t;
  ESourceRegistry     *registry;
  ESource             *source;
  ECalClient          *client;
  KithCalendarService *service;
  gint64               ada, bob;
  gint64               base;       /* 09:00 UTC thirty days ago, in seconds */
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main loop until @condition holds; fails the test after WAIT_MS */
static void
wait_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data,
            const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (!condition (f, data))
    {
      gboolean woken = FALSE;

      g_timeout_add (20, timeout_cb, &woken);
      while (!woken)
        g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
    }
}

static char *
ical_utc (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

/* A new local calendar in the session's registry, as the registry has it */
static ESource *
add_local_calendar (ESourceRegistry *registry,
                    const char      *name)
{
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  ESourceBackend *backend;
  ESource *source;
  g_autofree char *uid = NULL;

  e_source_set_display_name (scratch, name);
  e_source_set_parent (scratch, "local-stub");
  backend = e_source_get_extension (scratch, E_SOURCE_EXTENSION_CALENDAR);
  e_source_backend_set_backend_name (backend, "local");
  uid = g_strdup (e_source_get_uid (scratch));
  /* The registry's error, when it refuses, says why */
  e_source_registry_commit_source_sync (registry, scratch, NULL, &error);
  g_assert_no_error (error);

  while ((source = e_source_registry_ref_source (registry, uid)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return source;
}

static void
add_event (Fixture    *f,
           const char *ical)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ICalComponent) icomp = i_cal_component_new_from_string (ical);
  g_autofree char *uid = NULL;

  g_assert_nonnull (icomp);
  g_assert_true (e_cal_client_create_object_sync (f->client, icomp, E_CAL_OPERATION_FLAG_NONE, &uid, NULL, &error));
  g_assert_no_error (error);
}

/* Writes @ical over the event it names: the whole series, or with @mod THIS one instance */
static void
modify_event (Fixture    *f,
              const char *ical,
              ECalObjModType mod)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ICalComponent) icomp = i_cal_component_new_from_string (ical);

  g_assert_true (e_cal_client_modify_object_sync (f->client, icomp, mod, E_CAL_OPERATION_FLAG_NONE, NULL, &error));
  g_assert_no_error (error);
}

/* A client of @source. The calendar factory learns of a new calendar from the registry a moment
 * after the test does; kith_eds_connect () waits that out as Kith does. */
static ECalClient *
connect_client (ESource *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  EClient *client;

  kith_eds_connect (source, KITH_EDS_EVENTS, 30, NULL, kith_test_result_cb, &result);
  client = kith_eds_connect_finish (kith_test_wait_result (&result), &error);

  if (client == NULL)
    g_error ("Calendar %s not opened: %s", e_source_get_uid (source), error->message);
  return E_CAL_CLIENT (client);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Kith test %u", g_random_int ());

  f->t = kith_test_store_new ();
  /* The store's clock is the real one: EDS reads the window around the real now */
  kith_store_set_clock (f->t->store, NULL, NULL);
  f->base = (g_get_real_time () / G_USEC_PER_SEC / DAY - 30) * DAY + 9 * HOUR;
  f->ada = kith_test_create (f->t, KITH_RECORD_PERSON,
                             "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\", \"ada@home.example\"]}");
  f->bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [\"bob@bob.example\"]}");

  f->registry = e_source_registry_new_sync (NULL, &error);
  g_assert_no_error (error);
  f->source = add_local_calendar (f->registry, name);
  f->client = connect_client (f->source);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->service != NULL)
    g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
  g_clear_object (&f->client);
  kith_test_remove_source (f->source);
  g_clear_object (&f->source);
  g_clear_object (&f->registry);
  kith_test_store_free (f->t);
}

/* The meetings on @record_id's timeline, newest first */
static GPtrArray *
meetings_of (Fixture *f,
             gint64   record_id)
{
  g_autoptr(GPtrArray) items = kith_store_get_timeline (f->t->store, record_id, 0, 1000, NULL);
  GPtrArray *meetings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (kith_timeline_item_get_style (g_ptr_array_index (items, i)) == KITH_TIMELINE_STYLE_MEETING)
      g_ptr_array_add (meetings, g_object_ref (g_ptr_array_index (items, i)));

  return meetings;
}

static KithTimelineItem *
find_meeting (Fixture    *f,
              gint64      record_id,
              const char *subject)
{
  g_autoptr(GPtrArray) meetings = meetings_of (f, record_id);

  for (guint i = 0; i < meetings->len; i++)
    if (g_strcmp0 (kith_timeline_item_get_subject (g_ptr_array_index (meetings, i)), subject) == 0)
      return g_object_ref (g_ptr_array_index (meetings, i));

  return NULL;
}

static guint
count_meetings (Fixture    *f,
                gint64      record_id,
                const char *subject)
{
  g_autoptr(GPtrArray) meetings = meetings_of (f, record_id);
  guint n = 0;

  for (guint i = 0; i < meetings->len; i++)
    n += g_strcmp0 (kith_timeline_item_get_subject (g_ptr_array_index (meetings, i)), subject) == 0;

  return n;
}

/* The dates (seconds) of Ada's meetings called @subject, newest first */
static GArray *
dates_of (Fixture    *f,
          const char *subject)
{
  g_autoptr(GPtrArray) meetings = meetings_of (f, f->ada);
  GArray *dates = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < meetings->len; i++)
    {
      KithTimelineItem *item = g_ptr_array_index (meetings, i);
      gint64 date = kith_timeline_item_get_date (item) / 1000;

      if (g_strcmp0 (kith_timeline_item_get_subject (item), subject) == 0)
        g_array_append_val (dates, date);
    }

  return dates;
}

typedef struct {
  const char *subject;
  guint       n;
} Expect;

static gboolean
has_meetings (Fixture       *f,
              gconstpointer  data)
{
  const Expect *e = data;

  return count_meetings (f, f->ada, e->subject) == e->n;
}

static gboolean
source_ready (Fixture       *f,
              gconstpointer  data)
{
  KithCalendarSource *item = kith_calendar_service_find_source (f->service, e_source_get_uid (f->source));

  return item != NULL && kith_calendar_source_get_state (item) == KITH_CALENDAR_STATE_READY;
}

static void
start_service (Fixture *f)
{
  f->service = kith_calendar_service_new (f->t->store);
  kith_calendar_service_start (f->service);
  wait_until (f, source_ready, NULL, "the calendar to open");
}

static char *
event_ical (const char *uid,
            const char *summary,
            gint64      start,
            const char *more)
{
  g_autofree char *dtstart = ical_utc (start);
  g_autofree char *dtend = ical_utc (start + HOUR);

  return g_strdup_printf ("BEGIN:VEVENT\r\nUID:%s\r\nSUMMARY:%s\r\nDTSTART:%s\r\nDTEND:%s\r\n"
                          "ORGANIZER;CN=Me:mailto:me@kith.example\r\n%sEND:VEVENT\r\n",
                          uid, summary, dtstart, dtend, more != NULL ? more : "");
}

/* A single event, matched by an attendee's second address in another case, with its place,
 * length, conference link and people; a stranger's meeting is on no timeline */
static void
test_single_event (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *single = event_ical ("single-1", "Viewing", f->base,
                                        "LOCATION:12 Oak Street https://zoom.us/j/123 \r\n"
                                        "ATTENDEE;CN=Ada L;ROLE=REQ-PARTICIPANT:mailto:ADA@Home.Example\r\n"
                                        "ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:bob@BOB.example\r\n"
                                        "ATTENDEE;CUTYPE=ROOM:mailto:room1@acme.com\r\n");
  g_autofree char *stranger = event_ical ("stranger-1", "Dentist", f->base, "ATTENDEE:mailto:dr@teeth.example\r\n");
  g_autoptr(KithTimelineItem) item = NULL;
  g_autoptr(JsonObject) ada = NULL;
  Expect one = { "Viewing", 1 };
  GListModel *people;

  add_event (f, single);
  add_event (f, stranger);
  start_service (f);
  wait_until (f, has_meetings, &one, "the meeting on Ada's timeline");

  item = find_meeting (f, f->ada, "Viewing");
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, f->base * 1000);
  g_assert_cmpint (kith_timeline_item_get_duration (item), ==, 3600);
  g_assert_cmpstr (kith_timeline_item_get_location (item), ==, "12 Oak Street https://zoom.us/j/123");
  g_assert_cmpstr (kith_timeline_item_get_links (item)[0], ==, "https://zoom.us/j/123");
  g_assert_true (g_str_has_prefix (kith_timeline_item_get_source (item), "calendar:"));
  people = kith_timeline_item_get_people (item);
  /* the organizer, Ada and Bob; not the room */
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  g_assert_cmpuint (count_meetings (f, f->bob, "Viewing"), ==, 1);

  /* A past meeting is contact */
  ada = kith_store_get_record (f->t->store, f->ada, NULL);
  g_assert_cmpint (json_object_get_int_member (ada, "lastContact"), ==, f->base * 1000);
}

/* A weekly meeting: one instance moved, one deleted (EXDATE); and a cancelled event */
static void
test_recurrence (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *exdate = ical_utc (f->base + 14 * DAY);
  g_autofree char *rid = ical_utc (f->base + 7 * DAY);
  g_autofree char *more = g_strdup_printf ("RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE:%s\r\n"
                                           "ATTENDEE:mailto:ada@acme.com\r\n", exdate);
  g_autofree char *series = event_ical ("weekly-1", "Weekly", f->base, more);
  g_autofree char *moved_more = g_strdup_printf ("RECURRENCE-ID:%s\r\nATTENDEE:mailto:ada@acme.com\r\n", rid);
  g_autofree char *moved = event_ical ("weekly-1", "Weekly", f->base + 7 * DAY + 2 * HOUR, moved_more);
  g_autofree char *cancelled = event_ical ("cancelled-1", "Called off", f->base,
                                           "STATUS:CANCELLED\r\nATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *marker = event_ical ("marker-1", "Marker", f->base + HOUR, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autoptr(GArray) dates = NULL;
  Expect three = { "Weekly", 3 };
  Expect marked = { "Marker", 1 };

  add_event (f, series);
  /* The moved instance, as a calendar app writes it: a change of this instance only */
  modify_event (f, moved, E_CAL_OBJ_MOD_THIS);
  add_event (f, cancelled);
  add_event (f, marker);
  start_service (f);
  wait_until (f, has_meetings, &marked, "the marker meeting");
  wait_until (f, has_meetings, &three, "three instances of the weekly meeting");

  dates = dates_of (f, "Weekly");
  /* Newest first: the fourth week, the moved second one, the first */
  g_assert_cmpint (g_array_index (dates, gint64, 0), ==, f->base + 21 * DAY);
  g_assert_cmpint (g_array_index (dates, gint64, 1), ==, f->base + 7 * DAY + 2 * HOUR);
  g_assert_cmpint (g_array_index (dates, gint64, 2), ==, f->base);
  g_assert_cmpuint (count_meetings (f, f->ada, "Called off"), ==, 0);
}

/* An all-day event is the day in the user's time zone; a meeting in New York keeps its local
 * time across the change from daylight saving time (2 November 2025) */
static void
test_time_zones (Fixture       *f,
                 gconstpointer  data)
{
  const char *new_york =
    "BEGIN:VEVENT\r\nUID:ny-1\r\nSUMMARY:New York\r\n"
    "DTSTART;TZID=America/New_York:20251027T090000\r\nDTEND;TZID=America/New_York:20251027T100000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=2\r\nATTENDEE:mailto:ada@acme.com\r\nEND:VEVENT\r\n";
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (f->base);
  g_autofree char *date = g_date_time_format (day, "%Y%m%d");
  g_autofree char *all_day = g_strdup_printf ("BEGIN:VEVENT\r\nUID:allday-1\r\nSUMMARY:Open house\r\n"
                                              "DTSTART;VALUE=DATE:%s\r\nATTENDEE:mailto:ada@acme.com\r\n"
                                              "END:VEVENT\r\n", date);
  g_autoptr(ICalTime) midnight = i_cal_time_new_from_string (date);
  g_autoptr(KithTimelineItem) open_house = NULL;
  g_autoptr(GArray) ny = NULL;
  Expect two = { "New York", 2 };
  Expect one = { "Open house", 1 };

  add_event (f, new_york);
  add_event (f, all_day);
  start_service (f);
  wait_until (f, has_meetings, &two, "the New York meetings");
  wait_until (f, has_meetings, &one, "the all-day event");

  ny = dates_of (f, "New York");
  /* 3 November 2025 09:00 EST is 14:00 UTC; 27 October 09:00 EDT is 13:00 UTC */
  g_assert_cmpint (g_array_index (ny, gint64, 0), ==, G_GINT64_CONSTANT (1762178400));
  g_assert_cmpint (g_array_index (ny, gint64, 1), ==, G_GINT64_CONSTANT (1761570000));

  open_house = find_meeting (f, f->ada, "Open house");
  g_assert_cmpint (kith_timeline_item_get_date (open_house) / 1000, ==,
                   i_cal_time_as_timet_with_zone (midnight, e_cal_util_get_system_timezone ()));
  g_assert_cmpint (kith_timeline_item_get_duration (open_house), ==, 24 * 3600);
}

/* An event added, changed and removed while Kith runs */
static void
test_live_changes (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = event_ical ("live-1", "Live", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *changed = event_ical ("live-1", "Live again", f->base + HOUR, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTimelineItem) item = NULL;
  Expect shown = { "Live", 1 };
  Expect gone = { "Live", 0 };
  Expect renamed = { "Live again", 1 };
  Expect removed = { "Live again", 0 };

  start_service (f);
  add_event (f, first);
  wait_until (f, has_meetings, &shown, "the new meeting");

  modify_event (f, changed, E_CAL_OBJ_MOD_ALL);
  wait_until (f, has_meetings, &renamed, "the changed meeting");
  wait_until (f, has_meetings, &gone, "the old title to go");
  item = find_meeting (f, f->ada, "Live again");
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, (f->base + HOUR) * 1000);

  g_assert_true (e_cal_client_remove_object_sync (f->client, "live-1", NULL, E_CAL_OBJ_MOD_ALL,
                                                  E_CAL_OPERATION_FLAG_NONE, NULL, &error));
  g_assert_no_error (error);
  wait_until (f, has_meetings, &removed, "the removed meeting to go");
}

/* For wait_until (): the deal ((gint64 *) data)[0] has ((gint64 *) data)[1] meetings */
static gboolean
deal_has_meetings (Fixture       *f,
                   gconstpointer  data)
{
  const gint64 *want = data;
  g_autoptr(GPtrArray) meetings = meetings_of (f, want[0]);

  return meetings->len == (guint) want[1];
}

/* A meeting whose location names a deal's address is on the deal's timeline, though nobody in
 * Kith attends; with Ada it is on hers too; moved elsewhere, it leaves the deal. Read from the
 * calendar at the start and as it changes while Kith runs. */
static void
test_deal_address (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *showing = event_ical ("deal-1", "Showing", f->base,
                                         "LOCATION:7 Harbour Rd\\, Portsmouth\r\n"
                                         "ATTENDEE:mailto:buyer@else.example\r\n");
  g_autofree char *with_ada = event_ical ("deal-2", "Inspection", f->base + DAY,
                                          "LOCATION:Inspection at 7 harbour road\r\n"
                                          "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *moved = event_ical ("deal-1", "Showing", f->base,
                                       "LOCATION:17 Harbour Road\r\n"
                                       "ATTENDEE:mailto:buyer@else.example\r\n");
  g_autoptr(KithTimelineItem) item = NULL;
  gint64 deal = kith_test_create (f->t, KITH_RECORD_PROJECT, "{\"name\": \"Harbour house\", \"address\": "
                                  "{\"street\": \"7 Harbour Road\", \"city\": \"Portsmouth\"}}");
  gint64 two[] = { deal, 2 }, one[] = { deal, 1 };
  Expect inspection = { "Inspection", 1 };

  add_event (f, showing);
  start_service (f);
  wait_until (f, deal_has_meetings, one, "the showing on the deal's timeline");
  item = find_meeting (f, deal, "Showing");
  g_assert_nonnull (item);
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, f->base * 1000);

  add_event (f, with_ada);
  wait_until (f, deal_has_meetings, two, "the inspection on the deal's timeline");
  wait_until (f, has_meetings, &inspection, "the inspection on Ada's timeline");

  modify_event (f, moved, E_CAL_OBJ_MOD_ALL);
  wait_until (f, deal_has_meetings, one, "the moved showing to leave the deal");
  g_clear_object (&item);
  item = find_meeting (f, deal, "Inspection");
  g_assert_nonnull (item);
}

static gboolean
has_event (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KithTimelineItem) item = find_meeting (f, f->ada, data);

  return item != NULL;
}

/* Schedule Meeting: written through EDS, read back from the calendar, changed and removed;
 * a read-only calendar is refused */
static void
test_create_event (Fixture       *f,
                   gconstpointer  data)
{
  const char *attendees[] = { "ada@acme.com", NULL };
  g_autoptr(KithCalendarEvent) event = kith_calendar_event_new ("Scheduled", (f->base + 40 * DAY) * 1000, 1800);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ICalComponent) icomp = NULL;
  g_autofree char *uid = NULL;
  Expect none = { "Scheduled again", 0 };

  event->location = g_strdup ("Office");
  event->attendees = g_strdupv ((char **) attendees);
  start_service (f);

  kith_calendar_service_create_event_async (f->service, e_source_get_uid (f->source), event, NULL,
                                            kith_test_result_cb, &result);
  uid = kith_calendar_service_create_event_finish (f->service, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (uid);
  g_clear_object (&result);

  g_assert_true (e_cal_client_get_object_sync (f->client, uid, NULL, &icomp, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (i_cal_component_get_summary (icomp), ==, "Scheduled");
  g_assert_cmpstr (i_cal_component_get_location (icomp), ==, "Office");
  /* And it reaches Ada's timeline as any event does; a meeting to come is no contact yet */
  wait_until (f, has_event, "Scheduled", "the scheduled meeting");

  g_free (event->title);
  event->title = g_strdup ("Scheduled again");
  kith_calendar_service_modify_event_async (f->service, e_source_get_uid (f->source), uid, event, NULL,
                                            kith_test_result_cb, &result);
  g_assert_true (kith_calendar_service_modify_event_finish (f->service, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  wait_until (f, has_event, "Scheduled again", "the changed meeting");

  kith_calendar_service_remove_event_async (f->service, e_source_get_uid (f->source), uid, NULL,
                                            kith_test_result_cb, &result);
  g_assert_true (kith_calendar_service_remove_event_finish (f->service, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  wait_until (f, has_meetings, &none, "the removed meeting to go");

  /* The birthdays calendar evolution-data-server makes from contacts is read-only */
  kith_calendar_service_create_event_async (f->service, "birthdays", event, NULL, kith_test_result_cb, &result);
  g_assert_null (kith_calendar_service_create_event_finish (f->service, kith_test_wait_result (&result), &error));
  g_assert_error (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_READ_ONLY);
}

/* An event someone else made is theirs: Kith does not change it */
static void
test_foreign_event_kept (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *theirs = event_ical ("theirs-1", "Theirs", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autoptr(KithCalendarEvent) event = kith_calendar_event_new ("Mine now", f->base * 1000, 600);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_event (f, theirs);
  start_service (f);
  kith_calendar_service_remove_event_async (f->service, e_source_get_uid (f->source), "theirs-1", NULL,
                                            kith_test_result_cb, &result);
  g_assert_false (kith_calendar_service_remove_event_finish (f->service, kith_test_wait_result (&result), &error));
  g_assert_error (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_NOT_KITHS);
  g_clear_error (&error);
  g_clear_object (&result);
  kith_calendar_service_modify_event_async (f->service, e_source_get_uid (f->source), "theirs-1", event, NULL,
                                            kith_test_result_cb, &result);
  g_assert_false (kith_calendar_service_modify_event_finish (f->service, kith_test_wait_result (&result), &error));
  g_assert_error (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_NOT_KITHS);
}

static gboolean
source_off_and_empty (Fixture       *f,
                      gconstpointer  data)
{
  KithCalendarSource *item = kith_calendar_service_find_source (f->service, e_source_get_uid (f->source));

  return kith_calendar_source_get_state (item) == KITH_CALENDAR_STATE_OFF && count_meetings (f, f->ada, "Mine") == 0;
}

/* "Use in Kith" off: its meetings leave the timelines, and the choice outlives the service */
static void
test_unfollow (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *mine = event_ical ("mine-1", "Mine", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *key = g_strconcat ("calendar-follow:", e_source_get_uid (f->source), NULL);
  g_autofree char *setting = NULL;
  Expect one = { "Mine", 1 };

  add_event (f, mine);
  start_service (f);
  g_assert_true (kith_calendar_source_get_followed (kith_calendar_service_find_source (f->service, e_source_get_uid (f->source))));
  /* Until the user chooses, the calendar EDS makes of contacts' birthdays is not the user's own */
  g_assert_nonnull (kith_calendar_service_find_source (f->service, "birthdays"));
  g_assert_false (kith_calendar_source_get_followed (kith_calendar_service_find_source (f->service, "birthdays")));
  wait_until (f, has_meetings, &one, "the meeting");

  kith_calendar_service_set_followed (f->service, e_source_get_uid (f->source), FALSE);
  wait_until (f, source_off_and_empty, NULL, "the calendar to be left");
  setting = kith_store_dup_setting (f->t->store, key);
  g_assert_cmpstr (setting, ==, "0");
}

/* A mail identity of the user's, in the session's registry */
static ESource *
add_identity (Fixture    *f,
              const char *address)
{
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = g_strdup (e_source_get_uid (scratch));
  ESource *source;

  e_source_set_display_name (scratch, address);
  e_source_mail_identity_set_address (e_source_get_extension (scratch, E_SOURCE_EXTENSION_MAIL_IDENTITY), address);
  g_assert_true (e_source_registry_commit_source_sync (f->registry, scratch, NULL, &error));
  g_assert_no_error (error);
  while ((source = e_source_registry_ref_source (f->registry, uid)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return source;
}

static gboolean
carol_known (Fixture       *f,
             gconstpointer  data)
{
  gint64 carol = kith_store_lookup (f->t->store, "carol@buyers.example", NULL);
  g_autoptr(GPtrArray) meetings = carol != 0 ? meetings_of (f, carol) : NULL;

  return meetings != NULL && meetings->len == 1;
}

/* The calendar's option: the outside attendees of its meetings become people; the user, a
 * coworker and the people already in Kith do not; off, nobody is made */
static void
test_create_people (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *showing = event_ical ("people-1", "Showing", f->base,
                                         "ATTENDEE;CN=Carol Buyer:mailto:carol@buyers.example\r\n"
                                         "ATTENDEE;CN=Tess:mailto:tess@kith.example\r\n"
                                         "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autoptr(ESource) identity = add_identity (f, "me@kith.example");
  Expect one = { "Showing", 1 };

  add_event (f, showing);
  start_service (f);
  wait_until (f, has_meetings, &one, "the meeting");
  g_assert_cmpint (kith_store_lookup (f->t->store, "carol@buyers.example", NULL), ==, 0);

  kith_calendar_service_set_create_people (f->service, e_source_get_uid (f->source), TRUE);
  wait_until (f, carol_known, NULL, "Carol to be made a person with the meeting");
  g_assert_cmpint (kith_store_lookup (f->t->store, "tess@kith.example", NULL), ==, 0);
  g_assert_cmpint (kith_store_lookup (f->t->store, "me@kith.example", NULL), ==, 0);
  e_source_remove_sync (identity, NULL, NULL);
}

typedef struct {
  ESource           *source;
  KithCalendarState  state;
} ExpectState;

static gboolean
in_state (Fixture       *f,
          gconstpointer  data)
{
  const ExpectState *e = data;
  KithCalendarSource *item = kith_calendar_service_find_source (f->service, e_source_get_uid (e->source));

  return item != NULL && kith_calendar_source_get_state (item) == e->state;
}

static gboolean
left_state (Fixture       *f,
            gconstpointer  data)
{
  return !in_state (f, data);
}

typedef struct {
  KithTestRadicale *radicale;
  const char       *text;
} StoredText;

static gboolean
radicale_has (Fixture       *f,
              gconstpointer  data)
{
  const StoredText *e = data;
  g_autofree char *stored = kith_test_radicale_read_calendar (e->radicale, "alice", "work");

  return strstr (stored, e->text) != NULL;
}

/* A CalDAV calendar on Radicale: its events on the timeline, a meeting scheduled in Kith on the
 * server; and a calendar whose password the server refuses shows why, while the others work */
static void
test_caldav (Fixture       *f,
             gconstpointer  data)
{
  const char *users[] = { "alice:alicepw", NULL };
  g_autoptr(KithTestRadicale) radicale = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) good = NULL;
  g_autoptr(ESource) bad = NULL;
  g_autoptr(KithCalendarEvent) event = kith_calendar_event_new ("Scheduled on the server", (f->base + 40 * DAY) * 1000, 1800);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *work = NULL;
  g_autofree char *other = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *on_server = event_ical ("dav-1", "On the server", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *vcalendar = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith//Test//EN\r\n%s"
                                                "END:VCALENDAR\r\n", on_server);
  g_autofree char *local = event_ical ("local-1", "Local", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *added = event_ical ("dav-2", "Added on the server", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *later = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith//Test//EN\r\n%s"
                                            "END:VCALENDAR\r\n", added);
  Expect added_on_server = { "Added on the server", 1 };
  g_autoptr(EClient) dav = NULL;
  ExpectState refused, ready;
  Expect from_server = { "On the server", 1 };
  Expect from_local = { "Local", 1 };
  StoredText written;
  KithCalendarSource *item;

  radicale = kith_test_radicale_start (users, &error);
  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);
  work = kith_test_radicale_make_calendar (radicale, "alice", "alicepw", "work", &error);
  g_assert_no_error (error);
  other = kith_test_radicale_make_calendar (radicale, "alice", "alicepw", "other", &error);
  g_assert_no_error (error);
  g_assert_true (kith_test_radicale_put_event (radicale, "alice", "alicepw", "work", "dav-1", vcalendar, &error));
  g_assert_no_error (error);

  good = kith_test_radicale_add_source (radicale, f->registry, E_SOURCE_EXTENSION_CALENDAR, work, work,
                                        "alice", "alicepw", &error);
  g_assert_no_error (error);
  bad = kith_test_radicale_add_source (radicale, f->registry, E_SOURCE_EXTENSION_CALENDAR, other, other,
                                       "alice", "wrong", &error);
  g_assert_no_error (error);
  add_event (f, local);
  start_service (f);

  refused = (ExpectState) { bad, KITH_CALENDAR_STATE_NEEDS_PASSWORD };
  ready = (ExpectState) { good, KITH_CALENDAR_STATE_READY };
  wait_until (f, in_state, &refused, "the refused calendar to say so");
  item = kith_calendar_service_find_source (f->service, e_source_get_uid (bad));
  g_assert_nonnull (kith_calendar_source_get_error (item));
  wait_until (f, in_state, &ready, "the CalDAV calendar to open");
  wait_until (f, has_meetings, &from_server, "the meeting from the server");
  wait_until (f, has_meetings, &from_local, "the meeting from the local calendar");

  kith_calendar_service_create_event_async (f->service, e_source_get_uid (good), event, NULL,
                                            kith_test_result_cb, &result);
  uid = kith_calendar_service_create_event_finish (f->service, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  written = (StoredText) { radicale, "SUMMARY:Scheduled on the server" };
  wait_until (f, radicale_has, &written, "the scheduled meeting on Radicale");

  /* Another client adds an event on the server; once EDS looks again (Kith asks it every
   * minute; here the test asks at once) it reaches the timeline */
  g_assert_true (kith_test_radicale_put_event (radicale, "alice", "alicepw", "work", "dav-2", later, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  e_cal_client_connect (good, E_CAL_CLIENT_SOURCE_TYPE_EVENTS, 30, NULL, kith_test_result_cb, &result);
  dav = e_cal_client_connect_finish (kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (e_client_refresh_sync (dav, NULL, &error));
  g_assert_no_error (error);
  wait_until (f, has_meetings, &added_on_server, "the meeting added on the server");

  g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
  g_clear_object (&dav);
  kith_test_remove_source (good);
  kith_test_remove_source (bad);
}

static gboolean
ready_and_writable (Fixture       *f,
                    gconstpointer  data)
{
  KithCalendarSource *item = kith_calendar_service_find_source (f->service, e_source_get_uid ((ESource *) data));

  return item != NULL && kith_calendar_source_get_state (item) == KITH_CALENDAR_STATE_READY &&
         kith_calendar_source_get_writable (item);
}

/* A CalDAV calendar whose server is down when Kith opens it says it is offline; once the server
 * is back, Retry reads it within seconds (not at the next minute's refresh): its meetings come,
 * and it is ready and writable */
typedef enum {
  RETRY_OPENING,     /* Retry while the calendar opens */
  RETRY_OPEN,        /* Retry once it has opened, disconnected */
  RETRY_OPEN_FAILS,  /* Retry, whose open then fails */
} RetryWhen;

static void kill_calendar_factory (Fixture *f);

static void
check_caldav_retry (Fixture    *f,
                    const char *uid,
                    RetryWhen   when)
{
  gboolean after_open = when == RETRY_OPEN;
  const char *users[] = { "alice:alicepw", NULL };
  g_autoptr(KithTestRadicale) radicale = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) office = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *on_server = event_ical (uid, "On the server", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *vcalendar = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith//Test//EN\r\n%s"
                                                "END:VCALENDAR\r\n", on_server);
  Expect from_server = { "On the server", 1 };
  ExpectState offline;
  gboolean opened = FALSE;

  radicale = kith_test_radicale_start (users, &error);
  g_assert_no_error (error);
  uri = kith_test_radicale_make_calendar (radicale, "alice", "alicepw", "office", &error);
  g_assert_no_error (error);
  g_assert_true (kith_test_radicale_put_event (radicale, "alice", "alicepw", "office", uid, vcalendar, &error));
  g_assert_no_error (error);
  kith_test_radicale_pause (radicale);

  office = kith_test_radicale_add_source (radicale, f->registry, E_SOURCE_EXTENSION_CALENDAR, uri, uri,
                                          "alice", "alicepw", &error);
  g_assert_no_error (error);
  if (after_open)
    g_timeout_add_seconds (35, timeout_cb, &opened);
  start_service (f);
  offline = (ExpectState) { office, KITH_CALENDAR_STATE_OFFLINE };
  wait_until (f, in_state, &offline, "the calendar to say it is offline");
  /* Not a condition the service shows: the calendar's client has stopped waiting */
  while (after_open && !opened)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (in_state (f, &offline));
  g_assert_cmpuint (count_meetings (f, f->ada, "On the server"), ==, 0);

  if (when == RETRY_OPEN_FAILS)
    {
      /* The server still down, the calendar opened again by Retry waits for its backend to
       * connect; the factory dies under it, and that open fails. It is opened again, later,
       * until it opens: the meetings come once the server is back, with no second Retry. */
      kith_calendar_service_retry (f->service, e_source_get_uid (office));
      kill_calendar_factory (f);
      offline = (ExpectState) { office, KITH_CALENDAR_STATE_CONNECTING };
      wait_until (f, left_state, &offline, "the open Retry began to fail");
      g_assert_true (kith_test_radicale_resume (radicale, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_true (kith_test_radicale_resume (radicale, &error));
      g_assert_no_error (error);
      kith_calendar_service_retry (f->service, e_source_get_uid (office));
    }
  wait_until (f, has_meetings, &from_server, "the meeting from the server after Retry");
  wait_until (f, ready_and_writable, office, "the calendar to be ready and writable after Retry");

  g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
  kith_test_remove_source (office);
}

static void
test_caldav_retry (Fixture       *f,
                   gconstpointer  data)
{
  check_caldav_retry (f, "retry-1", RETRY_OPENING);
}

/* As test_caldav_retry (), Retry once the calendar has opened: its client waits up to 30 s
 * (CONNECT_WAIT_SECONDS in kith-calendar-watch.c) for the backend to connect, then opens it as it
 * is, disconnected. Retry asks that open calendar's backend to connect at once, through its
 * client, rather than opening it again, and its meetings come within seconds. */
static void
test_caldav_retry_open (Fixture       *f,
                        gconstpointer  data)
{
  check_caldav_retry (f, "open-1", RETRY_OPEN);
}

/* As test_caldav_retry (), where the open Retry began fails (its factory died): Kith opens the
 * calendar again by itself, where it used to stay failed until the next Retry */
static void
test_caldav_retry_open_fails (Fixture       *f,
                              gconstpointer  data)
{
  check_caldav_retry (f, "fails-1", RETRY_OPEN_FAILS);
}

#define MANY_EVENTS 300

static gboolean
has_all_meetings (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) meetings = meetings_of (f, f->ada);

  return meetings->len == GPOINTER_TO_UINT (data);
}

/* A calendar of a few hundred events: one renamed while Kith reads it the first time and one
 * renamed after; both show on the timeline under their new names, and nothing else changes */
static void
test_rename_among_many (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *early = event_ical ("many-7", "Renamed early", f->base + 7 * HOUR, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *late = event_ical ("many-150", "Renamed late", f->base + 150 * HOUR, "ATTENDEE:mailto:ada@acme.com\r\n");
  GSList *comps = NULL;
  GSList *uids = NULL;
  Expect renamed_early = { "Renamed early", 1 };
  Expect renamed_late = { "Renamed late", 1 };
  Expect old_late = { "Showing 150", 0 };

  for (int i = 0; i < MANY_EVENTS; i++)
    {
      g_autofree char *uid = g_strdup_printf ("many-%d", i);
      g_autofree char *summary = g_strdup_printf ("Showing %d", i);
      g_autofree char *ical = event_ical (uid, summary, f->base + i * HOUR, "ATTENDEE:mailto:ada@acme.com\r\n");

      comps = g_slist_prepend (comps, i_cal_component_new_from_string (ical));
    }
  g_assert_true (e_cal_client_create_objects_sync (f->client, comps, E_CAL_OPERATION_FLAG_NONE, &uids, NULL, &error));
  g_assert_no_error (error);
  g_slist_free_full (comps, g_object_unref);
  g_slist_free_full (uids, g_free);

  start_service (f);
  modify_event (f, early, E_CAL_OBJ_MOD_ALL);
  wait_until (f, has_all_meetings, GUINT_TO_POINTER (MANY_EVENTS), "every meeting on Ada's timeline");
  wait_until (f, has_meetings, &renamed_early, "the meeting renamed during the first read");

  modify_event (f, late, E_CAL_OBJ_MOD_ALL);
  wait_until (f, has_meetings, &renamed_late, "the meeting renamed after the first read");
  wait_until (f, has_meetings, &old_late, "the old name to go");
  g_assert_cmpuint (count_meetings (f, f->ada, "Showing 7"), ==, 0);
  g_assert_cmpuint (count_meetings (f, f->ada, "Showing 151"), ==, 1);
  g_assert_true (has_all_meetings (f, GUINT_TO_POINTER (MANY_EVENTS)));
}

/* Calls to the calendar factory to open a calendar, as this process sends them */
static gint open_calendar_calls;

static GDBusMessage *
count_open_calendar (GDBusConnection *connection,
                     GDBusMessage    *message,
                     gboolean         incoming,
                     gpointer         user_data)
{
  if (!incoming && g_strcmp0 (g_dbus_message_get_member (message), "OpenCalendar") == 0)
    g_atomic_int_inc (&open_calendar_calls);
  return message;
}

typedef struct {
  GAsyncResult *results[4];
} Reads;

static gboolean
all_read (Fixture       *f,
          gconstpointer  data)
{
  const Reads *reads = data;

  for (guint i = 0; i < G_N_ELEMENTS (reads->results); i++)
    if (reads->results[i] == NULL)
      return FALSE;
  return TRUE;
}

/* Timeline rows ask at once whether Kith made their meetings: they share one connection to the
 * calendar, made once and kept */
static void
test_shared_connection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Reads reads = { { NULL } };
  guint filter;

  start_service (f);
  filter = g_dbus_connection_add_filter (bus, count_open_calendar, NULL, NULL);
  g_atomic_int_set (&open_calendar_calls, 0);

  for (guint i = 0; i < G_N_ELEMENTS (reads.results); i++)
    kith_calendar_service_read_event_async (f->service, e_source_get_uid (f->source), "nobody-made-this", NULL,
                                            kith_test_result_cb, &reads.results[i]);
  wait_until (f, all_read, &reads, "the reads");
  for (guint i = 0; i < G_N_ELEMENTS (reads.results); i++)
    {
      g_assert_null (kith_calendar_service_read_event_finish (f->service, reads.results[i], &error));
      g_assert_error (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_clear_object (&reads.results[i]);
    }
  g_assert_cmpint (g_atomic_int_get (&open_calendar_calls), ==, 1);

  /* And later reads use it too */
  kith_calendar_service_read_event_async (f->service, e_source_get_uid (f->source), "nobody-made-this", NULL,
                                          kith_test_result_cb, &result);
  g_assert_null (kith_calendar_service_read_event_finish (f->service, kith_test_wait_result (&result), &error));
  g_assert_cmpint (g_atomic_int_get (&open_calendar_calls), ==, 1);
  g_dbus_connection_remove_filter (bus, filter);
}

#define CALENDAR_FACTORY_NAME "org.gnome.evolution.dataserver.Calendar8"

static gboolean
factory_running (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", CALENDAR_FACTORY_NAME),
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                           -1, NULL, NULL);
  gboolean running = FALSE;

  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &running);
  return running == GPOINTER_TO_INT (data);
}

/* Kills the session's calendar factory, where the calendars' backends run (by its PID, which
 * the bus knows), as a crash would; then starts it again, as D-Bus activation would on a
 * desktop (the session's bus starts nothing by itself). The new factory takes the old one's
 * place in the session, and ends with its bus. test-calendar runs alone for this
 * (tests/services/meson.build). */
static void
kill_calendar_factory (Fixture *f)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *argv[] = { "/usr/libexec/evolution-calendar-factory", "-r", NULL };
  guint32 pid;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", CALENDAR_FACTORY_NAME), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);
  g_assert_cmpint (kill ((pid_t) pid, SIGKILL), ==, 0);
  wait_until (f, factory_running, GINT_TO_POINTER (FALSE), "the calendar factory to die");

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  wait_until (f, factory_running, GINT_TO_POINTER (TRUE), "the calendar factory to start again");
}

/* The test's own client died with the factory: a new one, connected on this thread's loop */
static void
reconnect_test_client (Fixture *f)
{
  g_clear_object (&f->client);
  f->client = connect_client (f->source);
}

/* Schedules @title through the service; fails the test if it cannot */
static char *
schedule (Fixture    *f,
          const char *title)
{
  const char *attendees[] = { "ada@acme.com", NULL };
  g_autoptr(KithCalendarEvent) event = kith_calendar_event_new (title, (f->base + 40 * DAY) * 1000, 1800);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *uid;

  event->attendees = g_strdupv ((char **) attendees);
  kith_calendar_service_create_event_async (f->service, e_source_get_uid (f->source), event, NULL,
                                            kith_test_result_cb, &result);
  uid = kith_calendar_service_create_event_finish (f->service, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return uid;
}

/* The calendar factory dies (killed, as a crash would): Kith opens the calendar again, so
 * that what changes after shows, and its writes go through a new connection */
static void
test_backend_died (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = event_ical ("died-1", "Before", f->base, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *after = event_ical ("died-2", "After", f->base + HOUR, "ATTENDEE:mailto:ada@acme.com\r\n");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(ICalComponent) icomp = NULL;
  g_autoptr(GError) error = NULL;
  Expect shown = { "Before", 1 };
  Expect back = { "After", 1 };

  add_event (f, before);
  start_service (f);
  wait_until (f, has_meetings, &shown, "the meeting");
  /* The service keeps a connection for its writes */
  first = schedule (f, "Scheduled before");

  kill_calendar_factory (f);
  reconnect_test_client (f);
  add_event (f, after);
  wait_until (f, has_meetings, &back, "the meeting added after the backend died");
  g_assert_cmpuint (count_meetings (f, f->ada, "Before"), ==, 1);

  second = schedule (f, "Scheduled after");
  g_assert_true (e_cal_client_get_object_sync (f->client, second, NULL, &icomp, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (i_cal_component_get_summary (icomp), ==, "Scheduled after");
}

/* The calendar factory dies while Kith reads the calendar the first time: the read that failed is done
 * again, and no meeting is missing */
static void
test_backend_died_reading (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *comps = NULL;
  GSList *uids = NULL;

  for (int i = 0; i < MANY_EVENTS; i++)
    {
      g_autofree char *uid = g_strdup_printf ("many-%d", i);
      g_autofree char *summary = g_strdup_printf ("Showing %d", i);
      g_autofree char *ical = event_ical (uid, summary, f->base + i * HOUR, "ATTENDEE:mailto:ada@acme.com\r\n");

      comps = g_slist_prepend (comps, i_cal_component_new_from_string (ical));
    }
  g_assert_true (e_cal_client_create_objects_sync (f->client, comps, E_CAL_OPERATION_FLAG_NONE, &uids, NULL, &error));
  g_assert_no_error (error);
  g_slist_free_full (comps, g_object_unref);
  g_slist_free_full (uids, g_free);

  start_service (f);
  kill_calendar_factory (f);
  wait_until (f, has_all_meetings, GUINT_TO_POINTER (MANY_EVENTS), "every meeting on Ada's timeline");
  wait_until (f, source_ready, NULL, "the calendar to be ready again");
}


/* An event that does not recur is expanded by Kith itself: its own time zone, and its length
 * from DURATION when it has no DTEND */
static void
test_single_in_zone (Fixture       *f,
                     gconstpointer  data)
{
  const char *new_york =
    "BEGIN:VEVENT\r\nUID:ny-single\r\nSUMMARY:Once in New York\r\n"
    "DTSTART;TZID=America/New_York:20251027T090000\r\nDURATION:PT45M\r\n"
    "ATTENDEE:mailto:ada@acme.com\r\nEND:VEVENT\r\n";
  g_autoptr(KithTimelineItem) item = NULL;
  Expect one = { "Once in New York", 1 };

  add_event (f, new_york);
  start_service (f);
  wait_until (f, has_meetings, &one, "the meeting in New York");

  item = find_meeting (f, f->ada, "Once in New York");
  /* 27 October 2025 09:00 EDT is 13:00 UTC */
  g_assert_cmpint (kith_timeline_item_get_date (item) / 1000, ==, G_GINT64_CONSTANT (1761570000));
  g_assert_cmpint (kith_timeline_item_get_duration (item), ==, 45 * 60);
}

/* A floating time (no zone, no Z) is the user's own time: a recurring one expanded by EDS and a
 * single one expanded by Kith */
static void
test_floating (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc (f->base);
  g_autofree char *date = g_date_time_format (day, "%Y%m%d");
  g_autofree char *single = g_strdup_printf ("BEGIN:VEVENT\r\nUID:floating-1\r\nSUMMARY:Floating\r\n"
                                             "DTSTART:%sT140000\r\nDTEND:%sT150000\r\n"
                                             "ATTENDEE:mailto:ada@acme.com\r\nEND:VEVENT\r\n", date, date);
  g_autofree char *weekly = g_strdup_printf ("BEGIN:VEVENT\r\nUID:floating-2\r\nSUMMARY:Floating weekly\r\n"
                                             "DTSTART:%sT160000\r\nDTEND:%sT163000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n"
                                             "ATTENDEE:mailto:ada@acme.com\r\nEND:VEVENT\r\n", date, date);
  g_autofree char *at_two = g_strdup_printf ("%sT140000", date);
  g_autofree char *at_four = g_strdup_printf ("%sT160000", date);
  g_autoptr(ICalTime) two = i_cal_time_new_from_string (at_two);
  g_autoptr(ICalTime) four = i_cal_time_new_from_string (at_four);
  ICalTimezone *zone = e_cal_util_get_system_timezone ();
  g_autoptr(KithTimelineItem) item = NULL;
  g_autoptr(GArray) dates = NULL;
  Expect one = { "Floating", 1 };
  Expect both = { "Floating weekly", 2 };

  add_event (f, single);
  add_event (f, weekly);
  start_service (f);
  wait_until (f, has_meetings, &one, "the floating meeting");
  wait_until (f, has_meetings, &both, "the floating weekly meetings");

  item = find_meeting (f, f->ada, "Floating");
  g_assert_cmpint (kith_timeline_item_get_date (item) / 1000, ==, i_cal_time_as_timet_with_zone (two, zone));
  g_assert_cmpint (kith_timeline_item_get_duration (item), ==, 3600);
  dates = dates_of (f, "Floating weekly");
  g_assert_cmpint (g_array_index (dates, gint64, 1), ==, i_cal_time_as_timet_with_zone (four, zone));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_error ("Needs the private session with evolution-data-server (build-aux/test-session)");

  g_test_add ("/calendar/single-event", Fixture, NULL, fixture_set_up, test_single_event, fixture_tear_down);
  g_test_add ("/calendar/recurrence", Fixture, NULL, fixture_set_up, test_recurrence, fixture_tear_down);
  g_test_add ("/calendar/time-zones", Fixture, NULL, fixture_set_up, test_time_zones, fixture_tear_down);
  g_test_add ("/calendar/live-changes", Fixture, NULL, fixture_set_up, test_live_changes, fixture_tear_down);
  g_test_add ("/calendar/deal-address", Fixture, NULL, fixture_set_up, test_deal_address, fixture_tear_down);
  g_test_add ("/calendar/create-event", Fixture, NULL, fixture_set_up, test_create_event, fixture_tear_down);
  g_test_add ("/calendar/foreign-event-kept", Fixture, NULL, fixture_set_up, test_foreign_event_kept, fixture_tear_down);
  g_test_add ("/calendar/unfollow", Fixture, NULL, fixture_set_up, test_unfollow, fixture_tear_down);
  g_test_add ("/calendar/create-people", Fixture, NULL, fixture_set_up, test_create_people, fixture_tear_down);
  g_test_add ("/calendar/caldav", Fixture, NULL, fixture_set_up, test_caldav, fixture_tear_down);
  g_test_add ("/calendar/caldav-retry", Fixture, NULL, fixture_set_up, test_caldav_retry, fixture_tear_down);
  g_test_add ("/calendar/caldav-retry-open", Fixture, NULL, fixture_set_up, test_caldav_retry_open, fixture_tear_down);
  g_test_add ("/calendar/caldav-retry-open-fails", Fixture, NULL, fixture_set_up, test_caldav_retry_open_fails,
              fixture_tear_down);
  g_test_add ("/calendar/rename-among-many", Fixture, NULL, fixture_set_up, test_rename_among_many, fixture_tear_down);
  g_test_add ("/calendar/single-in-zone", Fixture, NULL, fixture_set_up, test_single_in_zone, fixture_tear_down);
  g_test_add ("/calendar/floating", Fixture, NULL, fixture_set_up, test_floating, fixture_tear_down);
  g_test_add ("/calendar/shared-connection", Fixture, NULL, fixture_set_up, test_shared_connection, fixture_tear_down);
  g_test_add ("/calendar/backend-died", Fixture, NULL, fixture_set_up, test_backend_died, fixture_tear_down);
  g_test_add ("/calendar/backend-died-reading", Fixture, NULL, fixture_set_up, test_backend_died_reading, fixture_tear_down);

  return g_test_run ();
}
