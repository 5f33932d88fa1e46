/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The SMTP listener the sending tests use (kith-test-smtp.c, smtp-listener.py), proved with a
 * plain SMTP client written here on GSocketClient and GTlsClientConnection: a message goes in and
 * comes back as it was sent, and each fault shows on the wire as the header says. */

#include "kith-test-smtp.h"

#include <string.h>

#define WAIT_MS 5000

/* A client */

typedef struct {
  GSocketConnection *socket;
  GIOStream         *stream;  /* the socket, or the TLS connection over it after STARTTLS */
  GDataInputStream  *in;
} Client;

static void
client_free (Client *client)
{
  g_io_stream_close (client->stream, NULL, NULL);
  g_clear_object (&client->in);
  g_clear_object (&client->stream);
  g_clear_object (&client->socket);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static void
client_use_stream (Client    *client,
                   GIOStream *stream)
{
  g_set_object (&client->stream, stream);
  g_clear_object (&client->in);
  client->in = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  /* The plain stream stays open under TLS after STARTTLS */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (client->in), FALSE);
  g_data_input_stream_set_newline_type (client->in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
}

/* Reads one reply, all its lines ("250-…" continue it); returns its code, or 0 when the
 * connection closed first. text gets the lines' text after their codes, one a line. */
static guint
client_reply (Client  *client,
              char   **text)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  while (TRUE)
    {
      g_autofree char *line = g_data_input_stream_read_line (client->in, NULL, NULL, NULL);

      if (line == NULL)
        return 0;
      g_assert_cmpuint (strlen (line), >=, 3);
      g_string_append_printf (lines, "%s\n", line[3] != '\0' ? line + 4 : "");
      if (line[3] != '-')
        {
          if (text != NULL)
            *text = g_string_free (g_steal_pointer (&lines), FALSE);
          return (guint) g_ascii_strtoull (line, NULL, 10);
        }
    }
}

/* Sends text as it is; FALSE when the connection is closed */
static gboolean
client_write (Client     *client,
              const char *text)
{
  GOutputStream *out = g_io_stream_get_output_stream (client->stream);

  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

static guint
client_command (Client     *client,
                const char *command,
                char      **text)
{
  g_autofree char *line = g_strconcat (command, "\r\n", NULL);

  if (!client_write (client, line))
    return 0;
  return client_reply (client, text);
}

static Client *
client_connect (KithTestSmtp *smtp)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1",
                                                                            kith_test_smtp_get_port (smtp));
  g_autoptr(GError) error = NULL;
  Client *client = g_new0 (Client, 1);

  g_socket_client_set_timeout (socket_client, 10);
  client->socket = g_socket_client_connect (socket_client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  client_use_stream (client, G_IO_STREAM (client->socket));
  g_assert_cmpuint (client_reply (client, NULL), ==, 220);

  return client;
}

/* EHLO; whether STARTTLS was offered */
static gboolean
client_ehlo (Client *client)
{
  g_autofree char *text = NULL;

  g_assert_cmpuint (client_command (client, "EHLO client.example.com", &text), ==, 250);
  return strstr (text, "STARTTLS\n") != NULL;
}

/* STARTTLS, trusting only the listener's own certificate, then EHLO again */
static void
client_starttls (Client       *client,
                 KithTestSmtp *smtp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) trusted = g_tls_file_database_new (kith_test_smtp_get_certificate_path (smtp), &error);
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("localhost", kith_test_smtp_get_port (smtp));
  g_autoptr(GIOStream) tls = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (client_command (client, "STARTTLS", NULL), ==, 220);
  tls = g_tls_client_connection_new (G_IO_STREAM (client->socket), identity, &error);
  g_assert_no_error (error);
  g_tls_connection_set_database (G_TLS_CONNECTION (tls), trusted);
  g_assert_true (g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, &error));
  g_assert_no_error (error);
  client_use_stream (client, tls);
  g_assert_false (client_ehlo (client));
}

/* A client over TLS, authenticated with AUTH PLAIN */
static Client *
client_connect_tls (KithTestSmtp *smtp)
{
  Client *client = client_connect (smtp);
  g_autofree char *credentials = g_strdup_printf ("%c%s%c%s", '\0', KITH_TEST_SMTP_USER, '\0',
                                                  KITH_TEST_SMTP_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials,
                                              2 + strlen (KITH_TEST_SMTP_USER) + strlen (KITH_TEST_SMTP_PASSWORD));
  g_autofree char *auth = g_strdup_printf ("AUTH PLAIN %s", encoded);

  g_assert_true (client_ehlo (client));
  client_starttls (client, smtp);
  g_assert_cmpuint (client_command (client, auth, NULL), ==, 235);

  return client;
}

/* MAIL, RCPT for each, DATA and the message (ending in CRLF); the reply to the end of DATA (0: the connection
 * closed), its text in text. Recipients refused are left out as a real client would. */
static guint
client_send (Client             *client,
             const char         *from,
             const char * const *to,
             const char         *message,
             char              **text)
{
  g_autofree char *mail = g_strdup_printf ("MAIL FROM:<%s>", from);
  g_autofree char *stuffed = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = g_strsplit (message, "\r\n", -1);
  guint accepted = 0;

  g_assert_true (g_str_has_suffix (message, "\r\n"));
  g_assert_cmpuint (client_command (client, mail, NULL), ==, 250);
  for (guint i = 0; to[i] != NULL; i++)
    {
      g_autofree char *rcpt = g_strdup_printf ("RCPT TO:<%s>", to[i]);

      if (client_command (client, rcpt, NULL) == 250)
        accepted++;
    }
  g_assert_cmpuint (accepted, >, 0);
  g_assert_cmpuint (client_command (client, "DATA", NULL), ==, 354);

  /* Dot-stuffing (RFC 5321 4.5.2): the listener must undo it */
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '.')
      {
        g_autofree char *line = lines[i];

        lines[i] = g_strconcat (".", line, NULL);
      }
  stuffed = g_strjoinv ("\r\n", lines);
  data = g_strconcat (stuffed, ".", NULL);
  return client_command (client, data, text);
}

/* The fixture */

static KithTestSmtp *
start_or_skip (void)
{
  g_autoptr(GError) error = NULL;
  KithTestSmtp *smtp = kith_test_smtp_start (&error);

  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);
  return smtp;
}

static const char *const TO_BOB[] = { "bob@example.com", NULL };

#define MESSAGE(subject) \
  "From: ann@example.com\r\nTo: bob@example.com\r\nSubject: " subject "\r\n\r\nHello\r\n"

static guint
received_count (KithTestSmtp *smtp)
{
  g_autoptr(GPtrArray) received = kith_test_smtp_received (smtp);

  return received->len;
}

static void
assert_subject (KithTestSmtpMessage *message,
                const char          *subject)
{
  g_autofree char *header = g_strdup_printf ("Subject: %s\r\n", subject);
  gsize size = 0;
  const char *data = g_bytes_get_data (message->data, &size);

  g_assert_nonnull (g_strstr_len (data, size, header));
}

static void
test_accepts_and_reads_back (void)
{
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) client = NULL;
  g_autoptr(GPtrArray) received = NULL;
  const char *to[] = { "bob@example.com", "Carol@Example.com", NULL };
  const char *message = "From: Ann <ann@example.com>\r\nTo: bob@example.com\r\nSubject: Hi\r\n\r\n"
                        ".a line that starts with a dot\r\n..and two\r\n\xc3\xa9t\xc3\xa9\r\n";
  g_autoptr(GBytes) expected = g_bytes_new (message, strlen (message));
  KithTestSmtpMessage *got;

  if (smtp == NULL)
    return;
  client = client_connect_tls (smtp);
  g_assert_cmpuint (client_send (client, "ann@example.com", to, message, NULL), ==, 250);
  g_assert_true (kith_test_smtp_wait_received (smtp, 1, WAIT_MS));

  received = kith_test_smtp_received (smtp);
  g_assert_cmpuint (received->len, ==, 1);
  got = received->pdata[0];
  g_assert_cmpstr (got->mail_from, ==, "ann@example.com");
  g_assert_cmpstrv (got->rcpt_to, to);
  g_assert_true (got->tls);
  g_assert_cmpstr (got->auth_user, ==, KITH_TEST_SMTP_USER);
  g_assert_true (g_bytes_equal (got->data, expected));
}

static void
test_auth (void)
{
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) clear = NULL;
  g_autoptr(Client) tls = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *plain_wrong = NULL;

  if (smtp == NULL)
    return;

  /* Never in clear: credentials are not to be sent unencrypted */
  clear = client_connect (smtp);
  g_assert_true (client_ehlo (clear));
  g_assert_cmpuint (client_command (clear, "AUTH LOGIN", NULL), ==, 538);

  /* AUTH LOGIN over TLS; a wrong password is refused */
  tls = client_connect (smtp);
  g_assert_true (client_ehlo (tls));
  client_starttls (tls, smtp);
  wrong = g_base64_encode ((const guchar *) "\0" KITH_TEST_SMTP_USER "\0nope",
                           strlen (KITH_TEST_SMTP_USER) + 6);
  plain_wrong = g_strdup_printf ("AUTH PLAIN %s", wrong);
  g_assert_cmpuint (client_command (tls, plain_wrong, NULL), ==, 535);
  user = g_base64_encode ((const guchar *) KITH_TEST_SMTP_USER, strlen (KITH_TEST_SMTP_USER));
  password = g_base64_encode ((const guchar *) KITH_TEST_SMTP_PASSWORD, strlen (KITH_TEST_SMTP_PASSWORD));
  g_assert_cmpuint (client_command (tls, "AUTH LOGIN", NULL), ==, 334);
  g_assert_cmpuint (client_command (tls, user, NULL), ==, 334);
  g_assert_cmpuint (client_command (tls, password, NULL), ==, 235);
  g_assert_cmpuint (client_send (tls, "ann@example.com", TO_BOB, MESSAGE ("Login"), NULL), ==, 250);
  g_assert_true (kith_test_smtp_wait_received (smtp, 1, WAIT_MS));
}

/* A message sent without STARTTLS is recorded as such: what "nothing sent in clear" is judged by */
static void
test_clear_recorded (void)
{
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) client = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *events = NULL;
  KithTestSmtpMessage *got;

  if (smtp == NULL)
    return;
  client = client_connect (smtp);
  g_assert_true (client_ehlo (client));
  g_assert_cmpuint (client_send (client, "ann@example.com", TO_BOB, MESSAGE ("Clear"), NULL), ==, 250);
  g_assert_true (kith_test_smtp_wait_received (smtp, 1, WAIT_MS));

  received = kith_test_smtp_received (smtp);
  got = received->pdata[0];
  g_assert_false (got->tls);
  g_assert_null (got->auth_user);
  events = kith_test_smtp_get_events (smtp);
  g_assert_nonnull (strstr (events, "mail tls=no\n"));
}

static void
test_tempfail (void)
{
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) client = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *text = NULL;

  if (smtp == NULL)
    return;
  client = client_connect_tls (smtp);
  /* Counted from the call on: one message before it does not count */
  g_assert_cmpuint (client_send (client, "ann@example.com", TO_BOB, MESSAGE ("0"), NULL), ==, 250);
  kith_test_smtp_set_fault (smtp, "tempfail:2");
  g_assert_cmpuint (client_send (client, "ann@example.com", TO_BOB, MESSAGE ("1"), NULL), ==, 250);
  g_assert_cmpuint (client_send (client, "ann@example.com", TO_BOB, MESSAGE ("2"), &text), ==, 451);
  g_assert_nonnull (strstr (text, "try again"));
  /* Once only: the retry goes through */
  g_assert_cmpuint (client_send (client, "ann@example.com", TO_BOB, MESSAGE ("2"), NULL), ==, 250);
  g_assert_true (kith_test_smtp_wait_received (smtp, 3, WAIT_MS));

  received = kith_test_smtp_received (smtp);
  g_assert_cmpuint (received->len, ==, 3);
  assert_subject (received->pdata[0], "0");
  assert_subject (received->pdata[1], "1");
  assert_subject (received->pdata[2], "2");
}

/* A fault that hits one message and closes its connection: "busy" (421) or "drop-after-data"
 * (no reply at all); nothing is recorded, and the next message goes through */
typedef struct {
  const char *fault;
  guint       reply;  /* 0: the connection closes with no reply */
} OnceFault;

static const OnceFault BUSY = { "busy:1", 421 };
static const OnceFault DROP_AFTER_DATA = { "drop-after-data", 0 };

static void
test_once_then_closed (gconstpointer data)
{
  const OnceFault *once = data;
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) client = NULL;
  g_autoptr(Client) again = NULL;
  g_autofree char *events = NULL;
  g_autofree char *logged = NULL;

  if (smtp == NULL)
    return;
  kith_test_smtp_set_fault (smtp, once->fault);
  client = client_connect_tls (smtp);
  g_assert_cmpuint (client_send (client, "ann@example.com", TO_BOB, MESSAGE ("1"), NULL), ==, once->reply);
  g_assert_cmpuint (client_command (client, "NOOP", NULL), ==, 0);
  g_assert_cmpuint (received_count (smtp), ==, 0);
  events = kith_test_smtp_get_events (smtp);
  logged = g_strdup_printf ("fault %.*s\n", (int) strcspn (once->fault, ":"), once->fault);
  g_assert_nonnull (strstr (events, logged));

  again = client_connect_tls (smtp);
  g_assert_cmpuint (client_send (again, "ann@example.com", TO_BOB, MESSAGE ("1"), NULL), ==, 250);
  g_assert_true (kith_test_smtp_wait_received (smtp, 1, WAIT_MS));
}

static void
test_reject_recipient (void)
{
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) client = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *text = NULL;
  const char *to[] = { "carol@example.com", NULL };
  const char *expected[] = { "carol@example.com", NULL };

  if (smtp == NULL)
    return;
  kith_test_smtp_set_fault (smtp, "reject:Bob@Example.com");
  client = client_connect_tls (smtp);
  g_assert_cmpuint (client_command (client, "MAIL FROM:<ann@example.com>", NULL), ==, 250);
  g_assert_cmpuint (client_command (client, "RCPT TO:<bob@example.com>", &text), ==, 550);
  g_assert_nonnull (strstr (text, "bob@example.com"));
  g_assert_cmpuint (client_command (client, "RCPT TO:<carol@example.com>", NULL), ==, 250);
  g_assert_cmpuint (client_command (client, "RSET", NULL), ==, 250);

  /* Still set for the next message; the others go through */
  g_assert_cmpuint (client_send (client, "ann@example.com", (const char *const[]) { "bob@example.com", "carol@example.com", NULL },
                                 MESSAGE ("Two"), NULL), ==, 250);
  g_assert_cmpuint (client_send (client, "ann@example.com", to, MESSAGE ("One"), NULL), ==, 250);
  g_assert_true (kith_test_smtp_wait_received (smtp, 2, WAIT_MS));
  received = kith_test_smtp_received (smtp);
  g_assert_cmpstrv (((KithTestSmtpMessage *) received->pdata[0])->rcpt_to, expected);
}

static void
test_no_starttls (void)
{
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) client = NULL;
  g_autoptr(Client) later = NULL;
  g_autofree char *events = NULL;

  if (smtp == NULL)
    return;
  kith_test_smtp_set_fault (smtp, "no-starttls");
  client = client_connect (smtp);
  g_assert_false (client_ehlo (client));
  g_assert_cmpuint (client_command (client, "STARTTLS", NULL), ==, 454);
  /* Nor AUTH, which is offered over TLS only */
  g_assert_cmpuint (client_command (client, "AUTH PLAIN", NULL), ==, 538);
  events = kith_test_smtp_get_events (smtp);
  g_assert_nonnull (strstr (events, "fault no-starttls\n"));
  g_assert_null (strstr (events, "mail "));

  kith_test_smtp_set_fault (smtp, "none");
  later = client_connect (smtp);
  g_assert_true (client_ehlo (later));
}

static void
test_hold (void)
{
  g_autoptr(KithTestSmtp) smtp = start_or_skip ();
  g_autoptr(Client) client = NULL;
  g_autoptr(Client) gone = NULL;
  g_autoptr(GPtrArray) received = NULL;

  if (smtp == NULL)
    return;
  kith_test_smtp_set_fault (smtp, "hold");

  /* A client that goes away while its message is held has nothing recorded */
  gone = client_connect_tls (smtp);
  g_assert_true (client_write (gone, "MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                                     MESSAGE ("Gone") ".\r\n"));
  g_assert_true (kith_test_smtp_wait_held (smtp, 1, WAIT_MS));
  g_clear_pointer (&gone, client_free);
  /* The listener lets it go once it sees the connection closed */
  g_assert_true (kith_test_smtp_wait_held (smtp, 0, WAIT_MS));
  g_assert_cmpuint (received_count (smtp), ==, 0);

  /* One that waits gets its 250 once released */
  client = client_connect_tls (smtp);
  g_assert_cmpuint (client_command (client, "MAIL FROM:<ann@example.com>", NULL), ==, 250);
  g_assert_cmpuint (client_command (client, "RCPT TO:<bob@example.com>", NULL), ==, 250);
  g_assert_cmpuint (client_command (client, "DATA", NULL), ==, 354);
  g_assert_true (client_write (client, MESSAGE ("Held") ".\r\n"));
  g_assert_true (kith_test_smtp_wait_held (smtp, 1, WAIT_MS));
  g_assert_cmpuint (received_count (smtp), ==, 0);
  kith_test_smtp_release (smtp);
  g_assert_cmpuint (client_reply (client, NULL), ==, 250);
  received = kith_test_smtp_received (smtp);
  g_assert_cmpuint (received->len, ==, 1);
  assert_subject (received->pdata[0], "Held");
}

/* Stopped, nothing listens on its port and its folder is gone */
static void
test_stop (void)
{
  g_autoptr(GError) error = NULL;
  KithTestSmtp *smtp = start_or_skip ();
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *dir = NULL;

  if (smtp == NULL)
    return;
  address = g_inet_socket_address_new_from_string ("127.0.0.1", kith_test_smtp_get_port (smtp));
  dir = g_path_get_dirname (kith_test_smtp_get_certificate_path (smtp));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  kith_test_smtp_stop (smtp);

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  connection = g_socket_client_connect (socket_client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/smtp/accepts-and-reads-back", test_accepts_and_reads_back);
  g_test_add_func ("/smtp/auth", test_auth);
  g_test_add_func ("/smtp/clear-recorded", test_clear_recorded);
  g_test_add_func ("/smtp/fault/tempfail", test_tempfail);
  g_test_add_data_func ("/smtp/fault/busy", &BUSY, test_once_then_closed);
  g_test_add_func ("/smtp/fault/reject-recipient", test_reject_recipient);
  g_test_add_data_func ("/smtp/fault/drop-after-data", &DROP_AFTER_DATA, test_once_then_closed);
  g_test_add_func ("/smtp/fault/no-starttls", test_no_starttls);
  g_test_add_func ("/smtp/fault/hold", test_hold);
  g_test_add_func ("/smtp/stop", test_stop);

  return g_test_run ();
}
