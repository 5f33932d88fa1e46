/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * How the window writes a day: without the padding g_date_time_format () leaves before a
 * one-digit day ("%e"), and as "Today" or "Yesterday" where that says more than a date.
 */

#define G_LOG_DOMAIN "KithDateFormat"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-date-format.h"

/**
 * kith_date_format_relative_day:
 * @day: a time, local
 *
 * Returns: (transfer full) (nullable): "Today", "Yesterday" or "Tomorrow" for those days,
 *   else %NULL
 */
char *
kith_date_format_relative_day (GDateTime *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) date = g_date_new_dmy (g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                                          g_date_time_get_year (day));
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                           g_date_time_get_year (now));

  switch (g_date_days_between (today, date))
    {
    case 0:
      return g_strdup (_("Today"));
    case -1:
      return g_strdup (_("Yesterday"));
    case 1:
      return g_strdup (_("Tomorrow"));
    default:
      return NULL;
    }
}

/**
 * kith_date_format:
 * @when: a time
 * @format: as g_date_time_format () takes it, with "%-d" for a day of the month
 *
 * Returns: (transfer full): @when in @format, without spaces around it
 */
char *
kith_date_format (GDateTime  *when,
                  const char *format)
{
  char *text = g_date_time_format (when, format);

  return text != NULL ? g_strstrip (text) : g_strdup ("");
}
