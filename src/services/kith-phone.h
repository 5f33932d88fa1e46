/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

char *kith_phone_normalize      (const char *phone,
                                 const char *region,
                                 gpointer    user_data);
char *kith_phone_default_region (void);
void  kith_services_setup_store (KithStore  *store);

G_END_DECLS
