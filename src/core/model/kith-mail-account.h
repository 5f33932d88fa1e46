/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_ACCOUNT (kith_mail_account_get_type ())
G_DECLARE_FINAL_TYPE (KithMailAccount, kith_mail_account, KITH, MAIL_ACCOUNT, GObject)

KithMailAccount    *kith_mail_account_new              (const char          *uid);
const char         *kith_mail_account_get_uid          (KithMailAccount     *self);
const char         *kith_mail_account_get_title        (KithMailAccount     *self);
const char         *kith_mail_account_get_name         (KithMailAccount     *self);
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
                                                        JsonObject          *account);
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
