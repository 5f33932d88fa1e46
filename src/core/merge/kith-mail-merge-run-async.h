/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-mail-merge-list.h"
#include "kith-mail-merge-run.h"

G_BEGIN_DECLS

/* Following and steering merges that have started, in the GIO shape (docs/merge.md) */
void        kith_store_mail_merge_list_async        (KithStore            *self,
                                                     gboolean              follow,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GListModel *kith_store_mail_merge_list_finish       (KithStore            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void        kith_store_mail_merge_failures_async    (KithStore            *self,
                                                     gint64                merge_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GListModel *kith_store_mail_merge_failures_finish   (KithStore            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void        kith_store_mail_merge_report_csv_async  (KithStore            *self,
                                                     gint64                merge_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char       *kith_store_mail_merge_report_csv_finish (KithStore            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void        kith_store_mail_merge_follow_async      (KithStore            *self,
                                                     gint64                merge_id,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean    kith_store_mail_merge_follow_finish     (KithStore            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void        kith_store_mail_merge_pause_async       (KithStore            *self,
                                                     gint64                merge_id,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean    kith_store_mail_merge_pause_finish      (KithStore            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void        kith_store_mail_merge_resume_async      (KithStore            *self,
                                                     gint64                merge_id,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean    kith_store_mail_merge_resume_finish     (KithStore            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void        kith_store_mail_merge_cancel_async      (KithStore            *self,
                                                     gint64                merge_id,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean    kith_store_mail_merge_cancel_finish     (KithStore            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
