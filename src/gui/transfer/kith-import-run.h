/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"
#include "kith-csv-mapping.h"
#include "kith-transfer.h"
#include "kith-transfer-progress.h"

G_BEGIN_DECLS

void        kith_import_run_async  (KithStore                 *store,
                                    GFile                     *file,
                                    const KithTransferFormat  *format,
                                    KithRecordKind             kind,
                                    KithCsvMapping            *mapping,
                                    gboolean                   dry_run,
                                    KithTransferProgressRelay *relay,
                                    GCancellable              *stop,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data);
KithImport *kith_import_run_finish (KithStore                 *store,
                                    GAsyncResult              *result,
                                    GError                   **error);

G_END_DECLS
