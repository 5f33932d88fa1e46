/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-record-json.h"
#include "kith-record-private.h"
#include "kith-record-reader.h"

/*
 * A record in the JSON of docs/json.md, for the edges that speak it: kith-cli, the local API,
 * export. Core and the GUI keep records typed; this is the one place that prints them.
 */

static void
add_text (JsonObject *obj,
          const char *member,
          const char *text)
{
  if (text != NULL)
    json_object_set_string_member (obj, member, text);
}

static JsonArray *
strv_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

/* A label shows as a member of its own: {"value": …, "work": true} */
static void
add_label (JsonObject *obj,
           const char *label)
{
  if (label != NULL)
    json_object_set_boolean_member (obj, label, TRUE);
}

static JsonObject *
channel_object (const KithRecordChannel *c)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "value", c->value);
  add_label (obj, c->label);
  if (c->preferred)
    json_object_set_boolean_member (obj, "preferred", TRUE);
  return obj;
}

static JsonObject *
address_object (const KithRecordAddress *a)
{
  JsonObject *obj = json_object_new ();

  add_text (obj, "street", a->street);
  add_text (obj, "city", a->city);
  add_text (obj, "state", a->state);
  add_text (obj, "country", a->country);
  add_text (obj, "postal", a->postal);
  add_label (obj, a->label);
  if (a->has_position)
    {
      json_object_set_double_member (obj, "lat", a->lat);
      json_object_set_double_member (obj, "lng", a->lng);
    }
  return obj;
}

static JsonObject *
app_link_object (const KithRecordAppLink *l)
{
  JsonObject *obj = json_object_new ();

  add_text (obj, "source", l->source);
  add_text (obj, "uniqueid", l->uniqueid);
  add_text (obj, "label", l->label);
  add_text (obj, "url", l->url);
  return obj;
}

static JsonObject *
custom_object (const KithRecordCustom *c)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", c->key);
  add_text (obj, "type", c->type);
  add_text (obj, "name", c->name);
  if (c->multi)
    json_object_set_array_member (obj, "value", strv_array (c->values));
  else
    add_text (obj, "value", c->values[0]);
  return obj;
}

static JsonObject *
occasion_object (const KithRecordOccasion *o)
{
  JsonObject *obj = json_object_new ();

  add_text (obj, "label", o->label);
  add_text (obj, "date", o->date);
  return obj;
}

static JsonObject *
member_object (const KithRecordMember *m)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", m->id);
  add_text (obj, "syncKey", m->sync_key);
  add_text (obj, "name", m->name);
  json_object_set_string_member (obj, "kind", kith_record_kind_to_string (m->kind));
  return obj;
}

typedef JsonObject *(*ItemToJson) (gconstpointer item);

static JsonArray *
list_array (KithValueType  type,
            GPtrArray     *list)
{
  static const ItemToJson to_json[] = {
    [KITH_VALUE_CHANNELS] = (ItemToJson) channel_object,
    [KITH_VALUE_ADDRESSES] = (ItemToJson) address_object,
    [KITH_VALUE_APP_LINKS] = (ItemToJson) app_link_object,
    [KITH_VALUE_CUSTOMS] = (ItemToJson) custom_object,
    [KITH_VALUE_OCCASIONS] = (ItemToJson) occasion_object,
    [KITH_VALUE_MEMBERS] = (ItemToJson) member_object,
  };
  JsonArray *array = json_array_new ();

  for (guint i = 0; list != NULL && i < list->len; i++)
    json_array_add_object_element (array, to_json[type] (g_ptr_array_index (list, i)));
  return array;
}

/* Adds @field to @obj as the store shows it: scalars only when they have a value (a flag only
 * when on), lists always, a deal's address only when it has one */
static void
add_field (JsonObject      *obj,
           KithField        field,
           const KithValue *value)
{
  const KithFieldInfo *info = kith_field_info (field);

  switch (info->type)
    {
    case KITH_VALUE_TEXT:
      if (value->set)
        json_object_set_string_member (obj, info->member, value->text);
      break;
    case KITH_VALUE_INT:
      if (value->set)
        json_object_set_int_member (obj, info->member, value->num);
      break;
    case KITH_VALUE_DOUBLE:
      if (value->set)
        json_object_set_double_member (obj, info->member, value->real);
      break;
    case KITH_VALUE_FLAG:
      if (value->set && value->flag)
        json_object_set_boolean_member (obj, info->member, TRUE);
      break;
    case KITH_VALUE_STRV:
      json_object_set_array_member (obj, info->member, strv_array (value->set ? value->strv : NULL));
      break;
    default:
      if (field == KITH_FIELD_ADDRESS)
        {
          if (value->set && value->list->len > 0)
            json_object_set_object_member (obj, info->member, address_object (g_ptr_array_index (value->list, 0)));
        }
      else
        json_object_set_array_member (obj, info->member, list_array (info->type, value->set ? value->list : NULL));
      break;
    }
}

/**
 * kith_record_to_json:
 *
 * Returns: (transfer full): @record's values now, in the shape of docs/json.md
 */
JsonObject *
kith_record_to_json (KithRecord *record)
{
  const KithRecordValues *values;
  KithRecordKind kind;
  JsonObject *obj;

  g_return_val_if_fail (KITH_IS_RECORD (record), NULL);

  values = kith_record_get_values (record);
  kind = kith_record_get_kind (record);
  obj = json_object_new ();
  json_object_set_int_member (obj, "id", kith_record_get_id (record));
  json_object_set_string_member (obj, "kind", kith_record_kind_to_string (kind));
  for (KithField f = KITH_FIELD_ID + 1; f < KITH_N_FIELDS; f++)
    if (kith_field_applies_to (f, kind))
      add_field (obj, f, &values->fields[f]);

  return obj;
}

/**
 * kith_store_get_record:
 *
 * Returns: (transfer full) (nullable): the whole record in the shape of docs/json.md, or %NULL
 *   with %KITH_STORE_ERROR_NOT_FOUND
 */
JsonObject *
kith_store_get_record (KithStore  *self,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(KithRecord) record = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  record = kith_store_read_record (self, id, error);
  return record != NULL ? kith_record_to_json (record) : NULL;
}
