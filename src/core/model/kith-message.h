/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-timeline-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_MESSAGE (kith_message_get_type ())
G_DECLARE_FINAL_TYPE (KithMessage, kith_message, KITH, MESSAGE, GObject)

KithMessage *kith_message_new                (gint64       id);
KithMessage *kith_message_new_for_item       (KithTimelineItem *item);
gint64       kith_message_get_id             (KithMessage *self);
const char  *kith_message_get_subject        (KithMessage *self);
void         kith_message_set_subject        (KithMessage *self,
                                              const char  *subject);
const char  *kith_message_get_preview        (KithMessage *self);
void         kith_message_set_preview        (KithMessage *self,
                                              const char  *preview);
gint64       kith_message_get_date           (KithMessage *self);
void         kith_message_set_date           (KithMessage *self,
                                              gint64       date);
const char  *kith_message_get_sender_name    (KithMessage *self);
void         kith_message_set_sender_name    (KithMessage *self,
                                              const char  *name);
const char  *kith_message_get_sender_address (KithMessage *self);
void         kith_message_set_sender_address (KithMessage *self,
                                              const char  *address);
gint64       kith_message_get_record_id      (KithMessage *self);
void         kith_message_set_record_id      (KithMessage *self,
                                              gint64       record_id);
const char  *kith_message_get_account        (KithMessage *self);
void         kith_message_set_account        (KithMessage *self,
                                              const char  *account);
const char  *kith_message_get_body           (KithMessage *self);
const char  *kith_message_get_body_type      (KithMessage *self);
void         kith_message_set_body           (KithMessage *self,
                                              const char  *body,
                                              const char  *body_type);
gboolean     kith_message_get_done           (KithMessage *self);
void         kith_message_set_done           (KithMessage *self,
                                              gboolean     done);
gint64       kith_message_get_snoozed_until  (KithMessage *self);
void         kith_message_set_snoozed_until  (KithMessage *self,
                                              gint64       until);
const char  *kith_message_get_message_id     (KithMessage *self);
const char  *kith_message_get_thread_id      (KithMessage *self);
const char * const *kith_message_get_to      (KithMessage *self);
const char * const *kith_message_get_cc      (KithMessage *self);
void         kith_message_set_recipients     (KithMessage *self,
                                              const char * const *to,
                                              const char * const *cc);
const char * const *kith_message_get_reply_to (KithMessage *self);
void         kith_message_set_reply_to       (KithMessage        *self,
                                              const char * const *reply_to);
char        *kith_message_format_address     (const char  *name,
                                              const char  *address);
void         kith_message_load_item          (KithMessage      *self,
                                              KithTimelineItem *item);
void         kith_message_update             (KithMessage *self,
                                              KithMessage *from);

G_END_DECLS
