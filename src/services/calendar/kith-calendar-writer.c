/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithCalendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-calendar-ical.h"
#include "kith-calendar-writer.h"

/*
 * Meetings Kith writes into calendars ("Schedule Meeting"), through evolution-data-server so
 * that they reach the server. Each is marked as made in Kith (X-KITH-CREATED), and Kith changes
 * and removes only those: an event someone else made is theirs. Every call blocks: run it in
 * a worker thread.
 */

#define KITH_MARK "X-KITH-CREATED"

G_DEFINE_QUARK (kith-calendar-error-quark, kith_calendar_error)

KithCalendarEvent *
kith_calendar_event_new (const char *title,
                         gint64      start,
                         gint64      duration)
{
  KithCalendarEvent *event = g_new0 (KithCalendarEvent, 1);

  event->title = g_strdup (title);
  event->start = start;
  event->duration = duration;

  return event;
}

KithCalendarEvent *
kith_calendar_event_copy (const KithCalendarEvent *event)
{
  KithCalendarEvent *copy = kith_calendar_event_new (event->title, event->start, event->duration);

  copy->uid = g_strdup (event->uid);
  copy->location = g_strdup (event->location);
  copy->notes = g_strdup (event->notes);
  copy->attendees = g_strdupv (event->attendees);

  return copy;
}

void
kith_calendar_event_free (KithCalendarEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->uid);
  g_free (event->title);
  g_free (event->location);
  g_free (event->notes);
  g_strfreev (event->attendees);
  g_free (event);
}

/**
 * kith_calendar_event_locate:
 * @item_source: a timeline item's source: "calendar:<calendar uid>" for a meeting from a calendar
 * @unique_id: the item's unique id, "<UID>#<RECURRENCE-ID>"
 *
 * Which calendar event a timeline item shows, when it is one Kith could have written: a
 * single event of a calendar (Kith writes no series; an instance of one is changed in the
 * calendar app).
 *
 * Returns: %TRUE with the calendar's and the event's UID set, or %FALSE
 */
gboolean
kith_calendar_event_locate (const char  *item_source,
                            const char  *unique_id,
                            char       **out_calendar_uid,
                            char       **out_event_uid)
{
  const char *hash;

  if (item_source == NULL || unique_id == NULL || !g_str_has_prefix (item_source, "calendar:") ||
      item_source[strlen ("calendar:")] == '\0')
    return FALSE;
  /* An event that does not recur has an empty RECURRENCE-ID */
  hash = strrchr (unique_id, '#');
  if (hash == NULL || hash == unique_id || hash[1] != '\0')
    return FALSE;

  *out_calendar_uid = g_strdup (item_source + strlen ("calendar:"));
  *out_event_uid = g_strndup (unique_id, hash - unique_id);
  return TRUE;
}

/**
 * kith_calendar_writer_check_writable:
 *
 * Returns: whether @client's calendar takes writes; a read-only one is refused with a message
 *   that names it
 */
gboolean
kith_calendar_writer_check_writable (ECalClient  *client,
                                     GError     **error)
{
  if (!e_client_is_readonly (E_CLIENT (client)))
    return TRUE;

  g_set_error (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_READ_ONLY,
               _("The calendar “%s” is read-only: pick another one"),
               e_source_get_display_name (e_client_get_source (E_CLIENT (client))));
  return FALSE;
}

static ICalTime *
utc_time (gint64 ms)
{
  return i_cal_time_new_from_timet_with_zone ((time_t) (ms / 1000), FALSE, i_cal_timezone_get_utc_timezone ());
}

static void
remove_all (ICalComponent    *icomp,
            ICalPropertyKind  kind)
{
  ICalProperty *prop;

  while ((prop = i_cal_component_get_first_property (icomp, kind)) != NULL)
    {
      i_cal_component_remove_property (icomp, prop);
      g_object_unref (prop);
    }
}

/* Writes what @event says into @icomp, over what it said before */
static void
fill_component (ICalComponent           *icomp,
                const KithCalendarEvent *event)
{
  g_autoptr(ICalTime) start = utc_time (event->start);
  g_autoptr(ICalTime) end = utc_time (event->start + event->duration * 1000);

  i_cal_component_set_summary (icomp, event->title != NULL ? event->title : "");
  i_cal_component_set_dtstart (icomp, start);
  i_cal_component_set_dtend (icomp, end);
  remove_all (icomp, I_CAL_LOCATION_PROPERTY);
  if (event->location != NULL && *event->location != '\0')
    i_cal_component_set_location (icomp, event->location);
  remove_all (icomp, I_CAL_DESCRIPTION_PROPERTY);
  if (event->notes != NULL && *event->notes != '\0')
    i_cal_component_set_description (icomp, event->notes);

  remove_all (icomp, I_CAL_ATTENDEE_PROPERTY);
  for (guint i = 0; event->attendees != NULL && event->attendees[i] != NULL; i++)
    {
      g_autofree char *mailto = g_strconcat ("mailto:", event->attendees[i], NULL);
      ICalProperty *attendee = i_cal_property_new_attendee (mailto);

      i_cal_property_take_parameter (attendee, i_cal_parameter_new_role (I_CAL_ROLE_REQPARTICIPANT));
      i_cal_property_take_parameter (attendee, i_cal_parameter_new_partstat (I_CAL_PARTSTAT_NEEDSACTION));
      i_cal_component_take_property (icomp, attendee);
    }
}

/**
 * kith_calendar_writer_create:
 *
 * Writes a new meeting into the calendar of @client.
 *
 * Returns: (transfer full): the event's UID, or %NULL with @error set
 */
char *
kith_calendar_writer_create (ECalClient              *client,
                             const KithCalendarEvent *event,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  g_autoptr(ICalComponent) icomp = NULL;
  g_autofree char *uid = NULL;
  char *out_uid = NULL;

  if (!kith_calendar_writer_check_writable (client, error))
    return NULL;

  /* Undo writes a removed meeting again under its own UID */
  uid = event->uid != NULL ? g_strdup (event->uid) : g_uuid_string_random ();
  icomp = i_cal_component_new_vevent ();
  i_cal_component_set_uid (icomp, uid);
  fill_component (icomp, event);
  e_cal_util_component_set_x_property (icomp, KITH_MARK, "1");

  if (!e_cal_client_create_object_sync (client, icomp, E_CAL_OPERATION_FLAG_NONE, &out_uid, cancellable, error))
    return NULL;

  return out_uid != NULL ? out_uid : g_steal_pointer (&uid);
}

/* The event @uid, when Kith made it */
static ICalComponent *
get_kiths (ECalClient    *client,
           const char    *uid,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ICalComponent) icomp = NULL;
  g_autofree char *mark = NULL;

  if (!e_cal_client_get_object_sync (client, uid, NULL, &icomp, cancellable, &local_error))
    {
      if (g_error_matches (local_error, E_CAL_CLIENT_ERROR, E_CAL_CLIENT_ERROR_OBJECT_NOT_FOUND))
        g_set_error (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_NOT_FOUND,
                     _("The meeting is no longer in the calendar"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  mark = e_cal_util_component_dup_x_property (icomp, KITH_MARK);
  if (mark == NULL)
    {
      g_set_error (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_NOT_KITHS,
                   _("This meeting was not made in Kith: change it in your calendar"));
      return NULL;
    }

  return g_steal_pointer (&icomp);
}

/**
 * kith_calendar_writer_modify:
 *
 * Changes a meeting made in Kith to say what @event says.
 */
gboolean
kith_calendar_writer_modify (ECalClient              *client,
                             const char              *uid,
                             const KithCalendarEvent *event,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  g_autoptr(ICalComponent) icomp = NULL;

  if (!kith_calendar_writer_check_writable (client, error) ||
      (icomp = get_kiths (client, uid, cancellable, error)) == NULL)
    return FALSE;

  fill_component (icomp, event);
  return e_cal_client_modify_object_sync (client, icomp, E_CAL_OBJ_MOD_ALL, E_CAL_OPERATION_FLAG_NONE,
                                          cancellable, error);
}

static gint64
time_ms (ICalTime *time)
{
  ICalTimezone *zone = i_cal_time_get_timezone (time);

  /* A floating time is the user's own */
  if (zone == NULL && !i_cal_time_is_utc (time))
    zone = e_cal_util_get_system_timezone ();
  return (gint64) i_cal_time_as_timet_with_zone (time, zone) * 1000;
}

static GStrv
dup_attendees (ICalComponent *icomp)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (ICalProperty *prop = i_cal_component_get_first_property (icomp, I_CAL_ATTENDEE_PROPERTY);
       prop != NULL;
       prop = i_cal_component_get_next_property (icomp, I_CAL_ATTENDEE_PROPERTY))
    {
      const char *address = i_cal_property_get_attendee (prop);

      if (address != NULL && g_ascii_strncasecmp (address, "mailto:", 7) == 0)
        address += 7;
      if (address != NULL && *address != '\0')
        g_strv_builder_add (builder, address);
      g_object_unref (prop);
    }

  return g_strv_builder_end (builder);
}

/* What @icomp says, as Kith writes it */
static KithCalendarEvent *
event_of (ICalComponent *icomp)
{
  g_autoptr(ICalTime) start = i_cal_component_get_dtstart (icomp);
  g_autoptr(ICalTime) end = i_cal_component_get_dtend (icomp);
  gint64 start_ms = time_ms (start);
  gint64 end_ms = end != NULL && !i_cal_time_is_null_time (end) ? time_ms (end) : start_ms;
  KithCalendarEvent *event = kith_calendar_event_new (i_cal_component_get_summary (icomp), start_ms,
                                                      MAX (end_ms - start_ms, 0) / 1000);

  event->uid = g_strdup (i_cal_component_get_uid (icomp));
  event->location = g_strdup (i_cal_component_get_location (icomp));
  event->notes = g_strdup (i_cal_component_get_description (icomp));
  event->attendees = dup_attendees (icomp);

  return event;
}

/**
 * kith_calendar_writer_read:
 *
 * Reads a meeting made in Kith back from its calendar: to change it, or to write it again
 * after it was removed (Undo). Any other event is refused (%KITH_CALENDAR_ERROR_NOT_KITHS).
 *
 * Returns: (transfer full): the meeting, with its UID, or %NULL with @error set
 */
KithCalendarEvent *
kith_calendar_writer_read (ECalClient    *client,
                           const char    *uid,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(ICalComponent) icomp = get_kiths (client, uid, cancellable, error);

  if (icomp == NULL)
    return NULL;

  return event_of (icomp);
}

/**
 * kith_calendar_writer_remove:
 *
 * Removes a meeting made in Kith from its calendar.
 */
gboolean
kith_calendar_writer_remove (ECalClient    *client,
                             const char    *uid,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(ICalComponent) icomp = NULL;

  if (!kith_calendar_writer_check_writable (client, error) ||
      (icomp = get_kiths (client, uid, cancellable, error)) == NULL)
    return FALSE;

  return e_cal_client_remove_object_sync (client, uid, NULL, E_CAL_OBJ_MOD_ALL, E_CAL_OPERATION_FLAG_NONE,
                                          cancellable, error);
}
