/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithCalendar"

#include "config.h"

#include <string.h>

#include "kith-calendar-events.h"
#include "kith-calendar-ical.h"
#include "kith-meetings.h"

/*
 * A calendar event as the meetings Kith puts on timelines: every instance of it in the window,
 * as evolution-data-server expands it (its RRULE, RDATE, EXDATE and detached instances with
 * their RECURRENCE-ID, in their own time zones), cancelled ones left out. Runs in a worker
 * thread: it asks the calendar factory over D-Bus.
 *
 * An instance's unique id is "<UID>#<RECURRENCE-ID>", with an empty RECURRENCE-ID for an event
 * that does not recur, so that the UID is always what comes before the last '#'.
 */

typedef struct {
  const char   *source;
  const char   *uid;
  gboolean      recurs;
  ICalTimezone *zone;       /* for floating times and all-day dates */
  GHashTable   *meetings;   /* unique id → KithMeeting */
} Expansion;

/* Conference links in a location or description: the services people send invitations from */
static const char conference_pattern[] =
  "https://[^\\s<>\"']*(meet\\.google\\.com|zoom\\.us|teams\\.microsoft\\.com|teams\\.live\\.com|"
  "meet\\.jit\\.si|whereby\\.com|webex\\.com|gotomeeting\\.com)[^\\s<>\"']*";

/**
 * kith_calendar_events_find_link:
 *
 * Returns: (transfer full) (nullable): the first conference link in @text
 */
char *
kith_calendar_events_find_link (const char *text)
{
  static gsize regex;
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL)
    return NULL;
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, (gsize) g_regex_new (conference_pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_regex_match ((GRegex *) regex, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

/**
 * kith_calendar_events_uid_of:
 *
 * Returns: (transfer full): the event UID of a meeting's unique id
 */
char *
kith_calendar_events_uid_of (const char *unique_id)
{
  const char *hash = strrchr (unique_id, '#');

  return hash != NULL ? g_strndup (unique_id, hash - unique_id) : g_strdup (unique_id);
}

/* "mailto:Ada@Acme.com" → "Ada@Acme.com"; NULL for what is no address */
static const char *
address_of (const char *value)
{
  if (value == NULL)
    return NULL;
  if (g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    value += 7;

  return strchr (value, '@') != NULL ? value : NULL;
}

/* The CN parameter: the person's name */
static char *
name_of (ICalProperty *prop)
{
  g_autoptr(ICalParameter) param = i_cal_property_get_first_parameter (prop, I_CAL_CN_PARAMETER);

  return param != NULL ? g_strdup (i_cal_parameter_get_cn (param)) : NULL;
}

/* A person's role on the timeline: optional attendees are copied, the rest addressed; rooms,
 * resources and people only told (NON-PARTICIPANT) are not people who meet */
static const char *
attendee_role (ICalProperty *prop)
{
  g_autoptr(ICalParameter) role = i_cal_property_get_first_parameter (prop, I_CAL_ROLE_PARAMETER);
  g_autoptr(ICalParameter) cutype = i_cal_property_get_first_parameter (prop, I_CAL_CUTYPE_PARAMETER);

  if (cutype != NULL && (i_cal_parameter_get_cutype (cutype) == I_CAL_CUTYPE_ROOM ||
                         i_cal_parameter_get_cutype (cutype) == I_CAL_CUTYPE_RESOURCE))
    return NULL;
  if (role != NULL && i_cal_parameter_get_role (role) == I_CAL_ROLE_NONPARTICIPANT)
    return NULL;
  if (role != NULL && i_cal_parameter_get_role (role) == I_CAL_ROLE_OPTPARTICIPANT)
    return "cc";

  return "to";
}

static void
add_people (KithMeeting   *meeting,
            ICalComponent *icomp)
{
  g_autoptr(ICalProperty) organizer = i_cal_component_get_first_property (icomp, I_CAL_ORGANIZER_PROPERTY);

  if (organizer != NULL && address_of (i_cal_property_get_organizer (organizer)) != NULL)
    {
      g_autofree char *name = name_of (organizer);

      kith_meeting_add_person (meeting, address_of (i_cal_property_get_organizer (organizer)), name, "from");
    }

  for (ICalProperty *prop = i_cal_component_get_first_property (icomp, I_CAL_ATTENDEE_PROPERTY);
       prop != NULL;
       prop = i_cal_component_get_next_property (icomp, I_CAL_ATTENDEE_PROPERTY))
    {
      const char *address = address_of (i_cal_property_get_attendee (prop));
      const char *role = attendee_role (prop);
      g_autofree char *name = name_of (prop);

      if (address != NULL && role != NULL)
        kith_meeting_add_person (meeting, address, name, role);
      g_object_unref (prop);
    }
}

/* The URL property, or a conference link in the location or the description */
static char *
conference_link (ICalComponent *icomp)
{
  g_autoptr(ICalProperty) url = i_cal_component_get_first_property (icomp, I_CAL_URL_PROPERTY);
  char *link;

  if (url != NULL && i_cal_property_get_url (url) != NULL)
    return g_strdup (i_cal_property_get_url (url));
  if ((link = kith_calendar_events_find_link (i_cal_component_get_location (icomp))) != NULL)
    return link;

  return kith_calendar_events_find_link (i_cal_component_get_description (icomp));
}

/* An instance's time in UTC: floating times and all-day dates are the user's own time */
static gint64
time_ms (ICalTime     *time,
         ICalTimezone *fallback)
{
  ICalTimezone *zone = i_cal_time_is_date (time) ? NULL : i_cal_time_get_timezone (time);

  return (gint64) i_cal_time_as_timet_with_zone (time, zone != NULL ? zone : fallback) * 1000;
}

/* The instance's RECURRENCE-ID: its own when it is detached, else its start in UTC */
static char *
recurrence_id (Expansion     *ex,
               ICalComponent *icomp,
               ICalTime      *start)
{
  g_autoptr(ICalTime) utc = NULL;

  if (e_cal_util_component_has_property (icomp, I_CAL_RECURRENCEID_PROPERTY))
    return e_cal_util_component_get_recurid_as_string (icomp);
  if (!ex->recurs)
    return g_strdup ("");

  utc = i_cal_time_convert_to_zone (start, i_cal_timezone_get_utc_timezone ());
  return g_strdup (i_cal_time_as_ical_string (utc));
}

static gboolean
instance_cb (ICalComponent  *icomp,
             ICalTime       *start,
             ICalTime       *end,
             gpointer        user_data,
             GCancellable   *cancellable,
             GError        **error)
{
  Expansion *ex = user_data;
  g_autofree char *rid = NULL;
  KithMeeting *meeting;
  gint64 start_ms;

  if (i_cal_component_get_status (icomp) == I_CAL_STATUS_CANCELLED)
    return TRUE;

  rid = recurrence_id (ex, icomp, start);
  meeting = kith_meeting_new (ex->source, NULL);
  meeting->unique_id = g_strdup_printf ("%s#%s", ex->uid, rid);
  /* The getters reset the component's property iterator: read them before add_people() */
  meeting->title = g_strdup (i_cal_component_get_summary (icomp));
  meeting->location = g_strdup (i_cal_component_get_location (icomp));
  meeting->notes = g_strdup (i_cal_component_get_description (icomp));
  meeting->link = conference_link (icomp);
  start_ms = time_ms (start, ex->zone);
  meeting->start = start_ms;
  meeting->duration = MAX (time_ms (end, ex->zone) - start_ms, 0) / 1000;
  add_people (meeting, icomp);
  g_hash_table_replace (ex->meetings, meeting->unique_id, meeting);

  return !g_cancellable_is_cancelled (cancellable);
}

/* The component that carries the series (the one without RECURRENCE-ID), or %NULL when the
 * calendar has only detached instances of it */
static ECalComponent *
find_main (GSList *comps)
{
  for (GSList *l = comps; l != NULL; l = l->next)
    if (!e_cal_component_is_instance (l->data))
      return l->data;

  return NULL;
}

static GPtrArray *
meetings_of (Expansion *ex)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_meeting_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ex->meetings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (out, value);
      g_hash_table_iter_steal (&iter);
    }

  return out;
}

/* An event that does not recur, and has no detached instance, is its own only instance: it is
 * expanded here, with no call to the calendar factory. EDS's own expansion asks the factory for
 * the event's detached instances, a D-Bus round trip per event even when it cannot have any */
static gboolean
expand_single (ECalClient    *client,
               Expansion     *ex,
               GSList        *comps,
               time_t         start,
               time_t         end,
               GCancellable  *cancellable)
{
  ICalComponent *icomp = e_cal_component_get_icalcomponent (comps->data);
  ICalTimezone *utc = i_cal_timezone_get_utc_timezone ();
  g_autoptr(ICalTime) from = NULL;
  g_autoptr(ICalTime) to = NULL;

  if (comps->next != NULL || e_cal_component_is_instance (comps->data) ||
      e_cal_util_component_has_recurrences (icomp))
    return FALSE;

  from = i_cal_time_new_from_timet_with_zone (start, FALSE, utc);
  to = i_cal_time_new_from_timet_with_zone (end, FALSE, utc);
  ex->recurs = FALSE;
  e_cal_recur_generate_instances_sync (icomp, from, to, instance_cb, ex, e_cal_client_tzlookup_cb, client,
                                       ex->zone, cancellable, NULL);
  return TRUE;
}

/* EDS expands the series with its detached instances; without a series, each instance
 * stands alone */
static void
expand_comps (ECalClient    *client,
              Expansion     *ex,
              GSList        *comps,
              time_t         start,
              time_t         end,
              GCancellable  *cancellable)
{
  ECalComponent *main = find_main (comps);

  if (expand_single (client, ex, comps, start, end, cancellable))
    return;

  for (GSList *l = comps; l != NULL; l = l->next)
    {
      ICalComponent *icomp = e_cal_component_get_icalcomponent (l->data);

      if (main != NULL && l->data != main)
        continue;
      ex->recurs = main != NULL ? e_cal_util_component_has_recurrences (icomp) : TRUE;
      e_cal_client_generate_instances_for_object_sync (client, icomp, start, end, cancellable,
                                                       instance_cb, ex);
    }
}

/**
 * kith_calendar_events_expand:
 * @source: the meetings' source on the timeline ("calendar:<source uid>")
 * @uid: an event's UID
 *
 * The meetings of event @uid between @start and @end: none when the calendar no longer has
 * it. Blocks: call it in a worker thread.
 *
 * Returns: (transfer full) (element-type KithMeeting): the meetings, or %NULL with @error set
 */
GPtrArray *
kith_calendar_events_expand (ECalClient    *client,
                             const char    *source,
                             const char    *uid,
                             time_t         start,
                             time_t         end,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GHashTable) meetings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) kith_meeting_free);
  Expansion ex = { source, uid, FALSE, e_cal_client_get_default_timezone (client), meetings };
  g_autoptr(GError) local_error = NULL;
  GSList *comps = NULL;

  if (!e_cal_client_get_objects_for_uid_sync (client, uid, &comps, cancellable, &local_error))
    {
      if (g_error_matches (local_error, E_CAL_CLIENT_ERROR, E_CAL_CLIENT_ERROR_OBJECT_NOT_FOUND))
        return meetings_of (&ex);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  expand_comps (client, &ex, comps, start, end, cancellable);
  g_slist_free_full (comps, g_object_unref);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return meetings_of (&ex);
}

/* The components of @list by UID: UID → GSList of ECalComponent, in @list's order */
static GHashTable *
group_by_uid (GSList *list)
{
  GHashTable *by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GSList *l = list; l != NULL; l = l->next)
    {
      const char *uid = e_cal_component_get_uid (l->data);
      GSList *comps;

      if (uid == NULL)
        continue;
      comps = g_hash_table_lookup (by_uid, uid);
      g_hash_table_replace (by_uid, g_strdup (uid), g_slist_append (comps, l->data));
    }

  return by_uid;
}

/**
 * kith_calendar_events_expand_window:
 * @query: the calendar query of the window ("(occur-in-time-range? …)")
 * @func: called with the meetings of each event, as soon as it is expanded
 *
 * The meetings of every event of the window between @start and @end, read with one call to
 * the calendar factory rather than one per event, given to @func an event at a time (so that
 * they can be written while the next are expanded: a series' expansion waits on the factory).
 * An event the list has only detached instances of is left out: expand it on its own with
 * kith_calendar_events_expand(), which finds its series. Blocks: call it in a worker thread.
 *
 * Returns: %FALSE with @error set when the calendar could not be read
 */
gboolean
kith_calendar_events_expand_window (ECalClient            *client,
                                    const char            *source,
                                    const char            *query,
                                    time_t                 start,
                                    time_t                 end,
                                    KithCalendarEventsFunc func,
                                    gpointer               user_data,
                                    GCancellable          *cancellable,
                                    GError               **error)
{
  g_autoptr(GHashTable) by_uid = NULL;
  GSList *list = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!e_cal_client_get_object_list_as_comps_sync (client, query, &list, cancellable, error))
    return FALSE;

  by_uid = group_by_uid (list);
  g_hash_table_iter_init (&iter, by_uid);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GHashTable) meetings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) kith_meeting_free);
      Expansion ex = { source, key, FALSE, e_cal_client_get_default_timezone (client), meetings };

      if (find_main (value) != NULL && !g_cancellable_is_cancelled (cancellable))
        {
          expand_comps (client, &ex, value, start, end, cancellable);
          func (key, meetings_of (&ex), user_data);
        }
      g_slist_free (value);
    }
  g_slist_free_full (list, g_object_unref);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
