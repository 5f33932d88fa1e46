/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libecal/libecal.h>

G_BEGIN_DECLS

#define KITH_CALENDAR_ERROR (kith_calendar_error_quark ())
GQuark kith_calendar_error_quark (void);

typedef enum {
  KITH_CALENDAR_ERROR_NOT_FOUND,   /* no such calendar, or no such event in it */
  KITH_CALENDAR_ERROR_READ_ONLY,   /* the calendar cannot be written to */
  KITH_CALENDAR_ERROR_NOT_KITHS,   /* the event was not made in Kith: Kith leaves it alone */
} KithCalendarError;

/* A meeting to write into a calendar ("Schedule Meeting") */
typedef struct {
  char   *uid;         /* the event's UID: as read back, or the one to create it with (Undo) */
  char   *title;
  gint64  start;       /* ms since the epoch, UTC */
  gint64  duration;    /* seconds */
  char   *location;
  char   *notes;
  GStrv   attendees;   /* email addresses */
} KithCalendarEvent;

KithCalendarEvent *kith_calendar_event_new   (const char         *title,
                                              gint64              start,
                                              gint64              duration);
KithCalendarEvent *kith_calendar_event_copy  (const KithCalendarEvent *event);
void               kith_calendar_event_free  (KithCalendarEvent  *event);

gboolean  kith_calendar_event_locate  (const char         *item_source,
                                        const char         *unique_id,
                                        char              **out_calendar_uid,
                                        char              **out_event_uid);

gboolean  kith_calendar_writer_check_writable (ECalClient       *client,
                                               GError          **error);
char     *kith_calendar_writer_create  (ECalClient              *client,
                                        const KithCalendarEvent *event,
                                        GCancellable            *cancellable,
                                        GError                 **error);
gboolean  kith_calendar_writer_modify  (ECalClient              *client,
                                        const char              *uid,
                                        const KithCalendarEvent *event,
                                        GCancellable            *cancellable,
                                        GError                 **error);
KithCalendarEvent *kith_calendar_writer_read (ECalClient        *client,
                                              const char        *uid,
                                              GCancellable      *cancellable,
                                              GError           **error);
gboolean  kith_calendar_writer_remove  (ECalClient              *client,
                                        const char              *uid,
                                        GCancellable            *cancellable,
                                        GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCalendarEvent, kith_calendar_event_free)

G_END_DECLS
