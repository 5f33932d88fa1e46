/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail-place.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* The Inbox: inbound mail from contacts, still in INBOX, not yet handled */
GPtrArray  *kith_store_list_inbox         (KithStore           *self,
                                           GError             **error);
gboolean    kith_store_inbox_set_done     (KithStore           *self,
                                           gint64               item_id,
                                           gboolean             done,
                                           KithMailPlace      **out_place,
                                           GError             **error);
GPtrArray  *kith_store_mail_archive_pending (KithStore         *self,
                                           const char          *account,
                                           GError             **error);
gboolean    kith_store_mail_archive_record (KithStore          *self,
                                           const KithMailPlace *place,
                                           const char          *error_message,
                                           GError             **error);
gboolean    kith_store_inbox_snooze       (KithStore   *self,
                                           gint64       item_id,
                                           gint64       until,
                                           GError     **error);

G_END_DECLS
