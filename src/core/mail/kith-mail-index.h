/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* The index of messages' headers, and where each is on the server */
gint64      kith_store_mail_index         (KithStore   *self,
                                           JsonObject  *message,
                                           gboolean    *out_new,
                                           GError     **error);
GHashTable *kith_store_mail_known_uids    (KithStore   *self,
                                           const char  *account,
                                           const char  *folder,
                                           GError     **error);
gboolean    kith_store_mail_note_copy     (KithStore   *self,
                                           gint64       message,
                                           const char  *account,
                                           const char  *folder,
                                           const char  *uid,
                                           GError     **error);
gboolean    kith_store_mail_prune_copies  (KithStore   *self,
                                           const char  *account,
                                           const char  *folder,
                                           GHashTable  *present_uids,
                                           GError     **error);
guint       kith_store_mail_mark_gone     (KithStore   *self,
                                           const char  *account,
                                           const char  *folder,
                                           GHashTable  *present_uids,
                                           GError     **error);
gint64      kith_store_mail_last_row      (KithStore   *self,
                                           const char  *account);

char       *kith_mail_thread_id           (const char  *message_id,
                                           const char  *in_reply_to,
                                           const char  *references);

G_END_DECLS
