/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

/**
 * KithMailSecurity:
 * @KITH_MAIL_SECURITY_TLS: TLS from the start (IMAP on 993, SMTP on 465 by default)
 * @KITH_MAIL_SECURITY_STARTTLS: STARTTLS on the standard ports (143, 587)
 * @KITH_MAIL_SECURITY_NONE: no encryption (143, 25)
 */
typedef enum {
  KITH_MAIL_SECURITY_TLS,
  KITH_MAIL_SECURITY_STARTTLS,
  KITH_MAIL_SECURITY_NONE,
} KithMailSecurity;

#define KITH_TYPE_MAIL_ACCOUNT (kith_mail_account_get_type ())
G_DECLARE_FINAL_TYPE (KithMailAccount, kith_mail_account, KITH, MAIL_ACCOUNT, GObject)

KithMailAccount    *kith_mail_account_new              (const char          *uid);
KithMailAccount    *kith_mail_account_new_draft        (void);
const char         *kith_mail_account_get_uid          (KithMailAccount     *self);
const char         *kith_mail_account_get_title        (KithMailAccount     *self);
const char         *kith_mail_account_get_address      (KithMailAccount     *self);
const char         *kith_mail_account_get_name         (KithMailAccount     *self);
const char         *kith_mail_account_get_user         (KithMailAccount     *self);
const char         *kith_mail_account_get_imap_host    (KithMailAccount     *self);
guint               kith_mail_account_get_imap_port    (KithMailAccount     *self);
const char         *kith_mail_account_get_smtp_host    (KithMailAccount     *self);
guint               kith_mail_account_get_smtp_port    (KithMailAccount     *self);
KithMailSecurity    kith_mail_account_get_security     (KithMailAccount     *self);
const char * const *kith_mail_account_get_aliases      (KithMailAccount     *self);
gboolean            kith_mail_account_get_capture      (KithMailAccount     *self);
gboolean            kith_mail_account_get_auto_create  (KithMailAccount     *self);
gboolean            kith_mail_account_get_archive      (KithMailAccount     *self);
const char * const *kith_mail_account_get_domains      (KithMailAccount     *self);
const char * const *kith_mail_account_get_folders      (KithMailAccount     *self);
const char         *kith_mail_account_get_last_error   (KithMailAccount     *self);
guint               kith_mail_account_get_archive_failures (KithMailAccount *self);
const char         *kith_mail_account_get_archive_error (KithMailAccount    *self);
gint64              kith_mail_account_get_last_sync    (KithMailAccount     *self);
gboolean            kith_mail_account_get_syncing      (KithMailAccount     *self);
const char         *kith_mail_account_get_progress     (KithMailAccount     *self,
                                                        guint               *out_done,
                                                        guint               *out_total);
void                kith_mail_account_update           (KithMailAccount     *self,
                                                        const char          *display_name,
                                                        const char          *address,
                                                        const char          *name,
                                                        const char          *user,
                                                        const char          *imap_host,
                                                        guint                imap_port,
                                                        const char * const  *aliases);
void                kith_mail_account_update_settings  (KithMailAccount     *self,
                                                        KithMailAccount     *stored);
void                kith_mail_account_set_progress     (KithMailAccount     *self,
                                                        gboolean             syncing,
                                                        const char          *folder,
                                                        guint                done,
                                                        guint                total);
void                kith_mail_account_save_flag_async  (KithMailAccount     *self,
                                                        KithStore           *store,
                                                        const char          *property,
                                                        gboolean             on,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
void                kith_mail_account_save_list_async  (KithMailAccount     *self,
                                                        KithStore           *store,
                                                        const char          *property,
                                                        const char * const  *values,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            kith_mail_account_save_finish      (KithMailAccount     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
