/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithItemDialog: a text or a meeting on the timeline, edited. A text: what it said and when;
 * a meeting: its title, when, how long, where, and the notes about it. Who took part is shown
 * and kept. Saving writes a copy of the item with what the form says over the stored one (on
 * the store's worker); the timeline shows it when the store says it changed.
 */

#define G_LOG_DOMAIN "KithItemDialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kith-item-dialog.h"
#include "kith-timeline-person.h"
#include "kith-timeline-store.h"

struct _KithItemDialog
{
  AdwWindow         parent_instance;

  AdwEntryRow      *subject_row;
  AdwEntryRow      *date_row;
  AdwEntryRow      *time_row;
  GtkWidget        *duration_row;
  GtkSpinButton    *minutes;
  AdwEntryRow      *location_row;
  AdwActionRow     *people_row;
  AdwPreferencesGroup *body_group;
  GtkTextView      *body_view;
  GtkLabel         *error_label;

  KithStore        *store;
  KithTimelineItem *item;
  GCancellable     *cancellable;   /* cancelled when the dialog goes: nothing left to show */
  gboolean          saving;
};

G_DEFINE_FINAL_TYPE (KithItemDialog, kith_item_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_meeting (KithItemDialog *self)
{
  return kith_timeline_item_get_style (self->item) == KITH_TIMELINE_STYLE_MEETING;
}

static void
show_error (KithItemDialog *self,
            GtkWidget      *row,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_row), "error");
  if (row == NULL)
    return;
  gtk_widget_add_css_class (row, "error");
  gtk_widget_grab_focus (row);
}

/* Who took part, by name */
static void
show_people (KithItemDialog *self)
{
  GListModel *people = kith_timeline_item_get_people (self->item);
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);
      const char *name = kith_timeline_person_get_name (person);

      if (name == NULL)
        name = kith_timeline_person_get_value (person);
      if (name != NULL)
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
    }
  adw_action_row_set_subtitle (self->people_row, names->str);
  gtk_widget_set_visible (GTK_WIDGET (self->people_row), names->len > 0);
}

/* The form, filled in with the item: the rows a meeting has, or those of a text */
static void
fill_form (KithItemDialog *self)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (kith_timeline_item_get_date (self->item) / 1000);
  g_autoptr(GDateTime) when = g_date_time_to_local (utc);
  g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  const char *subject = kith_timeline_item_get_subject (self->item);
  const char *location = kith_timeline_item_get_location (self->item);
  const char *body = kith_timeline_item_get_body (self->item);
  gboolean meeting = is_meeting (self);

  gtk_window_set_title (GTK_WINDOW (self), meeting ? _("Edit Meeting") : _("Edit Text"));
  adw_preferences_group_set_title (self->body_group, meeting ? _("Notes") : _("Message"));
  gtk_widget_set_visible (GTK_WIDGET (self->subject_row), meeting);
  gtk_widget_set_visible (self->duration_row, meeting);
  gtk_widget_set_visible (GTK_WIDGET (self->location_row), meeting);

  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject != NULL ? subject : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), day);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  gtk_spin_button_set_value (self->minutes, (kith_timeline_item_get_duration (self->item) + 59) / 60);
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), location != NULL ? location : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body != NULL ? body : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  meeting ? _("Notes") : _("Message"), -1);
  show_people (self);

  /* What is changed most: a meeting's title, a text's words */
  gtk_window_set_focus (GTK_WINDOW (self), meeting ? GTK_WIDGET (self->subject_row) : GTK_WIDGET (self->body_view));
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

/* The item as the form says it is now; how it went and which way stay */
static KithTimelineItem *
item_from_form (KithItemDialog *self,
                gint64          date)
{
  g_autofree char *body = dup_body (self);
  KithTimelineItem *item = g_object_new (KITH_TYPE_TIMELINE_ITEM,
                                         "id", kith_timeline_item_get_id (self->item),
                                         "style", kith_timeline_item_get_style (self->item),
                                         "date", date,
                                         "body", body,
                                         "direction", kith_timeline_item_get_direction (self->item),
                                         "outcome", kith_timeline_item_get_outcome (self->item),
                                         "subject", kith_timeline_item_get_subject (self->item),
                                         "duration", kith_timeline_item_get_duration (self->item),
                                         "location", kith_timeline_item_get_location (self->item),
                                         NULL);

  if (is_meeting (self))
    g_object_set (item,
                  "subject", typed (self->subject_row),
                  "duration", 60 * (gint64) gtk_spin_button_get_value_as_int (self->minutes),
                  "location", typed (self->location_row),
                  NULL);

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

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithItemDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_update_timeline_item_finish (KITH_STORE (source), result, &error);

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

static void
save (KithItemDialog *self)
{
  g_autoptr(KithTimelineItem) item = NULL;
  GtkWidget *wrong_row;
  gint64 date = typed_date (self, &wrong_row);

  /* Enter in a field while a save is under way */
  if (self->saving)
    return;
  if (wrong_row == GTK_WIDGET (self->date_row))
    {
      show_error (self, wrong_row, _("Type the date as year, month and day, such as 2026-12-01"));
      return;
    }
  if (wrong_row != NULL || date == 0)
    {
      show_error (self, GTK_WIDGET (self->time_row), _("Type the time of day as hours and minutes, such as 15:00"));
      return;
    }

  show_error (self, NULL, NULL);
  item = item_from_form (self, date);
  set_saving (self, TRUE);
  /* A write: it completes even if the dialog is closed meanwhile */
  kith_store_update_timeline_item_async (self->store, item, on_updated_cb, g_object_ref (self));
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

  fill_form (self);
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
  /* The text or meeting edited: what the form starts with */
  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, KITH_TYPE_TIMELINE_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, minutes);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, KithItemDialog, people_row);
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
 * @item: a stored text or meeting
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
