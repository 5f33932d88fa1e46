/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_TAG (kith_tag_get_type ())
G_DECLARE_FINAL_TYPE (KithTag, kith_tag, KITH, TAG, GObject)

KithTag    *kith_tag_new           (const char          *name,
                                    guint                count);
const char *kith_tag_get_name      (KithTag             *self);
guint       kith_tag_get_count     (KithTag             *self);
void        kith_tag_list_async    (KithStore           *store,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GListModel *kith_tag_list_finish   (KithStore           *store,
                                    GAsyncResult        *result,
                                    GError             **error);
void        kith_tag_rename_async  (KithTag             *self,
                                    KithStore           *store,
                                    const char          *name,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean    kith_tag_rename_finish (KithTag             *self,
                                    GAsyncResult        *result,
                                    GError             **error);
void        kith_tag_delete_async  (KithTag             *self,
                                    KithStore           *store,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean    kith_tag_delete_finish (KithTag             *self,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
