/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithScheduleDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-deal-places.h"
#include "kith-draft-open.h"
#include "kith-meetings.h"
#include "kith-schedule-dialog.h"

/* How long Save waits for the meeting to show on the timeline before saying it is saved */
#define ARRIVAL_WAIT_SECONDS 15

/*
 * Schedule Meeting: a meeting with a record's people, written into a calendar the user picks
 * through the calendar service (so it reaches the server). Only followed calendars Kith can
 * write to are offered. The meeting reaches the timeline as any event does, once the service
 * reads it back from the calendar: the dialog waits for that, and closes when it is there.
 *
 * Edit Meeting is the same form over a meeting made in Kith, filled from the event as its
 * calendar has it; its calendar is shown but stays. Saving changes the event in the calendar
 * (the timeline follows when the calendar reports the change) and closes the dialog.
 */

struct _KithScheduleDialog
{
  AdwWindow            parent_instance;

  KithStore           *store;
  KithCalendarService *calendars;
  gint64               record_id;
  char                *calendar_uid; /* Edit Meeting: the meeting's calendar and UID */
  char                *event_uid;
  GtkStringList       *attendees;    /* "Name <address>", or the address alone */
  GtkFilterListModel  *writable;     /* followed, writable calendars; the meeting's, to edit */
  GCancellable        *cancellable;  /* the reads only: the attendees, the meeting, its arrival */
  gboolean             loaded;       /* the form holds the meeting to edit, or a new one */
  gboolean             written;      /* saving, or saved: Save is not offered again */
  char                *arriving;     /* saved: the meeting's unique id on the timeline */
  char                *arriving_source; /* and its source there: "calendar:<calendar uid>" */
  guint                arrival_timeout_id;

  GtkLabel            *status_label;
  GtkWidget           *form_group;
  AdwEntryRow         *title_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *start_row;
  AdwEntryRow         *duration_row;
  AdwEntryRow         *location_row;
  AdwEntryRow         *notes_row;
  AdwComboRow         *calendar_row;
  GtkListBox          *attendees_list;
};

G_DEFINE_FINAL_TYPE (KithScheduleDialog, kith_schedule_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CALENDARS,
  PROP_RECORD_ID,
  PROP_CALENDAR_UID,
  PROP_EVENT_UID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_status (KithScheduleDialog *self,
             const char         *text,
             gboolean            is_error)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static gboolean
is_editing (KithScheduleDialog *self)
{
  return self->event_uid != NULL;
}

/* Save is offered once the form holds a meeting, into a calendar, until it is saved */
static void
update_save (KithScheduleDialog *self)
{
  gboolean none = g_list_model_get_n_items (G_LIST_MODEL (self->writable)) == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "schedule.save", !none && self->loaded && !self->written);
}

/* The calendars offered, and what to do when there are none */
static void
on_calendars_changed_cb (KithScheduleDialog *self)
{
  gboolean none = g_list_model_get_n_items (G_LIST_MODEL (self->writable)) == 0;

  update_save (self);
  if (none && is_editing (self))
    show_status (self, _("The meeting’s calendar is not available: it was removed, or is no longer used in Kith"), TRUE);
  else if (none)
    show_status (self, _("No calendar Kith can write to. Add one in Settings → Online Accounts or in "
                         "Evolution, and turn on “Use in Kith” for it in Preferences → Calendars."), TRUE);
  else if (gtk_widget_has_css_class (GTK_WIDGET (self->status_label), "error"))
    show_status (self, NULL, FALSE);
}

/* A new meeting goes into a followed calendar Kith can write to; one being edited stays in its
 * own */
static gboolean
is_offered (gpointer item,
            gpointer user_data)
{
  KithScheduleDialog *self = user_data;
  KithCalendarSource *source = item;

  if (is_editing (self))
    return g_strcmp0 (kith_calendar_source_get_uid (source), self->calendar_uid) == 0;
  return kith_calendar_source_get_followed (source) && kith_calendar_source_get_writable (source);
}

static void
on_source_changed_cb (KithScheduleDialog *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->writable), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
watch_sources (KithScheduleDialog *self,
               guint               position,
               guint               removed,
               guint               added,
               GListModel         *sources)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) source = g_list_model_get_item (sources, i);

      g_signal_connect_object (source, "notify", G_CALLBACK (on_source_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
on_sources_changed_cb (GListModel         *sources,
                       guint               position,
                       guint               removed,
                       guint               added,
                       KithScheduleDialog *self)
{
  watch_sources (self, position, removed, added, sources);
}

/* An attendee's remove button names its attendee as the action's target */
static void
remove_attendee_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (widget);
  const char *address = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->attendees)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->attendees, i), address) == 0)
      {
        gtk_string_list_remove (self->attendees, i);
        return;
      }
}

static GtkWidget *
create_attendee_row (gpointer item,
                     gpointer user_data)
{
  const char *attendee = gtk_string_object_get_string (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  /* Translators: the button that takes an attendee off a meeting being scheduled */
  g_autofree char *label = g_strdup_printf (_("Remove %s"), attendee);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attendee);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "schedule.remove-attendee");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (attendee));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
on_attendees_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) everyone = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (everyone == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, error->message, TRUE);
      return;
    }
  gtk_string_list_splice (self->attendees, 0, 0, (const char * const *) everyone);
}

/* The address of "Name <address>", or the whole text */
static char *
attendee_address (const char *attendee)
{
  const char *open = strrchr (attendee, '<');
  const char *close = open != NULL ? strchr (open, '>') : NULL;

  if (open == NULL || close == NULL)
    return g_strdup (attendee);

  return g_strndup (open + 1, close - open - 1);
}

static GStrv
dup_addresses (KithScheduleDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->attendees)); i++)
    {
      g_autofree char *address = attendee_address (gtk_string_list_get_string (self->attendees, i));

      g_strv_builder_add (builder, address);
    }

  return g_strv_builder_end (builder);
}

/* Marks @row as wrong (or right again), naming the problem in the status line */
static gboolean
refuse (KithScheduleDialog *self,
        AdwEntryRow        *row,
        const char         *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_grab_focus (GTK_WIDGET (row));
  show_status (self, message, TRUE);
  return FALSE;
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Reads the start from the Date and Start rows, in the local time zone */
static gboolean
parse_start (KithScheduleDialog *self,
             gint64             *out_start)
{
  g_autoptr(GDateTime) start = NULL;
  int year, month, day, hour, minute;
  char end;

  if (sscanf (row_text (self->date_row), "%d-%d-%d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return refuse (self, self->date_row, _("The date is not a date: write it as YYYY-MM-DD"));
  if (sscanf (row_text (self->start_row), "%d:%d%c", &hour, &minute, &end) != 2 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return refuse (self, self->start_row, _("The start is not a time of day: write it as HH:MM"));

  start = g_date_time_new_local (year, month, day, hour, minute, 0);
  if (start == NULL)
    return refuse (self, self->start_row, _("The start is not a time of day: write it as HH:MM"));
  *out_start = g_date_time_to_unix (start) * 1000;
  return TRUE;
}

static gboolean
parse_duration (KithScheduleDialog *self,
                gint64             *out_seconds)
{
  const char *text = row_text (self->duration_row);
  char *end = NULL;
  gint64 minutes = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || minutes <= 0 || minutes > 7 * 24 * 60)
    return refuse (self, self->duration_row, _("The duration must be a number of minutes above 0"));
  *out_seconds = minutes * 60;
  return TRUE;
}

static void
clear_errors (KithScheduleDialog *self)
{
  AdwEntryRow *rows[] = { self->title_row, self->date_row, self->start_row, self->duration_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
}

/* The meeting on the form, or NULL with the wrong field named */
static KithCalendarEvent *
read_form (KithScheduleDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (row_text (self->title_row)));
  KithCalendarEvent *event;
  gint64 start, duration;

  clear_errors (self);
  if (*title == '\0')
    return refuse (self, self->title_row, _("The meeting needs a title")), NULL;
  if (!parse_start (self, &start) || !parse_duration (self, &duration))
    return NULL;

  event = kith_calendar_event_new (title, start, duration);
  if (*row_text (self->location_row) != '\0')
    event->location = g_strdup (row_text (self->location_row));
  if (*row_text (self->notes_row) != '\0')
    event->notes = g_strdup (row_text (self->notes_row));
  event->attendees = dup_addresses (self);

  return event;
}

/* For the store's worker: whether the meeting saved is on a timeline yet */
typedef struct {
  char *source;
  char *unique_id;
} Arrival;

static void
arrival_free (Arrival *arrival)
{
  g_free (arrival->source);
  g_free (arrival->unique_id);
  g_free (arrival);
}

static gpointer
arrived_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  Arrival *arrival = data;
  g_auto(GStrv) ids = kith_store_list_meetings (store, arrival->source, error);
  gboolean *arrived;

  if (ids == NULL)
    return NULL;
  arrived = g_new (gboolean, 1);
  *arrived = g_strv_contains ((const char * const *) ids, arrival->unique_id);
  return arrived;
}

static void
on_arrived_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *arrived = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (arrived == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, error->message, TRUE);
      return;
    }
  /* The timeline shows it: nothing is left to wait for */
  if (*arrived)
    {
      g_clear_handle_id (&self->arrival_timeout_id, g_source_remove);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
check_arrived (KithScheduleDialog *self)
{
  Arrival *arrival = g_new0 (Arrival, 1);

  arrival->source = g_strdup (self->arriving_source);
  arrival->unique_id = g_strdup (self->arriving);
  kith_store_run_async (self->store, arrived_job, arrival, (GDestroyNotify) arrival_free, g_free,
                        self->cancellable, on_arrived_cb, g_object_ref (self));
}

/* Saving failed: the form is the user's again, with what went wrong */
static void
refused (KithScheduleDialog *self,
         const GError       *error)
{
  self->written = FALSE;
  gtk_widget_set_sensitive (self->form_group, TRUE);
  update_save (self);
  show_status (self, error->message, TRUE);
}

/* A meeting saved may still reach no timeline: its people are all outside Kith, its day is
 * outside the window Kith reads, or the calendar is not followed. The dialog stops waiting */
static gboolean
arrival_timed_out_cb (gpointer data)
{
  KithScheduleDialog *self = data;

  self->arrival_timeout_id = 0;
  show_status (self, _("Saved in the calendar. It shows on the timelines once Kith reads it there."), FALSE);
  return G_SOURCE_REMOVE;
}

/* The calendar has the meeting; the dialog waits until the service has read it back and put it
 * on the timelines */
static void
wait_for_arrival (KithScheduleDialog *self)
{
  show_status (self, _("Waiting for the calendar…"), FALSE);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (check_arrived), self, G_CONNECT_SWAPPED);
  self->arrival_timeout_id = g_timeout_add_seconds (ARRIVAL_WAIT_SECONDS, arrival_timed_out_cb, self);
  check_arrived (self);
}

/* For the store's worker: whether a meeting's title or location names a deal's street address,
 * which puts it on that deal's timeline with nobody attending (kith-deal-places.c) */
static gpointer
names_deal_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  GStrv texts = data;
  g_autoptr(KithDealPlaces) places = kith_deal_places_new (store, error);
  g_autoptr(GArray) deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean *named;

  if (places == NULL)
    return NULL;
  for (guint i = 0; texts[i] != NULL; i++)
    kith_deal_places_match (places, texts[i], deals);
  named = g_new (gboolean, 1);
  *named = deals->len > 0;
  return named;
}

static void
on_names_deal_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *named = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (named == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_status (self, error->message, TRUE);
  else if (named != NULL && *named)
    wait_for_arrival (self);
  else if (named != NULL)
    show_status (self, _("Saved. Nobody in Kith attends it and it names no deal’s address, "
                         "so it shows on no timeline."), FALSE);
}

/* The meeting is saved: it reaches a timeline when someone in Kith attends it or it names a
 * deal's address */
static void
follow_saved (KithScheduleDialog *self,
              const char         *event_uid)
{
  GStrv texts;

  /* A meeting that does not recur has an empty RECURRENCE-ID (docs/calendars.md) */
  self->arriving = g_strconcat (event_uid, "#", NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) > 0)
    {
      wait_for_arrival (self);
      return;
    }

  texts = g_new0 (char *, 3);
  texts[0] = g_strdup (row_text (self->title_row));
  texts[1] = g_strdup (row_text (self->location_row));
  kith_store_run_async (self->store, names_deal_job, texts, (GDestroyNotify) g_strfreev, g_free,
                        self->cancellable, on_names_deal_cb, g_object_ref (self));
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = kith_calendar_service_create_event_finish (KITH_CALENDAR_SERVICE (source), result, &error);

  if (uid == NULL)
    {
      refused (self, error);
      return;
    }
  follow_saved (self, uid);
}

static void
on_modified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_calendar_service_modify_event_finish (KITH_CALENDAR_SERVICE (source), result, &error))
    {
      /* The service's message for a read-only calendar asks for another, which Edit does not offer */
      if (g_error_matches (error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_READ_ONLY))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, KITH_CALENDAR_ERROR, KITH_CALENDAR_ERROR_READ_ONLY,
                               _("The meeting’s calendar is read-only: the meeting cannot be changed here"));
        }
      refused (self, error);
      return;
    }
  /* The calendar has the change; the timeline shows it when the calendar reports it */
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (widget);
  g_autoptr(KithCalendarSource) calendar = NULL;
  g_autoptr(KithCalendarEvent) event = NULL;

  calendar = g_list_model_get_item (G_LIST_MODEL (self->writable), adw_combo_row_get_selected (self->calendar_row));
  if (calendar == NULL || !self->loaded || self->written)
    return;
  if ((event = read_form (self)) == NULL)
    return;

  self->written = TRUE;
  /* Off the field first: a field made insensitive with the focus (Ctrl+Return saves from it)
   * keeps blinking its cursor without the focus, which GTK warns of */
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  gtk_widget_set_sensitive (self->form_group, FALSE);
  update_save (self);
  show_status (self, _("Saving…"), FALSE);
  /* A write the user asked for completes even when the dialog closes: no cancellable */
  if (is_editing (self))
    kith_calendar_service_modify_event_async (self->calendars, self->calendar_uid, self->event_uid, event,
                                              NULL, on_modified_cb, g_object_ref (self));
  else
    {
      /* Where the meeting will show on the timeline (docs/calendars.md) */
      g_free (self->arriving_source);
      self->arriving_source = g_strconcat ("calendar:", kith_calendar_source_get_uid (calendar), NULL);
      kith_calendar_service_create_event_async (self->calendars, kith_calendar_source_get_uid (calendar), event,
                                                NULL, on_created_cb, g_object_ref (self));
    }
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The form, filled from the meeting as its calendar has it */
static void
fill_from_event (KithScheduleDialog      *self,
                 const KithCalendarEvent *event)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (event->start / 1000);
  g_autofree char *date = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (start, "%H:%M");
  g_autofree char *minutes = g_strdup_printf ("%" G_GINT64_FORMAT, MAX ((event->duration + 59) / 60, 1));

  set_row_text (self->title_row, event->title);
  set_row_text (self->date_row, date);
  set_row_text (self->start_row, time);
  set_row_text (self->duration_row, minutes);
  set_row_text (self->location_row, event->location);
  set_row_text (self->notes_row, event->notes);
  if (event->attendees != NULL)
    gtk_string_list_splice (self->attendees, 0, g_list_model_get_n_items (G_LIST_MODEL (self->attendees)),
                            (const char * const *) event->attendees);
}

static void
on_event_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCalendarEvent) event = kith_calendar_service_read_event_finish (KITH_CALENDAR_SERVICE (source),
                                                                               result, &error);

  if (event == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, error->message, TRUE);
      return;
    }

  fill_from_event (self, event);
  self->loaded = TRUE;
  gtk_widget_set_sensitive (self->form_group, TRUE);
  show_status (self, NULL, FALSE);
  on_calendars_changed_cb (self);
}

/* Edit Meeting: the meeting read from its calendar; its calendar is shown, not changed */
static void
load_event (KithScheduleDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Meeting"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->calendar_row), FALSE);
  gtk_widget_set_sensitive (self->form_group, FALSE);
  show_status (self, _("Reading the meeting…"), FALSE);
  kith_calendar_service_read_event_async (self->calendars, self->calendar_uid, self->event_uid, self->cancellable,
                                          on_event_read_cb, g_object_ref (self));
}

/* Today, at the next full hour */
static void
fill_defaults (KithScheduleDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = g_date_time_add_minutes (now, 60 - g_date_time_get_minute (now));
  g_autofree char *date = g_date_time_format (next, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (next, "%H:00");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), time);
}

static void
kith_schedule_dialog_constructed (GObject *object)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (object);
  GListModel *sources = kith_calendar_service_get_sources (self->calendars);
  GtkCustomFilter *filter = gtk_custom_filter_new (is_offered, self, NULL);

  G_OBJECT_CLASS (kith_schedule_dialog_parent_class)->constructed (object);

  self->loaded = !is_editing (self);

  self->writable = gtk_filter_list_model_new (g_object_ref (sources), GTK_FILTER (filter));
  adw_combo_row_set_model (self->calendar_row, G_LIST_MODEL (self->writable));
  g_signal_connect_object (self->writable, "items-changed", G_CALLBACK (on_calendars_changed_cb), self, G_CONNECT_SWAPPED);
  /* A calendar's writable and followed change in place: filter again */
  watch_sources (self, 0, 0, g_list_model_get_n_items (sources), sources);
  g_signal_connect_object (sources, "items-changed", G_CALLBACK (on_sources_changed_cb), self, 0);
  on_calendars_changed_cb (self);

  gtk_list_box_bind_model (self->attendees_list, G_LIST_MODEL (self->attendees), create_attendee_row, self, NULL);
  if (is_editing (self))
    {
      load_event (self);
      return;
    }
  fill_defaults (self);
  kith_store_run_async (self->store, kith_draft_read_everyone_job, g_memdup2 (&self->record_id, sizeof self->record_id),
                        g_free, (GDestroyNotify) g_strfreev, self->cancellable, on_attendees_read_cb, g_object_ref (self));
}

static void
kith_schedule_dialog_dispose (GObject *object)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (object);

  g_clear_handle_id (&self->arrival_timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->attendees_list != NULL)
    gtk_list_box_bind_model (self->attendees_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_SCHEDULE_DIALOG);
  g_clear_object (&self->writable);
  g_clear_object (&self->attendees);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->calendars);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_schedule_dialog_parent_class)->dispose (object);
}

static void
kith_schedule_dialog_finalize (GObject *object)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (object);

  g_free (self->calendar_uid);
  g_free (self->event_uid);
  g_free (self->arriving);
  g_free (self->arriving_source);

  G_OBJECT_CLASS (kith_schedule_dialog_parent_class)->finalize (object);
}

static void
kith_schedule_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CALENDARS:
      g_value_set_object (value, self->calendars);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_CALENDAR_UID:
      g_value_set_string (value, self->calendar_uid);
      break;
    case PROP_EVENT_UID:
      g_value_set_string (value, self->event_uid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_schedule_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CALENDARS:
      self->calendars = g_value_dup_object (value);
      break;
    case PROP_RECORD_ID:
      self->record_id = g_value_get_int64 (value);
      break;
    case PROP_CALENDAR_UID:
      self->calendar_uid = g_value_dup_string (value);
      break;
    case PROP_EVENT_UID:
      self->event_uid = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_schedule_dialog_class_init (KithScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_schedule_dialog_constructed;
  object_class->dispose = kith_schedule_dialog_dispose;
  object_class->finalize = kith_schedule_dialog_finalize;
  object_class->get_property = kith_schedule_dialog_get_property;
  object_class->set_property = kith_schedule_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALENDARS] =
    g_param_spec_object ("calendars", NULL, NULL, KITH_TYPE_CALENDAR_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Edit Meeting: the calendar and UID of a meeting made in Kith; unset, a new meeting */
  properties[PROP_CALENDAR_UID] =
    g_param_spec_string ("calendar-uid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_UID] =
    g_param_spec_string ("event-uid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_CALENDAR_SOURCE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, attendees_list);

  gtk_widget_class_install_action (widget_class, "schedule.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "schedule.remove-attendee", "s", remove_attendee_action);
}

static void
kith_schedule_dialog_init (KithScheduleDialog *self)
{
  self->attendees = gtk_string_list_new (NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_schedule_dialog_new (KithStore           *store,
                          KithCalendarService *calendars,
                          gint64               record_id,
                          GtkWindow           *parent)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_CALENDAR_SERVICE (calendars), NULL);

  return g_object_new (KITH_TYPE_SCHEDULE_DIALOG, "store", store, "calendars", calendars,
                       "record-id", record_id, "transient-for", parent, NULL);
}

/**
 * kith_schedule_dialog_new_for_event:
 * @calendar_uid: the calendar the meeting is in
 * @event_uid: the UID of a meeting made in Kith
 *
 * Edit Meeting: the form filled from the meeting; saving changes it in its calendar.
 */
GtkWidget *
kith_schedule_dialog_new_for_event (KithStore           *store,
                                    KithCalendarService *calendars,
                                    const char          *calendar_uid,
                                    const char          *event_uid,
                                    GtkWindow           *parent)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_CALENDAR_SERVICE (calendars), NULL);
  g_return_val_if_fail (calendar_uid != NULL && event_uid != NULL, NULL);

  return g_object_new (KITH_TYPE_SCHEDULE_DIALOG, "store", store, "calendars", calendars,
                       "calendar-uid", calendar_uid, "event-uid", event_uid, "transient-for", parent, NULL);
}
