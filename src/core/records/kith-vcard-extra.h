/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

gboolean  kith_store_set_vcard_extra (KithStore   *self,
                                      gint64       record_id,
                                      const char  *properties,
                                      GError     **error);
char     *kith_store_dup_vcard_extra (KithStore   *self,
                                      gint64       record_id,
                                      GError     **error);

G_END_DECLS
