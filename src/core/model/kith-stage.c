/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-model-json.h"
#include "kith-stage-private.h"
#include "kith-step-private.h"

/* A stage of a segment (lead, current, won, …) and its checklist of next steps */

struct _KithStage
{
  GObject     parent_instance;

  char       *key;
  char       *name;
  GListStore *steps;
};

G_DEFINE_FINAL_TYPE (KithStage, kith_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_stage_finalize (GObject *object)
{
  KithStage *self = (KithStage *)object;

  g_free (self->key);
  g_free (self->name);
  g_clear_object (&self->steps);

  G_OBJECT_CLASS (kith_stage_parent_class)->finalize (object);
}

static void
kith_stage_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KithStage *self = KITH_STAGE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STEPS:
      g_value_set_object (value, self->steps);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_stage_class_init (KithStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_stage_finalize;
  object_class->get_property = kith_stage_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STEPS] = g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_stage_init (KithStage *self)
{
  self->steps = g_list_store_new (KITH_TYPE_STEP);
}

KithStage *
kith_stage_new_from_json (JsonObject *json)
{
  KithStage *self = g_object_new (KITH_TYPE_STAGE, NULL);
  JsonArray *array = kith_model_json_array (json, "steps");

  self->key = g_strdup (json_object_get_string_member_with_default (json, "key", NULL));
  self->name = g_strdup (json_object_get_string_member_with_default (json, "name", NULL));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(KithStep) step = kith_step_new_from_json (json_array_get_object_element (array, i));

      g_list_store_append (self->steps, step);
    }

  return self;
}

const char *
kith_stage_get_key (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  return self->key;
}

const char *
kith_stage_get_name (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  return self->name;
}

/**
 * kith_stage_get_steps:
 *
 * Returns: (transfer none): the stage's next steps in order, a list model of #KithStep
 */
GListModel *
kith_stage_get_steps (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  return G_LIST_MODEL (self->steps);
}
