/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Statistics for kith-cli stats */
JsonObject *kith_store_get_stats           (KithStore               *self,
                                            GError                 **error);

G_END_DECLS
