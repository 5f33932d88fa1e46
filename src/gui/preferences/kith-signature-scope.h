/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-mail-account.h"

G_BEGIN_DECLS

#define KITH_TYPE_SIGNATURE_SCOPE (kith_signature_scope_get_type ())
G_DECLARE_FINAL_TYPE (KithSignatureScope, kith_signature_scope, KITH, SIGNATURE_SCOPE, GObject)

KithSignatureScope *kith_signature_scope_new         (const char         *account,
                                                      const char         *address,
                                                      const char         *title);
const char         *kith_signature_scope_get_account (KithSignatureScope *self);
const char         *kith_signature_scope_get_address (KithSignatureScope *self);
const char         *kith_signature_scope_get_title   (KithSignatureScope *self);
GListModel         *kith_signature_scopes_new        (GListModel         *accounts);

G_END_DECLS
