/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-transfer.h"

G_BEGIN_DECLS

typedef enum {
  KITH_VCARD_30,    /* what Apple Contacts, Google and Outlook read best: the table's default */
  KITH_VCARD_40,
} KithVCardVersion;

extern const KithTransferFormat kith_vcard_format;

gboolean kith_vcard_import (KithImport               *import,
                            GInputStream             *input,
                            const KithImportOptions  *options,
                            GCancellable             *cancellable,
                            GError                  **error);
gboolean kith_vcard_export (KithStore                *store,
                            GOutputStream            *output,
                            KithVCardVersion          version,
                            const KithExportOptions  *options,
                            GCancellable             *cancellable,
                            GError                  **error);

G_END_DECLS
