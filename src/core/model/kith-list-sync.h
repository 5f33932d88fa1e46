/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gint64 (*KithItemIdFunc)     (gpointer item);
typedef void   (*KithItemUpdateFunc) (gpointer item,
                                      gpointer from);

void kith_list_store_sync (GListStore         *store,
                           GPtrArray          *fresh,
                           KithItemIdFunc      id_of,
                           KithItemUpdateFunc  update);

G_END_DECLS
