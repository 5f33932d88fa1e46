/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-timeline-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_TIMELINE_ROW (kith_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (KithTimelineRow, kith_timeline_row, KITH, TIMELINE_ROW, AdwActionRow)

GtkWidget *kith_timeline_row_new              (KithTimelineItem *item);
void       kith_timeline_row_set_made_in_kith (KithTimelineRow  *self,
                                               gboolean          made_in_kith);

G_END_DECLS
