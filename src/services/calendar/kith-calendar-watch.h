/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libecal/libecal.h>

#include "kith-calendar-source.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_CALENDAR_WATCH (kith_calendar_watch_get_type ())
G_DECLARE_FINAL_TYPE (KithCalendarWatch, kith_calendar_watch, KITH, CALENDAR_WATCH, GObject)

KithCalendarWatch *kith_calendar_watch_new   (KithStore          *store,
                                              ESourceRegistry    *registry,
                                              ESource            *source,
                                              KithCalendarSource *item,
                                              time_t              start,
                                              time_t              end);
void               kith_calendar_watch_stop  (KithCalendarWatch  *self);
gboolean           kith_calendar_watch_is_open (KithCalendarWatch *self);
void               kith_calendar_watch_reconnect (KithCalendarWatch *self);
void               kith_calendar_watch_set_create_people (KithCalendarWatch  *self,
                                              const char * const *own_domains);

G_END_DECLS
