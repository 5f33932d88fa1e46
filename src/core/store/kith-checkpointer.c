/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include <sqlite3.h>

#include "kith-checkpointer.h"

/*
 * KithCheckpointer: a thread that copies a database's write-ahead log back into the database
 * file, over a connection of its own, while the store's connection goes on writing. SQLite's
 * passive checkpoint copies what was committed before it began and lets a writer append to the
 * log meanwhile; so an import no longer stops, every 64 MB of log, for the copy and the fsync ()
 * after it. Once a checkpoint has copied the whole log, the writer's next transaction starts the
 * log over from its beginning, as it does after its own checkpoints.
 */

struct _KithCheckpointer
{
  sqlite3  *db;
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  gboolean  wanted;    /* asked for since the last checkpoint began */
  gboolean  running;
  gboolean  stop;
};

static gpointer
run_checkpoints (gpointer data)
{
  KithCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      int rc;

      while (!self->wanted && !self->stop)
        g_cond_wait (&self->cond, &self->lock);
      if (self->stop)
        break;
      self->wanted = FALSE;
      self->running = TRUE;
      g_mutex_unlock (&self->lock);

      /* Busy: another connection's checkpoint is under way, and the next request tries again */
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("A checkpoint failed: %s", sqlite3_errmsg (self->db));

      g_mutex_lock (&self->lock);
      self->running = FALSE;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

/**
 * kith_checkpointer_start:
 * @path: a database in WAL mode
 *
 * Returns: (transfer full) (nullable): a checkpointer waiting for kith_checkpointer_request();
 *   %NULL when the database cannot be opened again or is not in WAL mode
 */
KithCheckpointer *
kith_checkpointer_start (const char *path)
{
  KithCheckpointer *self = g_new0 (KithCheckpointer, 1);
  sqlite3_stmt *stmt = NULL;
  const char *mode = NULL;

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    mode = (const char *) sqlite3_column_text (stmt, 0);

  if (mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_debug ("No checkpoints beside the writer for %s: %s", path,
               mode != NULL ? mode : self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
      sqlite3_finalize (stmt);
      sqlite3_close_v2 (self->db);
      g_free (self);
      return NULL;
    }
  sqlite3_finalize (stmt);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("kith-checkpoint", run_checkpoints, self);

  return self;
}

/**
 * kith_checkpointer_request:
 * @wait: whether to return only once a checkpoint begun after this call has ended
 *
 * Asks for a checkpoint of what is committed now. Any thread.
 */
void
kith_checkpointer_request (KithCheckpointer *self,
                           gboolean          wait)
{
  g_mutex_lock (&self->lock);
  self->wanted = TRUE;
  g_cond_broadcast (&self->cond);
  while (wait && (self->wanted || self->running) && !self->stop)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

/**
 * kith_checkpointer_stop:
 *
 * Waits for the checkpoint under way, if any, then closes the connection and frees @self.
 */
void
kith_checkpointer_stop (KithCheckpointer *self)
{
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_thread_join (self->thread);
  sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
