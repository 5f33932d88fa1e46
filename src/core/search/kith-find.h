/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Find: a query in the query language (docs/query-language.md), and the rows lists show */
GArray     *kith_store_find                (KithStore               *self,
                                            KithRecordKind           kind,
                                            const char              *query,
                                            KithSort                 sort,
                                            KithGroup                group,
                                            guint                    offset,
                                            guint                    limit,
                                            guint                   *out_total,
                                            GError                 **error);
GArray     *kith_store_find_again          (KithStore               *self,
                                            KithRecordKind           kind,
                                            const char              *query,
                                            KithSort                 sort,
                                            KithGroup                group,
                                            GArray                  *listed,
                                            GArray                  *changed,
                                            GError                 **error);
guint       kith_store_count               (KithStore               *self,
                                            KithRecordKind           kind,
                                            const char              *query,
                                            GError                 **error);
KithRecordRow *kith_store_get_row          (KithStore               *self,
                                            gint64                   id);
GPtrArray  *kith_store_get_rows            (KithStore               *self,
                                            const gint64            *ids,
                                            guint                    n_ids);

G_END_DECLS
