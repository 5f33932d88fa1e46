/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-input-json.h"
#include "kith-records-private.h"
#include "kith-synckey.h"

/*
 * The input of a record write as JSON (docs/json.md), from the edges: kith-cli, the local API,
 * import. Each member is checked for its JSON shape here and for its value by the checks that a
 * typed record's changes go through too (kith-record-input.c).
 */

#define P  (1u << KITH_RECORD_PERSON)
#define C  (1u << KITH_RECORD_COMPANY)
#define PR (1u << KITH_RECORD_PROJECT)
#define ALL (P | C | PR)

/* What a JSON member holds, as a value to check */
void
kith_input_value_of_node (JsonNode       *node,
                          KithInputValue *out)
{
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_NONE;

  *out = (KithInputValue) { KITH_INPUT_OTHER };
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    out->kind = KITH_INPUT_NULL;
  else if (type == G_TYPE_STRING)
    *out = (KithInputValue) { KITH_INPUT_TEXT, .text = json_node_get_string (node) };
  else if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    *out = (KithInputValue) { KITH_INPUT_NUMBER, .number = json_node_get_double (node) };
  else if (type == G_TYPE_BOOLEAN)
    *out = (KithInputValue) { KITH_INPUT_FLAG, .flag = json_node_get_boolean (node) };
}

static gboolean
get_node_string (JsonNode    *node,
                 const char  *label,
                 gsize        max_len,
                 gboolean     allow_null,
                 char       **out,
                 GError     **error)
{
  KithInputValue v;

  kith_input_value_of_node (node, &v);
  return kith_input_get_string (&v, label, max_len, allow_null, out, error);
}

static gboolean
get_node_number (JsonNode    *node,
                 const char  *label,
                 double      *out,
                 GError     **error)
{
  KithInputValue v;

  kith_input_value_of_node (node, &v);
  return kith_input_get_number (&v, label, out, error);
}

static gboolean
is_true_member (JsonObject *obj,
                const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* Lists accept objects ({"value": …}) or, for convenience, plain strings. */
static gboolean
get_list (JsonNode    *node,
          const char  *label,
          JsonArray  **out,
          GError     **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, _("The %s must be a list"), label);
  if (json_array_get_length (json_node_get_array (node)) > 1000)
    return kith_invalid (error, _("The %s list is too long (at most 1000 entries)"), label);

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_entry_value (JsonNode    *element,
                 const char  *label,
                 JsonObject **out_obj,
                 char       **out_value,
                 GError     **error)
{
  *out_obj = NULL;

  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonNode *value;

      *out_obj = json_node_get_object (element);
      value = json_object_get_member (*out_obj, "value");
      if (value == NULL)
        return kith_invalid (error, _("Each entry of the %s list needs a “value”"), label);
      return get_node_string (value, label, KITH_MAX_TEXT, FALSE, out_value, error);
    }

  return get_node_string (element, label, KITH_MAX_TEXT, FALSE, out_value, error);
}

/* An entry's label: a member of its own ({"work": true}), or "label" */
static const char *
entry_label (JsonObject *obj)
{
  if (obj == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kith_entry_labels); i++)
    if (is_true_member (obj, kith_entry_labels[i]))
      return kith_entry_labels[i];

  return kith_input_known_label (json_object_get_string_member_with_default (obj, "label", NULL));
}

static gboolean
parse_channel_entry (KithStore   *store,
                     const char  *type,
                     const char  *label,
                     JsonNode    *element,
                     GPtrArray   *list,
                     GError     **error)
{
  g_autofree char *value = NULL;
  JsonObject *obj;

  return get_entry_value (element, label, &obj, &value, error) &&
         kith_record_input_add_channel (store, type, g_steal_pointer (&value), entry_label (obj),
                      obj != NULL && is_true_member (obj, "preferred"), list, error);
}

static gboolean
parse_channels (KithStore        *store,
                KithRecordInput  *in,
                const char       *type,
                JsonNode         *node,
                GError          **error)
{
  const char *label = kith_channel_label (type);
  GPtrArray *list = kith_record_input_reset_channels (in, type);
  JsonArray *array = NULL;

  if (!get_list (node, label, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (!parse_channel_entry (store, type, label, json_array_get_element (array, i), list, error))
      return FALSE;

  return TRUE;
}

static gboolean
get_optional_string (JsonObject  *obj,
                     const char  *member,
                     const char  *label,
                     char       **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  return get_node_string (node, label, KITH_MAX_TEXT, TRUE, out, error);
}

static gboolean
parse_address (JsonNode  *node,
               KithAddress  **out,
               GError   **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *obj;
  KithAddress *a;
  gboolean ok;

  *out = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return kith_invalid (error, _("An address must be an object with street, city, state, country and postal"));

  obj = json_node_get_object (node);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      static const char *known[] = { "street", "city", "state", "region", "country", "postal",
                                     "postalCode", "zip", "work", "home", "other", "label",
                                     "lat", "lng", "latitude", "longitude", "value" };
      if (!g_strv_contains (known, l->data))
        return kith_invalid (error, _("Unknown address member “%s”"), (const char *) l->data);
    }

  a = g_new0 (KithAddress, 1);
  ok = get_optional_string (obj, "street", _("street"), &a->street, error) &&
       get_optional_string (obj, "city", _("city"), &a->city, error) &&
       get_optional_string (obj, json_object_has_member (obj, "region") ? "region" : "state",
                            _("state"), &a->region, error) &&
       get_optional_string (obj, "country", _("country"), &a->country, error) &&
       get_optional_string (obj, json_object_has_member (obj, "postalCode") ? "postalCode"
                                 : json_object_has_member (obj, "zip") ? "zip" : "postal",
                            _("postal code"), &a->postal_code, error);

  /* A one-line address given as "value" goes in the street */
  if (ok && a->street == NULL && json_object_has_member (obj, "value"))
    ok = get_optional_string (obj, "value", _("address"), &a->street, error);

  if (ok)
    {
      const char *lat = json_object_has_member (obj, "lat") ? "lat" : "latitude";
      const char *lng = json_object_has_member (obj, "lng") ? "lng" : "longitude";

      if (json_object_has_member (obj, lat) || json_object_has_member (obj, lng))
        {
          ok = json_object_has_member (obj, lat) && json_object_has_member (obj, lng) &&
               get_node_number (json_object_get_member (obj, lat), _("latitude"), &a->latitude, error) &&
               get_node_number (json_object_get_member (obj, lng), _("longitude"), &a->longitude, error);
          if (ok && (fabs (a->latitude) > 90 || fabs (a->longitude) > 180))
            ok = kith_invalid (error, _("The position %g, %g is not on Earth"), a->latitude, a->longitude);
          else if (!ok && error != NULL && *error == NULL)
            ok = kith_invalid (error, _("An address position needs both lat and lng"));
          a->has_position = ok;
        }
    }

  if (!ok)
    {
      kith_address_free (a);
      return FALSE;
    }

  a->label = g_strdup (entry_label (obj));
  *out = a;
  return TRUE;
}

static gboolean
parse_addresses (KithRecordInput *in,
                 JsonNode    *node,
                 gboolean     single,
                 GError     **error)
{
  JsonArray *array = NULL;

  g_clear_pointer (&in->addresses, g_ptr_array_unref);
  in->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_address_free);

  if (single)
    {
      KithAddress *a;

      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (!parse_address (node, &a, error))
        return FALSE;
      g_ptr_array_add (in->addresses, a);
      return TRUE;
    }

  if (!get_list (node, _("addresses"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      KithAddress *a;

      if (!parse_address (json_array_get_element (array, i), &a, error))
        return FALSE;
      g_ptr_array_add (in->addresses, a);
    }

  return TRUE;
}

static gboolean
parse_app_links (KithRecordInput *in,
                 JsonNode    *node,
                 GError     **error)
{
  JsonArray *array = NULL;

  in->app_links = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_app_link_free);

  if (!get_list (node, _("app links"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      g_autofree char *source = NULL;
      g_autofree char *unique_id = NULL;
      g_autofree char *app_name = NULL;
      g_autofree char *url = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return kith_invalid (error, _("Each app link must be an object with source and uniqueid"));
      obj = json_node_get_object (element);

      if (!get_optional_string (obj, "source", _("app link source"), &source, error) ||
          !get_optional_string (obj, "uniqueid", _("app link unique id"), &unique_id, error) ||
          !get_optional_string (obj, "label", _("app link label"), &app_name, error) ||
          !get_optional_string (obj, "url", _("app link URL"), &url, error))
        return FALSE;
      if (app_name == NULL &&
          !get_optional_string (obj, "name", _("app link label"), &app_name, error))
        return FALSE;
      if (!kith_record_input_add_app_link (in, source, unique_id, app_name, url, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_tags (KithRecordInput *in,
            JsonNode    *node,
            GError     **error)
{
  JsonArray *array = NULL;

  in->tags = g_ptr_array_new_with_free_func (g_free);

  if (!get_list (node, _("keywords"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      KithInputValue tag;

      kith_input_value_of_node (json_array_get_element (array, i), &tag);
      if (!kith_record_input_add_tag (in, &tag, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_custom (KithStore   *store,
              KithRecordInput *in,
              JsonNode    *node,
              GError     **error)
{
  JsonArray *array = NULL;

  kith_record_input_reset_custom (in);

  if (!get_list (node, _("custom fields"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      g_autofree char *key = NULL;
      g_autofree char *type = NULL;
      g_autofree char *name = NULL;
      g_autofree char *options = NULL;
      KithCustomInput *cv;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return kith_invalid (error, _("Each custom field must be an object with id and value"));
      obj = json_node_get_object (element);

      if (!get_optional_string (obj, "id", _("custom field id"), &key, error))
        return FALSE;
      if (key == NULL)
        return kith_invalid (error, _("A custom field value needs the field’s id"));
      if ((cv = kith_record_input_add_custom (store, in, key, &type, &name, &options, error)) == NULL)
        return FALSE;

      value = json_object_get_member (obj, "value");
      if (value != NULL &&
          !kith_fields_normalize_value (store, cv->field_id, name, type, options, value,
                                        cv->values, cv->nums, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_occasions (KithRecordInput *in,
                 JsonNode    *node,
                 GError     **error)
{
  JsonArray *array = NULL;

  in->occasions = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_occasion_free);

  if (!get_list (node, _("anniversaries"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      g_autofree char *label = NULL;
      g_autofree char *date = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return kith_invalid (error, _("Each anniversary must be an object with label and date"));
      obj = json_node_get_object (element);

      if (!get_optional_string (obj, "label", _("anniversary label"), &label, error) ||
          !get_optional_string (obj, "date", _("anniversary date"), &date, error) ||
          !kith_record_input_add_occasion (in, label, date, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_members (KithStore   *store,
               JsonNode    *node,
               const char  *label,
               GArray     **out,
               GError     **error)
{
  JsonArray *array = NULL;

  *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!get_list (node, label, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *identifier = NULL;
      JsonObject *obj;

      if (!get_entry_value (json_array_get_element (array, i), label, &obj, &identifier, error) ||
          !kith_record_input_add_member (store, label, identifier, *out, error))
        return FALSE;
    }

  return TRUE;
}

typedef gboolean (*MemberFunc) (KithStore        *store,
                                KithRecordInput  *in,
                                const char       *member,
                                JsonNode         *node,
                                GError          **error);

/* emails, phones, faxes, urls, domains */
static gboolean
parse_channel_member (KithStore        *store,
                      KithRecordInput  *in,
                      const char       *member,
                      JsonNode         *node,
                      GError          **error)
{
  return parse_channels (store, in, kith_channel_type_of_member (member), node, error);
}

static gboolean
parse_address_member (KithStore        *store,
                      KithRecordInput  *in,
                      const char       *member,
                      JsonNode         *node,
                      GError          **error)
{
  /* A deal has one address, people and companies a list */
  return parse_addresses (in, node, strcmp (member, "address") == 0, error);
}

static gboolean
parse_list_member (KithStore        *store,
                   KithRecordInput  *in,
                   const char       *member,
                   JsonNode         *node,
                   GError          **error)
{
  if (strcmp (member, "appLinks") == 0)
    return parse_app_links (in, node, error);
  if (strcmp (member, "keywords") == 0)
    return parse_tags (in, node, error);
  if (strcmp (member, "customFields") == 0)
    return parse_custom (store, in, node, error);

  return parse_occasions (in, node, error);
}

/* A deal's participants and team */
static gboolean
parse_people_member (KithStore        *store,
                     KithRecordInput  *in,
                     const char       *member,
                     JsonNode         *node,
                     GError          **error)
{
  if (strcmp (member, "participants") == 0)
    return parse_members (store, node, _("participant"), &in->participants, error);

  return parse_members (store, node, _("deal team member"), &in->team, error);
}

/* The lists, the kinds that take them and how they are read from JSON */
static const struct {
  const char *member;
  guint       kinds;
  MemberFunc  parse;
} list_members[] = {
  { "keywords", ALL, parse_list_member }, { "customFields", ALL, parse_list_member },
  { "appLinks", ALL, parse_list_member }, { "urls", ALL, parse_channel_member },
  { "phones", ALL, parse_channel_member }, { "faxes", ALL, parse_channel_member },
  { "addresses", P | C, parse_address_member }, { "address", PR, parse_address_member },
  { "emails", P | C, parse_channel_member }, { "domains", C, parse_channel_member },
  { "anniversaries", P, parse_list_member }, { "participants", PR, parse_people_member },
  { "dealTeam", PR, parse_people_member },
};

static gboolean
parse_member (KithStore        *store,
              KithRecordInput  *in,
              const char       *member,
              JsonNode         *node,
              GError          **error)
{
  guint kind_bit = 1u << in->kind;
  KithInputValue v;

  for (guint i = 0; i < G_N_ELEMENTS (list_members); i++)
    if ((list_members[i].kinds & kind_bit) && strcmp (list_members[i].member, member) == 0)
      return list_members[i].parse (store, in, member, node, error);

  kith_input_value_of_node (node, &v);
  return kith_record_input_set_member (store, in, member, &v, error);
}

static gboolean
parse_members_of (KithStore        *store,
                  KithRecordInput  *in,
                  JsonObject       *data,
                  GError          **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &member, &node))
    if (!parse_member (store, in, member, node, error))
      return FALSE;

  return TRUE;
}

/* Validates @data into @in, and completes a person's name from its parts or the parts from it */
gboolean
kith_record_input_parse (KithStore        *store,
                         KithRecordInput  *in,
                         JsonObject       *data,
                         GError          **error)
{
  if (!parse_members_of (store, in, data, error))
    return FALSE;

  kith_record_input_complete_names (in);
  return TRUE;
}
