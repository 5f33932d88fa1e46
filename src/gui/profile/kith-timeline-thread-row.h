/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-timeline-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_TIMELINE_THREAD_ROW (kith_timeline_thread_row_get_type ())
G_DECLARE_FINAL_TYPE (KithTimelineThreadRow, kith_timeline_thread_row, KITH, TIMELINE_THREAD_ROW, AdwExpanderRow)

GtkWidget *kith_timeline_thread_row_new (KithTimelineItem *item,
                                         GListModel       *thread);

G_END_DECLS
