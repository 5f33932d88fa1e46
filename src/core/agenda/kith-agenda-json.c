/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Agenda as kith-cli prints it (`kith-cli agenda --json`, docs/agenda.md): made from the
 * typed model at that edge, with the members, their order and their absences as they have
 * always been. The GUI never sees it.
 */

#define G_LOG_DOMAIN "KithAgenda"

#include "config.h"

#include "kith-agenda-json.h"
#include "kith-json.h"

typedef JsonObject *(*EntryToJson) (KithAgendaEntry *entry);

/* Who a to-do or meeting is with: [{id, name}], with their kinds for a to-do */
static JsonArray *
people_to_json (KithAgendaEntry *entry,
                gboolean         with_kind)
{
  const char * const *names = kith_agenda_entry_get_people (entry);
  JsonArray *people = json_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      JsonObject *person = json_object_new ();
      KithRecordKind kind;

      json_object_set_int_member (person, "id", kith_agenda_entry_get_person_id (entry, i, &kind));
      json_object_set_string_member (person, "name", names[i]);
      if (with_kind)
        json_object_set_int_member (person, "kind", kind);
      json_array_add_object_element (people, person);
    }

  return people;
}

static JsonObject *
todo_to_json (KithAgendaEntry *entry)
{
  JsonObject *todo = json_object_new ();
  const char *due = kith_agenda_entry_get_day (entry);

  json_object_set_int_member (todo, "id", kith_agenda_entry_get_id (entry));
  kith_json_set_string (todo, "subject", kith_agenda_entry_get_title (entry));
  json_object_set_string_member (todo, "when", due != NULL ? due : "someday");
  kith_json_set_string (todo, "preview", kith_agenda_entry_get_preview (entry));
  kith_json_set_string (todo, "assignee", kith_agenda_entry_get_assignee (entry));
  json_object_set_array_member (todo, "participants", people_to_json (entry, TRUE));
  if (due != NULL)
    json_object_set_int_member (todo, "inDays", kith_agenda_entry_get_in_days (entry));

  return todo;
}

static JsonObject *
reminder_to_json (KithAgendaEntry *entry)
{
  JsonObject *reminder = json_object_new ();

  json_object_set_int_member (reminder, "recordId", kith_agenda_entry_get_record_id (entry));
  json_object_set_string_member (reminder, "kind", kith_record_kind_to_string (kith_agenda_entry_get_record_kind (entry)));
  kith_json_set_string (reminder, "name", kith_agenda_entry_get_title (entry));
  kith_json_set_string (reminder, "segment", kith_agenda_entry_get_segment (entry));
  kith_json_set_string (reminder, "stage", kith_agenda_entry_get_stage (entry));
  kith_json_set_string (reminder, "step", kith_agenda_entry_get_step (entry));
  kith_json_set_string (reminder, "stepName", kith_agenda_entry_get_detail (entry));
  kith_json_set_string (reminder, "template", kith_agenda_entry_get_template (entry));
  if (kith_agenda_entry_get_template_id (entry) != 0)
    json_object_set_int_member (reminder, "templateId", kith_agenda_entry_get_template_id (entry));
  json_object_set_string_member (reminder, "due", kith_agenda_entry_get_day (entry));
  json_object_set_int_member (reminder, "inDays", kith_agenda_entry_get_in_days (entry));

  return reminder;
}

static JsonObject *
occasion_to_json (KithAgendaEntry *entry)
{
  JsonObject *occasion = json_object_new ();

  json_object_set_int_member (occasion, "recordId", kith_agenda_entry_get_record_id (entry));
  json_object_set_string_member (occasion, "name", kith_agenda_entry_get_title (entry));
  json_object_set_string_member (occasion, "label", kith_agenda_entry_get_detail (entry));
  json_object_set_string_member (occasion, "date", kith_agenda_entry_get_day (entry));
  json_object_set_int_member (occasion, "inDays", kith_agenda_entry_get_in_days (entry));
  if (kith_agenda_entry_get_years (entry) >= 0)
    json_object_set_int_member (occasion, "years", kith_agenda_entry_get_years (entry));

  return occasion;
}

static JsonObject *
stay_in_touch_to_json (KithAgendaEntry *entry)
{
  JsonObject *person = json_object_new ();

  json_object_set_int_member (person, "recordId", kith_agenda_entry_get_record_id (entry));
  kith_json_set_string (person, "name", kith_agenda_entry_get_title (entry));
  kith_json_set_string (person, "segment", kith_agenda_entry_get_segment (entry));
  kith_json_set_string (person, "stage", kith_agenda_entry_get_stage (entry));
  json_object_set_int_member (person, "cadence", kith_agenda_entry_get_cadence (entry));
  /* 0: never contacted */
  if (kith_agenda_entry_get_time (entry) != 0)
    json_object_set_int_member (person, "lastContact", kith_agenda_entry_get_time (entry));
  json_object_set_int_member (person, "overdueDays", kith_agenda_entry_get_overdue_days (entry));

  return person;
}

static JsonObject *
reply_to_json (KithAgendaEntry *entry)
{
  JsonObject *item = json_object_new ();

  json_object_set_int_member (item, "itemId", kith_agenda_entry_get_id (entry));
  kith_json_set_string (item, "subject", kith_agenda_entry_get_detail (entry));
  json_object_set_int_member (item, "date", kith_agenda_entry_get_time (entry));
  kith_json_set_string (item, "preview", kith_agenda_entry_get_preview (entry));
  json_object_set_int_member (item, "recordId", kith_agenda_entry_get_record_id (entry));
  kith_json_set_string (item, "name", kith_agenda_entry_get_title (entry));

  return item;
}

static JsonObject *
meeting_to_json (KithAgendaEntry *entry)
{
  JsonObject *meeting = json_object_new ();

  json_object_set_int_member (meeting, "itemId", kith_agenda_entry_get_id (entry));
  kith_json_set_string (meeting, "subject", kith_agenda_entry_get_title (entry));
  json_object_set_int_member (meeting, "date", kith_agenda_entry_get_time (entry));
  if (kith_agenda_entry_get_duration (entry) >= 0)
    json_object_set_int_member (meeting, "duration", kith_agenda_entry_get_duration (entry));
  kith_json_set_string (meeting, "location", kith_agenda_entry_get_detail (entry));
  kith_json_set_string (meeting, "link", kith_agenda_entry_get_link (entry));
  if (kith_agenda_entry_get_next (entry))
    json_object_set_boolean_member (meeting, "next", TRUE);
  json_object_set_array_member (meeting, "people", people_to_json (entry, FALSE));

  return meeting;
}

static JsonObject *
upcoming_todo_to_json (KithAgendaEntry *entry)
{
  return kith_agenda_entry_get_kind (entry) == KITH_AGENDA_ENTRY_TODO ? todo_to_json (entry) : NULL;
}

static JsonObject *
upcoming_meeting_to_json (KithAgendaEntry *entry)
{
  return kith_agenda_entry_get_kind (entry) == KITH_AGENDA_ENTRY_MEETING ? meeting_to_json (entry) : NULL;
}

/* Section @kind of @agenda as @member of @object; how many entries it has */
static guint
add_section (JsonObject            *object,
             const char            *member,
             KithAgendaModel       *agenda,
             KithAgendaSectionKind  kind,
             EntryToJson            to_json)
{
  GListModel *section = G_LIST_MODEL (kith_agenda_model_get_section (agenda, kind));
  guint n = g_list_model_get_n_items (section);
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithAgendaEntry) entry = g_list_model_get_item (section, i);

      JsonObject *element = to_json (entry);

      /* Upcoming holds tomorrow's meetings besides to-dos: each goes to its own member */
      if (element != NULL)
        json_array_add_object_element (array, element);
    }
  json_object_set_array_member (object, member, array);

  return json_array_get_length (array);
}

/**
 * kith_agenda_model_to_json:
 *
 * Returns: (transfer full): @agenda as kith-cli prints it: {date, todos: {overdue, today,
 *   upcoming, someday}, reminders, occasions, stayInTouch, needsReply, meetings, upcomingMeetings
 *   (tomorrow's first), counts}
 */
JsonObject *
kith_agenda_model_to_json (KithAgendaModel *agenda)
{
  static const struct {
    const char            *member;
    KithAgendaSectionKind  kind;
    EntryToJson            to_json;
  } sections[] = {
    { "reminders", KITH_AGENDA_SECTION_REMINDERS, reminder_to_json },
    { "occasions", KITH_AGENDA_SECTION_OCCASIONS, occasion_to_json },
    { "stayInTouch", KITH_AGENDA_SECTION_STAY_IN_TOUCH, stay_in_touch_to_json },
    { "needsReply", KITH_AGENDA_SECTION_NEEDS_REPLY, reply_to_json },
    { "meetings", KITH_AGENDA_SECTION_MEETINGS, meeting_to_json },
  };
  JsonObject *json = json_object_new ();
  JsonObject *todos = json_object_new ();
  JsonObject *counts = json_object_new ();
  guint due_now;

  json_object_set_string_member (json, "date", kith_agenda_model_get_date (agenda));
  json_object_set_object_member (json, "todos", todos);
  due_now = add_section (todos, "overdue", agenda, KITH_AGENDA_SECTION_OVERDUE, todo_to_json) +
            add_section (todos, "today", agenda, KITH_AGENDA_SECTION_TODAY, todo_to_json);
  add_section (todos, "upcoming", agenda, KITH_AGENDA_SECTION_UPCOMING, upcoming_todo_to_json);
  add_section (todos, "someday", agenda, KITH_AGENDA_SECTION_SOMEDAY, todo_to_json);

  json_object_set_int_member (counts, "todos", due_now);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    json_object_set_int_member (counts, sections[i].member,
                                add_section (json, sections[i].member, agenda, sections[i].kind, sections[i].to_json));
  add_section (json, "upcomingMeetings", agenda, KITH_AGENDA_SECTION_UPCOMING, upcoming_meeting_to_json);
  json_object_set_object_member (json, "counts", counts);

  return json;
}
