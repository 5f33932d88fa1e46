/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KithMergeRecipientState:
 * @KITH_MERGE_RECIPIENT_PENDING: waits to be queued (not yet, or taken back by Pause)
 * @KITH_MERGE_RECIPIENT_QUEUED: its message is in the Outbox (see its outgoing id)
 * @KITH_MERGE_RECIPIENT_SENT: the server accepted its message
 * @KITH_MERGE_RECIPIENT_FAILED: the server refused it for good; the detail is its text
 * @KITH_MERGE_RECIPIENT_EXCLUDED: left out; the exclusion says why
 *
 * Where one recipient of a mail merge is (docs/merge.md).
 */
typedef enum {
  KITH_MERGE_RECIPIENT_PENDING,
  KITH_MERGE_RECIPIENT_QUEUED,
  KITH_MERGE_RECIPIENT_SENT,
  KITH_MERGE_RECIPIENT_FAILED,
  KITH_MERGE_RECIPIENT_EXCLUDED,
} KithMergeRecipientState;

/**
 * KithMergeExclusion:
 * @KITH_MERGE_EXCLUSION_NONE: not excluded
 * @KITH_MERGE_EXCLUSION_NO_EMAIL: the person has no email address
 * @KITH_MERGE_EXCLUSION_EMPTY_FIELD: a field without fallback is empty (the detail names it)
 * @KITH_MERGE_EXCLUSION_DO_NOT_EMAIL: the person asked not to be emailed
 * @KITH_MERGE_EXCLUSION_DUPLICATE: an earlier recipient has the same address
 * @KITH_MERGE_EXCLUSION_BY_HAND: the user left them out
 *
 * Why a recipient is left out of a mail merge.
 */
typedef enum {
  KITH_MERGE_EXCLUSION_NONE,
  KITH_MERGE_EXCLUSION_NO_EMAIL,
  KITH_MERGE_EXCLUSION_EMPTY_FIELD,
  KITH_MERGE_EXCLUSION_DO_NOT_EMAIL,
  KITH_MERGE_EXCLUSION_DUPLICATE,
  KITH_MERGE_EXCLUSION_BY_HAND,
} KithMergeExclusion;

#define KITH_MERGE_N_EXCLUSIONS (KITH_MERGE_EXCLUSION_BY_HAND + 1)

#define KITH_TYPE_MERGE_RECIPIENT (kith_merge_recipient_get_type ())
G_DECLARE_FINAL_TYPE (KithMergeRecipient, kith_merge_recipient, KITH, MERGE_RECIPIENT, GObject)

guint                    kith_merge_recipient_get_position    (KithMergeRecipient *self);
gint64                   kith_merge_recipient_get_person_id   (KithMergeRecipient *self);
const char              *kith_merge_recipient_get_name        (KithMergeRecipient *self);
const char              *kith_merge_recipient_get_address     (KithMergeRecipient *self);
KithMergeRecipientState  kith_merge_recipient_get_state       (KithMergeRecipient *self);
KithMergeExclusion       kith_merge_recipient_get_exclusion   (KithMergeRecipient *self);
const char              *kith_merge_recipient_get_detail      (KithMergeRecipient *self);
gint64                   kith_merge_recipient_get_send_at     (KithMergeRecipient *self);
gint64                   kith_merge_recipient_get_outgoing_id (KithMergeRecipient *self);
const char              *kith_merge_recipient_get_subject     (KithMergeRecipient *self);
const char              *kith_merge_recipient_get_body        (KithMergeRecipient *self);

G_END_DECLS
