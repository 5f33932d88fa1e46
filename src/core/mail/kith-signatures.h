/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-signature.h"
#include "kith-store.h"

G_BEGIN_DECLS

GPtrArray *kith_store_signatures_list  (KithStore      *self,
                                        const char     *account,
                                        GError        **error);
gint64     kith_store_signature_save   (KithStore      *self,
                                        KithSignature  *signature,
                                        GError        **error);
gboolean   kith_store_signature_delete (KithStore      *self,
                                        gint64          id,
                                        GError        **error);

G_END_DECLS
