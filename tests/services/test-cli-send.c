/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * `kith-cli send` ($KITH_CLI) on the test's data dir, against the private SMTP listener and
 * Dovecot (kith-test-send.h): what it sends, what it prints and its exit status when the
 * message leaves, is refused, must wait, or cannot be queued.
 */

#include <sys/wait.h>

#define ME "carla@lettings.example"
#define ALIAS "viewings@lettings.example"

#include "kith-test-send.h"

typedef struct {
  int   status;  /* the exit status */
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* kith-cli --data-dir DIR send ARGS… (NULL-terminated) */
G_GNUC_NULL_TERMINATED static Run *
cli_send (Fixture *f,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("KITH_CLI"));
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, f->t->dir);
  g_ptr_array_add (argv, "send");
  va_start (args, f);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);

  return run;
}

/* The one message in the Outbox, in any state; NULL when there is none */
static KithOutgoing *
only_message (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = kith_store_outgoing_list (f->t->store, KITH_OUTGOING_MASK_ALL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, <=, 1);
  return all->len == 1 ? g_object_ref (all->pdata[0]) : NULL;
}

/* Whether a new client of the registry sees the identity's aliases as written */
static gboolean
registry_has_aliases (ESource *written)
{
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, NULL);
  g_autoptr(ESource) identity = registry != NULL ? e_source_registry_ref_source (registry, e_source_get_uid (written)) : NULL;
  g_autofree char *seen = identity != NULL ? e_source_mail_identity_dup_aliases (
                            e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY)) : NULL;
  g_autofree char *wanted = e_source_mail_identity_dup_aliases (
                              e_source_get_extension (written, E_SOURCE_EXTENSION_MAIL_IDENTITY));

  return g_strcmp0 (seen, wanted) == 0;
}

static void
add_alias (Fixture    *f,
           const char *alias)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) account = e_source_registry_ref_source (f->registry, f->account);
  ESourceMailAccount *ext = e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
  g_autoptr(ESource) identity = e_source_registry_ref_source (f->registry, e_source_mail_account_get_identity_uid (ext));
  gint64 deadline;

  e_source_mail_identity_set_aliases (e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY), alias);
  g_assert_true (e_source_write_sync (identity, NULL, &error));
  g_assert_no_error (error);
  /* The registry service takes the change in a moment: kith-cli, a new client, must see it */
  deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  while (!registry_has_aliases (identity))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->t->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_sent (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *html = NULL;
  g_autofree char *plan = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(KithOutgoing) msg = NULL;
  g_autoptr(GPtrArray) received = NULL;
  const char *envelope[] = { "ann@example.com", "carol@example.com", "boss@lettings.example", NULL };
  KithTestSmtpMessage *m;
  const char *wire;
  gsize size;

  add_alias (f, "Viewings <" ALIAS ">");
  body = write_file (f, "body.txt", "Hello Ann,\nthe plan is attached.\n");
  html = write_file (f, "body.html", "<p>Hello Ann,</p><p>the plan is <b>attached</b>.</p>");
  plan = write_file (f, "plan.txt", "Ground floor: two rooms.\n");

  run = cli_send (f, "--account", ME, "--from", ALIAS, "--to", "Ann Lee <ann@example.com>",
                  "--cc", "carol@example.com", "--bcc", "boss@lettings.example", "--subject", "The plan",
                  "--body-file", body, "--html-file", html, "--attach", plan, NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "Sent “The plan”, <"));

  msg = only_message (f);
  g_assert_cmpint (kith_outgoing_get_state (msg), ==, KITH_OUTGOING_SENT);
  g_assert_cmpuint (times_received (f, kith_outgoing_get_id (msg)), ==, 1);
  received = kith_test_smtp_received (f->smtp);
  m = received->pdata[0];
  g_assert_cmpstr (m->mail_from, ==, ALIAS);
  g_assert_cmpstrv (m->rcpt_to, envelope);
  wire = g_bytes_get_data (m->data, &size);
  g_assert_nonnull (g_strstr_len (wire, size, "From: Viewings <" ALIAS ">\r\n"));
  g_assert_nonnull (g_strstr_len (wire, size, "multipart/alternative"));
  g_assert_nonnull (g_strstr_len (wire, size, "plan.txt"));
  g_assert_null (g_strstr_len (wire, size, "boss@lettings.example"));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(KithOutgoing) msg = NULL;

  kith_test_smtp_set_fault (f->smtp, "reject:ann@example.com");
  run = cli_send (f, "--account", f->account, "--to", "ann@example.com", "--subject", "Viewing",
                  "--body", "Saturday at ten.", NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, "kith-cli: Not sent: "));
  g_assert_nonnull (strstr (run->err, "Recipient address rejected"));
  g_assert_nonnull (strstr (run->err, "marked as failed"));

  msg = only_message (f);
  g_assert_cmpint (kith_outgoing_get_state (msg), ==, KITH_OUTGOING_FAILED);
  g_assert_cmpuint (times_received (f, kith_outgoing_get_id (msg)), ==, 0);
}

static void
test_try_later (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(KithOutgoing) msg = NULL;

  kith_test_smtp_set_fault (f->smtp, "tempfail:1");
  run = cli_send (f, "--account", ME, "--to", "ann@example.com", "--subject", "Viewing",
                  "--body", "Saturday at ten.", NULL);
  g_assert_cmpint (run->status, ==, 75);
  g_assert_true (g_str_has_prefix (run->err, "kith-cli: Not sent yet: "));
  g_assert_nonnull (strstr (run->err, "stays in the Outbox"));

  msg = only_message (f);
  g_assert_cmpint (kith_outgoing_get_state (msg), ==, KITH_OUTGOING_QUEUED);
  g_assert_cmpuint (kith_outgoing_get_attempts (msg), ==, 1);
}

/* Nothing is queued, nothing is left in the Outbox or Drafts, and the error names what is wrong */
static void
test_not_queued (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Run) bad_address = NULL;
  g_autoptr(Run) no_account = NULL;
  g_autoptr(Run) no_alias = NULL;
  g_autoptr(Run) unreadable = NULL;
  g_autoptr(Run) no_body = NULL;
  g_autoptr(KithOutgoing) msg = NULL;
  g_autofree char *events = NULL;

  bad_address = cli_send (f, "--account", ME, "--to", "ann@example.com", "--cc", "not an address",
                          "--body", "Hi", NULL);
  g_assert_cmpint (bad_address->status, ==, 1);
  g_assert_nonnull (strstr (bad_address->err, "not an address"));

  no_account = cli_send (f, "--account", "nobody@example.com", "--to", "ann@example.com", "--body", "Hi", NULL);
  g_assert_cmpint (no_account->status, ==, 1);
  g_assert_nonnull (strstr (no_account->err, "“nobody@example.com”"));
  g_assert_nonnull (strstr (no_account->err, ME));

  no_alias = cli_send (f, "--account", ME, "--from", "ceo@lettings.example", "--to", "ann@example.com",
                       "--body", "Hi", NULL);
  g_assert_cmpint (no_alias->status, ==, 1);
  g_assert_nonnull (strstr (no_alias->err, "ceo@lettings.example"));

  unreadable = cli_send (f, "--account", ME, "--to", "ann@example.com", "--body", "Hi",
                         "--attach", "/nonexistent/plan.pdf", NULL);
  g_assert_cmpint (unreadable->status, ==, 1);
  g_assert_nonnull (strstr (unreadable->err, "/nonexistent/plan.pdf"));

  no_body = cli_send (f, "--account", ME, "--to", "ann@example.com", NULL);
  g_assert_cmpint (no_body->status, ==, 2);

  msg = only_message (f);
  g_assert_null (msg);
  events = kith_test_smtp_get_events (f->smtp);
  g_assert_null (strstr (events, "mail tls="));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-send/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sent", test_sent);
  ADD ("refused", test_refused);
  ADD ("try-later", test_try_later);
  ADD ("not-queued", test_not_queued);
#undef ADD

  return g_test_run ();
}
