/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-mail-merge.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_MERGE (kith_mail_merge_get_type ())
G_DECLARE_FINAL_TYPE (KithMailMerge, kith_mail_merge, KITH, MAIL_MERGE, GObject)

gint64          kith_mail_merge_get_id       (KithMailMerge *self);
const char     *kith_mail_merge_get_title    (KithMailMerge *self);
KithMergeState  kith_mail_merge_get_state    (KithMailMerge *self);
guint           kith_mail_merge_get_sent     (KithMailMerge *self);
guint           kith_mail_merge_get_failed   (KithMailMerge *self);
guint           kith_mail_merge_get_excluded (KithMailMerge *self);
guint           kith_mail_merge_get_pending  (KithMailMerge *self);
guint           kith_mail_merge_get_total    (KithMailMerge *self);
gint64          kith_mail_merge_get_finish   (KithMailMerge *self);
gint64          kith_mail_merge_get_created  (KithMailMerge *self);
double          kith_mail_merge_get_fraction (KithMailMerge *self);

G_END_DECLS
