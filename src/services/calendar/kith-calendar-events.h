/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libecal/libecal.h>

G_BEGIN_DECLS

GPtrArray *kith_calendar_events_expand (ECalClient    *client,
                                        const char    *source,
                                        const char    *uid,
                                        time_t         start,
                                        time_t         end,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Given the meetings (transfer full, element-type KithMeeting) of the event @uid */
typedef void (*KithCalendarEventsFunc) (const char *uid,
                                        GPtrArray  *meetings,
                                        gpointer    user_data);

gboolean   kith_calendar_events_expand_window (ECalClient            *client,
                                               const char            *source,
                                               const char            *query,
                                               time_t                 start,
                                               time_t                 end,
                                               KithCalendarEventsFunc func,
                                               gpointer               user_data,
                                               GCancellable          *cancellable,
                                               GError               **error);
char      *kith_calendar_events_uid_of (const char    *unique_id);
char      *kith_calendar_events_find_link (const char *text);

G_END_DECLS
