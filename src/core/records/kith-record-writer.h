/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record-values.h"
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

/* Records from typed values (KithRecordValues): the fields a typed record changed */
gint64      kith_store_create_record_from_values (KithStore         *self,
                                            KithRecordKind           kind,
                                            const KithRecordValues  *values,
                                            KithFieldMask            fields,
                                            gboolean                *out_merged,
                                            GError                 **error);
gboolean    kith_store_update_record_from_values (KithStore         *self,
                                            gint64                   id,
                                            const KithRecordValues  *values,
                                            KithFieldMask            fields,
                                            GError                 **error);

G_END_DECLS
