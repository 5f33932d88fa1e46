/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-deal-participant.h"
#include "kith-kind-names.h"

G_BEGIN_DECLS

#define KITH_TYPE_DEAL_PERSON_ROW (kith_deal_person_row_get_type ())
G_DECLARE_FINAL_TYPE (KithDealPersonRow, kith_deal_person_row, KITH, DEAL_PERSON_ROW, AdwActionRow)

GtkWidget *kith_deal_person_row_new (KithDealParticipant *participant,
                                     KithKindNames       *names);

G_END_DECLS
