/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/send: sending mail through Kith's Outbox against Python's smtplib, side by side.
 *
 * Each round starts a private Dovecot (the account's Sent folder) and the SMTP listener of the
 * tests (tests/services/kith-test-smtp.c), adds the account to a fresh data dir as a user would
 * (evolution-data-server and the keyring of the private session) and syncs it once, then:
 *
 *  - Kith: its sending service in a process of its own (tests/services/kith-test-sender) queues
 *    N distinct messages in the Outbox with no undo delay and sends them, unthrottled, as
 *    KithMailSender does: each one claimed, composed, sent over the account's transport (one
 *    connection for all), marked sent, filed in the Sent folder over IMAP and logged on the
 *    recipient's timeline. Its wall time from spawn to exit, what it says it spent queueing and
 *    sending, and its peak resident memory (VmHWM, its own figure, and ru_maxrss).
 *  - Python's smtplib (bench/send-smtplib.py) sending the very same N messages (the bytes the
 *    listener received from Kith) over one connection: wall time from spawn to exit, its own
 *    time from connecting to QUIT, and its peak RSS.
 *
 * Both talk to the listener in clear without AUTH: Camel trusts no self-signed certificate, so
 * Kith's account cannot use the listener's STARTTLS, and the peer is given the same conditions.
 * Several rounds (--runs); the table gives the medians, with PASS or MISS against the goals of
 * issue 12 (≤ 1× smtplib's time, ≤ 64 MB), then one line of JSON with every round's figures.
 * This is a benchmark, not a test: the meson test in the "bench" suite only checks that it runs.
 * Without Dovecot or aiosmtpd installed it exits with 77 (skipped).
 */

#define G_LOG_DOMAIN "KithBench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-common.h"
#include "kith-core.h"
#include "kith-mail-accounts.h"
#include "kith-mail-capture.h"
#include "kith-mail-session.h"
#include "kith-test-dovecot.h"
#include "kith-test-smtp.h"

#define ME       "alice@agency.example"
#define PASSWORD "s3cret-Alice-pw"
#define TO       "Ann Lee <ann@example.com>"

#define GOAL_RATIO       1.0
#define GOAL_MEMORY_KIB  (64 * 1024)
#define SEND_WIDTHS      ((const int[7]) { 40, 10, 36, 10, 7, 8, 4 })

/* One program run to its end */
typedef struct {
  double      seconds;     /* from spawn to exit */
  long        maxrss_kib;  /* from wait4 */
  double      cpu_s;       /* user + system, from wait4 */
  JsonObject *report;      /* the line of JSON it printed last, or NULL */
} Run;

/* One round's figures */
typedef struct {
  double kith_s, kith_queue_s, kith_send_s, kith_cpu_s, python_s, python_inner_s, python_cpu_s;
  double kith_hwm_kib, kith_maxrss_kib, python_maxrss_kib;
  double kith_connections;  /* SMTP connections Kith opened (the listener's "connect" events) */
  double listener_kith_cpu_s, listener_python_cpu_s;  /* the listener's CPU time for each side */
} Round;

static JsonObject *
last_json_line (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (int i = (int) g_strv_length (lines) - 1; i >= 0; i--)
    if (lines[i][0] == '{')
      {
        g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);

        return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node)) : NULL;
      }
  return NULL;
}

/* Runs argv with stdout to DIR/NAME.out and stderr to DIR/NAME.err; FALSE when it failed */
static gboolean
run_program (const char          *dir,
             const char          *name,
             const char * const  *argv,
             Run                 *run,
             GError             **error)
{
  g_autofree char *out_path = g_strdup_printf ("%s/%s.out", dir, name);
  g_autofree char *err_path = g_strdup_printf ("%s/%s.err", dir, name);
  int out_fd = g_open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err_fd = g_open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  struct rusage usage;
  int status = 0;
  gboolean spawned;
  double t0 = now_s ();
  GPid pid;

  spawned = out_fd >= 0 && err_fd >= 0 &&
            g_spawn_async_with_fds (dir, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                    NULL, NULL, &pid, -1, out_fd, err_fd, error);
  if (out_fd >= 0)
    close (out_fd);
  if (err_fd >= 0)
    close (err_fd);
  if (!spawned)
    return FALSE;
  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);
  run->seconds = now_s () - t0;
  run->maxrss_kib = usage.ru_maxrss;
  run->cpu_s = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run->report = last_json_line (out_path);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || run->report == NULL)
    {
      g_autofree char *err = NULL;

      g_file_get_contents (err_path, &err, NULL, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed (status %d): %s", argv[0], status,
                   err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* The account in DIR's store and the private session's registry, synced once as the
 * application does when an account is added: its Sent folder is known */
static char *
add_account (const char       *dir,
             ESourceRegistry  *registry,
             KithTestDovecot  *dovecot,
             KithTestSmtp     *smtp,
             GError          **error)
{
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autofree char *camel_dir = g_build_filename (dir, "camel", NULL);
  g_autofree char *cache = g_build_filename (camel_dir, "cache", NULL);
  g_autoptr(KithStore) store = kith_store_open (path, error);
  g_autoptr(KithMailSession) session = NULL;
  g_autoptr(KithMailCapture) capture = NULL;
  g_autoptr(KithMailAccount) draft = NULL;
  g_autofree char *uid = NULL;

  if (store == NULL)
    return NULL;
  session = kith_mail_session_new (registry, camel_dir, cache);
  draft = g_object_new (KITH_TYPE_MAIL_ACCOUNT, "address", ME, "name", "Alice Agent", "user", "alice",
                        "imap-host", "127.0.0.1", "imap-port", kith_test_dovecot_get_port (dovecot),
                        "smtp-host", "127.0.0.1", "smtp-port", kith_test_smtp_get_port (smtp),
                        "security", KITH_MAIL_SECURITY_NONE, NULL);
  uid = kith_mail_account_add_sync (session, draft, PASSWORD, NULL, error);
  if (uid == NULL)
    return NULL;
  capture = kith_mail_capture_new (store, session);
  if (!kith_mail_capture_sync_account (capture, uid, NULL, error))
    return NULL;
  return g_steal_pointer (&uid);
}

/* What the listener received from Kith, as smtp-listener.py writes it, for smtplib to send again */
static gboolean
write_replay (KithTestSmtp  *smtp,
              const char    *folder,
              GError       **error)
{
  g_autoptr(GPtrArray) received = kith_test_smtp_received (smtp);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", folder, g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < received->len; i++)
    {
      KithTestSmtpMessage *m = received->pdata[i];
      g_autofree char *path = g_strdup_printf ("%s/%06u.msg", folder, i + 1);
      g_autofree char *to = g_strjoinv ("\r\nTo: ", m->rcpt_to);
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autofree char *head = g_strdup_printf ("From: %s\r\nTo: %s\r\n\r\n", m->mail_from, to);
      gsize size;
      const guint8 *data = g_bytes_get_data (m->data, &size);

      g_byte_array_append (bytes, (const guint8 *) head, strlen (head));
      g_byte_array_append (bytes, data, size);
      if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, error))
        return FALSE;
    }
  return TRUE;
}

static double
get_d (JsonObject *o,
       const char *member)
{
  return json_object_get_double_member_with_default (o, member, -1);
}

static gboolean
expect_received (KithTestSmtp  *smtp,
                 guint          n,
                 const char    *who,
                 GError       **error)
{
  g_autoptr(GPtrArray) received = kith_test_smtp_received (smtp);

  if (received->len == n)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "after %s the listener holds %u messages, not %u",
               who, received->len, n);
  return FALSE;
}

/* How many connections the listener has seen, less the fixture's own (its start probe) */
static double
count_connections (KithTestSmtp *smtp)
{
  g_autofree char *events = kith_test_smtp_get_events (smtp);
  g_auto(GStrv) lines = g_strsplit (events, "\n", -1);
  double n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_equal (lines[i], "connect");
  return n - 1;
}

/* Kith, then smtplib with what Kith sent, against one listener */
static gboolean
race (const char       *dir,
      KithTestSmtp     *smtp,
      const char       *account,
      guint             n,
      Round            *round,
      GError          **error)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *port = g_strdup_printf ("%u", kith_test_smtp_get_port (smtp));
  g_autofree char *replay = g_build_filename (dir, "replay", NULL);
  const char *kith_argv[] = { KITH_TEST_SENDER, "--data-dir", dir, "--queue", count, "--account", account,
                              "--from", ME, "--to", TO, NULL };
  const char *python_argv[] = { "/usr/bin/python3", BENCH_SEND_SMTPLIB, "--port", port, "--messages", replay, NULL };
  g_autoptr(JsonObject) kith_report = NULL;
  g_autoptr(JsonObject) python_report = NULL;
  Run kith = { 0 }, python = { 0 };
  double listener_start = kith_test_smtp_get_cpu_seconds (smtp), listener_between, listener_end;
  gboolean ok;

  ok = run_program (dir, "kith", kith_argv, &kith, error);
  kith_report = kith.report;
  if (!ok || !expect_received (smtp, n, "Kith", error) || !write_replay (smtp, replay, error))
    return FALSE;
  round->kith_connections = count_connections (smtp);
  listener_between = kith_test_smtp_get_cpu_seconds (smtp);
  ok = run_program (dir, "smtplib", python_argv, &python, error);
  python_report = python.report;
  if (!ok || !expect_received (smtp, 2 * n, "smtplib", error))
    return FALSE;
  listener_end = kith_test_smtp_get_cpu_seconds (smtp);

  *round = (Round) {
    .kith_s = kith.seconds, .kith_queue_s = get_d (kith_report, "queue_seconds"),
    .kith_send_s = get_d (kith_report, "send_seconds"), .kith_hwm_kib = get_d (kith_report, "vm_hwm_kib"),
    .kith_maxrss_kib = kith.maxrss_kib, .python_s = python.seconds,
    .python_inner_s = get_d (python_report, "seconds"), .python_maxrss_kib = python.maxrss_kib,
    .kith_connections = round->kith_connections, .kith_cpu_s = kith.cpu_s, .python_cpu_s = python.cpu_s,
    .listener_kith_cpu_s = listener_between - listener_start, .listener_python_cpu_s = listener_end - listener_between,
  };
  return TRUE;
}

/* One round on fresh servers and a fresh data dir; FALSE with error set, or with none when a
 * server is not installed */
static gboolean
one_round (guint    n,
           Round   *round,
           GError **error)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autofree char *dir = g_dir_make_tmp ("kith-bench-send-XXXXXX", error);
  g_autoptr(KithTestDovecot) dovecot = NULL;
  g_autoptr(KithTestSmtp) smtp = NULL;
  g_autoptr(ESourceRegistry) registry = NULL;
  g_autofree char *account = NULL;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  ok = (dovecot = kith_test_dovecot_start (users, error)) != NULL &&
       (smtp = kith_test_smtp_start (error)) != NULL &&
       (registry = e_source_registry_new_sync (NULL, error)) != NULL &&
       (account = add_account (dir, registry, dovecot, smtp, error)) != NULL &&
       race (dir, smtp, account, n, round, error);

  if (account != NULL)
    kith_mail_account_remove_sync (registry, account, NULL, NULL);
  rm_rf (dir);
  return ok;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of one figure over the rounds */
static double
median (GArray *rounds,
        gsize   offset)
{
  g_autofree double *values = g_new (double, rounds->len);

  for (guint i = 0; i < rounds->len; i++)
    values[i] = G_STRUCT_MEMBER (double, &g_array_index (rounds, Round, i), offset);
  qsort (values, rounds->len, sizeof (double), compare_doubles);
  return rounds->len % 2 == 1 ? values[rounds->len / 2]
                              : (values[rounds->len / 2 - 1] + values[rounds->len / 2]) / 2;
}

#define MEDIAN(rounds, field) median (rounds, G_STRUCT_OFFSET (Round, field))

static char *
fmt_s (double s)
{
  return s < 0 ? g_strdup ("—") : s < 1 ? g_strdup_printf ("%.0f ms", s * 1000) : g_strdup_printf ("%.2f s", s);
}

static char *
fmt_mib (double kib)
{
  return kib < 0 ? g_strdup ("—") : g_strdup_printf ("%.1f MiB", kib / 1024);
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  return g_strndup (text, strcspn (text, " ") + 1 + strcspn (text + strcspn (text, " ") + 1, " "));
}

static void
print_table (GArray *rounds,
             guint   n,
             const char *load_before,
             const char *load_after)
{
  double kith = MEDIAN (rounds, kith_s), python = MEDIAN (rounds, python_s), hwm = MEDIAN (rounds, kith_hwm_kib);
  g_autofree char *what = g_strdup_printf ("%u messages, spawn to exit", n);
  g_autofree char *kith_s = fmt_s (kith), *python_s = fmt_s (python);
  g_autofree char *ratio = g_strdup_printf ("%.2f×", kith / python);
  g_autofree char *send_s = fmt_s (MEDIAN (rounds, kith_send_s)), *inner_s = fmt_s (MEDIAN (rounds, python_inner_s));
  g_autofree char *queue_s = fmt_s (MEDIAN (rounds, kith_queue_s));
  g_autofree char *hwm_s = fmt_mib (hwm), *rss_s = fmt_mib (MEDIAN (rounds, python_maxrss_kib));
  g_autofree char *kith_rss_s = fmt_mib (MEDIAN (rounds, kith_maxrss_kib));
  g_autofree char *kith_cpu = fmt_s (MEDIAN (rounds, kith_cpu_s)), *python_cpu = fmt_s (MEDIAN (rounds, python_cpu_s));
  g_autofree char *connections = g_strdup_printf ("%.0f", MEDIAN (rounds, kith_connections));
  g_autofree char *listener_kith = fmt_s (MEDIAN (rounds, listener_kith_cpu_s));
  g_autofree char *listener_python = fmt_s (MEDIAN (rounds, listener_python_cpu_s));

  table = g_string_new (NULL);
  bench_row (SEND_WIDTHS, "", "Kith", "peer", "", "ratio", "goal", "");
  bench_row (SEND_WIDTHS, what, kith_s, "Python smtplib, one connection", python_s, ratio, "≤ 1×",
             kith / python <= GOAL_RATIO ? "PASS" : "MISS");
  bench_row (SEND_WIDTHS, "    of which queueing in the Outbox", queue_s, NULL, NULL, NULL, NULL, NULL);
  bench_row (SEND_WIDTHS, "    of which sending (flush)", send_s, "smtplib, connect to QUIT", inner_s, NULL, NULL, NULL);
  bench_row (SEND_WIDTHS, "    its CPU time (user + system)", kith_cpu, "smtplib's", python_cpu, NULL, NULL, NULL);
  bench_row (SEND_WIDTHS, "    the listener's CPU time for it", listener_kith, "for smtplib", listener_python, NULL, NULL, NULL);
  bench_row (SEND_WIDTHS, "    SMTP connections it opened", connections, "smtplib", "1", NULL, NULL, NULL);
  bench_row (SEND_WIDTHS, "peak memory, sending service (VmHWM)", hwm_s, "smtplib, peak RSS", rss_s, NULL, "≤ 64 MB",
             hwm <= GOAL_MEMORY_KIB ? "PASS" : "MISS");
  bench_row (SEND_WIDTHS, "    its peak RSS (wait4)", kith_rss_s, NULL, NULL, NULL, NULL, NULL);
  g_print ("bench/send: medians of %u rounds; load average %s before, %s after\n\n%s", rounds->len,
           load_before, load_after, table->str);
  g_string_free (g_steal_pointer (&table), TRUE);
}

static void
print_json (GArray *rounds,
            guint   n)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_append_printf (json, "{\"messages\": %u, \"rounds\": [", n);
  for (guint i = 0; i < rounds->len; i++)
    {
      Round *r = &g_array_index (rounds, Round, i);

      g_string_append_printf (json, "%s{\"kith_s\": %.3f, \"kith_queue_s\": %.3f, \"kith_send_s\": %.3f, "
                              "\"kith_vm_hwm_kib\": %.0f, \"kith_maxrss_kib\": %.0f, \"python_s\": %.3f, "
                              "\"python_inner_s\": %.3f, \"python_maxrss_kib\": %.0f, \"kith_connections\": %.0f, "
                              "\"kith_cpu_s\": %.3f, \"python_cpu_s\": %.3f, \"listener_kith_cpu_s\": %.3f, "
                              "\"listener_python_cpu_s\": %.3f}",
                              i > 0 ? ", " : "", r->kith_s, r->kith_queue_s, r->kith_send_s, r->kith_hwm_kib,
                              r->kith_maxrss_kib, r->python_s, r->python_inner_s, r->python_maxrss_kib,
                              r->kith_connections, r->kith_cpu_s, r->python_cpu_s,
                              r->listener_kith_cpu_s, r->listener_python_cpu_s);
    }
  g_string_append (json, "]}\n");
  g_print ("\n%s", json->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— sending through the Outbox against Python's smtplib");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rounds = g_array_new (FALSE, TRUE, sizeof (Round));
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  int messages = 1000, runs = 3;
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_INT, &messages, "How many messages each sends (1,000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "How many rounds, for the medians (3)", "R" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || messages < 1 || runs < 1)
    {
      g_printerr ("bench/send: %s\n", error != NULL ? error->message : "--messages and --runs take 1 or more");
      return 2;
    }

  load_before = load_average ();
  for (int i = 0; i < runs; i++)
    {
      Round round = { 0 };

      if (!one_round ((guint) messages, &round, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
            {
              g_printerr ("bench/send: skipped: %s\n", error->message);
              return 77;
            }
          g_printerr ("bench/send: round %d: %s\n", i + 1, error->message);
          return 1;
        }
      g_array_append_val (rounds, round);
      g_printerr ("bench/send: round %d: Kith %.2f s, smtplib %.2f s\n", i + 1, round.kith_s, round.python_s);
    }
  load_after = load_average ();

  print_table (rounds, (guint) messages, load_before, load_after);
  print_json (rounds, (guint) messages);
  return 0;
}
