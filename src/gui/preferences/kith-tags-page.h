/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store-page.h"

G_BEGIN_DECLS

#define KITH_TYPE_TAGS_PAGE (kith_tags_page_get_type ())
G_DECLARE_FINAL_TYPE (KithTagsPage, kith_tags_page, KITH, TAGS_PAGE, KithStorePage)

G_END_DECLS
