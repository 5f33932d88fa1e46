/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Deleting and merging records; the _with_undo calls return an id for kith_store_undo() */
gboolean    kith_store_delete_record       (KithStore               *self,
                                            gint64                   id,
                                            GError                 **error);
gboolean    kith_store_merge_records       (KithStore               *self,
                                            gint64                   survivor_id,
                                            gint64                   merged_id,
                                            GError                 **error);
gint64      kith_store_delete_record_with_undo (KithStore           *self,
                                            gint64                   id,
                                            GError                 **error);
/* How many records one delete takes at most: its undo keeps all their rows */
#define KITH_MAX_DELETED_AT_ONCE 1000

gint64      kith_store_delete_records_with_undo (KithStore          *self,
                                            const gint64            *ids,
                                            guint                    n_ids,
                                            GError                 **error);
gint64      kith_store_merge_records_with_undo (KithStore           *self,
                                            gint64                   survivor_id,
                                            gint64                   merged_id,
                                            GError                 **error);

G_END_DECLS
