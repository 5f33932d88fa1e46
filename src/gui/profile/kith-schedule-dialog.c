/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithScheduleDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-draft-open.h"
#include "kith-schedule-dialog.h"

/*
 * Schedule Meeting: a meeting with a record's people, written into a calendar the user picks
 * through the calendar service (so it reaches the server). Only followed calendars Kith can
 * write to are offered. The meeting reaches the timeline as any event does, once the service
 * reads it back from the calendar; the dialog says so after saving.
 */

struct _KithScheduleDialog
{
  AdwWindow            parent_instance;

  KithStore           *store;
  KithCalendarService *calendars;
  gint64               record_id;
  GtkStringList       *attendees;    /* "Name <address>" */
  GtkFilterListModel  *writable;     /* followed, writable calendars */
  GCancellable        *cancellable;  /* the read of the attendees only */
  gboolean             written;      /* saving, or saved: Save is not offered again */

  GtkWidget           *save_button;
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

/* The calendars offered, and what to do when there are none */
static void
on_calendars_changed_cb (KithScheduleDialog *self)
{
  gboolean none = g_list_model_get_n_items (G_LIST_MODEL (self->writable)) == 0;

  gtk_widget_set_sensitive (self->save_button, !none && !self->written);
  if (none)
    show_status (self, _("No calendar Kith can write to. Add one in Settings → Online Accounts or in "
                         "Evolution, and turn on “Use in Kith” for it in Preferences → Calendars."), TRUE);
  else if (gtk_widget_has_css_class (GTK_WIDGET (self->status_label), "error"))
    show_status (self, NULL, FALSE);
}

static gboolean
is_writable (gpointer item,
             gpointer user_data)
{
  KithCalendarSource *source = item;

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

static void
on_remove_attendee (GtkButton          *button,
                    KithScheduleDialog *self)
{
  const char *address = g_object_get_data (G_OBJECT (button), "attendee");

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
  g_object_set_data_full (G_OBJECT (remove), "attendee", g_strdup (attendee), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_attendee), user_data);
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
      self->written = FALSE;
      gtk_widget_set_sensitive (self->form_group, TRUE);
      gtk_widget_set_sensitive (self->save_button, TRUE);
      show_status (self, error->message, TRUE);
      return;
    }
  show_status (self, _("Meeting saved in the calendar. It appears on the timeline as soon as the calendar "
                       "reports it."), FALSE);
}

static void
on_save_clicked (KithScheduleDialog *self)
{
  g_autoptr(KithCalendarSource) calendar = NULL;
  KithCalendarEvent *event;

  calendar = g_list_model_get_item (G_LIST_MODEL (self->writable), adw_combo_row_get_selected (self->calendar_row));
  if (calendar == NULL)
    return;
  if ((event = read_form (self)) == NULL)
    return;

  self->written = TRUE;
  gtk_widget_set_sensitive (self->form_group, FALSE);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  show_status (self, _("Saving…"), FALSE);
  /* A write the user asked for completes even when the dialog closes: no cancellable */
  kith_calendar_service_create_event_async (self->calendars, kith_calendar_source_get_uid (calendar), event,
                                            NULL, on_created_cb, g_object_ref (self));
  kith_calendar_event_free (event);
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
  GtkCustomFilter *filter = gtk_custom_filter_new (is_writable, NULL, NULL);

  G_OBJECT_CLASS (kith_schedule_dialog_parent_class)->constructed (object);

  self->writable = gtk_filter_list_model_new (g_object_ref (sources), GTK_FILTER (filter));
  adw_combo_row_set_model (self->calendar_row, G_LIST_MODEL (self->writable));
  g_signal_connect_object (self->writable, "items-changed", G_CALLBACK (on_calendars_changed_cb), self, G_CONNECT_SWAPPED);
  /* A calendar's writable and followed change in place: filter again */
  watch_sources (self, 0, 0, g_list_model_get_n_items (sources), sources);
  g_signal_connect_object (sources, "items-changed", G_CALLBACK (on_sources_changed_cb), self, 0);
  on_calendars_changed_cb (self);

  gtk_list_box_bind_model (self->attendees_list, G_LIST_MODEL (self->attendees), create_attendee_row, self, NULL);
  fill_defaults (self);
  kith_store_run_async (self->store, kith_draft_read_everyone_job, g_memdup2 (&self->record_id, sizeof self->record_id),
                        g_free, (GDestroyNotify) g_strfreev, self->cancellable, on_attendees_read_cb, g_object_ref (self));
}

static void
kith_schedule_dialog_dispose (GObject *object)
{
  KithScheduleDialog *self = KITH_SCHEDULE_DIALOG (object);

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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_CALENDAR_SOURCE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithScheduleDialog, save_button);
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
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
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
