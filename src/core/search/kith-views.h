/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Saved views: a named query of one kind of record */
GListModel *kith_store_list_views         (KithStore               *self,
                                            GError                 **error);
gint64      kith_store_save_view           (KithStore               *self,
                                            const char              *name,
                                            KithRecordKind           kind,
                                            const char              *query,
                                            GError                 **error);
gboolean    kith_store_rename_view         (KithStore               *self,
                                            gint64                   view_id,
                                            const char              *name,
                                            GError                 **error);
gboolean    kith_store_delete_view         (KithStore               *self,
                                            gint64                   view_id,
                                            GError                 **error);

G_END_DECLS
