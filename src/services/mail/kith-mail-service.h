/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-mail-account.h"
#include "kith-mail-place.h"
#include "kith-mail-session.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_SERVICE (kith_mail_service_get_type ())
G_DECLARE_FINAL_TYPE (KithMailService, kith_mail_service, KITH, MAIL_SERVICE, GObject)

KithMailService *kith_mail_service_new              (KithStore        *store,
                                                     const char       *mail_dir);
gboolean         kith_mail_service_is_ready         (KithMailService  *self);
const char      *kith_mail_service_get_error        (KithMailService  *self);
KithStore       *kith_mail_service_get_store        (KithMailService  *self);
GListModel      *kith_mail_service_get_accounts     (KithMailService  *self);
void             kith_mail_service_reload_settings  (KithMailService  *self);
gboolean         kith_mail_service_get_progress     (KithMailService  *self,
                                                     const char       *account,
                                                     char            **out_folder,
                                                     guint            *out_done,
                                                     guint            *out_total);
void             kith_mail_service_start            (KithMailService  *self,
                                                     guint             interval_seconds);
void             kith_mail_service_sync             (KithMailService  *self,
                                                     const char       *account);
void             kith_mail_service_add_account_async (KithMailService *self,
                                                     KithMailAccount  *draft,
                                                     const char       *password,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
char            *kith_mail_service_add_account_finish (KithMailService *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);
void             kith_mail_service_remove_account_async (KithMailService *self,
                                                     const char       *account,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
gboolean         kith_mail_service_remove_account_finish (KithMailService *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);
void             kith_mail_service_archive          (KithMailService  *self,
                                                     const KithMailPlace *place);
void             kith_mail_service_set_aliases_async (KithMailService *self,
                                                     const char       *account,
                                                     const char       *aliases,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
gboolean         kith_mail_service_set_aliases_finish (KithMailService *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);
void             kith_mail_service_set_name_async (KithMailService *self,
                                                     const char       *account,
                                                     const char       *name,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
gboolean         kith_mail_service_set_name_finish (KithMailService *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);

G_END_DECLS
