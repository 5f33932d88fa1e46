/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-mail-account.h"
#include "kith-mail-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_ACCOUNT_ROW (kith_mail_account_row_get_type ())
G_DECLARE_FINAL_TYPE (KithMailAccountRow, kith_mail_account_row, KITH, MAIL_ACCOUNT_ROW, AdwExpanderRow)

GtkWidget *kith_mail_account_row_new (KithMailService *mail,
                                      KithMailAccount *account);

G_END_DECLS
