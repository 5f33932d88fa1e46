/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-deal-participant.h"
#include "kith-record.h"

G_BEGIN_DECLS

#define KITH_TYPE_DEAL (kith_deal_get_type ())
G_DECLARE_FINAL_TYPE (KithDeal, kith_deal, KITH, DEAL, KithRecord)

const char *kith_deal_get_summary   (KithDeal   *self);
void        kith_deal_set_summary   (KithDeal   *self,
                                     const char *summary);
gboolean    kith_deal_has_value     (KithDeal   *self);
double      kith_deal_get_value     (KithDeal   *self);
void        kith_deal_set_value     (KithDeal   *self,
                                     double      value);
void        kith_deal_clear_value   (KithDeal   *self);
gboolean    kith_deal_set_value_text (KithDeal   *self,
                                      const char *text,
                                      GError    **error);
const char *kith_deal_get_currency  (KithDeal   *self);
void        kith_deal_set_currency  (KithDeal   *self,
                                     const char *currency);
const char *kith_deal_get_address   (KithDeal   *self);
void        kith_deal_set_address   (KithDeal   *self,
                                     const char *address);
GListModel *kith_deal_get_participants (KithDeal *self);
void        kith_deal_add_participant  (KithDeal            *self,
                                        KithDealParticipant *participant);
void        kith_deal_remove_participant (KithDeal            *self,
                                          KithDealParticipant *participant);

G_END_DECLS
