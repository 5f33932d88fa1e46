/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KITH_TYPE_LIMIT_MODEL (kith_limit_model_get_type ())
G_DECLARE_FINAL_TYPE (KithLimitModel, kith_limit_model, KITH, LIMIT_MODEL, GObject)

KithLimitModel *kith_limit_model_new       (GListModel     *model,
                                            guint           limit);
guint           kith_limit_model_get_limit (KithLimitModel *self);
void            kith_limit_model_set_limit (KithLimitModel *self,
                                            guint           limit);

G_END_DECLS
