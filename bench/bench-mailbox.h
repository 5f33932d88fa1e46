/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The generated mailbox of the mail benchmarks, its people and its account (bench-mailbox.c) */

#include "kith-core.h"
#include "kith-mail-session.h"
#include "kith-test-dovecot.h"
#include "bench-common.h"

#define PASSWORD "bench-Alice-pw"
#define ME "alice@agency.example"
#define ME_NAME "Alice Agent"
#define COWORKER "bob@agency.example"
#define COWORKER_NAME "Bob Colleague"
#define DAY (24 * 3600)
/* In the bodies of some messages and nowhere else: a search for it finds their people */
#define SEARCH_WORD "escrow"

typedef struct {
  char *name;
  char *first;
  char *email;
} Person;

typedef struct {
  guint    thread;
  guint    person;     /* index into the people */
  int      cc;         /* -1: nobody, -2: the coworker, else another person */
  gboolean inbound;
  gint64   date;       /* Unix seconds */
  char    *message_id;
  char    *in_reply_to;
  char    *references;
  char    *subject;
  char    *body;       /* the text/plain part */
  guint    attachment; /* bytes of a PDF-like attachment, 0 for none */
  gboolean html;       /* multipart/alternative with an HTML part */
  gboolean seen;
} Message;

typedef struct {
  guint   index;        /* in the mailbox's threads */
  guint   person;
  guint   topic;
  guint   subject;
  guint   count;
  char   *root;
  char   *last_id;
  char   *refs;         /* References of the next reply */
  char   *last_text;    /* the last message's own text, quoted by the next */
} Thread;

typedef struct {
  Rng        rng;
  GArray    *people;    /* Person */
  GPtrArray *threads;   /* Thread */
  GPtrArray *messages;  /* Message, in date order */
  guint      next_id;
} Mailbox;

Mailbox  *mailbox_new          (int               n_people,
                                int               seed);
void      mailbox_free         (Mailbox          *mb);
/* n messages in threads, over the two years before yesterday, in date order */
void      generate_history     (Mailbox          *mb,
                                int               n,
                                gint64            now);
/* n new messages, from the last minutes: half of them replies in recent threads; returns the
 * index of the first */
guint     generate_new         (Mailbox          *mb,
                                int               n,
                                gint64            now);
/* The message as RFC 5322 text, CRLF line ends */
char     *render               (Mailbox          *mb,
                                Message          *m);
/* Writes messages [first, end) into the maildir, adding the bytes written to *bytes */
gboolean  deliver_range        (KithTestDovecot  *dovecot,
                                Mailbox          *mb,
                                guint             first,
                                guint             end,
                                guint64          *bytes,
                                GError          **error);
guint     expected_search_hits (Mailbox          *mb);
gboolean  mailbox_store_people (Mailbox          *mb,
                                KithStore        *store,
                                GError          **error);
char     *mailbox_add_account  (KithMailSession  *session,
                                KithStore        *store,
                                guint             port,
                                GError          **error);
/* Opens each folder once with a plain IMAP client, so that no client timed after pays for
 * Dovecot indexing a fresh maildir */
gboolean  mailbox_warm_up      (guint             port,
                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mailbox, mailbox_free)
