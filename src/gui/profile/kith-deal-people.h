/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_DEAL_PEOPLE (kith_deal_people_get_type ())
G_DECLARE_FINAL_TYPE (KithDealPeople, kith_deal_people, KITH, DEAL_PEOPLE, AdwBin)

G_END_DECLS
