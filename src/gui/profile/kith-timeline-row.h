/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-timeline-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_TIMELINE_ROW (kith_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (KithTimelineRow, kith_timeline_row, KITH, TIMELINE_ROW, AdwActionRow)

GtkWidget *kith_timeline_row_new (KithTimelineItem *item);

G_END_DECLS
