/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-merge-recipient.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* A place in the list: its recipient, replaced (notify::recipient) as its page is read */
#define KITH_TYPE_MAIL_MERGE_SLOT (kith_mail_merge_slot_get_type ())
G_DECLARE_FINAL_TYPE (KithMailMergeSlot, kith_mail_merge_slot, KITH, MAIL_MERGE_SLOT, GObject)

KithMergeRecipient      *kith_mail_merge_slot_get_recipient (KithMailMergeSlot *self);

#define KITH_TYPE_MAIL_MERGE_RECIPIENTS (kith_mail_merge_recipients_get_type ())
G_DECLARE_FINAL_TYPE (KithMailMergeRecipients, kith_mail_merge_recipients, KITH, MAIL_MERGE_RECIPIENTS, GObject)

KithMailMergeRecipients *kith_mail_merge_recipients_new    (KithStore               *store,
                                                            gint64                   merge_id,
                                                            guint                    n_items);
void                     kith_mail_merge_recipients_reload (KithMailMergeRecipients *self,
                                                            guint                    position);

G_END_DECLS
