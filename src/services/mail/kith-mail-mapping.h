/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "kith-mail.h"

G_BEGIN_DECLS

KithMailHeaders *kith_mail_mapping_headers  (CamelMessageInfo *info,
                                             const char       *account,
                                             const char       *folder,
                                             const char       *role);
KithMailHeaders *kith_mail_mapping_raw_headers (const guint8 *header,
                                                gsize         len,
                                                const char   *internaldate,
                                                const char   *uid,
                                                const char   *account,
                                                const char   *folder,
                                                const char   *role);
KithMailText    *kith_mail_mapping_text     (CamelMimeMessage *message);
char            *kith_mail_mapping_message_id (const char     *value);

G_END_DECLS
