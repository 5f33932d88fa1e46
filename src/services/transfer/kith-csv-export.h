/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-transfer.h"

G_BEGIN_DECLS

GStrv    kith_csv_export_default_fields (KithStore                *store,
                                         KithRecordKind            kind,
                                         GError                  **error);
char    *kith_csv_escape_formula        (const char               *cell);
gboolean kith_csv_export                (KithStore                *store,
                                         GOutputStream            *output,
                                         const KithExportOptions  *options,
                                         GCancellable             *cancellable,
                                         GError                  **error);

G_END_DECLS
