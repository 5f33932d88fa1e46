/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include "kith-test-dovecot.h"

/* A raw IMAP conversation, one line at a time */
typedef struct {
  GSocketConnection *connection;
  GDataInputStream  *in;
} Imap;

static void
imap_free (Imap *imap)
{
  g_io_stream_close (G_IO_STREAM (imap->connection), NULL, NULL);
  g_object_unref (imap->in);
  g_object_unref (imap->connection);
  g_free (imap);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Imap, imap_free)

static Imap *
imap_connect (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  g_autoptr(GError) error = NULL;
  g_autofree char *greeting = NULL;
  Imap *imap = g_new0 (Imap, 1);

  g_socket_client_set_timeout (client, 10);
  imap->connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  imap->in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (imap->connection)));
  g_data_input_stream_set_newline_type (imap->in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);

  greeting = g_data_input_stream_read_line (imap->in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (greeting, "* OK"));

  return imap;
}

/* Sends "tag command", returns every line of the answer up to the tagged one, which must be OK;
 * with a time limit (seconds > 0), the whole answer must come within it */
static char *
imap_command_within (Imap       *imap,
                     const char *tag,
                     const char *command,
                     guint       seconds)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (imap->connection));
  g_autofree char *request = g_strdup_printf ("%s %s\r\n", tag, command);
  g_autofree char *tagged = g_strdup_printf ("%s ", tag);
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 deadline = seconds > 0 ? g_get_monotonic_time () + seconds * G_USEC_PER_SEC : G_MAXINT64;

  if (seconds > 0)
    g_socket_set_timeout (g_socket_connection_get_socket (imap->connection), seconds);
  g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  while (TRUE)
    {
      g_autofree char *line = g_data_input_stream_read_line (imap->in, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_string_append_printf (answer, "%s\n", line);
      if (g_str_has_prefix (line, tagged))
        {
          g_test_message ("%s%s", request, answer->str);
          g_assert_true (g_str_has_prefix (line + strlen (tagged), "OK"));
          break;
        }
    }

  return g_string_free (g_steal_pointer (&answer), FALSE);
}

static char *
imap_command (Imap       *imap,
              const char *tag,
              const char *command)
{
  return imap_command_within (imap, tag, command, 0);
}

static Imap *
imap_login (guint       port,
            const char *user,
            const char *password)
{
  g_autoptr(Imap) imap = imap_connect (port);
  g_autofree char *command = g_strdup_printf ("LOGIN %s %s", user, password);
  g_autofree char *answer = imap_command (imap, "a", command);

  return g_steal_pointer (&imap);
}

/* The server went away, maybe with a "* BYE": end of stream or a reset, not a wait for an answer
 * that never comes */
static void
imap_assert_closed (Imap *imap)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  while ((line = g_data_input_stream_read_line (imap->in, NULL, NULL, &error)) != NULL)
    {
      g_test_message ("%s", line);
      g_assert_true (g_str_has_prefix (line, "* BYE "));
      g_clear_pointer (&line, g_free);
    }
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
}

static KithTestDovecot *
start_or_skip (void)
{
  static const char * const users[] = { "alice:alicepw", "bob:bobpw", NULL };
  g_autoptr(GError) error = NULL;
  KithTestDovecot *dovecot = kith_test_dovecot_start (users, &error);

  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);
  g_assert_nonnull (dovecot);
  g_assert_cmpuint (kith_test_dovecot_get_port (dovecot), >, 0);

  return dovecot;
}

static void
deliver (KithTestDovecot *dovecot,
         const char      *user,
         const char      *folder,
         const char      *message_id,
         const char      *flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = g_strdup_printf ("About %s", message_id);
  g_autofree char *message = kith_test_mail_message ("Hans <hans@example.org>", "Alice <alice@example.org>",
                                                     NULL, subject, message_id, NULL, NULL,
                                                     1700000000, "Hello,\nsee you.\n");

  kith_test_dovecot_deliver (dovecot, user, folder, message, flags, &error);
  g_assert_no_error (error);
}

static void
test_message (void)
{
  const char *subject = "Grüße aus Köln – the long way round, with a subject that needs more than one word";
  g_autofree char *message = kith_test_mail_message ("Jörg <joerg@example.org>", "alice@example.org",
                                                     "carol@example.org", subject, "abc@kith.test",
                                                     "<parent@kith.test>", "root@kith.test <parent@kith.test>",
                                                     1700000000, "Hello\nworld\r\nbye");
  g_autofree char *plain = kith_test_mail_message ("a@example.org", "b@example.org", NULL, "Hi", "<x@y>",
                                                   NULL, NULL, 0, "");
  g_autoptr(GString) decoded = g_string_new (NULL);
  const char *p;

  g_test_message ("%s", message);

  g_assert_true (g_str_has_prefix (message, "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"));
  g_assert_nonnull (strstr (message, "\r\nFrom: Jörg <joerg@example.org>\r\n"));
  g_assert_nonnull (strstr (message, "\r\nTo: alice@example.org\r\n"));
  g_assert_nonnull (strstr (message, "\r\nCc: carol@example.org\r\n"));
  g_assert_nonnull (strstr (message, "\r\nMessage-ID: <abc@kith.test>\r\n"));
  g_assert_nonnull (strstr (message, "\r\nIn-Reply-To: <parent@kith.test>\r\n"));
  g_assert_nonnull (strstr (message, "\r\nReferences: <root@kith.test> <parent@kith.test>\r\n"));
  g_assert_nonnull (strstr (message, "\r\nContent-Type: text/plain; charset=utf-8\r\n"));
  g_assert_true (g_str_has_suffix (message, "\r\n\r\nHello\r\nworld\r\nbye\r\n"));

  /* CRLF everywhere, and no header line longer than 78 characters */
  for (p = message; *p != '\0'; p++)
    if (*p == '\n')
      g_assert_true (p > message && p[-1] == '\r');
  for (p = message; (p = strstr (p, "\r\n")) != NULL && strncmp (p, "\r\n\r\n", 4) != 0; p += 2)
    {
      const char *next = strstr (p + 2, "\r\n");

      g_assert_cmpint (next - (p + 2), <=, 78);
    }

  /* The subject comes back from its encoded words */
  for (p = strstr (message, "\r\nSubject: "); (p = strstr (p, "=?UTF-8?B?")) != NULL; )
    {
      const char *end;
      g_autofree char *chunk = NULL;
      g_autofree guchar *bytes = NULL;
      gsize length = 0;

      p += strlen ("=?UTF-8?B?");
      end = strstr (p, "?=");
      g_assert_nonnull (end);
      chunk = g_strndup (p, end - p);
      bytes = g_base64_decode (chunk, &length);
      g_string_append_len (decoded, (const char *) bytes, length);
      p = end;
    }
  g_assert_cmpstr (decoded->str, ==, subject);

  g_assert_true (g_str_has_prefix (plain, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
  g_assert_nonnull (strstr (plain, "\r\nSubject: Hi\r\nMessage-ID: <x@y>\r\n"));
  g_assert_null (strstr (plain, "Cc:"));
  g_assert_null (strstr (plain, "In-Reply-To:"));
  g_assert_null (strstr (plain, "References:"));
  g_assert_true (g_str_has_suffix (plain, "\r\n\r\n"));
}

static void
test_imap (void)
{
  g_autoptr(KithTestDovecot) dovecot = start_or_skip ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Imap) first = NULL;
  g_autoptr(Imap) second = NULL;
  g_autoptr(Imap) third = NULL;
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketConnection) refused = NULL;
  g_autofree char *answer = NULL;
  static const char *capabilities[] = { " IDLE", " CONDSTORE", " QRESYNC", " SPECIAL-USE", " MOVE", " UIDPLUS" };
  guint port;

  if (dovecot == NULL)
    return;
  port = kith_test_dovecot_get_port (dovecot);

  deliver (dovecot, "alice", "INBOX", "inbox-1@kith.test", "S");
  deliver (dovecot, "alice", "INBOX", "inbox-2@kith.test", "");
  deliver (dovecot, "alice", "INBOX", "inbox-3@kith.test", "");
  deliver (dovecot, "alice", "Sent", "sent-1@kith.test", "S");
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "alice", "INBOX"), ==, 3);
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "alice", "Sent"), ==, 1);
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "alice", "Archive"), ==, 0);
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "bob", "INBOX"), ==, 0);

  first = imap_connect (port);
  g_free (imap_command (first, "a", "LOGIN alice alicepw"));
  answer = imap_command (first, "b", "SELECT INBOX");
  g_assert_nonnull (strstr (answer, "* 3 EXISTS\n"));
  g_clear_pointer (&answer, g_free);

  answer = imap_command (first, "c", "CAPABILITY");
  for (guint i = 0; i < G_N_ELEMENTS (capabilities); i++)
    g_assert_nonnull (strstr (answer, capabilities[i]));
  g_clear_pointer (&answer, g_free);

  answer = imap_command (first, "d", "SEARCH UNSEEN");
  g_assert_nonnull (strstr (answer, "* SEARCH 2 3\n"));
  g_clear_pointer (&answer, g_free);

  answer = imap_command (first, "e", "LIST \"\" \"*\"");
  g_assert_nonnull (strstr (answer, "\\Sent) \"/\" Sent\n"));
  g_assert_nonnull (strstr (answer, "\\Archive) \"/\" Archive\n"));
  g_clear_pointer (&answer, g_free);

  answer = imap_command (first, "f", "SELECT Sent");
  g_assert_nonnull (strstr (answer, "* 1 EXISTS\n"));
  g_clear_pointer (&answer, g_free);

  /* A new UIDVALIDITY, as after the mailbox was recreated */
  kith_test_dovecot_set_uidvalidity (dovecot, "alice", "INBOX", 4242, &error);
  g_assert_no_error (error);
  second = imap_login (port, "alice", "alicepw");
  answer = imap_command (second, "b", "SELECT INBOX");
  g_assert_nonnull (strstr (answer, "[UIDVALIDITY 4242]"));
  g_assert_nonnull (strstr (answer, "* 3 EXISTS\n"));
  g_clear_pointer (&answer, g_free);

  /* Both sessions die with their processes; the server takes new ones */
  g_assert_cmpuint (kith_test_dovecot_kill_imap (dovecot), ==, 2);
  imap_assert_closed (first);
  imap_assert_closed (second);
  g_assert_cmpuint (kith_test_dovecot_kill_imap (dovecot), ==, 0);

  third = imap_login (port, "alice", "alicepw");
  answer = imap_command (third, "b", "SELECT INBOX");
  g_assert_nonnull (strstr (answer, "* 3 EXISTS\n"));
  g_assert_nonnull (strstr (answer, "[UIDVALIDITY 4242]"));
  g_clear_pointer (&answer, g_free);

  g_clear_pointer (&dovecot, kith_test_dovecot_stop);
  imap_assert_closed (third);

  client = g_socket_client_new ();
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  refused = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_doveadm (void)
{
  g_autoptr(KithTestDovecot) dovecot = start_or_skip ();
  g_autoptr(GError) error = NULL;
  g_autoptr(Imap) imap = NULL;
  g_autofree char *answer = NULL;

  if (dovecot == NULL)
    return;

  deliver (dovecot, "bob", "INBOX", "one@kith.test", "");
  deliver (dovecot, "bob", "INBOX", "two@kith.test", "S");
  deliver (dovecot, "bob", "Projects/Kith", "three@kith.test", "FS");
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "bob", "INBOX"), ==, 2);
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "bob", "Projects/Kith"), ==, 1);

  kith_test_dovecot_move (dovecot, "bob", "INBOX", "Archive", "<one@kith.test>", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "bob", "INBOX"), ==, 1);
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "bob", "Archive"), ==, 1);

  kith_test_dovecot_expunge (dovecot, "bob", "INBOX", "two@kith.test", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_test_dovecot_count (dovecot, "bob", "INBOX"), ==, 0);

  /* Gone already, never there, nobody */
  kith_test_dovecot_expunge (dovecot, "bob", "INBOX", "two@kith.test", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kith_test_dovecot_move (dovecot, "bob", "Sent", "INBOX", "nowhere@kith.test", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kith_test_dovecot_expunge (dovecot, "bob", "Nonexistent", "one@kith.test", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kith_test_dovecot_deliver (dovecot, "carol", "INBOX", "x", "", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  kith_test_dovecot_deliver (dovecot, "bob", "Dotted.Name", "x", "", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  imap = imap_login (kith_test_dovecot_get_port (dovecot), "bob", "bobpw");
  answer = imap_command (imap, "b", "LSUB \"\" \"*\"");
  g_assert_nonnull (strstr (answer, "\"/\" Projects/Kith\n"));
  g_clear_pointer (&answer, g_free);

  answer = imap_command (imap, "c", "SELECT Archive");
  g_assert_nonnull (strstr (answer, "* 1 EXISTS\n"));
  g_clear_pointer (&answer, g_free);
  answer = imap_command (imap, "d", "FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
  g_assert_nonnull (strstr (answer, "Message-ID: <one@kith.test>"));
  g_clear_pointer (&answer, g_free);

  answer = imap_command (imap, "e", "SELECT Projects/Kith");
  g_assert_nonnull (strstr (answer, "* 1 EXISTS\n"));
  g_clear_pointer (&answer, g_free);
  answer = imap_command (imap, "f", "FETCH 1 FLAGS");
  g_assert_nonnull (strstr (answer, "\\Flagged"));
  g_assert_nonnull (strstr (answer, "\\Seen"));
  g_clear_pointer (&answer, g_free);

  answer = imap_command (imap, "g", "SELECT INBOX");
  g_assert_nonnull (strstr (answer, "* 0 EXISTS\n"));
}

/* Connection processes killed while they work leave no lock file behind: Dovecot waits seconds
 * for one that names a dead process and two minutes for one that names none (yet), and so does
 * every new session of that mailbox */
static void
test_kill_leaves_no_lock (void)
{
  g_autoptr(KithTestDovecot) dovecot = start_or_skip ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint port, kills = 0, delivered = 0;

  if (dovecot == NULL)
    return;
  port = kith_test_dovecot_get_port (dovecot);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(Imap) busy = NULL;
      g_autoptr(Imap) next = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *answer = NULL;
      g_autofree char *exists = NULL;
      GOutputStream *out;

      /* New mail: opening the folder writes its list of UIDs, under a lock */
      for (guint i = 0; i < 200; i++, delivered++)
        {
          g_autofree char *id = g_strdup_printf ("bulk-%u@kith.test", delivered);

          deliver (dovecot, "alice", "INBOX", id, "");
        }
      busy = imap_login (port, "alice", "alicepw");
      out = g_io_stream_get_output_stream (G_IO_STREAM (busy->connection));
      g_output_stream_write_all (out, "b SELECT INBOX\r\n", strlen ("b SELECT INBOX\r\n"), NULL, NULL, &error);
      g_assert_no_error (error);
      g_usleep (g_rand_int_range (rand, 0, 20) * 1000);
      kills += kith_test_dovecot_kill_imap (dovecot);

      /* The next session opens the folder at once (a mailbox that waits for a lock left behind
       * answers after seconds, or minutes), with every message in it */
      next = imap_login (port, "alice", "alicepw");
      answer = imap_command_within (next, "b", "SELECT INBOX", 2);
      exists = g_strdup_printf ("* %u EXISTS\n", delivered);
      g_assert_nonnull (strstr (answer, exists));
      g_assert_cmpuint (kith_test_dovecot_kill_imap (dovecot), ==, 1);
    }
  g_assert_cmpuint (kills, >=, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dovecot/message", test_message);
  g_test_add_func ("/dovecot/imap", test_imap);
  g_test_add_func ("/dovecot/doveadm", test_doveadm);
  g_test_add_func ("/dovecot/kill-leaves-no-lock", test_kill_leaves_no_lock);

  return g_test_run ();
}
