/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

JsonObject *kith_store_get_record          (KithStore               *self,
                                            gint64                   id,
                                            GError                 **error);

G_END_DECLS
