/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * kith-test-sender: Kith's sending service in a process of its own, for what a test cannot do
 * to itself (be killed with SIGKILL halfway through a transaction, then started again) and for
 * bench/send (its time and peak memory, alone).
 *
 *   kith-test-sender --data-dir DIR [--queue N --account UID --from ADDRESS --to ADDRESS]
 *
 * Opens the store DIR/kith.db; with --queue, saves and queues N distinct messages (no delay);
 * then flushes the Outbox with KithMailSender (in the private session's registry, Camel's files
 * in DIR/camel) and exits once everything due has been tried. It prints one line of JSON: how
 * many it queued and how long that took, how long the flush took, how many messages are sent,
 * failed and still queued, and its peak resident memory (VmHWM). Exit status 0, or 1 with the
 * reason on stderr.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "kith-mail-sender.h"
#include "kith-mail-session.h"
#include "kith-outbox.h"
#include "kith-phone.h"
#include "../core/kith-test-util.h"

typedef struct {
  char *data_dir;
  int   queue;
  char *account;
  char *from;
  char *to;
} Options;

/* A line of /proc/self/status in kB ("VmHWM:"), or -1 */
static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* Queues n messages, each of its own subject and body so that none is a copy of another */
static gboolean
queue_messages (KithStore      *store,
                const Options  *o,
                GError        **error)
{
  const char *to[] = { o->to, NULL };

  for (int i = 1; i <= o->queue; i++)
    {
      g_autoptr(KithOutgoing) msg = kith_outgoing_new ();
      g_autofree char *subject = g_strdup_printf ("Viewing %d of %d", i, o->queue);
      g_autofree char *body = g_strdup_printf ("Hello,\n\nthis is message %d: the viewing of flat %d is on "
                                               "Saturday at ten. The keys are with the porter.\n\n-- \nKith\n",
                                               i, 100 + i);
      gint64 id;

      kith_outgoing_set_account (msg, o->account);
      kith_outgoing_set_from_address (msg, o->from);
      kith_outgoing_set_to (msg, to);
      kith_outgoing_set_subject (msg, subject);
      kith_outgoing_set_body_text (msg, body);
      id = kith_store_outgoing_save (store, msg, error);
      if (id == 0 || !kith_store_outgoing_queue (store, id, 0, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
flush (KithStore *store,
       const char *data_dir,
       GError    **error)
{
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, error);
  /* The Camel folder the tests' fixtures use (kith-test-send.h), as the application's capture
   * and sender share theirs: the account's folders (Sent) are known there */
  g_autofree char *camel_dir = g_build_filename (data_dir, "camel", NULL);
  g_autofree char *cache_dir = g_build_filename (camel_dir, "cache", NULL);
  g_autoptr(KithMailSession) session = NULL;
  g_autoptr(KithMailSender) sender = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  if (registry == NULL)
    return FALSE;
  session = kith_mail_session_new (registry, camel_dir, cache_dir);
  sender = kith_mail_sender_new (store, session);
  kith_mail_sender_flush_async (sender, NULL, kith_test_result_cb, &result);
  ok = kith_mail_sender_flush_finish (sender, kith_test_wait_result (&result), error);
  kith_mail_sender_stop (sender);

  return ok;
}

static guint
count_state (GPtrArray         *all,
             KithOutgoingState  state)
{
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    n += kith_outgoing_get_state (all->pdata[i]) == state;
  return n;
}

static int
run (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (o->data_dir, "kith.db", NULL);
  g_autoptr(KithStore) store = kith_store_open (path, &error);
  g_autoptr(GPtrArray) all = NULL;
  gint64 start, queued;

  if (store == NULL)
    goto failed;
  kith_services_setup_store (store);

  start = g_get_monotonic_time ();
  if (o->queue > 0 && !queue_messages (store, o, &error))
    goto failed;
  queued = g_get_monotonic_time ();
  if (!flush (store, o->data_dir, &error))
    goto failed;

  all = kith_store_outgoing_list (store, KITH_OUTGOING_MASK_ALL, &error);
  if (all == NULL)
    goto failed;
  g_print ("{\"queued\": %d, \"queue_seconds\": %.3f, \"send_seconds\": %.3f, \"sent\": %u, "
           "\"failed\": %u, \"queued_left\": %u, \"vm_hwm_kib\": %" G_GINT64_FORMAT "}\n",
           o->queue, (queued - start) / 1e6, (g_get_monotonic_time () - queued) / 1e6,
           count_state (all, KITH_OUTGOING_SENT), count_state (all, KITH_OUTGOING_FAILED),
           count_state (all, KITH_OUTGOING_QUEUED), status_kib ("VmHWM:"));
  return 0;

failed:
  g_printerr ("kith-test-sender: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  Options o = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new ("— send what the Outbox holds, in a process of its own");
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.data_dir, "The data dir (kith.db)", "DIR" },
    { "queue", 0, 0, G_OPTION_ARG_INT, &o.queue, "Queue N messages first", "N" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &o.account, "Their account (a mail account source UID)", "UID" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, "Their From address", "ADDRESS" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, "Their recipient", "ADDRESS" },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("kith-test-sender: %s\n", error->message);
      return 2;
    }
  if (o.data_dir == NULL || (o.queue > 0 && (o.account == NULL || o.from == NULL || o.to == NULL)))
    {
      g_printerr ("kith-test-sender: --data-dir, and with --queue --account, --from and --to, are needed\n");
      return 2;
    }

  status = run (&o);
  g_free (o.data_dir);
  g_free (o.account);
  g_free (o.from);
  g_free (o.to);
  return status;
}
