/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KITH_TYPE_STAGE (kith_stage_get_type ())
G_DECLARE_FINAL_TYPE (KithStage, kith_stage, KITH, STAGE, GObject)

const char *kith_stage_get_key   (KithStage *self);
const char *kith_stage_get_name  (KithStage *self);
GListModel *kith_stage_get_steps (KithStage *self);

G_END_DECLS
