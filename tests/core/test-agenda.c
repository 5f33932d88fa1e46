/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <sqlite3.h>

#include "kith-statement.h"
#include "kith-test-util.h"

#define DAY_MS G_GINT64_CONSTANT (86400000)

static JsonObject *
agenda (KithTestStore *t,
        const char    *tz_name)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_name ? tz_name : "UTC");
  g_autoptr(GError) error = NULL;
  g_autoptr(KithAgendaModel) model = NULL;

  g_assert_nonnull (tz);
  /* As kith-cli prints it */
  model = kith_agenda_compute_model (t->store, tz, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  return kith_agenda_model_to_json (model);
}

static void
set_now (KithTestStore *t,
         const char    *iso)
{
  t->now = kith_parse_time (iso);
  g_assert_cmpint (t->now, >, 0);
}

static guint
section_length (JsonObject *a,
                const char *section)
{
  return json_array_get_length (json_object_get_array_member (a, section));
}

static gboolean
lists_record (JsonObject *a,
              const char *section,
              gint64      id)
{
  JsonArray *array = json_object_get_array_member (a, section);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_object_get_int_member (json_array_get_object_element (array, i), "recordId") == id)
      return TRUE;

  return FALSE;
}

static void
add_item (KithTestStore *t,
          const char    *json)
{
  g_autoptr(JsonObject) obj = kith_test_json (json);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kith_store_add_timeline_item (t->store, obj, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_todos (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) a = NULL;
  static const char *todos[] = {
    "{\"subject\": \"Overdue\", \"when\": \"2026-11-20\"}",
    "{\"subject\": \"Today\", \"when\": \"2026-11-23\"}",
    "{\"subject\": \"Next week\", \"when\": \"2026-11-30\"}",
    "{\"subject\": \"Later\", \"when\": \"2026-12-24\"}",
    "{\"subject\": \"Someday\", \"when\": \"someday\"}",
  };
  JsonObject *sections;
  gint64 today_id = 0;

  set_now (t, "2026-11-23T07:00:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (todos); i++)
    {
      g_autoptr(JsonObject) obj = kith_test_json (todos[i]);
      gint64 id = kith_store_add_todo (t->store, obj, NULL);

      g_assert_cmpint (id, >, 0);
      if (i == 1)
        today_id = id;
    }

  a = agenda (t, NULL);
  g_assert_cmpstr (json_object_get_string_member (a, "date"), ==, "2026-11-23");
  sections = json_object_get_object_member (a, "todos");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "overdue")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "today")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "upcoming")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "someday")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (sections, "overdue"), 0), "inDays"), ==, -3);

  /* Done leaves the Agenda */
  g_assert_true (kith_store_set_todo_done (t->store, today_id, TRUE, NULL));
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  sections = json_object_get_object_member (a, "todos");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "today")), ==, 0);

  /* "Today" follows the local midnight: at 07:00 UTC it is still the 22nd in Los Angeles */
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, "America/Los_Angeles");
  g_assert_cmpstr (json_object_get_string_member (a, "date"), ==, "2026-11-22");
  sections = json_object_get_object_member (a, "todos");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "overdue")), ==, 1);
  /* the 30th is eight days away there, beyond "upcoming" */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "upcoming")), ==, 0);
}

/* A to-do due at a time of day sits in the section of its day; the last day of the week ahead
 * counts whatever the time */
static void
test_todo_time_of_day (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) a = NULL;
  static const char *todos[] = {
    "{\"subject\": \"Overdue\", \"when\": \"2026-11-20T08:00\"}",
    "{\"subject\": \"Today\", \"when\": \"2026-11-23T15:00\"}",
    "{\"subject\": \"Next week\", \"when\": \"2026-11-30T09:30\"}",
  };
  JsonObject *sections;
  JsonObject *today;

  set_now (t, "2026-11-23T07:00:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (todos); i++)
    {
      g_autoptr(JsonObject) obj = kith_test_json (todos[i]);

      g_assert_cmpint (kith_store_add_todo (t->store, obj, NULL), >, 0);
    }

  a = agenda (t, NULL);
  sections = json_object_get_object_member (a, "todos");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "overdue")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (sections, "overdue"), 0), "inDays"), ==, -3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "today")), ==, 1);
  today = json_array_get_object_element (json_object_get_array_member (sections, "today"), 0);
  g_assert_cmpint (json_object_get_int_member (today, "inDays"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sections, "upcoming")), ==, 1);
}

static void
test_step_reminders (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) a = NULL;
  gint64 ada;

  set_now (t, "2026-11-23T09:00:00Z");
  g_assert_true (kith_relationship_apply_preset (t->store, "business", NULL));
  /* "Send proposal" has a reminder of 3 days */
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"segment\": \"customer\", \"stage\": \"future\", \"step\": \"Send proposal\"}");

  set_now (t, "2026-11-25T09:00:00Z");
  a = agenda (t, NULL);
  g_assert_false (lists_record (a, "reminders", ada));

  set_now (t, "2026-11-26T09:00:00Z");
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  g_assert_true (lists_record (a, "reminders", ada));
  {
    JsonObject *r = json_array_get_object_element (json_object_get_array_member (a, "reminders"), 0);
    g_assert_cmpstr (json_object_get_string_member (r, "stepName"), ==, "Send proposal");
    g_assert_cmpstr (json_object_get_string_member (r, "template"), ==, "Proposal");
    g_assert_cmpstr (json_object_get_string_member (r, "due"), ==, "2026-11-26");
    g_assert_cmpint (json_object_get_int_member (r, "inDays"), ==, 0);
  }

  /* Completing the step (moving to the next) starts the next one's delay: cleared for now */
  {
    g_autoptr(JsonObject) next = kith_test_json ("{\"step\": \"Follow up on proposal\"}");
    g_assert_true (kith_store_update_record (t->store, ada, next, NULL));
  }
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  g_assert_false (lists_record (a, "reminders", ada));

  /* Seven days later the follow-up is due; moving stage clears it */
  set_now (t, "2026-12-03T10:00:00Z");
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  g_assert_true (lists_record (a, "reminders", ada));
  {
    g_autoptr(JsonObject) won = kith_test_json ("{\"stage\": \"current\"}");
    g_assert_true (kith_store_update_record (t->store, ada, won, NULL));
  }
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  g_assert_false (lists_record (a, "reminders", ada));
}

static void
test_birthdays_and_anniversaries (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(KithFieldDefinition) field =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Closing date", "field-type", "date", "remind-yearly", TRUE, NULL);
  JsonArray *occasions;
  gint64 leap, plain, wedding, closing;

  g_assert_cmpint (kith_fields_add (t->store, field, NULL), >, 0);
  leap = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Leap Baby\", \"birthday\": \"2000-02-29\"}");
  plain = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"No Year\", \"birthday\": \"--03-05\"}");
  wedding = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Married\", \"anniversaries\": [{\"label\": \"Wedding\", \"date\": \"2010-03-01\"}]}");
  closing = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Buyer\", \"customFields\": [{\"id\": \"closing_date\", \"value\": \"2024-03-10\"}]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Far Away\", \"birthday\": \"1990-06-01\"}");

  /* 2027 is not a leap year: 29 February is celebrated on the 28th */
  set_now (t, "2027-02-25T12:00:00Z");
  a = agenda (t, NULL);
  occasions = json_object_get_array_member (a, "occasions");
  g_assert_cmpuint (json_array_get_length (occasions), ==, 4);
  {
    JsonObject *o = json_array_get_object_element (occasions, 0);
    g_assert_cmpint (json_object_get_int_member (o, "recordId"), ==, leap);
    g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2027-02-28");
    g_assert_cmpint (json_object_get_int_member (o, "years"), ==, 27);
    g_assert_cmpint (json_object_get_int_member (o, "inDays"), ==, 3);

    o = json_array_get_object_element (occasions, 1);
    g_assert_cmpint (json_object_get_int_member (o, "recordId"), ==, wedding);
    g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, "Wedding");
    g_assert_cmpint (json_object_get_int_member (o, "years"), ==, 17);

    o = json_array_get_object_element (occasions, 2);
    g_assert_cmpint (json_object_get_int_member (o, "recordId"), ==, plain);
    g_assert_false (json_object_has_member (o, "years"));

    o = json_array_get_object_element (occasions, 3);
    g_assert_cmpint (json_object_get_int_member (o, "recordId"), ==, closing);
    g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, "Closing date");
  }

  /* In a leap year it is the 29th */
  set_now (t, "2028-02-27T12:00:00Z");
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  occasions = json_object_get_array_member (a, "occasions");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (occasions, 0), "date"), ==, "2028-02-29");

  /* The window is a setting */
  g_assert_true (kith_store_set_setting (t->store, "agenda-occasion-days", "3", NULL));
  set_now (t, "2027-02-25T12:00:00Z");
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  g_assert_cmpuint (section_length (a, "occasions"), ==, 1);
}

static void
test_stay_in_touch (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) a = NULL;
  gint64 customer, recent, patient, muted, partner;
  JsonArray *people;

  set_now (t, "2026-01-01T09:00:00Z");
  g_assert_true (kith_relationship_apply_preset (t->store, "business", NULL));
  /* customers 30 days, partners 90 */
  customer = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Customer\", \"segment\": \"customer\", \"emails\": [\"c@x.example\"]}");
  recent = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Recent\", \"segment\": \"customer\", \"emails\": [\"r@x.example\"]}");
  patient = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Patient\", \"segment\": \"customer\", \"cadence\": 60, \"emails\": [\"p@x.example\"]}");
  muted = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Muted\", \"segment\": \"customer\", \"cadence\": 0}");
  partner = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Partner\", \"segment\": \"partner\"}");

  add_item (t, "{\"style\": \"email\", \"date\": \"2026-01-10T09:00:00Z\", \"from\": \"c@x.example\", \"direction\": \"inbound\"}");
  add_item (t, "{\"style\": \"call\", \"date\": \"2026-01-20T09:00:00Z\", \"participants\": [\"p@x.example\"]}");
  add_item (t, "{\"style\": \"meeting\", \"date\": \"2026-02-01T09:00:00Z\", \"participants\": [\"r@x.example\"]}");
  /* Notes are not contact */
  add_item (t, "{\"style\": \"note\", \"date\": \"2026-02-10T09:00:00Z\", \"references\": [\"c@x.example\"]}");

  set_now (t, "2026-02-15T09:00:00Z");
  a = agenda (t, NULL);
  people = json_object_get_array_member (a, "stayInTouch");
  /* customer: last contact 36 days ago, cadence 30; the others are within theirs */
  g_assert_cmpuint (json_array_get_length (people), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (people, 0), "recordId"), ==, customer);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (people, 0), "overdueDays"), ==, 6);

  /* Later: most overdue first; the muted one never; a text counts as contact */
  add_item (t, "{\"style\": \"text\", \"date\": \"2026-04-01T09:00:00Z\", \"from\": \"r@x.example\"}");
  set_now (t, "2026-04-20T09:00:00Z");
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  people = json_object_get_array_member (a, "stayInTouch");
  g_assert_false (lists_record (a, "stayInTouch", muted));
  g_assert_false (lists_record (a, "stayInTouch", recent));
  g_assert_true (lists_record (a, "stayInTouch", partner));
  g_assert_true (lists_record (a, "stayInTouch", patient));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (people, 0), "recordId"), ==, customer);

  /* The segment's cadence is a setting */
  g_assert_true (kith_relationship_set_cadence (t->store, "partner", 365, NULL));
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  g_assert_false (lists_record (a, "stayInTouch", partner));
}

static void
test_needs_reply_and_meetings (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) a = NULL;
  gint64 ada;

  set_now (t, "2026-11-20T09:00:00Z");
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  add_item (t, "{\"style\": \"email\", \"date\": \"2026-11-21T09:00:00Z\", \"from\": \"ada@acme.com\","
               " \"direction\": \"inbound\", \"messageid\": \"<q1@acme.com>\", \"subject\": \"Question\"}");
  add_item (t, "{\"style\": \"email\", \"date\": \"2026-11-22T09:00:00Z\", \"from\": \"stranger@else.example\","
               " \"direction\": \"inbound\", \"messageid\": \"<spam@else.example>\", \"subject\": \"Spam\"}");
  add_item (t, "{\"style\": \"meeting\", \"date\": \"2026-11-23T23:30:00Z\", \"participants\": [\"ada@acme.com\"], \"subject\": \"Late call\"}");
  add_item (t, "{\"style\": \"meeting\", \"date\": \"2026-11-24T15:00:00Z\", \"participants\": [\"ada@acme.com\"], \"subject\": \"Tomorrow\"}");

  set_now (t, "2026-11-23T12:00:00Z");
  a = agenda (t, NULL);
  g_assert_cmpuint (section_length (a, "needsReply"), ==, 1);
  g_assert_true (lists_record (a, "needsReply", ada));
  g_assert_cmpuint (section_length (a, "meetings"), ==, 1);

  /* In New York the late call is still on the 23rd, so is "today"; in Berlin it is tomorrow */
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, "Europe/Berlin");
  g_assert_cmpuint (section_length (a, "meetings"), ==, 0);

  /* A reply in the thread clears it */
  add_item (t, "{\"style\": \"email\", \"date\": \"2026-11-23T10:00:00Z\", \"from\": \"me@kith.example\","
               " \"recipients\": [\"ada@acme.com\"], \"direction\": \"outbound\", \"threadid\": \"<q1@acme.com>\","
               " \"messageid\": \"<a1@kith.example>\", \"subject\": \"Re: Question\"}");
  g_clear_pointer (&a, json_object_unref);
  a = agenda (t, NULL);
  g_assert_cmpuint (section_length (a, "needsReply"), ==, 0);
}

static void
test_bad_date (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (kith_agenda_compute_model (t->store, NULL, "2026-02-30", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
}

static guint
take (KithTestStore *t)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) taken = kith_agenda_take_notifications (t->store, utc, &error);

  g_assert_no_error (error);
  return taken->len;
}

static void
test_notifications_once (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 todo;

  set_now (t, "2026-11-20T09:00:00Z");
  g_assert_true (kith_relationship_apply_preset (t->store, "business", NULL));
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"segment\": \"customer\", \"step\": \"Send introduction\"}");
  {
    g_autoptr(JsonObject) obj = kith_test_json ("{\"subject\": \"Call Ada\", \"when\": \"2026-11-21\"}");
    todo = kith_store_add_todo (t->store, obj, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (take (t), ==, 0);

  /* The computer was off on the 21st and 22nd: both come up once at the next start… */
  set_now (t, "2026-11-23T08:00:00Z");
  g_assert_cmpuint (take (t), ==, 2);
  g_assert_cmpuint (take (t), ==, 0);

  /* … and not again after a restart */
  g_clear_object (&t->store);
  t->store = kith_store_open (t->path, &error);
  g_assert_no_error (error);
  kith_store_set_clock (t->store, kith_test_clock, t);
  g_assert_cmpuint (take (t), ==, 0);

  /* Snoozed for an hour: back after the hour, once */
  g_assert_true (kith_agenda_snooze_notification (t->store, "todo", todo, "2026-11-21", t->now + 3600 * 1000, &error));
  set_now (t, "2026-11-23T08:30:00Z");
  g_assert_cmpuint (take (t), ==, 0);
  set_now (t, "2026-11-23T09:01:00Z");
  g_assert_cmpuint (take (t), ==, 1);
  g_assert_cmpuint (take (t), ==, 0);

  /* Moved to another day, it is a new reminder on that day */
  {
    g_autoptr(JsonObject) moved = kith_test_json ("{\"subject\": \"Call Ada\", \"when\": \"2026-11-25\"}");
    g_autoptr(JsonObject) obj = kith_test_json ("{\"subject\": \"Call Ada\", \"when\": \"2026-11-25\", \"source\": \"x.example\", \"uniqueid\": \"1\"}");
    g_assert_cmpint (kith_store_add_todo (t->store, obj, &error), >, 0);
    (void) moved;
  }
  set_now (t, "2026-11-25T07:00:00Z");
  g_assert_cmpuint (take (t), ==, 1);
}

static gint64
add_todo (KithTestStore *t,
          const char    *json)
{
  g_autoptr(JsonObject) obj = kith_test_json (json);
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_add_todo (t->store, obj, &error);

  g_assert_no_error (error);
  return id;
}

static KithAgendaModel *
agenda_model (KithTestStore *t)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  KithAgendaModel *model = kith_agenda_compute_model (t->store, utc, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static KithAgendaEntry *
entry_at (KithAgendaModel       *model,
          KithAgendaSectionKind  section,
          guint                  position)
{
  return g_list_model_get_item (G_LIST_MODEL (kith_agenda_model_get_section (model, section)), position);
}

static guint
n_in (KithAgendaModel       *model,
      KithAgendaSectionKind  section)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kith_agenda_model_get_section (model, section)));
}

/* The Agenda as sections of typed entries, in the order shown */
static void
test_model_sections (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithAgendaEntry) call = NULL;
  g_autoptr(KithAgendaEntry) someday = NULL;
  g_autoptr(KithAgendaEntry) birthday = NULL;
  gint64 ada;

  set_now (t, "2026-11-20T09:00:00Z");
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"birthday\": \"1990-11-23\"}");
  {
    g_autofree char *json = g_strdup_printf ("{\"subject\": \"Call Ada\", \"when\": \"2026-11-20\", "
                                             "\"participants\": [\"#%" G_GINT64_FORMAT "\"]}", ada);

    add_todo (t, json);
  }
  add_todo (t, "{\"subject\": \"Read the book\"}");
  model = agenda_model (t);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, KITH_AGENDA_N_SECTIONS);
  g_assert_cmpstr (kith_agenda_model_get_date (model), ==, "2026-11-20");
  g_assert_cmpuint (kith_agenda_model_get_count (model), ==, 1);
  g_assert_cmpuint (kith_agenda_model_get_total (model), ==, 3);

  call = entry_at (model, KITH_AGENDA_SECTION_TODAY, 0);
  g_assert_cmpint (kith_agenda_entry_get_kind (call), ==, KITH_AGENDA_ENTRY_TODO);
  g_assert_cmpstr (kith_agenda_entry_get_title (call), ==, "Call Ada");
  g_assert_cmpstr (kith_agenda_entry_get_day (call), ==, "2026-11-20");
  g_assert_cmpint (kith_agenda_entry_get_in_days (call), ==, 0);
  g_assert_cmpint (kith_agenda_entry_get_record_id (call), ==, ada);
  g_assert_cmpstr (kith_agenda_entry_get_people (call)[0], ==, "Ada");
  g_assert_true (kith_agenda_model_find_todo (model, kith_agenda_entry_get_id (call)) == call);

  someday = entry_at (model, KITH_AGENDA_SECTION_SOMEDAY, 0);
  g_assert_null (kith_agenda_entry_get_day (someday));
  g_assert_cmpint (kith_agenda_entry_get_record_id (someday), ==, 0);

  birthday = entry_at (model, KITH_AGENDA_SECTION_OCCASIONS, 0);
  g_assert_cmpint (kith_agenda_entry_get_kind (birthday), ==, KITH_AGENDA_ENTRY_OCCASION);
  g_assert_cmpstr (kith_agenda_entry_get_detail (birthday), ==, "Birthday");
  g_assert_cmpint (kith_agenda_entry_get_years (birthday), ==, 36);
  g_assert_cmpint (kith_agenda_entry_get_in_days (birthday), ==, 3);
}

/* A section shows its first 200 to-dos in the order they are due; a full one leaves the others
 * theirs */
static void
test_model_section_limit (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithAgendaEntry) first = NULL;
  g_autoptr(KithAgendaEntry) last = NULL;

  set_now (t, "2026-11-20T09:00:00Z");
  kith_store_begin (t->store, NULL);
  for (guint i = 0; i < 250; i++)
    {
      /* Overdue, from 250 days back, added newest first */
      g_autoptr(GDateTime) day = g_date_time_new_utc (2026, 11, 19, 12, 0, 0);
      g_autoptr(GDateTime) due = g_date_time_add_days (day, - (gint) i);
      g_autofree char *when = g_date_time_format (due, "%Y-%m-%d");
      g_autofree char *json = g_strdup_printf ("{\"subject\": \"Overdue %u\", \"when\": \"%s\"}", i, when);

      add_todo (t, json);
    }
  for (guint i = 0; i < 210; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"subject\": \"Someday %u\"}", i);

      add_todo (t, json);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"subject\": \"Today %u\", \"when\": \"2026-11-20\"}", i);

      add_todo (t, json);
    }
  g_assert_true (kith_store_commit (t->store, NULL));
  model = agenda_model (t);

  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_OVERDUE), ==, 200);
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_TODAY), ==, 3);
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_SOMEDAY), ==, 200);
  first = entry_at (model, KITH_AGENDA_SECTION_OVERDUE, 0);
  last = entry_at (model, KITH_AGENDA_SECTION_OVERDUE, 199);
  g_assert_cmpstr (kith_agenda_entry_get_title (first), ==, "Overdue 249");
  g_assert_cmpstr (kith_agenda_entry_get_title (last), ==, "Overdue 50");
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

/* Computing again changes only what changed: a to-do done is one row gone, undone one row back,
 * and the entries that stay are the same objects */
static void
test_model_update_in_place (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) shown = kith_agenda_model_new (NULL);
  g_autoptr(KithAgendaEntry) first = NULL;
  g_autoptr(KithAgendaEntry) third = NULL;
  KithAgendaSection *today = kith_agenda_model_get_section (shown, KITH_AGENDA_SECTION_TODAY);
  Change change = { 0 };
  gint64 second;

  set_now (t, "2026-11-20T09:00:00Z");
  add_todo (t, "{\"subject\": \"One\", \"when\": \"2026-11-20\"}");
  second = add_todo (t, "{\"subject\": \"Two\", \"when\": \"2026-11-20\"}");
  add_todo (t, "{\"subject\": \"Three\", \"when\": \"2026-11-20\"}");
  {
    g_autoptr(KithAgendaModel) computed = agenda_model (t);

    g_assert_false (kith_agenda_model_get_loaded (shown));
    kith_agenda_model_update (shown, computed);
  }
  g_assert_true (kith_agenda_model_get_loaded (shown));
  g_assert_cmpuint (n_in (shown, KITH_AGENDA_SECTION_TODAY), ==, 3);
  first = entry_at (shown, KITH_AGENDA_SECTION_TODAY, 0);
  third = entry_at (shown, KITH_AGENDA_SECTION_TODAY, 2);

  g_signal_connect (today, "items-changed", G_CALLBACK (on_items_changed_cb), &change);
  g_assert_true (kith_store_set_todo_done (t->store, second, TRUE, NULL));
  {
    g_autoptr(KithAgendaModel) computed = agenda_model (t);

    kith_agenda_model_update (shown, computed);
  }
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);

  memset (&change, 0, sizeof change);
  g_assert_true (kith_store_set_todo_done (t->store, second, FALSE, NULL));
  {
    g_autoptr(KithAgendaModel) computed = agenda_model (t);

    kith_agenda_model_update (shown, computed);
  }
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  /* Nothing changed: nothing happens, and the entries are the ones shown before */
  memset (&change, 0, sizeof change);
  {
    g_autoptr(KithAgendaModel) computed = agenda_model (t);
    g_autoptr(KithAgendaEntry) still_first = NULL;
    g_autoptr(KithAgendaEntry) still_third = NULL;

    kith_agenda_model_update (shown, computed);
    still_first = entry_at (shown, KITH_AGENDA_SECTION_TODAY, 0);
    still_third = entry_at (shown, KITH_AGENDA_SECTION_TODAY, 2);
    g_assert_true (still_first == first);
    g_assert_true (still_third == third);
  }
  g_assert_cmpuint (change.calls, ==, 0);

  /* Rescheduled to tomorrow: it leaves Today and comes into Upcoming, the same entry updated */
  g_assert_true (kith_store_reschedule_todo (t->store, kith_agenda_entry_get_id (first), "2026-11-21", NULL));
  {
    g_autoptr(KithAgendaModel) computed = agenda_model (t);
    g_autoptr(KithAgendaEntry) upcoming = NULL;

    kith_agenda_model_update (shown, computed);
    upcoming = entry_at (shown, KITH_AGENDA_SECTION_UPCOMING, 0);
    g_assert_cmpstr (kith_agenda_entry_get_day (upcoming), ==, "2026-11-21");
    g_assert_cmpint (kith_agenda_entry_get_in_days (upcoming), ==, 1);
  }
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (n_in (shown, KITH_AGENDA_SECTION_TODAY), ==, 2);
}

/* Meetings and mail waiting for a reply as typed entries: who, what, when, and what they open */
static void
test_model_meetings_and_replies (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithAgendaEntry) meeting = NULL;
  g_autoptr(KithAgendaEntry) reply = NULL;
  gint64 ada;

  set_now (t, "2026-11-20T09:00:00Z");
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  add_item (t, "{\"style\": \"email\", \"date\": \"2026-11-23T09:00:00Z\", \"from\": \"ada@acme.com\","
               " \"direction\": \"inbound\", \"messageid\": \"<q1@acme.com>\", \"subject\": \"Question\"}");
  add_item (t, "{\"style\": \"meeting\", \"date\": \"2026-11-23T15:00:00Z\", \"participants\": [\"ada@acme.com\"],"
               " \"subject\": \"Viewing\", \"location\": \"Main Street 1\"}");
  set_now (t, "2026-11-23T12:00:00Z");
  model = agenda_model (t);

  meeting = entry_at (model, KITH_AGENDA_SECTION_MEETINGS, 0);
  g_assert_cmpint (kith_agenda_entry_get_kind (meeting), ==, KITH_AGENDA_ENTRY_MEETING);
  g_assert_cmpstr (kith_agenda_entry_get_title (meeting), ==, "Viewing");
  g_assert_cmpstr (kith_agenda_entry_get_detail (meeting), ==, "Main Street 1");
  g_assert_cmpint (kith_agenda_entry_get_time (meeting), ==, kith_parse_time ("2026-11-23T15:00:00Z"));
  g_assert_cmpstr (kith_agenda_entry_get_people (meeting)[0], ==, "Ada");
  g_assert_null (kith_agenda_entry_get_people (meeting)[1]);
  g_assert_cmpint (kith_agenda_entry_get_record_id (meeting), ==, ada);

  reply = entry_at (model, KITH_AGENDA_SECTION_NEEDS_REPLY, 0);
  g_assert_cmpint (kith_agenda_entry_get_kind (reply), ==, KITH_AGENDA_ENTRY_NEEDS_REPLY);
  g_assert_cmpstr (kith_agenda_entry_get_title (reply), ==, "Ada");
  g_assert_cmpstr (kith_agenda_entry_get_detail (reply), ==, "Question");
  g_assert_cmpint (kith_agenda_entry_get_record_id (reply), ==, ada);
}

/* Each to-do section is read on its own and stops at 200: a due time of day keeps a to-do in
 * its day's section, the week's last day with a time is still upcoming, the day after is not */
static void
test_todo_sections_at_the_limit (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithAgendaEntry) first_today = NULL;
  g_autoptr(KithAgendaEntry) last_today = NULL;
  g_autoptr(KithAgendaEntry) first_upcoming = NULL;
  g_autoptr(KithAgendaEntry) last_upcoming = NULL;
  g_autoptr(KithAgendaEntry) overdue = NULL;

  set_now (t, "2026-11-23T07:00:00Z");
  kith_store_begin (t->store, NULL);
  /* Timed to-dos of today, the latest added first, then five without a time */
  for (guint i = 0; i < 205; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"subject\": \"Today %03u\", \"when\": \"2026-11-23T%02u:%02u\"}",
                                               204 - i, (204 - i) / 60, (204 - i) % 60);

      add_todo (t, json);
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"subject\": \"Today untimed %u\", \"when\": \"2026-11-23\"}", i);

      add_todo (t, json);
    }
  add_todo (t, "{\"subject\": \"Late yesterday\", \"when\": \"2026-11-22T23:59\"}");
  add_todo (t, "{\"subject\": \"Week's end\", \"when\": \"2026-11-30T23:59\"}");
  add_todo (t, "{\"subject\": \"After the week\", \"when\": \"2026-12-01\"}");
  add_todo (t, "{\"subject\": \"Tomorrow at midnight\", \"when\": \"2026-11-24T00:00\"}");
  g_assert_true (kith_store_commit (t->store, NULL));
  model = agenda_model (t);

  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_OVERDUE), ==, 1);
  overdue = entry_at (model, KITH_AGENDA_SECTION_OVERDUE, 0);
  g_assert_cmpstr (kith_agenda_entry_get_title (overdue), ==, "Late yesterday");
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_TODAY), ==, 200);
  first_today = entry_at (model, KITH_AGENDA_SECTION_TODAY, 0);
  last_today = entry_at (model, KITH_AGENDA_SECTION_TODAY, 199);
  g_assert_cmpstr (kith_agenda_entry_get_title (first_today), ==, "Today untimed 0");
  g_assert_cmpstr (kith_agenda_entry_get_title (last_today), ==, "Today 194");
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_UPCOMING), ==, 2);
  first_upcoming = entry_at (model, KITH_AGENDA_SECTION_UPCOMING, 0);
  last_upcoming = entry_at (model, KITH_AGENDA_SECTION_UPCOMING, 1);
  g_assert_cmpstr (kith_agenda_entry_get_title (first_upcoming), ==, "Tomorrow at midnight");
  g_assert_cmpstr (kith_agenda_entry_get_title (last_upcoming), ==, "Week's end");
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_SOMEDAY), ==, 0);
}

/* With more than 200 occasions in the window, the first 200 by day, then name: the whole of the
 * first day, then the next day's by name (not by when they were added), its anniversaries and
 * yearly custom dates among them, and nothing of the days after */
static void
test_occasions_at_the_limit (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithFieldDefinition) field =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Closing date", "field-type", "date", "remind-yearly", TRUE, NULL);
  g_autoptr(KithAgendaEntry) last_of_today = NULL;
  g_autoptr(KithAgendaEntry) wedding = NULL;
  g_autoptr(KithAgendaEntry) closing = NULL;
  g_autoptr(KithAgendaEntry) last = NULL;

  set_now (t, "2027-03-01T12:00:00Z");
  g_assert_cmpint (kith_fields_add (t->store, field, NULL), >, 0);
  kith_store_begin (t->store, NULL);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Today %03u\", \"birthday\": \"1980-03-01\"}", i);

      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  /* Tomorrow's, added in the reverse order of their names */
  for (guint i = 0; i < 120; i++)
    {
      guint n = 119 - i;
      g_autofree char *json = NULL;

      if (n == 5)
        json = g_strdup ("{\"name\": \"Tomorrow 005\", \"anniversaries\": [{\"label\": \"Wedding\", \"date\": \"2010-03-02\"}]}");
      else if (n == 7)
        json = g_strdup ("{\"name\": \"Tomorrow 007\", \"customFields\": [{\"id\": \"closing_date\", \"value\": \"2024-03-02\"}]}");
      else
        json = g_strdup_printf ("{\"name\": \"Tomorrow %03u\", \"birthday\": \"1981-03-02\"}", n);
      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"After %03u\", \"birthday\": \"--03-03\"}", i);

      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Today 999\", \"birthday\": \"--03-01\"}");
  g_assert_true (kith_store_commit (t->store, NULL));
  model = agenda_model (t);

  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_OCCASIONS), ==, 200);
  last_of_today = entry_at (model, KITH_AGENDA_SECTION_OCCASIONS, 120);
  g_assert_cmpstr (kith_agenda_entry_get_title (last_of_today), ==, "Today 999");
  wedding = entry_at (model, KITH_AGENDA_SECTION_OCCASIONS, 121 + 5);
  g_assert_cmpstr (kith_agenda_entry_get_title (wedding), ==, "Tomorrow 005");
  g_assert_cmpstr (kith_agenda_entry_get_detail (wedding), ==, "Wedding");
  closing = entry_at (model, KITH_AGENDA_SECTION_OCCASIONS, 121 + 7);
  g_assert_cmpstr (kith_agenda_entry_get_title (closing), ==, "Tomorrow 007");
  g_assert_cmpstr (kith_agenda_entry_get_detail (closing), ==, "Closing date");
  last = entry_at (model, KITH_AGENDA_SECTION_OCCASIONS, 199);
  g_assert_cmpstr (kith_agenda_entry_get_title (last), ==, "Tomorrow 078");
  g_assert_cmpint (kith_agenda_entry_get_in_days (last), ==, 1);
}

/* Adds @n people named @prefix and a number, each on @cadence_json, the first added last in
 * contact: the order they fell due is the reverse of their ids, all on the same day */
static void
add_due_people (KithTestStore *t,
                const char    *prefix,
                guint          n,
                const char    *cadence_json,
                gint64         since)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s %03u\", %s}", prefix, i, cadence_json);

      t->now = since + (gint64) (n - i) * 60000;
      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
}

static void
assert_stay_in_touch (KithAgendaModel *model,
                      guint            position,
                      const char      *title,
                      int              overdue_days)
{
  g_autoptr(KithAgendaEntry) entry = entry_at (model, KITH_AGENDA_SECTION_STAY_IN_TOUCH, position);

  g_assert_cmpstr (kith_agenda_entry_get_title (entry), ==, title);
  g_assert_cmpint (kith_agenda_entry_get_overdue_days (entry), ==, overdue_days);
}

/* With more than 200 people to stay in touch with, the 200 most overdue by days, then by id,
 * though the people of one day fell due in another order, whether on their own cadence or on
 * their segment's */
static void
test_stay_in_touch_at_the_limit (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  gint64 now;

  set_now (t, "2026-03-01T12:00:00Z");
  now = t->now;
  /* customers 30 days */
  g_assert_true (kith_relationship_apply_preset (t->store, "business", NULL));
  kith_store_begin (t->store, NULL);
  add_due_people (t, "Own", 210, "\"cadence\": 30", now - 40 * DAY_MS - DAY_MS / 2);
  add_due_people (t, "Customer", 250, "\"segment\": \"customer\"", now - 45 * DAY_MS - DAY_MS / 2);
  add_due_people (t, "Most overdue", 10, "\"cadence\": 30", now - 50 * DAY_MS - DAY_MS / 2);
  add_due_people (t, "Lost", 5, "\"segment\": \"customer\", \"stage\": \"out\"", now - 60 * DAY_MS - DAY_MS / 2);
  add_due_people (t, "Muted", 5, "\"segment\": \"customer\", \"cadence\": 0", now - 60 * DAY_MS - DAY_MS / 2);
  g_assert_true (kith_store_commit (t->store, NULL));
  t->now = now;

  model = agenda_model (t);
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_STAY_IN_TOUCH), ==, 200);
  assert_stay_in_touch (model, 0, "Most overdue 000", 20);
  assert_stay_in_touch (model, 9, "Most overdue 009", 20);
  assert_stay_in_touch (model, 10, "Customer 000", 15);
  assert_stay_in_touch (model, 199, "Customer 189", 15);
  g_clear_object (&model);

  /* Customers now 5 days overdue: those on their own cadence come before them */
  g_assert_true (kith_relationship_set_cadence (t->store, "customer", 40, NULL));
  model = agenda_model (t);
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_STAY_IN_TOUCH), ==, 200);
  assert_stay_in_touch (model, 9, "Most overdue 009", 20);
  assert_stay_in_touch (model, 10, "Own 000", 10);
  assert_stay_in_touch (model, 199, "Own 189", 10);
}

/* Adds a person of @segment_json last in touch (created) at @since */
static void
add_person_since (KithTestStore *t,
                  const char    *name,
                  const char    *segment_json,
                  gint64         since)
{
  g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\", %s}", name, segment_json);

  t->now = since;
  kith_test_create (t, KITH_RECORD_PERSON, json);
}

/* When more than 200 fell due on the day the 200th did, the first of that day by id, that day
 * taken to the millisecond: one a whole day more overdue comes before them, one who falls due
 * at the end of today is not due yet, and one who fell due at the very start of that day but
 * came later by id is left out */
static void
test_stay_in_touch_day_edges (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  const char *customer = "\"segment\": \"customer\"";
  gint64 now;
  gint64 bound;

  set_now (t, "2026-03-01T12:00:00Z");
  now = t->now;
  /* Tomorrow's midnight (UTC) less the customers' 30 days: those last in touch before it are due */
  bound = kith_parse_time ("2026-03-02T00:00:00Z") - 30 * DAY_MS;
  g_assert_true (kith_relationship_apply_preset (t->store, "business", NULL));
  kith_store_begin (t->store, NULL);
  add_person_since (t, "Not yet", customer, bound);
  add_person_since (t, "A day more", customer, bound - DAY_MS);
  for (guint i = 0; i < 205; i++)
    {
      g_autofree char *name = g_strdup_printf ("Today %03u", i);

      add_person_since (t, name, customer, bound - 1 - (gint64) i * 60000);
    }
  add_person_since (t, "Start of the day", customer, bound - DAY_MS + 1);
  g_assert_true (kith_store_commit (t->store, NULL));
  t->now = now;

  model = agenda_model (t);
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_STAY_IN_TOUCH), ==, 200);
  assert_stay_in_touch (model, 0, "A day more", 1);
  assert_stay_in_touch (model, 1, "Today 000", 0);
  assert_stay_in_touch (model, 199, "Today 198", 0);
}

/* Sets the counts of full-table-scan steps of the store's cached statements back to zero, or
 * with @check, asserts each made fewer than @most since */
static void
full_scan_steps (KithStore *store,
                 gboolean   check,
                 int        most)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  sqlite3 *db;

  kith_store_lock (store);
  g_assert_true (kith_statement_prepare (&st, store, "SELECT 1", NULL));
  db = sqlite3_db_handle (st.stmt);
  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    {
      int steps = sqlite3_stmt_status (s, SQLITE_STMTSTATUS_FULLSCAN_STEP, !check);

      if (check && steps >= most)
        g_error ("%d steps of full table scans by %s", steps, sqlite3_sql (s));
    }
  kith_statement_clear (&st);
  kith_store_unlock (store);
}

/* A store that grew since Kith last closed has no statistics for SQLite's planner (Kith runs
 * PRAGMA optimize as it closes), and then SQLite guesses the order of a join. The Agenda's
 * statements read what they show through indexes all the same: none walks every person, value,
 * to-do or item (it read every custom value once a day of the fortnight: a second at a
 * million people). The small tables (segments, steps, custom fields) may be read whole */
static void
test_no_full_scans_without_statistics (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(KithFieldDefinition) field =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Closing date", "field-type", "date", "remind-yearly", TRUE, NULL);
  const guint n = 300;

  set_now (t, "2026-11-20T09:00:00Z");
  g_assert_true (kith_relationship_apply_preset (t->store, "business", NULL));
  g_assert_cmpint (kith_fields_add (t->store, field, NULL), >, 0);
  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"name\": \"Person %03u\", \"emails\": [\"p%03u@example.com\"], "
                         "\"birthday\": \"1980-%02u-%02u\", \"segment\": \"customer\", \"stage\": \"future\", "
                         "\"step\": \"Send proposal\", \"anniversaries\": [{\"label\": \"Wedding\", \"date\": \"2010-%02u-%02u\"}], "
                         "\"customFields\": [{\"id\": \"closing_date\", \"value\": \"2024-%02u-%02u\"}]}",
                         i, i, 1 + i % 12, 1 + i % 28, 1 + (i + 3) % 12, 1 + i % 28, 1 + (i + 6) % 12, 1 + i % 28);
      g_autofree char *call = g_strdup_printf ("{\"subject\": \"Call %03u\", \"when\": \"2026-%02u-%02u\"}",
                                               i, 1 + i % 12, 1 + i % 28);
      g_autofree char *mail =
        g_strdup_printf ("{\"style\": \"email\", \"date\": \"2026-%02u-%02uT09:00:00Z\", \"from\": \"p%03u@example.com\", "
                         "\"direction\": \"inbound\", \"messageid\": \"<m%03u@example.com>\", \"subject\": \"Question\"}",
                         1 + i % 12, 1 + i % 28, i, i);
      g_autofree char *meeting =
        g_strdup_printf ("{\"style\": \"meeting\", \"date\": \"2026-%02u-%02uT15:00:00Z\", "
                         "\"participants\": [\"p%03u@example.com\"], \"subject\": \"Visit\"}", 1 + i % 12, 1 + i % 28, i);

      kith_test_create (t, KITH_RECORD_PERSON, json);
      add_todo (t, call);
      add_item (t, mail);
      add_item (t, meeting);
    }
  g_assert_true (kith_store_commit (t->store, NULL));

  set_now (t, "2026-12-03T09:00:00Z");
  full_scan_steps (t->store, FALSE, 0);
  model = agenda_model (t);
  /* Something of each kind is shown */
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_OCCASIONS), >, 0);
  g_assert_cmpuint (n_in (model, KITH_AGENDA_SECTION_REMINDERS), >, 0);
  full_scan_steps (t->store, TRUE, n / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agenda/todos", test_todos);
  g_test_add_func ("/agenda/todo-time-of-day", test_todo_time_of_day);
  g_test_add_func ("/agenda/step-reminders", test_step_reminders);
  g_test_add_func ("/agenda/birthdays-and-anniversaries", test_birthdays_and_anniversaries);
  g_test_add_func ("/agenda/stay-in-touch", test_stay_in_touch);
  g_test_add_func ("/agenda/needs-reply-and-meetings", test_needs_reply_and_meetings);
  g_test_add_func ("/agenda/bad-date", test_bad_date);
  g_test_add_func ("/agenda/notifications-once", test_notifications_once);
  g_test_add_func ("/agenda/model-sections", test_model_sections);
  g_test_add_func ("/agenda/model-section-limit", test_model_section_limit);
  g_test_add_func ("/agenda/model-update-in-place", test_model_update_in_place);
  g_test_add_func ("/agenda/model-meetings-and-replies", test_model_meetings_and_replies);
  g_test_add_func ("/agenda/todo-sections-at-the-limit", test_todo_sections_at_the_limit);
  g_test_add_func ("/agenda/occasions-at-the-limit", test_occasions_at_the_limit);
  g_test_add_func ("/agenda/stay-in-touch-at-the-limit", test_stay_in_touch_at_the_limit);
  g_test_add_func ("/agenda/stay-in-touch-day-edges", test_stay_in_touch_day_edges);
  g_test_add_func ("/agenda/no-full-scans-without-statistics", test_no_full_scans_without_statistics);

  return g_test_run ();
}
