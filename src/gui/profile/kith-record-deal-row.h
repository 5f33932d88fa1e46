/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-deal.h"

G_BEGIN_DECLS

#define KITH_TYPE_RECORD_DEAL_ROW (kith_record_deal_row_get_type ())
G_DECLARE_FINAL_TYPE (KithRecordDealRow, kith_record_deal_row, KITH, RECORD_DEAL_ROW, AdwActionRow)

GtkWidget *kith_record_deal_row_new (KithDeal *deal);

G_END_DECLS
