/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-field-private.h"
#include "kith-model-json.h"

/*
 * A custom field's definition: its key, name and type (`text`, `integer`, `decimal`,
 * `currency`, `date`, `pick`, `multipick`), the choices of a pick, a currency field's currency,
 * and the segments and stages it applies in.
 */

struct _KithField
{
  GObject   parent_instance;

  char     *key;
  char     *name;
  char     *type;
  char     *currency;
  char    **options;
  GPtrArray *scopes;   /* pairs: segment, then stage or NULL for all its stages */
};

G_DEFINE_FINAL_TYPE (KithField, kith_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_FIELD_TYPE,
  PROP_CURRENCY,
  PROP_OPTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_field_finalize (GObject *object)
{
  KithField *self = (KithField *)object;

  g_free (self->key);
  g_free (self->name);
  g_free (self->type);
  g_free (self->currency);
  g_strfreev (self->options);
  g_ptr_array_unref (self->scopes);

  G_OBJECT_CLASS (kith_field_parent_class)->finalize (object);
}

static void
kith_field_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KithField *self = KITH_FIELD (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FIELD_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_OPTIONS:
      g_value_set_boxed (value, self->options);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_field_class_init (KithFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_field_finalize;
  object_class->get_property = kith_field_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FIELD_TYPE] = g_param_spec_string ("field-type", NULL, NULL, NULL, flags);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_OPTIONS] = g_param_spec_boxed ("options", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_field_init (KithField *self)
{
  self->scopes = g_ptr_array_new_with_free_func (g_free);
}

KithField *
kith_field_new_from_json (JsonObject *json)
{
  KithField *self = g_object_new (KITH_TYPE_FIELD, NULL);
  JsonArray *array = kith_model_json_array (json, "scopes");

  self->key = g_strdup (json_object_get_string_member_with_default (json, "id", NULL));
  self->name = g_strdup (json_object_get_string_member_with_default (json, "name", NULL));
  self->type = g_strdup (json_object_get_string_member_with_default (json, "type", "text"));
  self->currency = g_strdup (json_object_get_string_member_with_default (json, "currency", NULL));
  self->options = kith_model_json_strv (json_object_get_member (json, "options"));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *scope = json_array_get_object_element (array, i);

      g_ptr_array_add (self->scopes, g_strdup (json_object_get_string_member_with_default (scope, "segment", NULL)));
      g_ptr_array_add (self->scopes, g_strdup (json_object_get_string_member_with_default (scope, "stage", NULL)));
    }

  return self;
}

const char *
kith_field_get_key (KithField *self)
{
  g_return_val_if_fail (KITH_IS_FIELD (self), NULL);

  return self->key;
}

const char *
kith_field_get_name (KithField *self)
{
  g_return_val_if_fail (KITH_IS_FIELD (self), NULL);

  return self->name;
}

const char *
kith_field_get_field_type (KithField *self)
{
  g_return_val_if_fail (KITH_IS_FIELD (self), NULL);

  return self->type;
}

/**
 * kith_field_get_currency:
 *
 * Returns: (nullable): the ISO 4217 code of a currency field's amounts
 */
const char *
kith_field_get_currency (KithField *self)
{
  g_return_val_if_fail (KITH_IS_FIELD (self), NULL);

  return self->currency;
}

/**
 * kith_field_get_options:
 *
 * Returns: (transfer none): the choices of a pick or multipick field
 */
const char * const *
kith_field_get_options (KithField *self)
{
  g_return_val_if_fail (KITH_IS_FIELD (self), NULL);

  return (const char * const *) self->options;
}

/**
 * kith_field_applies_to:
 * @segment: (nullable): a record's segment
 * @stage: (nullable): its stage
 *
 * Returns: whether a record in @segment and @stage has the field: a field without scopes
 *   applies everywhere
 */
gboolean
kith_field_applies_to (KithField  *self,
                       const char *segment,
                       const char *stage)
{
  g_return_val_if_fail (KITH_IS_FIELD (self), FALSE);

  if (self->scopes->len == 0)
    return TRUE;

  for (guint i = 0; i + 1 < self->scopes->len; i += 2)
    {
      const char *scope_stage = g_ptr_array_index (self->scopes, i + 1);

      if (g_strcmp0 (g_ptr_array_index (self->scopes, i), segment) == 0 &&
          (scope_stage == NULL || g_strcmp0 (scope_stage, stage) == 0))
        return TRUE;
    }

  return FALSE;
}
