/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMultipickFieldRow"

#include "config.h"

#include "kith-multipick-field-row.h"
#include "kith-multipick-choice-row.h"
#include "kith-field-row.h"

/* The row of a custom field that is a multi-pick: the choices made as its subtitle, a check
 * row for each choice (KithMultipickChoiceRow) inside */

struct _KithMultipickFieldRow
{
  AdwExpanderRow parent_instance;
};

G_DEFINE_FINAL_TYPE (KithMultipickFieldRow, kith_multipick_field_row, ADW_TYPE_EXPANDER_ROW)

static gboolean
summary_of_values (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char * const *values = g_value_get_boxed (from);

  g_value_take_string (to, values != NULL && values[0] != NULL ? g_strjoinv (", ", (char **) values) : g_strdup ("—"));
  return TRUE;
}

static void
on_picked_cb (KithMultipickChoiceRow *row,
              const char * const     *values,
              KithMultipickFieldRow  *self)
{
  kith_field_row_edited (self, NULL, values);
}

static GtkWidget *
create_choice_row (GtkStringObject       *choice,
                   KithMultipickFieldRow *self)
{
  GtkWidget *row = kith_multipick_choice_row_new (kith_field_row_get_value (self), gtk_string_object_get_string (choice));

  g_signal_connect_object (row, "picked", G_CALLBACK (on_picked_cb), self, 0);
  return row;
}

/* A row for each of the field's choices, from a list model of them, added once when the row is
 * made: an expander row has no list box to bind a model to (adw_expander_row_add_row() only,
 * no insertion at a position) */
static void
add_choice_rows (KithMultipickFieldRow *self,
                 GListModel            *choices)
{
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) choice = g_list_model_get_item (choices, i);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), create_choice_row (choice, self));
    }
}

static void
kith_multipick_field_row_constructed (GObject *object)
{
  KithMultipickFieldRow *self = KITH_MULTIPICK_FIELD_ROW (object);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (kith_field_definition_get_options (kith_field_row_get_field (self)));

  G_OBJECT_CLASS (kith_multipick_field_row_parent_class)->constructed (object);

  add_choice_rows (self, G_LIST_MODEL (choices));
  g_object_bind_property_full (kith_field_row_get_value (self), "values", self, "subtitle", G_BINDING_SYNC_CREATE,
                               summary_of_values, NULL, NULL, NULL);
}

static void
kith_multipick_field_row_class_init (KithMultipickFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_multipick_field_row_constructed;
  kith_field_row_class_install (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-multipick-field-row.ui");
}

static void
kith_multipick_field_row_init (KithMultipickFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
