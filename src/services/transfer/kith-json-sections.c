/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * What each element of a JSON export becomes (docs/json.md, "Export file"): records through the
 * import session, by sync key; segments, field definitions, views, timeline items, to-dos and
 * files' metadata through the store's own calls, with the file's ids and keys remapped to the
 * ones they became here.
 */

#define G_LOG_DOMAIN "KithTransfer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-json-reader.h"

/* A file or element that is not what an export holds */
gboolean
kith_json_invalid (GError     **error,
                   const char  *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, format, args));
  va_end (args);

  return FALSE;
}

void
kith_json_reject (Reader     *r,
                  const char *message)
{
  /* Translators: a refused element of an export file: its section, its place in it, why */
  g_autofree char *reason = g_strdup_printf (_("%s #%u: %s"), r->section, r->index, message);

  kith_import_reject (r->import, r->row, reason);
}

static gint64
new_id (Reader *r,
        gint64  old)
{
  gint64 *id = g_hash_table_lookup (r->ids, &old);

  return id != NULL ? *id : 0;
}

static void
remember_id (Reader *r,
             gint64  old,
             gint64  id)
{
  g_hash_table_insert (r->ids, g_memdup2 (&old, sizeof old), g_memdup2 (&id, sizeof id));
}

/* "#<id>" of the record the file's @old became, or %NULL */
static char *
identifier_of (Reader *r,
               gint64  old)
{
  gint64 id = new_id (r, old);

  return id != 0 ? g_strdup_printf ("#%" G_GINT64_FORMAT, id) : NULL;
}

/* @member, a list of {id, …} objects in the file, as a list of identifiers of this store */
static void
remap_members (Reader      *r,
               JsonObject  *object,
               const char  *member)
{
  JsonArray *list = kith_json_get_array (object, member);
  JsonArray *ids;

  if (list == NULL)
    return;

  ids = json_array_new ();
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *id = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        id = identifier_of (r, json_object_get_int_member_with_default (json_node_get_object (node), "id", 0));
      if (id != NULL)
        json_array_add_string_element (ids, id);
    }
  json_object_set_array_member (object, member, ids);
}

/* @member of @object, a key of the file that has another key here, changed to that */
static void
remap_key (GHashTable  *keys,
           JsonObject  *object,
           const char  *member)
{
  const char *key = kith_json_get_string (object, member);
  const char *here = key != NULL ? g_hash_table_lookup (keys, key) : NULL;

  if (here != NULL)
    json_object_set_string_member (object, member, here);
}

static void
import_record (Reader          *r,
               KithRecordKind   kind,
               JsonObject      *record)
{
  /* The sync key stays: a record the file had finds the one it became here, so that a second
   * run changes nothing even for a deal with no app link */
  static const char *read_only[] = { "id", "kind", "companyId", "companySyncKey",
                                     "firstSeen", "lastChanged", "lastContact", "picture" };
  gint64 old = json_object_get_int_member_with_default (record, "id", 0);
  gint64 id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (read_only); i++)
    json_object_remove_member (record, read_only[i]);
  remap_key (r->segment_keys, record, "segment");
  remap_key (r->step_keys, record, "step");
  if (kind == KITH_RECORD_PROJECT)
    {
      remap_members (r, record, "participants");
      remap_members (r, record, "dealTeam");
    }

  if (kith_import_add_record (r->import, r->row, kind, record, &id) != KITH_IMPORT_REJECTED && old != 0)
    remember_id (r, old, id);
}

static gboolean
field_from_json (Reader               *r,
                 JsonObject           *json,
                 KithFieldDefinition **out_field,
                 GError              **error)
{
  KithRecordKind kind = kith_record_kind_from_string (kith_json_get_string (json, "appliesTo"));
  JsonArray *options = kith_json_get_array (json, "options");
  JsonArray *scopes = kith_json_get_array (json, "scopes");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  KithFieldDefinition *field;

  if (kith_json_get_string (json, "key") == NULL || kith_json_get_string (json, "name") == NULL)
    return kith_json_invalid (error, _("A field needs a key and a name"));

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    g_strv_builder_add (builder, json_array_get_string_element (options, i));
  strv = g_strv_builder_end (builder);

  field = g_object_new (KITH_TYPE_FIELD_DEFINITION,
                        "key", kith_json_get_string (json, "key"),
                        "name", kith_json_get_string (json, "name"),
                        "field-type", kith_json_get_string (json, "type"),
                        "applies-to", kind == KITH_RECORD_KIND_INVALID ? KITH_RECORD_PERSON : kind,
                        "section", kith_json_get_string (json, "section"),
                        "currency", kith_json_get_string (json, "currency"),
                        "options", options != NULL ? strv : NULL,
                        "remind-yearly", json_object_get_boolean_member_with_default (json, "remindYearly", FALSE),
                        NULL);
  for (guint i = 0; scopes != NULL && i < json_array_get_length (scopes); i++)
    {
      JsonObject *scope = json_array_get_object_element (scopes, i);

      remap_key (r->segment_keys, scope, "segment");
      kith_field_definition_add_scope (field, kith_json_get_string (scope, "segment"),
                                       kith_json_get_string (scope, "stage"));
    }

  *out_field = field;
  return TRUE;
}

static KithSegment *
find_segment (KithStore   *store,
              const char  *key)
{
  g_autoptr(GListModel) segments = kith_relationship_list_segments (store, NULL);

  for (guint i = 0; segments != NULL && i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);

      if (g_strcmp0 (kith_segment_get_key (segment), key) == 0)
        return g_steal_pointer (&segment);
    }

  return NULL;
}

/* The steps of a stage in the file, as KithSteps */
static GPtrArray *
steps_from_json (JsonArray *list)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *step = json_array_get_object_element (list, i);

      g_ptr_array_add (steps, kith_step_new (kith_json_get_string (step, "key"), kith_json_get_string (step, "name"),
                                             kith_json_get_string (step, "template"),
                                             (int) json_object_get_int_member_with_default (step, "reminderDays", 0)));
    }

  return steps;
}

/* The keys the steps of @stage_key got here, by their place, where they differ from the file's */
static void
remember_step_keys (Reader      *r,
                    const char  *segment_key,
                    const char  *stage_key,
                    JsonArray   *list)
{
  g_autoptr(KithSegment) segment = find_segment (r->store, segment_key);
  KithStage *stage = segment != NULL ? kith_segment_find_stage (segment, stage_key) : NULL;
  GListModel *steps = stage != NULL ? kith_stage_get_steps (stage) : NULL;

  for (guint i = 0; steps != NULL && list != NULL && i < json_array_get_length (list) &&
                    i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(KithStep) step = g_list_model_get_item (steps, i);
      const char *old = kith_json_get_string (json_array_get_object_element (list, i), "key");

      if (old != NULL && g_strcmp0 (old, kith_step_get_key (step)) != 0)
        g_hash_table_insert (r->step_keys, g_strdup (old), g_strdup (kith_step_get_key (step)));
    }
}

static gboolean
apply_stages (Reader      *r,
              const char  *key,
              JsonArray   *stages,
              GError     **error)
{
  for (guint i = 0; stages != NULL && i < json_array_get_length (stages); i++)
    {
      JsonObject *stage = json_array_get_object_element (stages, i);
      const char *stage_key = kith_json_get_string (stage, "key");
      g_autoptr(GPtrArray) steps = steps_from_json (kith_json_get_array (stage, "steps"));

      if (stage_key == NULL ||
          (kith_json_get_string (stage, "name") != NULL &&
           !kith_relationship_rename_stage (r->store, key, stage_key, kith_json_get_string (stage, "name"), error)) ||
          !kith_relationship_set_steps (r->store, key, stage_key, steps, error))
        return FALSE;
      remember_step_keys (r, key, stage_key, kith_json_get_array (stage, "steps"));
    }

  return TRUE;
}

/* A segment the store lacks is added (under a key of its own, which the records then use); one
 * it has takes the file's names, cadence and steps only in a store that had no records */
static void
import_segment (Reader     *r,
                JsonObject *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithSegment) existing = NULL;
  g_autofree char *key = g_strdup (kith_json_get_string (json, "key"));
  const char *name = kith_json_get_string (json, "name");

  if (key == NULL || name == NULL)
    {
      kith_json_reject (r, _("A segment needs a key and a name"));
      return;
    }
  existing = find_segment (r->store, key);
  if (existing != NULL && !r->was_empty)
    return;
  if (existing == NULL)
    {
      g_autofree char *old = g_steal_pointer (&key);

      key = kith_relationship_add_segment (r->store, name,
                                           g_strcmp0 (kith_json_get_string (json, "appliesTo"), "deals") == 0, &error);
      if (key == NULL)
        {
          kith_json_reject (r, error->message);
          return;
        }
      if (strcmp (old, key) != 0)
        g_hash_table_insert (r->segment_keys, g_steal_pointer (&old), g_strdup (key));
    }

  if (!kith_relationship_update_segment (r->store, key, name,
                                         json_object_get_boolean_member_with_default (json, "enabled", TRUE), &error) ||
      !kith_relationship_set_cadence (r->store, key, (int) json_object_get_int_member_with_default (json, "cadence", 0), &error) ||
      !apply_stages (r, key, kith_json_get_array (json, "stages"), &error))
    kith_json_reject (r, error->message);
}

/* A definition this store has already (same key) is kept as it is */
static void
import_field (Reader     *r,
              JsonObject *json)
{
  g_autoptr(KithFieldDefinition) field = NULL;
  g_autoptr(GError) error = NULL;
  const char *key = kith_json_get_string (json, "key");

  if (key != NULL && g_hash_table_contains (r->field_keys, key))
    return;
  if (!field_from_json (r, json, &field, &error) || kith_fields_add (r->store, field, &error) == 0)
    kith_json_reject (r, error->message);
}

static void
import_view (Reader     *r,
             JsonObject *json)
{
  g_autoptr(GError) error = NULL;
  const char *name = kith_json_get_string (json, "name");
  KithRecordKind kind = kith_record_kind_from_string (kith_json_get_string (json, "kind"));

  if (name != NULL && g_hash_table_contains (r->view_names, name))
    return;
  if (name == NULL || kind == KITH_RECORD_KIND_INVALID)
    kith_json_reject (r, _("A view needs a name and a kind"));
  else if (kith_store_save_view (r->store, name, kind, kith_json_get_string (json, "query"), &error) == 0)
    kith_json_reject (r, error->message);
}

/* The file's list of people on an item as the members a new item takes */
static void
item_people (Reader      *r,
             JsonObject  *item,
             JsonArray   *people)
{
  JsonArray *recipients = json_array_new ();
  JsonArray *participants = json_array_new ();
  JsonArray *references = json_array_new ();

  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);
      const char *role = kith_json_get_string (p, "role");
      const char *value = kith_json_get_string (p, "value");
      g_autofree char *id = identifier_of (r, json_object_get_int_member_with_default (p, "recordId", 0));
      JsonObject *party;

      if (g_strcmp0 (role, "from") == 0)
        {
          kith_json_set_string (item, "from", value);
          kith_json_set_string (item, "name", kith_json_get_string (p, "name"));
          continue;
        }
      /* A record the item is about: as the file named it (the value is what the item keeps),
       * else by the id it has here */
      if (g_strcmp0 (role, "about") == 0 || value == NULL)
        {
          if (id != NULL || value != NULL)
            json_array_add_string_element (references, value != NULL ? value : id);
          continue;
        }

      party = json_object_new ();
      json_object_set_string_member (party, "value", value);
      kith_json_set_string (party, "name", kith_json_get_string (p, "name"));
      if (g_strcmp0 (role, "participant") == 0)
        json_array_add_object_element (participants, party);
      else
        {
          kith_json_set_string (party, "role", role);
          json_array_add_object_element (recipients, party);
        }
    }

  json_object_set_array_member (item, "recipients", recipients);
  json_object_set_array_member (item, "participants", participants);
  json_object_set_array_member (item, "references", references);
}

/* The first record of the file that an item's @people name, as its id here */
static gint64
item_record (Reader    *r,
             JsonArray *people)
{
  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);
      gint64 id = new_id (r, json_object_get_int_member_with_default (p, "recordId", 0));

      if (id != 0)
        return id;
    }

  return 0;
}

/* Whether the store had @json before: an item of the same style and subject at the same moment
 * on the timeline of a record it names. Then a second import of a file adds nothing. */
static gboolean
item_exists (Reader     *r,
             JsonObject *json,
             JsonArray  *people)
{
  gint64 record = item_record (r, people);
  gint64 date = json_object_get_int_member_with_default (json, "date", 0);
  KithTimelineKey after = { date, G_MAXINT64 };
  KithTimelineKey down_to = { date, 0 };
  g_autoptr(GPtrArray) items = NULL;

  if (r->was_empty || record == 0)
    return FALSE;

  items = kith_store_get_timeline_range (r->store, record, &after, &down_to, G_MAXUINT, NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      KithTimelineItem *item = g_ptr_array_index (items, i);
      g_autoptr(GEnumClass) styles = g_type_class_ref (KITH_TYPE_TIMELINE_STYLE);
      GEnumValue *style = g_enum_get_value (styles, kith_timeline_item_get_style (item));

      if (style != NULL && g_strcmp0 (style->value_nick, kith_json_get_string (json, "style")) == 0 &&
          g_strcmp0 (kith_timeline_item_get_subject (item), kith_json_get_string (json, "subject")) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
import_item (Reader     *r,
             JsonObject *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) people = NULL;

  if (kith_json_get_array (json, "people") != NULL)
    people = json_array_ref (kith_json_get_array (json, "people"));
  if (item_exists (r, json, people))
    return;
  json_object_remove_member (json, "id");
  json_object_remove_member (json, "people");
  if (people != NULL)
    item_people (r, json, people);

  if (kith_store_add_timeline_item (r->store, json, NULL, &error) == 0)
    kith_json_reject (r, error->message);
}

/* What tells one to-do from another: its text, when, and who it is with */
static char *
todo_signature (JsonObject *json)
{
  JsonArray *participants = kith_json_get_array (json, "participants");
  g_autoptr(GString) signature = g_string_new (kith_json_get_string (json, "subject"));

  g_string_append_printf (signature, "\n%s", kith_json_get_string (json, "when"));
  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      JsonNode *node = json_array_get_element (participants, i);

      if (JSON_NODE_HOLDS_VALUE (node))
        g_string_append_printf (signature, "\n%s", json_node_get_string (node));
      else if (JSON_NODE_HOLDS_OBJECT (node))
        g_string_append_printf (signature, "\n#%" G_GINT64_FORMAT,
                                json_object_get_int_member_with_default (json_node_get_object (node), "id", 0));
    }

  return g_string_free (g_steal_pointer (&signature), FALSE);
}

GHashTable *
kith_json_todos (KithStore *store)
{
  GHashTable *todos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = kith_store_list_todos (store, 0, TRUE, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      g_autoptr(JsonObject) json = kith_todo_to_json (g_ptr_array_index (list, i));

      g_hash_table_add (todos, todo_signature (json));
    }

  return todos;
}

static void
import_todo (Reader     *r,
             JsonObject *json)
{
  g_autoptr(GError) error = NULL;
  gboolean done = json_object_get_boolean_member_with_default (json, "done", FALSE);
  g_autofree char *signature = NULL;
  gint64 id;

  json_object_remove_member (json, "id");
  json_object_remove_member (json, "done");
  remap_members (r, json, "participants");

  /* A to-do the store has (a second import of the file) is not added again */
  signature = todo_signature (json);
  if (!r->was_empty && g_hash_table_contains (r->todos, signature))
    return;

  id = kith_store_add_todo (r->store, json, &error);
  if (id == 0 || (done && !kith_store_set_todo_done (r->store, id, TRUE, &error)))
    kith_json_reject (r, error->message);
}

static gboolean
file_exists (Reader      *r,
             gint64       record,
             const char  *uri)
{
  g_autoptr(GListModel) files = NULL;

  if (r->was_empty)
    return FALSE;

  files = kith_store_list_files (r->store, record, NULL);
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(KithFile) file = g_list_model_get_item (files, i);

      if (g_strcmp0 (kith_file_get_uri (file), uri) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
import_file (Reader     *r,
             JsonObject *json)
{
  g_autoptr(GError) error = NULL;
  gint64 record = new_id (r, json_object_get_int_member_with_default (json, "recordId", 0));
  const char *uri = kith_json_get_string (json, "uri");

  if (record == 0 || uri == NULL)
    kith_json_reject (r, _("The file belongs to no record of the import"));
  else if (file_exists (r, record, uri))
    return;
  else if (kith_store_add_file (r->store, record, uri, kith_json_get_string (json, "name"),
                                json_object_get_int_member_with_default (json, "size", 0),
                                kith_json_get_string (json, "contentType"),
                                json_object_get_boolean_member_with_default (json, "copied", FALSE),
                                &error) == 0)
    kith_json_reject (r, error->message);
}

void
kith_json_import_element (Reader   *r,
                          JsonNode *node)
{
  JsonObject *json;

  r->index++;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kith_json_reject (r, _("not a JSON object"));
      return;
    }
  json = json_node_get_object (node);

  if (strcmp (r->section, "companies") == 0)
    import_record (r, KITH_RECORD_COMPANY, json);
  else if (strcmp (r->section, "people") == 0)
    import_record (r, KITH_RECORD_PERSON, json);
  else if (strcmp (r->section, "projects") == 0)
    import_record (r, KITH_RECORD_PROJECT, json);
  else if (strcmp (r->section, "fields") == 0)
    import_field (r, json);
  else if (strcmp (r->section, "segments") == 0)
    import_segment (r, json);
  else if (strcmp (r->section, "views") == 0)
    import_view (r, json);
  else if (strcmp (r->section, "timeline") == 0)
    import_item (r, json);
  else if (strcmp (r->section, "todos") == 0)
    import_todo (r, json);
  else if (strcmp (r->section, "files") == 0)
    import_file (r, json);
  /* "tags" are the records' own: they come back with them */
}

GHashTable *
kith_json_field_keys (KithStore *store)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    {
      g_autoptr(GListModel) fields = kith_fields_list (store, kind, NULL);

      for (guint i = 0; fields != NULL && i < g_list_model_get_n_items (fields); i++)
        {
          g_autoptr(KithFieldDefinition) field = g_list_model_get_item (fields, i);

          g_hash_table_add (keys, g_strdup (kith_field_definition_get_key (field)));
        }
    }

  return keys;
}

GHashTable *
kith_json_view_names (KithStore *store)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) views = kith_store_list_views (store, NULL);

  for (guint i = 0; views != NULL && i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(KithView) view = g_list_model_get_item (views, i);

      g_hash_table_add (names, g_strdup (kith_view_get_name (view)));
    }

  return names;
}
