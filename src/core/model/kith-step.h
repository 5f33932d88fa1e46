/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_STEP (kith_step_get_type ())
G_DECLARE_FINAL_TYPE (KithStep, kith_step, KITH, STEP, GObject)

KithStep   *kith_step_new               (const char *key,
                                         const char *name,
                                         const char *template,
                                         int         reminder_days);
KithStep   *kith_step_copy              (KithStep   *self);
const char *kith_step_get_key           (KithStep   *self);
void        kith_step_set_key           (KithStep   *self,
                                         const char *key);
const char *kith_step_get_name          (KithStep   *self);
void        kith_step_set_name          (KithStep   *self,
                                         const char *name);
const char *kith_step_get_template      (KithStep   *self);
void        kith_step_set_template      (KithStep   *self,
                                         const char *template);
gint64      kith_step_get_template_id   (KithStep   *self);
void        kith_step_set_template_id   (KithStep   *self,
                                         gint64      template_id);
int         kith_step_get_reminder_days (KithStep   *self);
void        kith_step_set_reminder_days (KithStep   *self,
                                         int         days);

G_END_DECLS
