/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTextFieldRow"

#include "config.h"

#include "kith-text-field-row.h"
#include "kith-field-row.h"
#include "kith-money.h"

/* The row of a custom field of text or a number: an entry, amounts in the user's format */

struct _KithTextFieldRow
{
  AdwEntryRow parent_instance;
};

G_DEFINE_FINAL_TYPE (KithTextFieldRow, kith_text_field_row, ADW_TYPE_ENTRY_ROW)

/* An amount as the store keeps it ("1250000.50") as the user reads it in its currency; what is
 * not such an amount (typed, not saved yet) as it is */
static char *
format_money (const char *value,
              const char *currency)
{
  char *end = NULL;
  double amount = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0')
    return g_strdup (value);
  return kith_money_format (amount, currency);
}

/* A value as the field's row shows it; not set again when the row shows it already, which would
 * move the cursor of someone typing there */
static gboolean
text_of_value (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  KithFieldDefinition *field = user_data;
  const char *value = g_value_get_string (from);
  g_autoptr(GObject) row = g_binding_dup_target (binding);
  g_autofree char *text = value == NULL ? g_strdup ("")
                          : g_str_equal (kith_field_definition_get_field_type (field), "currency")
                          ? format_money (value, kith_field_definition_get_currency (field))
                          : g_strdup (value);
  gboolean same = row != NULL && g_str_equal (gtk_editable_get_text (GTK_EDITABLE (row)), text);

  g_value_take_string (to, g_steal_pointer (&text));
  return !same;
}

static void
on_applied_cb (KithTextFieldRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));

  /* Enter gives "apply" and "entry-activated": one edit; again after a refusal, though */
  if (g_strcmp0 (text, kith_custom_value_get_value (kith_field_row_get_value (self))) == 0 &&
      !gtk_widget_has_css_class (GTK_WIDGET (self), "error"))
    return;
  kith_field_row_edited (self, text, NULL);
}

static void
kith_text_field_row_constructed (GObject *object)
{
  KithFieldDefinition *field = kith_field_row_get_field (object);
  const char *type = kith_field_definition_get_field_type (field);

  G_OBJECT_CLASS (kith_text_field_row_parent_class)->constructed (object);

  if (g_str_equal (type, "integer") || g_str_equal (type, "decimal") || g_str_equal (type, "currency"))
    gtk_editable_set_alignment (GTK_EDITABLE (object), 1.0);
  g_object_bind_property_full (kith_field_row_get_value (object), "value", object, "text", G_BINDING_SYNC_CREATE,
                               text_of_value, NULL, g_object_ref (field), g_object_unref);
}

static void
kith_text_field_row_class_init (KithTextFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_text_field_row_constructed;
  kith_field_row_class_install (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-text-field-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_applied_cb);
}

static void
kith_text_field_row_init (KithTextFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
