/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-smtp.h"
#include "kith-test-smtp-config.h"
#include "kith-test-process.h"
#include "kith-test-util.h"

#include <fcntl.h>
#include <unistd.h>

#define START_TIMEOUT_US  (10 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_US   (20 * G_USEC_PER_SEC)
#define START_ATTEMPTS    3
#define POLL_US           (10 * 1000)

/* smtp-listener.py's exit statuses */
#define EXIT_MISSING_MODULE 3
#define EXIT_PORT_TAKEN     98

struct _KithTestSmtp
{
  char  *dir;          /* the temporary root, removed by kith_test_smtp_stop () */
  char  *received_dir; /* dir/received: one NNNNNN.msg per accepted message */
  char  *certificate;  /* dir/cert.pem */
  GPid   pid;          /* of the listener, 0 when not running */
  guint  port;
  guint  fault_seq;    /* tells the listener a fault was set again, so it counts from 0 */
};

void
kith_test_smtp_message_free (KithTestSmtpMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->mail_from);
  g_strfreev (message->rcpt_to);
  g_free (message->auth_user);
  g_clear_pointer (&message->data, g_bytes_unref);
  g_free (message);
}

/* Files */

static char *
read_stderr_tail (KithTestSmtp *self)
{
  g_autofree char *path = g_build_filename (self->dir, "listener.stderr", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length == 0)
    return g_strdup ("");
  return g_strdup_printf ("\n--- listener.stderr ---\n%s", length > 4000 ? contents + length - 4000 : contents);
}

/* Process */

/* The Debian interpreter first: python3-aiosmtpd installs for it, and a python3 found first in
 * PATH (pyenv, a virtualenv) may not see it */
static char *
find_python (void)
{
  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup ("/usr/bin/python3");
  return g_find_program_in_path ("python3");
}

/* Connects, reads the "220" greeting and says QUIT */
static gboolean
greets (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  GOutputStream *out;

  g_socket_client_set_timeout (client, 1);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, NULL);
  if (connection == NULL)
    return FALSE;
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all (out, "QUIT\r\n", 6, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return line != NULL && g_str_has_prefix (line, "220");
}

typedef enum {
  START_OK,
  START_FAILED,
  START_PORT_TAKEN,
} StartResult;

static StartResult
exited_on_start (KithTestSmtp *self,
                 int           status,
                 GError      **error)
{
  g_autofree char *log = read_stderr_tail (self);
  int code = WIFEXITED (status) ? WEXITSTATUS (status) : -1;

  g_spawn_close_pid (self->pid);
  self->pid = 0;
  if (code == EXIT_PORT_TAKEN)
    return START_PORT_TAKEN;
  if (code == EXIT_MISSING_MODULE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "The SMTP listener's Python modules are not installed (Debian packages python3-aiosmtpd, python3-cryptography)%s",
                 log);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "smtp-listener.py exited on start (status %d)%s",
                 status, log);
  return START_FAILED;
}

static StartResult
spawn_and_wait (KithTestSmtp *self,
                const char   *python,
                GError      **error)
{
  g_autofree char *stderr_path = g_build_filename (self->dir, "listener.stderr", NULL);
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  const char *argv[] = { python, KITH_TEST_SMTP_LISTENER, "--dir", self->dir, "--port", port,
                         "--user", KITH_TEST_SMTP_USER, "--password", KITH_TEST_SMTP_PASSWORD, NULL };
  gint64 deadline;

  if (!kith_test_spawn_server (self->dir, argv, stderr_path, &self->pid, error))
    return START_FAILED;

  deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  while (TRUE)
    {
      int status = 0;

      if (waitpid (self->pid, &status, WNOHANG) == self->pid)
        return exited_on_start (self, status, error);
      if (greets (self->port))
        return START_OK;
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = read_stderr_tail (self);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "smtp-listener.py did not answer on 127.0.0.1:%u within 10 s%s", self->port, log);
          return START_FAILED;
        }
      g_usleep (2 * POLL_US);
    }
}

KithTestSmtp *
kith_test_smtp_start (GError **error)
{
  g_autoptr(KithTestSmtp) self = g_new0 (KithTestSmtp, 1);
  g_autofree char *python = find_python ();
  g_autofree char *template = g_build_filename (g_get_tmp_dir (), "kith-smtp-XXXXXX", NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (python == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "python3 is not installed");
      return NULL;
    }
  if (g_mkdtemp (template) == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "Could not create %s: %s",
                   template, g_strerror (errno));
      return NULL;
    }
  self->dir = g_steal_pointer (&template);
  self->received_dir = g_build_filename (self->dir, "received", NULL);
  self->certificate = g_build_filename (self->dir, "cert.pem", NULL);

  /* Another process may take the port between our probe and the listener's bind: try a new one then */
  for (guint attempt = 1; ; attempt++)
    {
      StartResult result;

      self->port = kith_test_pick_free_port (error);
      if (self->port == 0)
        return NULL;
      result = spawn_and_wait (self, python, error);
      if (result == START_OK)
        break;
      if (result == START_FAILED)
        return NULL;
      if (attempt == START_ATTEMPTS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                       "smtp-listener.py found every port taken, %u times", attempt);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

guint
kith_test_smtp_get_port (KithTestSmtp *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

const char *
kith_test_smtp_get_certificate_path (KithTestSmtp *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->certificate;
}

void
kith_test_smtp_stop (KithTestSmtp *self)
{
  if (self == NULL)
    return;

  if (self->pid > 0)
    {
      int status = 0;

      kill (self->pid, SIGTERM);
      if (!kith_test_wait_exit (self->pid, STOP_TIMEOUT_US, &status))
        {
          /* A slow stop on a busy machine is the machine's, not the test's: said, not failed */
          g_test_message ("smtp-listener.py (PID %d) did not stop within %d s; killing it", (int) self->pid,
                          (int) (STOP_TIMEOUT_US / G_USEC_PER_SEC));
          kill (self->pid, SIGKILL);
          while (waitpid (self->pid, &status, 0) < 0 && errno == EINTR)
            ;
        }
      g_spawn_close_pid (self->pid);
      self->pid = 0;
    }

  if (self->dir != NULL)
    kith_test_rm_rf (self->dir);

  g_free (self->dir);
  g_free (self->received_dir);
  g_free (self->certificate);
  g_free (self);
}

/* Faults */

void
kith_test_smtp_set_fault (KithTestSmtp *self,
                          const char   *fault)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (fault != NULL && strchr (fault, '\n') == NULL);

  path = g_build_filename (self->dir, "fault", NULL);
  contents = g_strdup_printf ("%u %s\n", ++self->fault_seq, fault);
  /* Replaced whole (rename), so the listener never reads half of it */
  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("Could not set the SMTP listener's fault: %s", error->message);
}

void
kith_test_smtp_release (KithTestSmtp *self)
{
  kith_test_smtp_set_fault (self, "none");
}

guint
kith_test_smtp_get_held (KithTestSmtp *self)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (self != NULL, 0);

  path = g_build_filename (self->dir, "held", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  return (guint) g_ascii_strtoull (contents, NULL, 10);
}

/* Polls until count (self) ≥ n (or == n, when exact); FALSE after timeout_ms. The thread-default main context goes on
 * meanwhile: a sender running on it in the test's own process is what fills the listener. */
static gboolean
wait_count (KithTestSmtp *self,
            guint       (*count) (KithTestSmtp *),
            guint         n,
            gboolean      exact,
            guint         timeout_ms)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (exact ? count (self) != n : count (self) < n)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      while (g_main_context_iteration (context, FALSE))
        ;
      g_usleep (POLL_US);
    }
  return TRUE;
}

gboolean
kith_test_smtp_wait_held (KithTestSmtp *self,
                          guint         n,
                          guint         timeout_ms)
{
  return wait_count (self, kith_test_smtp_get_held, n, TRUE, timeout_ms);
}

/* Received messages */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The accepted messages' file names (NNNNNN.msg), sorted: the order they were accepted in */
static GPtrArray *
list_received (KithTestSmtp *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->received_dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".msg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  return names;
}

static guint
count_received (KithTestSmtp *self)
{
  g_autoptr(GPtrArray) names = list_received (self);

  return names->len;
}

/* "From: …", "To: …" (each), "TLS: yes|no", "Auth: user|-", an empty line, then the bytes */
static KithTestSmtpMessage *
parse_received (const char *contents,
                gsize       length)
{
  g_autoptr(KithTestSmtpMessage) message = g_new0 (KithTestSmtpMessage, 1);
  g_autoptr(GStrvBuilder) rcpt_to = g_strv_builder_new ();
  const char *end = g_strstr_len (contents, length, "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;

  if (end == NULL)
    return NULL;
  head = g_strndup (contents, end - contents);
  lines = g_strsplit (head, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "From: "))
        message->mail_from = g_strdup (line + 6);
      else if (g_str_has_prefix (line, "To: "))
        g_strv_builder_add (rcpt_to, line + 4);
      else if (g_str_has_prefix (line, "TLS: "))
        message->tls = strcmp (line + 5, "yes") == 0;
      else if (g_str_has_prefix (line, "Auth: ") && strcmp (line + 6, "-") != 0)
        message->auth_user = g_strdup (line + 6);
    }
  message->rcpt_to = g_strv_builder_end (rcpt_to);
  message->data = g_bytes_new (end + 4, length - (end + 4 - contents));

  return message->mail_from != NULL ? g_steal_pointer (&message) : NULL;
}

GPtrArray *
kith_test_smtp_received (KithTestSmtp *self)
{
  g_autoptr(GPtrArray) names = NULL;
  GPtrArray *messages;

  g_return_val_if_fail (self != NULL, NULL);

  names = list_received (self);
  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_test_smtp_message_free);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (self->received_dir, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      KithTestSmtpMessage *message;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        g_error ("Could not read what the SMTP listener received: %s", error->message);
      message = parse_received (contents, length);
      if (message == NULL)
        g_error ("%s is not what smtp-listener.py writes", path);
      g_ptr_array_add (messages, message);
    }

  return messages;
}

gboolean
kith_test_smtp_wait_received (KithTestSmtp *self,
                              guint         n,
                              guint         timeout_ms)
{
  return wait_count (self, count_received, n, FALSE, timeout_ms);
}

char *
kith_test_smtp_get_events (KithTestSmtp *self)
{
  g_autofree char *path = NULL;
  char *contents = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  path = g_build_filename (self->dir, "events.log", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

double
kith_test_smtp_get_cpu_seconds (KithTestSmtp *self)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) self->pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  /* Fields after the command name, which is in parentheses and may hold spaces: utime and
   * stime are the 14th and 15th of the line, the 12th and 13th after it */
  if (self->pid <= 0 || !g_file_get_contents (path, &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    return 0;
  fields = g_strsplit (after_name + 2, " ", 14);
  if (g_strv_length (fields) < 14)
    return 0;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}
