/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"
#include "kith-kind-names.h"

G_BEGIN_DECLS

#define KITH_TYPE_EXPORT_DIALOG (kith_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithExportDialog, kith_export_dialog, KITH, EXPORT_DIALOG, AdwWindow)

GtkWidget *kith_export_dialog_new (GtkWindow      *parent,
                                   KithStore      *store,
                                   KithKindNames  *names,
                                   KithRecordKind  kind);

G_END_DECLS
