/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-record.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* Records as typed objects, read and written on the store's worker. Reads take the cancellable of
 * whoever waits for them; a write the user asked for is given none, so that it completes. */

void        kith_store_get_record_async            (KithStore           *self,
                                                    gint64               id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
KithRecord *kith_store_get_record_finish           (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void        kith_store_create_record_async         (KithStore           *self,
                                                    KithRecord          *draft,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64      kith_store_create_record_finish        (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    gboolean            *out_merged,
                                                    GError             **error);
void        kith_store_save_record_async           (KithStore           *self,
                                                    KithRecord          *record,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    kith_store_save_record_finish          (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void        kith_store_delete_record_async         (KithStore           *self,
                                                    gint64               id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64      kith_store_delete_record_finish        (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void        kith_store_delete_records_async        (KithStore           *self,
                                                    GArray              *ids,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64      kith_store_delete_records_finish       (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void        kith_store_tag_records_async           (KithStore           *self,
                                                    GArray              *ids,
                                                    const char          *tag,
                                                    gboolean             add,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GArray     *kith_store_tag_records_finish          (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void        kith_store_merge_records_async         (KithStore           *self,
                                                    gint64               survivor_id,
                                                    gint64               merged_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64      kith_store_merge_records_finish        (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void        kith_store_undo_async                  (KithStore           *self,
                                                    gint64               undo_id,
                                                    gboolean             undo,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    kith_store_undo_finish                 (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void        kith_store_find_merge_candidates_async (KithStore           *self,
                                                    gint64               id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray  *kith_store_find_merge_candidates_finish (KithStore          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
