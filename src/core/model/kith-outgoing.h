/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KithOutgoingState:
 * @KITH_OUTGOING_DRAFT: being written; saved as it is typed
 * @KITH_OUTGOING_QUEUED: in the Outbox, waiting for its send_after (the undo delay, or a retry)
 * @KITH_OUTGOING_SENDING: its SMTP transaction has started (committed before it starts)
 * @KITH_OUTGOING_SENT: the server accepted it
 * @KITH_OUTGOING_FAILED: the server refused it for good; its error says why
 *
 * Where a message is in its one life (docs/mail.md, "The Outbox").
 */
typedef enum {
  KITH_OUTGOING_DRAFT,
  KITH_OUTGOING_QUEUED,
  KITH_OUTGOING_SENDING,
  KITH_OUTGOING_SENT,
  KITH_OUTGOING_FAILED,
} KithOutgoingState;

#define KITH_TYPE_OUTGOING (kith_outgoing_get_type ())
G_DECLARE_FINAL_TYPE (KithOutgoing, kith_outgoing, KITH, OUTGOING, GObject)

KithOutgoing       *kith_outgoing_new               (void);
KithOutgoing       *kith_outgoing_copy              (KithOutgoing       *self);

gint64              kith_outgoing_get_id            (KithOutgoing       *self);
void                kith_outgoing_set_id            (KithOutgoing       *self,
                                                     gint64              id);
KithOutgoingState   kith_outgoing_get_state         (KithOutgoing       *self);
void                kith_outgoing_set_state         (KithOutgoing       *self,
                                                     KithOutgoingState   state);
const char         *kith_outgoing_get_account       (KithOutgoing       *self);
void                kith_outgoing_set_account       (KithOutgoing       *self,
                                                     const char         *account);
const char         *kith_outgoing_get_from_address  (KithOutgoing       *self);
void                kith_outgoing_set_from_address  (KithOutgoing       *self,
                                                     const char         *address);
const char         *kith_outgoing_get_from_name     (KithOutgoing       *self);
void                kith_outgoing_set_from_name     (KithOutgoing       *self,
                                                     const char         *name);
const char * const *kith_outgoing_get_to            (KithOutgoing       *self);
void                kith_outgoing_set_to            (KithOutgoing       *self,
                                                     const char * const *to);
const char * const *kith_outgoing_get_cc            (KithOutgoing       *self);
void                kith_outgoing_set_cc            (KithOutgoing       *self,
                                                     const char * const *cc);
const char * const *kith_outgoing_get_bcc           (KithOutgoing       *self);
void                kith_outgoing_set_bcc           (KithOutgoing       *self,
                                                     const char * const *bcc);
const char         *kith_outgoing_get_subject       (KithOutgoing       *self);
void                kith_outgoing_set_subject       (KithOutgoing       *self,
                                                     const char         *subject);
const char         *kith_outgoing_get_body_text     (KithOutgoing       *self);
void                kith_outgoing_set_body_text     (KithOutgoing       *self,
                                                     const char         *text);
const char         *kith_outgoing_get_body_html     (KithOutgoing       *self);
void                kith_outgoing_set_body_html     (KithOutgoing       *self,
                                                     const char         *html);
const char * const *kith_outgoing_get_attachments   (KithOutgoing       *self);
void                kith_outgoing_set_attachments   (KithOutgoing       *self,
                                                     const char * const *paths);
const char         *kith_outgoing_get_in_reply_to   (KithOutgoing       *self);
void                kith_outgoing_set_in_reply_to   (KithOutgoing       *self,
                                                     const char         *in_reply_to);
const char         *kith_outgoing_get_references    (KithOutgoing       *self);
void                kith_outgoing_set_references    (KithOutgoing       *self,
                                                     const char         *references);
const char         *kith_outgoing_get_message_id    (KithOutgoing       *self);
void                kith_outgoing_set_message_id    (KithOutgoing       *self,
                                                     const char         *message_id);
gint64              kith_outgoing_get_date          (KithOutgoing       *self);
void                kith_outgoing_set_date          (KithOutgoing       *self,
                                                     gint64              date);
gint64              kith_outgoing_get_send_after    (KithOutgoing       *self);
void                kith_outgoing_set_send_after    (KithOutgoing       *self,
                                                     gint64              send_after);
guint               kith_outgoing_get_attempts      (KithOutgoing       *self);
void                kith_outgoing_set_attempts      (KithOutgoing       *self,
                                                     guint               attempts);
const char         *kith_outgoing_get_error         (KithOutgoing       *self);
void                kith_outgoing_set_error         (KithOutgoing       *self,
                                                     const char         *error);
gint64              kith_outgoing_get_updated       (KithOutgoing       *self);
void                kith_outgoing_set_updated       (KithOutgoing       *self,
                                                     gint64              updated);
gint64              kith_outgoing_get_completes_step_person (KithOutgoing *self);
const char         *kith_outgoing_get_completes_step_key    (KithOutgoing *self);
void                kith_outgoing_set_completes_step        (KithOutgoing *self,
                                                             gint64        person_id,
                                                             const char   *step_key);

G_END_DECLS
