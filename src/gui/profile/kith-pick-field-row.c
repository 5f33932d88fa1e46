/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithPickFieldRow"

#include "config.h"

#include "kith-pick-field-row.h"
#include "kith-field-row.h"

/* The row of a custom field that is a pick from a list: "—", then the choices */

struct _KithPickFieldRow
{
  AdwComboRow    parent_instance;

  GtkStringList *choices;
};

G_DEFINE_FINAL_TYPE (KithPickFieldRow, kith_pick_field_row, ADW_TYPE_COMBO_ROW)

/* The place in the list of the choice @value names; 0, "—", for none or one no longer offered */
static guint
position_of (KithFieldDefinition *field,
             const char          *value)
{
  const char * const *options = kith_field_definition_get_options (field);

  for (guint i = 0; value != NULL && options[i] != NULL; i++)
    if (g_str_equal (options[i], value))
      return i + 1;
  return 0;
}

static gboolean
choice_of_value (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_uint (to, position_of (user_data, g_value_get_string (from)));
  return TRUE;
}

static void
on_selected_cb (KithPickFieldRow *self)
{
  KithFieldDefinition *field = kith_field_row_get_field (self);
  const char *value = kith_custom_value_get_value (kith_field_row_get_value (self));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));

  /* Selected as the template sets the list, before the row has its field; then following the
   * value, which is no edit (not even of a value no longer offered, shown as "—") */
  if (field == NULL || selected == position_of (field, value))
    return;
  kith_field_row_edited (self, selected > 0 ? kith_field_definition_get_options (field)[selected - 1] : NULL, NULL);
}

static void
kith_pick_field_row_constructed (GObject *object)
{
  KithPickFieldRow *self = KITH_PICK_FIELD_ROW (object);
  KithFieldDefinition *field = kith_field_row_get_field (self);

  G_OBJECT_CLASS (kith_pick_field_row_parent_class)->constructed (object);

  gtk_string_list_splice (self->choices, 1, 0, kith_field_definition_get_options (field));
  g_object_bind_property_full (kith_field_row_get_value (self), "value", self, "selected", G_BINDING_SYNC_CREATE,
                               choice_of_value, NULL, g_object_ref (field), g_object_unref);
}

static void
kith_pick_field_row_class_init (KithPickFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_pick_field_row_constructed;
  kith_field_row_class_install (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-pick-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithPickFieldRow, choices);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_cb);
}

static void
kith_pick_field_row_init (KithPickFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
