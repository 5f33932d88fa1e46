/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Which record an identifier names, and which records may be the same */
gint64      kith_store_lookup              (KithStore               *self,
                                            const char              *identifier,
                                            GError                 **error);
KithRecordKind kith_store_get_record_kind  (KithStore               *self,
                                            gint64                   id);
GArray     *kith_store_find_merge_candidates (KithStore             *self,
                                            gint64                   id,
                                            GError                 **error);

G_END_DECLS
