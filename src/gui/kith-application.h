/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-outgoing.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_APPLICATION (kith_application_get_type ())
G_DECLARE_FINAL_TYPE (KithApplication, kith_application, KITH, APPLICATION, AdwApplication)
GListModel      *kith_application_get_mail_accounts (KithApplication *self);

KithApplication *kith_application_new       (void);
void             kith_application_compose   (KithApplication *self,
                                             KithOutgoing    *draft);

G_END_DECLS
