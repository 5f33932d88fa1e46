/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

typedef struct _KithNameSet KithNameSet;

KithNameOrder *kith_name_order_new      (void);
void           kith_name_order_free     (KithNameOrder  *self);
gboolean       kith_name_order_ensure   (KithNameOrder  *self,
                                         KithStore      *store,
                                         gboolean       *out_ready,
                                         GError        **error);

KithNameSet   *kith_name_set_new        (KithNameOrder  *order,
                                         KithRecordKind  kind);
void           kith_name_set_free       (KithNameSet    *self);
gboolean       kith_name_set_mark       (KithNameSet    *self,
                                         KithStore      *store,
                                         const char     *sql,
                                         GPtrArray      *params,
                                         gint64         *out_marked,
                                         GError        **error);
void           kith_name_set_intersect  (KithNameSet    *self,
                                         KithNameSet    *other);
GArray        *kith_name_set_get_page   (KithNameSet    *self,
                                         guint           offset,
                                         guint           limit,
                                         guint          *out_total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithNameSet, kith_name_set_free)

G_END_DECLS
