/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_RECORD_LIST_MODEL (kith_record_list_model_get_type ())
G_DECLARE_FINAL_TYPE (KithRecordListModel, kith_record_list_model, KITH, RECORD_LIST_MODEL, GObject)

KithRecordListModel *kith_record_list_model_new          (KithStore           *store);
void                 kith_record_list_model_set_ids      (KithRecordListModel *self,
                                                          GArray              *ids,
                                                          KithGroup            group);
void                 kith_record_list_model_set_names    (KithRecordListModel *self,
                                                          JsonArray           *segments);
void                 kith_record_list_model_reload_rows  (KithRecordListModel *self);
gint64               kith_record_list_model_get_id       (KithRecordListModel *self,
                                                          guint                position);
guint                kith_record_list_model_get_n_cached (KithRecordListModel *self);
guint                kith_record_list_model_get_n_loaded (KithRecordListModel *self);

G_END_DECLS
