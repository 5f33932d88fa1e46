/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "kith-mail-fetch.h"

G_BEGIN_DECLS

typedef struct _KithMailImap KithMailImap;

KithMailImap *kith_mail_imap_connect_sync (CamelService   *service,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean      kith_mail_imap_fetch_sync   (KithMailImap   *self,
                                           CamelFolder    *folder,
                                           KithMailFetch  *fetches,
                                           guint           n,
                                           GCancellable   *cancellable,
                                           GError        **error);
void          kith_mail_imap_free         (KithMailImap   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailImap, kith_mail_imap_free)

G_END_DECLS
