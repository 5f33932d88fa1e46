/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-step.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_STAGE (kith_stage_get_type ())
G_DECLARE_FINAL_TYPE (KithStage, kith_stage, KITH, STAGE, GObject)

KithStage  *kith_stage_new              (const char          *segment,
                                         const char          *key,
                                         const char          *name);
void        kith_stage_append_step      (KithStage           *self,
                                         KithStep            *step);
const char *kith_stage_get_key          (KithStage           *self);
const char *kith_stage_get_segment      (KithStage           *self);
const char *kith_stage_get_name         (KithStage           *self);
void        kith_stage_set_name         (KithStage           *self,
                                         const char          *name);
GListModel *kith_stage_get_steps        (KithStage           *self);
guint       kith_stage_get_n_steps      (KithStage           *self);
void        kith_stage_update           (KithStage           *self,
                                         KithStage           *from);
GListStore *kith_stage_dup_steps        (KithStage           *self);
void        kith_stage_rename_async     (KithStage           *self,
                                         KithStore           *store,
                                         const char          *name,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    kith_stage_rename_finish    (KithStage           *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void        kith_stage_save_steps_async (KithStage           *self,
                                         KithStore           *store,
                                         GListModel          *steps,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    kith_stage_save_steps_finish (KithStage          *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
