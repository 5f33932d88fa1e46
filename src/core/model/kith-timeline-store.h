/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"
#include "kith-timeline-item.h"
#include "kith-timeline-reader.h"

G_BEGIN_DECLS

void       kith_store_get_timeline_page_async     (KithStore            *self,
                                                   gint64                record_id,
                                                   const KithTimelineKey *older_than,
                                                   const KithTimelineKey *down_to,
                                                   guint                 limit,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray *kith_store_get_timeline_page_finish    (KithStore            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void       kith_store_add_timeline_item_async     (KithStore            *self,
                                                   KithTimelineItem     *item,
                                                   gint64                record_id,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64     kith_store_add_timeline_item_finish    (KithStore            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void       kith_store_delete_timeline_item_async  (KithStore            *self,
                                                   gint64                item_id,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean   kith_store_delete_timeline_item_finish (KithStore            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void        kith_store_delete_timeline_item_with_undo_async  (KithStore           *self,
                                                              gint64               item_id,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gint64      kith_store_delete_timeline_item_with_undo_finish (KithStore           *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void        kith_store_update_timeline_item_async  (KithStore           *self,
                                                    KithTimelineItem    *item,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    kith_store_update_timeline_item_finish (KithStore           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
