/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithLimitModel: the first items of a list, for a view that builds its rows a batch at a
 * time. Unlike GtkSliceListModel in GTK 4.8, which reports every row after a change as changed,
 * it passes on a change as it is, and adds or drops at its end only the items that move in or
 * out of it: a message taken out of the Inbox, or a to-do done in an Agenda section, is one row
 * less, not fifty rebuilt.
 */

#define G_LOG_DOMAIN "KithLimitModel"

#include "config.h"

#include "kith-limit-model.h"

struct _KithLimitModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;
  guint       n_items;   /* what this model holds now */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithLimitModel, kith_limit_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (KITH_LIMIT_MODEL (model)->model);
}

static guint
get_n_items (GListModel *model)
{
  return KITH_LIMIT_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KithLimitModel *self = KITH_LIMIT_MODEL (model);

  return position < self->n_items ? g_list_model_get_item (self->model, position) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Grows or shrinks at the end to what the limit lets through */
static void
fill_to_limit (KithLimitModel *self)
{
  guint wanted = MIN (g_list_model_get_n_items (self->model), self->limit);
  guint had = self->n_items;

  if (wanted == had)
    return;

  self->n_items = wanted;
  if (wanted > had)
    g_list_model_items_changed (G_LIST_MODEL (self), had, 0, wanted - had);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), wanted, had - wanted, 0);
}

static void
on_items_changed_cb (KithLimitModel *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  if (position < self->n_items)
    {
      guint gone = MIN (removed, self->n_items - position);
      guint came = MIN (added, self->limit - position);

      self->n_items = self->n_items - gone + came;
      g_list_model_items_changed (G_LIST_MODEL (self), position, gone, came);
    }
  fill_to_limit (self);
}

static void
kith_limit_model_dispose (GObject *object)
{
  KithLimitModel *self = KITH_LIMIT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kith_limit_model_parent_class)->dispose (object);
}

static void
kith_limit_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LIMIT:
      g_value_set_uint (value, KITH_LIMIT_MODEL (object)->limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_limit_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LIMIT:
      kith_limit_model_set_limit (KITH_LIMIT_MODEL (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_limit_model_class_init (KithLimitModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_limit_model_dispose;
  object_class->get_property = kith_limit_model_get_property;
  object_class->set_property = kith_limit_model_set_property;

  properties[PROP_LIMIT] = g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_limit_model_init (KithLimitModel *self)
{
}

/**
 * kith_limit_model_new:
 * @limit: how many of @model's first items to hold
 *
 * Returns: (transfer full): the first @limit items of @model
 */
KithLimitModel *
kith_limit_model_new (GListModel *model,
                      guint       limit)
{
  KithLimitModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (KITH_TYPE_LIMIT_MODEL, NULL);
  self->model = g_object_ref (model);
  self->limit = limit;
  self->n_items = MIN (g_list_model_get_n_items (model), limit);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

guint
kith_limit_model_get_limit (KithLimitModel *self)
{
  g_return_val_if_fail (KITH_IS_LIMIT_MODEL (self), 0);

  return self->limit;
}

void
kith_limit_model_set_limit (KithLimitModel *self,
                            guint           limit)
{
  g_return_if_fail (KITH_IS_LIMIT_MODEL (self));

  if (self->limit == limit)
    return;

  self->limit = limit;
  if (self->model != NULL)
    fill_to_limit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}
