/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Audit log */
GPtrArray  *kith_store_get_audit           (KithStore               *self,
                                            gint64                   record_id,
                                            gint64                   since_ms,
                                            GError                 **error);

G_END_DECLS
