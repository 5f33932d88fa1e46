/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail-account.h"
#include "kith-mail-session.h"

G_BEGIN_DECLS

GList     *kith_mail_accounts_list_sources (ESourceRegistry *registry);
void       kith_mail_account_update_from_source (KithMailAccount *account,
                                           ESourceRegistry  *registry,
                                           ESource          *source);
char      *kith_mail_account_add_sync     (KithMailSession  *session,
                                           KithMailAccount  *draft,
                                           const char       *password,
                                           GCancellable     *cancellable,
                                           GError          **error);
gboolean   kith_mail_account_remove_sync  (ESourceRegistry  *registry,
                                           const char       *uid,
                                           GCancellable     *cancellable,
                                           GError          **error);
gboolean   kith_mail_parse_host_port      (const char       *text,
                                           const char       *what,
                                           guint16           default_port,
                                           char            **out_host,
                                           guint16          *out_port,
                                           GError          **error);

G_END_DECLS
