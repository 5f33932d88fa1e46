/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-structured-group.h"

G_BEGIN_DECLS

#define KITH_TYPE_ADDRESSES_GROUP (kith_addresses_group_get_type ())
G_DECLARE_FINAL_TYPE (KithAddressesGroup, kith_addresses_group, KITH, ADDRESSES_GROUP, KithStructuredGroup)

G_END_DECLS
