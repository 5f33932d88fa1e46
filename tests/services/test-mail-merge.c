/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * `kith-cli mail-merge` ($KITH_CLI) against the private SMTP listener and Dovecot
 * (kith-test-send.h): a dry run sends nothing and stores nothing; a merge of 200 recipients
 * with faults on the way (451 and a dropped connection at random points, a 550 recipient) and
 * the sending process killed -9 twice mid-merge, then resumed: the listener holds each
 * recipient exactly once, the report says who failed with the server's text and who was left
 * out, and every recipient's timeline has the message.
 */

#include <signal.h>
#include <sys/wait.h>

#define ME "dora@mailings.example"

#include "kith-test-send.h"
#include "kith-test-process.h"

#define N_PEOPLE 200
#define REJECTED "r199@example.com"

/* N_PEOPLE people r0…r199@example.com, and one without an address */
static GArray *
add_people (Fixture *f)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"first\": \"R\", \"last\": \"%u\", \"emails\": [\"r%u@example.com\"]}",
                                               i, i);

      id = kith_test_create (f->t, KITH_RECORD_PERSON, json);
      g_array_append_val (ids, id);
    }
  id = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"No Address\"}");
  g_array_append_val (ids, id);

  return ids;
}

static void
add_template (Fixture *f)
{
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", "Open house",
                                                   "subject", "Open house, {{first_name}} {{last_name}}",
                                                   "body", "Dear {{name}},\nyou are invited.\n", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kith_store_template_save (f->t->store, template, &error), >, 0);
  g_assert_no_error (error);
}

static GPtrArray *
cli_argv (Fixture     *f,
          const char  *first,
          va_list      args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (char *) g_getenv ("KITH_CLI"));
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, f->t->dir);
  g_ptr_array_add (argv, "mail-merge");
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  return argv;
}

/* kith-cli … mail-merge ARGS…, to its end; its output */
G_GNUC_NULL_TERMINATED static char *
cli_run (Fixture    *f,
         int        *out_status,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;
  va_list args;

  va_start (args, first);
  argv = cli_argv (f, first, args);
  va_end (args);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  if (err[0] != '\0')
    g_test_message ("kith-cli said: %s", err);
  g_assert_true (WIFEXITED (wait_status));
  *out_status = WEXITSTATUS (wait_status);
  return out;
}

/* kith-cli … mail-merge ARGS… running */
G_GNUC_NULL_TERMINATED static GPid
cli_spawn (Fixture    *f,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_build_filename (f->t->dir, "cli.log", NULL);
  va_list args;
  GPid pid;

  va_start (args, first);
  argv = cli_argv (f, first, args);
  va_end (args);

  g_assert_true (kith_test_spawn_server (f->t->dir, (const char * const *) argv->pdata, log, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* Once the listener has taken @n messages, the next one is held mid-transaction and the
 * process sending it killed: a kill in the middle of the merge, its message `sending` */
static void
kill_after (Fixture *f,
            GPid     pid,
            guint    n)
{
  int status = 0;

  g_assert_true (kith_test_smtp_wait_received (f->smtp, n, 4 * WAIT_MS));
  kith_test_smtp_set_fault (f->smtp, "hold");
  g_assert_true (kith_test_smtp_wait_held (f->smtp, 1, WAIT_MS));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_true (kith_test_wait_exit (pid, 5 * G_USEC_PER_SEC, &status));
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_assert_true (kith_test_smtp_wait_held (f->smtp, 0, WAIT_MS));
}

/* How many messages the listener holds for @address */
static guint
received_for (GPtrArray  *received,
              const char *address)
{
  guint n = 0;

  for (guint i = 0; i < received->len; i++)
    {
      KithTestSmtpMessage *m = received->pdata[i];

      for (guint j = 0; m->rcpt_to != NULL && m->rcpt_to[j] != NULL; j++)
        n += g_ascii_strcasecmp (m->rcpt_to[j], address) == 0;
    }
  return n;
}

static void
assert_timelines (Fixture *f,
                  GArray  *people)
{
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = kith_store_get_timeline (f->t->store, g_array_index (people, gint64, i), 0, 100,
                                                            &error);

      g_assert_no_error (error);
      /* The one the server refused is not on it */
      g_assert_cmpuint (items->len, ==, i == N_PEOPLE - 1 ? 0 : 1);
    }
}

static void
test_merge_killed_twice (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) people = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  KithMergeSummary summary;
  int status = 0;
  GPid pid;

  people = add_people (f);
  add_template (f);

  /* A 451 at a random point, then the process killed */
  fault = g_strdup_printf ("tempfail:%d", g_test_rand_int_range (1, 30));
  kith_test_smtp_set_fault (f->smtp, fault);
  pid = cli_spawn (f, "--template", "Open house", "--query", "", "--account", ME, "--cap", "0", "--rate", "0", NULL);
  kill_after (f, pid, 40);

  /* A connection dropped after DATA at a random point, and killed again */
  g_free (fault);
  fault = g_strdup_printf ("drop-after-data:%d", g_test_rand_int_range (1, 30));
  kith_test_smtp_set_fault (f->smtp, fault);
  pid = cli_spawn (f, "--resume", "1", NULL);
  kill_after (f, pid, 100);

  /* The last recipient refused for good; the run goes to its end */
  kith_test_smtp_set_fault (f->smtp, "reject:" REJECTED);
  out = cli_run (f, &status, "--resume", "1", NULL);
  g_test_message ("kith-cli said: %s", out);
  g_assert_cmpint (status, ==, 0);

  /* What waits after a temporary failure leaves later: the store's clock moved past it */
  flush_later (f);
  flush_later (f);

  received = kith_test_smtp_received (f->smtp);
  for (guint i = 0; i < N_PEOPLE - 1; i++)
    {
      g_autofree char *address = g_strdup_printf ("r%u@example.com", i);

      g_assert_cmpuint (received_for (received, address), ==, 1);
    }
  g_assert_cmpuint (received_for (received, REJECTED), ==, 0);
  g_assert_cmpuint (received->len, ==, N_PEOPLE - 1);

  g_assert_true (kith_store_mail_merge_follow (f->t->store, 1, &error));
  g_assert_true (kith_store_mail_merge_get_summary (f->t->store, 1, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_FINISHED);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_SENT], ==, N_PEOPLE - 1);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_FAILED], ==, 1);
  g_assert_cmpuint (summary.by_exclusion[KITH_MERGE_EXCLUSION_NO_EMAIL], ==, 1);

  /* The report, as kith-cli writes it */
  csv_path = g_build_filename (f->t->dir, "report.csv", NULL);
  g_free (out);
  out = cli_run (f, &status, "--status", "1", "--report-csv", csv_path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "199 sent, 1 failed, 1 excluded, 0 waiting"));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "\r\nR 199," REJECTED ",failed,,"));
  g_assert_nonnull (strstr (csv, "\r\nNo Address,,excluded,no-email,\r\n"));

  assert_timelines (f, people);
}

/* A dry run prints who is left out and when each leaves, and stores and sends nothing */
static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GArray) people = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  KithMergeSummary summary;
  int status = 0;

  people = add_people (f);
  add_template (f);

  out = cli_run (f, &status, "--template", "Open house", "--query", "", "--account", ME, "--cap", "50",
                 "--rate", "10", "--start", "2030-01-07T09:00:00", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "201 recipients — 0 sent, 0 failed, 1 excluded, 200 waiting"));
  g_assert_nonnull (strstr (out, "excluded, no email address: 1"));
  g_assert_nonnull (strstr (out, "the last one leaves 2030-01-10 09:04"));
  g_assert_nonnull (strstr (out, "No Address <>: no email address"));

  outbox = kith_store_outgoing_list (f->t->store, KITH_OUTGOING_MASK_ALL, &error);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_false (kith_store_mail_merge_get_summary (f->t->store, 1, &summary, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* As test-mail-send-faults: Camel warns about a connection closed mid-reply */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/mail-merge/dry-run", Fixture, NULL, fixture_set_up, test_dry_run, fixture_tear_down);
  g_test_add ("/mail-merge/killed-twice", Fixture, NULL, fixture_set_up, test_merge_killed_twice, fixture_tear_down);

  return g_test_run ();
}
