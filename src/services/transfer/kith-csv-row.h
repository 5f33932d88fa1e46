/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-csv-field.h"

G_BEGIN_DECLS

/* One row's cells gathered into a record of docs/json.md */
typedef struct _KithCsvRow KithCsvRow;

KithCsvRow *kith_csv_row_new    (KithRecordKind  kind);
void        kith_csv_row_free   (KithCsvRow     *row);
gboolean    kith_csv_row_add    (KithCsvRow     *row,
                                 KithCsvField    field,
                                 const char     *label,
                                 const char     *group,
                                 const char     *header,
                                 const char     *cell,
                                 char          **out_reason);
JsonObject *kith_csv_row_finish (KithCsvRow     *row,
                                 char          **out_reason);

gboolean    kith_csv_is_app_id  (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCsvRow, kith_csv_row_free)

G_END_DECLS
