/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

typedef void (*KithDemoProgressFunc) (guint done, guint total, gpointer user_data);

/* Fills @store with deterministic, realistic data: the same @seed gives the same records. */
gboolean kith_demo_generate (KithStore            *store,
                             guint                 n_people,
                             guint                 n_interactions,
                             guint32               seed,
                             KithDemoProgressFunc  progress,
                             gpointer              user_data,
                             GError              **error);

G_END_DECLS
