/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail-merge.h"

G_BEGIN_DECLS

/* Running a merge: its recipients into the Outbox and their states back (docs/merge.md) */
int         kith_store_mail_merge_start         (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);
gboolean    kith_store_mail_merge_follow        (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);
gboolean    kith_store_mail_merge_pause         (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);
int         kith_store_mail_merge_resume        (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);
gboolean    kith_store_mail_merge_cancel        (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);
char       *kith_store_mail_merge_report_csv    (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);
int         kith_store_mail_merge_go_on         (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);

G_END_DECLS
