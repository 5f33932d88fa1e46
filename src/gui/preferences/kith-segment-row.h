/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-segment.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_SEGMENT_ROW (kith_segment_row_get_type ())
G_DECLARE_FINAL_TYPE (KithSegmentRow, kith_segment_row, KITH, SEGMENT_ROW, AdwExpanderRow)

GtkWidget *kith_segment_row_new (KithStore   *store,
                                 KithSegment *segment);

G_END_DECLS
