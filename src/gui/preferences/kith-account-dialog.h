/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-mail-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_ACCOUNT_DIALOG (kith_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithAccountDialog, kith_account_dialog, KITH, ACCOUNT_DIALOG, AdwWindow)

GtkWidget *kith_account_dialog_new    (KithMailService   *mail,
                                       GtkWindow         *parent);
void       kith_account_dialog_submit (KithAccountDialog *self);

G_END_DECLS
