/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-timeline-item.h"

G_BEGIN_DECLS

char       *kith_timeline_format_when      (gint64             ms);
char       *kith_timeline_format_day       (GDateTime         *day);
char       *kith_timeline_format_iso_day   (const char        *iso_day);
GDateTime  *kith_timeline_format_parse_day (const char        *iso_day);
const char *kith_timeline_format_icon      (KithTimelineStyle  style,
                                            KithDirection      direction);

G_END_DECLS
