/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KITH_TYPE_BATCH_MODEL (kith_batch_model_get_type ())
G_DECLARE_FINAL_TYPE (KithBatchModel, kith_batch_model, KITH, BATCH_MODEL, GObject)

KithBatchModel *kith_batch_model_new       (GListModel     *model,
                                            guint           limit);
guint           kith_batch_model_get_limit (KithBatchModel *self);
void            kith_batch_model_set_limit (KithBatchModel *self,
                                            guint           limit);

G_END_DECLS
