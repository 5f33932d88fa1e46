/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail.h"
#include "kith-store-private.h"

G_BEGIN_DECLS

/* kith-mail-settings.c */
gboolean      kith_mail_load_account     (KithStore     *self,
                                          const char    *account,
                                          GPtrArray    **out_own,
                                          GPtrArray    **out_domains,
                                          GError       **error);

/* kith-mail-index.c */
char         *kith_mail_message_id_of_key (const char   *key);

G_END_DECLS
