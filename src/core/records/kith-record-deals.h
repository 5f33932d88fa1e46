/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

GListModel *kith_store_read_deals_of (KithStore  *self,
                                      gint64      record_id,
                                      GError    **error);

G_END_DECLS
