/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_SIGNATURE (kith_signature_get_type ())
G_DECLARE_FINAL_TYPE (KithSignature, kith_signature, KITH, SIGNATURE, GObject)

KithSignature *kith_signature_new             (const char    *account,
                                               const char    *name);
gint64         kith_signature_get_id          (KithSignature *self);
void           kith_signature_set_id          (KithSignature *self,
                                               gint64         id);
const char    *kith_signature_get_account     (KithSignature *self);
void           kith_signature_set_account     (KithSignature *self,
                                               const char    *account);
const char    *kith_signature_get_address     (KithSignature *self);
void           kith_signature_set_address     (KithSignature *self,
                                               const char    *address);
const char    *kith_signature_get_name        (KithSignature *self);
void           kith_signature_set_name        (KithSignature *self,
                                               const char    *name);
const char    *kith_signature_get_body        (KithSignature *self);
void           kith_signature_set_body        (KithSignature *self,
                                               const char    *body);
gboolean       kith_signature_get_for_new     (KithSignature *self);
void           kith_signature_set_for_new     (KithSignature *self,
                                               gboolean       for_new);
gboolean       kith_signature_get_for_replies (KithSignature *self);
void           kith_signature_set_for_replies (KithSignature *self,
                                               gboolean       for_replies);

G_END_DECLS
