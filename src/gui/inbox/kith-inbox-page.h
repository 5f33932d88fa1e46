/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"
#include "kith-mail-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_INBOX_PAGE (kith_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (KithInboxPage, kith_inbox_page, KITH, INBOX_PAGE, GtkWidget)

GtkWidget  *kith_inbox_page_new              (KithStore       *store);
void        kith_inbox_page_set_mail_service (KithInboxPage   *self,
                                              KithMailService *mail);
guint       kith_inbox_page_get_count        (KithInboxPage   *self);
void        kith_inbox_page_set_show_back    (KithInboxPage   *self,
                                              gboolean         show);

G_END_DECLS
