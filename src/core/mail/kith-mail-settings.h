/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-store.h"

G_BEGIN_DECLS

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

G_END_DECLS
