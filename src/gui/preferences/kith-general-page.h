/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store-page.h"

G_BEGIN_DECLS

#define KITH_TYPE_GENERAL_PAGE (kith_general_page_get_type ())
G_DECLARE_FINAL_TYPE (KithGeneralPage, kith_general_page, KITH, GENERAL_PAGE, KithStorePage)

G_END_DECLS
