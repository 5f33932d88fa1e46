/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-stage.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_STAGE_EDITOR (kith_stage_editor_get_type ())
G_DECLARE_FINAL_TYPE (KithStageEditor, kith_stage_editor, KITH, STAGE_EDITOR, GtkBox)

GtkWidget *kith_stage_editor_new (KithStore *store,
                                  KithStage *stage);

G_END_DECLS
