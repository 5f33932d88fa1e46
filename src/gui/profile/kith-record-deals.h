/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_RECORD_DEALS (kith_record_deals_get_type ())
G_DECLARE_FINAL_TYPE (KithRecordDeals, kith_record_deals, KITH, RECORD_DEALS, AdwBin)

void kith_record_deals_set_record (KithRecordDeals *self,
                                   KithStore       *store,
                                   gint64           record_id);

G_END_DECLS
