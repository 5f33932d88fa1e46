/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTypes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
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
  g_free (row->currency);
  g_free (row);
}

/* A number as people write it: an optional sign, digits with an optional decimal point and an
 * optional exponent ("-12.5", ".5", "2.5e3"). Hex ("0x10", "0x1p3"), "inf", "nan" and numbers
 * too large or too small for a double (which would be stored as infinity or 0) are refused. */
gboolean
kith_parse_number (const char *text,
                   double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || strspn (text, "0123456789+-.eE") != strlen (text))
    return FALSE;

  errno = 0;
  *out = g_ascii_strtod (text, &end);

  return end != text && *end == '\0' && errno == 0 && isfinite (*out);
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
    return ms >= 0 && ms <= KITH_MAX_TIME ? ms : -1;

  if (kith_parse_date (text, FALSE, &date))
    dt = g_date_time_new (utc, g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), 0, 0, 0);
  else
    dt = g_date_time_new_from_iso8601 (text, utc);

  if (dt == NULL)
    return -1;

  ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return ms >= 0 && ms <= KITH_MAX_TIME ? ms : -1;
}

/* The end of a control string (OSC and the like) that starts at @p: after its BEL or ST */
static const char *
skip_control_string (const char *p)
{
  while (*p != '\0' && *p != 0x07 && !(p[0] == 0x1b && p[1] == '\\') && g_utf8_get_char (p) != 0x9c)
    p = g_utf8_next_char (p);
  if (*p == 0x1b)
    return p + 2;

  return *p != '\0' ? g_utf8_next_char (p) : p;
}

/* Where the control sequence that starts at @p ends: a CSI (ESC [, or the C1 CSI when
 * parameters follow it) after its parameters and final byte, an OSC or other string
 * (ESC ] P X ^ _) at its BEL or ST, anything else after the control character itself. A C1
 * control with no parameters after it counts alone: in mail that is mostly mis-decoded
 * Windows-1252 (0x9B is "›"), and the letters after it are text. */
static const char *
skip_control_sequence (const char *p)
{
  gboolean c1_csi = (guchar) p[0] == 0xc2 && (guchar) p[1] == 0x9b;

  if (c1_csi && p[2] >= 0x30 && p[2] <= 0x3f)
    p += 2;
  else if (p[0] == 0x1b && p[1] == '[')
    p += 2;
  else if (p[0] == 0x1b && p[1] != '\0' && strchr ("]PX^_", p[1]) != NULL)
    return skip_control_string (p + 2);
  else
    return g_utf8_next_char (p);

  while (*p >= 0x20 && *p <= 0x3f)
    p++;
  if (*p >= 0x40 && *p <= 0x7e)
    p++;

  return p;
}

/**
 * kith_text_strip_controls:
 * @text: UTF-8 text
 * @multi_line: whether @text may hold lines (notes, bodies)
 *
 * Removes C0 and C1 control characters and the escape sequences they start (with their
 * parameters: the `[31m` of `ESC [31m`, the `]0;title` of `ESC ]0;title BEL`), which would reach
 * a terminal or a label: a sender's name must not be able to restyle or clear the screen of
 * whoever runs `kith-cli find`. Multi-line text keeps its line feeds and tabs; in single-line text (names,
 * subjects, titles) they and other white-space controls become spaces.
 *
 * Returns: (transfer full): the cleaned text
 */
char *
kith_text_strip_controls (const char *text,
                          gboolean    multi_line)
{
  GString *out;
  const char *run = text;  /* the characters kept as they are, not copied yet */
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  /* Most of any text is kept as it is, and copied a run at a time (a bulk load strips every
   * body): printable ASCII, and every character of more than one byte but the C1 controls
   * (U+0080 to U+009F, 0xC2 0x80 to 0xC2 0x9F) */
  out = g_string_sized_new (strlen (text));
  while (*p != '\0')
    {
      guchar b = *p;
      gunichar c;

      if ((b >= 0x20 && b < 0x7F) || (b >= 0x80 && !(b == 0xC2 && (guchar) p[1] <= 0x9F)))
        {
          p++;
          continue;
        }

      g_string_append_len (out, run, p - run);
      c = g_utf8_get_char (p);
      if (multi_line && (c == '\n' || c == '\t'))
        g_string_append_c (out, (char) c);
      else if (!multi_line && (c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'))
        g_string_append_c (out, ' ');
      p = run = skip_control_sequence (p);
    }
  g_string_append_len (out, run, p - run);

  return g_string_free (out, FALSE);
}

/* g_unichar_isspace() of an ASCII character, without its table: a preview is made of every item
 * of a bulk load (not '\v', which is a control character to Unicode) */
static inline gboolean
is_ascii_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* At most KITH_MAX_PREVIEW bytes of readable text from a body, cut at a character boundary:
 * runs of white space become one space, and an HTML body loses its tags.
 *
 * Written straight into a buffer the size of the body (or of a preview, if less), which it can
 * only shorten: a preview is made of every item of a bulk load, and a GString's append cost
 * more than the rest of it. */
char *
kith_make_preview (const char *body,
                   gboolean    is_html)
{
  char *out;
  gsize len = 0;
  gboolean space = FALSE;
  const char *p = body;

  if (body == NULL)
    return NULL;

  out = g_malloc (MIN (strlen (body), KITH_MAX_PREVIEW) + 1);
  while (*p != '\0' && len < KITH_MAX_PREVIEW)
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (is_html && c == '<')
        {
          if ((p = strchr (p, '>')) == NULL)
            break;
          p++;
          space = len > 0;
          continue;
        }

      if (c < 0x80 ? is_ascii_space (c) : g_unichar_isspace (c))
        {
          space = len > 0;
          p = g_utf8_next_char (p);
          continue;
        }

      if (space)
        {
          if (len + 1 >= KITH_MAX_PREVIEW)
            break;
          out[len++] = ' ';
          space = FALSE;
        }

      if (c < 0x80)
        {
          out[len++] = *p++;
          continue;
        }
      if (len + g_unichar_to_utf8 (c, NULL) > KITH_MAX_PREVIEW)
        break;
      len += g_unichar_to_utf8 (c, out + len);
      p = g_utf8_next_char (p);
    }
  out[len] = '\0';

  return out;
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

/**
 * kith_hidden_wait_ms:
 * @read_at: when the view's last reading came back (g_get_monotonic_time()), or 0 for never
 *
 * Returns: how many milliseconds from now a view nobody sees reads again for a change
 *   (%KITH_HIDDEN_WAIT_S after its last reading), 0 for now
 */
guint
kith_hidden_wait_ms (gint64 read_at)
{
  gint64 next = read_at + KITH_HIDDEN_WAIT_S * G_USEC_PER_SEC;
  gint64 now = g_get_monotonic_time ();

  return read_at == 0 || now >= next ? 0 : (guint) ((next - now) / 1000 + 1);
}
