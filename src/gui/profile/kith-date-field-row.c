/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithDateFieldRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-date-field-row.h"
#include "kith-field-row.h"
#include "kith-timeline-format.h"

/* The row of a custom field that is a date: its day as the Agenda writes it, a calendar to pick
 * another, a button to clear it */

struct _KithDateFieldRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *day_button;
  GtkCalendar  *calendar;
  GtkWidget    *clear_button;
};

G_DEFINE_FINAL_TYPE (KithDateFieldRow, kith_date_field_row, ADW_TYPE_ACTION_ROW)

static gboolean
label_of_date (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_autoptr(GDateTime) day = kith_timeline_format_parse_day (g_value_get_string (from));

  g_value_take_string (to, day != NULL ? kith_timeline_format_day (day) : g_strdup (_("Set Date")));
  return TRUE;
}

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

static void
on_day_selected_cb (GtkCalendar      *calendar,
                    KithDateFieldRow *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
  KithCustomValue *value = kith_field_row_get_value (self);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->day_button));
  /* Not before the row has its value: the calendar selects today as it is made */
  if (value != NULL && g_strcmp0 (text, kith_custom_value_get_value (value)) != 0)
    kith_field_row_edited (self, text, NULL);
}

static void
on_clear_clicked_cb (KithDateFieldRow *self)
{
  kith_field_row_edited (self, NULL, NULL);
}

static void
kith_date_field_row_constructed (GObject *object)
{
  KithDateFieldRow *self = KITH_DATE_FIELD_ROW (object);
  KithCustomValue *value = kith_field_row_get_value (self);
  g_autoptr(GDateTime) day = kith_timeline_format_parse_day (kith_custom_value_get_value (value));

  G_OBJECT_CLASS (kith_date_field_row_parent_class)->constructed (object);

  g_object_bind_property_full (value, "value", self->day_button, "label", G_BINDING_SYNC_CREATE,
                               label_of_date, NULL, NULL, NULL);
  g_object_bind_property_full (value, "value", self->clear_button, "sensitive", G_BINDING_SYNC_CREATE,
                               is_set, NULL, NULL, NULL);
  /* The calendar opens on the field's date; selecting it is no edit, it is the value */
  g_signal_handlers_block_by_func (self->calendar, on_day_selected_cb, self);
  if (day != NULL)
    gtk_calendar_select_day (self->calendar, day);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected_cb, self);
}

static void
kith_date_field_row_class_init (KithDateFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_date_field_row_constructed;
  kith_field_row_class_install (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-date-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithDateFieldRow, day_button);
  gtk_widget_class_bind_template_child (widget_class, KithDateFieldRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, KithDateFieldRow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
}

static void
kith_date_field_row_init (KithDateFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
