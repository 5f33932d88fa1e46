/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-custom-value.h"

/*
 * The value a record has for one custom field, kept up to date by the record as it loads and
 * changes, for widgets to bind: the value as text, and a multi-pick field's choices.
 */

struct _KithCustomValue
{
  GObject   parent_instance;

  char     *key;
  char     *value;
  char    **values;
};

G_DEFINE_FINAL_TYPE (KithCustomValue, kith_custom_value, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_VALUE,
  PROP_VALUES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_custom_value_finalize (GObject *object)
{
  KithCustomValue *self = (KithCustomValue *)object;

  g_free (self->key);
  g_free (self->value);
  g_strfreev (self->values);

  G_OBJECT_CLASS (kith_custom_value_parent_class)->finalize (object);
}

static void
kith_custom_value_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithCustomValue *self = KITH_CUSTOM_VALUE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_VALUES:
      g_value_set_boxed (value, self->values);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_custom_value_class_init (KithCustomValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_custom_value_finalize;
  object_class->get_property = kith_custom_value_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);
  properties[PROP_VALUES] = g_param_spec_boxed ("values", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_custom_value_init (KithCustomValue *self)
{
  self->values = g_new0 (char *, 1);
}

KithCustomValue *
kith_custom_value_new (const char *key)
{
  KithCustomValue *self = g_object_new (KITH_TYPE_CUSTOM_VALUE, NULL);

  self->key = g_strdup (key);
  return self;
}

const char *
kith_custom_value_get_key (KithCustomValue *self)
{
  g_return_val_if_fail (KITH_IS_CUSTOM_VALUE (self), NULL);

  return self->key;
}

/**
 * kith_custom_value_get_value:
 *
 * Returns: (nullable): the value as text; %NULL when the record has none
 */
const char *
kith_custom_value_get_value (KithCustomValue *self)
{
  g_return_val_if_fail (KITH_IS_CUSTOM_VALUE (self), NULL);

  return self->value;
}

/**
 * kith_custom_value_get_values:
 *
 * Returns: (transfer none): a multi-pick field's choices; empty otherwise
 */
const char * const *
kith_custom_value_get_values (KithCustomValue *self)
{
  g_return_val_if_fail (KITH_IS_CUSTOM_VALUE (self), NULL);

  return (const char * const *) self->values;
}

/* Called by the record: notifies what changed */
void
kith_custom_value_update (KithCustomValue    *self,
                          const char         *value,
                          const char * const *values)
{
  g_return_if_fail (KITH_IS_CUSTOM_VALUE (self));

  if (g_strcmp0 (self->value, value) != 0)
    {
      g_free (self->value);
      self->value = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
    }
  if (!g_strv_equal ((const char * const *) self->values, values))
    {
      g_strfreev (self->values);
      self->values = g_strdupv ((char **) values);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUES]);
    }
}
