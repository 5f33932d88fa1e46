/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_MULTIPICK_CHOICE_ROW (kith_multipick_choice_row_get_type ())
G_DECLARE_FINAL_TYPE (KithMultipickChoiceRow, kith_multipick_choice_row, KITH, MULTIPICK_CHOICE_ROW, AdwActionRow)

GtkWidget *kith_multipick_choice_row_new (KithCustomValue *value,
                                          const char      *choice);

G_END_DECLS
