/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kith-mail-place.h"
#include "kith-message.h"
#include "kith-store.h"

G_BEGIN_DECLS

void       kith_store_list_inbox_async          (KithStore            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray *kith_store_list_inbox_finish         (KithStore            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void       kith_store_load_message_body_async   (KithStore            *self,
                                                 KithMessage          *message,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   kith_store_load_message_body_finish  (KithStore            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void       kith_store_set_message_done_async    (KithStore            *self,
                                                 KithMessage          *message,
                                                 gboolean              done,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   kith_store_set_message_done_finish   (KithStore            *self,
                                                 GAsyncResult         *result,
                                                 KithMailPlace       **out_place,
                                                 GError              **error);
void       kith_store_snooze_message_async      (KithStore            *self,
                                                 KithMessage          *message,
                                                 gint64                until,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   kith_store_snooze_message_finish     (KithStore            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
