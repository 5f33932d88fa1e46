/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_IMPORT_DIALOG (kith_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithImportDialog, kith_import_dialog, KITH, IMPORT_DIALOG, AdwWindow)

GtkWidget *kith_import_dialog_new (GtkWindow      *parent,
                                   KithStore      *store,
                                   GFile          *file,
                                   KithRecordKind  kind);

G_END_DECLS
