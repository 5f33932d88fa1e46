/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-stage.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_SEGMENT (kith_segment_get_type ())
G_DECLARE_FINAL_TYPE (KithSegment, kith_segment, KITH, SEGMENT, GObject)

KithSegment *kith_segment_new           (const char          *key,
                                         const char          *name,
                                         const char          *category,
                                         gboolean             for_people,
                                         gboolean             enabled,
                                         int                  cadence);
void         kith_segment_append_stage  (KithSegment         *self,
                                         KithStage           *stage);
KithSegment *kith_segment_new_none      (const char          *name);
const char  *kith_segment_get_key       (KithSegment         *self);
const char  *kith_segment_get_name      (KithSegment         *self);
const char  *kith_segment_get_category  (KithSegment         *self);
gboolean     kith_segment_get_for_people (KithSegment        *self);
gboolean     kith_segment_get_for_deals (KithSegment         *self);
gboolean     kith_segment_get_enabled   (KithSegment         *self);
int          kith_segment_get_cadence   (KithSegment         *self);
GListModel  *kith_segment_get_stages    (KithSegment         *self);
KithStage   *kith_segment_find_stage    (KithSegment         *self,
                                         const char          *key);
gboolean     kith_segment_update        (KithSegment         *self,
                                         KithSegment         *from);
void         kith_segment_list_async    (KithStore           *store,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GListModel  *kith_segment_list_finish   (KithStore           *store,
                                         GAsyncResult        *result,
                                         GError             **error);
void         kith_segment_save_async    (KithSegment         *self,
                                         KithStore           *store,
                                         const char          *name,
                                         gboolean             enabled,
                                         int                  cadence,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     kith_segment_save_finish   (KithSegment         *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void         kith_segment_add_async     (KithStore           *store,
                                         const char          *name,
                                         gboolean             for_deals,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char        *kith_segment_add_finish    (KithStore           *store,
                                         GAsyncResult        *result,
                                         GError             **error);
void         kith_segment_remove_async  (KithSegment         *self,
                                         KithStore           *store,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     kith_segment_remove_finish (KithSegment         *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
