/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The nicks are the JSON's values (docs/json.md) */
typedef enum {
  KITH_TIMELINE_STYLE_NOTE,
  KITH_TIMELINE_STYLE_EMAIL,
  KITH_TIMELINE_STYLE_CALL,
  KITH_TIMELINE_STYLE_TEXT,
  KITH_TIMELINE_STYLE_MEETING,
  KITH_TIMELINE_STYLE_DIRECT,
  KITH_TIMELINE_STYLE_POSTAL,
  KITH_TIMELINE_STYLE_EVENT,
  KITH_TIMELINE_STYLE_TODO,
} KithTimelineStyle;

typedef enum {
  KITH_DIRECTION_NONE,
  KITH_DIRECTION_INBOUND,
  KITH_DIRECTION_OUTBOUND,
} KithDirection;

typedef enum {
  KITH_CALL_OUTCOME_NONE,
  KITH_CALL_OUTCOME_CONNECTED,
  KITH_CALL_OUTCOME_LEFT_VOICEMAIL, /*< nick=leftvm >*/
  KITH_CALL_OUTCOME_NO_ANSWER,      /*< nick=noanswer >*/
} KithCallOutcome;

#define KITH_TYPE_TIMELINE_ITEM (kith_timeline_item_get_type ())
G_DECLARE_FINAL_TYPE (KithTimelineItem, kith_timeline_item, KITH, TIMELINE_ITEM, GObject)

KithTimelineItem  *kith_timeline_item_new           (KithTimelineStyle  style);
gint64             kith_timeline_item_get_id        (KithTimelineItem  *self);
KithTimelineStyle  kith_timeline_item_get_style     (KithTimelineItem  *self);
gint64             kith_timeline_item_get_date      (KithTimelineItem  *self);
const char        *kith_timeline_item_get_subject   (KithTimelineItem  *self);
void               kith_timeline_item_set_subject   (KithTimelineItem  *self,
                                                     const char        *subject);
const char        *kith_timeline_item_get_preview   (KithTimelineItem  *self);
const char        *kith_timeline_item_get_body      (KithTimelineItem  *self);
void               kith_timeline_item_set_body      (KithTimelineItem  *self,
                                                     const char        *body);
const char        *kith_timeline_item_get_body_type (KithTimelineItem  *self);
KithDirection      kith_timeline_item_get_direction (KithTimelineItem  *self);
void               kith_timeline_item_set_direction (KithTimelineItem  *self,
                                                     KithDirection      direction);
KithCallOutcome    kith_timeline_item_get_outcome   (KithTimelineItem  *self);
void               kith_timeline_item_set_outcome   (KithTimelineItem  *self,
                                                     KithCallOutcome    outcome);
gint64             kith_timeline_item_get_duration  (KithTimelineItem  *self);
void               kith_timeline_item_set_duration  (KithTimelineItem  *self,
                                                     gint64             seconds);
const char        *kith_timeline_item_get_thread_id (KithTimelineItem  *self);
const char        *kith_timeline_item_get_sender_name (KithTimelineItem *self);
const char        *kith_timeline_item_get_location  (KithTimelineItem  *self);
const char        *kith_timeline_item_get_message_id (KithTimelineItem *self);
const char        *kith_timeline_item_get_source    (KithTimelineItem  *self);
const char        *kith_timeline_item_get_unique_id (KithTimelineItem  *self);
const char        *kith_timeline_item_get_account   (KithTimelineItem  *self);
const char * const *kith_timeline_item_get_links    (KithTimelineItem  *self);
const char * const *kith_timeline_item_get_reply_to (KithTimelineItem  *self);
GListModel        *kith_timeline_item_get_people    (KithTimelineItem  *self);
void               kith_timeline_item_update        (KithTimelineItem  *self,
                                                     KithTimelineItem  *from);

G_END_DECLS
