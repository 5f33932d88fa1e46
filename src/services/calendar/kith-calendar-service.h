/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-calendar-source.h"
#include "kith-calendar-writer.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_CALENDAR_SERVICE (kith_calendar_service_get_type ())
G_DECLARE_FINAL_TYPE (KithCalendarService, kith_calendar_service, KITH, CALENDAR_SERVICE, GObject)

KithCalendarService *kith_calendar_service_new          (KithStore           *store);
void                 kith_calendar_service_start        (KithCalendarService *self);
gboolean             kith_calendar_service_is_ready     (KithCalendarService *self);
GListModel          *kith_calendar_service_get_sources  (KithCalendarService *self);
KithCalendarSource  *kith_calendar_service_find_source  (KithCalendarService *self,
                                                         const char          *uid);
void                 kith_calendar_service_set_followed (KithCalendarService *self,
                                                         const char          *uid,
                                                         gboolean             followed);
void                 kith_calendar_service_set_create_people (KithCalendarService *self,
                                                         const char          *uid,
                                                         gboolean             create_people);
void                 kith_calendar_service_retry        (KithCalendarService *self,
                                                         const char          *uid);

void                 kith_calendar_service_create_event_async  (KithCalendarService     *self,
                                                                const char              *calendar_uid,
                                                                const KithCalendarEvent *event,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
char                *kith_calendar_service_create_event_finish (KithCalendarService     *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                 kith_calendar_service_modify_event_async  (KithCalendarService     *self,
                                                                const char              *calendar_uid,
                                                                const char              *event_uid,
                                                                const KithCalendarEvent *event,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
gboolean             kith_calendar_service_modify_event_finish (KithCalendarService     *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                 kith_calendar_service_remove_event_async  (KithCalendarService     *self,
                                                                const char              *calendar_uid,
                                                                const char              *event_uid,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
gboolean             kith_calendar_service_remove_event_finish (KithCalendarService     *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);
void                 kith_calendar_service_read_event_async    (KithCalendarService     *self,
                                                                const char              *calendar_uid,
                                                                const char              *event_uid,
                                                                GCancellable            *cancellable,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
KithCalendarEvent   *kith_calendar_service_read_event_finish   (KithCalendarService     *self,
                                                                GAsyncResult            *result,
                                                                GError                 **error);

G_END_DECLS
