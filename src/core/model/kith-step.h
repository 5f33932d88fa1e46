/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_STEP (kith_step_get_type ())
G_DECLARE_FINAL_TYPE (KithStep, kith_step, KITH, STEP, GObject)

const char *kith_step_get_key           (KithStep *self);
const char *kith_step_get_name          (KithStep *self);
gint64      kith_step_get_reminder_days (KithStep *self);

G_END_DECLS
