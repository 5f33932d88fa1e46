/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-types.h"

G_BEGIN_DECLS

/* Whom a deal goes with (its participants: the buyer, the seller), or who works on it */
typedef enum {
  KITH_DEAL_ROLE_PARTICIPANT,
  KITH_DEAL_ROLE_TEAM,
} KithDealRole;

#define KITH_TYPE_DEAL_PARTICIPANT (kith_deal_participant_get_type ())
G_DECLARE_FINAL_TYPE (KithDealParticipant, kith_deal_participant, KITH, DEAL_PARTICIPANT, GObject)

KithDealParticipant *kith_deal_participant_new            (gint64               id,
                                                          const char          *name,
                                                          KithRecordKind       kind,
                                                          KithDealRole         role);
KithDealParticipant *kith_deal_participant_new_named      (const char          *identifier,
                                                          KithDealRole         role);
gint64               kith_deal_participant_get_id         (KithDealParticipant *self);
const char          *kith_deal_participant_get_name       (KithDealParticipant *self);
KithRecordKind       kith_deal_participant_get_kind       (KithDealParticipant *self);
const char          *kith_deal_participant_get_identifier (KithDealParticipant *self);
KithDealRole         kith_deal_participant_get_role       (KithDealParticipant *self);

G_END_DECLS
