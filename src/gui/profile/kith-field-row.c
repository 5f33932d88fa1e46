/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFieldRow"

#include "config.h"

#include "kith-field-row.h"
#include "kith-date-field-row.h"
#include "kith-multipick-field-row.h"
#include "kith-pick-field-row.h"
#include "kith-text-field-row.h"

/*
 * The row of a custom field in a profile, a widget for its type: text and numbers typed in an
 * entry (KithTextFieldRow), a pick from a list (KithPickFieldRow), a multi-pick of checks
 * (KithMultipickFieldRow), a date from a calendar (KithDateFieldRow). Each shows the record's
 * value (bound to its KithCustomValue) and emits "edited" with what the user gave.
 *
 * The four derive from different rows (entry, combo, expander, action), so what they share is
 * installed on each class here rather than inherited: the field and value are kept as the
 * object's data, set once at construction.
 */

enum {
  PROP_0,
  PROP_FIELD,
  PROP_VALUE,
};

static GQuark
quark_of (guint prop_id)
{
  return g_quark_from_static_string (prop_id == PROP_FIELD ? "kith-field-row-field" : "kith-field-row-value");
}

static void
get_property (GObject    *object,
              guint       prop_id,
              GValue     *value,
              GParamSpec *pspec)
{
  g_value_set_object (value, g_object_get_qdata (object, quark_of (prop_id)));
}

static void
set_property (GObject      *object,
              guint         prop_id,
              const GValue *value,
              GParamSpec   *pspec)
{
  g_object_set_qdata_full (object, quark_of (prop_id), g_value_dup_object (value), g_object_unref);
}

/**
 * kith_field_row_class_install:
 *
 * Gives a field row class its construct-only "field" and "value" properties and its "edited"
 * signal (the value, or a multi-pick's values). The class has no other properties.
 */
void
kith_field_row_class_install (GObjectClass *klass)
{
  klass->get_property = get_property;
  klass->set_property = set_property;

  g_object_class_install_property (klass, PROP_FIELD,
                                   g_param_spec_object ("field", NULL, NULL, KITH_TYPE_FIELD_DEFINITION,
                                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (klass, PROP_VALUE,
                                   g_param_spec_object ("value", NULL, NULL, KITH_TYPE_CUSTOM_VALUE,
                                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_signal_new ("edited", G_OBJECT_CLASS_TYPE (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);
}

KithFieldDefinition *
kith_field_row_get_field (gpointer row)
{
  return g_object_get_qdata (row, quark_of (PROP_FIELD));
}

KithCustomValue *
kith_field_row_get_value (gpointer row)
{
  return g_object_get_qdata (row, quark_of (PROP_VALUE));
}

void
kith_field_row_edited (gpointer            row,
                       const char         *value,
                       const char * const *values)
{
  g_signal_emit_by_name (row, "edited", value, values);
}

/* Whom a row tells of an edit */
typedef struct {
  KithFieldEditFunc func;
  gpointer          user_data;
} Edit;

static void
edit_free (gpointer  data,
           GClosure *closure)
{
  g_free (data);
}

static void
on_edited_cb (GtkWidget          *row,
              const char         *value,
              const char * const *values,
              Edit               *edit)
{
  edit->func (kith_field_row_get_field (row), value, values, edit->user_data);
}

static GType
row_type (KithFieldDefinition *field)
{
  const char *type = kith_field_definition_get_field_type (field);

  if (g_str_equal (type, "pick"))
    return KITH_TYPE_PICK_FIELD_ROW;
  if (g_str_equal (type, "multipick"))
    return KITH_TYPE_MULTIPICK_FIELD_ROW;
  if (g_str_equal (type, "date"))
    return KITH_TYPE_DATE_FIELD_ROW;
  return KITH_TYPE_TEXT_FIELD_ROW;
}

/**
 * kith_field_row_new:
 * @value: the record's value of @field, which the row shows as it changes
 * @func: (scope notified): called with what the user gives
 *
 * Returns: (transfer floating): a preferences row titled with the field's name
 */
GtkWidget *
kith_field_row_new (KithFieldDefinition *field,
                    KithCustomValue     *value,
                    KithFieldEditFunc    func,
                    gpointer             user_data)
{
  GtkWidget *row = g_object_new (row_type (field),
                                 "field", field,
                                 "value", value,
                                 "title", kith_field_definition_get_name (field),
                                 NULL);
  Edit *edit = g_new0 (Edit, 1);

  edit->func = func;
  edit->user_data = user_data;
  g_signal_connect_data (row, "edited", G_CALLBACK (on_edited_cb), edit, edit_free, 0);
  return row;
}
