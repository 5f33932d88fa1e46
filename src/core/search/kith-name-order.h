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
KithNameSet   *kith_name_set_new_of_ids (KithNameOrder  *order,
                                         gint64          largest);
void           kith_name_set_free       (KithNameSet    *self);
void           kith_name_set_add_all    (KithNameSet    *self);
gboolean       kith_name_set_has_id     (KithNameSet    *self,
                                         gint64          id);
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

/* Whether record @id matches, in @out_match */
typedef gboolean (*KithNameCheck) (gint64     id,
                                   gboolean  *out_match,
                                   gpointer   user_data,
                                   GError   **error);

GArray        *kith_name_set_walk       (KithNameSet    *self,
                                         KithNameSet    *named,
                                         KithNameCheck   check,
                                         gpointer        user_data,
                                         guint           offset,
                                         guint           limit,
                                         guint           most,
                                         gboolean       *out_done,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithNameSet, kith_name_set_free)

G_END_DECLS
