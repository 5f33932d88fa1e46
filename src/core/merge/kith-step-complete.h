/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* A next step's email, once sent, moves its person on to the stage's next step */
gboolean kith_step_complete_sent_locked (KithStore            *store,
                                         gint64                outgoing_id,
                                         GError              **error);

char    *kith_store_step_get_name       (KithStore            *self,
                                         const char           *step_key,
                                         GError              **error);
void     kith_store_step_get_name_async (KithStore            *self,
                                         const char           *step_key,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char    *kith_store_step_get_name_finish (KithStore           *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
