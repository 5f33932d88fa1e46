/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store-page.h"

G_BEGIN_DECLS

#define KITH_TYPE_RELATIONSHIP_PAGE (kith_relationship_page_get_type ())
G_DECLARE_FINAL_TYPE (KithRelationshipPage, kith_relationship_page, KITH, RELATIONSHIP_PAGE, KithStorePage)

G_END_DECLS
