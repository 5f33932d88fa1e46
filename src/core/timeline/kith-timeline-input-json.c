/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-timeline-input-json.h"

/*
 * A timeline item or a to-do given as JSON (docs/json.md: the cli, import): what
 * is not of the right kind is refused here, everything else by the checks typed drafts pass
 * too (kith_timeline_input_check(), kith_todo_input_check()).
 */

static gboolean
check_members (JsonObject  *data,
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

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A copy of text member @member into *@out; none when it is not there */
static gboolean
get_text (JsonObject  *obj,
          const char  *member,
          const char  *label,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (is_null (node))
    return TRUE;
  if (!is_string (node))
    return kith_invalid (error, _("The %s must be text"), label);

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_texts (JsonObject           *data,
           gpointer              in,
           const KithInputText  *texts,
           guint                 n,
           GError              **error)
{
  for (guint i = 0; i < n; i++)
    if (!get_text (data, texts[i].member, _(texts[i].label), G_STRUCT_MEMBER_P (in, texts[i].offset), error))
      return FALSE;

  return TRUE;
}

/* One entry of a list of people: an address, or {value, name?, role?} */
static gboolean
get_party (JsonNode    *e,
           const char  *member,
           GPtrArray   *list,
           GError     **error)
{
  KithPartyInput *p = g_new0 (KithPartyInput, 1);
  JsonObject *o;

  g_ptr_array_add (list, p);
  if (is_string (e))
    {
      p->value = g_strdup (json_node_get_string (e));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (e))
    return TRUE;

  o = json_node_get_object (e);
  if (!get_text (o, "value", member, &p->value, error) ||
      !get_text (o, "name", _("name"), &p->name, error) ||
      !get_text (o, "role", _("role"), &p->role, error))
    return FALSE;
  /* An empty value in an object is none */
  if (p->value != NULL && *p->value == '\0')
    g_clear_pointer (&p->value, g_free);

  return TRUE;
}

/* The list of people @member, when given */
static gboolean
get_parties (JsonObject  *data,
             const char  *member,
             GPtrArray  **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (data, member);
  JsonArray *array;

  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, _("The %s must be a list"), member);

  array = json_node_get_array (node);
  *out = kith_party_input_list_new ();
  for (guint i = 0; i < json_array_get_length (array) && i <= 1000; i++)
    if (!get_party (json_array_get_element (array, i), member, *out, error))
      return FALSE;

  return TRUE;
}

/* "date": ms since the epoch, or ISO 8601 text */
static gboolean
get_date (JsonObject         *data,
          KithTimelineInput  *in,
          GError            **error)
{
  JsonNode *node = json_object_get_member (data, "date");

  if (is_null (node))
    return TRUE;

  in->has_date = TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      in->date = json_node_get_int (node);
      return TRUE;
    }
  if (is_string (node))
    {
      const char *text = json_node_get_string (node);

      if ((in->date = kith_parse_time (text)) < 0)
        return kith_invalid (error, _("“%s” is not a date and time (use ISO 8601, such as 2026-11-23T09:30:00Z)"),
                             g_utf8_validate (text, -1, NULL) ? text : "?");
      return TRUE;
    }

  return kith_invalid (error, _("The %s must be a date"), "date");
}

/* A list of addresses, kept as its JSON; a refusal names @member */
static gboolean
get_text_list (JsonObject  *data,
               const char  *member,
               char       **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (data, member);
  JsonArray *array;

  if (is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, _("“%s” must be a list of addresses"), member);
  array = json_node_get_array (node);
  if (json_array_get_length (array) > 100)
    return kith_invalid (error, _("“%s” lists more than 100 addresses"), member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return kith_invalid (error, _("“%s” must be a list of addresses"), member);
    }
  *out = json_to_string (node, FALSE);

  return TRUE;
}

/* The duration, links and replyto members, which are not text */
static gboolean
get_duration_and_links (JsonObject         *data,
                        KithTimelineInput  *in,
                        GError            **error)
{
  JsonNode *node;

  if (!is_null (node = json_object_get_member (data, "duration")))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return kith_invalid (error, _("The duration must be a number of seconds up to a week"));
      in->has_duration = TRUE;
      in->duration = json_node_get_int (node);
    }

  if (!is_null (node = json_object_get_member (data, "links")))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return kith_invalid (error, _("The links must be a list of addresses"));
      in->links = json_to_string (node, FALSE);
    }

  return get_text_list (data, "replyto", &in->reply_to, error);
}

/**
 * kith_timeline_input_from_json:
 * @data: a timeline item (docs/json.md, "Timeline items")
 *
 * Fills @in from @data, refusing what is not of the right kind; kith_timeline_input_check()
 * does the rest.
 */
gboolean
kith_timeline_input_from_json (JsonObject         *data,
                               KithTimelineInput  *in,
                               GError            **error)
{
  static const char *known[] = { "style", "date", "from", "name", "recipients", "references",
                                 "subject", "preview", "body", "bodytype", "threadid", "messageid",
                                 "duration", "location", "outcome", "direction", "links", "source",
                                 "uniqueid", "account", "dryrun", "participants", "replyto", NULL };

  return check_members (data, known, _("a timeline item"), error) &&
         get_texts (data, in, kith_timeline_input_texts, kith_timeline_input_n_texts, error) &&
         get_date (data, in, error) &&
         get_duration_and_links (data, in, error) &&
         get_parties (data, "recipients", &in->recipients, error) &&
         get_parties (data, "participants", &in->participants, error) &&
         get_parties (data, "references", &in->references, error);
}

/* "when": a day, a day and local time, a time in ms (midnight UTC for a day alone), or 1 or
 * "someday" for none */
static gboolean
get_due (JsonObject  *data,
         char       **out_due,
         GError     **error)
{
  JsonNode *when = json_object_get_member (data, "when");

  if (when == NULL || !JSON_NODE_HOLDS_VALUE (when))
    return TRUE;

  if (json_node_get_value_type (when) == G_TYPE_INT64)
    {
      g_autoptr(GDateTime) dt = NULL;

      if (json_node_get_int (when) == 1)
        return TRUE;
      if ((dt = g_date_time_new_from_unix_utc (json_node_get_int (when) / 1000)) == NULL)
        return kith_invalid (error, _("The date of the to-do is out of range"));
      /* Midnight UTC is a day alone; any other time keeps its local time of day */
      if (json_node_get_int (when) % (G_GINT64_CONSTANT (86400) * 1000) == 0)
        {
          *out_due = g_date_time_format (dt, "%Y-%m-%d");
        }
      else
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (dt);

          *out_due = g_date_time_format (local, "%Y-%m-%dT%H:%M");
        }
      return TRUE;
    }

  if (json_node_get_value_type (when) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (when);

      if (g_ascii_strcasecmp (text, "someday") != 0 && strcmp (text, "1") != 0)
        *out_due = g_strdup (text);
      return TRUE;
    }

  return kith_invalid (error, _("The to-do date must be a date (YYYY-MM-DD), a date and time (YYYY-MM-DDTHH:MM) or “someday”"));
}

/**
 * kith_todo_input_from_json:
 * @data: {subject, preview?, when? (YYYY-MM-DD or YYYY-MM-DDTHH:MM, or 1 / "someday"), participants?, assigner?,
 *   assignee?, source? + uniqueid?}
 *
 * Fills @in from @data, refusing what is not of the right kind; kith_todo_input_check() does
 * the rest.
 */
gboolean
kith_todo_input_from_json (JsonObject     *data,
                           KithTodoInput  *in,
                           GError        **error)
{
  static const char *known[] = { "subject", "preview", "when", "participants", "assigner",
                                 "assignee", "source", "uniqueid", NULL };

  if (!check_members (data, known, _("a to-do"), error) ||
      !get_texts (data, in, kith_todo_input_texts, kith_todo_input_n_texts, error) ||
      !get_due (data, &in->due, error) ||
      !get_parties (data, "participants", &in->participants, error))
    return FALSE;

  /* "participants": null takes them all off an updated to-do */
  if (in->participants == NULL && json_object_has_member (data, "participants"))
    in->participants = kith_party_input_list_new ();

  return TRUE;
}
