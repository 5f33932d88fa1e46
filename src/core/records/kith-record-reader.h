/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record.h"
#include "kith-record-values.h"
#include "kith-store.h"

G_BEGIN_DECLS

KithRecord *kith_store_read_record         (KithStore               *self,
                                            gint64                   id,
                                            GError                 **error);
KithRecordValues *kith_store_read_record_values (KithStore          *self,
                                            gint64                   id,
                                            KithRecordKind          *out_kind,
                                            GError                 **error);
GListModel *kith_store_read_records_of     (KithStore               *self,
                                            GType                    type,
                                            const char              *ids_sql,
                                            gint64                   id,
                                            GError                 **error);

G_END_DECLS
