/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail-place.h"
#include "kith-store.h"
#include "kith-mail-session.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_CAPTURE (kith_mail_capture_get_type ())
G_DECLARE_FINAL_TYPE (KithMailCapture, kith_mail_capture, KITH, MAIL_CAPTURE, GObject)

KithMailCapture *kith_mail_capture_new          (KithStore        *store,
                                                 KithMailSession  *session);
gboolean         kith_mail_capture_sync_account (KithMailCapture  *self,
                                                 const char       *account,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
void             kith_mail_capture_sync_async   (KithMailCapture  *self,
                                                 const char       *account,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
gboolean         kith_mail_capture_sync_finish  (KithMailCapture  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);
gboolean         kith_mail_capture_archive      (KithMailCapture  *self,
                                                 const KithMailPlace *place,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
void             kith_mail_capture_archive_async (KithMailCapture *self,
                                                 const KithMailPlace *place,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
gboolean         kith_mail_capture_archive_finish (KithMailCapture *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);
gboolean         kith_mail_capture_read_identity (KithMailCapture *self,
                                                 const char       *account,
                                                 GError          **error);
gboolean         kith_mail_capture_remove_account (KithMailCapture *self,
                                                 const char       *account,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
void             kith_mail_capture_start        (KithMailCapture  *self,
                                                 guint             interval_seconds);
void             kith_mail_capture_stop         (KithMailCapture  *self);
gboolean         kith_mail_capture_is_busy      (KithMailCapture  *self);

G_END_DECLS
