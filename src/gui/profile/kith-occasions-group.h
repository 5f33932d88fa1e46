/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-structured-group.h"

G_BEGIN_DECLS

#define KITH_TYPE_OCCASIONS_GROUP (kith_occasions_group_get_type ())
G_DECLARE_FINAL_TYPE (KithOccasionsGroup, kith_occasions_group, KITH, OCCASIONS_GROUP, KithStructuredGroup)

G_END_DECLS
