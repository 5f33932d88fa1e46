/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A local calendar in the private session's EDS registry, for the GUI tests of calendars: made
 * in the registry, written to and read back through its own ECalClient (not through Kith), as
 * another calendar app would. */

#include <libecal/libecal.h>

#include "kith-calendar-ical.h"
#include "kith-calendar-service.h"
#include "kith-gui-test-util.h"

static inline void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static inline gboolean
result_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* A new local calendar in the session's registry */
static inline ESource *
add_local_calendar (ESourceRegistry *registry,
                    const char      *name)
{
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = g_strdup (e_source_get_uid (scratch));
  ESourceBackend *backend;
  ESource *source;

  e_source_set_display_name (scratch, name);
  e_source_set_parent (scratch, "local-stub");
  backend = e_source_get_extension (scratch, E_SOURCE_EXTENSION_CALENDAR);
  e_source_backend_set_backend_name (backend, "local");
  g_assert_true (e_source_registry_commit_source_sync (registry, scratch, NULL, &error));
  g_assert_no_error (error);

  while ((source = e_source_registry_ref_source (registry, uid)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return source;
}

static inline char *
ical_utc (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

/* A client of @source. The calendar factory may learn of a source just added a moment after
 * the registry's client does: until then it answers "no such source", and is asked again */
static inline ECalClient *
connect_client (ESource *source)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      EClient *client;

      e_cal_client_connect (source, E_CAL_CLIENT_SOURCE_TYPE_EVENTS, 30, NULL, on_result_cb, &result);
      wait_until (result_set, &result);
      client = e_cal_client_connect_finish (result, &error);
      if (client != NULL)
        return E_CAL_CLIENT (client);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) || attempt == 50)
        g_error ("No client of the calendar: %s", error->message);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
}

/* An hour's event with Ada (ada@acme.example) that another app writes into the calendar of
 * @client, at @start (seconds); @more: further iCalendar lines, or %NULL */
static inline void
add_event_with_ada (ECalClient *client,
                    const char *uid,
                    const char *summary,
                    gint64      start,
                    const char *more)
{
  g_autofree char *dtstart = ical_utc (start);
  g_autofree char *dtend = ical_utc (start + 3600);
  g_autofree char *ical = g_strdup_printf ("BEGIN:VEVENT\r\nUID:%s\r\nSUMMARY:%s\r\nDTSTART:%s\r\nDTEND:%s\r\n"
                                           "ORGANIZER;CN=Me:mailto:me@kith.example\r\n"
                                           "ATTENDEE;CN=Ada;ROLE=REQ-PARTICIPANT:mailto:ada@acme.example\r\n"
                                           "%sEND:VEVENT\r\n", uid, summary, dtstart, dtend, more != NULL ? more : "");
  g_autoptr(ICalComponent) icomp = i_cal_component_new_from_string (ical);
  g_autoptr(GError) error = NULL;
  g_autofree char *new_uid = NULL;

  g_assert_true (e_cal_client_create_object_sync (client, icomp, E_CAL_OPERATION_FLAG_NONE, &new_uid, NULL, &error));
  g_assert_no_error (error);
}

/* Kith has opened the calendar of @source and reads it */
static inline gboolean
calendar_is_ready (KithCalendarService *service,
                   ESource             *source)
{
  KithCalendarSource *item = kith_calendar_service_find_source (service, e_source_get_uid (source));

  return item != NULL && kith_calendar_source_get_state (item) == KITH_CALENDAR_STATE_READY;
}

/* The parts of the Schedule Meeting dialog: its buttons by label, its fields by title */
static inline gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static inline gboolean
is_entry_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static inline GtkWidget *
entry_row (GtkWidget  *dialog,
           const char *title)
{
  GtkWidget *row = find_where (dialog, is_entry_row_titled, title);

  g_assert_nonnull (row);
  return row;
}
