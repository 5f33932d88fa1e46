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
gboolean  kith_vcard_extra_merge     (KithStore   *self,
                                      gint64       survivor_id,
                                      gint64       merged_id,
                                      GError     **error);

G_END_DECLS
