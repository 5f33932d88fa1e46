/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_DATE_FIELD_ROW (kith_date_field_row_get_type ())
G_DECLARE_FINAL_TYPE (KithDateFieldRow, kith_date_field_row, KITH, DATE_FIELD_ROW, AdwActionRow)

G_END_DECLS
