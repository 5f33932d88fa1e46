/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* Address completion: people and companies by a name or email prefix, with their emails */
GPtrArray  *kith_store_find_addresses         (KithStore            *self,
                                               const char           *text,
                                               guint                 limit,
                                               GError              **error);
void        kith_store_find_addresses_async   (KithStore            *self,
                                               const char           *text,
                                               guint                 limit,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel *kith_store_find_addresses_finish  (KithStore            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
