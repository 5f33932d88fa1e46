/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*KithItemSameFunc)   (gpointer item,
                                        gpointer other);
typedef void     (*KithItemUpdateFunc) (gpointer item,
                                        gpointer from);

void kith_list_store_sync (GListStore         *store,
                           GPtrArray          *fresh,
                           KithItemSameFunc    same,
                           KithItemUpdateFunc  update);
void kith_list_store_sync_model (GListStore         *store,
                                 GListModel         *fresh,
                                 KithItemSameFunc    same,
                                 KithItemUpdateFunc  update);

/* Replace @removed items at @position with @added */
typedef struct {
  guint position;
  guint removed;
  guint added;
} KithIdRun;

GArray *kith_id_runs_between (GArray     *before,
                              GArray     *after,
                              GHashTable *changed);
GArray *kith_id_runs_diff    (GArray     *before,
                              GArray     *after);

G_END_DECLS
