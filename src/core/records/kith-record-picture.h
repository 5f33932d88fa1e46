/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

char *kith_store_set_picture (KithStore     *self,
                              gint64         record_id,
                              GFile         *source,
                              GCancellable  *cancellable,
                              GError       **error);

G_END_DECLS
