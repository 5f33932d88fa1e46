/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Sending when the server fails: the private SMTP listener (kith-test-smtp.h) is told to answer
 * 451 or 421, refuse a recipient, drop the connection after DATA, refuse STARTTLS or hold its
 * reply while Kith's sending process is killed. Each message must end up delivered exactly once
 * (or stopped with the server's text), never twice, never silently dropped. The private Dovecot
 * holds the account's Sent folder, which settles a message found `sending` after a crash; the
 * account is added through Kith into the private session's registry (build-aux/test-session).
 *
 * The fixture is kith-test-send.h's.
 */

#include <signal.h>
#include <sys/wait.h>

#include "kith-test-process.h"
#include "kith-test-send.h"

/* 451 or 421 on the second of three messages: the first and third leave at once, the second
 * waits for a later try and then leaves too; each arrives once, all end `sent` */
static void
test_temporary_on_nth (Fixture       *f,
                       gconstpointer  data)
{
  const char *fault = data;
  g_autoptr(KithOutgoing) waiting = NULL;
  gint64 ids[3];

  kith_test_smtp_set_fault (f->smtp, fault);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *subject = g_strdup_printf ("Viewing %u", i + 1);

      ids[i] = queue (f, subject, NULL);
    }
  flush (f);

  assert_state (f, ids[0], KITH_OUTGOING_SENT);
  assert_state (f, ids[2], KITH_OUTGOING_SENT);
  waiting = get (f, ids[1]);
  g_assert_cmpint (kith_outgoing_get_state (waiting), ==, KITH_OUTGOING_QUEUED);
  g_assert_cmpuint (kith_outgoing_get_attempts (waiting), ==, 1);
  g_assert_cmpint (kith_outgoing_get_send_after (waiting), >, f->t->now * 1000);
  g_assert_nonnull (kith_outgoing_get_error (waiting));
  g_assert_cmpuint (times_received (f, ids[1]), ==, 0);

  /* Not due yet: a flush now leaves it alone */
  flush (f);
  assert_state (f, ids[1], KITH_OUTGOING_QUEUED);

  flush_later (f);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      assert_state (f, ids[i], KITH_OUTGOING_SENT);
      g_assert_cmpuint (times_received (f, ids[i]), ==, 1);
    }
}

/* 550 for one recipient: the message stops, `failed`, with the server's text on it; nothing is
 * delivered to the others behind the user's back */
static void
test_recipient_rejected (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(KithOutgoing) msg = NULL;
  gint64 id;

  kith_test_smtp_set_fault (f->smtp, "reject:bob@example.com");
  id = queue (f, "Viewing", "Bob <bob@example.com>");
  flush (f);

  msg = get (f, id);
  g_assert_cmpint (kith_outgoing_get_state (msg), ==, KITH_OUTGOING_FAILED);
  g_assert_nonnull (strstr (kith_outgoing_get_error (msg), "Recipient address rejected"));
  g_assert_nonnull (strstr (kith_outgoing_get_error (msg), "bob@example.com"));
  g_assert_cmpuint (times_received (f, id), ==, 0);

  /* And it stays so: a later flush does not try again */
  flush_later (f);
  assert_state (f, id, KITH_OUTGOING_FAILED);
  g_assert_cmpuint (times_received (f, id), ==, 0);
}

/* The connection dropped after the message's data, with no reply: the server did not take it
 * (the listener records nothing it did not answer 250), so it is sent again, once */
static void
test_dropped_after_data (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(KithOutgoing) msg = NULL;
  gint64 id;

  kith_test_smtp_set_fault (f->smtp, "drop-after-data");
  id = queue (f, "Viewing", NULL);
  flush (f);

  msg = get (f, id);
  g_assert_cmpint (kith_outgoing_get_state (msg), ==, KITH_OUTGOING_QUEUED);
  g_assert_cmpuint (kith_outgoing_get_attempts (msg), ==, 1);
  g_assert_cmpuint (times_received (f, id), ==, 0);

  flush_later (f);
  assert_state (f, id, KITH_OUTGOING_SENT);
  g_assert_cmpuint (times_received (f, id), ==, 1);
}

/* STARTTLS required but refused by the server: nothing goes out in clear, not even the
 * envelope, and the message says why it did not leave */
static void
test_starttls_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KithOutgoing) msg = NULL;
  g_autofree char *events = NULL;
  gint64 id;

  require_starttls (f);
  kith_test_smtp_set_fault (f->smtp, "no-starttls");
  id = queue (f, "Viewing", NULL);
  flush (f);

  msg = get (f, id);
  g_assert_true (kith_outgoing_get_state (msg) == KITH_OUTGOING_FAILED ||
                 kith_outgoing_get_state (msg) == KITH_OUTGOING_QUEUED);
  g_assert_nonnull (kith_outgoing_get_error (msg));
  g_assert_nonnull (strstr (kith_outgoing_get_error (msg), "STARTTLS"));
  events = kith_test_smtp_get_events (f->smtp);
  g_assert_null (strstr (events, "mail tls="));
  g_assert_null (strstr (events, "auth "));
  g_assert_cmpuint (times_received (f, id), ==, 0);
}

/* The sending process: tests/services/kith-test-sender ($KITH_TEST_SENDER) on the test's store */
static GPid
spawn_sender (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_build_filename (f->t->dir, "sender.log", NULL);
  const char *argv[] = { g_getenv ("KITH_TEST_SENDER"), "--data-dir", f->t->dir, NULL };
  GPid pid;

  g_assert_true (kith_test_spawn_server (f->t->dir, argv, log, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* The sender spawned by spawn_sender () ended with exit status 0; when it did not, how it ended
 * and what it logged are in the test's output, as the log goes with the test's directory */
static void
assert_sender_succeeded (Fixture *f,
                         int      status)
{
  g_autofree char *log = g_build_filename (f->t->dir, "sender.log", NULL);
  g_autofree char *said = NULL;

  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return;

  g_file_get_contents (log, &said, NULL, NULL);
  g_test_message ("kith-test-sender %s %d; its log:\n%s",
                  WIFSIGNALED (status) ? "was killed by signal" : "exited with status",
                  WIFSIGNALED (status) ? WTERMSIG (status) : WEXITSTATUS (status),
                  said != NULL ? said : "(none)");
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

/* Kith killed (SIGKILL) while a message is `sending`, its DATA sent and the server's reply not
 * yet given; then started again: the message arrives once, and ends `sent`.
 *
 * What the Sent-folder rule can prove here: a message found `sending` whose copy is not in Sent
 * did not complete as far as Kith knows, and the listener, which never said 250, did not take
 * it, so sending it again delivers it once. What it cannot prove: that a server which did say
 * 250 before Kith died (the reply lost, or Kith killed before it filed the copy) did not take
 * it. SMTP has no way to ask; such a message is sent again, and the recipient may get it twice.
 * The window is the time between the server's 250 and the commit of `sent`, which this test
 * cannot hit on purpose; a copy already in Sent (filed before a crash) is what keeps it from
 * being sent again, and test-mail-send covers that the copy is filed. */
static void
test_killed_while_sending (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *log_path = NULL;
  g_autofree char *log = NULL;
  GPid pid;
  int status = 0;
  gint64 id;

  kith_test_smtp_set_fault (f->smtp, "hold");
  id = queue (f, "Viewing", NULL);

  pid = spawn_sender (f);
  g_assert_true (kith_test_smtp_wait_held (f->smtp, 1, WAIT_MS));
  assert_state (f, id, KITH_OUTGOING_SENDING);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_true (kith_test_wait_exit (pid, 5 * G_USEC_PER_SEC, &status));
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  /* Left `sending`; the listener let the orphaned transaction go without taking it */
  assert_state (f, id, KITH_OUTGOING_SENDING);
  g_assert_true (kith_test_smtp_wait_held (f->smtp, 0, WAIT_MS));
  g_assert_cmpuint (times_received (f, id), ==, 0);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Sent"), ==, 0);

  kith_test_smtp_release (f->smtp);
  pid = spawn_sender (f);
  g_assert_true (kith_test_wait_exit (pid, WAIT_MS * G_TIME_SPAN_MILLISECOND, &status));
  g_spawn_close_pid (pid);
  log_path = g_build_filename (f->t->dir, "sender.log", NULL);
  if (g_file_get_contents (log_path, &log, NULL, NULL))
    g_test_message ("kith-test-sender said: %s", log);
  assert_sender_succeeded (f, status);

  assert_state (f, id, KITH_OUTGOING_SENT);
  g_assert_cmpuint (times_received (f, id), ==, 1);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Sent"), ==, 1);
}

/* Kith quit after committing a message `sent` and before filing its copy in Sent and logging
 * it (those run behind the next message's SMTP transaction): the next start files and logs it,
 * and does not send it again. The store is put in that state as the sender leaves it: claimed,
 * then marked sent, with nothing sent and nothing filed. */
static void
test_quit_before_filing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autoptr(GPtrArray) unfiled = NULL;
  gint64 id;

  id = queue (f, "Viewing", NULL);
  claimed = kith_store_outgoing_claim (f->t->store, f->t->now * 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  g_assert_cmpint (kith_outgoing_get_id (claimed), ==, id);
  g_assert_true (kith_store_outgoing_set_sent (f->t->store, id, &error));
  g_assert_no_error (error);
  unfiled = kith_store_outgoing_list_unfiled (f->t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfiled->len, ==, 1);
  g_clear_pointer (&unfiled, g_ptr_array_unref);

  flush (f);
  assert_state (f, id, KITH_OUTGOING_SENT);
  g_assert_cmpuint (times_received (f, id), ==, 0);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Sent"), ==, 1);
  unfiled = kith_store_outgoing_list_unfiled (f->t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfiled->len, ==, 0);

  /* Filed once: the next start has nothing left to file */
  kith_mail_sender_stop (f->sender);
  flush (f);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Sent"), ==, 1);
}

/* Two senders on one store (Kith running while `kith-cli send` sends, or the other way round):
 * the second starts while the first has a message `sending`, its DATA sent and the reply held.
 * The second must not take that message for one a crash left behind and send it again; it
 * waits for the first to finish, and the message arrives once. */
static void
test_second_sender (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;
  GPid pid;
  int status = 0;
  gint64 id;

  kith_test_smtp_set_fault (f->smtp, "hold");
  id = queue (f, "Viewing", NULL);
  pid = spawn_sender (f);
  g_assert_true (kith_test_smtp_wait_held (f->smtp, 1, WAIT_MS));
  assert_state (f, id, KITH_OUTGOING_SENDING);

  /* The second sender, in this process, while the first holds the message */
  kith_mail_sender_flush_async (f->sender, NULL, kith_test_result_cb, &result);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (kith_test_smtp_get_held (f->smtp), ==, 1);
      g_assert_null (result);
      g_usleep (20 * 1000);
    }

  kith_test_smtp_release (f->smtp);
  g_assert_true (kith_test_wait_exit (pid, WAIT_MS * G_TIME_SPAN_MILLISECOND, &status));
  g_spawn_close_pid (pid);
  assert_sender_succeeded (f, status);
  g_assert_true (kith_mail_sender_flush_finish (f->sender, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);

  assert_state (f, id, KITH_OUTGOING_SENT);
  g_assert_cmpuint (times_received (f, id), ==, 1);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Sent"), ==, 1);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The session let go, the account's IMAP store goes too, and with it its summary database
 * (folders.db): a store kept alive by a reference too many kept the file open after the test
 * removed its folder, and the next test's database, made on the same inode, failed with
 * "disk I/O error" (SQLite shares what it knows of a file between connections by inode) */
static void
test_session_releases_store (Fixture       *f,
                             gconstpointer  data)
{
  gpointer store = camel_session_ref_service (CAMEL_SESSION (f->session), f->account);
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  g_assert_nonnull (store);
  g_assert_cmpint (camel_service_get_connection_status (store), ==, CAMEL_SERVICE_CONNECTED);
  g_object_add_weak_pointer (store, &store);
  g_object_unref (store);

  kith_mail_sender_stop (f->sender);
  g_clear_object (&f->sender);
  g_clear_object (&f->capture);
  g_clear_object (&f->session);
  while (!is_null (&store) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_null (store);
}

/* The session let go, the account's IMAP store is disconnected at once: left connected, its
 * IDLE thread selected INBOX again a moment later and, with QRESYNC, loaded the folder's
 * summary from the store's folders.db — after the test had removed it ("disk I/O error") */
static void
test_session_disconnects_store (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *camel_dir = g_build_filename (f->t->dir, "camel", NULL);
  CamelService *store = camel_session_ref_service (CAMEL_SESSION (f->session), f->account);
  gpointer weak = store;
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  g_assert_nonnull (store);
  g_assert_cmpint (camel_service_get_connection_status (store), ==, CAMEL_SERVICE_CONNECTED);

  kith_mail_sender_stop (f->sender);
  g_clear_object (&f->sender);
  g_clear_object (&f->capture);
  g_clear_object (&f->session);
  /* What the sender and capture left queued on the main context holds the session: it goes
   * once that has run */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (camel_service_get_connection_status (store), ==, CAMEL_SERVICE_DISCONNECTED);

  /* Its files go, as an account's do when it is removed: nothing reads them after */
  kith_test_rm_rf (camel_dir);
  g_object_add_weak_pointer (G_OBJECT (store), &weak);
  g_object_unref (store);
  while (!is_null (&weak) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_null (weak);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Camel warns about what it meets on the wire; that must not abort the tests. Camel 3.46's
   * SMTP transport, when the connection closes before the reply to DATA, fails without setting
   * its GError, and warns so: Kith takes that for a closed connection (kith-mail-sender.c) */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

#define ADD(path, data, func) \
  g_test_add ("/send-faults/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("tempfail-nth", "tempfail:2", test_temporary_on_nth);
  ADD ("busy-nth", "busy:2", test_temporary_on_nth);
  ADD ("recipient-rejected", NULL, test_recipient_rejected);
  ADD ("dropped-after-data", NULL, test_dropped_after_data);
  ADD ("starttls-refused", NULL, test_starttls_refused);
  ADD ("killed-while-sending", NULL, test_killed_while_sending);
  ADD ("quit-before-filing", NULL, test_quit_before_filing);
  ADD ("second-sender", NULL, test_second_sender);
  ADD ("session-releases-store", NULL, test_session_releases_store);
  ADD ("session-disconnects-store", NULL, test_session_disconnects_store);
#undef ADD

  return g_test_run ();
}
