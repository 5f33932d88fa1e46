/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-structured-group.h"

G_BEGIN_DECLS

#define KITH_TYPE_APP_LINKS_GROUP (kith_app_links_group_get_type ())
G_DECLARE_FINAL_TYPE (KithAppLinksGroup, kith_app_links_group, KITH, APP_LINKS_GROUP, KithStructuredGroup)

G_END_DECLS
