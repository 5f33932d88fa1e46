/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-file.h"
#include "kith-files.h"
#include "kith-store.h"

G_BEGIN_DECLS

void       kith_store_list_files_async     (KithStore            *self,
                                            gint64                record_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GListModel *kith_store_list_files_finish   (KithStore            *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void       kith_store_remove_file_async    (KithStore            *self,
                                            KithFile             *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean   kith_store_remove_file_finish   (KithStore            *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void       kith_store_restore_file_async   (KithStore            *self,
                                            KithFile             *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean   kith_store_restore_file_finish  (KithStore            *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void       kith_store_get_files_mode_async (KithStore            *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
KithFilesMode kith_store_get_files_mode_finish (KithStore         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void       kith_store_attach_files_async   (KithStore            *self,
                                            gint64                record_id,
                                            GSList               *files,
                                            KithFilesMode         mode,
                                            KithFilesProgressFunc progress_func,
                                            gpointer              progress_data,
                                            GDestroyNotify        progress_data_free,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean   kith_store_attach_files_finish  (KithStore            *self,
                                            GAsyncResult         *result,
                                            guint                *out_n_attached,
                                            GPtrArray           **out_failures,
                                            GError              **error);

G_END_DECLS
