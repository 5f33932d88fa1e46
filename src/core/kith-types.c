/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTypes"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kith-store-private.h"
#include "kith-store.h"
#include "kith-types.h"

G_DEFINE_QUARK (kith-store-error-quark, kith_store_error)

static const char *kind_names[] = { "person", "company", "project" };

const char *
kith_record_kind_to_string (KithRecordKind kind)
{
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, NULL);

  return kind_names[kind];
}

KithRecordKind
kith_record_kind_from_string (const char *str)
{
  if (str == NULL)
    return KITH_RECORD_KIND_INVALID;

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (str, kind_names[i]) == 0)
      return (KithRecordKind) i;

  /* The plural forms used in the API's paths and on the command line */
  if (g_ascii_strcasecmp (str, "people") == 0)
    return KITH_RECORD_PERSON;
  if (g_ascii_strcasecmp (str, "companies") == 0)
    return KITH_RECORD_COMPANY;
  if (g_ascii_strcasecmp (str, "projects") == 0 || g_ascii_strcasecmp (str, "deal") == 0 ||
      g_ascii_strcasecmp (str, "property") == 0)
    return KITH_RECORD_PROJECT;

  return KITH_RECORD_KIND_INVALID;
}

gboolean
kith_sort_from_string (const char *str,
                       KithSort   *out_sort)
{
  static const struct { const char *name; KithSort sort; } sorts[] = {
    { "name", KITH_SORT_NAME },
    { "last-contact", KITH_SORT_LAST_CONTACT },
    { "lasttalked", KITH_SORT_LAST_CONTACT },
    { "last-changed", KITH_SORT_LAST_CHANGED },
    { "lastchanged", KITH_SORT_LAST_CHANGED },
    { "created", KITH_SORT_CREATED },
    { "stage", KITH_SORT_STAGE },
    { "value", KITH_SORT_VALUE },
  };

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (sorts); i++)
    if (g_ascii_strcasecmp (str, sorts[i].name) == 0)
      {
        *out_sort = sorts[i].sort;
        return TRUE;
      }

  return FALSE;
}

gboolean
kith_group_from_string (const char *str,
                        KithGroup  *out_group)
{
  if (str == NULL || g_ascii_strcasecmp (str, "none") == 0)
    *out_group = KITH_GROUP_NONE;
  else if (g_ascii_strcasecmp (str, "stage") == 0)
    *out_group = KITH_GROUP_STAGE;
  else if (g_ascii_strcasecmp (str, "segment") == 0)
    *out_group = KITH_GROUP_SEGMENT;
  else
    return FALSE;

  return TRUE;
}

/* Sets a KITH_STORE_ERROR_INVALID: bad input, with a message that names it. Returns FALSE. */
gboolean
kith_invalid (GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID, message);
  return FALSE;
}

void
kith_record_row_free (KithRecordRow *row)
{
  if (row == NULL)
    return;

  g_free (row->name);
  g_free (row->headline);
  g_free (row->company);
  g_free (row->segment);
  g_free (row->stage);
  g_free (row->picture);
  g_free (row);
}

/* "YYYY-MM-DD", or "--MM-DD" when @allow_no_year (a birthday without the year; the date
 * then carries the leap year 2000 so that 29 February is valid). */
gboolean
kith_parse_date (const char *text,
                 gboolean    allow_no_year,
                 GDate      *out_date)
{
  int y, m, d;
  char tail;

  g_assert (out_date != NULL);

  if (text == NULL)
    return FALSE;

  g_date_clear (out_date, 1);

  if (allow_no_year && sscanf (text, "--%2d-%2d%c", &m, &d, &tail) == 2 && strlen (text) == 7)
    y = 2000;
  else if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10)
    return FALSE;

  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (out_date, d, m, y);
  return TRUE;
}

/* Milliseconds since the epoch from ISO 8601 ("2026-11-23T09:30:00Z", a date alone means
 * midnight UTC) or from a decimal number of milliseconds. Returns -1 when it does not parse. */
gint64
kith_parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDate date;
  char *end = NULL;
  gint64 ms;

  if (text == NULL || *text == '\0')
    return -1;

  ms = g_ascii_strtoll (text, &end, 10);
  if (end != text && *end == '\0')
    return ms >= 0 ? ms : -1;

  if (kith_parse_date (text, FALSE, &date))
    dt = g_date_time_new (utc, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), 0, 0, 0);
  else
    dt = g_date_time_new_from_iso8601 (text, utc);

  if (dt == NULL)
    return -1;

  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* At most KITH_MAX_PREVIEW bytes of readable text from a body, cut at a character boundary. */
char *
kith_make_preview (const char *body,
                   gboolean    is_html)
{
  GString *out;
  gboolean in_tag = FALSE;
  gboolean space = FALSE;

  if (body == NULL)
    return NULL;

  out = g_string_sized_new (MIN (strlen (body), KITH_MAX_PREVIEW) + 8);

  for (const char *p = body; *p != '\0' && out->len < KITH_MAX_PREVIEW; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_html && c == '<')
        {
          in_tag = TRUE;
          continue;
        }
      if (in_tag)
        {
          if (c == '>')
            {
              in_tag = FALSE;
              space = out->len > 0;
            }
          continue;
        }

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        {
          if (out->len + 1 >= KITH_MAX_PREVIEW)
            break;
          g_string_append_c (out, ' ');
          space = FALSE;
        }

      if (out->len + g_unichar_to_utf8 (c, NULL) > KITH_MAX_PREVIEW)
        break;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

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

/**
 * kith_serial_begin:
 *
 * Returns: %TRUE when the caller should start the job now; %FALSE when one is running, which
 *   kith_serial_end() will then say to run again
 */
gboolean
kith_serial_begin (KithSerial *serial)
{
  if (serial->running)
    {
      serial->again = TRUE;
      return FALSE;
    }

  serial->running = TRUE;
  return TRUE;
}

/**
 * kith_serial_end:
 *
 * Returns: %TRUE when the job was asked for while it ran, and should start again
 */
gboolean
kith_serial_end (KithSerial *serial)
{
  gboolean again = serial->again;

  serial->running = FALSE;
  serial->again = FALSE;

  return again;
}
