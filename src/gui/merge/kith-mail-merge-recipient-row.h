/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-merge-recipient.h"

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_MERGE_RECIPIENT_ROW (kith_mail_merge_recipient_row_get_type ())
G_DECLARE_FINAL_TYPE (KithMailMergeRecipientRow, kith_mail_merge_recipient_row, KITH, MAIL_MERGE_RECIPIENT_ROW, GtkWidget)

GtkWidget  *kith_mail_merge_recipient_row_new           (void);
void        kith_mail_merge_recipient_row_set_recipient (KithMailMergeRecipientRow *self,
                                                         KithMergeRecipient        *recipient);
const char *kith_mail_merge_exclusion_text              (KithMergeExclusion         exclusion);

G_END_DECLS
