/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-field-definition.h"

G_BEGIN_DECLS

#define KITH_TYPE_FIELD_DIALOG (kith_field_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithFieldDialog, kith_field_dialog, KITH, FIELD_DIALOG, AdwMessageDialog)

GtkWidget           *kith_field_dialog_new            (GtkWindow       *parent,
                                                       KithRecordKind   applies_to,
                                                       GListModel      *segments,
                                                       KithFieldDefinition *field);
KithFieldDefinition *kith_field_dialog_dup_definition (KithFieldDialog *self);

G_END_DECLS
