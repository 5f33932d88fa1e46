/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"
#include "kith-timeline-item.h"
#include "kith-timeline-person.h"

G_BEGIN_DECLS

/* Calls, texts, meetings and direct messages logged by hand, with who took part, and notes
 * on a meeting */
void                kith_store_list_log_people_async     (KithStore           *self,
                                                          gint64               record_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GListModel         *kith_store_list_log_people_finish    (KithStore           *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                kith_store_find_participant_async    (KithStore           *self,
                                                          const char          *text,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
KithTimelinePerson *kith_store_find_participant_finish   (KithStore           *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                kith_store_log_item_async            (KithStore           *self,
                                                          KithTimelineItem    *item,
                                                          const char * const  *people,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gint64              kith_store_log_item_finish           (KithStore           *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                kith_store_update_logged_item_async  (KithStore           *self,
                                                          KithTimelineItem    *item,
                                                          const char * const  *people,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            kith_store_update_logged_item_finish (KithStore           *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void                kith_store_add_meeting_note_async    (KithStore           *self,
                                                          gint64               meeting_id,
                                                          const char          *text,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gint64              kith_store_add_meeting_note_finish   (KithStore           *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
char               *kith_timeline_meeting_note_thread    (gint64               meeting_id);
gboolean            kith_timeline_item_is_meeting_note   (KithTimelineItem    *item);

G_END_DECLS
