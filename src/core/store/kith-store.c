/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"
#define _GNU_SOURCE /* dladdr() */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "kith-change-hook.h"
#include "kith-checkpointer.h"
#include "kith-name-order.h"
#include "kith-record-input.h"
#include "kith-schema.h"
#include "kith-store-private.h"
#include "kith-synckey.h"

typedef enum {
  THREAD_CHECK_OFF,
  THREAD_CHECK_ABORT,
  THREAD_CHECK_WARN,
} KithThreadCheck;

struct _KithStore
{
  GObject                 parent_instance;

  char                   *path;
  sqlite3                *db;
  GRecMutex               lock;
  GHashTable             *statements;
  /* The same statements by the address of the SQL text callers pass (mostly literals):
   * hashing the text at every prepare cost 3 % of an import. Checked against the text. */
  GHashTable             *statements_by_address;
  /* Statements of SQL built per call (kith_store_take_built()), the last given back first */
  GQueue                  built;

  /* Transactions nest; only the outermost one commits. */
  guint                   tx_depth;
  gboolean                tx_failed;
  /* Imports under way (kith_store_hold_bulk()), and whether the connection is set for them */
  gint                    bulk_holds;    /* atomic: held and released on any thread */
  gboolean                bulk_applied;
  /* While they are applied, from the first commit past 64 MB of WAL: copies the WAL back into
   * the database beside the import */
  KithCheckpointer       *checkpointer;
  /* What the open transaction changed, for "changed" after it commits */
  KithChangeHook         *tx_changes;

  /* Full-text index work waits for the outermost commit: FTS5 flushes its pending terms at
   * every savepoint, which would cost a segment per record in a bulk import. */
  GHashTable             *fts_records;
  GHashTable             *fts_items;
  /* Newest contact per record, applied at commit as well: one UPDATE per record, not per item */
  GHashTable             *contacts;

  KithPhoneNormalizeFunc  phone_func;
  gpointer                phone_data;
  GDestroyNotify          phone_destroy;
  char                   *region;
  /* Numbers as given → as normalized, under phone_lock: libphonenumber spends some 150,000
   * instructions on a number, and an import or a mail batch names the same ones again and again.
   * In two tables: the numbers named since the newer one was begun, and those named before */
  GHashTable             *phones;
  GHashTable             *older_phones;
  guint                   phones_generation;   /* one more at each forget_phones () */
  GMutex                  phone_lock;

  KithClockFunc           clock;
  gpointer                clock_data;
  /* A reader's store, whose phone normalizer and clock it uses */
  KithStore              *writer;

  GThreadPool            *worker;
  GMainContext           *main_context;
  /* Set once the store is open, in debug builds (see check_thread()) */
  KithThreadCheck         check_thread;
  /* Committed changes not yet announced, under changed_lock */
  KithStoreChanges       *pending_changed;
  GMutex                  changed_lock;

  /* Every record's place in the order of names, under the lock; made at the first search */
  KithNameOrder          *name_order;
};

G_DEFINE_FINAL_TYPE (KithStore, kith_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  KithStoreJobFunc  func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
} Job;

static void flush_changed (KithStore *self);

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  g_free (job);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  KithStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  kith_store_lock (self);
  result = job->func (self, job->data, &error);
  /* A job's writes outside a transaction are announced with the job */
  if (self->tx_depth == 0)
    flush_changed (self);
  kith_store_unlock (self);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

static gboolean
emit_changed_cb (gpointer data)
{
  KithStore *self = data;
  g_autoptr(KithStoreChanges) changes = NULL;

  g_mutex_lock (&self->changed_lock);
  changes = g_steal_pointer (&self->pending_changed);
  g_mutex_unlock (&self->changed_lock);

  if (changes != NULL)
    g_signal_emit (self, signals[CHANGED], 0, changes);

  return G_SOURCE_REMOVE;
}

/* A record came, went or changed its name or kind: counted in `name_order` once a
 * transaction (this connection's preupdate hook tells), for the order of names every process
 * keeps for its searches to be read again (src/core/search/kith-name-order.c). Counting it
 * with a trigger on `records` made every insert keep a statement journal (bench/README.md). */
static gboolean
count_names_moved (KithStore  *self,
                   GError    **error)
{
  if (self->tx_changes == NULL || !kith_change_hook_get_names_moved (self->tx_changes))
    return TRUE;
  if (!kith_store_exec (self, "UPDATE name_order SET version = version + 1", error))
    return FALSE;
  kith_change_hook_clear_names_moved (self->tx_changes);
  return TRUE;
}

/* Called with the lock held, outside a transaction or at the outermost commit */
static void
flush_changed (KithStore *self)
{
  g_autoptr(KithStoreChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean schedule;

  if (self->tx_changes == NULL)
    return;
  /* Written outside a transaction: counted now (until then this connection's searches keep
   * off the order of names) */
  if (!count_names_moved (self, &error))
    g_warning ("Could not count a change of names: %s", error->message);
  /* Writes no writer named a kind for are announced by nothing; the next ones start afresh */
  if (kith_change_hook_is_empty (self->tx_changes))
    {
      kith_change_hook_reset (self->tx_changes);
      return;
    }

  changes = kith_change_hook_take (self->tx_changes, self);

  g_mutex_lock (&self->changed_lock);
  schedule = self->pending_changed == NULL;
  if (schedule)
    self->pending_changed = g_steal_pointer (&changes);
  else
    kith_store_changes_merge (self->pending_changed, changes);
  g_mutex_unlock (&self->changed_lock);

  /* "changed" is always emitted on the context the store was opened on, after the commit,
   * coalesced: list models refresh once for a batch of writes. */
  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, emit_changed_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[kith] store changed");
      g_source_attach (source, self->main_context);
    }
}

static void
kith_store_finalize (GObject *object)
{
  KithStore *self = (KithStore *)object;

  if (self->worker != NULL)
    g_thread_pool_free (self->worker, FALSE, TRUE);
  g_clear_pointer (&self->checkpointer, kith_checkpointer_stop);

  g_clear_pointer (&self->fts_records, g_hash_table_unref);
  g_clear_pointer (&self->fts_items, g_hash_table_unref);
  g_clear_pointer (&self->contacts, g_hash_table_unref);
  g_clear_pointer (&self->name_order, kith_name_order_free);
  g_clear_pointer (&self->tx_changes, kith_change_hook_free);
  g_clear_pointer (&self->pending_changed, kith_store_changes_unref);
  g_clear_pointer (&self->statements_by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_queue_clear_full (&self->built, (GDestroyNotify) sqlite3_finalize);
  if (self->db != NULL)
    {
      /* Leave a compact WAL behind for the next start */
      if (self->writer == NULL)
        sqlite3_exec (self->db, "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }

  if (self->phone_destroy != NULL)
    self->phone_destroy (self->phone_data);

  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_object (&self->writer);
  g_free (self->region);
  g_free (self->path);
  g_clear_pointer (&self->phones, g_hash_table_unref);
  g_clear_pointer (&self->older_phones, g_hash_table_unref);
  g_mutex_clear (&self->phone_lock);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->changed_lock);

  G_OBJECT_CLASS (kith_store_parent_class)->finalize (object);
}

static void
kith_store_class_init (KithStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_store_finalize;

  /**
   * KithStore::changed:
   * @changes: what changed: the kinds of records, the ids of the records written — their rows,
   *   timeline, to-dos, tags, members — and of the companies and projects showing them (or
   *   "many"), whether records were added or removed, which columns updates changed, and
   *   whether something no one record owns changed (kith_store_changes_has_shared())
   *
   * Emitted on the main context after a transaction that changed records committed; the
   * changes of several transactions committed meanwhile come merged in one emission.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, KITH_TYPE_STORE_CHANGES);
}

static void
kith_store_init (KithStore *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->changed_lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->statements_by_address = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->main_context = g_main_context_ref_thread_default ();
  self->fts_records = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->fts_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->older_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->phone_lock);
}

#define UPDATE_OWN_CONTACT \
  "UPDATE records SET last_contact = ?2 WHERE id = ?1 AND (last_contact IS NULL OR last_contact < ?2)"

static gboolean
run_contact_update (KithStore   *self,
                    const char  *sql,
                    gint64       id,
                    gint64       date,
                    GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, date);

  /* @sql sets last_contact and nothing else: the change hook compares no other column */
  if (self->tx_changes != NULL)
    kith_change_hook_set_contact_update (self->tx_changes, TRUE);
  ok = kith_store_step_done (self, stmt, error);
  if (self->tx_changes != NULL)
    kith_change_hook_set_contact_update (self->tx_changes, FALSE);

  return ok;
}

static gboolean
apply_contact (KithStore  *self,
               gint64      id,
               gint64      date,
               GError    **error)
{
  return run_contact_update (self, UPDATE_OWN_CONTACT, id, date, error) &&
         run_contact_update (self, "UPDATE records SET last_contact = ?2 WHERE id = (SELECT company_id FROM records "
                                   "WHERE id = ?1) AND (last_contact IS NULL OR last_contact < ?2)",
                             id, date, error);
}

static void
note_latest (GHashTable *contacts,
             gint64      id,
             gint64      date)
{
  gint64 *known = g_hash_table_lookup (contacts, &id);

  if (known == NULL)
    g_hash_table_insert (contacts, g_memdup2 (&id, sizeof id), g_memdup2 (&date, sizeof date));
  else if (*known < date)
    *known = date;
}

/* Record @id was in touch at @date (ms): its last contact, and its company's, move forward. */
gboolean
kith_store_note_contact (KithStore  *self,
                         gint64      id,
                         gint64      date,
                         GError    **error)
{
  if (self->tx_depth == 0)
    return apply_contact (self, id, date, error);

  note_latest (self->contacts, id, date);

  return TRUE;
}

static gboolean
index_item (KithStore  *self,
            gint64      item_id,
            GError    **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;

  stmt = kith_store_prepare (self, "SELECT subject, coalesce(body, preview) FROM timeline WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  subject = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);

  /* A single-row INSERT: see kith_records_update_fts() */
  stmt = kith_store_prepare (self, "INSERT INTO timeline_fts (rowid, subject, body) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  kith_store_bind_text (stmt, 2, subject);
  kith_store_bind_text (stmt, 3, body);

  return kith_store_step_done (self, stmt, error);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return ia < ib ? -1 : ia > ib;
}

static GArray *
sorted_ids (GHashTable *set)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (set));
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_array_append_val (ids, *id);

  /* FTS5 flushes its pending terms whenever a rowid is not above the last one written */
  g_array_sort (ids, compare_ids);
  return ids;
}

/* The last contacts a transaction noted, at its end: each record's company is noted with the
 * record's date first, so that a company moves once, to the latest of its people's, and not
 * once for each of them (an import touches thousands of people a batch) */
static gboolean
apply_noted_contacts (KithStore  *self,
                      GError    **error)
{
  g_autoptr(GArray) noted = sorted_ids (self->contacts);
  g_autoptr(GArray) touched = NULL;

  for (guint i = 0; i < noted->len; i++)
    {
      gint64 id = g_array_index (noted, gint64, i);
      sqlite3_stmt *stmt = kith_store_prepare (self, "SELECT company_id FROM records WHERE id = ?", error);
      gint64 company = 0;
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        company = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        kith_store_set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return FALSE;
      if (company != 0)
        note_latest (self->contacts, company, *(gint64 *) g_hash_table_lookup (self->contacts, &id));
    }

  touched = sorted_ids (self->contacts);
  for (guint i = 0; i < touched->len; i++)
    {
      gint64 id = g_array_index (touched, gint64, i);

      if (!run_contact_update (self, UPDATE_OWN_CONTACT, id, *(gint64 *) g_hash_table_lookup (self->contacts, &id), error))
        return FALSE;
    }
  g_hash_table_remove_all (self->contacts);

  return TRUE;
}

static gboolean
flush_fts (KithStore  *self,
           GError    **error)
{
  g_autoptr(GArray) records = sorted_ids (self->fts_records);
  g_autoptr(GArray) items = sorted_ids (self->fts_items);

  for (guint i = 0; i < records->len; i++)
    {
      if (!kith_records_update_fts (self, g_array_index (records, gint64, i), error))
        return FALSE;
      kith_change_hook_add_indexed (self->tx_changes, g_array_index (records, gint64, i));
    }

  for (guint i = 0; i < items->len; i++)
    if (!index_item (self, g_array_index (items, gint64, i), error))
      return FALSE;

  g_hash_table_remove_all (self->fts_records);
  g_hash_table_remove_all (self->fts_items);

  return apply_noted_contacts (self, error);
}

/* Applies the index and last-contact work a transaction has queued, so that reads inside it
 * see its writes. Cheap when nothing waits. */
gboolean
kith_store_flush_pending (KithStore  *self,
                          GError    **error)
{
  if (self->tx_depth == 0)
    return TRUE;

  return flush_fts (self, error);
}

static void
queue_id (GHashTable *set,
          gint64      id)
{
  if (!g_hash_table_contains (set, &id))
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

/* Whether a record came, went or changed its name or kind on this connection, not yet counted
 * in `name_order`: in a transaction, or outside one until the writes are announced. The caller
 * holds the lock. */
gboolean
kith_store_get_names_moved (KithStore *self)
{
  /* A reader's connection (kith_store_open_reader ()) writes nothing and sees only what was
   * committed: no tx_changes */
  return self->tx_changes != NULL && kith_change_hook_get_names_moved (self->tx_changes);
}

/* The order of names searches page through (src/core/search/kith-name-order.c); the caller
 * holds the lock */
KithNameOrder *
kith_store_get_name_order (KithStore *self)
{
  if (self->name_order == NULL)
    self->name_order = kith_name_order_new ();

  return self->name_order;
}

/* Re-indexes record @id for search when the current transaction commits. */
gboolean
kith_store_queue_fts_record (KithStore  *self,
                             gint64      id,
                             GError    **error)
{
  if (self->tx_depth == 0)
    return kith_records_update_fts (self, id, error);

  queue_id (self->fts_records, id);
  return TRUE;
}

/* Indexes the new timeline item @id for search when the current transaction commits. */
gboolean
kith_store_queue_fts_item (KithStore  *self,
                           gint64      id,
                           GError    **error)
{
  if (self->tx_depth == 0)
    return index_item (self, id, error);

  queue_id (self->fts_items, id);
  return TRUE;
}

/* Whether item @id waits to be indexed: then it has nothing in the index to delete. */
gboolean
kith_store_fts_item_pending (KithStore *self,
                             gint64     id)
{
  return g_hash_table_contains (self->fts_items, &id);
}

void
kith_store_forget_fts_item (KithStore *self,
                            gint64     id)
{
  g_hash_table_remove (self->fts_items, &id);
}

gboolean
kith_store_set_sqlite_error (KithStore  *self,
                             GError    **error)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;

  if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                 "%s", sqlite3_errmsg (self->db));
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_SCHEMA,
                 _("The database %s is damaged: %s"), self->path, sqlite3_errmsg (self->db));
  else
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED,
                 _("Database error: %s"), sqlite3_errmsg (self->db));

  return FALSE;
}

gboolean
kith_store_exec (KithStore   *self,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return kith_store_set_sqlite_error (self, error);

  return TRUE;
}

sqlite3 *
kith_store_get_db (KithStore *self)
{
  return self->db;
}

/* Where @address is, as "function (file:line)", from the debug information when addr2line can
 * read it */
static char *
describe_address (gpointer address)
{
  Dl_info info;
  g_autofree char *offset = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "addr2line", "-f", "-p", "-C", "-e", NULL, NULL, NULL };

  if (dladdr (address, &info) == 0 || info.dli_fname == NULL)
    return g_strdup_printf ("%p", address);

  /* The return address is the instruction after the call */
  offset = g_strdup_printf ("0x%" G_GINTPTR_MODIFIER "x",
                            (guintptr) address - (guintptr) info.dli_fbase - 1);
  argv[5] = info.dli_fname;
  argv[6] = offset;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL) || out == NULL || out[0] == '?')
    return g_strdup_printf ("%s+%s", info.dli_fname, offset);

  return g_strstrip (g_steal_pointer (&out));
}

/* The main loop never waits for SQLite (DESIGN.md): a read or write on the thread that runs the
 * default main context — while it runs it — may wait behind a capture batch holding the lock, so
 * in debug builds it aborts, naming the store function called and its caller. Jobs of
 * kith_store_run_async() run on the worker; the open is not checked (the application opens its
 * store with kith_store_open_async()). KITH_STORE_THREAD_CHECK=0 turns the check off, =1 on in
 * any build, =warn only prints what it finds (to list every offender in one run). */
static void
check_thread (KithStore             *self,
              const KithStoreCaller *caller)
{
  g_autofree char *where = NULL;

  if G_LIKELY (self->check_thread == THREAD_CHECK_OFF)
    return;

  if (!g_main_context_is_owner (g_main_context_default ()))
    return;

  where = describe_address (caller->return_address);
  if (self->check_thread == THREAD_CHECK_WARN)
    g_printerr ("%s() called on the main thread, from %s\n", caller->function, where);
  else
    g_error ("%s() called on the main thread, from %s: run store work with kith_store_run_async()",
           caller->function, where);
}

/* Statements are cached by their text and handed out reset, with no bindings. The caller holds
 * the lock while using one. */
sqlite3_stmt *
kith_store_prepare_from (KithStore             *self,
                         const char            *sql,
                         const KithStoreCaller *caller,
                         GError               **error)
{
  sqlite3_stmt *stmt;

  check_thread (self, caller);

  /* A text built per call (freed, its address reused for another) fails the comparison */
  stmt = g_hash_table_lookup (self->statements_by_address, sql);
  if (stmt == NULL || strcmp (sqlite3_sql (stmt), sql) != 0)
    {
      stmt = g_hash_table_lookup (self->statements, sql);
      if (stmt != NULL)
        {
          /* Bounded: addresses of texts built per call come and go */
          if (g_hash_table_size (self->statements_by_address) >= 4096)
            g_hash_table_remove_all (self->statements_by_address);
          g_hash_table_insert (self->statements_by_address, (gpointer) sql, stmt);
        }
    }

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      kith_store_set_sqlite_error (self, error);
      g_prefix_error (error, "%s: ", sql);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* The last few statements of SQL built per call kept (a search typed again, another page of the
 * same query): preparing took half of a small search's time, as long as the search itself
 * (bench/store, sort by last contact: 0.11 ms against 0.07). Caching every text would only grow. */
#define BUILT_KEPT 32

/**
 * kith_store_take_built:
 *
 * Returns: (transfer full) (nullable): a statement of @sql given back earlier
 *   (kith_store_give_back_built()), reset and without bindings, no longer kept; %NULL if none
 */
sqlite3_stmt *
kith_store_take_built (KithStore  *self,
                       const char *sql)
{
  for (GList *l = self->built.head; l != NULL; l = l->next)
    if (strcmp (sqlite3_sql (l->data), sql) == 0)
      {
        sqlite3_stmt *stmt = l->data;

        g_queue_delete_link (&self->built, l);
        return stmt;
      }

  return NULL;
}

/* Keeps @stmt, of SQL built per call, for kith_store_take_built(); the oldest kept goes */
void
kith_store_give_back_built (KithStore    *self,
                            sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  g_queue_push_head (&self->built, stmt);
  if (self->built.length > BUILT_KEPT)
    sqlite3_finalize (g_queue_pop_tail (&self->built));
}

gboolean
kith_store_step_done (KithStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      kith_store_set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

void
kith_store_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
kith_store_bind_params (sqlite3_stmt *stmt,
                        GPtrArray    *params,
                        int           first)
{
  for (guint i = 0; params != NULL && i < params->len; i++)
    {
      GVariant *v = g_ptr_array_index (params, i);
      int index = first + (int) i;

      if (v == NULL)
        sqlite3_bind_null (stmt, index);
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, index, g_variant_get_double (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, index, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
      else
        g_assert_not_reached ();
    }
}

void
kith_store_lock_from (KithStore             *self,
                      const KithStoreCaller *caller)
{
  check_thread (self, caller);
  g_rec_mutex_lock (&self->lock);
}

void
kith_store_unlock (KithStore *self)
{
  g_rec_mutex_unlock (&self->lock);
}

void
kith_store_mark_changed (KithStore      *self,
                         KithRecordKind  kind)
{
  /* An undo names the kind of a record that may be gone: KITH_RECORD_KIND_INVALID then */
  if (kind <= KITH_RECORD_PROJECT && self->tx_changes != NULL)
    kith_change_hook_mark (self->tx_changes, kind);
  if (self->tx_depth == 0)
    flush_changed (self);
}

/* How many rows point at a row that is not there; -1 with @error set when it cannot be told */
static gint64
count_broken_links (KithStore  *self,
                    GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      kith_store_set_sqlite_error (self, error);
      return -1;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n++;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      kith_store_set_sqlite_error (self, error);
      return -1;
    }
  return n;
}

/* A migration, which runs with foreign keys off, broke no link: a store that had broken ones
 * before (written by another tool with foreign keys off) is not refused for them */
static gboolean
check_foreign_keys (KithStore  *self,
                    gint64      before,
                    GError    **error)
{
  gint64 now = count_broken_links (self, error);

  if (now < 0)
    return FALSE;
  if (now > before)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_SCHEMA,
                   _("%" G_GINT64_FORMAT " rows would point at rows that are not there"), now - before);
      return FALSE;
    }
  return TRUE;
}

/* kith_sort_name(name): the sort name Kith's code gives @name, for a migration that makes
 * every record's again (the store's own connection only: no index or trigger uses it) */
static void
sql_sort_name (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);

  if (name == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, kith_records_sort_name (name), -1, g_free);
}

/* Runs the migrations after @version up to @n, each in its own transaction */
static gboolean
upgrade (KithStore  *self,
         int         version,
         guint       n,
         GError    **error)
{
  gint64 broken = count_broken_links (self, error);

  if (broken < 0)
    return FALSE;

  for (guint v = version + 1; v <= n; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", v);

      if (!kith_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!kith_store_exec (self, kith_schema_get_migration (v), error) ||
          !check_foreign_keys (self, broken, error) ||
          !kith_store_exec (self, bump, error))
        {
          g_prefix_error (error, _("Could not upgrade %s to schema %u: "), self->path, v);
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      if (!kith_store_exec (self, "COMMIT", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (KithStore  *self,
         GError    **error)
{
  sqlite3_stmt *stmt;
  int version = 0;
  guint n = kith_schema_get_n_migrations ();
  gboolean ok;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return kith_store_set_sqlite_error (self, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > (int) n)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_SCHEMA,
                   _("The database %s was written by a newer version of Kith (schema %d; this "
                     "version knows %u)"), self->path, version, n);
      return FALSE;
    }

  if (version >= (int) n)
    return TRUE;

  /* Foreign keys off, as SQLite's documentation says for a table made anew (migration 15):
   * dropping the old table would otherwise delete or unlink the rows that point at it. They are
   * checked before each commit instead, and on again after, whatever happens. */
  if (!kith_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  ok = upgrade (self, version, n, error);
  if (!kith_store_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    return FALSE;
  return ok;
}


static KithThreadCheck
thread_check_from_env (void)
{
  const char *env = g_getenv ("KITH_STORE_THREAD_CHECK");

  if (g_strcmp0 (env, "warn") == 0)
    return THREAD_CHECK_WARN;
  if (env != NULL)
    return g_str_equal (env, "0") ? THREAD_CHECK_OFF : THREAD_CHECK_ABORT;
#ifdef KITH_DEBUG_BUILD
  return THREAD_CHECK_ABORT;
#else
  return THREAD_CHECK_OFF;
#endif
}

/* The page cache of the store's connection, and of it while an import holds it (apply_bulk ()),
 * in KiB (SQLite takes a negative size as KiB) */
#define CACHE_SIZE      "-8000"
#define BULK_CACHE_SIZE "-65536"
/* Pages the WAL grows to before a commit copies them into the database: SQLite's default, and
 * an import's (64 MB at 4 KiB a page) */
#define WAL_PAGES       "1000"
#define BULK_WAL_PAGES  16000

/* SQLite counts every allocation, behind a mutex of its own, for sqlite3_memory_used () and
 * its kin: a tenth of a bulk load's CPU time (bench/store, 2026-12-04). Kith reads none of those
 * counts, and SQLite's heap limits, which need them, are not set. A program that wants the counts
 * turns them on and calls sqlite3_initialize () before it opens a store (bench/mail); this then
 * changes nothing, as SQLite takes no configuration once initialized. */
static gpointer
configure_sqlite (gpointer data)
{
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  return NULL;
}

/* Opens @path for a store whose results and `changed` are delivered in @context, or in the
 * calling thread's default context when %NULL */
static KithStore *
open_for_context (const char    *path,
                  GMainContext  *context,
                  GError       **error)
{
  static GOnce sqlite_once = G_ONCE_INIT;
  g_autoptr(KithStore) self = NULL;
  g_autofree char *dir = NULL;

  g_once (&sqlite_once, configure_sqlite, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the folder %s: %s"), dir, g_strerror (errsv));
      return NULL;
    }

  self = g_object_new (KITH_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (context != NULL)
    {
      g_main_context_unref (self->main_context);
      self->main_context = g_main_context_ref (context);
    }

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED,
                   _("Could not open the database %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_function_v2 (self->db, "kith_sort_name", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, sql_sort_name, NULL, NULL, NULL);

  /* FULL: what the user was told is saved survives a power loss. Bulk work happens in large
   * transactions, where the extra sync costs nothing. No memory map: every page of the file a
   * read touched through one stayed in the process's resident memory, most of the database
   * after the Agenda's and the lists' first reads (bench/gui at 100,000 people: 293 MiB against
   * the bare window's 129, 194 MiB without); without one a read copies its pages from the
   * kernel's page cache, which holds them for every process and gives them back under pressure.
   * 8 MB of SQLite's own cache: side by side with 16 MB the queries and the load of bench/store
   * took the same time, the first sync of bench/mail 5.0 s against 4.6 s, and the peak memory
   * of the sync service was 44 MiB against 52, the window's at 100,000 people 166 against 174. */
  if (!kith_store_exec (self,
                        "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA cache_size = " CACHE_SIZE ";"
                        "PRAGMA mmap_size = 0;",
                        error))
    {
      g_prefix_error (error, _("Could not open the database %s: "), path);
      return NULL;
    }

  if (!migrate (self, error))
    return NULL;

  /* Deletes nobody undid while Kith ran are final now: their copies of files and their rows
   * (a deleted person's details) do not wait for the next delete */
  kith_undo_forget_old (self);
  self->tx_changes = kith_change_hook_new (self->db);

  self->worker = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  self->check_thread = thread_check_from_env ();

  return g_steal_pointer (&self);
}

/**
 * kith_store_open:
 * @path: the database file; its folder is created when missing
 *
 * Opens (creating and upgrading as needed) a Kith database. An upgrade of a large database can
 * take a minute: a window opens it with kith_store_open_async().
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
KithStore *
kith_store_open (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_for_context (path, NULL, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  KithStore *store = open_for_context (task_data, g_task_get_context (task), &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * kith_store_open_async:
 * @path: the database file; its folder is created when missing
 * @cancellable: (nullable): a #GCancellable; the open is not stopped once it has begun
 * @callback: called in the thread-default main context when the store is open
 * @user_data: closure
 *
 * Opens @path as kith_store_open() does, in a thread of its own, so that the main loop turns
 * while a database is created or upgraded. The store's results and `changed` are delivered in
 * the caller's thread-default main context.
 */
void
kith_store_open_async (const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kith_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * kith_store_open_finish:
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
KithStore *
kith_store_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kith_store_open_reader:
 * @self: an open store
 *
 * Opens a second connection to @self's database, read-only, as a store of its own: its own
 * lock and its own worker. In WAL mode its reads see the last commit and wait for no writer,
 * so what it runs never queues behind a capture batch on @self's worker. Write with @self.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
KithStore *
kith_store_open_reader (KithStore  *self,
                        GError    **error)
{
  g_autoptr(KithStore) reader = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  reader = g_object_new (KITH_TYPE_STORE, NULL);
  reader->path = g_strdup (self->path);
  if (sqlite3_open_v2 (self->path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED,
                   _("Could not open the database %s: %s"), self->path,
                   reader->db ? sqlite3_errmsg (reader->db) : g_strerror (ENOMEM));
      return NULL;
    }

  sqlite3_extended_result_codes (reader->db, TRUE);
  sqlite3_busy_timeout (reader->db, 5000);
  /* No memory map, as the writer; a small page cache: the lists read a page of rows by id or a
   * run of the name index, and the kernel's page cache already holds the file (bench/gui) */
  if (!kith_store_exec (reader,
                        "PRAGMA query_only = ON;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA cache_size = -2000;"
                        "PRAGMA mmap_size = 0;",
                        error))
    return NULL;

  reader->writer = g_object_ref (self);
  reader->region = g_strdup (self->region);
  reader->phone_func = self->phone_func;
  reader->phone_data = self->phone_data;
  reader->clock = self->clock;
  reader->clock_data = self->clock_data;
  reader->worker = g_thread_pool_new (run_job, reader, 1, FALSE, NULL);
  reader->check_thread = self->check_thread;

  return g_steal_pointer (&reader);
}

const char *
kith_store_get_path (KithStore *self)
{
  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return self->path;
}

int
kith_store_get_schema_version (KithStore *self)
{
  sqlite3_stmt *stmt;
  int version = 0;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "PRAGMA user_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  kith_store_unlock (self);

  return version;
}

/* The numbers normalized so far: another region or normalizer reads them differently */
static void
forget_phones (KithStore *self)
{
  g_mutex_lock (&self->phone_lock);
  g_hash_table_remove_all (self->phones);
  g_hash_table_remove_all (self->older_phones);
  self->phones_generation++;
  g_mutex_unlock (&self->phone_lock);
}

/**
 * kith_store_set_phone_normalizer:
 *
 * Sets the function that turns phone numbers into E.164 sync keys (the services library installs
 * one backed by libphonenumber). Without one, a digits-only fallback is used.
 */
void
kith_store_set_phone_normalizer (KithStore              *self,
                                 KithPhoneNormalizeFunc  func,
                                 gpointer                user_data,
                                 GDestroyNotify          destroy)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_store_lock (self);
  if (self->phone_destroy != NULL)
    self->phone_destroy (self->phone_data);
  self->phone_func = func;
  self->phone_data = user_data;
  self->phone_destroy = destroy;
  forget_phones (self);
  kith_store_unlock (self);
}

void
kith_store_set_region (KithStore  *self,
                       const char *region)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_store_lock (self);
  g_free (self->region);
  self->region = g_strdup (region);
  forget_phones (self);
  kith_store_unlock (self);
}

const char *
kith_store_get_region (KithStore *self)
{
  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return self->region;
}

/* Numbers in the newer table before it becomes the older one, and the older one is dropped: at
 * most twice this many are remembered, and a number named in each of the last two spans is
 * never forgotten. Emptying one table when full instead forgot the numbers in use with the
 * rest: a load whose calls name 100,000 people at random normalized most of them again
 * (bench/store, 2026-12-04) */
#define MAX_CACHED_PHONES 65536

/* Remembers @phone (transfer full) as @normalized (transfer full, nullable); called with
 * phone_lock held */
static void
remember_phone_locked (KithStore *self,
                       char      *phone,
                       char      *normalized)
{
  if (g_hash_table_size (self->phones) >= MAX_CACHED_PHONES)
    {
      GHashTable *older = self->older_phones;

      self->older_phones = self->phones;
      self->phones = older;
      g_hash_table_remove_all (self->phones);
    }
  g_hash_table_insert (self->phones, phone, normalized);
}

/* The number remembered for @phone, kept in the newer table; called with phone_lock held */
static gboolean
lookup_phone_locked (KithStore   *self,
                     const char  *phone,
                     char       **out_normalized)
{
  gpointer key, value;

  if (g_hash_table_lookup_extended (self->phones, phone, NULL, &value))
    {
      *out_normalized = g_strdup (value);
      return TRUE;
    }
  if (!g_hash_table_steal_extended (self->older_phones, phone, &key, &value))
    return FALSE;

  *out_normalized = g_strdup (value);
  remember_phone_locked (self, key, value);
  return TRUE;
}

char *
kith_store_normalize_phone (KithStore  *self,
                            const char *phone)
{
  char *normalized = NULL;
  gboolean found;
  guint generation;

  if (phone == NULL)
    return NULL;

  g_mutex_lock (&self->phone_lock);
  found = lookup_phone_locked (self, phone, &normalized);
  generation = self->phones_generation;
  g_mutex_unlock (&self->phone_lock);
  if (found)
    return normalized;

  if (self->phone_func != NULL)
    normalized = self->phone_func (phone, self->region, self->phone_data);
  else
    normalized = kith_synckey_phone_digits (phone, self->region);

  /* Not when the region or the normalizer changed meanwhile: it may have read the old ones */
  g_mutex_lock (&self->phone_lock);
  if (generation == self->phones_generation)
    remember_phone_locked (self, g_strdup (phone), g_strdup (normalized));
  g_mutex_unlock (&self->phone_lock);

  return normalized;
}

void
kith_store_set_clock (KithStore     *self,
                      KithClockFunc  clock,
                      gpointer       user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  self->clock = clock;
  self->clock_data = user_data;
}

/**
 * kith_store_now:
 *
 * Returns: the store's idea of now, in milliseconds since the epoch (UTC); tests inject a clock
 */
gint64
kith_store_now (KithStore *self)
{
  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (self->clock != NULL)
    return self->clock (self->clock_data);

  return g_get_real_time () / 1000;
}

/* Each commit while an import holds the store. From BULK_WAL_PAGES of WAL on, the store's
 * checkpointer copies it back, started then (an import that writes less needs no thread); past
 * four times that, the import waits for a copy, so that its next transaction starts the WAL
 * over. Should the checkpointer not start, the commit checkpoints, as SQLite's own hook would. */
static int
on_bulk_commit (void       *data,
                sqlite3    *db,
                const char *name,
                int         pages)
{
  KithStore *self = data;

  if (pages < BULK_WAL_PAGES)
    return SQLITE_OK;

  if (self->checkpointer == NULL)
    self->checkpointer = kith_checkpointer_start (self->path);
  if (self->checkpointer != NULL)
    kith_checkpointer_request (self->checkpointer, pages >= 4 * BULK_WAL_PAGES);
  else
    sqlite3_wal_checkpoint (db, name);

  return SQLITE_OK;
}

/* SQLite changes the synchronous level only outside a transaction: at the outermost begin.
 * The page cache for an import: the store's own 8 MB (see open_for_context ()) no longer holds
 * the pages of the indexes a load of 100,000 people writes at random; with 64 MB (and the
 * commits that wait for no fsync) a load of 100,000 people and 300,000 items took 9.5-9.7 s of
 * CPU for the people instead of 10.5-10.8, 13.2 s for the items instead of 15.3-15.8, and its
 * process's peak memory was 142 MiB instead of 75 (bench/store, 2026-12-04). The cache goes
 * back to 8 MB, and its pages to the system, when the import is done with it
 * (kith_store_release_bulk ()).
 *
 * And fewer checkpoints: each copies every page the commits since the last one wrote to the WAL
 * back into the database, and a load writes the same pages of its indexes batch after batch.
 * Checkpointing every 64 MB instead of every 4 took a load of 10,000 people and 100,000 items
 * from 4.2 to 3.7-3.8 s (bench/store, 2026-12-04); 128 MB was no better.
 *
 * And not on the import's thread: a checkpoint copies 64 MB and waits for the disk, while the
 * import could go on writing. Its commits leave the WAL to a thread of its own
 * (kith-checkpointer.c), which copies it from 64 MB on; past 256 MB the import waits for a copy,
 * so that its next transaction starts the WAL over. 100,000 people and 1,000,000 items loaded in
 * 67-69 s instead of 82-84, 100,000 and 300,000 in 19.5-19.9 s instead of 21.7-22.4 (bench/store,
 * 2026-12-05); copying from 16 or 32 MB on, or waiting only at 1 GB, was slower. The first
 * commit after the import checkpoints what is left, on the thread that commits. */
static gboolean
apply_bulk (KithStore  *self,
            GError    **error)
{
  gboolean bulk = g_atomic_int_get (&self->bulk_holds) > 0;

  if (bulk == self->bulk_applied)
    return TRUE;
  /* Setting wal_autocheckpoint takes back the hook of on_bulk_commit () */
  if (!kith_store_exec (self, bulk ? "PRAGMA synchronous = NORMAL; PRAGMA cache_size = " BULK_CACHE_SIZE
                                   : "PRAGMA synchronous = FULL; PRAGMA cache_size = " CACHE_SIZE ";"
                                     "PRAGMA wal_autocheckpoint = " WAL_PAGES, error))
    return FALSE;
  self->bulk_applied = bulk;
  if (bulk)
    sqlite3_wal_hook (self->db, on_bulk_commit, self);
  else
    g_clear_pointer (&self->checkpointer, kith_checkpointer_stop);

#ifdef HAVE_MALLOC_TRIM
  /* SQLite frees the pages over 8 MB, and the C library keeps them for the process: after an
   * import of 30,000 people and 100,000 items, bench/store's resident memory stayed at 108 MB
   * until malloc_trim () took it to 49 (2026-12-05) */
  if (!bulk)
    malloc_trim (0);
#endif

  return TRUE;
}

/* At the end of a transaction: the import that held the bulk settings was done with them
 * (kith_store_release_bulk ()) while a transaction was open */
static void
settle_bulk (KithStore *self)
{
  if (self->bulk_applied && g_atomic_int_get (&self->bulk_holds) == 0)
    apply_bulk (self, NULL);
}

/**
 * kith_store_hold_bulk:
 *
 * For an import: until the matching kith_store_release_bulk(), the transactions this store
 * begins commit with `synchronous = NORMAL` rather than `FULL`, with a page cache of 64 MB
 * rather than 8. In WAL mode `NORMAL` keeps the database whole whatever happens (a crash, a
 * power cut); what a power cut can lose is the last commits, which the WAL had not yet written
 * to the disk: an import's last batches, which running it again writes (bench/README.md, "CSV
 * import"). Each commit then waits for no fsync(), and the checkpoints, which still do, run on
 * a thread of their own (apply_bulk ()). Any thread: it takes no lock, and the next outermost
 * kith_store_begin() applies it.
 *
 * kith_store_release_bulk() brings the store's own settings back, and gives the memory of the
 * larger cache back to the system: at once on a thread that may write and has no transaction
 * open (an import's end on the store's worker), else when the open transaction ends or the
 * next one begins.
 */
void
kith_store_hold_bulk (KithStore *self)
{
  g_return_if_fail (KITH_IS_STORE (self));

  g_atomic_int_inc (&self->bulk_holds);
}

void
kith_store_release_bulk (KithStore *self)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (g_atomic_int_get (&self->bulk_holds) > 0);

  if (!g_atomic_int_dec_and_test (&self->bulk_holds))
    return;

  /* The store's own settings come back now if this thread may write (an import that ends on
   * the store's worker, or in a command), else at the end of the transaction under way, or at
   * the next one's begin: never on the window's thread */
  if (g_main_context_is_owner (g_main_context_default ()) || !g_rec_mutex_trylock (&self->lock))
    return;
  if (self->tx_depth == 0)
    settle_bulk (self);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * kith_store_begin:
 *
 * Starts a transaction, or joins the one this thread has open. Holds the store's lock until the
 * matching kith_store_commit() or kith_store_rollback(), so a transaction belongs to one thread.
 *
 * Nested transactions are not savepoints: a savepoint makes SQLite copy every page it touches
 * and FTS5 flush its pending terms, which would cost more than the writes in a bulk import.
 * Writers check their input before they begin, so what fails inside is a real failure (disk
 * full, I/O): rolling back a nested transaction dooms the outermost one, whose commit then
 * fails and writes nothing.
 */
gboolean
kith_store_begin (KithStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);

  if (self->tx_depth == 0)
    {
      if (!apply_bulk (self, error) ||
          !kith_store_exec (self, "BEGIN IMMEDIATE", error))
        {
          kith_store_unlock (self);
          return FALSE;
        }
      self->tx_failed = FALSE;
    }

  self->tx_depth++;
  return TRUE;
}

static void
reset_transaction (KithStore *self)
{
  if (self->tx_changes != NULL)
    kith_change_hook_reset (self->tx_changes);
  self->tx_failed = FALSE;
  g_hash_table_remove_all (self->fts_records);
  g_hash_table_remove_all (self->fts_items);
  g_hash_table_remove_all (self->contacts);
}

gboolean
kith_store_commit (KithStore  *self,
                   GError    **error)
{
  gboolean ret = TRUE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  self->tx_depth--;

  if (self->tx_depth == 0)
    {
      if (self->tx_failed)
        {
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED,
                       _("A change failed part way, so none of the changes made with it were saved"));
          ret = FALSE;
        }

      ret = ret && flush_fts (self, error) && count_names_moved (self, error) &&
            kith_store_exec (self, "COMMIT", error);
      if (!ret)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          reset_transaction (self);
        }
      else
        flush_changed (self);
      self->tx_failed = FALSE;
      settle_bulk (self);
    }

  kith_store_unlock (self);
  return ret;
}

void
kith_store_rollback (KithStore *self)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  self->tx_depth--;

  if (self->tx_depth == 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      reset_transaction (self);
      settle_bulk (self);
    }
  else
    self->tx_failed = TRUE;

  kith_store_unlock (self);
}

/**
 * kith_store_run_async:
 * @func: the work; runs on the store's worker thread holding the store's lock
 * @result_free: frees what @func returns when nobody takes it
 *
 * Runs @func off the calling thread, one job at a time, and calls @callback on the calling
 * thread's main context. Get the result with kith_store_run_finish().
 */
void
kith_store_run_async (KithStore           *self,
                      KithStoreJobFunc     func,
                      gpointer             job_data,
                      GDestroyNotify       job_data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = job_data;
  job->data_free = job_data_free;
  job->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kith_store_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  g_thread_pool_push (self->worker, task, NULL);
}

/**
 * kith_store_run_finish:
 *
 * Returns: (transfer full) (nullable): what the job returned
 */
gpointer
kith_store_run_finish (KithStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
