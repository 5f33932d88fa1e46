/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

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
                                           JsonObject  *item,
                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailUnlogged, kith_mail_unlogged_free)

G_END_DECLS
