/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-step.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_STEP_ROW (kith_step_row_get_type ())
G_DECLARE_FINAL_TYPE (KithStepRow, kith_step_row, KITH, STEP_ROW, AdwExpanderRow)

GtkWidget *kith_step_row_new (KithStep  *step,
                              KithStore *store);

G_END_DECLS
