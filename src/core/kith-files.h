/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

typedef enum {
  KITH_FILES_COPY,   /* a copy goes into Kith's files folder */
  KITH_FILES_LINK,   /* Kith remembers where the file is */
} KithFilesMode;

KithFilesMode kith_files_get_mode   (KithStore      *store);
char         *kith_files_dup_folder (KithStore      *store);
JsonObject   *kith_files_attach     (KithStore      *store,
                                     gint64          record_id,
                                     GFile          *file,
                                     KithFilesMode   mode,
                                     GCancellable   *cancellable,
                                     GError        **error);
JsonObject   *kith_files_remove     (KithStore      *store,
                                     gint64          file_id,
                                     GError        **error);
gint64        kith_files_restore    (KithStore      *store,
                                     JsonObject     *removed,
                                     GError        **error);

G_END_DECLS
