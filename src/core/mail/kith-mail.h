/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-store.h"

G_BEGIN_DECLS

/*
 * Mail capture's side of the store: the rules, with no IMAP in sight. The capture service
 * (src/services/mail/kith-mail-capture.c) reads folders with Camel and hands each message's headers
 * to kith_store_mail_index(); the store decides direction, who is a coworker, who gets created
 * and which messages go on the timeline.
 */

/* Mail accounts' settings in Kith (the accounts themselves live in evolution-data-server) */
JsonObject *kith_store_mail_account_get   (KithStore   *self,
                                           const char  *account,
                                           GError     **error);
gboolean    kith_store_mail_account_set   (KithStore   *self,
                                           const char  *account,
                                           JsonObject  *settings,
                                           GError     **error);
gboolean    kith_store_mail_account_record_sync (KithStore  *self,
                                           const char  *account,
                                           const char  *error_message);

GStrv       kith_store_dup_me             (KithStore   *self,
                                           char       **out_name);

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
guint       kith_store_mail_create_contacts (KithStore *self,
                                           const char  *account,
                                           gint64       since,
                                           GError     **error);
JsonArray  *kith_store_mail_unlogged      (KithStore   *self,
                                           const char  *account,
                                           gint64       after,
                                           guint        limit,
                                           GError     **error);
gint64      kith_store_mail_log           (KithStore   *self,
                                           gint64       message,
                                           JsonObject  *item,
                                           GError     **error);

/* The Inbox: inbound mail from contacts, still in INBOX, not yet handled */
JsonArray  *kith_store_list_inbox         (KithStore   *self,
                                           GError     **error);
JsonObject *kith_store_inbox_set_done     (KithStore   *self,
                                           gint64       item_id,
                                           gboolean     done,
                                           GError     **error);
JsonArray  *kith_store_mail_archive_pending (KithStore *self,
                                           const char  *account,
                                           GError     **error);
gboolean    kith_store_mail_archive_record (KithStore  *self,
                                           JsonObject  *where,
                                           const char  *error_message,
                                           GError     **error);
gboolean    kith_store_inbox_snooze       (KithStore   *self,
                                           gint64       item_id,
                                           gint64       until,
                                           GError     **error);

char       *kith_mail_thread_id           (const char  *message_id,
                                           const char  *in_reply_to,
                                           const char  *references);

G_END_DECLS
