/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail-account.h"
#include "kith-store.h"

G_BEGIN_DECLS

/**
 * KithMailSwitch:
 * @KITH_MAIL_SWITCH_CAPTURE: whether the account's mail is captured
 * @KITH_MAIL_SWITCH_AUTO_CREATE: whether people it mails with become records
 * @KITH_MAIL_SWITCH_ARCHIVE: whether Done in Kith archives the message on the server
 */
typedef enum {
  KITH_MAIL_SWITCH_CAPTURE,
  KITH_MAIL_SWITCH_AUTO_CREATE,
  KITH_MAIL_SWITCH_ARCHIVE,
} KithMailSwitch;

/* Mail accounts' settings in Kith (the accounts themselves live in evolution-data-server) */
KithMailAccount *kith_store_mail_account_get (KithStore   *self,
                                           const char  *account,
                                           GError     **error);
gboolean    kith_store_mail_account_set_switch (KithStore      *self,
                                           const char     *account,
                                           KithMailSwitch  which,
                                           gboolean        on,
                                           GError        **error);
gboolean    kith_store_mail_account_set_identity (KithStore          *self,
                                           const char         *account,
                                           const char         *name,
                                           const char * const *addresses,
                                           GError            **error);
gboolean    kith_store_mail_account_set_domains (KithStore          *self,
                                           const char         *account,
                                           const char * const *domains,
                                           GError            **error);
gboolean    kith_store_mail_account_set_folders (KithStore          *self,
                                           const char         *account,
                                           const char * const *folders,
                                           GError            **error);
gboolean    kith_store_mail_account_record_sync (KithStore  *self,
                                           const char  *account,
                                           const char  *error_message);

GStrv       kith_store_dup_me             (KithStore   *self,
                                           char       **out_name);

G_END_DECLS
