/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-calendar-service.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_TIMELINE_VIEW (kith_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (KithTimelineView, kith_timeline_view, KITH, TIMELINE_VIEW, AdwBin)

GtkWidget *kith_timeline_view_new         (void);
void       kith_timeline_view_set_record  (KithTimelineView *self,
                                           KithStore        *store,
                                           gint64            record_id);
void       kith_timeline_view_set_calendar_service (KithTimelineView    *self,
                                                    KithCalendarService *calendars);

G_END_DECLS
