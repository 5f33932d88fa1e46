/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-signature.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* Signatures, asynchronously: each runs on the store's worker. A read takes a cancellable; a
 * write the user asked for takes none, and always completes. */

void        kith_store_signatures_list_async   (KithStore            *self,
                                                const char           *account,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GListModel *kith_store_signatures_list_finish  (KithStore            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void        kith_store_signature_save_async    (KithStore            *self,
                                                KithSignature        *signature,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gint64      kith_store_signature_save_finish   (KithStore            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void        kith_store_signature_delete_async  (KithStore            *self,
                                                gint64                id,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean    kith_store_signature_delete_finish (KithStore            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
