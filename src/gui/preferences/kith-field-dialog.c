/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithFieldDialog: the form of a new custom field — its name, type, choices (pick lists),
 * section, whether a date reminds every year, and the segment it is shown for — or of a field
 * to edit, filled in with what it is (its type stays: values are stored by it). The store says
 * what is wrong with it when it is saved.
 */

#define G_LOG_DOMAIN "KithFieldDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-enums.h"
#include "kith-field-dialog.h"
#include "kith-field-definition-row.h"
#include "kith-segment.h"

struct _KithFieldDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *name_entry;
  GtkDropDown      *type_dropdown;
  GtkEditable      *options_entry;
  GtkEditable      *section_entry;
  GtkCheckButton   *yearly_check;
  GtkDropDown      *scope_dropdown;

  KithRecordKind    applies_to;
  GListModel       *segments;
  KithFieldDefinition *field;     /* the field edited, or NULL for a new one */
  GPtrArray        *scope_keys;   /* the segments of scope_dropdown, after "All segments" */
  guint             scope_shown;  /* what scope_dropdown showed the field edited with */
};

G_DEFINE_FINAL_TYPE (KithFieldDialog, kith_field_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_APPLIES_TO,
  PROP_SEGMENTS,
  PROP_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *field_types[] = { "text", "pick", "multipick", "date", "integer", "decimal", "currency" };

/* The index of @type in field_types */
static guint
type_index (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (g_strcmp0 (field_types[i], type) == 0)
      return i;

  return 0;
}

/* The scope_dropdown item of the field's first scope segment; 0 for every segment */
static guint
scope_index (KithFieldDialog *self)
{
  const char *segment = kith_field_definition_get_scope_segment (self->field);

  for (guint i = 0; segment != NULL && i < self->scope_keys->len; i++)
    if (g_str_equal (g_ptr_array_index (self->scope_keys, i), segment))
      return i + 1;

  return 0;
}

/* The form filled in with the field edited */
static void
show_field (KithFieldDialog *self)
{
  const char * const *options = kith_field_definition_get_options (self->field);
  g_autofree char *choices = options != NULL ? g_strjoinv (", ", (char **) options) : NULL;
  const char *section = kith_field_definition_get_section (self->field);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Edit Custom Field"));
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "add", _("_Save"));
  gtk_editable_set_text (self->name_entry, kith_field_definition_get_name (self->field));
  gtk_drop_down_set_selected (self->type_dropdown, type_index (kith_field_definition_get_field_type (self->field)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_dropdown), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->type_dropdown),
                               _("The values recorded are kept in the form of the type: it cannot be changed"));
  gtk_editable_set_text (self->options_entry, choices != NULL ? choices : "");
  gtk_editable_set_text (self->section_entry, section != NULL ? section : "");
  gtk_check_button_set_active (self->yearly_check, kith_field_definition_get_remind_yearly (self->field));
  self->scope_shown = scope_index (self);
  gtk_drop_down_set_selected (self->scope_dropdown, self->scope_shown);
}

static void
kith_field_dialog_constructed (GObject *object)
{
  KithFieldDialog *self = KITH_FIELD_DIALOG (object);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  gboolean projects = self->applies_to == KITH_RECORD_PROJECT;

  G_OBJECT_CLASS (kith_field_dialog_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    gtk_string_list_append (types, kith_field_definition_row_type_label (field_types[i]));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));

  /* Where the field shows: every segment, or one of those offered for these records */
  gtk_string_list_append (scopes, _("All segments"));
  for (guint i = 0; self->segments != NULL && i < g_list_model_get_n_items (self->segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (self->segments, i);

      if (!kith_segment_get_enabled (segment) || kith_segment_get_for_people (segment) == projects ||
          g_str_equal (kith_segment_get_key (segment), "none"))
        continue;
      gtk_string_list_append (scopes, kith_segment_get_name (segment));
      g_ptr_array_add (self->scope_keys, g_strdup (kith_segment_get_key (segment)));
    }
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (scopes));
  if (self->field != NULL)
    show_field (self);
}

static void
kith_field_dialog_dispose (GObject *object)
{
  KithFieldDialog *self = KITH_FIELD_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_FIELD_DIALOG);
  g_clear_object (&self->segments);
  g_clear_object (&self->field);

  G_OBJECT_CLASS (kith_field_dialog_parent_class)->dispose (object);
}

static void
kith_field_dialog_finalize (GObject *object)
{
  KithFieldDialog *self = KITH_FIELD_DIALOG (object);

  g_ptr_array_unref (self->scope_keys);

  G_OBJECT_CLASS (kith_field_dialog_parent_class)->finalize (object);
}

static void
kith_field_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithFieldDialog *self = KITH_FIELD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_APPLIES_TO:
      g_value_set_enum (value, self->applies_to);
      break;
    case PROP_SEGMENTS:
      g_value_set_object (value, self->segments);
      break;
    case PROP_FIELD:
      g_value_set_object (value, self->field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_field_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithFieldDialog *self = KITH_FIELD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_APPLIES_TO:
      self->applies_to = g_value_get_enum (value);
      break;
    case PROP_SEGMENTS:
      self->segments = g_value_dup_object (value);
      break;
    case PROP_FIELD:
      self->field = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_field_dialog_class_init (KithFieldDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kith_field_dialog_constructed;
  object_class->dispose = kith_field_dialog_dispose;
  object_class->finalize = kith_field_dialog_finalize;
  object_class->get_property = kith_field_dialog_get_property;
  object_class->set_property = kith_field_dialog_set_property;

  properties[PROP_APPLIES_TO] = g_param_spec_enum ("applies-to", NULL, NULL, KITH_TYPE_RECORD_KIND,
                                                   KITH_RECORD_PERSON, flags);
  /* The segments, for "Shown For" */
  properties[PROP_SEGMENTS] = g_param_spec_object ("segments", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  /* The field edited, or %NULL for a new one */
  properties[PROP_FIELD] = g_param_spec_object ("field", NULL, NULL, KITH_TYPE_FIELD_DEFINITION, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-field-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithFieldDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, KithFieldDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KithFieldDialog, options_entry);
  gtk_widget_class_bind_template_child (widget_class, KithFieldDialog, section_entry);
  gtk_widget_class_bind_template_child (widget_class, KithFieldDialog, yearly_check);
  gtk_widget_class_bind_template_child (widget_class, KithFieldDialog, scope_dropdown);
}

static void
kith_field_dialog_init (KithFieldDialog *self)
{
  self->scope_keys = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_field_dialog_new:
 * @field: (nullable): the field to edit, or %NULL for a new one of @applies_to
 */
GtkWidget *
kith_field_dialog_new (GtkWindow           *parent,
                       KithRecordKind       applies_to,
                       GListModel          *segments,
                       KithFieldDefinition *field)
{
  return g_object_new (KITH_TYPE_FIELD_DIALOG, "transient-for", parent, "modal", TRUE,
                       "applies-to", field != NULL ? kith_field_definition_get_applies_to (field) : applies_to,
                       "segments", segments, "field", field, NULL);
}

/* An edited field's scopes stay as they are while "Shown For" is as it was: the form shows one
 * segment, a field may have several, or stages */
static void
add_scopes (KithFieldDialog     *self,
            KithFieldDefinition *definition,
            guint                scope)
{
  if (self->field != NULL && scope == self->scope_shown)
    {
      for (guint i = 0; i < kith_field_definition_get_n_scopes (self->field); i++)
        {
          const char *segment, *stage;

          kith_field_definition_get_scope (self->field, i, &segment, &stage);
          kith_field_definition_add_scope (definition, segment, stage);
        }
      return;
    }

  /* 0 is every segment */
  if (scope > 0 && scope <= self->scope_keys->len)
    kith_field_definition_add_scope (definition, g_ptr_array_index (self->scope_keys, scope - 1), NULL);
}

/**
 * kith_field_dialog_dup_definition:
 *
 * Returns: (transfer full): the field as the form describes it, to add, or to update the
 *   field edited with (its key and type)
 */
KithFieldDefinition *
kith_field_dialog_dup_definition (KithFieldDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (self->options_entry), ",", -1);
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_auto(GStrv) options = NULL;
  const char *section = gtk_editable_get_text (self->section_entry);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  guint scope = gtk_drop_down_get_selected (self->scope_dropdown);
  KithFieldDefinition *definition;

  g_return_val_if_fail (KITH_IS_FIELD_DIALOG (self), NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (choices, parts[i]);
  options = g_strv_builder_end (choices);

  definition = g_object_new (KITH_TYPE_FIELD_DEFINITION,
                             "applies-to", self->applies_to,
                             "key", self->field != NULL ? kith_field_definition_get_key (self->field) : NULL,
                             "name", name,
                             "field-type", self->field != NULL ? kith_field_definition_get_field_type (self->field)
                                           : field_types[MIN (type, G_N_ELEMENTS (field_types) - 1)],
                             "section", *section != '\0' ? section : NULL,
                             "currency", self->field != NULL ? kith_field_definition_get_currency (self->field) : NULL,
                             "options", options[0] != NULL ? options : NULL,
                             "remind-yearly", gtk_check_button_get_active (self->yearly_check),
                             NULL);
  add_scopes (self, definition, scope);
  return definition;
}
