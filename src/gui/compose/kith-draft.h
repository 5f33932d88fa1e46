/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-message.h"
#include "kith-outgoing.h"

G_BEGIN_DECLS

/**
 * KithDraftKind:
 * @KITH_DRAFT_REPLY: to the sender
 * @KITH_DRAFT_REPLY_ALL: to the sender and everyone the message went to, but the user
 * @KITH_DRAFT_FORWARD: to nobody yet
 */
typedef enum {
  KITH_DRAFT_REPLY,
  KITH_DRAFT_REPLY_ALL,
  KITH_DRAFT_FORWARD,
} KithDraftKind;

KithOutgoing *kith_draft_new_to          (const char * const *addresses);
KithOutgoing *kith_draft_new_answer      (KithMessage        *original,
                                          KithDraftKind       kind,
                                          GListModel         *accounts);
KithOutgoing *kith_draft_new_from_mailto (const char         *uri,
                                          GError            **error);

G_END_DECLS
