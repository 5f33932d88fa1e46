/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Someone a calendar event names: its organizer ("from"), a required attendee or the chair
 * ("to") or an optional one ("cc") */
typedef struct {
  char *address;
  char *name;
  char *role;
} KithMeetingPerson;

/* A meeting as a calendar has it (one instance of a recurring event), to put on the timeline
 * of whoever in Kith takes part */
typedef struct {
  char      *source;      /* "calendar:<source uid>" */
  char      *unique_id;   /* the event's UID, with the instance's RECURRENCE-ID when it recurs */
  char      *title;
  char      *location;
  char      *notes;       /* the event's description */
  char      *link;        /* a conference link, or NULL */
  gint64     start;       /* ms since the epoch, UTC */
  gint64     duration;    /* seconds */
  GPtrArray *people;      /* KithMeetingPerson */
} KithMeeting;

KithMeeting *kith_meeting_new            (const char   *source,
                                          const char   *unique_id);
void         kith_meeting_free           (KithMeeting  *meeting);
void         kith_meeting_add_person     (KithMeeting  *meeting,
                                          const char   *address,
                                          const char   *name,
                                          const char   *role);

gboolean     kith_store_put_meeting      (KithStore    *self,
                                          KithMeeting  *meeting,
                                          gint64       *out_item_id,
                                          GError      **error);

/* What the meetings of one read found of their people (kith-meetings.c) */
typedef struct _KithMeetingMatcher KithMeetingMatcher;

KithMeetingMatcher *kith_meeting_matcher_new    (void);
void         kith_meeting_matcher_forget (KithMeetingMatcher *matcher);
void         kith_meeting_matcher_free   (KithMeetingMatcher *matcher);
gboolean     kith_store_put_meeting_matched (KithStore          *self,
                                          KithMeeting        *meeting,
                                          KithMeetingMatcher *matcher,
                                          gint64             *out_item_id,
                                          GError            **error);

gboolean     kith_store_remove_meeting   (KithStore    *self,
                                          const char   *source,
                                          const char   *unique_id,
                                          GError      **error);
GStrv        kith_store_list_meetings    (KithStore    *self,
                                          const char   *source,
                                          GError      **error);
guint        kith_store_meeting_add_people (KithStore  *self,
                                          KithMeeting  *meeting,
                                          const char * const *own_domains,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMeeting, kith_meeting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMeetingMatcher, kith_meeting_matcher_free)

G_END_DECLS
