/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-transfer.h"

G_BEGIN_DECLS

KithImport *kith_cli_import_file (KithStore                *store,
                                  const char               *path,
                                  const char               *format_name,
                                  const KithImportOptions  *options,
                                  gboolean                  dry_run,
                                  GError                  **error);
gboolean    kith_cli_export      (KithStore                *store,
                                  const char               *format_name,
                                  const char               *path,
                                  const KithExportOptions  *options,
                                  GError                  **error);

G_END_DECLS
