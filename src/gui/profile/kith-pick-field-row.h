/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_PICK_FIELD_ROW (kith_pick_field_row_get_type ())
G_DECLARE_FINAL_TYPE (KithPickFieldRow, kith_pick_field_row, KITH, PICK_FIELD_ROW, AdwComboRow)

G_END_DECLS
