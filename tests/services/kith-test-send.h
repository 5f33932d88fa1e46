/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What the sending tests share (test-mail-send, test-mail-send-faults, test-cli-send): a
 * private Dovecot (the account's Sent folder) and SMTP listener, a store, and the account added
 * through Kith into the private session's registry (build-aux/test-session).
 *
 * The store's clock is a test clock set to the real time: a message put back for a later try
 * is made due by moving that clock past its backoff, not by waiting.
 */

#include <string.h>

#include "kith-mail.h"
#include "kith-mail-accounts.h"
#include "kith-mail-capture.h"
#include "kith-mail-sender.h"
#include "kith-outbox.h"
#include "kith-test-dovecot.h"
#include "kith-test-smtp.h"
#include "../core/kith-test-util.h"

#define PASSWORD "s3cret-Alice-pw"
/* The account's address; a program whose accounts are looked up by address gives its own,
 * as the tests share the session's registry with the other programs that run at the same time */
#ifndef ME
#define ME "alice@agency.example"
#endif
#define WAIT_MS 20000
/* Past the sender's first backoff steps (30 s, then 2 min) */
#define LATER_MS (11 * 60 * 1000)

typedef struct {
  KithTestDovecot *dovecot;
  KithTestSmtp    *smtp;
  KithTestStore   *t;
  ESourceRegistry *registry;
  KithMailSession *session;
  KithMailCapture *capture;
  KithMailSender  *sender;
  char            *account;
  gint64           ann;       /* the contact the messages go to, where a program creates one */
} Fixture;

/* The servers, the store, the session, the capture and the sender, with no account yet. A
 * machine without Dovecot or aiosmtpd fails here; the return value is always true */
static inline gboolean
fixture_start (Fixture *f)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *camel_dir = NULL;
  g_autofree char *cache = NULL;

  f->dovecot = kith_test_dovecot_start (users, &error);
  if (error == NULL)
    f->smtp = kith_test_smtp_start (&error);
  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);

  f->t = kith_test_store_new ();
  f->t->now = g_get_real_time () / 1000;
  f->registry = e_source_registry_new_sync (NULL, &error);
  g_assert_no_error (error);
  camel_dir = g_build_filename (f->t->dir, "camel", NULL);
  cache = g_build_filename (camel_dir, "cache", NULL);
  f->session = kith_mail_session_new (f->registry, camel_dir, cache);
  f->capture = kith_mail_capture_new (f->t->store, f->session);
  f->sender = kith_mail_sender_new (f->t->store, f->session);
  return TRUE;
}

/* The account ME, added through Kith; sent over the listener in clear, unless a test asks for
 * STARTTLS. Not synced yet: see fixture_sync_account() */
static inline void
fixture_add_account (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailAccount) draft = NULL;

  draft = g_object_new (KITH_TYPE_MAIL_ACCOUNT, "address", ME, "name", "Alice Agent", "user", "alice",
                        "imap-host", "127.0.0.1", "imap-port", kith_test_dovecot_get_port (f->dovecot),
                        "smtp-host", "127.0.0.1", "smtp-port", kith_test_smtp_get_port (f->smtp),
                        "security", KITH_MAIL_SECURITY_NONE, NULL);
  f->account = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_no_error (error);
}

/* Synced once, as the application does when an account is added: its folders (Sent) are known */
static inline void
fixture_sync_account (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_mail_capture_sync_account (f->capture, f->account, NULL, &error));
  g_assert_no_error (error);
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!fixture_start (f))
    return;
  fixture_add_account (f);
  fixture_sync_account (f);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->sender != NULL)
    kith_mail_sender_stop (f->sender);
  if (f->account != NULL)
    kith_mail_account_remove_sync (f->registry, f->account, NULL, NULL);
  /* Camel's idles queued so far (a folder's changes, a store's) run while the session and its
   * stores are whole: run once the stores are going, on the main thread while a Camel thread
   * finalizes the store, they have crashed in Camel (a folder's weak ref in its store's bag) */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->sender);
  g_clear_object (&f->capture);
  g_clear_object (&f->session);
  /* What they left queued holds the session: once it has run, the session goes, and with it
   * the account's IMAP connections, before the test's files do */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->registry);
  g_clear_pointer (&f->t, kith_test_store_free);
  g_clear_pointer (&f->smtp, kith_test_smtp_stop);
  g_clear_pointer (&f->dovecot, kith_test_dovecot_stop);
  g_free (f->account);
}

/* A message to Ann (and to more, when given), saved and queued with no delay; its id */
static inline gint64
queue (Fixture    *f,
       const char *subject,
       const char *also_to)
{
  g_autoptr(KithOutgoing) msg = kith_outgoing_new ();
  g_autoptr(GError) error = NULL;
  const char *to[] = { "Ann Lee <ann@example.com>", also_to, NULL };
  gint64 id;

  kith_outgoing_set_account (msg, f->account);
  kith_outgoing_set_from_address (msg, ME);
  kith_outgoing_set_to (msg, to);
  kith_outgoing_set_subject (msg, subject);
  kith_outgoing_set_body_text (msg, "Hello Ann,\nthe viewing is on Saturday at ten.\n");
  id = kith_store_outgoing_save (f->t->store, msg, &error);
  g_assert_no_error (error);
  g_assert_true (kith_store_outgoing_queue (f->t->store, id, 0, &error));
  g_assert_no_error (error);

  return id;
}

static inline KithOutgoing *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  KithOutgoing *msg = kith_store_outgoing_get (f->t->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (msg);
  return msg;
}

static inline void
assert_state (Fixture           *f,
              gint64             id,
              KithOutgoingState  state)
{
  g_autoptr(KithOutgoing) msg = get (f, id);

  g_assert_cmpint (kith_outgoing_get_state (msg), ==, state);
}

/* Sends what is due now and waits until it has been tried */
static inline void
flush (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kith_mail_sender_flush_async (f->sender, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_mail_sender_flush_finish (f->sender, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

/* Moves the store's clock past any backoff, then flushes */
static inline void
flush_later (Fixture *f)
{
  f->t->now += LATER_MS;
  flush (f);
}

/* How many messages the listener accepted with the Message-ID of message id */
static inline guint
times_received (Fixture *f,
                gint64   id)
{
  g_autoptr(KithOutgoing) msg = get (f, id);
  g_autoptr(GPtrArray) received = kith_test_smtp_received (f->smtp);
  g_autofree char *header = g_strdup_printf ("\r\nMessage-ID: %s\r\n", kith_outgoing_get_message_id (msg));
  guint n = 0;

  for (guint i = 0; i < received->len; i++)
    {
      KithTestSmtpMessage *m = received->pdata[i];
      gsize size;
      const char *data = g_bytes_get_data (m->data, &size);
      const char *body = g_strstr_len (data, size, "\r\n\r\n");

      /* In the header, not quoted in a body */
      n += g_strstr_len (data, body != NULL ? body - data + 2 : (gssize) size, header) != NULL;
    }
  return n;
}

/* The account's transport asks for STARTTLS, as a user's would */
static inline void
require_starttls (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) account = e_source_registry_ref_source (f->registry, f->account);
  ESourceMailAccount *account_ext = e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
  g_autoptr(ESource) identity = e_source_registry_ref_source (f->registry,
                                                              e_source_mail_account_get_identity_uid (account_ext));
  ESourceMailSubmission *submission = e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION);
  g_autoptr(ESource) transport = e_source_registry_ref_source (f->registry,
                                                               e_source_mail_submission_get_transport_uid (submission));
  ESourceCamel *camel = e_source_get_extension (transport, e_source_camel_get_extension_name ("smtp"));

  g_object_set (e_source_camel_get_settings (camel), "security-method",
                CAMEL_NETWORK_SECURITY_METHOD_STARTTLS_ON_STANDARD_PORT, NULL);
  e_source_security_set_method (e_source_get_extension (transport, E_SOURCE_EXTENSION_SECURITY),
                                "starttls-on-standard-port");
  g_assert_true (e_source_write_sync (transport, NULL, &error));
  g_assert_no_error (error);
}

