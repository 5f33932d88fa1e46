/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithBatchModel"

#include "config.h"

#include "kith-batch-model.h"

/*
 * The first items of a list model, up to a limit. Unlike GtkSliceListModel, which reports a
 * change as everything from there to the end of the slice changing, it passes a change on as
 * it is (and the items that come into or leave the window at its end), so a list showing it
 * keeps the rows of the items that did not change.
 */

struct _KithBatchModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;
};

static void kith_batch_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithBatchModel, kith_batch_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kith_batch_model_list_model_init))

static GType
kith_batch_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (KITH_BATCH_MODEL (list)->model);
}

static guint
kith_batch_model_get_n_items (GListModel *list)
{
  KithBatchModel *self = KITH_BATCH_MODEL (list);

  return MIN (g_list_model_get_n_items (self->model), self->limit);
}

static gpointer
kith_batch_model_get_item (GListModel *list,
                           guint       position)
{
  KithBatchModel *self = KITH_BATCH_MODEL (list);

  if (position >= self->limit)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
kith_batch_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kith_batch_model_get_item_type;
  iface->get_n_items = kith_batch_model_get_n_items;
  iface->get_item = kith_batch_model_get_item;
}

/* @removed items at @position went and @added came; the window's end moves with them */
static void
on_items_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     KithBatchModel *self)
{
  guint n_after = g_list_model_get_n_items (model);
  guint shown_before = MIN (n_after - added + removed, self->limit);
  guint shown_after = MIN (n_after, self->limit);
  guint gone;
  guint came;
  guint tail_before;
  guint tail_after;

  if (position >= self->limit)
    return;

  gone = MIN (removed, shown_before - position);
  came = MIN (added, shown_after - position);
  /* The items after the change that show, before and after it */
  tail_before = shown_before - position - gone;
  tail_after = shown_after - position - came;

  if (gone > 0 || came > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, gone, came);
  if (tail_after > tail_before)
    g_list_model_items_changed (G_LIST_MODEL (self), position + came + tail_before, 0, tail_after - tail_before);
  else if (tail_before > tail_after)
    g_list_model_items_changed (G_LIST_MODEL (self), position + came + tail_after, tail_before - tail_after, 0);
}

static void
kith_batch_model_dispose (GObject *object)
{
  KithBatchModel *self = (KithBatchModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kith_batch_model_parent_class)->dispose (object);
}

static void
kith_batch_model_class_init (KithBatchModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kith_batch_model_dispose;
}

static void
kith_batch_model_init (KithBatchModel *self)
{
}

/**
 * kith_batch_model_new:
 * @model: (transfer none): the whole list
 * @limit: how many of its first items to show
 *
 * Returns: (transfer full): the first @limit items of @model
 */
KithBatchModel *
kith_batch_model_new (GListModel *model,
                      guint       limit)
{
  KithBatchModel *self = g_object_new (KITH_TYPE_BATCH_MODEL, NULL);

  self->model = g_object_ref (model);
  self->limit = limit;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  return self;
}

guint
kith_batch_model_get_limit (KithBatchModel *self)
{
  g_return_val_if_fail (KITH_IS_BATCH_MODEL (self), 0);

  return self->limit;
}

/**
 * kith_batch_model_set_limit:
 *
 * Shows the first @limit items: the ones coming into the window are added, those leaving it
 * removed.
 */
void
kith_batch_model_set_limit (KithBatchModel *self,
                            guint           limit)
{
  guint n;
  guint shown_before;
  guint shown_after;

  g_return_if_fail (KITH_IS_BATCH_MODEL (self));

  n = g_list_model_get_n_items (self->model);
  shown_before = MIN (n, self->limit);
  shown_after = MIN (n, limit);
  self->limit = limit;

  if (shown_after > shown_before)
    g_list_model_items_changed (G_LIST_MODEL (self), shown_before, 0, shown_after - shown_before);
  else if (shown_before > shown_after)
    g_list_model_items_changed (G_LIST_MODEL (self), shown_after, shown_before - shown_after, 0);
}
