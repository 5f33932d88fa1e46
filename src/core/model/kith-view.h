/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_VIEW (kith_view_get_type ())
G_DECLARE_FINAL_TYPE (KithView, kith_view, KITH, VIEW, GObject)

KithView       *kith_view_new          (gint64               id,
                                        const char          *name,
                                        KithRecordKind       kind,
                                        const char          *query);
gint64          kith_view_get_id       (KithView            *self);
const char     *kith_view_get_name     (KithView            *self);
KithRecordKind  kith_view_get_kind     (KithView            *self);
const char     *kith_view_get_query    (KithView            *self);

void            kith_view_list_async   (KithStore           *store,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GListModel     *kith_view_list_finish  (KithStore           *store,
                                        GAsyncResult        *result,
                                        GError             **error);
void            kith_view_save_async   (KithStore           *store,
                                        const char          *name,
                                        KithRecordKind       kind,
                                        const char          *query,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void            kith_view_rename_async (KithView            *self,
                                        KithStore           *store,
                                        const char          *name,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void            kith_view_delete_async (KithView            *self,
                                        KithStore           *store,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean        kith_view_write_finish (KithStore           *store,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
