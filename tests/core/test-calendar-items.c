/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Meetings from calendars on the timeline (kith-meetings.c): linked through the sync keys,
 * written over by source and unique id, removed when nobody in Kith takes part any longer, on
 * the timeline of the deals their people take part in or whose address they name, and contact
 * only once they have begun.
 */

#include "kith-test-util.h"

#define SOURCE "calendar:test-source"
#define HOUR (G_GINT64_CONSTANT (3600000))

static gint64
last_contact (KithTestStore *t,
              gint64         id)
{
  g_autoptr(JsonObject) rec = kith_store_get_record (t->store, id, NULL);

  return json_object_get_int_member_with_default (rec, "lastContact", 0);
}

static guint
n_items (KithTestStore *t,
         gint64         record_id)
{
  g_autoptr(JsonArray) items = kith_test_get_timeline (t->store, record_id, 0, 50, NULL);

  return json_array_get_length (items);
}

static KithMeeting *
meeting_new (const char *unique_id,
             gint64      start)
{
  KithMeeting *meeting = kith_meeting_new (SOURCE, unique_id);

  meeting->title = g_strdup ("Viewing");
  meeting->location = g_strdup ("12 Oak Street");
  meeting->link = g_strdup ("https://meet.example/abc");
  meeting->start = start;
  meeting->duration = 1800;
  return meeting;
}

static gint64
put (KithTestStore *t,
     KithMeeting   *meeting)
{
  g_autoptr(GError) error = NULL;
  gint64 id = -1;

  g_assert_true (kith_store_put_meeting (t->store, meeting, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_matched_by_any_address (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithMeeting) meeting = meeting_new ("uid-1", t->now - 2 * HOUR);
  g_autoptr(JsonArray) items = NULL;
  JsonObject *item;
  gint64 ada, id;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\", \"ada@home.example\"]}");
  kith_meeting_add_person (meeting, "me@kith.example", "Me", "from");
  kith_meeting_add_person (meeting, "ADA@Home.Example", "Ada L.", "to");
  kith_meeting_add_person (meeting, "nobody@else.example", NULL, "cc");

  id = put (t, meeting);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (last_contact (t, ada), ==, t->now - 2 * HOUR);

  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "style"), ==, "meeting");
  g_assert_cmpstr (json_object_get_string_member (item, "subject"), ==, "Viewing");
  g_assert_cmpstr (json_object_get_string_member (item, "location"), ==, "12 Oak Street");
  g_assert_cmpint (json_object_get_int_member (item, "duration"), ==, 1800);
  g_assert_cmpstr (json_object_get_string_member (item, "source"), ==, SOURCE);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (item, "links"), 0), ==,
                   "https://meet.example/abc");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "people")), ==, 3);
}

static void
test_written_over_and_removed (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithMeeting) first = meeting_new ("uid-2", t->now - HOUR);
  g_autoptr(KithMeeting) moved = meeting_new ("uid-2", t->now - 3 * HOUR);
  g_autoptr(KithMeeting) without = meeting_new ("uid-2", t->now - 3 * HOUR);
  g_auto(GStrv) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada, id;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  kith_meeting_add_person (first, "ada@acme.com", NULL, "to");
  kith_meeting_add_person (moved, "ada@acme.com", NULL, "to");
  kith_meeting_add_person (without, "bob@acme.com", NULL, "to");

  id = put (t, first);
  g_assert_cmpint (put (t, first), ==, id);
  g_assert_cmpint (put (t, moved), ==, id);
  g_assert_cmpuint (n_items (t, ada), ==, 1);
  /* The meeting moved earlier: it is no longer the newest contact */
  g_assert_cmpint (last_contact (t, ada), ==, t->now - 3 * HOUR);

  listed = kith_store_list_meetings (t->store, SOURCE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (listed), ==, 1);
  g_assert_cmpstr (listed[0], ==, "uid-2");

  /* Ada no longer attends: the meeting leaves her timeline */
  g_assert_cmpint (put (t, without), ==, 0);
  g_assert_cmpuint (n_items (t, ada), ==, 0);
  g_assert_cmpint (last_contact (t, ada), ==, 0);

  g_assert_cmpint (put (t, first), >, 0);
  g_assert_true (kith_store_remove_meeting (t->store, SOURCE, "uid-2", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (t, ada), ==, 0);
  g_assert_true (kith_store_remove_meeting (t->store, SOURCE, "uid-2", &error));
  g_assert_no_error (error);
}

static void
test_future_is_no_contact (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithMeeting) past = meeting_new ("uid-past", t->now - 24 * HOUR);
  g_autoptr(KithMeeting) future = meeting_new ("uid-future", t->now + 24 * HOUR);
  gint64 ada;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  kith_meeting_add_person (past, "ada@acme.com", NULL, "to");
  kith_meeting_add_person (future, "ada@acme.com", NULL, "to");

  put (t, past);
  put (t, future);
  g_assert_cmpuint (n_items (t, ada), ==, 2);
  g_assert_cmpint (last_contact (t, ada), ==, t->now - 24 * HOUR);
  /* Written again (the calendar read again), it still is not */
  put (t, future);
  g_assert_cmpint (last_contact (t, ada), ==, t->now - 24 * HOUR);
}

static void
test_on_deal_of_participant (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithMeeting) meeting = meeting_new ("uid-deal", t->now - HOUR);
  g_autoptr(JsonArray) items = NULL;
  JsonArray *people;
  GList *about = NULL;
  gint64 deal, team_deal;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Tess\", \"emails\": [\"tess@agency.example\"]}");
  deal = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Oak Street\", \"participants\": [\"ada@acme.com\"]}");
  team_deal = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Elm Road\", \"dealTeam\": [\"tess@agency.example\"]}");
  kith_meeting_add_person (meeting, "ada@acme.com", NULL, "to");
  kith_meeting_add_person (meeting, "tess@agency.example", NULL, "to");

  put (t, meeting);
  g_assert_cmpuint (n_items (t, deal), ==, 1);
  items = kith_test_get_timeline (t->store, deal, 0, 50, NULL);
  people = json_object_get_array_member (json_array_get_object_element (items, 0), "people");
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);

      if (g_str_equal (json_object_get_string_member (person, "role"), "about"))
        about = g_list_append (about, GINT_TO_POINTER ((int) json_object_get_int_member (person, "recordId")));
    }
  /* The deal of a participant who attends; not the deal whose team attends */
  g_assert_cmpuint (g_list_length (about), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (about->data), ==, deal);
  g_assert_cmpint (GPOINTER_TO_INT (about->data), !=, team_deal);
  g_list_free (about);
}

static gint64
put_at (KithTestStore *t,
        const char    *unique_id,
        const char    *title,
        const char    *location)
{
  g_autoptr(KithMeeting) meeting = meeting_new (unique_id, t->now - HOUR);

  g_free (meeting->title);
  meeting->title = g_strdup (title);
  g_free (meeting->location);
  meeting->location = g_strdup (location);
  kith_meeting_add_person (meeting, "stranger@else.example", NULL, "to");
  return put (t, meeting);
}

/* A meeting whose location or title names a deal's street address is on that deal's timeline,
 * though nobody in Kith attends: by words (case, "St" for "Street", punctuation), the longest
 * address where two start alike, every deal at the same address unless the text names the
 * city of some; never by a part of a number or a street that is not distinctive */
static void
test_on_deal_named_by_address (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 springfield, shelbyville, flat, main_street, elm, quay;

  springfield = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Oak S\", \"address\": "
                                  "{\"street\": \"12 Oak Street\", \"city\": \"Springfield\"}}");
  shelbyville = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Oak B\", \"address\": "
                                  "{\"street\": \"12 Oak Street\", \"city\": \"Shelbyville\"}}");
  flat = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Oak flat\", \"address\": "
                           "{\"street\": \"12 Oak Street Apartment 4\"}}");
  main_street = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Main\", \"address\": "
                                  "{\"street\": \"Main Street\"}}");
  elm = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Elm\", \"address\": "
                          "{\"street\": \"40 Élm Road\"}}");
  quay = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Quay\", \"address\": "
                           "{\"street\": \"Flat 2, 4 Quay Street\"}}");
  kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Nowhere\"}");

  /* The same address on two deals, no town named: both */
  g_assert_cmpint (put_at (t, "m-tie", "Viewing", "Viewing at 12 oak st."), >, 0);
  /* The town tells them apart */
  g_assert_cmpint (put_at (t, "m-town", "Viewing", "12 Oak Street, Springfield"), >, 0);
  /* The longest address wins */
  g_assert_cmpint (put_at (t, "m-flat", "Viewing", "12 OAK ST APT 4"), >, 0);
  /* In the title; folded to ASCII */
  g_assert_cmpint (put_at (t, "m-title", "Showing 40 Elm Rd", NULL), >, 0);
  /* The second part of a street of two parts */
  g_assert_cmpint (put_at (t, "m-quay", "Inspection", "4 Quay St, Portsmouth"), >, 0);
  /* Not a part of a number, not a street without one, not a blank */
  g_assert_cmpint (put_at (t, "m-112", "Viewing", "112 Oak Street"), ==, 0);
  g_assert_cmpint (put_at (t, "m-main", "Lunch", "Main Street"), ==, 0);
  g_assert_cmpint (put_at (t, "m-flat2", "Viewing", "Flat 2"), ==, 0);
  g_assert_cmpint (put_at (t, "m-blank", "Call", ""), ==, 0);

  g_assert_cmpuint (n_items (t, springfield), ==, 2);
  g_assert_cmpuint (n_items (t, shelbyville), ==, 1);
  g_assert_cmpuint (n_items (t, flat), ==, 1);
  g_assert_cmpuint (n_items (t, elm), ==, 1);
  g_assert_cmpuint (n_items (t, quay), ==, 1);
  g_assert_cmpuint (n_items (t, main_street), ==, 0);

  /* Moved elsewhere: off the deal's timeline (nobody in Kith attends) */
  g_assert_cmpint (put_at (t, "m-title", "Showing", "Café"), ==, 0);
  g_assert_cmpuint (n_items (t, elm), ==, 0);
}

static void
test_nobody_known (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithMeeting) meeting = meeting_new ("uid-3", t->now);
  g_auto(GStrv) listed = NULL;

  kith_meeting_add_person (meeting, "stranger@else.example", NULL, "from");
  g_assert_cmpint (put (t, meeting), ==, 0);
  listed = kith_store_list_meetings (t->store, SOURCE, NULL);
  g_assert_cmpuint (g_strv_length (listed), ==, 0);
}

/* The per-calendar option: outside attendees become people; the user's side does not */
static void
test_add_people (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithMeeting) outside = meeting_new ("uid-outside", t->now - HOUR);
  g_autoptr(KithMeeting) inside = meeting_new ("uid-inside", t->now - HOUR);
  g_autoptr(GError) error = NULL;
  const char *own[] = { "agency.example", NULL };
  g_autoptr(JsonObject) carol = NULL;
  gint64 ada, carol_id;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  kith_meeting_add_person (outside, "me@Agency.example", "Me", "from");
  kith_meeting_add_person (outside, "ADA@acme.com", NULL, "to");
  kith_meeting_add_person (outside, "carol@buyers.example", "Carol Buyer", "to");
  kith_meeting_add_person (outside, "carol@buyers.example", "Carol Buyer", "cc");
  kith_meeting_add_person (inside, "me@agency.example", NULL, "from");
  kith_meeting_add_person (inside, "tess@agency.example", "Tess", "to");

  g_assert_cmpuint (kith_store_meeting_add_people (t->store, inside, own, &error), ==, 0);
  g_assert_no_error (error);
  /* Ada is known, the user is not outside: only Carol is new */
  g_assert_cmpuint (kith_store_meeting_add_people (t->store, outside, own, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_store_meeting_add_people (t->store, outside, own, &error), ==, 0);

  put (t, outside);
  carol_id = kith_store_lookup (t->store, "carol@buyers.example", NULL);
  g_assert_cmpint (carol_id, >, 0);
  carol = kith_store_get_record (t->store, carol_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (carol, "name"), ==, "Carol Buyer");
  g_assert_cmpuint (n_items (t, carol_id), ==, 1);
  g_assert_cmpuint (n_items (t, ada), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/meetings/matched-by-any-address", test_matched_by_any_address);
  g_test_add_func ("/meetings/written-over-and-removed", test_written_over_and_removed);
  g_test_add_func ("/meetings/future-is-no-contact", test_future_is_no_contact);
  g_test_add_func ("/meetings/on-deal-of-participant", test_on_deal_of_participant);
  g_test_add_func ("/meetings/on-deal-named-by-address", test_on_deal_named_by_address);
  g_test_add_func ("/meetings/nobody-known", test_nobody_known);
  g_test_add_func ("/meetings/add-people", test_add_people);

  return g_test_run ();
}
