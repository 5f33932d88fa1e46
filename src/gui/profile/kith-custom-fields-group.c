/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithCustomFieldsGroup: the custom fields of the relationship editor — those that apply to the
 * record's segment and stage, each a KithFieldRow, in one group per section (a
 * KithFieldSectionGroup for each item of a list model of section names, in the sections' order;
 * "Details" for the fields without a section). A value is saved as soon as it is entered; a
 * value the store refuses stays as typed, the field marked and the reason in full under its
 * section's list until it is saved (kept by field key, as the rows are made again when the scope
 * changes; see kith-field-refusal.c). Emits "changed" once a value is saved. When fields are
 * added, changed or removed (in Preferences), it reads them again.
 */

#define G_LOG_DOMAIN "KithCustomFieldsGroup"

#include "config.h"

#include "kith-custom-fields-group.h"
#include "kith-field-definition.h"
#include "kith-field-refusal.h"
#include "kith-field-row.h"
#include "kith-field-section-group.h"
#include "kith-record-save.h"
#include "kith-store-changes.h"

struct _KithCustomFieldsGroup
{
  GtkBox               parent_instance;

  KithStore           *store;
  KithRecord          *record;
  GCancellable        *cancellable;   /* cancelled on dispose; writes get none */
  GtkFilter           *filter;
  GtkFilterListModel  *fields;        /* of KithFieldDefinition in scope */
  GtkStringList       *sections;      /* their sections' names, in order; "" for none */
  char                *shown;         /* what the fields shown are (fields_signature()) */
  GHashTable          *errors;        /* field key → message */
  GHashTable          *refusals;      /* the rows refused (kith-field-refusal.c) */
};

G_DEFINE_FINAL_TYPE (KithCustomFieldsGroup, kith_custom_fields_group, GTK_TYPE_BOX)

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

/* The row of field @key, in the group of its section */
static GtkWidget *
find_row (KithCustomFieldsGroup *self,
          const char            *key)
{
  for (GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (self)); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    {
      GtkListBox *list = kith_field_section_group_get_list (KITH_FIELD_SECTION_GROUP (group));

      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (g_strcmp0 (kith_field_definition_get_key (kith_field_row_get_field (row)), key) == 0)
          return row;
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

  /* Not in the list yet: the reasons under it follow once it is (KithFieldSectionGroup) */
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

/* Hidden, with the space around it, while no field applies to the record */
static void
on_fields_changed_cb (KithCustomFieldsGroup *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), g_list_model_get_n_items (G_LIST_MODEL (self->fields)) > 0);
}

static void
on_scope_changed_cb (KithCustomFieldsGroup *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
in_section (gpointer item,
            gpointer user_data)
{
  return g_strcmp0 (kith_field_definition_get_section (item), user_data) == 0;
}

/* A section's group: its fields in scope, through the factory of the rows of fields */
static GtkWidget *
create_section_group (KithCustomFieldsGroup *self,
                      const char            *section)
{
  GtkWidget *group = kith_field_section_group_new (section);
  /* The fields without a section have a NULL one */
  GtkFilter *filter = GTK_FILTER (gtk_custom_filter_new (in_section, *section != '\0' ? g_strdup (section) : NULL,
                                                         g_free));
  g_autoptr(GtkFilterListModel) fields = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->fields)), filter);

  kith_field_section_group_bind (KITH_FIELD_SECTION_GROUP (group), G_LIST_MODEL (fields), create_field_row, self,
                                 self->refusals);
  return group;
}

/* The box shows a group for each section, made as the sections come */
static void
on_sections_changed_cb (KithCustomFieldsGroup *self,
                        guint                  position,
                        guint                  removed,
                        guint                  added,
                        GListModel            *sections)
{
  GtkWidget *before = NULL;
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  for (guint i = 0; i < position && child != NULL; i++)
    before = child, child = gtk_widget_get_next_sibling (child);
  for (guint i = 0; i < removed && child != NULL; i++)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (GTK_BOX (self), child);
      child = next;
    }
  for (guint i = 0; i < added; i++)
    {
      GtkWidget *group = create_section_group (self, gtk_string_list_get_string (self->sections, position + i));

      gtk_box_insert_child_after (GTK_BOX (self), group, before);
      before = group;
    }
}

/* The names of the sections of @fields, in their order (the store's), "" for none */
static GStrv
section_names (GListModel *fields)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; fields != NULL && i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(KithFieldDefinition) field = g_list_model_get_item (fields, i);
      const char *section = kith_field_definition_get_section (field);

      if (section == NULL)
        section = "";
      if (g_hash_table_add (seen, (gpointer) section))
        g_strv_builder_add (names, section);
    }

  return g_strv_builder_end (names);
}

/* The groups and their rows, made again: for other fields, or another record's */
static void
show_sections (KithCustomFieldsGroup *self)
{
  g_auto(GStrv) names = self->record != NULL ? section_names (gtk_filter_list_model_get_model (self->fields)) : NULL;

  gtk_string_list_splice (self->sections, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sections)),
                          (const char * const *) names);
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
  if (record != NULL)
    {
      g_signal_connect_swapped (record, "notify::segment", G_CALLBACK (on_scope_changed_cb), self);
      g_signal_connect_swapped (record, "notify::stage", G_CALLBACK (on_scope_changed_cb), self);
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
    }
  /* The rows are the old record's */
  show_sections (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/* What the user sees of @fields: a change in Preferences changes it */
static char *
fields_signature (GListModel *fields)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; fields != NULL && i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(KithFieldDefinition) field = g_list_model_get_item (fields, i);
      const char * const *choices = kith_field_definition_get_options (field);
      g_autofree char *options = choices != NULL ? g_strjoinv ("\x1f", (char **) choices) : NULL;

      g_string_append_printf (text, "%s\x1e%s\x1e%s\x1e%s\x1e%s\x1e%d", kith_field_definition_get_key (field),
                              kith_field_definition_get_name (field), kith_field_definition_get_section (field) ?: "",
                              options ? options : "", kith_field_definition_get_currency (field) ?: "",
                              kith_field_definition_get_remind_yearly (field));
      for (guint s = 0; s < kith_field_definition_get_n_scopes (field); s++)
        {
          const char *segment, *stage;

          kith_field_definition_get_scope (field, s, &segment, &stage);
          g_string_append_printf (text, "\x1e%s/%s", segment, stage ? stage : "");
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kith_custom_fields_group_set_fields:
 * @fields: (nullable): every custom field (KithFieldDefinition) of the record's kind, as loaded
 */
void
kith_custom_fields_group_set_fields (KithCustomFieldsGroup *self,
                                     GListModel            *fields)
{
  g_autofree char *signature = fields_signature (fields);

  g_return_if_fail (KITH_IS_CUSTOM_FIELDS_GROUP (self));

  /* The same fields read again: the rows stay, with what the user is typing */
  if (g_strcmp0 (signature, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&signature);
  gtk_filter_list_model_set_model (self->fields, fields);
  show_sections (self);
}

static void
on_fields_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KithCustomFieldsGroup) self = user_data;
  g_autoptr(GListModel) fields = kith_field_definition_list_finish (KITH_STORE (source), result, NULL);

  /* Cancelled, or not read: the fields shown stay */
  if (fields != NULL)
    kith_custom_fields_group_set_fields (self, fields);
}

/* Fields added, changed or removed belong to no one record: what the store calls shared */
static void
on_store_changed_cb (KithCustomFieldsGroup *self,
                     KithStoreChanges      *changes)
{
  KithRecordKind kind;

  if (self->record == NULL)
    return;
  kind = kith_record_get_kind (self->record);
  if (kith_store_changes_has_shared (changes, kind))
    kith_field_definition_list_async (self->store, kind, self->cancellable, on_fields_loaded_cb, g_object_ref (self));
}

static void
set_store (KithCustomFieldsGroup *self,
           KithStore             *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
kith_custom_fields_group_dispose (GObject *object)
{
  KithCustomFieldsGroup *self = KITH_CUSTOM_FIELDS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
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
  g_clear_object (&self->sections);
  g_free (self->shown);
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
      set_store (self, g_value_get_object (value));
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
}

static void
kith_custom_fields_group_init (KithCustomFieldsGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refusals = kith_field_refusals_new ();
  self->filter = GTK_FILTER (gtk_custom_filter_new (field_in_scope, self, NULL));
  self->fields = gtk_filter_list_model_new (NULL, g_object_ref (self->filter));
  self->sections = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->sections, "items-changed", G_CALLBACK (on_sections_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fields, "items-changed", G_CALLBACK (on_fields_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_fields_changed_cb (self);
}
