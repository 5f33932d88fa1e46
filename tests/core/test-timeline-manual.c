/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Calls, texts, meetings and direct messages logged by hand with the people who took part, edited
 * with other people, and notes on a meeting: the typed calls of kith-timeline-manual.c over a
 * store on disk, read back as stored.
 */

#include "kith-test-util.h"
#include "kith-timeline-manual.h"

typedef struct {
  KithTestStore *t;
  gint64         ada, bob, carol;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = kith_test_store_new ();
  f->ada = kith_test_create (f->t, KITH_RECORD_PERSON,
                             "{\"name\": \"Ada Lovelace\", \"emails\": [{\"value\": \"ada@example.com\"}]}");
  f->bob = kith_test_create (f->t, KITH_RECORD_PERSON,
                             "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@example.com\"}]}");
  f->carol = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Carol Seller\"}");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kith_test_store_free (f->t);
}

/* 2026-01-05 10:30 UTC */
#define PAST_DATE G_GINT64_CONSTANT (1767609000000)

/* The records @ids, as the people of an item: "#id" */
static GStrv
refs (const gint64 *ids,
      guint         n)
{
  GStrv out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_strdup_printf ("#%" G_GINT64_FORMAT, ids[i]);

  return out;
}

static gint64
log_item (Fixture          *f,
          KithTimelineItem *item,
          const gint64     *people,
          guint             n,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) values = refs (people, n);

  kith_store_log_item_async (f->t->store, item, (const char * const *) values, kith_test_result_cb, &result);
  return kith_store_log_item_finish (f->t->store, kith_test_wait_result (&result), error);
}

static gboolean
update_item (Fixture          *f,
             KithTimelineItem *item,
             const gint64     *people,
             guint             n,
             GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) values = refs (people, n);

  kith_store_update_logged_item_async (f->t->store, item, (const char * const *) values, kith_test_result_cb, &result);
  return kith_store_update_logged_item_finish (f->t->store, kith_test_wait_result (&result), error);
}

static gint64
add_meeting_note (Fixture     *f,
                  gint64       meeting_id,
                  const char  *text,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kith_store_add_meeting_note_async (f->t->store, meeting_id, text, kith_test_result_cb, &result);
  return kith_store_add_meeting_note_finish (f->t->store, kith_test_wait_result (&result), error);
}

/* Whether item @item_id is on the timeline of @record_id */
static gboolean
on_timeline (Fixture *f,
             gint64   record_id,
             gint64   item_id)
{
  g_autoptr(GPtrArray) items = kith_store_get_timeline (f->t->store, record_id, 0, 100, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (kith_timeline_item_get_id (g_ptr_array_index (items, i)) == item_id)
      return TRUE;

  return FALSE;
}

/* The records item @item names, in the order it names them, as "#id #id" */
static char *
people_of (KithTimelineItem *item)
{
  GListModel *people = kith_timeline_item_get_people (item);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT, out->len > 0 ? " " : "",
                              kith_timeline_person_get_role (person), kith_timeline_person_get_record_id (person));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A call; with @id, the stored call @id as it is to be */
static KithTimelineItem *
call_new (gint64          id,
          const char     *subject,
          KithCallOutcome outcome)
{
  return g_object_new (KITH_TYPE_TIMELINE_ITEM, "id", id, "style", KITH_TIMELINE_STYLE_CALL, "date", PAST_DATE,
                       "subject", subject, "duration", (gint64) 1200,
                       "outcome", outcome, "direction", KITH_DIRECTION_OUTBOUND, NULL);
}

static KithTimelineItem *
new_call (void)
{
  return call_new (0, "The offer", KITH_CALL_OUTCOME_CONNECTED);
}

/* A call logged with two people is on both timelines, as it was given */
static void
test_log_call (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KithTimelineItem) call = new_call ();
  g_autoptr(KithTimelineItem) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *people = NULL, *expected = NULL;
  gint64 both[] = { f->ada, f->bob };
  gint64 id = log_item (f, call, both, 2, &error);

  g_assert_no_error (error);
  stored = kith_store_get_timeline_item (f->t->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_timeline_item_get_style (stored), ==, KITH_TIMELINE_STYLE_CALL);
  g_assert_cmpint (kith_timeline_item_get_date (stored), ==, PAST_DATE);
  g_assert_cmpint (kith_timeline_item_get_duration (stored), ==, 1200);
  g_assert_cmpint (kith_timeline_item_get_outcome (stored), ==, KITH_CALL_OUTCOME_CONNECTED);
  people = people_of (stored);
  expected = g_strdup_printf ("participant:%" G_GINT64_FORMAT " participant:%" G_GINT64_FORMAT, f->ada, f->bob);
  g_assert_cmpstr (people, ==, expected);
  g_assert_true (on_timeline (f, f->ada, id));
  g_assert_true (on_timeline (f, f->bob, id));
  g_assert_false (on_timeline (f, f->carol, id));
}

/* Each kind logged by hand keeps its kind */
static void
test_log_kinds (Fixture       *f,
                gconstpointer  data)
{
  static const KithTimelineStyle kinds[] = {
    KITH_TIMELINE_STYLE_TEXT, KITH_TIMELINE_STYLE_MEETING, KITH_TIMELINE_STYLE_DIRECT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(KithTimelineItem) item = g_object_new (KITH_TYPE_TIMELINE_ITEM, "style", kinds[i],
                                                       "date", PAST_DATE, "body", "Said hello", NULL);
      g_autoptr(KithTimelineItem) stored = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = log_item (f, item, &f->carol, 1, &error);

      g_assert_no_error (error);
      stored = kith_store_get_timeline_item (f->t->store, id, NULL);
      g_assert_cmpint (kith_timeline_item_get_style (stored), ==, kinds[i]);
      g_assert_cmpint (kith_timeline_item_get_date (stored), ==, PAST_DATE);
      g_assert_true (on_timeline (f, f->carol, id));
    }
}

/* Edited with other people, the call leaves the timeline of who no longer took part and
 * joins that of who now did; what else it says changes too */
static void
test_update_people (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(KithTimelineItem) call = new_call ();
  g_autoptr(KithTimelineItem) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 both[] = { f->ada, f->bob };
  gint64 others[] = { f->ada, f->carol };
  gint64 id = log_item (f, call, both, 2, &error);

  g_assert_no_error (error);
  g_clear_object (&call);
  call = call_new (id, "The offer", KITH_CALL_OUTCOME_NO_ANSWER);
  g_object_set (call, "duration", (gint64) 0, NULL);
  g_assert_true (update_item (f, call, others, 2, &error));
  g_assert_no_error (error);

  stored = kith_store_get_timeline_item (f->t->store, id, NULL);
  g_assert_cmpint (kith_timeline_item_get_outcome (stored), ==, KITH_CALL_OUTCOME_NO_ANSWER);
  g_assert_cmpint (kith_timeline_item_get_duration (stored), ==, 0);
  g_assert_true (on_timeline (f, f->ada, id));
  g_assert_false (on_timeline (f, f->bob, id));
  g_assert_true (on_timeline (f, f->carol, id));
}

/* Someone who is not in Kith is refused, and the item stays as it was */
static void
test_update_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KithTimelineItem) call = new_call ();
  g_autoptr(GError) error = NULL;
  gint64 unknown[] = { f->ada, 9999 };
  gint64 id = log_item (f, call, &f->bob, 1, &error);

  g_assert_no_error (error);
  g_clear_object (&call);
  call = call_new (id, "Changed", KITH_CALL_OUTCOME_CONNECTED);
  g_assert_false (update_item (f, call, unknown, 2, &error));
  g_assert_nonnull (error);
  g_assert_true (on_timeline (f, f->bob, id));
  g_assert_false (on_timeline (f, f->ada, id));
  g_clear_object (&call);
  call = kith_store_get_timeline_item (f->t->store, id, NULL);
  g_assert_cmpstr (kith_timeline_item_get_subject (call), ==, "The offer");
}

/* A note on a meeting with two people is on both their timelines, dated as the meeting and
 * in its thread; a note on anything else is refused */
static void
test_meeting_note (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(KithTimelineItem) meeting = g_object_new (KITH_TYPE_TIMELINE_ITEM, "style", KITH_TIMELINE_STYLE_MEETING,
                                                      "date", PAST_DATE, "subject", "Viewing", NULL);
  g_autoptr(KithTimelineItem) call = new_call ();
  g_autoptr(KithTimelineItem) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thread = NULL;
  gint64 both[] = { f->ada, f->bob };
  gint64 meeting_id = log_item (f, meeting, both, 2, &error);
  gint64 call_id = log_item (f, call, both, 2, &error);
  gint64 note_id;

  g_assert_no_error (error);
  note_id = add_meeting_note (f, meeting_id, "They liked the garden", &error);
  g_assert_no_error (error);
  g_assert_true (on_timeline (f, f->ada, note_id));
  g_assert_true (on_timeline (f, f->bob, note_id));
  g_assert_false (on_timeline (f, f->carol, note_id));

  note = kith_store_get_timeline_item (f->t->store, note_id, NULL);
  thread = kith_timeline_meeting_note_thread (meeting_id);
  g_assert_cmpint (kith_timeline_item_get_style (note), ==, KITH_TIMELINE_STYLE_NOTE);
  g_assert_cmpint (kith_timeline_item_get_date (note), ==, PAST_DATE);
  g_assert_cmpstr (kith_timeline_item_get_thread_id (note), ==, thread);
  g_assert_cmpstr (kith_timeline_item_get_body (note), ==, "They liked the garden");

  g_assert_cmpint (add_meeting_note (f, call_id, "Not a meeting", &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
}

static GListModel *
log_people (Fixture *f,
            gint64   record_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *people;

  kith_store_list_log_people_async (f->t->store, record_id, NULL, kith_test_result_cb, &result);
  people = kith_store_list_log_people_finish (f->t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return people;
}

/* What is logged from a deal starts with its people; from a person, with them */
static void
test_log_people (Fixture       *f,
                 gconstpointer  data)
{
  gint64 deal = kith_test_create (f->t, KITH_RECORD_PROJECT,
                                  "{\"name\": \"Loft\", \"participants\": [\"ada@example.com\", \"bob@example.com\"]}");
  g_autoptr(GListModel) of_deal = log_people (f, deal);
  g_autoptr(GListModel) of_carol = log_people (f, f->carol);
  g_autoptr(KithTimelinePerson) first = g_list_model_get_item (of_deal, 0);
  g_autoptr(KithTimelinePerson) carol = g_list_model_get_item (of_carol, 0);

  g_assert_cmpuint (g_list_model_get_n_items (of_deal), ==, 2);
  g_assert_cmpint (kith_timeline_person_get_record_id (first), ==, f->ada);
  g_assert_cmpstr (kith_timeline_person_get_name (first), ==, "Ada Lovelace");
  g_assert_cmpuint (g_list_model_get_n_items (of_carol), ==, 1);
  g_assert_cmpint (kith_timeline_person_get_record_id (carol), ==, f->carol);
}

static KithTimelinePerson *
find_participant (Fixture     *f,
                  const char  *text,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kith_store_find_participant_async (f->t->store, text, NULL, kith_test_result_cb, &result);
  return kith_store_find_participant_finish (f->t->store, kith_test_wait_result (&result), error);
}

/* Someone added by name or email is the person of that name; no one of that name is refused */
static void
test_find_participant (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KithTimelinePerson) by_name = find_participant (f, "Carol Seller", NULL);
  g_autoptr(KithTimelinePerson) by_email = find_participant (f, "bob@example.com", NULL);
  g_autoptr(KithTimelinePerson) nobody = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kith_timeline_person_get_record_id (by_name), ==, f->carol);
  g_assert_cmpstr (kith_timeline_person_get_name (by_email), ==, "Bob Buyer");
  nobody = find_participant (f, "Dora Nobody", &error);
  g_assert_null (nobody);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/timeline-manual/log-call", Fixture, NULL, fixture_set_up, test_log_call, fixture_tear_down);
  g_test_add ("/timeline-manual/log-kinds", Fixture, NULL, fixture_set_up, test_log_kinds, fixture_tear_down);
  g_test_add ("/timeline-manual/update-people", Fixture, NULL, fixture_set_up, test_update_people, fixture_tear_down);
  g_test_add ("/timeline-manual/update-unknown", Fixture, NULL, fixture_set_up, test_update_unknown, fixture_tear_down);
  g_test_add ("/timeline-manual/meeting-note", Fixture, NULL, fixture_set_up, test_meeting_note, fixture_tear_down);
  g_test_add ("/timeline-manual/log-people", Fixture, NULL, fixture_set_up, test_log_people, fixture_tear_down);
  g_test_add ("/timeline-manual/find-participant", Fixture, NULL, fixture_set_up, test_find_participant, fixture_tear_down);

  return g_test_run ();
}
