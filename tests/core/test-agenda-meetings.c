/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Agenda's meetings from calendars: today's with their conference links and the next one
 * marked, tomorrow's first few under Upcoming */

#include "kith-test-util.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)

/* A meeting from calendar "cal" with Ada, starting @start (ms UTC), an hour long */
static void
put_meeting (KithTestStore *t,
             const char    *uid,
             const char    *title,
             gint64         start,
             const char    *link)
{
  g_autoptr(KithMeeting) meeting = kith_meeting_new ("calendar:cal", uid);
  g_autoptr(GError) error = NULL;

  meeting->title = g_strdup (title);
  meeting->start = start;
  meeting->duration = 3600;
  meeting->link = g_strdup (link);
  kith_meeting_add_person (meeting, "ada@acme.com", "Ada", "to");
  g_assert_true (kith_store_put_meeting (t->store, meeting, NULL, &error));
  g_assert_no_error (error);
}

static KithAgendaModel *
agenda_model (KithTestStore *t)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  KithAgendaModel *model = kith_agenda_compute_model (t->store, utc, NULL, &error);

  g_assert_no_error (error);
  return model;
}

static KithAgendaEntry *
entry_at (KithAgendaModel       *model,
          KithAgendaSectionKind  kind,
          guint                  i)
{
  return g_list_model_get_item (G_LIST_MODEL (kith_agenda_model_get_section (model, kind)), i);
}

static guint
section_size (KithAgendaModel       *model,
              KithAgendaSectionKind  kind)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kith_agenda_model_get_section (model, kind)));
}

/* Now is 12:00 UTC: the 9:00 meeting is over, the 11:30 one is going on and so is the next */
static void
test_today_link_and_next (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithAgendaEntry) first = NULL;
  g_autoptr(KithAgendaEntry) second = NULL;
  g_autoptr(KithAgendaEntry) third = NULL;
  gint64 midnight = t->now - 12 * HOUR_MS;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  put_meeting (t, "a#", "Breakfast", midnight + 9 * HOUR_MS, NULL);
  put_meeting (t, "b#", "Call", midnight + 11 * HOUR_MS + HOUR_MS / 2, "https://meet.example/abc");
  put_meeting (t, "c#", "Viewing", midnight + 15 * HOUR_MS, NULL);

  model = agenda_model (t);
  g_assert_cmpuint (section_size (model, KITH_AGENDA_SECTION_MEETINGS), ==, 3);
  first = entry_at (model, KITH_AGENDA_SECTION_MEETINGS, 0);
  second = entry_at (model, KITH_AGENDA_SECTION_MEETINGS, 1);
  third = entry_at (model, KITH_AGENDA_SECTION_MEETINGS, 2);
  g_assert_cmpstr (kith_agenda_entry_get_title (second), ==, "Call");
  g_assert_cmpstr (kith_agenda_entry_get_link (second), ==, "https://meet.example/abc");
  g_assert_null (kith_agenda_entry_get_link (first));
  g_assert_cmpstr (kith_agenda_entry_get_people (second)[0], ==, "Ada");
  /* The next is the first not yet over: the one going on */
  g_assert_false (kith_agenda_entry_get_next (first));
  g_assert_true (kith_agenda_entry_get_next (second));
  g_assert_false (kith_agenda_entry_get_next (third));
}

/* After the last meeting of the day, none is next */
static void
test_none_next_after_the_day (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithAgendaEntry) entry = NULL;
  gint64 midnight = t->now - 12 * HOUR_MS;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  put_meeting (t, "a#", "Breakfast", midnight + 9 * HOUR_MS, NULL);

  model = agenda_model (t);
  entry = entry_at (model, KITH_AGENDA_SECTION_MEETINGS, 0);
  g_assert_false (kith_agenda_entry_get_next (entry));
}

/* Tomorrow's first three meetings go under Upcoming, in order; the day after's do not; the
 * JSON keeps them apart from the to-dos */
static void
test_tomorrow_under_upcoming (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(JsonObject) json = NULL;
  gint64 tomorrow = t->now + 12 * HOUR_MS;
  const char *titles[] = { "Eight", "Nine", "Ten", "Eleven" };

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  for (guint i = G_N_ELEMENTS (titles); i > 0; i--)
    {
      g_autofree char *uid = g_strdup_printf ("t%u#", i);

      put_meeting (t, uid, titles[i - 1], tomorrow + (7 + i) * HOUR_MS, i == 1 ? "https://zoom.us/j/1" : NULL);
    }
  put_meeting (t, "later#", "Later", tomorrow + 30 * HOUR_MS, NULL);

  model = agenda_model (t);
  g_assert_cmpuint (section_size (model, KITH_AGENDA_SECTION_MEETINGS), ==, 0);
  g_assert_cmpuint (section_size (model, KITH_AGENDA_SECTION_UPCOMING), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KithAgendaEntry) entry = entry_at (model, KITH_AGENDA_SECTION_UPCOMING, i);

      g_assert_cmpint (kith_agenda_entry_get_kind (entry), ==, KITH_AGENDA_ENTRY_MEETING);
      g_assert_cmpstr (kith_agenda_entry_get_title (entry), ==, titles[i]);
      g_assert_cmpint (kith_agenda_entry_get_in_days (entry), ==, 1);
      g_assert_false (kith_agenda_entry_get_next (entry));
    }

  json = kith_agenda_model_to_json (model);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "upcomingMeetings")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (json, "todos"),
                                                                         "upcoming")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (json, "upcomingMeetings"), 0),
                                                  "link"), ==, "https://zoom.us/j/1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agenda-meetings/today-link-and-next", test_today_link_and_next);
  g_test_add_func ("/agenda-meetings/none-next-after-the-day", test_none_next_after_the_day);
  g_test_add_func ("/agenda-meetings/tomorrow-under-upcoming", test_tomorrow_under_upcoming);

  return g_test_run ();
}
