/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Settings kept in the database, as key/value text */
char       *kith_store_dup_setting         (KithStore               *self,
                                            const char              *key);
gboolean    kith_store_set_setting         (KithStore               *self,
                                            const char              *key,
                                            const char              *value,
                                            GError                 **error);

G_END_DECLS
