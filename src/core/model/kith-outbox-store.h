/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-outgoing.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* The Outbox's store calls for the GUI, each a job on the store's worker. A read takes a
 * cancellable; a write the user asked for takes none, and always completes. */

void          kith_store_outgoing_save_async     (KithStore            *self,
                                                  KithOutgoing         *msg,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gint64        kith_store_outgoing_save_finish    (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void          kith_store_outgoing_get_async      (KithStore            *self,
                                                  gint64                id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
KithOutgoing *kith_store_outgoing_get_finish     (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void          kith_store_outgoing_list_async     (KithStore            *self,
                                                  guint                 states_mask,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel   *kith_store_outgoing_list_finish    (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void          kith_store_outgoing_queue_async    (KithStore            *self,
                                                  gint64                id,
                                                  guint                 delay_seconds,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      kith_store_outgoing_queue_finish   (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void          kith_store_outgoing_unqueue_async  (KithStore            *self,
                                                  gint64                id,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      kith_store_outgoing_unqueue_finish (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void          kith_store_outgoing_retry_async    (KithStore            *self,
                                                  gint64                id,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      kith_store_outgoing_retry_finish   (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void          kith_store_outgoing_discard_async  (KithStore            *self,
                                                  gint64                id,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      kith_store_outgoing_discard_finish (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
