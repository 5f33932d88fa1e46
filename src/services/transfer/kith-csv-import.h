/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-csv-mapping.h"
#include "kith-transfer.h"

G_BEGIN_DECLS

gboolean kith_csv_import              (KithImport               *import,
                                       GInputStream             *input,
                                       const KithImportOptions  *options,
                                       GCancellable             *cancellable,
                                       GError                  **error);
gboolean kith_csv_import_with_mapping (KithImport               *import,
                                       GInputStream             *input,
                                       KithCsvMapping           *mapping,
                                       const KithImportOptions  *options,
                                       GCancellable             *cancellable,
                                       GError                  **error);

G_END_DECLS
