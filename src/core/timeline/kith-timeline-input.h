/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/* Someone a timeline item or a to-do names, as given: an address or "#id" */
typedef struct {
  char *value;
  char *name;
  char *role;    /* to, cc or bcc; NULL for the role of the list it is in */
} KithPartyInput;

/* A timeline item to write, from JSON (kith-timeline-input-json.c), from a typed draft
 * (kith-timeline-input-typed.c) or from the mail index (kith-mail-log.c);
 * kith_timeline_input_check() validates them all the same way */
struct _KithTimelineInput {
  char      *style, *from, *from_name, *subject, *preview, *body, *body_type, *thread_id;
  char      *message_id, *location, *outcome, *direction, *source, *unique_id, *account;
  char      *links;         /* the JSON list of addresses, as stored */
  char      *reply_to;      /* an email's Reply-To: the JSON list of its addresses, as stored */
  gboolean   has_date;
  gint64     date;          /* ms since the epoch; the time of writing when not given */
  gboolean   has_duration;
  gint64     duration;      /* seconds */
  GPtrArray *recipients;    /* KithPartyInput; NULL when not given */
  GPtrArray *participants;
  GPtrArray *references;
};

/* A to-do to write */
struct _KithTodoInput {
  char      *subject, *preview, *assigner, *assignee, *source, *unique_id;
  char      *due;           /* YYYY-MM-DD, or NULL for someday */
  GPtrArray *participants;  /* KithPartyInput; NULL when not given, and then kept on an update */
};

/* The texts of a timeline item: its JSON member, what a refusal calls it, how long it may be */
typedef struct {
  const char *member;
  const char *label;
  gsize       max_len;
  gsize       offset;
} KithInputText;

extern const KithInputText kith_timeline_input_texts[];
extern const guint kith_timeline_input_n_texts;
extern const KithInputText kith_todo_input_texts[];
extern const guint kith_todo_input_n_texts;

/* Someone named, resolved to the record they are when there is one (kith_party_new()) */
typedef struct {
  const char *role;
  char       *value;
  char       *key;
  char       *name;
  gint64      record_id;
} KithParty;

KithPartyInput *kith_party_input_new        (const char         *value,
                                             const char         *name,
                                             const char         *role);
void            kith_party_input_free       (KithPartyInput     *p);
GPtrArray      *kith_party_input_list_new   (void);
void            kith_timeline_input_clear   (KithTimelineInput  *in);
void            kith_timeline_input_free    (KithTimelineInput  *in);
gboolean        kith_timeline_input_check   (KithTimelineInput  *in,
                                             gint64              now,
                                             GError            **error);
void            kith_todo_input_clear       (KithTodoInput      *in);
void            kith_todo_input_free        (KithTodoInput      *in);
gboolean        kith_todo_input_check       (KithTodoInput      *in,
                                             GError            **error);
gboolean        kith_todo_invalid_date      (const char         *text,
                                             GError            **error);
KithParty      *kith_party_new              (KithStore          *self,
                                             const char         *role,
                                             const char         *value,
                                             const char         *name,
                                             GHashTable         *unlinked,
                                             GError            **error);
void            kith_party_free             (KithParty          *p);
gboolean        kith_timeline_add_parties   (KithStore          *self,
                                             GPtrArray          *given,
                                             const char         *default_role,
                                             GHashTable         *unlinked,
                                             GPtrArray          *parties,
                                             GError            **error);
gboolean        kith_timeline_check_known   (KithStore          *self,
                                             GPtrArray          *parties,
                                             const char         *role,
                                             GError            **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KithTimelineInput, kith_timeline_input_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KithTodoInput, kith_todo_input_clear)

G_END_DECLS
