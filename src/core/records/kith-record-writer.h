/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Records: @data uses the JSON shape of docs/json.md (the local API's shape). */
gint64      kith_store_create_record       (KithStore               *self,
                                            KithRecordKind           kind,
                                            JsonObject              *data,
                                            gboolean                *out_merged,
                                            GError                 **error);
gboolean    kith_store_update_record       (KithStore               *self,
                                            gint64                   id,
                                            JsonObject              *data,
                                            GError                 **error);

G_END_DECLS
