/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-model-json.h"
#include "kith-segment-private.h"
#include "kith-stage-private.h"

/* A segment (customer, friend, …; deals have their own) and its stages */

struct _KithSegment
{
  GObject     parent_instance;

  char       *key;
  char       *name;
  gboolean    for_deals;
  gboolean    enabled;
  GListStore *stages;
};

G_DEFINE_FINAL_TYPE (KithSegment, kith_segment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_FOR_DEALS,
  PROP_ENABLED,
  PROP_STAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_segment_finalize (GObject *object)
{
  KithSegment *self = (KithSegment *)object;

  g_free (self->key);
  g_free (self->name);
  g_clear_object (&self->stages);

  G_OBJECT_CLASS (kith_segment_parent_class)->finalize (object);
}

static void
kith_segment_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KithSegment *self = KITH_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FOR_DEALS:
      g_value_set_boolean (value, self->for_deals);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_STAGES:
      g_value_set_object (value, self->stages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_segment_class_init (KithSegmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_segment_finalize;
  object_class->get_property = kith_segment_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FOR_DEALS] = g_param_spec_boolean ("for-deals", NULL, NULL, FALSE, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_STAGES] = g_param_spec_object ("stages", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_segment_init (KithSegment *self)
{
  self->enabled = TRUE;
  self->stages = g_list_store_new (KITH_TYPE_STAGE);
}

KithSegment *
kith_segment_new_from_json (JsonObject *json)
{
  KithSegment *self = g_object_new (KITH_TYPE_SEGMENT, NULL);
  JsonArray *array = kith_model_json_array (json, "stages");

  self->key = g_strdup (json_object_get_string_member_with_default (json, "key", NULL));
  self->name = g_strdup (json_object_get_string_member_with_default (json, "name", NULL));
  self->for_deals = g_strcmp0 (json_object_get_string_member_with_default (json, "appliesTo", NULL), "projects") == 0;
  self->enabled = json_object_get_boolean_member_with_default (json, "enabled", TRUE);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(KithStage) stage = kith_stage_new_from_json (json_array_get_object_element (array, i));

      g_list_store_append (self->stages, stage);
    }

  return self;
}

/**
 * kith_segment_new_none:
 * @name: what to call it ("None")
 *
 * Returns: (transfer full): the segment of a record in none: no key, no stages
 */
KithSegment *
kith_segment_new_none (const char *name)
{
  KithSegment *self = g_object_new (KITH_TYPE_SEGMENT, NULL);

  self->name = g_strdup (name);
  return self;
}

/**
 * kith_segment_get_key:
 *
 * Returns: (nullable): the segment's key; %NULL for kith_segment_new_none ()
 */
const char *
kith_segment_get_key (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  return self->key;
}

const char *
kith_segment_get_name (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  return self->name;
}

/* Whether the segment is one of deals (projects) rather than of people and companies */
gboolean
kith_segment_get_for_deals (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), FALSE);

  return self->for_deals;
}

gboolean
kith_segment_get_enabled (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), FALSE);

  return self->enabled;
}

/**
 * kith_segment_get_stages:
 *
 * Returns: (transfer none): the segment's stages in order, a list model of #KithStage
 */
GListModel *
kith_segment_get_stages (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  return G_LIST_MODEL (self->stages);
}

/**
 * kith_segment_find_stage:
 *
 * Returns: (transfer none) (nullable): the stage of @key
 */
KithStage *
kith_segment_find_stage (KithSegment *self,
                         const char  *key)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->stages)); i++)
    {
      g_autoptr(KithStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);

      if (g_strcmp0 (kith_stage_get_key (stage), key) == 0)
        return stage;   /* the store keeps a reference */
    }

  return NULL;
}
