/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-file.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* Files attached to records */
gint64      kith_store_add_file            (KithStore               *self,
                                            gint64                   record_id,
                                            const char              *uri,
                                            const char              *name,
                                            gint64                   size,
                                            const char              *content_type,
                                            gboolean                 copied,
                                            GError                 **error);
GListModel *kith_store_list_files          (KithStore               *self,
                                            gint64                   record_id,
                                            GError                 **error);
KithFile   *kith_store_get_file            (KithStore               *self,
                                            gint64                   file_id,
                                            GError                 **error);

G_END_DECLS
