/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The JSON of timeline items, to-dos and audit entries, for the edges that speak JSON (kith-cli,
 * docs/json.md): core reads them typed, and only what prints them converts, here, one function
 * per type. Members appear in the order they always have, and only when set.
 */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include "kith-audit-entry.h"
#include "kith-enums.h"
#include "kith-json.h"
#include "kith-object-util.h"
#include "kith-timeline-json.h"
#include "kith-timeline-person.h"
#include "kith-todo.h"

/**
 * kith_json_array_of_objects:
 * @objects: (element-type GObject): what to convert, in order
 *
 * Returns: (transfer full): the JSON of each of @objects
 */
JsonArray *
kith_json_array_of_objects (GPtrArray  *objects,
                            KithToJson  to_json)
{
  JsonArray *array = json_array_sized_new (objects->len);

  for (guint i = 0; i < objects->len; i++)
    json_array_add_object_element (array, to_json (g_ptr_array_index (objects, i)));

  return array;
}

static void
set_nick (JsonObject *object,
          const char *member,
          GType       type,
          int         value)
{
  /* 0 is "none" for direction and outcome; a note's style is always there */
  if (value != 0 || type == KITH_TYPE_TIMELINE_STYLE)
    kith_json_set_string (object, member, kith_enum_to_nick (type, value));
}

static JsonObject *
person_to_json (KithTimelinePerson *person)
{
  JsonObject *json = json_object_new ();

  kith_json_set_string (json, "role", kith_timeline_person_get_role (person));
  kith_json_set_string (json, "value", kith_timeline_person_get_value (person));
  kith_json_set_string (json, "name", kith_timeline_person_get_name (person));
  if (kith_timeline_person_get_record_id (person) != 0)
    json_object_set_int_member (json, "recordId", kith_timeline_person_get_record_id (person));

  return json;
}

static JsonArray *
people_to_json (GListModel *people)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);

      json_array_add_object_element (array, person_to_json (person));
    }

  return array;
}

static JsonArray *
strv_to_json (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

/**
 * kith_timeline_item_to_json:
 *
 * Returns: (transfer full): @item as docs/json.md describes a timeline item read back: {id,
 *   date, style, subject, preview, body, bodytype, direction, outcome, location, threadid,
 *   messageid, source, uniqueid, account, duration, links, replyto, people:[{role, value, name,
 *   recordId}]}
 */
JsonObject *
kith_timeline_item_to_json (KithTimelineItem *item)
{
  JsonObject *json = json_object_new ();

  json_object_set_int_member (json, "id", kith_timeline_item_get_id (item));
  json_object_set_int_member (json, "date", kith_timeline_item_get_date (item));
  set_nick (json, "style", KITH_TYPE_TIMELINE_STYLE, kith_timeline_item_get_style (item));
  kith_json_set_string (json, "subject", kith_timeline_item_get_subject (item));
  kith_json_set_string (json, "preview", kith_timeline_item_get_preview (item));
  kith_json_set_string (json, "body", kith_timeline_item_get_body (item));
  kith_json_set_string (json, "bodytype", kith_timeline_item_get_body_type (item));
  set_nick (json, "direction", KITH_TYPE_DIRECTION, kith_timeline_item_get_direction (item));
  set_nick (json, "outcome", KITH_TYPE_CALL_OUTCOME, kith_timeline_item_get_outcome (item));
  kith_json_set_string (json, "location", kith_timeline_item_get_location (item));
  kith_json_set_string (json, "threadid", kith_timeline_item_get_thread_id (item));
  kith_json_set_string (json, "messageid", kith_timeline_item_get_message_id (item));
  kith_json_set_string (json, "source", kith_timeline_item_get_source (item));
  kith_json_set_string (json, "uniqueid", kith_timeline_item_get_unique_id (item));
  kith_json_set_string (json, "account", kith_timeline_item_get_account (item));
  if (kith_timeline_item_get_duration (item) >= 0)
    json_object_set_int_member (json, "duration", kith_timeline_item_get_duration (item));
  if (kith_timeline_item_get_links (item) != NULL)
    json_object_set_array_member (json, "links", strv_to_json (kith_timeline_item_get_links (item)));
  if (kith_timeline_item_get_reply_to (item) != NULL)
    json_object_set_array_member (json, "replyto", strv_to_json (kith_timeline_item_get_reply_to (item)));
  json_object_set_array_member (json, "people", people_to_json (kith_timeline_item_get_people (item)));

  return json;
}

/**
 * kith_todo_to_json:
 *
 * Returns: (transfer full): @todo as kith-cli prints it: {id, subject, preview, when, done,
 *   assigner, assignee, source, uniqueid, participants:[{id, name}]}
 */
JsonObject *
kith_todo_to_json (KithTodo *todo)
{
  JsonObject *json = json_object_new ();
  JsonArray *participants = json_array_new ();
  const char * const *names = kith_todo_get_people (todo);
  const gint64 *ids;
  guint n;

  json_object_set_int_member (json, "id", kith_todo_get_id (todo));
  json_object_set_string_member (json, "subject", kith_todo_get_subject (todo));
  kith_json_set_string (json, "preview", kith_todo_get_preview (todo));
  json_object_set_string_member (json, "when", kith_todo_get_due (todo) != NULL ? kith_todo_get_due (todo) : "someday");
  json_object_set_boolean_member (json, "done", kith_todo_get_done (todo));
  kith_json_set_string (json, "assigner", kith_todo_get_assigner (todo));
  kith_json_set_string (json, "assignee", kith_todo_get_assignee (todo));
  if (kith_todo_get_source (todo) != NULL)
    {
      json_object_set_string_member (json, "source", kith_todo_get_source (todo));
      json_object_set_string_member (json, "uniqueid", kith_todo_get_unique_id (todo));
    }

  ids = kith_todo_get_participants (todo, &n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *person = json_object_new ();

      json_object_set_int_member (person, "id", ids[i]);
      json_object_set_string_member (person, "name", names[i]);
      json_array_add_object_element (participants, person);
    }
  json_object_set_array_member (json, "participants", participants);

  return json;
}

/* A string, or JSON null for none */
static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

/**
 * kith_audit_entry_to_json:
 *
 * Returns: (transfer full): @entry as kith-cli prints it: {id, recordId, syncKey, field, before,
 *   after, at}, with null for no value before or after
 */
JsonObject *
kith_audit_entry_to_json (KithAuditEntry *entry)
{
  JsonObject *json = json_object_new ();

  json_object_set_int_member (json, "id", kith_audit_entry_get_id (entry));
  if (kith_audit_entry_get_record_id (entry) != 0)
    json_object_set_int_member (json, "recordId", kith_audit_entry_get_record_id (entry));
  json_object_set_string_member (json, "syncKey", kith_audit_entry_get_sync_key (entry));
  json_object_set_string_member (json, "field", kith_audit_entry_get_field (entry));
  set_string_or_null (json, "before", kith_audit_entry_get_before (entry));
  set_string_or_null (json, "after", kith_audit_entry_get_after (entry));
  json_object_set_int_member (json, "at", kith_audit_entry_get_at (entry));

  return json;
}
