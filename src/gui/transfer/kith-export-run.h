/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"
#include "kith-transfer.h"
#include "kith-transfer-progress.h"

G_BEGIN_DECLS

void     kith_export_run_async  (KithStore                 *store,
                                 GFile                     *file,
                                 const KithTransferFormat  *format,
                                 KithRecordKind             kind,
                                 KithTransferProgressRelay *relay,
                                 GCancellable              *stop,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data);
gboolean kith_export_run_finish (KithStore                 *store,
                                 GAsyncResult              *result,
                                 GError                   **error);

G_END_DECLS
