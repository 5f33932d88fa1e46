/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-timeline-item.h"

G_BEGIN_DECLS

/* Where an item stands on a timeline, which is in the order of (date, id), newest first */
typedef struct {
  gint64 date;
  gint64 id;
} KithTimelineKey;

KithTimelineItem *kith_store_get_timeline_item (KithStore               *self,
                                               gint64                   item_id,
                                               GError                 **error);
GPtrArray  *kith_store_get_timeline        (KithStore               *self,
                                            gint64                   record_id,
                                            guint                    offset,
                                            guint                    limit,
                                            GError                 **error);
GPtrArray  *kith_store_get_timeline_range  (KithStore               *self,
                                            gint64                   record_id,
                                            const KithTimelineKey   *older_than,
                                            const KithTimelineKey   *down_to,
                                            guint                    limit,
                                            GError                 **error);

G_END_DECLS
