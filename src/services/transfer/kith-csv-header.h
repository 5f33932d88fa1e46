/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-csv-mapping.h"
#include "kith-csv-reader.h"

G_BEGIN_DECLS

GStrv           kith_csv_read_header    (KithCsvReader          *reader,
                                         guint                  *out_row,
                                         GCancellable           *cancellable,
                                         GError                **error);
KithCsvMapping *kith_csv_choose_mapping (KithRecordKind          kind,
                                         const char * const     *headers,
                                         const char             *mapping,
                                         gboolean                require_mapped,
                                         GError                **error);
char           *kith_csv_row_problem    (const char * const     *headers,
                                         const KithCsvReadRow   *row);

G_END_DECLS
