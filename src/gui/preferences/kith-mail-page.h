/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-mail-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_PAGE (kith_mail_page_get_type ())
G_DECLARE_FINAL_TYPE (KithMailPage, kith_mail_page, KITH, MAIL_PAGE, AdwPreferencesPage)

GtkWidget *kith_mail_page_new         (KithMailService *mail);
void       kith_mail_page_add_account (KithMailPage    *self);

G_END_DECLS
