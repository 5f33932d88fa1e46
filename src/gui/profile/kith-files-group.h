/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_FILES_GROUP (kith_files_group_get_type ())
G_DECLARE_FINAL_TYPE (KithFilesGroup, kith_files_group, KITH, FILES_GROUP, AdwBin)

GtkWidget *kith_files_group_new         (KithStore      *store,
                                         gint64          record_id);
void       kith_files_group_set_record  (KithFilesGroup *self,
                                         KithStore      *store,
                                         gint64          record_id);
gboolean   kith_files_group_drop        (KithFilesGroup *self,
                                         const GValue   *value);

G_END_DECLS
