/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* A message indexed but not on the timeline yet, as kith_store_mail_unlogged() lists it */
typedef struct {
  gint64  id;           /* its row in the index, for kith_store_mail_log() */
  char   *folder;
  char   *uid;
  char   *role;
  char   *direction;    /* "inbound" or "outbound" */
  char   *message_id;
  char   *thread_id;
} KithMailUnlogged;

void        kith_mail_unlogged_free       (KithMailUnlogged *m);

/* What only a message's body gives, to log it with: the index knows the rest */
typedef struct {
  char     *body;       /* its text, or NULL when it has none (it is logged from its headers) */
  gboolean  html;       /* whether @body is HTML rather than plain text */
  GPtrArray *reply_to;  /* (element-type KithMailAddress): its Reply-To when that is not only
                         * its sender; NULL when it has none */
} KithMailText;

KithMailText *kith_mail_text_new          (const char       *body,
                                           gboolean          html);
void        kith_mail_text_free           (KithMailText     *text);

/* Contacts made from mail, and mail put on the timeline */
guint       kith_store_mail_create_contacts (KithStore *self,
                                           const char  *account,
                                           gint64       since,
                                           GError     **error);
GPtrArray  *kith_store_mail_unlogged      (KithStore   *self,
                                           const char  *account,
                                           gint64       after,
                                           guint        limit,
                                           GError     **error);
gint64      kith_store_mail_log           (KithStore   *self,
                                           gint64       message,
                                           const KithMailText *text,
                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailUnlogged, kith_mail_unlogged_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailText, kith_mail_text_free)

G_END_DECLS
