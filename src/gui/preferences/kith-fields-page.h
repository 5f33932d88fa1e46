/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store-page.h"

G_BEGIN_DECLS

#define KITH_TYPE_FIELDS_PAGE (kith_fields_page_get_type ())
G_DECLARE_FINAL_TYPE (KithFieldsPage, kith_fields_page, KITH, FIELDS_PAGE, KithStorePage)

G_END_DECLS
