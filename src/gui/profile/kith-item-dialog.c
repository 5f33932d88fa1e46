/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithItemDialog: a call, text, meeting or direct message logged by hand from a profile, or
 * one on the timeline edited; and the notes on a meeting. Each has a date and time of day, who
 * took part (the profile's people to begin with, others added by name or email, found among
 * the people in Kith) and what was said; a call also how long and how it went, a meeting how
 * long and where. What is typed wrong is named on the form, and nothing is written.
 *
 * Saving writes on the store's worker: a new item (kith_store_log_item_async()), an item with
 * its people (kith_store_update_logged_item_async()), or one whose people a calendar keeps
 * (kith_store_update_timeline_item_async()); the timeline shows it when the store says it
 * changed. Writes are not cancelled when the dialog goes.
 */

#define G_LOG_DOMAIN "KithItemDialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kith-item-dialog.h"
#include "kith-log-people.h"
#include "kith-timeline-manual.h"
#include "kith-timeline-store.h"

struct _KithItemDialog
{
  AdwWindow            parent_instance;

  GtkWidget           *save_button;
  AdwEntryRow         *subject_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *time_row;
  AdwEntryRow         *minutes_row;
  AdwComboRow         *outcome_row;
  AdwComboRow         *direction_row;
  AdwEntryRow         *location_row;
  KithLogPeople       *people;
  AdwPreferencesGroup *body_group;
  GtkTextView         *body_view;
  GtkLabel            *error_label;

  KithStore           *store;
  KithTimelineItem    *item;
  gint64               record_id;     /* a new item: the profile it is logged from */
  gint64               meeting_id;    /* new notes: the meeting they are on */
  GCancellable        *cancellable;   /* cancelled when the dialog goes: nothing left to show */
  gboolean             saving;
};

G_DEFINE_FINAL_TYPE (KithItemDialog, kith_item_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM,
  PROP_RECORD_ID,
  PROP_MEETING_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static KithTimelineStyle
kind_of (KithItemDialog *self)
{
  return kith_timeline_item_get_style (self->item);
}

static gboolean
is_new (KithItemDialog *self)
{
  return kith_timeline_item_get_id (self->item) == 0;
}

/* Who took part can be changed: not on notes (they are on the meeting's people), nor on what
 * a calendar or another app keeps */
static gboolean
people_editable (KithItemDialog *self)
{
  return kind_of (self) != KITH_TIMELINE_STYLE_NOTE && kith_timeline_item_get_source (self->item) == NULL;
}

static void
show_error (KithItemDialog *self,
            GtkWidget      *row,
            const char     *message)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->date_row), GTK_WIDGET (self->time_row), GTK_WIDGET (self->minutes_row),
    GTK_WIDGET (self->body_view),
  };

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  if (row == NULL)
    return;
  gtk_widget_add_css_class (row, "error");
  gtk_widget_grab_focus (row);
}

static const char *
title_of (KithItemDialog *self)
{
  gboolean new = is_new (self);

  switch (kind_of (self))
    {
    case KITH_TIMELINE_STYLE_CALL:
      return new ? _("Log Call") : _("Edit Call");
    case KITH_TIMELINE_STYLE_MEETING:
      return new ? _("Log Meeting") : _("Edit Meeting");
    case KITH_TIMELINE_STYLE_DIRECT:
      return new ? _("Log Message") : _("Edit Message");
    case KITH_TIMELINE_STYLE_NOTE:
      return new ? _("Add Notes") : _("Edit Notes");
    case KITH_TIMELINE_STYLE_TEXT:
    default:
      return new ? _("Log Text") : _("Edit Text");
    }
}

/* The rows each kind has, and what they are called */
static void
show_rows (KithItemDialog *self)
{
  KithTimelineStyle kind = kind_of (self);
  gboolean call = kind == KITH_TIMELINE_STYLE_CALL;
  gboolean meeting = kind == KITH_TIMELINE_STYLE_MEETING;
  gboolean said = kind == KITH_TIMELINE_STYLE_TEXT || kind == KITH_TIMELINE_STYLE_DIRECT;

  gtk_window_set_title (GTK_WINDOW (self), title_of (self));
  gtk_button_set_label (GTK_BUTTON (self->save_button), is_new (self) ? _("_Log") : _("_Save"));
  /* A direct message's subject is where it was sent: LinkedIn, WhatsApp… */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row),
                                 kind == KITH_TIMELINE_STYLE_DIRECT ? _("App") : call ? _("Subject") : _("Title"));
  gtk_widget_set_visible (GTK_WIDGET (self->subject_row), call || meeting || kind == KITH_TIMELINE_STYLE_DIRECT);
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), kind != KITH_TIMELINE_STYLE_NOTE);
  gtk_widget_set_visible (GTK_WIDGET (self->time_row), kind != KITH_TIMELINE_STYLE_NOTE);
  gtk_widget_set_visible (GTK_WIDGET (self->minutes_row), call || meeting);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), call);
  gtk_widget_set_visible (GTK_WIDGET (self->direction_row), call || said);
  gtk_widget_set_visible (GTK_WIDGET (self->location_row), meeting);
  gtk_widget_set_visible (GTK_WIDGET (self->people), kind != KITH_TIMELINE_STYLE_NOTE);
  adw_preferences_group_set_title (self->body_group, said ? _("Message") : _("Notes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  said ? _("Message") : _("Notes"), -1);
}

/* The form, filled in with the item */
static void
fill_form (KithItemDialog *self)
{
  gint64 date = kith_timeline_item_get_date (self->item);
  g_autoptr(GDateTime) utc = date != 0 ? g_date_time_new_from_unix_utc (date / 1000) : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_to_local (utc);
  g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  g_autofree char *minutes = g_strdup_printf ("%" G_GINT64_FORMAT, (kith_timeline_item_get_duration (self->item) + 59) / 60);
  const char *subject = kith_timeline_item_get_subject (self->item);
  const char *location = kith_timeline_item_get_location (self->item);
  const char *body = kith_timeline_item_get_body (self->item);
  KithCallOutcome outcome = kith_timeline_item_get_outcome (self->item);
  KithTimelineStyle kind = kind_of (self);

  show_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject != NULL && kind != KITH_TIMELINE_STYLE_NOTE ? subject : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), day);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  gtk_editable_set_text (GTK_EDITABLE (self->minutes_row), minutes);
  adw_combo_row_set_selected (self->outcome_row, outcome != KITH_CALL_OUTCOME_NONE ? outcome - 1 : 0);
  adw_combo_row_set_selected (self->direction_row,
                              kith_timeline_item_get_direction (self->item) == KITH_DIRECTION_INBOUND ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), location != NULL ? location : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body != NULL ? body : "", -1);
  kith_log_people_add_participants (self->people, kith_timeline_item_get_people (self->item));

  /* What is changed most: a title, the words */
  gtk_window_set_focus (GTK_WINDOW (self), gtk_widget_get_visible (GTK_WIDGET (self->subject_row))
                                           ? GTK_WIDGET (self->subject_row) : GTK_WIDGET (self->body_view));
}

/* The day and time typed, in local time, as ms since the epoch; 0 when they are not a date */
static gint64
typed_date (KithItemDialog *self,
            GtkWidget     **out_wrong_row)
{
  g_autoptr(GDateTime) when = NULL;
  int year, month, day, hour, minute, length = 0;

  *out_wrong_row = GTK_WIDGET (self->date_row);
  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), "%4d-%2d-%2d%n", &year, &month, &day, &length) != 3 ||
      gtk_editable_get_text (GTK_EDITABLE (self->date_row))[length] != '\0' ||
      !g_date_valid_dmy (day, month, year))
    return 0;

  *out_wrong_row = GTK_WIDGET (self->time_row);
  length = 0;
  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), "%2d:%2d%n", &hour, &minute, &length) != 2 ||
      gtk_editable_get_text (GTK_EDITABLE (self->time_row))[length] != '\0' ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return 0;

  *out_wrong_row = NULL;
  when = g_date_time_new_local (year, month, day, hour, minute, 0);
  return when != NULL ? g_date_time_to_unix (when) * 1000 : 0;
}

/* The length typed, in minutes; -1 when it is no whole number of them, 0 or more */
static gint64
typed_minutes (KithItemDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->minutes_row))));
  guint64 minutes;

  if (*text == '\0')
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 100000, &minutes, NULL))
    return -1;
  return (gint64) minutes;
}

static char *
dup_body (KithItemDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* Empty text is no value */
static const char *
typed (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return *text != '\0' ? text : NULL;
}

/* The item as the form says it is now; what the form does not show stays */
static KithTimelineItem *
item_from_form (KithItemDialog *self,
                gint64          date,
                gint64          minutes)
{
  g_autofree char *body = dup_body (self);
  KithTimelineItem *item = g_object_new (KITH_TYPE_TIMELINE_ITEM,
                                         "id", kith_timeline_item_get_id (self->item),
                                         "style", kind_of (self),
                                         "date", date,
                                         "body", body,
                                         "direction", kith_timeline_item_get_direction (self->item),
                                         "outcome", kith_timeline_item_get_outcome (self->item),
                                         "subject", kith_timeline_item_get_subject (self->item),
                                         "duration", kith_timeline_item_get_duration (self->item),
                                         "location", kith_timeline_item_get_location (self->item),
                                         NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->subject_row)))
    g_object_set (item, "subject", typed (self->subject_row), NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->minutes_row)))
    g_object_set (item, "duration", 60 * minutes, NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->location_row)))
    g_object_set (item, "location", typed (self->location_row), NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->outcome_row)))
    g_object_set (item, "outcome", (KithCallOutcome) (adw_combo_row_get_selected (self->outcome_row) + 1), NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->direction_row)))
    g_object_set (item, "direction", adw_combo_row_get_selected (self->direction_row) == 1 ? KITH_DIRECTION_INBOUND
                                                                                          : KITH_DIRECTION_OUTBOUND, NULL);

  return item;
}

/* Saving happens once. The action goes off rather than the dialog insensitive: a focused field
 * made insensitive loses the keyboard without being told (GTK warns) */
static void
set_saving (KithItemDialog *self,
            gboolean        saving)
{
  self->saving = saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.save", !saving);
}

/* The write's result, whichever write it was */
static gboolean
finish_save (KithStore     *store,
             GAsyncResult  *result,
             GError       **error)
{
  if (g_async_result_is_tagged (result, kith_store_log_item_async))
    return kith_store_log_item_finish (store, result, error) != 0;
  if (g_async_result_is_tagged (result, kith_store_add_meeting_note_async))
    return kith_store_add_meeting_note_finish (store, result, error) != 0;
  if (g_async_result_is_tagged (result, kith_store_update_logged_item_async))
    return kith_store_update_logged_item_finish (store, result, error);
  return kith_store_update_timeline_item_finish (store, result, error);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithItemDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = finish_save (KITH_STORE (source), result, &error);

  /* Saved either way; a dialog already closed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  set_saving (self, FALSE);
  if (!ok)
    {
      show_error (self, NULL, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/* The write the form asks for. A write: it completes even if the dialog is closed meanwhile */
static void
write_item (KithItemDialog   *self,
            KithTimelineItem *item)
{
  g_auto(GStrv) people = kith_log_people_dup_values (self->people);

  set_saving (self, TRUE);
  if (kind_of (self) == KITH_TIMELINE_STYLE_NOTE && is_new (self))
    kith_store_add_meeting_note_async (self->store, self->meeting_id, kith_timeline_item_get_body (item),
                                       on_saved_cb, g_object_ref (self));
  else if (is_new (self))
    kith_store_log_item_async (self->store, item, (const char * const *) people, on_saved_cb, g_object_ref (self));
  else if (people_editable (self))
    kith_store_update_logged_item_async (self->store, item, (const char * const *) people, on_saved_cb, g_object_ref (self));
  else
    kith_store_update_timeline_item_async (self->store, item, on_saved_cb, g_object_ref (self));
}

/* What is typed wrong, named on the form: %FALSE when something is */
static gboolean
check_form (KithItemDialog *self,
            gint64         *out_date,
            gint64         *out_minutes)
{
  GtkWidget *wrong_row;
  g_autofree char *body = NULL;

  *out_date = typed_date (self, &wrong_row);
  *out_minutes = typed_minutes (self);
  if (kind_of (self) == KITH_TIMELINE_STYLE_NOTE)
    *out_date = kith_timeline_item_get_date (self->item);
  else if (wrong_row == GTK_WIDGET (self->date_row))
    return show_error (self, wrong_row, _("Type the date as year, month and day, such as 2026-12-01")), FALSE;
  else if (wrong_row != NULL || *out_date == 0)
    return show_error (self, GTK_WIDGET (self->time_row), _("Type the time of day as hours and minutes, such as 15:00")), FALSE;

  if (gtk_widget_get_visible (GTK_WIDGET (self->minutes_row)) && *out_minutes < 0)
    return show_error (self, GTK_WIDGET (self->minutes_row), _("Type the length as a whole number of minutes, 0 or more")), FALSE;
  if (people_editable (self) && kith_log_people_is_empty (self->people))
    return kith_log_people_refuse (self->people, _("Add who took part")), FALSE;
  if (kind_of (self) == KITH_TIMELINE_STYLE_NOTE && (body = dup_body (self)) == NULL)
    return show_error (self, GTK_WIDGET (self->body_view), _("Write the notes first")), FALSE;

  return TRUE;
}

static void
save (KithItemDialog *self)
{
  g_autoptr(KithTimelineItem) item = NULL;
  gint64 date, minutes;

  /* Enter in a field while a save is under way */
  if (self->saving || !check_form (self, &date, &minutes))
    return;

  show_error (self, NULL, NULL);
  item = item_from_form (self, date, minutes);
  write_item (self, item);
}

static void
on_entry_activated (AdwEntryRow    *row,
                    KithItemDialog *self)
{
  save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (KITH_ITEM_DIALOG (widget));
}

static void
kith_item_dialog_constructed (GObject *object)
{
  KithItemDialog *self = KITH_ITEM_DIALOG (object);

  G_OBJECT_CLASS (kith_item_dialog_parent_class)->constructed (object);

  g_object_set (self->people, "store", self->store, "editable", people_editable (self), NULL);
  fill_form (self);
  if (is_new (self) && people_editable (self) && self->record_id != 0)
    kith_log_people_load_for (self->people, self->record_id);
}

static void
kith_item_dialog_dispose (GObject *object)
{
  KithItemDialog *self = KITH_ITEM_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_ITEM_DIALOG);

  G_OBJECT_CLASS (kith_item_dialog_parent_class)->dispose (object);
}

static void
kith_item_dialog_finalize (GObject *object)
{
  KithItemDialog *self = KITH_ITEM_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->item);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_item_dialog_parent_class)->finalize (object);
}

static void
kith_item_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithItemDialog *self = KITH_ITEM_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_MEETING_ID:
      g_value_set_int64 (value, self->meeting_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_item_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithItemDialog *self = KITH_ITEM_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    case PROP_RECORD_ID:
      self->record_id = g_value_get_int64 (value);
      break;
    case PROP_MEETING_ID:
      self->meeting_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_item_dialog_class_init (KithItemDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_item_dialog_constructed;
  object_class->dispose = kith_item_dialog_dispose;
  object_class->finalize = kith_item_dialog_finalize;
  object_class->get_property = kith_item_dialog_get_property;
  object_class->set_property = kith_item_dialog_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The item edited, or a new one (id 0) of the kind to log: what the form starts with */
  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, KITH_TYPE_TIMELINE_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A new item: the profile it is logged from, whose people took part */
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* New notes: the meeting they are on */
  properties[PROP_MEETING_ID] = g_param_spec_int64 ("meeting-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_LOG_PEOPLE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, minutes_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, people);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, body_group);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "item.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_item_dialog_init (KithItemDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_item_dialog_new:
 * @item: a stored call, text, meeting, direct message or notes on a meeting
 *
 * Returns: (transfer none): a new dialog, filled in with @item, not yet shown
 */
GtkWidget *
kith_item_dialog_new (KithStore        *store,
                      GtkWindow        *parent,
                      KithTimelineItem *item)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (item), NULL);

  return g_object_new (KITH_TYPE_ITEM_DIALOG, "store", store, "item", item, "transient-for", parent, NULL);
}

/**
 * kith_item_dialog_new_log:
 * @style: a call, text, meeting or direct message
 * @record_id: the profile it is logged from: its people took part
 *
 * Returns: (transfer none): a new dialog that logs one, dated now, not yet shown
 */
GtkWidget *
kith_item_dialog_new_log (KithStore         *store,
                          GtkWindow         *parent,
                          KithTimelineStyle  style,
                          gint64             record_id)
{
  g_autoptr(KithTimelineItem) item = NULL;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  item = kith_timeline_item_new (style);
  return g_object_new (KITH_TYPE_ITEM_DIALOG, "store", store, "item", item, "record-id", record_id,
                       "transient-for", parent, NULL);
}

/**
 * kith_item_dialog_new_meeting_notes:
 * @meeting: a stored meeting
 *
 * Returns: (transfer none): a new dialog that adds notes on @meeting, not yet shown
 */
GtkWidget *
kith_item_dialog_new_meeting_notes (KithStore        *store,
                                    GtkWindow        *parent,
                                    KithTimelineItem *meeting)
{
  g_autoptr(KithTimelineItem) notes = NULL;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (meeting), NULL);

  notes = g_object_new (KITH_TYPE_TIMELINE_ITEM, "style", KITH_TIMELINE_STYLE_NOTE,
                        "date", kith_timeline_item_get_date (meeting), NULL);
  return g_object_new (KITH_TYPE_ITEM_DIALOG, "store", store, "item", notes,
                       "meeting-id", kith_timeline_item_get_id (meeting), "transient-for", parent, NULL);
}
