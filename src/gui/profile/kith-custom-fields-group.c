/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithCustomFieldsGroup: the custom fields of the relationship editor — those that apply to the
 * record's segment and stage, each a KithFieldRow. A value is saved as soon as it is entered; a
 * value the store refuses stays as typed, the field marked and the reason in full under the list
 * until it is saved (kept by field key, as the rows are made again when the scope changes; see
 * kith-field-refusal.c). Emits "changed" once a value is saved.
 */

#define G_LOG_DOMAIN "KithCustomFieldsGroup"

#include "config.h"

#include "kith-custom-fields-group.h"
#include "kith-field-definition.h"
#include "kith-field-refusal.h"
#include "kith-field-row.h"
#include "kith-record-save.h"

struct _KithCustomFieldsGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *fields_list;

  KithStore           *store;
  KithRecord          *record;
  GCancellable        *cancellable;   /* cancelled on dispose; writes get none */
  GtkFilter           *filter;
  GtkFilterListModel  *fields;        /* of KithFieldDefinition in scope */
  GHashTable          *errors;        /* field key → message */
  GHashTable          *refusals;      /* the rows refused (kith-field-refusal.c) */
};

G_DEFINE_FINAL_TYPE (KithCustomFieldsGroup, kith_custom_fields_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
find_row (KithCustomFieldsGroup *self,
          const char            *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->fields)); i++)
    {
      g_autoptr(KithFieldDefinition) field = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      if (g_strcmp0 (kith_field_definition_get_key (field), key) == 0)
        return GTK_WIDGET (gtk_list_box_get_row_at_index (self->fields_list, i));
    }

  return NULL;
}

static void
show_error (KithCustomFieldsGroup *self,
            const char            *key,
            const char            *message)
{
  GtkWidget *row = find_row (self, key);

  g_hash_table_insert (self->errors, g_strdup (key), g_strdup (message));
  if (row != NULL)
    kith_field_refusal_set (self->refusals, row, message);
}

static void
clear_error (KithCustomFieldsGroup *self,
             const char            *key)
{
  GtkWidget *row;

  if (!g_hash_table_remove (self->errors, key))
    return;

  row = find_row (self, key);
  if (row != NULL)
    kith_field_refusal_set (self->refusals, row, NULL);
}

static void
on_saved (gpointer      owner,
          KithRecord   *record,
          const GError *error,
          gpointer      where,
          const char   *text)
{
  KithCustomFieldsGroup *self = owner;
  const char *key = where;
  GtkWidget *row;

  if (error == NULL)
    {
      clear_error (self, key);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  if (record != self->record)
    return;
  /* A refused value stays as typed, with the reason at its field */
  row = find_row (self, key);
  if (row != NULL && ADW_IS_ENTRY_ROW (row) && text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  show_error (self, key, error->message);
}

/* What a field's row says the user did: a value as typed (NULL or "" clears it), or the
 * choices of a multiple pick list */
static void
on_field_edited (KithFieldDefinition *field,
                 const char          *value,
                 const char * const  *values,
                 gpointer             user_data)
{
  KithCustomFieldsGroup *self = user_data;
  const char *key = kith_field_definition_get_key (field);

  if (self->record == NULL)
    return;
  if (values != NULL)
    kith_record_set_custom_values (self->record, key, values);
  else
    kith_record_set_custom_value (self->record, key, value);
  kith_record_save (self->store, self->record, self, self->cancellable, g_strdup (key), g_free,
                    values != NULL ? NULL : value, on_saved);
}

static GtkWidget *
create_field_row (gpointer item,
                  gpointer user_data)
{
  KithCustomFieldsGroup *self = user_data;
  KithFieldDefinition *field = item;
  const char *error = g_hash_table_lookup (self->errors, kith_field_definition_get_key (field));
  GtkWidget *row = kith_field_row_new (field, kith_record_get_custom (self->record, kith_field_definition_get_key (field)),
                                       on_field_edited, self);

  /* Not in the list yet: the reasons under it follow once it is (on_fields_changed_cb) */
  if (error != NULL)
    kith_field_refusal_set (self->refusals, row, error);
  return row;
}

static gboolean
field_in_scope (gpointer item,
                gpointer user_data)
{
  KithCustomFieldsGroup *self = user_data;

  return self->record != NULL &&
         kith_field_definition_applies_in (item, kith_record_get_segment (self->record),
                                           kith_record_get_stage (self->record));
}

/* After the list box made the rows of the fields in scope */
static void
on_fields_changed_cb (KithCustomFieldsGroup *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), g_list_model_get_n_items (G_LIST_MODEL (self->fields)) > 0);
  kith_field_refusal_update (self->refusals, self->fields_list);
}

static void
on_scope_changed_cb (KithCustomFieldsGroup *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
set_record (KithCustomFieldsGroup *self,
            KithRecord            *record)
{
  if (self->record == record)
    return;

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_set_object (&self->record, record);
  g_hash_table_remove_all (self->errors);
  /* The rows are the old record's */
  gtk_list_box_bind_model (self->fields_list, NULL, NULL, NULL, NULL);
  if (record != NULL)
    {
      g_signal_connect_swapped (record, "notify::segment", G_CALLBACK (on_scope_changed_cb), self);
      g_signal_connect_swapped (record, "notify::stage", G_CALLBACK (on_scope_changed_cb), self);
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
      gtk_list_box_bind_model (self->fields_list, G_LIST_MODEL (self->fields), create_field_row, self, NULL);
    }
  kith_field_refusal_update (self->refusals, self->fields_list);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * kith_custom_fields_group_set_fields:
 * @fields: (nullable): every custom field (KithFieldDefinition) of the record's kind, as loaded
 */
void
kith_custom_fields_group_set_fields (KithCustomFieldsGroup *self,
                                     GListModel            *fields)
{
  g_return_if_fail (KITH_IS_CUSTOM_FIELDS_GROUP (self));

  gtk_filter_list_model_set_model (self->fields, fields);
}

static void
kith_custom_fields_group_dispose (GObject *object)
{
  KithCustomFieldsGroup *self = KITH_CUSTOM_FIELDS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_CUSTOM_FIELDS_GROUP);

  G_OBJECT_CLASS (kith_custom_fields_group_parent_class)->dispose (object);
}

static void
kith_custom_fields_group_finalize (GObject *object)
{
  KithCustomFieldsGroup *self = KITH_CUSTOM_FIELDS_GROUP (object);

  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->filter);
  g_clear_object (&self->fields);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->refusals, g_hash_table_unref);

  G_OBJECT_CLASS (kith_custom_fields_group_parent_class)->finalize (object);
}

static void
kith_custom_fields_group_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KithCustomFieldsGroup *self = KITH_CUSTOM_FIELDS_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_custom_fields_group_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KithCustomFieldsGroup *self = KITH_CUSTOM_FIELDS_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_RECORD:
      set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_custom_fields_group_class_init (KithCustomFieldsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_custom_fields_group_dispose;
  object_class->finalize = kith_custom_fields_group_finalize;
  object_class->get_property = kith_custom_fields_group_get_property;
  object_class->set_property = kith_custom_fields_group_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The record edited, shared with the relationship editor */
  properties[PROP_RECORD] = g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithCustomFieldsGroup::changed:
   *
   * A value was saved.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-custom-fields-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCustomFieldsGroup, fields_list);
}

static void
kith_custom_fields_group_init (KithCustomFieldsGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refusals = kith_field_refusals_new ();
  self->filter = GTK_FILTER (gtk_custom_filter_new (field_in_scope, self, NULL));
  self->fields = gtk_filter_list_model_new (NULL, g_object_ref (self->filter));

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->fields, "items-changed", G_CALLBACK (on_fields_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
