/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_SIGNATURE_DIALOG (kith_signature_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithSignatureDialog, kith_signature_dialog, KITH, SIGNATURE_DIALOG, AdwWindow)

GtkWidget *kith_signature_dialog_new (GtkWindow     *parent,
                                      KithStore     *store,
                                      KithSignature *signature);

G_END_DECLS
