/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-stage.h"

G_BEGIN_DECLS

#define KITH_TYPE_STAGE_ROW (kith_stage_row_get_type ())
G_DECLARE_FINAL_TYPE (KithStageRow, kith_stage_row, KITH, STAGE_ROW, AdwActionRow)

GtkWidget *kith_stage_row_new (KithStage *stage);

G_END_DECLS
