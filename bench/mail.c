/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/mail: mail capture against its peers, side by side in one run.
 *
 * A generated mailbox (correspondents, threads, both directions, two years of dates) is written
 * straight into the maildir of a private Dovecot (tests/services/kith-test-dovecot.c), and
 * every peer reads it from that server:
 *
 *  - Kith: a Kith store holding the correspondents as people and the account added as a user
 *    would add it (evolution-data-server and the keyring of the private session). The sync
 *    service runs in a process of its own (this program with --service), as the app's would:
 *    it syncs when told to on its stdin and says what it measured on its stdout — wall time,
 *    time to the first timeline entry (a separate SQLite connection polls the database every
 *    20 ms while the sync runs in a worker thread), the phases seen through the capture's
 *    "progress" signal, and its peak resident memory (VmHWM). Being its own process, its peak
 *    memory is the sync service's alone: no generator, no fixture, no peers in it.
 *  - mbsync mirroring the same folders into a maildir, then `notmuch new` indexing that
 *    mirror: together they are what Kith does (a local copy that can be searched).
 *
 * Then a sync with nothing changed, and one after N new messages (--new, 100, which Dovecot
 * indexes before anyone syncs), for Kith and mbsync, each with its CPU time and Dovecot's. Every figure is printed with its peer or limit and goal, with PASS or MISS, then as
 * one line of JSON. This is a benchmark, not a test: the meson test in the "bench" suite only
 * checks that it still runs.
 *
 * What Kith's time goes to, measured in the same run: the CPU time of the service and of
 * Dovecot during the first sync; Camel alone (its own process, a fresh cache) refreshing the
 * folders' headers and, with --camel-fetch, fetching every message folder by folder and in
 * date order across the folders, as the capture does; with --store-alone, the store alone
 * indexing and logging the same messages without IMAP, a transaction per message as the
 * capture does and 200 per transaction. --profile PHASE
 * attaches perf to the service for one of the syncs.
 *
 * Without Dovecot installed it exits with 77 (skipped); the private Dovecot runs as the user
 * who runs this. Without mbsync or notmuch it measures Kith alone, unless
 * --require-peers is given.
 */

#define G_LOG_DOMAIN "KithBench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kith-core.h"
#include "kith-mail-accounts.h"
#include "kith-mail-capture.h"
#include "kith-mail-session.h"
#include "kith-test-dovecot.h"
#include "bench-common.h"
#include "bench-mailbox.h"

/* The columns of the table printed at the end, in characters */
static const int MAIL_WIDTHS[7] = { 44, 16, 40, 16, 7, 20, 4 };

#define GOAL_COLD_RATIO 0.5
#define GOAL_FIRST_S 1.0
#define GOAL_MEMORY_BYTES (48.0 * 1000 * 1000)
#define GOAL_NOCHANGE_RATIO 1.0
#define GOAL_NEW_RATIO 1.0

static int n_messages = 10000;
static int n_people = 300;
static int n_new = 100;
static int seed = 1;
static gboolean require_peers = FALSE;
static gboolean skip_peers = FALSE;
static gboolean camel_fetch = FALSE;
static gboolean store_alone = FALSE;
static gboolean keep = FALSE;
static gboolean verbose = FALSE;
static char *wrap = NULL;
static char *profile = NULL;
/* The service's side */
static gboolean service_mode = FALSE;
static gboolean camel_mode = FALSE;
static char *camel_order = NULL;
static char *data_dir = NULL;
static char *account_uid = NULL;


/* ---- The store alone: what the capture hands it, without IMAP or Camel ---- */

/* A message's headers as the capture's kith_mail_mapping_headers () gives them to
 * kith_store_mail_index () */
static KithMailHeaders *
index_headers (Mailbox    *mb,
               Message    *m,
               const char *account,
               guint       uid)
{
  Person *p = &g_array_index (mb->people, Person, m->person);
  g_autofree char *uid_text = g_strdup_printf ("%u", uid);
  KithMailHeaders *h = kith_mail_headers_new (account, m->inbound ? "INBOX" : "Sent", uid_text,
                                              m->inbound ? "inbox" : "sent");

  h->message_id = g_strdup (m->message_id);
  h->thread_id = kith_mail_thread_id (m->message_id, m->in_reply_to, m->references);
  h->date = m->date * 1000;
  h->subject = g_strdup (m->subject);
  h->from = m->inbound ? kith_mail_address_new (p->email, p->name) : kith_mail_address_new (ME, ME_NAME);
  g_ptr_array_add (h->to, m->inbound ? kith_mail_address_new (ME, ME_NAME) : kith_mail_address_new (p->email, p->name));
  if (m->cc == -2)
    g_ptr_array_add (h->cc, kith_mail_address_new (COWORKER, COWORKER_NAME));
  else if (m->cc >= 0)
    {
      Person *c = &g_array_index (mb->people, Person, m->cc);

      g_ptr_array_add (h->cc, kith_mail_address_new (c->email, c->name));
    }

  return h;
}

static KithStore *
open_people_store (Mailbox     *mb,
                   const char  *path,
                   const char  *account,
                   GError     **error)
{
  g_autoptr(KithStore) store = kith_store_open (path, error);
  const char *addresses[] = { ME, NULL };
  const char *domains[] = { "agency.example", NULL };

  if (store == NULL || !mailbox_store_people (mb, store, error))
    return NULL;

  /* As the capture and the test set them: the account's address, the organisation's domain */
  if (account != NULL &&
      (!kith_store_mail_account_set_identity (store, account, NULL, addresses, error) ||
       !kith_store_mail_account_set_domains (store, account, domains, error)))
    return NULL;

  return g_steal_pointer (&store);
}

typedef struct {
  double index_s;
  double log_s;
  gint64 entries;
} StoreRun;

/* Indexes every message in transactions of 200, as the capture does, then logs each with its
 * text: one transaction per message as the capture does (batch 1), or batch per transaction */
static gboolean
store_alone_run (Mailbox     *mb,
                 const char  *dir,
                 guint        batch,
                 StoreRun    *out,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(KithStore) store = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GHashTable) bodies = g_hash_table_new (g_str_hash, g_str_equal);
  guint uids[2] = { 0, 0 };
  double t;

  g_mkdir_with_parents (dir, 0700);
  store = open_people_store (mb, path, "bench-account", error);
  if (store == NULL)
    return FALSE;
  kith_store_set_clock (store, NULL, NULL);

  /* The history: what the first sync captures */
  t = now_s ();
  for (guint i = 0; i < (guint) n_messages; i++)
    {
      Message *m = g_ptr_array_index (mb->messages, i);
      g_autoptr(KithMailHeaders) o = index_headers (mb, m, "bench-account", ++uids[m->inbound]);
      g_autoptr(GError) local_error = NULL;

      g_hash_table_insert (bodies, m->message_id, m->body);
      if (i % 200 == 0 && !kith_store_begin (store, error))
        return FALSE;
      if (kith_store_mail_index (store, o, NULL, &local_error) == 0)
        g_printerr ("bench: store alone: %s\n", local_error->message);
      if ((i % 200 == 199 || i + 1 == (guint) n_messages) && !kith_store_commit (store, error))
        return FALSE;
    }
  if (kith_store_mail_create_contacts (store, "bench-account", 0, error) == (guint) -1)
    return FALSE;
  out->index_s = now_s () - t;

  t = now_s ();
  pending = kith_store_mail_unlogged (store, "bench-account", 0, 0, error);
  if (pending == NULL)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      KithMailUnlogged *m = g_ptr_array_index (pending, i);
      g_autoptr(KithMailText) text = kith_mail_text_new (g_hash_table_lookup (bodies, m->message_id), FALSE);
      g_autoptr(GError) local_error = NULL;

      if (batch > 1 && i % batch == 0 && !kith_store_begin (store, error))
        return FALSE;
      if (kith_store_mail_log (store, m->id, text, &local_error) == 0)
        g_printerr ("bench: store alone: %s\n", local_error->message);
      if (batch > 1 && (i % batch == batch - 1 || i + 1 == pending->len) &&
          !kith_store_commit (store, error))
        return FALSE;
    }
  out->log_s = now_s () - t;
  out->entries = pending->len;

  return TRUE;
}

/* ---- Memory ---- */

static long
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;

  return strtol (line + strlen (field), NULL, 10);
}

/* ---- The sync service (--service): what the app runs, in a process of its own ---- */

typedef struct {
  double   t;
  char    *folder;
  guint    done;
  guint    total;
  long     anon_kib;  /* RssAnon when it was seen */
} Progress;

typedef struct {
  KithStore       *store;
  KithMailCapture *capture;
  GMainLoop       *loop;
  sqlite3         *db;            /* a second connection, read-only, that polls */
  double           t0;
  gint64           timeline_base;
  gint64           messages_base;
  double           first_index;
  double           first_entry;
  long             anon_peak;
  GArray          *events;        /* Progress */
  gboolean         ok;
  char            *error;
} SyncRun;

static void
progress_clear (Progress *p)
{
  g_free (p->folder);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
poll_cb (gpointer data)
{
  SyncRun *run = data;
  long anon = status_kib ("RssAnon:");

  run->anon_peak = MAX (run->anon_peak, anon);
  if (run->first_index < 0 && query_int (run->db, "SELECT coalesce(max(id), 0) FROM mail_messages") > run->messages_base)
    run->first_index = now_s () - run->t0;
  if (run->first_entry < 0 && query_int (run->db, "SELECT coalesce(max(id), 0) FROM timeline") > run->timeline_base)
    run->first_entry = now_s () - run->t0;

  return G_SOURCE_CONTINUE;
}

static void
on_progress_cb (KithMailCapture *capture,
                const char      *account,
                const char      *folder,
                guint            done,
                guint            total,
                SyncRun         *run)
{
  Progress p = { now_s () - run->t0, g_strdup (folder), done, total, status_kib ("RssAnon:") };

  g_array_append_val (run->events, p);
}

static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SyncRun *run = data;
  g_autoptr(GError) error = NULL;

  run->ok = kith_mail_capture_sync_finish (KITH_MAIL_CAPTURE (source), result, &error);
  if (!run->ok)
    run->error = g_strdup (error->message);
  g_main_loop_quit (run->loop);
}

/* The phases the progress signal shows: until the first folder's headers are listed
 * (connect, folder list, first refresh), reading headers into the index (with the other
 * folders' refreshes), then fetching bodies and logging them */
static JsonObject *
phases_json (SyncRun *run,
             double   total)
{
  JsonObject *o = json_object_new ();
  double first_folder = -1, log_start = -1;

  for (guint i = 0; i < run->events->len; i++)
    {
      Progress *p = &g_array_index (run->events, Progress, i);

      if (p->folder != NULL && first_folder < 0)
        first_folder = p->t;
      if (p->folder == NULL && log_start < 0)
        {
          log_start = p->t;
          /* Everything indexed, the list of messages to log in hand */
          json_object_set_int_member (o, "anon_at_log_start_kib", p->anon_kib);
        }
    }
  if (first_folder >= 0)
    json_object_set_double_member (o, "until_first_folder_listed_s", first_folder);
  if (log_start >= 0 && first_folder >= 0)
    {
      json_object_set_double_member (o, "headers_s", log_start - first_folder);
      json_object_set_double_member (o, "log_s", total - log_start);
    }

  return o;
}

/* CPU time of this process (every thread), seconds */
static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static JsonObject *
service_sync (KithStore       *store,
              KithMailCapture *capture,
              const char      *db_path)
{
  SyncRun run = { 0 };
  JsonObject *out = json_object_new ();
  gulong handler;
  guint poll_id;
  double total;
  long hwm_before = status_kib ("VmHWM:");
  double cpu0 = cpu_s ();

  run.store = store;
  run.capture = capture;
  run.loop = g_main_loop_new (NULL, FALSE);
  run.events = g_array_new (FALSE, TRUE, sizeof (Progress));
  g_array_set_clear_func (run.events, (GDestroyNotify) progress_clear);
  run.first_index = run.first_entry = -1;
  run.anon_peak = status_kib ("RssAnon:");
  if (sqlite3_open_v2 (db_path, &run.db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("bench: %s: %s", db_path, sqlite3_errmsg (run.db));
  run.timeline_base = query_int (run.db, "SELECT coalesce(max(id), 0) FROM timeline");
  run.messages_base = query_int (run.db, "SELECT coalesce(max(id), 0) FROM mail_messages");

  handler = g_signal_connect (capture, "progress", G_CALLBACK (on_progress_cb), &run);
  poll_id = g_timeout_add (20, poll_cb, &run);
  run.t0 = now_s ();
  kith_mail_capture_sync_async (capture, account_uid, NULL, on_synced_cb, &run);
  g_main_loop_run (run.loop);
  total = now_s () - run.t0;
  poll_cb (&run);
  g_source_remove (poll_id);
  g_signal_handler_disconnect (capture, handler);

  json_object_set_boolean_member (out, "ok", run.ok);
  if (run.error != NULL)
    json_object_set_string_member (out, "error", run.error);
  json_object_set_double_member (out, "sync_s", total);
  json_object_set_double_member (out, "cpu_s", cpu_s () - cpu0);
  json_object_set_double_member (out, "first_index_s", run.first_index);
  json_object_set_double_member (out, "first_entry_s", run.first_entry);
  json_object_set_int_member (out, "vm_hwm_before_kib", hwm_before);
  json_object_set_int_member (out, "vm_hwm_kib", status_kib ("VmHWM:"));
  json_object_set_int_member (out, "rss_anon_peak_kib", run.anon_peak);
  {
    /* SQLite's own allocations in this process: Kith's store, Camel's summaries, the poller */
    sqlite3_int64 current = 0, highwater = 0;

    sqlite3_status64 (SQLITE_STATUS_MEMORY_USED, &current, &highwater, FALSE);
    json_object_set_int_member (out, "sqlite_memory_peak_kib", highwater / 1024);
  }
  json_object_set_int_member (out, "rss_file_kib", status_kib ("RssFile:"));
  json_object_set_int_member (out, "rss_shmem_kib", status_kib ("RssShmem:"));
  json_object_set_int_member (out, "messages", query_int (run.db, "SELECT count(*) FROM mail_messages"));
  json_object_set_int_member (out, "entries", query_int (run.db, "SELECT count(*) FROM timeline WHERE kind = 'email'"));
  json_object_set_int_member (out, "new_entries",
                              query_int (run.db, "SELECT coalesce(max(id), 0) FROM timeline") - run.timeline_base);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM records WHERE kind = %d", KITH_RECORD_PERSON);

    json_object_set_int_member (out, "people", query_int (run.db, sql));
  }
  json_object_set_object_member (out, "phases", phases_json (&run, total));

  /* Searchable: a word only the bodies have finds their people */
  {
    g_autoptr(GError) error = NULL;
    guint found = 0;
    double t = now_s ();
    g_autoptr(GArray) ids = kith_store_find (store, KITH_RECORD_PERSON, SEARCH_WORD, KITH_SORT_NAME, KITH_GROUP_NONE,
                                             0, 50, &found, &error);

    json_object_set_double_member (out, "search_ms", (now_s () - t) * 1000);
    json_object_set_int_member (out, "search_people", ids != NULL ? (gint64) found : -1);
  }

  if (verbose)
    for (guint i = 0; i < run.events->len; i++)
      {
        Progress *p = &g_array_index (run.events, Progress, i);

        g_printerr ("bench: service: %7.3f s %s %u/%u\n", p->t, p->folder != NULL ? p->folder : "(log)", p->done, p->total);
      }

  sqlite3_close (run.db);
  g_array_unref (run.events);
  g_main_loop_unref (run.loop);
  g_free (run.error);

  return out;
}

static void
print_json (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);
  g_autofree char *text = json_to_string (node, FALSE);

  g_print ("%s\n", text);
  fflush (stdout);
}

static int
run_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (data_dir, "kith.db", NULL);
  g_autofree char *camel_dir = g_build_filename (data_dir, "camel", NULL);
  g_autofree char *cache_dir = g_build_filename (camel_dir, "cache", NULL);
  g_autoptr(KithStore) store = NULL;
  g_autoptr(ESourceRegistry) registry = NULL;
  g_autoptr(KithMailSession) session = NULL;
  g_autoptr(KithMailCapture) capture = NULL;
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (STDIN_FILENO);
  g_autoptr(JsonObject) ready = json_object_new ();
  char *line = NULL;

  /* Camel warns about what it does not like in mail; that is not the benchmark's business */
  store = kith_store_open (db_path, &error);
  if (store == NULL)
    g_error ("bench: service: %s", error->message);
  registry = e_source_registry_new_sync (NULL, &error);
  if (registry == NULL)
    g_error ("bench: service: %s", error->message);
  session = kith_mail_session_new (registry, camel_dir, cache_dir);
  capture = kith_mail_capture_new (store, session);

  json_object_set_boolean_member (ready, "ready", TRUE);
  json_object_set_int_member (ready, "vm_hwm_kib", status_kib ("VmHWM:"));
  print_json (ready);

  while (g_io_channel_read_line (in, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      g_strstrip (line);
      if (g_str_equal (line, "sync"))
        {
          g_autoptr(JsonObject) result = service_sync (store, capture, db_path);

          print_json (result);
        }
      else if (g_str_equal (line, "quit"))
        {
          g_free (line);
          break;
        }
      g_clear_pointer (&line, g_free);
    }

  return 0;
}

/* ---- Camel alone (--camel): the folders' headers into a fresh cache, and every message ---- */

typedef struct {
  CamelFolder *folder;
  const char  *uid;
  gint64       date;
} FetchItem;

static int
compare_fetch_dates (gconstpointer a,
                     gconstpointer b)
{
  const FetchItem *x = a, *y = b;

  return x->date < y->date ? -1 : x->date > y->date;
}

typedef struct {
  KithMailSession *session;
  ESource         *source;
  GMainLoop       *loop;
  JsonObject      *out;
} CamelRun;

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* In a worker thread, while the main thread runs its main loop, as in the sync service */
static gpointer
camel_thread (gpointer data)
{
  static const char *folders[] = { "INBOX", "Sent", "Archive" };
  CamelRun *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelService) service = NULL;
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_object_unref);
  CamelFolderInfo *fi;
  double t0, refresh_s, fetch_s = -1;
  guint messages = 0, fetched = 0;

  t0 = now_s ();
  service = kith_mail_session_ref_service (run->session, run->source, "imapx", CAMEL_PROVIDER_STORE, &error);
  if (service == NULL || !kith_mail_session_connect_sync (run->session, service, NULL, &error))
    g_error ("bench: camel: %s", error->message);
  /* As the capture does: the folder list first, else Camel knows no folder but INBOX */
  fi = camel_store_get_folder_info_sync (CAMEL_STORE (service), NULL,
                                         CAMEL_STORE_FOLDER_INFO_RECURSIVE | CAMEL_STORE_FOLDER_INFO_NO_VIRTUAL,
                                         NULL, &error);
  if (fi == NULL)
    g_error ("bench: camel: %s", error->message);
  camel_folder_info_free (fi);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      CamelFolder *folder = camel_store_get_folder_sync (CAMEL_STORE (service), folders[i], 0, NULL, &error);

      if (folder == NULL || !camel_folder_refresh_info_sync (folder, NULL, &error))
        g_error ("bench: camel: %s: %s", folders[i], error->message);
      messages += camel_folder_get_message_count (folder);
      g_ptr_array_add (open, folder);
    }
  refresh_s = now_s () - t0;

  /* Every message: folder after folder, or in date order across the folders, as the
   * capture fetches them (a change of folder is a SELECT on the connection) */
  if (camel_fetch)
    {
      g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (FetchItem));
      g_autoptr(GPtrArray) all_uids = g_ptr_array_new ();

      for (guint i = 0; i < open->len; i++)
        {
          CamelFolder *folder = open->pdata[i];
          GPtrArray *uids = camel_folder_get_uids (folder);

          for (guint k = 0; k < uids->len; k++)
            {
              g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[k]);
              FetchItem item = { folder, uids->pdata[k], info != NULL ? camel_message_info_get_date_sent (info) : 0 };

              g_array_append_val (order, item);
            }
          g_ptr_array_add (all_uids, uids);
        }
      if (g_strcmp0 (camel_order, "date") == 0)
        g_array_sort (order, compare_fetch_dates);

      t0 = now_s ();
      for (guint i = 0; i < order->len; i++)
        {
          FetchItem *item = &g_array_index (order, FetchItem, i);
          g_autoptr(CamelMimeMessage) message = camel_folder_get_message_sync (item->folder, item->uid, NULL, NULL);

          fetched += message != NULL;
        }
      fetch_s = now_s () - t0;
      for (guint i = 0; i < all_uids->len; i++)
        camel_folder_free_uids (open->pdata[i], all_uids->pdata[i]);
    }

  run->out = json_object_new ();
  json_object_set_double_member (run->out, "refresh_s", refresh_s);
  json_object_set_int_member (run->out, "messages", messages);
  json_object_set_double_member (run->out, "fetch_s", fetch_s);
  json_object_set_int_member (run->out, "fetched", fetched);
  json_object_set_int_member (run->out, "vm_hwm_kib", status_kib ("VmHWM:"));
  g_main_context_invoke (NULL, quit_cb, run->loop);

  return NULL;
}

static int
run_camel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *camel_name = g_strdup_printf ("camel-alone-%s", camel_order != NULL ? camel_order : "folder");
  g_autofree char *camel_dir = g_build_filename (data_dir, camel_name, NULL);
  g_autofree char *cache_dir = g_build_filename (camel_dir, "cache", NULL);
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, &error);
  g_autoptr(KithMailSession) session = NULL;
  g_autoptr(ESource) source = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  CamelRun run = { 0 };
  GThread *thread;

  if (registry == NULL)
    g_error ("bench: camel: %s", error->message);
  session = kith_mail_session_new (registry, camel_dir, cache_dir);
  source = e_source_registry_ref_source (registry, account_uid);
  if (source == NULL)
    g_error ("bench: camel: no account %s", account_uid);

  run.session = session;
  run.source = source;
  run.loop = loop;
  thread = g_thread_new ("camel-alone", camel_thread, &run);
  g_main_loop_run (loop);
  g_thread_join (thread);
  print_json (run.out);
  json_object_unref (run.out);

  return 0;
}

/* ---- The driver: generator, server, peers, table ---- */

/* CPU time (s) of a process from /proc/PID/stat; with_children adds its reaped children's */
static double
proc_cpu_s (int      pid,
            gboolean with_children,
            int     *out_ppid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close;
  double ticks = sysconf (_SC_CLK_TCK);
  double t;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (close = strrchr (text, ')')) == NULL)
    return -1;
  fields = g_strsplit (close + 2, " ", 20);
  if (g_strv_length (fields) < 16)
    return -1;
  if (out_ppid != NULL)
    *out_ppid = atoi (fields[1]);
  /* after "pid (comm) ": state ppid … utime (12) stime (13) cutime (14) cstime (15) */
  t = g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL);
  if (with_children)
    t += g_ascii_strtod (fields[13], NULL) + g_ascii_strtod (fields[14], NULL);

  return t / ticks;
}

/* CPU time of our Dovecot: its master (with the processes it has reaped) and every live
 * process below it — the server's side of each figure */
static double
dovecot_cpu_s (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autoptr(GHashTable) parent = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) cpu = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  const char *name;
  int master = 0;
  double total = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (name), ppid = 0;
      double t;
      g_autofree char *comm_path = NULL;
      g_autofree char *comm = NULL;

      if (pid <= 0 || (t = proc_cpu_s (pid, FALSE, &ppid)) < 0)
        continue;
      g_hash_table_insert (parent, GINT_TO_POINTER (pid), GINT_TO_POINTER (ppid));
      g_hash_table_insert (cpu, GINT_TO_POINTER (pid), g_memdup2 (&t, sizeof t));
      comm_path = g_strdup_printf ("/proc/%d/comm", pid);
      if (ppid == getpid () && g_file_get_contents (comm_path, &comm, NULL, NULL) && g_str_has_prefix (comm, "dovecot"))
        master = pid;
    }
  if (master == 0)
    return -1;

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, cpu);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        int p = GPOINTER_TO_INT (g_hash_table_lookup (parent, key));

        for (guint depth = 0; depth < 16 && p > 1; depth++)
          {
            if (p == master)
              {
                total += *(double *) value;
                if (verbose)
                  {
                    g_autofree char *comm_path = g_strdup_printf ("/proc/%d/comm", GPOINTER_TO_INT (key));
                    g_autofree char *comm = NULL;

                    g_file_get_contents (comm_path, &comm, NULL, NULL);
                    g_printerr ("bench: dovecot process %d %s: %.2f s CPU\n", GPOINTER_TO_INT (key),
                                comm != NULL ? g_strstrip (comm) : "?", *(double *) value);
                  }
                break;
              }
            p = GPOINTER_TO_INT (g_hash_table_lookup (parent, GINT_TO_POINTER (p)));
          }
      }
  }

  if (verbose)
    g_printerr ("bench: dovecot master %d: %.2f s CPU with its reaped children\n", master, proc_cpu_s (master, TRUE, NULL));

  return total + proc_cpu_s (master, TRUE, NULL);
}




static char *
fmt_s (double s)
{
  if (s < 0)
    return g_strdup ("—");
  if (s < 1)
    return g_strdup_printf ("%.0f ms", s * 1000);
  return g_strdup_printf ("%.2f s", s);
}

static char *
fmt_mib (double kib)
{
  return kib < 0 ? g_strdup ("—") : g_strdup_printf ("%.1f MiB", kib / 1024);
}

/* Runs a peer to its end: wall time and peak resident memory (from wait4) */
typedef struct {
  double   seconds;
  long     maxrss_kib;
  gboolean ok;
  double   cpu_s;      /* user and system */
} PeerRun;

static PeerRun
run_peer (const char *log_path,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  PeerRun out = { -1, -1, FALSE };
  const char *arg;
  va_list args;
  GPid pid;
  int fd, status = 0;
  struct rusage usage;
  double t0;

  va_start (args, log_path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  fd = g_open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    return out;
  t0 = now_s ();
  if (!g_spawn_async_with_fds (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                               NULL, NULL, &pid, -1, fd, fd, &error))
    {
      close (fd);
      g_printerr ("bench: %s: %s\n", (char *) argv->pdata[0], error->message);
      return out;
    }
  close (fd);
  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  out.seconds = now_s () - t0;
  out.maxrss_kib = usage.ru_maxrss;
  out.cpu_s = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  out.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  g_spawn_close_pid (pid);
  if (!out.ok)
    {
      g_autofree char *log = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      g_printerr ("bench: %s failed (status %d):\n%s\n", (char *) argv->pdata[0], status, log != NULL ? log : "");
    }
  if (verbose)
    g_printerr ("bench: %s %s: %.3f s, %ld KiB\n", (char *) argv->pdata[0], (char *) argv->pdata[argv->len - 2],
                out.seconds, out.maxrss_kib);

  return out;
}

static guint
count_maildir (const char *root)
{
  static const char *folders[] = { "INBOX", "Sent", "Archive" };
  static const char *subdirs[] = { "cur", "new" };
  guint n = 0;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    for (guint s = 0; s < G_N_ELEMENTS (subdirs); s++)
      {
        g_autofree char *path = g_build_filename (root, folders[f], subdirs[s], NULL);
        g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
        const char *name;

        while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
          n += name[0] != '.';
      }

  return n;
}

/* The service process and its conversation */
typedef struct {
  GSubprocess      *process;
  GDataInputStream *out;
  GOutputStream    *in;
} Service;

static JsonObject *
service_read (Service  *service,
              GError  **error)
{
  g_autofree char *line = g_data_input_stream_read_line (service->out, NULL, NULL, error);
  g_autoptr(JsonNode) node = NULL;

  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "The sync service exited");
      return NULL;
    }
  node = json_from_string (line, error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The sync service said: %s", line);
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
service_sync_remote (Service  *service,
                     GError  **error)
{
  g_autoptr(JsonObject) result = NULL;

  if (!g_output_stream_write_all (service->in, "sync\n", 5, NULL, NULL, error) ||
      !g_output_stream_flush (service->in, NULL, error))
    return NULL;
  result = service_read (service, error);
  if (result == NULL)
    return NULL;
  if (!json_object_get_boolean_member_with_default (result, "ok", FALSE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The sync failed: %s",
                   json_object_get_string_member_with_default (result, "error", "?"));
      return NULL;
    }

  return g_steal_pointer (&result);
}

static char *self_exe;

static GPtrArray *
child_argv (const char *mode)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  if (wrap != NULL && g_str_equal (mode, "--service"))
    {
      g_auto(GStrv) words = NULL;

      if (g_shell_parse_argv (wrap, NULL, &words, NULL))
        for (guint i = 0; words[i] != NULL; i++)
          g_ptr_array_add (argv, g_strdup (words[i]));
    }
  g_ptr_array_add (argv, g_strdup (self_exe));
  g_ptr_array_add (argv, g_strdup (mode));
  g_ptr_array_add (argv, g_strdup ("--data-dir"));
  g_ptr_array_add (argv, g_strdup (data_dir));
  g_ptr_array_add (argv, g_strdup ("--account"));
  g_ptr_array_add (argv, g_strdup (account_uid));
  if (verbose)
    g_ptr_array_add (argv, g_strdup ("--verbose"));
  if (camel_fetch && g_str_equal (mode, "--camel"))
    g_ptr_array_add (argv, g_strdup ("--camel-fetch"));
  g_ptr_array_add (argv, NULL);

  return argv;
}

/* Runs Camel alone (--camel) in a process of its own, into a fresh cache */
static JsonObject *
run_camel_child (const char  *order,
                 GError     **error)
{
  g_autoptr(GPtrArray) argv = child_argv ("--camel");
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_ptr_array_insert (argv, argv->len - 1, g_strdup_printf ("--camel-order=%s", order));
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &text, NULL, error))
    return NULL;
  node = json_from_string (text != NULL ? text : "", NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Camel alone failed");
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

static double
get_d (JsonObject *o,
       const char *member)
{
  return o != NULL ? json_object_get_double_member_with_default (o, member, -1) : -1;
}

static gint64
get_i (JsonObject *o,
       const char *member)
{
  return o != NULL ? json_object_get_int_member_with_default (o, member, -1) : -1;
}

static const char *
verdict (gboolean pass)
{
  return pass ? "PASS" : "MISS";
}

/* --profile PHASE: perf record attached to the sync service for that sync only */
static GSubprocess *
profile_start (Service    *service,
               const char *phase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *pid = g_subprocess_get_identifier (service->process);
  GSubprocess *perf;

  if (profile == NULL || !g_str_equal (profile, phase) || pid == NULL)
    return NULL;
  output = g_strdup_printf ("perf-mail-%s.data", phase);
  perf = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "perf", "record", "-F", "3999", "--call-graph", "dwarf,16384",
                           "-p", pid, "-o", output, NULL);
  if (perf == NULL)
    g_printerr ("bench: perf: %s\n", error->message);
  else
    {
      g_printerr ("bench: profiling the %s sync into %s\n", phase, output);
      g_usleep (G_USEC_PER_SEC);   /* until perf is attached */
    }

  return perf;
}

static void
profile_stop (GSubprocess *perf)
{
  if (perf == NULL)
    return;
  g_subprocess_send_signal (perf, SIGINT);
  g_subprocess_wait (perf, NULL, NULL);
  g_object_unref (perf);
}

typedef struct {
  KithTestDovecot *dovecot;
  ESourceRegistry *registry;
  KithMailSession *session;
  char            *work;
  Service          service;
} Run;

/* Asks the sync service to quit (it then closes its IMAP connections); kills it by its PID when
 * it does not */
static void
service_stop (Service *service)
{
  if (service->process == NULL)
    return;
  g_output_stream_write_all (service->in, "quit\n", 5, NULL, NULL, NULL);
  g_output_stream_close (service->in, NULL, NULL);
  if (!g_subprocess_wait (service->process, NULL, NULL))
    g_subprocess_force_exit (service->process);
  g_clear_object (&service->out);
  g_clear_object (&service->process);
}

static void
run_clear (Run *run)
{
  service_stop (&run->service);
  if (run->registry != NULL && account_uid != NULL)
    kith_mail_account_remove_sync (run->registry, account_uid, NULL, NULL);
  g_clear_object (&run->session);
  g_clear_object (&run->registry);
  g_clear_pointer (&run->dovecot, kith_test_dovecot_stop);
  if (run->work != NULL && !keep)
    rm_rf (run->work);
  else if (run->work != NULL)
    g_printerr ("bench: kept %s\n", run->work);
  g_free (run->work);
}

static int
run_driver (void)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(Mailbox) mb = NULL;
  g_autoptr(KithStore) store = NULL;
  g_autoptr(JsonObject) cold = NULL, nochange = NULL, incremental = NULL, camel = NULL, camel_date = NULL, ready = NULL;
  g_autoptr(JsonObject) nochange_again = NULL;
  g_autofree char *mirror = NULL, *mbsync_rc = NULL, *notmuch_rc = NULL, *peer_log = NULL, *db_path = NULL;
  g_autofree char *mbsync = g_find_program_in_path ("mbsync");
  g_autofree char *notmuch = g_find_program_in_path ("notmuch");
  PeerRun mb_cold = { -1, -1, FALSE }, nm_cold = { -1, -1, FALSE }, mb_nochange = { -1, -1, FALSE };
  PeerRun mb_new = { -1, -1, FALSE }, nm_new = { -1, -1, FALSE };
  gboolean peers;
  guint64 bytes = 0;
  guint expected_hits, mirrored_cold = 0, first_new;
  double dovecot0, dovecot_kith = -1, dovecot_mbsync = -1, dovecot_kith_new = -1, dovecot_mbsync_new = -1;
  StoreRun alone1 = { -1, -1, -1 }, alone200 = { -1, -1, -1 };
  GSubprocess *perf = NULL;
  gint64 notmuch_count = -1;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double t;
  Run run = { 0 };
  int status = 1;

  peers = !skip_peers && mbsync != NULL && notmuch != NULL;
  if (!peers && !skip_peers)
    {
      g_printerr ("bench: %s not found: the peers are skipped, Kith is measured alone\n",
                  mbsync == NULL && notmuch == NULL ? "mbsync and notmuch" : mbsync == NULL ? "mbsync" : "notmuch");
      if (require_peers)
        {
          g_printerr ("bench: --require-peers: install isync and notmuch (build-aux/debian-packages.txt)\n");
          return 1;
        }
    }

  run.dovecot = kith_test_dovecot_start (users, &error);
  if (run.dovecot == NULL)
    {
      g_printerr ("bench: skipped: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ? 77 : 1;
    }

  run.work = g_dir_make_tmp ("kith-bench-mail-XXXXXX", &error);
  if (run.work == NULL)
    goto out;
  data_dir = g_build_filename (run.work, "kith", NULL);
  g_mkdir_with_parents (data_dir, 0700);
  db_path = g_build_filename (data_dir, "kith.db", NULL);
  peer_log = g_build_filename (run.work, "peers.log", NULL);

  /* The mailbox, straight into the server's maildir */
  t = now_s ();
  mb = mailbox_new (n_people, seed);
  generate_history (mb, n_messages, now);
  if (!deliver_range (run.dovecot, mb, 0, mb->messages->len, &bytes, &error))
    goto out;
  if (!mailbox_warm_up (kith_test_dovecot_get_port (run.dovecot), &error))
    goto out;
  g_print ("Kith mail capture benchmark: %d messages (%s INBOX, %s Sent, %.1f MiB) from %d correspondents "
           "in %u threads; Dovecot on 127.0.0.1:%u; %s (%.1f s to generate)\n",
           n_messages, "≈70%", "≈30%", bytes / 1048576.0, n_people, mb->threads->len,
           kith_test_dovecot_get_port (run.dovecot), run.work, now_s () - t);

  /* Kith: the correspondents as people, and the account as a user adds it */
  store = kith_store_open (db_path, &error);
  if (store == NULL || !mailbox_store_people (mb, store, &error))
    goto out;

  run.registry = e_source_registry_new_sync (NULL, &error);
  if (run.registry == NULL)
    goto out;
  {
    g_autofree char *camel_dir = g_build_filename (run.work, "setup-camel", NULL);
    g_autofree char *cache_dir = g_build_filename (camel_dir, "cache", NULL);

    run.session = kith_mail_session_new (run.registry, camel_dir, cache_dir);
    account_uid = mailbox_add_account (run.session, store, kith_test_dovecot_get_port (run.dovecot), &error);
    if (account_uid == NULL)
      goto out;
  }
  g_clear_object (&store);

  /* The sync service, in its own process */
  {
    g_autoptr(GPtrArray) argv = child_argv ("--service");

    run.service.process = g_subprocess_newv ((const char * const *) argv->pdata,
                                             G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    if (run.service.process == NULL)
      goto out;
    run.service.in = g_subprocess_get_stdin_pipe (run.service.process);
    run.service.out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run.service.process));
    ready = service_read (&run.service, &error);
    if (ready == NULL)
      goto out;
  }

  /* (1) Cold: Kith, then the peers */
  g_printerr ("bench: Kith, first sync…\n");
  perf = profile_start (&run.service, "cold");
  dovecot0 = dovecot_cpu_s ();
  cold = service_sync_remote (&run.service, &error);
  dovecot_kith = dovecot_cpu_s () - dovecot0;
  profile_stop (g_steal_pointer (&perf));
  if (cold == NULL)
    goto out;

  if (peers)
    {
      g_autofree char *rc = NULL;

      mirror = g_build_filename (run.work, "mirror", NULL);
      g_mkdir_with_parents (mirror, 0700);
      mbsync_rc = g_build_filename (run.work, "mbsyncrc", NULL);
      notmuch_rc = g_build_filename (run.work, "notmuch-config", NULL);
      rc = g_strdup_printf ("IMAPAccount bench\nHost 127.0.0.1\nPort %u\nUser alice\nPass %s\nSSLType None\n"
                            "AuthMechs LOGIN\n\nIMAPStore remote\nAccount bench\n\n"
                            "MaildirStore mirror\nPath %s/\nInbox %s/INBOX\nSubFolders Verbatim\n\n"
                            "Channel bench\nFar :remote:\nNear :mirror:\nPatterns *\nCreate Near\nSync Pull\n"
                            "SyncState *\n",
                            kith_test_dovecot_get_port (run.dovecot), PASSWORD, mirror, mirror);
      if (!g_file_set_contents (mbsync_rc, rc, -1, &error))
        goto out;
      g_free (rc);
      rc = g_strdup_printf ("[database]\npath=%s\n\n[user]\nname=" ME_NAME "\nprimary_email=" ME "\n\n"
                            "[new]\ntags=unread;inbox;\n"
                            "ignore=.mbsyncstate;.mbsyncstate.journal;.mbsyncstate.new;.mbsyncstate.lock;.uidvalidity\n\n"
                            "[search]\nexclude_tags=deleted;spam;\n\n[maildir]\nsynchronize_flags=true\n",
                            mirror);
      if (!g_file_set_contents (notmuch_rc, rc, -1, &error))
        goto out;

      g_printerr ("bench: mbsync, first sync; notmuch new…\n");
      dovecot0 = dovecot_cpu_s ();
      mb_cold = run_peer (peer_log, "mbsync", "-c", mbsync_rc, "-q", "-a", NULL);
      dovecot_mbsync = dovecot_cpu_s () - dovecot0;
      nm_cold = run_peer (peer_log, "notmuch", "--config", notmuch_rc, "new", "--quiet", NULL);
      mirrored_cold = count_maildir (mirror);
      {
        g_autofree char *count = NULL;
        const char *argv[] = { "notmuch", "--config", notmuch_rc, "count", "*", NULL };

        if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                          &count, NULL, NULL, NULL))
          notmuch_count = g_ascii_strtoll (count, NULL, 10);
      }
      if (!mb_cold.ok || !nm_cold.ok)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "A peer failed: see above");
          goto out;
        }
    }

  /* (2) Nothing changed */
  g_printerr ("bench: sync with nothing changed…\n");
  perf = profile_start (&run.service, "nochange");
  nochange = service_sync_remote (&run.service, &error);
  profile_stop (g_steal_pointer (&perf));
  if (nochange == NULL)
    goto out;
  if (peers)
    mb_nochange = run_peer (peer_log, "mbsync", "-c", mbsync_rc, "-q", "-a", NULL);

  /* Once more: the steady state, once the first sync's leftovers are written */
  nochange_again = service_sync_remote (&run.service, &error);
  if (nochange_again == NULL)
    goto out;

  /* (3) New messages */
  g_printerr ("bench: %d new messages…\n", n_new);
  /* What the first sync's search should have found: the history alone */
  expected_hits = expected_search_hits (mb);
  first_new = generate_new (mb, n_new, now);
  /* As before the first sync: Dovecot indexes the new files before anyone is timed, so that
   * Kith, which syncs first, does not pay for it and mbsync after it not */
  if (!deliver_range (run.dovecot, mb, first_new, mb->messages->len, &bytes, &error) ||
      !mailbox_warm_up (kith_test_dovecot_get_port (run.dovecot), &error))
    goto out;
  perf = profile_start (&run.service, "new");
  dovecot0 = dovecot_cpu_s ();
  incremental = service_sync_remote (&run.service, &error);
  dovecot_kith_new = dovecot_cpu_s () - dovecot0;
  profile_stop (g_steal_pointer (&perf));
  if (incremental == NULL)
    goto out;
  if (peers)
    {
      dovecot0 = dovecot_cpu_s ();
      mb_new = run_peer (peer_log, "mbsync", "-c", mbsync_rc, "-q", "-a", NULL);
      dovecot_mbsync_new = dovecot_cpu_s () - dovecot0;
      nm_new = run_peer (peer_log, "notmuch", "--config", notmuch_rc, "new", "--quiet", NULL);
    }

  /* Camel alone, for the floor under Kith: with the service gone, so that its connections
   * (idling in INBOX and Sent) do not share the server */
  service_stop (&run.service);
  g_printerr ("bench: Camel alone…\n");
  camel = run_camel_child ("folder", &error);
  if (camel == NULL)
    goto out;
  if (camel_fetch)
    {
      camel_date = run_camel_child ("date", &error);
      if (camel_date == NULL)
        goto out;
    }

  /* The store alone: the capture's store calls on the same messages, without IMAP */
  if (store_alone)
    {
      g_autofree char *dir1 = g_build_filename (run.work, "store-alone-1", NULL);
      g_autofree char *dir200 = g_build_filename (run.work, "store-alone-200", NULL);

      g_printerr ("bench: the store alone, as the capture logs (a transaction per message)…\n");
      if (!store_alone_run (mb, dir1, 1, &alone1, &error))
        goto out;
      rm_rf (dir1);
      g_printerr ("bench: the store alone, logging in transactions of 200…\n");
      if (!store_alone_run (mb, dir200, 200, &alone200, &error))
        goto out;
      rm_rf (dir200);
    }

  /* The table */
  table = g_string_new (NULL);
  {
    g_autofree char *nm = fmt_count (n_messages);
    g_autofree char *what = g_strdup_printf ("(1) first sync, %s messages", nm);
    double k = get_d (cold, "sync_s");
    double combined = mb_cold.seconds + nm_cold.seconds;
    g_autofree char *kith = fmt_s (k);
    g_autofree char *first = fmt_s (get_d (cold, "first_entry_s"));
    g_autofree char *hwm = fmt_mib (get_i (cold, "vm_hwm_kib"));
    g_autofree char *entries = fmt_count (get_i (cold, "entries"));
    g_autofree char *entries_want = g_strdup_printf ("all %s", nm);
    gint64 found = get_i (cold, "search_people");
    g_autofree char *search = g_strdup_printf ("%" G_GINT64_FORMAT " people", found);
    g_autofree char *search_want = g_strdup_printf ("%u people", expected_hits);

    if (peers)
      {
        g_autofree char *both = fmt_s (combined);
        g_autofree char *ratio = g_strdup_printf ("%.2f×", k / combined);
        g_autofree char *mb_s = fmt_s (mb_cold.seconds);
        g_autofree char *nm_s = fmt_s (nm_cold.seconds);
        g_autofree char *mb_mem = fmt_mib (mb_cold.maxrss_kib);
        g_autofree char *nm_mem = fmt_mib (nm_cold.maxrss_kib);
        g_autofree char *mirror_n = fmt_count (mirrored_cold);
        g_autofree char *nm_n = fmt_count (notmuch_count);

        bench_row (MAIL_WIDTHS, what, kith, "mbsync mirror + notmuch new", both, ratio, "≤ 0.5× the peers", verdict (k / combined <= GOAL_COLD_RATIO));
        bench_row (MAIL_WIDTHS, "    mbsync, first sync (its own figure)", mb_s, "mirrored messages", mirror_n, NULL, NULL, NULL);
        bench_row (MAIL_WIDTHS, "    notmuch new on the mirror", nm_s, "messages notmuch counts", nm_n, NULL, NULL, NULL);
        bench_row (MAIL_WIDTHS, "(1) peak memory, sync service (VmHWM)", hwm, "mbsync / notmuch new, peak RSS", mb_mem, NULL, "≤ 48 MB", verdict (get_i (cold, "vm_hwm_kib") * 1024.0 <= GOAL_MEMORY_BYTES));
        bench_row (MAIL_WIDTHS, "", "", "", nm_mem, NULL, NULL, NULL);
      }
    else
      {
        bench_row (MAIL_WIDTHS, what, kith, "mbsync + notmuch new: not run", NULL, NULL, "≤ 0.5× the peers", NULL);
        bench_row (MAIL_WIDTHS, "(1) peak memory, sync service (VmHWM)", hwm, NULL, NULL, NULL, "≤ 48 MB", verdict (get_i (cold, "vm_hwm_kib") * 1024.0 <= GOAL_MEMORY_BYTES));
      }
    bench_row (MAIL_WIDTHS, "(1) first timeline entry, from the start", first, NULL, NULL, NULL, "≤ 1 s", verdict (get_d (cold, "first_entry_s") >= 0 && get_d (cold, "first_entry_s") <= GOAL_FIRST_S));
    bench_row (MAIL_WIDTHS, "(1) timeline entries", entries, NULL, NULL, NULL, entries_want, verdict (get_i (cold, "entries") == n_messages));
    bench_row (MAIL_WIDTHS, "(1) search \"" SEARCH_WORD "\" (bodies only)", search, NULL, NULL, NULL, search_want, verdict (found == expected_hits));
    {
      JsonObject *ph = json_object_get_object_member (cold, "phases");
      g_autofree char *a = fmt_s (get_d (ph, "until_first_folder_listed_s"));
      g_autofree char *b = fmt_s (get_d (ph, "headers_s"));
      g_autofree char *c = fmt_s (get_d (ph, "log_s"));
      g_autofree char *anon = fmt_mib (get_i (cold, "rss_anon_peak_kib"));
      g_autofree char *file = fmt_mib (get_i (cold, "rss_file_kib"));
      g_autofree char *before = fmt_mib (get_i (ready, "vm_hwm_kib"));
      g_autofree char *cpu = fmt_s (get_d (cold, "cpu_s"));
      g_autofree char *dovecot = fmt_s (dovecot_kith);
      g_autofree char *dovecot_peer = peers ? fmt_s (dovecot_mbsync) : NULL;
      g_autofree char *anon_log = fmt_mib (get_i (ph, "anon_at_log_start_kib"));
      g_autofree char *sqlite_mem = fmt_mib (get_i (cold, "sqlite_memory_peak_kib"));

      bench_row (MAIL_WIDTHS, "    connect, list, first folder's first headers", a, NULL, NULL, NULL, NULL, NULL);
      bench_row (MAIL_WIDTHS, "    then to the first messages logged", b, NULL, NULL, NULL, NULL, NULL);
      bench_row (MAIL_WIDTHS, "    fetch each message, log it", c, NULL, NULL, NULL, NULL, NULL);
      bench_row (MAIL_WIDTHS, "    memory: anonymous peak / file now", anon, "file-backed (SQLite mmap, libraries)", file, NULL, NULL, NULL);
      bench_row (MAIL_WIDTHS, "    memory: service before the sync", before, NULL, NULL, NULL, NULL, NULL);
      bench_row (MAIL_WIDTHS, "    CPU time of the service (all threads)", cpu, NULL, NULL, NULL, NULL, NULL);
      bench_row (MAIL_WIDTHS, "    CPU time of Dovecot meanwhile", dovecot, "Dovecot, during mbsync's first sync", dovecot_peer, NULL, NULL, NULL);
      bench_row (MAIL_WIDTHS, "    memory: anonymous at the start of logging", anon_log, "of it SQLite's, at its peak", sqlite_mem, NULL, NULL, NULL);
    }
    if (camel != NULL)
      {
        g_autofree char *refresh = fmt_s (get_d (camel, "refresh_s"));
        g_autofree char *fetch = fmt_s (get_d (camel, "fetch_s"));

        bench_row (MAIL_WIDTHS, "    Camel alone: refresh the 3 folders", refresh, NULL, NULL, NULL, NULL, NULL);
        if (camel_fetch)
          {
            g_autofree char *fetch_date = fmt_s (get_d (camel_date, "fetch_s"));

            bench_row (MAIL_WIDTHS, "    Camel alone: fetch each message, by folder", fetch, NULL, NULL, NULL, NULL, NULL);
            bench_row (MAIL_WIDTHS, "    Camel alone: … in date order (as Kith)", fetch_date, NULL, NULL, NULL, NULL, NULL);
          }
      }
    if (store_alone)
      {
        g_autofree char *i1 = fmt_s (alone1.index_s);
        g_autofree char *l1 = fmt_s (alone1.log_s);
        g_autofree char *l200 = fmt_s (alone200.log_s);
        g_autofree char *ratio = g_strdup_printf ("%.1f×", alone1.log_s / alone200.log_s);

        bench_row (MAIL_WIDTHS, "    store alone: index the headers", i1, NULL, NULL, NULL, NULL, NULL);
        bench_row (MAIL_WIDTHS, "    store alone: log, a transaction each", l1, "in transactions of 200", l200, ratio, NULL, NULL);
      }
  }
  {
    double k = get_d (nochange, "sync_s");
    g_autofree char *kith = fmt_s (k);
    g_autofree char *peer = fmt_s (mb_nochange.seconds);
    g_autofree char *ratio = peers ? g_strdup_printf ("%.2f×", k / mb_nochange.seconds) : NULL;

    g_autofree char *again = fmt_s (get_d (nochange_again, "sync_s"));

    bench_row (MAIL_WIDTHS, "(2) sync, nothing changed", kith, peers ? "mbsync, nothing changed" : "mbsync: not run", peers ? peer : NULL,
         ratio, "≤ 1× mbsync", peers ? verdict (k <= GOAL_NOCHANGE_RATIO * mb_nochange.seconds) : NULL);
    bench_row (MAIL_WIDTHS, "    a second time, nothing changed", again, NULL, NULL, NULL, NULL, NULL);
  }
  {
    double k = get_d (incremental, "sync_s");
    g_autofree char *what = g_strdup_printf ("(3) sync, %d new messages", n_new);
    g_autofree char *kith = fmt_s (k);
    g_autofree char *peer = fmt_s (mb_new.seconds);
    g_autofree char *nm = fmt_s (nm_new.seconds);
    g_autofree char *ratio = peers ? g_strdup_printf ("%.2f×", k / mb_new.seconds) : NULL;
    g_autofree char *entries = fmt_count (get_i (incremental, "entries"));
    g_autofree char *want = fmt_count (n_messages + n_new);

    if (peers)
      {
        bench_row (MAIL_WIDTHS, what, kith, "mbsync, the same new messages", peer, ratio, "≤ 1× mbsync", verdict (k <= GOAL_NEW_RATIO * mb_new.seconds));
        bench_row (MAIL_WIDTHS, "    then notmuch new", NULL, NULL, nm, NULL, NULL, NULL);
      }
    else
      bench_row (MAIL_WIDTHS, what, kith, "mbsync: not run", NULL, NULL, "≤ 1× mbsync", NULL);
    bench_row (MAIL_WIDTHS, "(3) timeline entries after it", entries, NULL, NULL, NULL, want, verdict (get_i (incremental, "entries") == n_messages + n_new));
  }
  {
    g_autoptr(GString) rows = g_steal_pointer (&table);

    table = g_string_new (NULL);
    bench_row (MAIL_WIDTHS, "figure", "Kith", "peer or limit", "peer figure", "ratio", "goal", "");
    g_print ("\n%s", table->str);
    for (int i = 0; i < 160; i++)
      g_print ("-");
    g_print ("\n%s", rows->str);
    g_string_free (g_steal_pointer (&table), TRUE);
  }
  if (!peers)
    g_print ("(mbsync and notmuch were not run: their rows have no verdict)\n");

  /* One line for the README */
  {
    g_autoptr(JsonObject) o = json_object_new ();

    json_object_set_int_member (o, "messages", n_messages);
    json_object_set_int_member (o, "people", n_people);
    json_object_set_double_member (o, "mailbox_mib", bytes / 1048576.0);
    json_object_set_double_member (o, "kith_cold_s", get_d (cold, "sync_s"));
    json_object_set_double_member (o, "kith_cold_cpu_s", get_d (cold, "cpu_s"));
    json_object_set_double_member (o, "dovecot_cpu_kith_cold_s", dovecot_kith);
    if (peers)
      json_object_set_double_member (o, "dovecot_cpu_mbsync_cold_s", dovecot_mbsync);
    json_object_set_double_member (o, "kith_first_entry_s", get_d (cold, "first_entry_s"));
    json_object_set_double_member (o, "kith_vm_hwm_mib", get_i (cold, "vm_hwm_kib") / 1024.0);
    json_object_set_double_member (o, "kith_rss_anon_peak_mib", get_i (cold, "rss_anon_peak_kib") / 1024.0);
    json_object_set_double_member (o, "kith_sqlite_memory_peak_mib", get_i (cold, "sqlite_memory_peak_kib") / 1024.0);
    json_object_set_int_member (o, "kith_entries", get_i (cold, "entries"));
    json_object_set_int_member (o, "kith_search_people", get_i (cold, "search_people"));
    json_object_set_int_member (o, "expected_search_people", expected_hits);
    json_object_set_object_member (o, "kith_cold_phases", json_object_ref (json_object_get_object_member (cold, "phases")));
    json_object_set_double_member (o, "kith_nochange_s", get_d (nochange, "sync_s"));
    json_object_set_double_member (o, "kith_nochange_again_s", get_d (nochange_again, "sync_s"));
    json_object_set_double_member (o, "kith_new_s", get_d (incremental, "sync_s"));
    json_object_set_double_member (o, "kith_nochange_cpu_s", get_d (nochange, "cpu_s"));
    json_object_set_double_member (o, "kith_nochange_again_cpu_s", get_d (nochange_again, "cpu_s"));
    json_object_set_double_member (o, "kith_new_cpu_s", get_d (incremental, "cpu_s"));
    json_object_set_double_member (o, "dovecot_cpu_kith_new_s", dovecot_kith_new);
    if (peers)
      {
        json_object_set_double_member (o, "mbsync_cold_s", mb_cold.seconds);
        json_object_set_double_member (o, "notmuch_new_s", nm_cold.seconds);
        json_object_set_double_member (o, "mbsync_nochange_s", mb_nochange.seconds);
        json_object_set_double_member (o, "mbsync_new_s", mb_new.seconds);
        json_object_set_double_member (o, "mbsync_nochange_cpu_s", mb_nochange.cpu_s);
        json_object_set_double_member (o, "mbsync_new_cpu_s", mb_new.cpu_s);
        json_object_set_double_member (o, "dovecot_cpu_mbsync_new_s", dovecot_mbsync_new);
        json_object_set_double_member (o, "notmuch_new_after_new_s", nm_new.seconds);
        json_object_set_double_member (o, "mbsync_maxrss_mib", mb_cold.maxrss_kib / 1024.0);
        json_object_set_double_member (o, "notmuch_maxrss_mib", nm_cold.maxrss_kib / 1024.0);
      }
    if (store_alone)
      {
        json_object_set_double_member (o, "store_alone_index_s", alone1.index_s);
        json_object_set_double_member (o, "store_alone_log_each_s", alone1.log_s);
        json_object_set_double_member (o, "store_alone_log_200_s", alone200.log_s);
      }
    if (camel != NULL)
      {
        json_object_set_double_member (o, "camel_refresh_s", get_d (camel, "refresh_s"));
        if (camel_fetch)
          {
            json_object_set_double_member (o, "camel_fetch_by_folder_s", get_d (camel, "fetch_s"));
            json_object_set_double_member (o, "camel_fetch_by_date_s", get_d (camel_date, "fetch_s"));
          }
      }
    g_print ("\n");
    print_json (o);
  }
  status = 0;

out:
  if (error != NULL)
    g_printerr ("bench: %s\n", error->message);
  g_clear_object (&store);
  run_clear (&run);

  return status;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_INT, &n_messages, "Messages in the mailbox (10,000)", "N" },
    { "people", 0, 0, G_OPTION_ARG_INT, &n_people, "Correspondents, all of them people in Kith (300)", "N" },
    { "new", 0, 0, G_OPTION_ARG_INT, &n_new, "New messages for the last sync (100)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated mailbox (1)", "N" },
    { "require-peers", 0, 0, G_OPTION_ARG_NONE, &require_peers, "Fail when mbsync or notmuch is missing", NULL },
    { "no-peers", 0, 0, G_OPTION_ARG_NONE, &skip_peers, "Measure Kith alone", NULL },
    { "camel-fetch", 0, 0, G_OPTION_ARG_NONE, &camel_fetch, "Also time Camel alone fetching every message", NULL },
    { "store-alone", 0, 0, G_OPTION_ARG_NONE, &store_alone, "Also time the store alone on the same messages, without "
      "IMAP: logging one transaction per message (as the capture does) and 200 per transaction", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the work folder (the database, the mirror)", NULL },
    { "wrap", 0, 0, G_OPTION_ARG_STRING, &wrap, "Run the sync service under this command, e.g. \"perf record -g -o FILE\"", "CMD" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, "perf record the sync service during one sync (cold, nochange or new) "
      "into perf-mail-PHASE.data", "PHASE" },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose, "Say more on stderr", NULL },
    { "service", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &service_mode, NULL, NULL },
    { "camel", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &camel_mode, NULL, NULL },
    { "camel-order", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &camel_order, NULL, NULL },
    { "data-dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &data_dir, NULL, NULL },
    { "account", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &account_uid, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— Kith's mail capture against mbsync and notmuch");
  g_autoptr(GError) error = NULL;

  /* SQLite's memory counts, for sqlite_memory_peak_kib: Kith's store turns them off unless
   * SQLite was set up before it opened (src/core/store/kith-store.c, configure_sqlite ()) */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 1);
  sqlite3_initialize ();
  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  /* Camel warns about mail it does not like; that must not end a benchmark */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);

  if (service_mode || camel_mode)
    {
      if (data_dir == NULL || account_uid == NULL)
        {
          g_printerr ("bench: --service and --camel need --data-dir and --account\n");
          return 2;
        }
      return service_mode ? run_service () : run_camel ();
    }

  if (n_messages < 1 || n_people < 1 || n_new < 0)
    {
      g_printerr ("bench: --messages and --people must be at least 1\n");
      return 2;
    }
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_strdup (argv[0]);

  return run_driver ();
}
