/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"
#include "kith-timeline-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_TIMELINE_MODEL (kith_timeline_model_get_type ())
G_DECLARE_FINAL_TYPE (KithTimelineModel, kith_timeline_model, KITH, TIMELINE_MODEL, GObject)

KithTimelineModel *kith_timeline_model_new           (KithStore         *store,
                                                      gint64             record_id);
gint64             kith_timeline_model_get_record_id (KithTimelineModel *self);
gboolean           kith_timeline_model_get_loaded    (KithTimelineModel *self);
void               kith_timeline_model_refresh       (KithTimelineModel *self);
gboolean           kith_timeline_model_get_has_more  (KithTimelineModel *self);
void               kith_timeline_model_load_more     (KithTimelineModel *self);
GListModel        *kith_timeline_model_get_thread    (KithTimelineModel *self,
                                                      KithTimelineItem  *item);

G_END_DECLS
