/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_SIGNATURE_ROW (kith_signature_row_get_type ())
G_DECLARE_FINAL_TYPE (KithSignatureRow, kith_signature_row, KITH, SIGNATURE_ROW, AdwActionRow)

GtkWidget *kith_signature_row_new (KithSignature *signature);

G_END_DECLS
