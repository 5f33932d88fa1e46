/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_RECORD_LIST_MODEL (kith_record_list_model_get_type ())
G_DECLARE_FINAL_TYPE (KithRecordListModel, kith_record_list_model, KITH, RECORD_LIST_MODEL, GObject)

KithRecordListModel *kith_record_list_model_new          (KithStore           *store);
GPtrArray           *kith_record_list_model_read_first_rows (KithStore     *reader,
                                                             GArray        *ids);
void                 kith_record_list_model_set_ids      (KithRecordListModel *self,
                                                          GArray              *ids,
                                                          KithGroup            group,
                                                          GPtrArray           *first_rows);
void                 kith_record_list_model_set_names    (KithRecordListModel *self,
                                                          GListModel          *segments);
void                 kith_record_list_model_update_ids   (KithRecordListModel *self,
                                                          GArray              *ids);
void                 kith_record_list_model_place_again_async  (KithRecordListModel *self,
                                                                KithRecordKind       kind,
                                                                const char          *query,
                                                                KithSort             sort,
                                                                KithStoreChanges    *changes,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean             kith_record_list_model_place_again_finish (KithRecordListModel  *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);
void                 kith_record_list_model_refresh      (KithRecordListModel *self,
                                                          KithStoreChanges    *changes);
gint64               kith_record_list_model_get_id       (KithRecordListModel *self,
                                                          guint                position);
guint                kith_record_list_model_find         (KithRecordListModel *self,
                                                          gint64               id);

G_END_DECLS
