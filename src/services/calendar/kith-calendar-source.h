/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What Kith knows of a calendar it follows: whether it can read it, and if not, why */
typedef enum {
  KITH_CALENDAR_STATE_OFF,             /* not followed */
  KITH_CALENDAR_STATE_CONNECTING,
  KITH_CALENDAR_STATE_READY,
  KITH_CALENDAR_STATE_NEEDS_PASSWORD,  /* the server wants a password, or refused the one stored */
  KITH_CALENDAR_STATE_OFFLINE,         /* the server cannot be reached */
  KITH_CALENDAR_STATE_ERROR,
} KithCalendarState;

#define KITH_TYPE_CALENDAR_STATE (kith_calendar_state_get_type ())
GType kith_calendar_state_get_type (void) G_GNUC_CONST;

#define KITH_TYPE_CALENDAR_SOURCE (kith_calendar_source_get_type ())
G_DECLARE_FINAL_TYPE (KithCalendarSource, kith_calendar_source, KITH, CALENDAR_SOURCE, GObject)

KithCalendarSource *kith_calendar_source_new              (const char         *uid);
const char         *kith_calendar_source_get_uid          (KithCalendarSource *self);
const char         *kith_calendar_source_get_display_name (KithCalendarSource *self);
void                kith_calendar_source_set_display_name (KithCalendarSource *self,
                                                           const char         *name);
const char         *kith_calendar_source_get_color        (KithCalendarSource *self);
void                kith_calendar_source_set_color        (KithCalendarSource *self,
                                                           const char         *color);
gboolean            kith_calendar_source_get_writable     (KithCalendarSource *self);
void                kith_calendar_source_set_writable     (KithCalendarSource *self,
                                                           gboolean            writable);
gboolean            kith_calendar_source_get_followed     (KithCalendarSource *self);
void                kith_calendar_source_set_followed     (KithCalendarSource *self,
                                                           gboolean            followed);
gboolean            kith_calendar_source_get_create_people (KithCalendarSource *self);
void                kith_calendar_source_set_create_people (KithCalendarSource *self,
                                                           gboolean            create_people);
KithCalendarState   kith_calendar_source_get_state        (KithCalendarSource *self);
const char         *kith_calendar_source_get_error        (KithCalendarSource *self);
void                kith_calendar_source_set_state        (KithCalendarSource *self,
                                                           KithCalendarState   state,
                                                           const char         *error);

G_END_DECLS
