/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-mail-merge.h"

G_BEGIN_DECLS

/* A merge's summary as a boxed type: a snapshot the GUI holds in a property and shows */
#define KITH_TYPE_MERGE_SUMMARY (kith_merge_summary_get_type ())
GType             kith_merge_summary_get_type (void) G_GNUC_CONST;
KithMergeSummary *kith_merge_summary_copy     (const KithMergeSummary *summary);
void              kith_merge_summary_free     (KithMergeSummary       *summary);
guint             kith_merge_summary_to_send  (const KithMergeSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMergeSummary, kith_merge_summary_free)

/* The mail merge's store calls (kith-mail-merge.h) on the store's worker. A read takes a
 * cancellable; a write the user asked for takes none, and always completes. */

void              kith_store_mail_merge_resolve_async      (KithStore            *self,
                                                            const gint64         *record_ids,
                                                            guint                 n_ids,
                                                            const char           *query,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GArray           *kith_store_mail_merge_resolve_finish     (KithStore            *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void              kith_store_mail_merge_create_async       (KithStore            *self,
                                                            gint64                template_id,
                                                            const char           *account,
                                                            const char           *from_address,
                                                            const char           *from_name,
                                                            GArray               *person_ids,
                                                            const KithMergeLimits *limits,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gint64            kith_store_mail_merge_create_finish      (KithStore            *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void              kith_store_mail_merge_recipients_async   (KithStore            *self,
                                                            gint64                merge_id,
                                                            guint                 offset,
                                                            guint                 limit,
                                                            gboolean              preview,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray        *kith_store_mail_merge_recipients_finish  (KithStore            *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void              kith_store_mail_merge_set_excluded_async (KithStore            *self,
                                                            gint64                merge_id,
                                                            guint                 position,
                                                            gboolean              excluded,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean          kith_store_mail_merge_set_excluded_finish (KithStore           *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void              kith_store_mail_merge_set_limits_async   (KithStore            *self,
                                                            gint64                merge_id,
                                                            const KithMergeLimits *limits,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean          kith_store_mail_merge_set_limits_finish  (KithStore            *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void              kith_store_mail_merge_get_summary_async  (KithStore            *self,
                                                            gint64                merge_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
KithMergeSummary *kith_store_mail_merge_get_summary_finish (KithStore            *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void              kith_store_mail_merge_empty_fields_async (KithStore           *self,
                                                            gint64                merge_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GStrv             kith_store_mail_merge_empty_fields_finish (KithStore           *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void              kith_store_mail_merge_delete_async       (KithStore            *self,
                                                            gint64                merge_id,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean          kith_store_mail_merge_delete_finish      (KithStore            *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
