/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-csv-field.h"
#include "kith-record-values.h"

G_BEGIN_DECLS

/* One row's cells gathered into a record's typed values */
typedef struct _KithCsvRow KithCsvRow;

KithCsvRow       *kith_csv_row_new    (KithRecordKind  kind);
void              kith_csv_row_free   (KithCsvRow     *row);
gboolean          kith_csv_row_add    (KithCsvRow     *row,
                                       KithCsvField    field,
                                       const char     *label,
                                       const char     *group,
                                       const char     *header,
                                       const char     *cell,
                                       char          **out_reason);
KithRecordValues *kith_csv_row_finish (KithCsvRow     *row,
                                       char          **out_reason);

gboolean          kith_csv_is_app_id  (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCsvRow, kith_csv_row_free)

G_END_DECLS
