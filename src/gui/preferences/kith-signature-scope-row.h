/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"
#include "kith-signature-scope.h"

G_BEGIN_DECLS

#define KITH_TYPE_SIGNATURE_SCOPE_ROW (kith_signature_scope_row_get_type ())
G_DECLARE_FINAL_TYPE (KithSignatureScopeRow, kith_signature_scope_row, KITH, SIGNATURE_SCOPE_ROW, AdwExpanderRow)

GtkWidget *kith_signature_scope_row_new (KithStore          *store,
                                         KithSignatureScope *scope);

G_END_DECLS
