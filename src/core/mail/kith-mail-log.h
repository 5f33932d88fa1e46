/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* Contacts made from mail, and mail put on the timeline */
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

G_END_DECLS
