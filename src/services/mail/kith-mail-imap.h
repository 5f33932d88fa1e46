/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "kith-mail-fetch.h"

G_BEGIN_DECLS

typedef struct _KithMailImap KithMailImap;

/* One message's UID, INTERNALDATE (or NULL) and header block, as the server sent them */
typedef void (*KithMailImapHeaderFunc) (guint32       uid,
                                        const char   *internaldate,
                                        const guint8 *header,
                                        gsize         len,
                                        gpointer      user_data);

KithMailImap *kith_mail_imap_connect_sync       (CamelService            *service,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
gboolean      kith_mail_imap_fetch_sync         (KithMailImap            *self,
                                                 const char              *folder,
                                                 KithMailFetch           *fetches,
                                                 guint                    n,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
GArray       *kith_mail_imap_list_new_sync      (KithMailImap            *self,
                                                 const char              *folder,
                                                 guint32                  after,
                                                 guint32                 *out_uidvalidity,
                                                 guint32                 *out_messages,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
gboolean      kith_mail_imap_fetch_headers_sync (KithMailImap            *self,
                                                 const char              *folder,
                                                 GArray                  *uids,
                                                 KithMailImapHeaderFunc   func,
                                                 gpointer                 user_data,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
gboolean      kith_mail_imap_can_idle           (KithMailImap            *self);
gboolean      kith_mail_imap_select_sync        (KithMailImap            *self,
                                                 const char              *folder,
                                                 guint32                 *out_messages,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
gboolean      kith_mail_imap_idle_sync          (KithMailImap            *self,
                                                 const char              *folder,
                                                 guint                    seconds,
                                                 gboolean                *out_news,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
void          kith_mail_imap_free               (KithMailImap            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailImap, kith_mail_imap_free)

G_END_DECLS
