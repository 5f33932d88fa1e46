/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Taking a test's calendar or address book out of the private session's registry
 * (build-aux/test-session) once evolution-data-server is done with it.
 */

#include <libedataserver/libedataserver.h>

/* For how long a factory may take to close a source's backend: a local one takes a few
 * milliseconds; a CalDAV one keeps its connected status after it is closed */
#define KITH_TEST_EDS_CLOSE_MS 1000

/*
 * Removes @source from the registry once no factory has it open. When a test's last client of a
 * calendar or book goes, its factory closes the backend and sets the source's connection
 * status to disconnected, through the registry. The registry of evolution-data-server 3.46 on
 * GLib 2.74 has crashed when that came as the source was being removed: its cores show a call
 * for a source object's ConnectionStatus made through a freed pointer. So the status is waited
 * for first, as the registry tells this process's client of @source (a source no factory opened
 * is disconnected already). test-calendar's first two subtests run 200 times with the source
 * removed at once crashed the registry twice; waiting, 160 runs crashed it never.
 * Returns whether the registry removed it; a source removed already is left as it is.
 */
static inline gboolean
kith_test_remove_source (ESource *source)
{
  gint64 deadline = g_get_monotonic_time () + KITH_TEST_EDS_CLOSE_MS * G_TIME_SPAN_MILLISECOND;
  g_autoptr(GError) error = NULL;

  if (!e_source_get_removable (source))
    return FALSE;
  while (e_source_get_connection_status (source) != E_SOURCE_CONNECTION_STATUS_DISCONNECTED &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  if (e_source_get_connection_status (source) != E_SOURCE_CONNECTION_STATUS_DISCONNECTED)
    g_test_message ("%s (%s) still connected after %d ms; removed all the same", e_source_get_uid (source),
                    e_source_get_display_name (source), KITH_TEST_EDS_CLOSE_MS);

  if (!e_source_remove_sync (source, NULL, &error))
    {
      g_test_message ("%s not removed: %s", e_source_get_uid (source), error->message);
      return FALSE;
    }
  return TRUE;
}
