/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Sending through the Outbox against real servers: the private SMTP listener (kith-test-smtp.h)
 * takes what Kith sends, the private Dovecot holds the account's Sent folder, and the account is
 * added through Kith into the evolution-data-server registry of the private session
 * (build-aux/test-session), as a user would.
 */

#include "kith-mail-compose.h"
#include "kith-test-mail.h"
#include "kith-test-send.h"

#define ALIAS "lettings@agency.example"

/* The servers and Ann; each test adds the account it needs with add_account() */
static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  if (!fixture_start (f))
    return;
  kith_store_set_clock (f->t->store, NULL, NULL);   /* mail dates are real */
  f->ann = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\", \"emails\": [{\"value\": \"ann@example.com\"}]}");
}

/* The account, added through Kith, with @aliases on its identity, synced once: the store
 * knows the user's addresses */
static void
add_account (Fixture    *f,
             const char *aliases)
{
  g_autoptr(GError) error = NULL;
  const char *domains[] = { "agency.example", NULL };

  fixture_add_account (f);
  g_assert_true (kith_store_mail_account_set_domains (f->t->store, f->account, domains, &error));

  if (aliases != NULL)
    {
      g_autoptr(ESource) account = e_source_registry_ref_source (f->registry, f->account);
      g_autoptr(ESource) identity = e_source_registry_ref_source (f->registry, e_source_mail_account_get_identity_uid (
                                                                    e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT)));

      e_source_mail_identity_set_aliases (e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY), aliases);
      g_assert_true (e_source_write_sync (identity, NULL, &error));
      g_assert_no_error (error);
    }

  fixture_sync_account (f);
}

static KithOutgoing *
outgoing_new (Fixture    *f,
              const char *subject)
{
  KithOutgoing *msg = kith_outgoing_new ();
  const char *to[] = { "Ann Lee <ann@example.com>", NULL };

  kith_outgoing_set_account (msg, f->account);
  kith_outgoing_set_from_address (msg, ME);
  kith_outgoing_set_from_name (msg, "Alice Agent");
  kith_outgoing_set_to (msg, to);
  kith_outgoing_set_subject (msg, subject);
  kith_outgoing_set_body_text (msg, "Hello Ann,\nthe viewing is on Saturday at ten.\n");

  return msg;
}

/* Saves @msg as a draft and queues it with @delay; returns its id */
static gint64
queue_message (Fixture      *f,
               KithOutgoing *msg,
               guint         delay)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_outgoing_save (f->t->store, msg, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (kith_store_outgoing_queue (f->t->store, id, delay, &error));
  g_assert_no_error (error);

  return id;
}

static KithTestSmtpMessage *
received (Fixture *f,
          guint    n)
{
  g_autoptr(GPtrArray) all = kith_test_smtp_received (f->smtp);

  g_assert_cmpuint (all->len, >, n);
  return g_ptr_array_steal_index (all, n);
}

static CamelMimeMessage *
parse (KithTestSmtpMessage *m)
{
  gsize len;
  const char *data = g_bytes_get_data (m->data, &len);

  return kith_test_mail_parse (data, len);
}

static guint
timeline_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = kith_test_get_timeline (f->t->store, f->ann, 0, 100, &error);

  g_assert_no_error (error);
  return json_array_get_length (items);
}

static void
test_plain_and_formatted (Fixture       *f,
                          gconstpointer  data)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\x80 a floor plan\n";
  g_autofree char *plan = NULL;
  g_autoptr(KithOutgoing) plain = NULL;
  g_autoptr(KithOutgoing) formatted = NULL;
  g_autoptr(KithOutgoing) sent = NULL;
  g_autoptr(KithTestSmtpMessage) first = NULL;
  g_autoptr(KithTestSmtpMessage) second = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(CamelMimeMessage) rich = NULL;
  g_autoptr(GBytes) attached = NULL;
  g_autoptr(GBytes) expected = g_bytes_new (binary, sizeof binary - 1);
  g_autoptr(GPtrArray) outgoing = NULL;
  g_autoptr(GError) error = NULL;
  const char *bcc[] = { "boss@agency.example", NULL };
  const char *paths[2] = { NULL, NULL };
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *wire_id = NULL;
  CamelMultipart *mixed, *alternative;
  gint64 id;

  add_account (f, NULL);
  plan = g_build_filename (f->t->dir, "floor plan.png", NULL);
  g_assert_true (g_file_set_contents (plan, binary, sizeof binary - 1, &error));
  paths[0] = plan;

  plain = outgoing_new (f, "Viewing on Saturday");
  kith_outgoing_set_bcc (plain, bcc);
  id = queue_message (f, plain, 0);
  formatted = outgoing_new (f, "The floor plan");
  kith_outgoing_set_body_text (formatted, "The plan is *attached*.\n");
  kith_outgoing_set_body_html (formatted, "<p>The plan is <b>attached</b>.</p>");
  kith_outgoing_set_attachments (formatted, paths);
  queue_message (f, formatted, 0);
  flush (f);
  g_assert_true (kith_test_smtp_wait_received (f->smtp, 2, WAIT_MS));

  first = received (f, 0);
  g_assert_cmpstr (first->mail_from, ==, ME);
  g_assert_cmpuint (g_strv_length (first->rcpt_to), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) first->rcpt_to, "ann@example.com"));
  g_assert_true (g_strv_contains ((const char * const *) first->rcpt_to, "boss@agency.example"));
  message = parse (first);
  g_assert_cmpstr (camel_mime_message_get_subject (message), ==, "Viewing on Saturday");
  g_assert_null (camel_medium_get_header (CAMEL_MEDIUM (message), "Bcc"));
  g_assert_true (kith_test_mail_type_is (CAMEL_MIME_PART (message), "text", "plain"));
  text = kith_test_mail_part_text (CAMEL_MIME_PART (message));
  g_assert_cmpstr (text, ==, "Hello Ann,\nthe viewing is on Saturday at ten.\n");
  sent = get (f, id);
  g_assert_cmpint (kith_outgoing_get_state (sent), ==, KITH_OUTGOING_SENT);
  wire_id = g_strdup_printf ("<%s>", camel_mime_message_get_message_id (message));
  g_assert_cmpstr (wire_id, ==, kith_outgoing_get_message_id (sent));

  second = received (f, 1);
  rich = parse (second);
  g_assert_true (kith_test_mail_type_is (CAMEL_MIME_PART (rich), "multipart", "mixed"));
  mixed = CAMEL_MULTIPART (camel_medium_get_content (CAMEL_MEDIUM (rich)));
  g_assert_cmpuint (camel_multipart_get_number (mixed), ==, 2);
  g_assert_true (kith_test_mail_type_is (camel_multipart_get_part (mixed, 0), "multipart", "alternative"));
  alternative = CAMEL_MULTIPART (camel_medium_get_content (CAMEL_MEDIUM (camel_multipart_get_part (mixed, 0))));
  g_clear_pointer (&text, g_free);
  text = kith_test_mail_part_text (camel_multipart_get_part (alternative, 0));
  html = kith_test_mail_part_text (camel_multipart_get_part (alternative, 1));
  g_assert_cmpstr (text, ==, "The plan is *attached*.\n");
  /* The line end the last line gets on the wire */
  g_assert_cmpstr (g_strchomp (html), ==, "<p>The plan is <b>attached</b>.</p>");
  g_assert_cmpstr (camel_mime_part_get_filename (camel_multipart_get_part (mixed, 1)), ==, "floor plan.png");
  attached = kith_test_mail_part_bytes (camel_multipart_get_part (mixed, 1));
  g_assert_true (g_bytes_equal (attached, expected));

  /* Filed and logged, the message keeps no copy of its attachment in Kith's data dir; the
   * user's own file is untouched */
  outgoing = kith_store_outgoing_list (f->t->store, KITH_OUTGOING_MASK (KITH_OUTGOING_SENT), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outgoing->len, ==, 2);
  for (guint i = 0; i < outgoing->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, kith_outgoing_get_id (outgoing->pdata[i]));
      g_autofree char *copies = g_build_filename (f->t->dir, "files", "outgoing", name, NULL);

      g_assert_false (g_file_test (copies, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (plan, G_FILE_TEST_IS_REGULAR));
}

static void
test_reply_headers_and_alias (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(KithOutgoing) msg = NULL;
  g_autoptr(KithTestSmtpMessage) m = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autofree char *in_reply_to = NULL;
  g_autofree char *references = NULL;
  const char *name = NULL, *address = NULL;

  add_account (f, "Agency Lettings <" ALIAS ">");

  msg = outgoing_new (f, "Re: Viewing on Saturday");
  kith_outgoing_set_from_address (msg, ALIAS);
  kith_outgoing_set_from_name (msg, "Agency Lettings");
  kith_outgoing_set_in_reply_to (msg, "<ann.2@example.com>");
  kith_outgoing_set_references (msg, "<root.1@agency.example> <ann.2@example.com>");
  queue_message (f, msg, 0);
  flush (f);
  g_assert_true (kith_test_smtp_wait_received (f->smtp, 1, WAIT_MS));

  m = received (f, 0);
  g_assert_cmpstr (m->mail_from, ==, ALIAS);
  message = parse (m);
  g_assert_true (camel_internet_address_get (camel_mime_message_get_from (message), 0, &name, &address));
  g_assert_cmpstr (name, ==, "Agency Lettings");
  g_assert_cmpstr (address, ==, ALIAS);
  in_reply_to = g_strstrip (g_strdup (camel_medium_get_header (CAMEL_MEDIUM (message), "In-Reply-To")));
  references = g_strstrip (g_strdup (camel_medium_get_header (CAMEL_MEDIUM (message), "References")));
  g_assert_cmpstr (in_reply_to, ==, "<ann.2@example.com>");
  g_assert_cmpstr (references, ==, "<root.1@agency.example> <ann.2@example.com>");

  /* From an alias, it is the user's: outbound on Ann's timeline */
  g_assert_cmpuint (timeline_count (f), ==, 1);
}

static void
test_sent_copy_and_timeline_once (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(KithOutgoing) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;

  add_account (f, NULL);
  g_assert_cmpuint (timeline_count (f), ==, 0);

  msg = outgoing_new (f, "Viewing on Saturday");
  queue_message (f, msg, 0);
  flush (f);
  g_assert_true (kith_test_smtp_wait_received (f->smtp, 1, WAIT_MS));

  /* Filed in Sent on the server, and on Ann's timeline at once, outbound */
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Sent"), ==, 1);
  items = kith_test_get_timeline (f->t->store, f->ann, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "direction"), ==, "outbound");

  /* Capture finds the copy in Sent: the same message, not logged again */
  g_assert_true (kith_mail_capture_sync_account (f->capture, f->account, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (timeline_count (f), ==, 1);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KithOutgoing) msg = NULL;
  g_autoptr(KithOutgoing) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_account (f, NULL);
  kith_mail_sender_start (f->sender);

  msg = outgoing_new (f, "Sent by mistake");
  id = queue_message (f, msg, 2);
  g_assert_true (kith_store_outgoing_unqueue (f->t->store, id, &error));
  g_assert_no_error (error);

  /* Well past the delay: nothing left */
  g_assert_false (kith_test_smtp_wait_received (f->smtp, 1, 4000));
  flush (f);
  g_assert_false (kith_test_smtp_wait_received (f->smtp, 1, 500));
  after = get (f, id);
  g_assert_cmpint (kith_outgoing_get_state (after), ==, KITH_OUTGOING_DRAFT);
}

/* The message @id as it would have been sent, written into the Sent folder as a server that
 * files what it sends (or an append just before a crash) would have it */
static void
file_in_sent (Fixture *f,
              gint64   id)
{
  g_autoptr(KithOutgoing) msg = get (f, id);
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelMimeMessage) message = kith_mail_compose_message (msg, &error);
  g_autoptr(GByteArray) bytes = NULL;

  g_assert_no_error (error);
  bytes = kith_test_mail_write (message);
  g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", "Sent", (const char *) bytes->data, "S", &error));
  g_assert_no_error (error);
}

static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KithOutgoing) left = NULL;
  g_autoptr(KithOutgoing) cut = NULL;
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autoptr(KithOutgoing) after = NULL;
  g_autoptr(KithTestSmtpMessage) m = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sent_id, cut_id;

  add_account (f, NULL);

  /* Two messages a crash left `sending`: one had left (it is in Sent), one had not */
  left = outgoing_new (f, "Left before the crash");
  sent_id = queue_message (f, left, 0);
  cut = outgoing_new (f, "Cut off by the crash");
  cut_id = queue_message (f, cut, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&claimed);
      claimed = kith_store_outgoing_claim (f->t->store, kith_store_now (f->t->store) * 1000, &error);
      g_assert_no_error (error);
      g_assert_nonnull (claimed);
    }
  file_in_sent (f, sent_id);

  flush (f);
  g_assert_true (kith_test_smtp_wait_received (f->smtp, 1, WAIT_MS));
  g_assert_false (kith_test_smtp_wait_received (f->smtp, 2, 1000));

  m = received (f, 0);
  message = parse (m);
  g_assert_cmpstr (camel_mime_message_get_subject (message), ==, "Cut off by the crash");
  after = get (f, sent_id);
  g_assert_cmpint (kith_outgoing_get_state (after), ==, KITH_OUTGOING_SENT);
  g_clear_object (&after);
  after = get (f, cut_id);
  g_assert_cmpint (kith_outgoing_get_state (after), ==, KITH_OUTGOING_SENT);
}

/* STARTTLS set and the server does not offer it: nothing goes in clear, and the message fails
 * saying why */
static void
test_starttls_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KithOutgoing) msg = NULL;
  g_autoptr(KithOutgoing) after = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *events = NULL;
  gint64 id;

  add_account (f, NULL);
  require_starttls (f);
  kith_test_smtp_set_fault (f->smtp, "no-starttls");

  msg = outgoing_new (f, "Not in clear");
  id = queue_message (f, msg, 0);
  flush (f);

  after = get (f, id);
  g_assert_cmpint (kith_outgoing_get_state (after), ==, KITH_OUTGOING_FAILED);
  g_assert_nonnull (strstr (kith_outgoing_get_error (after), "STARTTLS"));
  all = kith_test_smtp_received (f->smtp);
  g_assert_cmpuint (all->len, ==, 0);
  events = kith_test_smtp_get_events (f->smtp);
  g_assert_nonnull (strstr (events, "connect"));
  g_assert_null (strstr (events, "mail "));
}

/* The server cannot be reached: the message waits 30 s, 2 min, 10 min, 30 min, then an hour
 * between tries, each with the reason, and is never given up on. The store's clock is moved
 * past each wait rather than waited for. */
static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  static const gint64 steps[] = { 30, 2 * 60, 10 * 60, 30 * 60, 60 * 60, 60 * 60 };
  g_autoptr(KithOutgoing) msg = NULL;
  g_autofree char *where = NULL;
  gint64 id;

  add_account (f, NULL);
  where = g_strdup_printf ("127.0.0.1:%u", kith_test_smtp_get_port (f->smtp));
  g_clear_pointer (&f->smtp, kith_test_smtp_stop);
  f->t->now = g_get_real_time () / 1000;
  kith_store_set_clock (f->t->store, kith_test_clock, f->t);

  msg = outgoing_new (f, "Nobody listens");
  id = queue_message (f, msg, 0);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(KithOutgoing) waiting = NULL;

      flush (f);
      waiting = get (f, id);
      g_assert_cmpint (kith_outgoing_get_state (waiting), ==, KITH_OUTGOING_QUEUED);
      g_assert_cmpuint (kith_outgoing_get_attempts (waiting), ==, i + 1);
      g_assert_cmpint (kith_outgoing_get_send_after (waiting) - f->t->now * 1000, ==, steps[i] * G_USEC_PER_SEC);
      g_assert_nonnull (strstr (kith_outgoing_get_error (waiting), where));

      /* Not before its time */
      flush (f);
      g_clear_object (&waiting);
      waiting = get (f, id);
      g_assert_cmpuint (kith_outgoing_get_attempts (waiting), ==, i + 1);
      f->t->now = kith_outgoing_get_send_after (waiting) / 1000;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Camel warns about what it meets on the wire; that must not abort the tests */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, fixture_tear_down)
  ADD ("/mail/send/plain-and-formatted", test_plain_and_formatted);
  ADD ("/mail/send/reply-headers-and-alias", test_reply_headers_and_alias);
  ADD ("/mail/send/sent-copy-and-timeline-once", test_sent_copy_and_timeline_once);
  ADD ("/mail/send/undo", test_undo);
  ADD ("/mail/send/recovery", test_recovery);
  ADD ("/mail/send/starttls-refused", test_starttls_refused);
  ADD ("/mail/send/backoff", test_backoff);
#undef ADD

  return g_test_run ();
}
