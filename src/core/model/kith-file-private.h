/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-file.h"

G_BEGIN_DECLS

KithFile   *kith_file_new           (gint64      id,
                                     gint64      record_id,
                                     const char *name,
                                     const char *uri,
                                     const char *content_type,
                                     gint64      size,
                                     gboolean    copied,
                                     gint64      added);
const char *kith_file_get_aside_uri (KithFile   *self);
void        kith_file_set_aside_uri (KithFile   *self,
                                     const char *aside_uri);
KithFile   *kith_file_get_removed   (KithFile   *self);
void        kith_file_set_removed   (KithFile   *self,
                                     KithFile   *removed);

G_END_DECLS
