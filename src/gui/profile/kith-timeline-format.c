/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How a profile's timeline says when something happened and what it was */

#define G_LOG_DOMAIN "KithTimelineFormat"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-date-format.h"
#include "kith-timeline-format.h"
#include "kith-todos.h"
#include "kith-types.h"

/**
 * kith_timeline_format_when:
 *
 * Returns: (transfer full): the time today or yesterday ("Today, 14:05"), the day and time this
 *   year, else the date
 */
char *
kith_timeline_format_when (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *relative = kith_date_format_relative_day (local);

  if (relative != NULL)
    {
      g_autofree char *time = kith_date_format (local, "%H:%M");

      /* Translators: a day said relatively ("Today", "Yesterday"), then a time of day */
      return g_strdup_printf (_("%s, %s"), relative, time);
    }
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    return kith_date_format (local, _("%-d %b, %H:%M"));
  return kith_date_format (local, _("%-d %b %Y"));
}

/**
 * kith_timeline_format_day:
 * @day: a day, in the zone it is meant in
 *
 * A day as the Agenda writes it: its name, number and month, and the year when it is not this
 * one.
 *
 * Returns: (transfer full): the day's text
 */
char *
kith_timeline_format_day (GDateTime *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (day) == g_date_time_get_year (now))
    /* Translators: a day this year, as in the Agenda; see g_date_time_format () */
    return kith_date_format (day, _("%a %-d %b"));
  /* Translators: a day in another year; see g_date_time_format () */
  return kith_date_format (day, _("%a %-d %b %Y"));
}

/**
 * kith_timeline_format_parse_day:
 * @iso_day: (nullable): a day as the store keeps it, "YYYY-MM-DD"
 *
 * Returns: (transfer full) (nullable): that day at noon, local time; %NULL when @iso_day names none
 */
GDateTime *
kith_timeline_format_parse_day (const char *iso_day)
{
  GDate date;

  if (iso_day == NULL || !kith_parse_date (iso_day, FALSE, &date))
    return NULL;
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
}

/**
 * kith_timeline_format_iso_day:
 * @iso_day: (nullable): a to-do's due day as the store keeps it, "YYYY-MM-DD", or with a local
 *   time of day, "YYYY-MM-DDTHH:MM"
 *
 * Returns: (transfer full) (nullable): the day's text ("Wed 2 Dec"), with the time when it has
 *   one ("Wed 2 Dec, 15:00"), or %NULL when @iso_day names none
 */
char *
kith_timeline_format_iso_day (const char *iso_day)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;
  GDate date;
  int minute;

  if (iso_day == NULL || !kith_todo_parse_due (iso_day, &date, &minute))
    return NULL;
  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  text = kith_timeline_format_day (day);
  if (minute < 0)
    return g_steal_pointer (&text);
  /* Translators: a day, then the time of day something is due at ("Wed 2 Dec, 15:00") */
  return g_strdup_printf (_("%s, %02d:%02d"), text, minute / 60, minute % 60);
}

const char *
kith_timeline_format_icon (KithTimelineStyle style,
                           KithDirection     direction)
{
  switch (style)
    {
    case KITH_TIMELINE_STYLE_EMAIL:
      return direction == KITH_DIRECTION_OUTBOUND ? "mail-send-symbolic" : "mail-unread-symbolic";
    case KITH_TIMELINE_STYLE_CALL:
      return direction == KITH_DIRECTION_INBOUND ? "call-incoming-symbolic" : "call-outgoing-symbolic";
    case KITH_TIMELINE_STYLE_MEETING:
    case KITH_TIMELINE_STYLE_EVENT:
      return "x-office-calendar-symbolic";
    case KITH_TIMELINE_STYLE_TEXT:
    case KITH_TIMELINE_STYLE_DIRECT:
      return "chat-message-new-symbolic";
    case KITH_TIMELINE_STYLE_TODO:
      return "task-due-symbolic";
    case KITH_TIMELINE_STYLE_NOTE:
    case KITH_TIMELINE_STYLE_POSTAL:
    default:
      return "text-editor-symbolic";
    }
}
