/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-transfer.h"

G_BEGIN_DECLS

/* Kith's own file of everything (docs/json.md, "Export file") */
#define KITH_JSON_EXPORT_FORMAT  "kith-export"
#define KITH_JSON_EXPORT_VERSION 1

extern const KithTransferFormat kith_json_format;

gboolean kith_json_export (KithStore                *store,
                           GOutputStream            *output,
                           const KithExportOptions  *options,
                           GCancellable             *cancellable,
                           GError                  **error);
gboolean kith_json_import (KithImport               *import,
                           GInputStream             *input,
                           const KithImportOptions  *options,
                           GCancellable             *cancellable,
                           GError                  **error);

G_END_DECLS
