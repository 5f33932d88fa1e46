/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTypes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-json.h"
#include "kith-types-private.h"

/* JSON at the edges (kith-cli, the local API, import): members that may be absent, and input
 * checked before it is parsed */

/**
 * kith_json_get_array:
 *
 * Returns: (transfer none) (nullable): the array member @member, or %NULL when there is none
 */
JsonArray *
kith_json_get_array (JsonObject *object,
                     const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * kith_json_get_string:
 *
 * Returns: (transfer none) (nullable): the string member @member, or %NULL when there is none
 *   or it is not a string
 */
const char *
kith_json_get_string (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/**
 * kith_json_set_string:
 * @value: (nullable): the value
 *
 * Sets @member to @value, or leaves it absent when @value is %NULL.
 */
void
kith_json_set_string (JsonObject *object,
                      const char *member,
                      const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

/**
 * kith_json_get_object:
 *
 * Returns: (transfer none) (nullable): the object member @member, or %NULL when there is none
 */
JsonObject *
kith_json_get_object (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Deeper JSON than any record, item or to-do needs; json-glib recurses once per level */
#define MAX_JSON_DEPTH 64

/* What json-glib would take badly: nesting that exhausts its stack, a "\u0000" that cuts a
 * string short, and whole numbers outside 64 bits, which it wraps around. */
static gboolean
check_json_input (const char  *data,
                  gsize        length,
                  GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gsize line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\0')
        return kith_invalid (error, _("The JSON input holds a NUL byte on line %" G_GSIZE_FORMAT), line);
      if (c == '\n')
        line++;

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\' && i + 1 < length)
            {
              if (g_ascii_tolower (data[i + 1]) == 'u' && i + 6 <= length && g_ascii_strncasecmp (data + i + 2, "0000", 4) == 0)
                return kith_invalid (error, _("The JSON input holds a NUL character (\\u0000) in a string on line %"
                                              G_GSIZE_FORMAT), line);
              i++;
            }
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return kith_invalid (error, _("The JSON input is nested more than %d deep (line %" G_GSIZE_FORMAT ")"),
                                 MAX_JSON_DEPTH, line);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;
          g_autofree char *number = NULL;
          gboolean whole = TRUE;
          char *end = NULL;

          while (i + 1 < length && (g_ascii_isdigit (data[i + 1]) || strchr ("+-.eE", data[i + 1]) != NULL))
            {
              i++;
              if (!g_ascii_isdigit (data[i]))
                whole = FALSE;
            }
          if (!whole)
            continue;

          number = g_strndup (data + start, i - start + 1);
          errno = 0;
          g_ascii_strtoll (number, &end, 10);
          if (errno == ERANGE)
            return kith_invalid (error, _("The number %s in the JSON input (line %" G_GSIZE_FORMAT ") is too "
                                          "large: whole numbers must fit in 64 bits"), number, line);
        }
    }

  return TRUE;
}

/**
 * kith_json_parse_input:
 * @data: JSON text from outside (a file, standard input)
 * @length: its length in bytes
 *
 * Parses JSON input after refusing what json-glib would crash on or silently change: nesting
 * deeper than 64, NUL characters and whole numbers beyond 64 bits.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error set
 */
JsonNode *
kith_json_parse_input (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_json_input (data, length, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      kith_invalid (error, _("The JSON input is empty"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * kith_json_month_days:
 * @first: the first day
 * @n_days: how many days follow it
 *
 * The month-days ("MM-DD") of @first and the @n_days after it, as a JSON list for SQLite's
 * json_each(), to find yearly dates that come round in them: 29 February stands in on
 * 28 February of a common year, so that a leap-day birthday is not skipped.
 *
 * Returns: (transfer full): the JSON list
 */
char *
kith_json_month_days (const GDate *first,
                      int          n_days)
{
  GString *days = g_string_new ("[");
  GDate d = *first;

  for (int i = 0; i <= n_days; i++, g_date_add_days (&d, 1))
    {
      g_string_append_printf (days, "%s\"%02d-%02d\"", i ? "," : "", g_date_get_month (&d), g_date_get_day (&d));
      if (g_date_get_month (&d) == G_DATE_FEBRUARY && g_date_get_day (&d) == 28 &&
          !g_date_is_leap_year (g_date_get_year (&d)))
        g_string_append (days, ",\"02-29\"");
    }
  g_string_append_c (days, ']');

  return g_string_free (days, FALSE);
}

/**
 * kith_json_text_to_strv:
 * @text: (nullable): a JSON list of strings, as a TEXT column keeps one
 *
 * Returns: (transfer full): its strings, in order, without any that are not strings; empty for
 *   %NULL or text that is no list
 */
GStrv
kith_json_text_to_strv (const char *text)
{
  g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (e));
    }

  return g_strv_builder_end (builder);
}

/**
 * kith_json_strv_to_text:
 * @strv: (nullable): strings
 *
 * Returns: (transfer full): @strv as a JSON list, as a TEXT column keeps it ("[]" for %NULL)
 */
char *
kith_json_strv_to_text (const char * const *strv)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  node = json_node_init_array (json_node_alloc (), array);

  return json_to_string (node, FALSE);
}
