/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-page.h"

G_BEGIN_DECLS

#define KITH_TYPE_TEMPLATES_PAGE (kith_templates_page_get_type ())
G_DECLARE_FINAL_TYPE (KithTemplatesPage, kith_templates_page, KITH, TEMPLATES_PAGE, KithStorePage)

G_END_DECLS
