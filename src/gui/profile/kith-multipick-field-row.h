/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_MULTIPICK_FIELD_ROW (kith_multipick_field_row_get_type ())
G_DECLARE_FINAL_TYPE (KithMultipickFieldRow, kith_multipick_field_row, KITH, MULTIPICK_FIELD_ROW, AdwExpanderRow)

G_END_DECLS
