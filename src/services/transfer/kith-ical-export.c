/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * iCalendar export through libical: every to-do as a VTODO and every logged meeting as a
 * VEVENT, in one VCALENDAR. libical writes each component; they are written to the stream one
 * by one between the calendar's own lines (also libical's), so a store with a million meetings
 * never becomes one calendar in memory.
 */

#define G_LOG_DOMAIN "KithTransfer"

#include "config.h"

#include <glib/gi18n-lib.h>
/* The API is what EDS builds on; Debian 12 ships it as it is */
#define LIBICAL_GLIB_UNSTABLE_API 1
#include <libical-glib/libical-glib.h>
#include <string.h>

#include "kith-ical-export.h"
#include "kith-json-items.h"

/* libical-glib 3.0 declares no cleanups of its own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ICalComponent, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ICalTime, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ICalDuration, g_object_unref)

static const char *const extensions[] = { ".ics", NULL };

const KithTransferFormat kith_ical_format = {
  .name = "ical",
  .title = N_("iCalendar"),
  .extensions = extensions,
  .content_type = "text/calendar",
  .import = NULL,
  .export = kith_ical_export,
};

typedef struct {
  KithStore     *store;
  GOutputStream *output;
  GCancellable  *cancellable;
  ICalTime      *now;        /* every component's DTSTAMP */
} Writer;

static gboolean
write_text (Writer      *w,
            const char  *text,
            gsize        length,
            GError     **error)
{
  return g_output_stream_write_all (w->output, text, length, NULL, w->cancellable, error);
}

/* Writes @component (taking it), as libical prints it */
static gboolean
write_component (Writer         *w,
                 ICalComponent  *component,
                 GError        **error)
{
  g_autoptr(ICalComponent) owned = component;
  g_autofree char *text = NULL;

  i_cal_component_set_dtstamp (owned, w->now);
  text = i_cal_component_as_ical_string (owned);

  return write_text (w, text, strlen (text), error);
}

/* An ATTENDEE: who the meeting or to-do is with, by email and name */
static void
add_attendee (ICalComponent *component,
              const char    *email,
              const char    *name)
{
  g_autofree char *uri = g_strconcat ("mailto:", email, NULL);
  ICalProperty *attendee = i_cal_property_new_attendee (uri);

  if (name != NULL)
    i_cal_property_take_parameter (attendee, i_cal_parameter_new_cn (name));
  i_cal_component_take_property (component, attendee);
}

static ICalTime *
time_from_ms (gint64 ms)
{
  return i_cal_time_new_from_timet_with_zone (ms / 1000, FALSE, i_cal_timezone_get_utc_timezone ());
}

static ICalComponent *
meeting_to_vevent (KithTimelineItem *item)
{
  ICalComponent *event = i_cal_component_new_vevent ();
  GListModel *people = kith_timeline_item_get_people (item);
  g_autofree char *uid = g_strdup_printf ("kith-item-%" G_GINT64_FORMAT, kith_timeline_item_get_id (item));
  g_autoptr(ICalTime) start = time_from_ms (kith_timeline_item_get_date (item));

  i_cal_component_set_uid (event, uid);
  i_cal_component_set_dtstart (event, start);
  if (kith_timeline_item_get_duration (item) > 0)
    {
      g_autoptr(ICalDuration) duration = i_cal_duration_new_from_int ((int) kith_timeline_item_get_duration (item));

      i_cal_component_set_duration (event, duration);
    }
  if (kith_timeline_item_get_subject (item) != NULL)
    i_cal_component_set_summary (event, kith_timeline_item_get_subject (item));
  if (kith_timeline_item_get_location (item) != NULL)
    i_cal_component_set_location (event, kith_timeline_item_get_location (item));
  if (kith_timeline_item_get_body (item) != NULL)
    i_cal_component_set_description (event, kith_timeline_item_get_body (item));

  for (guint i = 0; people != NULL && i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);
      const char *value = kith_timeline_person_get_value (person);

      /* Participants named by their email; one named otherwise (a phone) has no calendar address */
      if (value != NULL && strchr (value, '@') != NULL && value[0] != '#')
        add_attendee (event, value, kith_timeline_person_get_name (person));
    }

  return event;
}

static gboolean
write_meeting (KithTimelineItem  *item,
               gpointer           user_data,
               GError           **error)
{
  if (kith_timeline_item_get_style (item) != KITH_TIMELINE_STYLE_MEETING)
    return TRUE;

  return write_component (user_data, meeting_to_vevent (item), error);
}

/* A to-do's due day, or day and local time: floating, as Kith keeps it */
static ICalTime *
due_time (const char *due)
{
  g_autoptr(GString) compact = g_string_new (NULL);

  for (const char *p = due; *p != '\0'; p++)
    if (*p != '-' && *p != ':')
      g_string_append_c (compact, *p);
  if (strchr (due, 'T') != NULL)
    g_string_append (compact, "00");

  return i_cal_time_new_from_string (compact->str);
}

/* The first email of record @id, or %NULL */
static char *
email_of (KithStore *store,
          gint64     id)
{
  g_autoptr(JsonObject) record = kith_store_get_record (store, id, NULL);
  JsonArray *emails = record != NULL ? kith_json_get_array (record, "emails") : NULL;

  if (emails == NULL || json_array_get_length (emails) == 0)
    return NULL;

  return g_strdup (kith_json_get_string (json_array_get_object_element (emails, 0), "value"));
}

/* Who a to-do is with: attendees where they have an email, and by name in the description */
static void
add_todo_people (Writer        *w,
                 ICalComponent *todo_component,
                 KithTodo      *todo)
{
  const char * const *names = kith_todo_get_people (todo);
  guint n = 0;
  const gint64 *ids = kith_todo_get_participants (todo, &n);
  g_autoptr(GString) description = g_string_new (kith_todo_get_preview (todo));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = email_of (w->store, ids[i]);
      const char *name = names != NULL ? names[i] : NULL;

      if (email != NULL)
        add_attendee (todo_component, email, name);
    }
  if (names != NULL && names[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) names);

      if (description->len > 0)
        g_string_append (description, "\n\n");
      /* Translators: in a to-do exported to a calendar, the people it is with */
      g_string_append_printf (description, _("With: %s"), list);
    }
  if (description->len > 0)
    i_cal_component_set_description (todo_component, description->str);
}

static ICalComponent *
todo_to_vtodo (Writer   *w,
               KithTodo *todo)
{
  ICalComponent *component = i_cal_component_new_vtodo ();
  g_autofree char *uid = g_strdup_printf ("kith-todo-%" G_GINT64_FORMAT, kith_todo_get_id (todo));

  i_cal_component_set_uid (component, uid);
  i_cal_component_set_summary (component, kith_todo_get_subject (todo));
  if (kith_todo_get_due (todo) != NULL)
    {
      g_autoptr(ICalTime) due = due_time (kith_todo_get_due (todo));

      i_cal_component_set_due (component, due);
    }
  if (kith_todo_get_done (todo))
    {
      i_cal_component_set_status (component, I_CAL_STATUS_COMPLETED);
      i_cal_component_take_property (component, i_cal_property_new_percentcomplete (100));
    }
  else
    i_cal_component_set_status (component, I_CAL_STATUS_NEEDSACTION);
  add_todo_people (w, component, todo);

  return component;
}

static gboolean
write_todos (Writer  *w,
             GError **error)
{
  g_autoptr(GPtrArray) todos = kith_store_list_todos (w->store, 0, TRUE, error);

  if (todos == NULL)
    return FALSE;

  for (guint i = 0; i < todos->len; i++)
    if (!write_component (w, todo_to_vtodo (w, g_ptr_array_index (todos, i)), error))
      return FALSE;

  return TRUE;
}

/**
 * kith_ical_export:
 *
 * Writes every to-do and every logged meeting to @output as one VCALENDAR. Any @options' kind,
 * query and fields are ignored.
 */
gboolean
kith_ical_export (KithStore                *store,
                  GOutputStream            *output,
                  const KithExportOptions  *options,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(ICalComponent) calendar = i_cal_component_new_vcalendar ();
  g_autoptr(ICalTime) now = i_cal_time_new_from_timet_with_zone (g_get_real_time () / G_USEC_PER_SEC, FALSE,
                                                                 i_cal_timezone_get_utc_timezone ());
  Writer w = { store, output, cancellable, now };
  g_autofree char *text = NULL;
  const char *end;

  i_cal_component_take_property (calendar, i_cal_property_new_version ("2.0"));
  i_cal_component_take_property (calendar, i_cal_property_new_prodid ("-//Kith//Kith " PACKAGE_VERSION "//EN"));
  text = i_cal_component_as_ical_string (calendar);
  end = g_strrstr (text, "END:VCALENDAR");
  g_assert (end != NULL);

  /* The calendar's opening lines, its components, then its closing line */
  if (!write_text (&w, text, end - text, error) ||
      !write_todos (&w, error) ||
      !kith_json_each_item (store, write_meeting, &w, error) ||
      !write_text (&w, end, strlen (end), error))
    return FALSE;

  if (options != NULL && options->progress != NULL)
    options->progress (1.0, options->progress_data);
  return TRUE;
}
