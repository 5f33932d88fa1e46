/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_TEXT_FIELD_ROW (kith_text_field_row_get_type ())
G_DECLARE_FINAL_TYPE (KithTextFieldRow, kith_text_field_row, KITH, TEXT_FIELD_ROW, AdwEntryRow)

G_END_DECLS
