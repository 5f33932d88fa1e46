/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithFieldDefinitionRow: a custom field in Preferences — its name, and its type, section, whether it is
 * shown for some segments only and its key (`#key` in searches); Edit (the row activated, or
 * its button) and Remove ask the page (`fields.edit`, `fields.remove`).
 */

#define G_LOG_DOMAIN "KithFieldDefinitionRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-field-definition-row.h"
#include "kith-gui-util.h"

struct _KithFieldDefinitionRow
{
  AdwActionRow         parent_instance;

  KithFieldDefinition *field;
};

G_DEFINE_FINAL_TYPE (KithFieldDefinitionRow, kith_field_definition_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * kith_field_definition_row_type_label:
 * @field_type: a field's type, as the store names it ("text", "pick", …)
 *
 * Returns: (transfer none): what a user calls it
 */
const char *
kith_field_definition_row_type_label (const char *field_type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "text", N_("Text") },
    { "pick", N_("Pick list") },
    { "multipick", N_("Pick list (many)") },
    { "date", N_("Date") },
    { "integer", N_("Whole number") },
    { "decimal", N_("Number") },
    { "currency", N_("Money") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].type, field_type) == 0)
      return _(labels[i].label);

  return field_type;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithFieldDefinitionRow *self = KITH_FIELD_DEFINITION_ROW (widget);

  gtk_widget_activate_action (widget, "fields.remove", "s", kith_field_definition_get_key (self->field));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithFieldDefinitionRow *self = KITH_FIELD_DEFINITION_ROW (widget);

  gtk_widget_activate_action (widget, "fields.edit", "s", kith_field_definition_get_key (self->field));
}

static void
show_field (KithFieldDefinitionRow *self)
{
  g_autoptr(GString) subtitle = g_string_new (kith_field_definition_row_type_label (kith_field_definition_get_field_type (self->field)));
  g_autofree char *subtitle_markup = NULL;

  if (kith_field_definition_get_section (self->field) != NULL)
    g_string_append_printf (subtitle, " · %s", kith_field_definition_get_section (self->field));
  if (kith_field_definition_get_scope_segment (self->field) != NULL)
    g_string_append_printf (subtitle, " · %s", _("some segments"));
  g_string_append_printf (subtitle, " · #%s", kith_field_definition_get_key (self->field));
  subtitle_markup = kith_markup_escape (subtitle->str);
  kith_preferences_row_set_text_title (ADW_PREFERENCES_ROW (self), kith_field_definition_get_name (self->field));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle_markup);
}

static void
kith_field_definition_row_dispose (GObject *object)
{
  KithFieldDefinitionRow *self = KITH_FIELD_DEFINITION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_FIELD_DEFINITION_ROW);
  g_clear_object (&self->field);

  G_OBJECT_CLASS (kith_field_definition_row_parent_class)->dispose (object);
}

static void
kith_field_definition_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithFieldDefinitionRow *self = KITH_FIELD_DEFINITION_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_object (value, self->field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_field_definition_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithFieldDefinitionRow *self = KITH_FIELD_DEFINITION_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_assert (self->field == NULL);
      self->field = g_value_dup_object (value);
      show_field (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_field_definition_row_class_init (KithFieldDefinitionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_field_definition_row_dispose;
  object_class->get_property = kith_field_definition_row_get_property;
  object_class->set_property = kith_field_definition_row_set_property;

  properties[PROP_FIELD] = g_param_spec_object ("field", NULL, NULL, KITH_TYPE_FIELD_DEFINITION,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-field-definition-row.ui");
  gtk_widget_class_install_action (widget_class, "field-row.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "field-row.edit", NULL, edit_action);
}

static void
kith_field_definition_row_init (KithFieldDefinitionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A row for @field */
GtkWidget *
kith_field_definition_row_new (KithFieldDefinition *field)
{
  GtkWidget *row = g_object_new (KITH_TYPE_FIELD_DEFINITION_ROW, NULL);

  g_object_set (row, "field", field, NULL);

  return row;
}
