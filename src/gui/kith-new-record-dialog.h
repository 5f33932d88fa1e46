/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-kind-names.h"
#include "kith-store.h"
#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_TYPE_NEW_RECORD_DIALOG (kith_new_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithNewRecordDialog, kith_new_record_dialog, KITH, NEW_RECORD_DIALOG, AdwMessageDialog)

GtkWidget *kith_new_record_dialog_new (GtkWindow      *parent,
                                       KithStore      *store,
                                       KithKindNames  *names,
                                       KithRecordKind  kind);

G_END_DECLS
