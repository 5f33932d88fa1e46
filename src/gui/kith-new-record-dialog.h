/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_TYPE_NEW_RECORD_DIALOG (kith_new_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithNewRecordDialog, kith_new_record_dialog, KITH, NEW_RECORD_DIALOG, AdwMessageDialog)

GtkWidget      *kith_new_record_dialog_new      (GtkWindow           *parent,
                                                 KithRecordKind       kind,
                                                 const char          *name,
                                                 const char          *key,
                                                 const char          *extra,
                                                 const char          *problem);
KithRecordKind  kith_new_record_dialog_get_kind (KithNewRecordDialog *self);
char           *kith_new_record_dialog_dup_name  (KithNewRecordDialog *self);
char           *kith_new_record_dialog_dup_key   (KithNewRecordDialog *self);
char           *kith_new_record_dialog_dup_extra (KithNewRecordDialog *self);

G_END_DECLS
