/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"

G_BEGIN_DECLS

char   *kith_vcard_picture_save (KithStore   *store,
                                 GBytes      *photo,
                                 gboolean     write,
                                 GError     **error);
GBytes *kith_vcard_picture_load (const char  *path,
                                 char       **out_mime);

G_END_DECLS
