/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

void  kith_store_set_picture_async  (KithStore            *self,
                                     gint64                record_id,
                                     GFile                *source,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
char *kith_store_set_picture_finish (KithStore            *self,
                                     GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
