/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-mail-session.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_SENDER (kith_mail_sender_get_type ())
G_DECLARE_FINAL_TYPE (KithMailSender, kith_mail_sender, KITH, MAIL_SENDER, GObject)

KithMailSender *kith_mail_sender_new          (KithStore           *store,
                                               KithMailSession     *session);
void            kith_mail_sender_start        (KithMailSender      *self);
void            kith_mail_sender_stop         (KithMailSender      *self);
void            kith_mail_sender_flush_async  (KithMailSender      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        kith_mail_sender_flush_finish (KithMailSender      *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
