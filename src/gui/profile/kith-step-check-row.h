/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-step.h"

G_BEGIN_DECLS

#define KITH_TYPE_STEP_CHECK_ROW (kith_step_check_row_get_type ())
G_DECLARE_FINAL_TYPE (KithStepCheckRow, kith_step_check_row, KITH, STEP_CHECK_ROW, AdwActionRow)

GtkWidget *kith_step_check_row_new      (KithStep         *step);
void       kith_step_check_row_show     (KithStepCheckRow *self,
                                         gboolean          done,
                                         gboolean          current);
gboolean   kith_step_check_row_get_done (KithStepCheckRow *self);

G_END_DECLS
