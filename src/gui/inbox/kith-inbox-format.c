/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How the Inbox's rows and its message pane say when a message came and who sent it */

#define G_LOG_DOMAIN "KithInboxFormat"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-inbox-format.h"

/**
 * kith_inbox_format_date:
 * @ms: a time, ms since the epoch
 *
 * Returns: (transfer full): the time today, the day this year, else the date
 */
char *
kith_inbox_format_date (gint64 ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  char *text;

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    text = g_date_time_format (when, "%H:%M");
  else if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a date this year, as in "23 Nov" */
    text = g_date_time_format (when, _("%-d %b"));
  else
    /* Translators: a date in another year, as in "23 Nov 2025" */
    text = g_date_time_format (when, _("%-d %b %Y"));

  return g_strstrip (text);
}

/**
 * kith_inbox_format_sender:
 *
 * Returns: (transfer full): the sender's name, else the address, else "Unknown sender"
 */
char *
kith_inbox_format_sender (const char *name,
                          const char *address)
{
  if (name != NULL)
    return g_strdup (name);

  return g_strdup (address != NULL ? address : _("Unknown sender"));
}
