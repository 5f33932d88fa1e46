/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-store-private.h"
#include "kith-synckey.h"
#include "kith-timeline-private.h"

/* Checking the JSON of timeline items and to-dos, and the people they name */

gboolean
kith_timeline_get_text (JsonObject  *obj,
                        const char  *member,
                        const char  *label,
                        gsize        max_len,
                        const char **out,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return kith_invalid (error, _("The %s must be text"), label);

  *out = json_node_get_string (node);
  if (!kith_validate_text (label, *out, max_len, error))
    return FALSE;
  if (**out == '\0')
    *out = NULL;

  return TRUE;
}

/* Points *@text at a copy without control characters, owned by *@owned; at NULL when nothing
 * is left of it. */
void
kith_timeline_strip_controls (const char **text,
                              char       **owned,
                              gboolean     multi_line)
{
  if (*text == NULL)
    return;

  *owned = kith_text_strip_controls (*text, multi_line);
  *text = **owned != '\0' ? *owned : NULL;
}

gboolean
kith_timeline_get_time (JsonObject  *obj,
                        const char  *member,
                        gint64       fallback,
                        gint64      *out,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      if (*out < 0)
        return kith_invalid (error, _("The date %" G_GINT64_FORMAT " is before 1970"), *out);
      if (*out > KITH_MAX_TIME)
        return kith_invalid (error, _("The date %" G_GINT64_FORMAT " is after the year 9999"), *out);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      *out = kith_parse_time (text);
      if (*out < 0)
        return kith_invalid (error, _("“%s” is not a date and time (use ISO 8601, such as 2026-11-23T09:30:00Z)"),
                        g_utf8_validate (text, -1, NULL) ? text : "?");
      return TRUE;
    }

  return kith_invalid (error, _("The %s must be a date"), member);
}

void
kith_party_free (KithParty *p)
{
  g_free (p->value);
  g_free (p->key);
  g_free (p->name);
  g_free (p);
}

/* Resolves an address (email, phone, handle) to a sync key and the record that owns it; an
 * address in @unlinked is named only, never linked to a record, now or later. */
KithParty *
kith_party_new (KithStore   *self,
                const char  *role,
                const char  *value,
                const char  *name,
                GHashTable  *unlinked,
                GError     **error)
{
  KithParty *p = g_new0 (KithParty, 1);
  const char *type = NULL;

  p->role = role;
  p->value = g_strdup (value);
  p->name = name != NULL ? kith_text_strip_controls (name, FALSE) : NULL;

  if (unlinked != NULL && g_hash_table_contains (unlinked, value))
    return p;

  if (value[0] == '#')
    {
      p->record_id = kith_store_lookup (self, value, NULL);
      if (p->record_id == 0)
        {
          kith_invalid (error, _("No record matches “%s”"), value);
          kith_party_free (p);
          return NULL;
        }
      return p;
    }

  p->key = kith_records_key_for_identifier (self, value, &type);
  if (p->key != NULL && type != NULL)
    {
      p->record_id = kith_records_find_by_key_and_name (self, type, p->key, name);
      if (p->record_id == 0 && strcmp (type, "synckey") != 0)
        p->record_id = kith_records_find_by_key (self, "synckey", value);
    }

  /* Only addresses that can identify someone later are kept as keys */
  if (type != NULL && (strcmp (type, "synckey") == 0 || strcmp (type, "domain") == 0))
    g_clear_pointer (&p->key, g_free);

  return p;
}

/* One entry of a list of people: an address, or {value, name?, role?}; @role keeps
 * the list's own role unless the entry names to, cc or bcc */
static gboolean
get_party_entry (JsonNode     *e,
                 const char   *member,
                 const char  **out_value,
                 const char  **out_name,
                 const char  **role,
                 GError      **error)
{
  const char *r = NULL;
  JsonObject *o;

  *out_value = *out_name = NULL;
  if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
    {
      *out_value = json_node_get_string (e);
      return kith_validate_text (member, *out_value, 1024, error);
    }
  if (!JSON_NODE_HOLDS_OBJECT (e))
    return TRUE;

  o = json_node_get_object (e);
  if (!kith_timeline_get_text (o, "value", member, 1024, out_value, error) ||
      !kith_timeline_get_text (o, "name", _("name"), 1024, out_name, error) ||
      !kith_timeline_get_text (o, "role", _("role"), 16, &r, error))
    return FALSE;
  if (r == NULL)
    return TRUE;
  if (g_strcmp0 (r, "to") != 0 && g_strcmp0 (r, "cc") != 0 && g_strcmp0 (r, "bcc") != 0)
    return kith_invalid (error, _("A recipient’s role is to, cc or bcc, not “%s”"), r);

  *role = g_intern_string (r);
  return TRUE;
}

/* The people of list @member of @data (recipients, participants, references), as parties of
 * @default_role */
gboolean
kith_timeline_add_parties (KithStore   *self,
                           JsonObject  *data,
                           const char  *member,
                           const char  *default_role,
                           GHashTable  *unlinked,
                           GPtrArray   *parties,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (data, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, _("The %s must be a list"), member);

  array = json_node_get_array (node);
  if (json_array_get_length (array) > 1000)
    return kith_invalid (error, _("The %s list is too long (at most 1000 entries)"), member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value, *name, *role = default_role;
      KithParty *p;

      if (!get_party_entry (json_array_get_element (array, i), member, &value, &name, &role, error))
        return FALSE;
      if (value == NULL)
        return kith_invalid (error, _("Each entry of %s needs a value"), member);
      if ((p = kith_party_new (self, role, value, name, unlinked, error)) == NULL)
        return FALSE;
      g_ptr_array_add (parties, p);
    }

  return TRUE;
}

gboolean
kith_timeline_check_members (JsonObject  *data,
                             const char **known,
                             const char  *what,
                             GError     **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_strv_contains (known, member))
      return kith_invalid (error, _("Unknown member “%s” for %s"),
                      g_utf8_validate (member, -1, NULL) ? member : "?", what);

  return TRUE;
}

gboolean
kith_timeline_check_choice (const char  *value,
                            const char  *label,
                            const char **choices,
                            GError     **error)
{
  if (value == NULL || g_strv_contains (choices, value))
    return TRUE;

  {
    g_autofree char *list = g_strjoinv (", ", (char **) choices);
    return kith_invalid (error, _("The %s “%s” is not one of %s"), label, value, list);
  }
}

/* Each party (of @role, or any with %NULL) must name a record: the message says which does not */
gboolean
kith_timeline_check_known (KithStore   *self,
                           GPtrArray   *parties,
                           const char  *role,
                           GError     **error)
{
  for (guint i = 0; i < parties->len; i++)
    {
      KithParty *p = g_ptr_array_index (parties, i);

      if (p->record_id == 0 && (role == NULL || strcmp (p->role, role) == 0))
        {
          g_autofree char *message = kith_records_no_match_message (self, p->value);

          return kith_invalid (error, "%s", message);
        }
    }

  return TRUE;
}
