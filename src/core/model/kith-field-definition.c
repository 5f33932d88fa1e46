/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithFieldDefinition: a custom field of people, companies or deals — its name, type (text,
 * pick, multipick, date, integer, decimal, currency), section, choices, a currency field's
 * currency, whether a date reminds every year, and the segments and stages it applies in. The
 * profile shows and edits records' values through it; Preferences lists, adds and removes it.
 * Writes are never cancelled.
 */

#define G_LOG_DOMAIN "KithFieldDefinition"

#include "config.h"

#include "kith-enums.h"
#include "kith-field-definition.h"
#include "kith-fields.h"
#include "kith-model-task.h"
#include "kith-object-util.h"
#include "kith-relationship.h"

struct _KithFieldDefinition
{
  GObject         parent_instance;

  gint64          field_id;
  char           *key;
  char           *name;
  char           *field_type;
  KithRecordKind  applies_to;
  char           *section;
  char           *currency;
  GStrv           options;
  gboolean        remind_yearly;
  char           *scope_segment;
  GPtrArray      *scopes;   /* pairs: segment, then stage or %NULL for all its stages */
};

G_DEFINE_FINAL_TYPE (KithFieldDefinition, kith_field_definition, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIELD_ID,
  PROP_KEY,
  PROP_NAME,
  PROP_FIELD_TYPE,
  PROP_APPLIES_TO,
  PROP_SECTION,
  PROP_CURRENCY,
  PROP_OPTIONS,
  PROP_REMIND_YEARLY,
  PROP_SCOPE_SEGMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_field_definition_finalize (GObject *object)
{
  KithFieldDefinition *self = KITH_FIELD_DEFINITION (object);

  g_free (self->key);
  g_free (self->name);
  g_free (self->field_type);
  g_free (self->section);
  g_free (self->currency);
  g_ptr_array_unref (self->scopes);
  g_strfreev (self->options);
  g_free (self->scope_segment);

  G_OBJECT_CLASS (kith_field_definition_parent_class)->finalize (object);
}

static void
kith_field_definition_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithFieldDefinition *self = KITH_FIELD_DEFINITION (object);

  switch (prop_id)
    {
    case PROP_FIELD_ID:
      g_value_set_int64 (value, self->field_id);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FIELD_TYPE:
      g_value_set_string (value, self->field_type);
      break;
    case PROP_APPLIES_TO:
      g_value_set_enum (value, self->applies_to);
      break;
    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_OPTIONS:
      g_value_set_boxed (value, self->options);
      break;
    case PROP_REMIND_YEARLY:
      g_value_set_boolean (value, self->remind_yearly);
      break;
    case PROP_SCOPE_SEGMENT:
      g_value_set_string (value, self->scope_segment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Values are set while the definition is made, before anyone watches it */
static void
kith_field_definition_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KithFieldDefinition *self = KITH_FIELD_DEFINITION (object);

  switch (prop_id)
    {
    case PROP_FIELD_ID:
      self->field_id = g_value_get_int64 (value);
      break;
    case PROP_KEY:
      kith_set_str (&self->key, g_value_get_string (value));
      break;
    case PROP_NAME:
      kith_set_str (&self->name, g_value_get_string (value));
      break;
    case PROP_FIELD_TYPE:
      kith_set_str (&self->field_type, g_value_get_string (value));
      break;
    case PROP_APPLIES_TO:
      self->applies_to = g_value_get_enum (value);
      break;
    case PROP_SECTION:
      kith_set_str (&self->section, g_value_get_string (value));
      break;
    case PROP_CURRENCY:
      kith_set_str (&self->currency, g_value_get_string (value));
      break;
    case PROP_OPTIONS:
      kith_set_strv (&self->options, g_value_get_boxed (value));
      break;
    case PROP_REMIND_YEARLY:
      self->remind_yearly = g_value_get_boolean (value);
      break;
    case PROP_SCOPE_SEGMENT:
      kith_set_str (&self->scope_segment, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_field_definition_class_init (KithFieldDefinitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_field_definition_finalize;
  object_class->get_property = kith_field_definition_get_property;
  object_class->set_property = kith_field_definition_set_property;

  /* The store's row id of the field; 0 until it is added */
  properties[PROP_FIELD_ID] = g_param_spec_int64 ("field-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* The store's key of the field (`#key` in queries); %NULL until it is added */
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FIELD_TYPE] = g_param_spec_string ("field-type", NULL, NULL, "text", flags);
  properties[PROP_APPLIES_TO] = g_param_spec_enum ("applies-to", NULL, NULL, KITH_TYPE_RECORD_KIND,
                                                   KITH_RECORD_PERSON, flags);
  properties[PROP_SECTION] = g_param_spec_string ("section", NULL, NULL, NULL, flags);
  /* The ISO 4217 code of a currency field's amounts */
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_OPTIONS] = g_param_spec_boxed ("options", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_REMIND_YEARLY] = g_param_spec_boolean ("remind-yearly", NULL, NULL, FALSE, flags);
  properties[PROP_SCOPE_SEGMENT] = g_param_spec_string ("scope-segment", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_field_definition_init (KithFieldDefinition *self)
{
  self->scopes = g_ptr_array_new_with_free_func (g_free);
}

/**
 * kith_field_definition_new:
 *
 * Returns: (transfer full): a definition to add with kith_field_definition_add_async(); set
 *   its other properties with g_object_new() instead where it has them
 */
KithFieldDefinition *
kith_field_definition_new (KithRecordKind  applies_to,
                           const char     *name,
                           const char     *field_type)
{
  return g_object_new (KITH_TYPE_FIELD_DEFINITION, "applies-to", applies_to, "name", name,
                       "field-type", field_type, NULL);
}

const char *
kith_field_definition_get_key (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), NULL);

  return self->key;
}

gint64
kith_field_definition_get_field_id (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), 0);

  return self->field_id;
}

const char *
kith_field_definition_get_name (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), NULL);

  return self->name;
}

const char *
kith_field_definition_get_field_type (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), NULL);

  return self->field_type;
}

KithRecordKind
kith_field_definition_get_applies_to (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), KITH_RECORD_PERSON);

  return self->applies_to;
}

const char *
kith_field_definition_get_section (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), NULL);

  return self->section;
}

/**
 * kith_field_definition_get_currency:
 *
 * Returns: (nullable): the ISO 4217 code of a currency field's amounts
 */
const char *
kith_field_definition_get_currency (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), NULL);

  return self->currency;
}

/**
 * kith_field_definition_get_options:
 *
 * Returns: (transfer none): the choices of a pick or multipick field
 */
const char * const *
kith_field_definition_get_options (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), NULL);

  return (const char * const *) self->options;
}

gboolean
kith_field_definition_get_remind_yearly (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), FALSE);

  return self->remind_yearly;
}

const char *
kith_field_definition_get_scope_segment (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), NULL);

  return self->scope_segment;
}

/**
 * kith_field_definition_applies_in:
 * @segment: (nullable): a record's segment
 * @stage: (nullable): its stage
 *
 * Returns: whether a record in @segment and @stage has the field: a field without scopes
 *   applies everywhere
 */
gboolean
kith_field_definition_applies_in (KithFieldDefinition *self,
                                  const char          *segment,
                                  const char          *stage)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), FALSE);

  /* One made here for adding has its segment only */
  if (self->scopes->len == 0)
    return self->scope_segment == NULL || g_strcmp0 (self->scope_segment, segment) == 0;

  for (guint i = 0; i + 1 < self->scopes->len; i += 2)
    {
      const char *scope_stage = g_ptr_array_index (self->scopes, i + 1);

      if (g_strcmp0 (g_ptr_array_index (self->scopes, i), segment) == 0 &&
          (scope_stage == NULL || g_strcmp0 (scope_stage, stage) == 0))
        return TRUE;
    }

  return FALSE;
}

/**
 * kith_field_definition_add_scope:
 * @segment: a segment's key (or, for adding, its name)
 * @stage: (nullable): one of its stages, or %NULL for all of them
 *
 * Adds a segment (and stage) the field applies in, while the definition is made: a field
 * without scopes applies everywhere.
 */
void
kith_field_definition_add_scope (KithFieldDefinition *self,
                                 const char          *segment,
                                 const char          *stage)
{
  g_return_if_fail (KITH_IS_FIELD_DEFINITION (self));
  g_return_if_fail (segment != NULL);

  g_ptr_array_add (self->scopes, g_strdup (segment));
  g_ptr_array_add (self->scopes, g_strdup (stage));
  /* A field scoped to stages only is still not shown for every segment */
  if (self->scope_segment == NULL)
    self->scope_segment = g_strdup (segment);
}

guint
kith_field_definition_get_n_scopes (KithFieldDefinition *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_DEFINITION (self), 0);

  return self->scopes->len / 2;
}

/**
 * kith_field_definition_get_scope:
 * @out_segment: (out) (transfer none): the segment of scope @i
 * @out_stage: (out) (transfer none) (nullable): its stage, or %NULL for all of them
 */
void
kith_field_definition_get_scope (KithFieldDefinition  *self,
                                 guint                 i,
                                 const char          **out_segment,
                                 const char          **out_stage)
{
  g_return_if_fail (KITH_IS_FIELD_DEFINITION (self));
  g_return_if_fail (i < self->scopes->len / 2);

  *out_segment = g_ptr_array_index (self->scopes, 2 * i);
  *out_stage = g_ptr_array_index (self->scopes, 2 * i + 1);
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_fields_list (store, GPOINTER_TO_INT (data), error);
}

/**
 * kith_field_definition_list_async:
 *
 * Reads the custom fields of records of @kind, on the store's worker.
 */
void
kith_field_definition_list_async (KithStore           *store,
                                  KithRecordKind       kind,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, list_job, GINT_TO_POINTER (kind), NULL, g_object_unref, cancellable,
                  kith_field_definition_list_async, callback, user_data);
}

/**
 * kith_field_definition_list_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #KithFieldDefinition<!-- -->s
 */
GListModel *
kith_field_definition_list_finish (KithStore     *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return kith_model_finish_pointer (store, result, kith_field_definition_list_async, error);
}

static gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  return GINT_TO_POINTER (kith_fields_add (store, data, error) != 0);
}

/**
 * kith_field_definition_add_async:
 *
 * Adds the field to the store; never cancelled. The store names what is wrong (a missing name,
 * a pick list without choices).
 */
void
kith_field_definition_add_async (KithFieldDefinition *self,
                                 KithStore           *store,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_FIELD_DEFINITION (self));
  g_return_if_fail (KITH_IS_STORE (store));

  /* The definition does not change once made: the worker may read it */
  kith_model_run (self, store, add_job, g_object_ref (self), g_object_unref, NULL, NULL,
                  kith_field_definition_add_async, callback, user_data);
}

gboolean
kith_field_definition_add_finish (KithFieldDefinition  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  return kith_model_finish_boolean (self, result, kith_field_definition_add_async, error);
}

static gpointer
update_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_fields_update (store, data, error));
}

/**
 * kith_field_definition_update_async:
 *
 * Changes the field with the definition's key to be as the definition says (its name,
 * section, choices, scopes); never cancelled. Profiles open show the change.
 */
void
kith_field_definition_update_async (KithFieldDefinition *self,
                                    KithStore           *store,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (KITH_IS_FIELD_DEFINITION (self));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (self, store, update_job, g_object_ref (self), g_object_unref, NULL, NULL,
                  kith_field_definition_update_async, callback, user_data);
}

gboolean
kith_field_definition_update_finish (KithFieldDefinition  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return kith_model_finish_boolean (self, result, kith_field_definition_update_async, error);
}

static gpointer
remove_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_fields_remove (store, data, error));
}

/**
 * kith_field_definition_remove_async:
 *
 * Removes the field and every value recorded in it; never cancelled.
 */
void
kith_field_definition_remove_async (KithFieldDefinition *self,
                                    KithStore           *store,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (KITH_IS_FIELD_DEFINITION (self));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (self, store, remove_job, g_strdup (self->key), g_free, NULL, NULL, kith_field_definition_remove_async,
                  callback, user_data);
}

gboolean
kith_field_definition_remove_finish (KithFieldDefinition  *self,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return kith_model_finish_boolean (self, result, kith_field_definition_remove_async, error);
}
