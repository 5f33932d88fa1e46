/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The texts of the messages capture puts on the timeline: fetched a batch at a time, each
 * folder's part of it with one `UID FETCH` over a connection of capture's own
 * (kith-mail-imap.c); what that does not bring, through Camel, several at once (one IMAP
 * connection each). Then written to the store in one transaction. The pool also lends its
 * connection to capture, which asks it what arrived in a folder (kith-mail-capture.c).
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include "kith-mail.h"
#include "kith-mail-fetch.h"
#include "kith-mail-imap.h"
#include "kith-mail-mapping.h"

struct _KithMailFetchPool
{
  GThreadPool  *pool;
  GMutex        lock;
  GCond         cond;
  guint         pending;    /* fetches of the batch not done yet */
  GCancellable *cancellable;
  CamelService *service;    /* the store whose sign-in the batched fetch shares */
  GHashTable   *open;       /* Camel's folders opened in this sync, by name: the capture's */
  GHashTable   *refreshed;  /* the names of those refreshed for Camel's fetches */
  KithMailImap *imap;       /* connected when first needed */
  gboolean      imap_failed;   /* then Camel fetches the rest of this sync */
};

void
kith_mail_fetch_clear (KithMailFetch *fetch)
{
  g_clear_pointer (&fetch->folder, g_free);
  g_clear_pointer (&fetch->uid, g_free);
  g_clear_pointer (&fetch->message_id, g_free);
  g_clear_object (&fetch->opened);
  g_clear_pointer (&fetch->text, kith_mail_text_free);
  g_clear_error (&fetch->error);
  fetch->fetched = FALSE;
}

/* Fetches one message's text; run by the pool's threads */
static void
fetch_message (gpointer data,
               gpointer user_data)
{
  KithMailFetch *fetch = data;
  KithMailFetchPool *self = user_data;
  g_autoptr(CamelMimeMessage) message = NULL;

  message = camel_folder_get_message_sync (fetch->opened, fetch->uid, self->cancellable, &fetch->error);
  if (message != NULL)
    fetch->text = kith_mail_mapping_text (message);

  g_mutex_lock (&self->lock);
  self->pending--;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * kith_mail_fetch_ref_folder:
 * @open: (element-type utf8 CamelFolder): the folders opened so far, which @name joins
 *
 * Returns: (transfer full): Camel's folder @name, opened once per sync; %NULL with @error set
 */
CamelFolder *
kith_mail_fetch_ref_folder (CamelStore   *store,
                            GHashTable   *open,
                            const char   *name,
                            GCancellable *cancellable,
                            GError      **error)
{
  CamelFolder *folder = g_hash_table_lookup (open, name);

  if (folder != NULL)
    return g_object_ref (folder);

  folder = camel_store_get_folder_sync (store, name, 0, cancellable, error);
  if (folder != NULL)
    g_hash_table_insert (open, g_strdup (name), g_object_ref (folder));

  return folder;
}

/**
 * kith_mail_fetch_pool_new:
 * @service: the account's IMAP store, connected
 * @open: (element-type utf8 CamelFolder): the caller's folders of this sync, which the pool
 *   opens more of for Camel's fetches; it must outlive the pool
 */
KithMailFetchPool *
kith_mail_fetch_pool_new (guint         threads,
                          CamelService *service,
                          GHashTable   *open,
                          GCancellable *cancellable)
{
  KithMailFetchPool *self = g_new0 (KithMailFetchPool, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->service = service != NULL ? g_object_ref (service) : NULL;
  self->open = open;
  self->refreshed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pool = g_thread_pool_new (fetch_message, self, threads, FALSE, NULL);

  return self;
}

void
kith_mail_fetch_pool_free (KithMailFetchPool *self)
{
  if (self == NULL)
    return;

  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->imap, kith_mail_imap_free);
  g_clear_pointer (&self->refreshed, g_hash_table_unref);
  g_clear_object (&self->service);
  g_free (self);
}

/* A dropped connection stops the sync (the next one resumes); anything else about one message
 * only means it is logged from its headers */
static gboolean
is_connection_error (const GError *error)
{
  return error != NULL &&
         (error->domain == G_IO_ERROR ||
          g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE));
}

/**
 * kith_mail_fetch_pool_get_imap:
 *
 * Returns: (transfer none) (nullable): the pool's own IMAP connection, signed in on first
 *   use; %NULL when it could not be, and then for the rest of the pool's life
 */
KithMailImap *
kith_mail_fetch_pool_get_imap (KithMailFetchPool *self)
{
  g_autoptr(GError) error = NULL;

  if (self->imap_failed || self->service == NULL)
    return NULL;
  if (self->imap == NULL)
    self->imap = kith_mail_imap_connect_sync (self->service, self->cancellable, &error);
  if (self->imap == NULL)
    kith_mail_fetch_pool_drop_imap (self, error);

  return self->imap;
}

/**
 * kith_mail_fetch_pool_drop_imap:
 * @why: what went wrong on the connection
 *
 * Closes the pool's connection, which failed: Camel does its work for the rest of the sync.
 */
void
kith_mail_fetch_pool_drop_imap (KithMailFetchPool *self,
                                const GError      *why)
{
  g_clear_pointer (&self->imap, kith_mail_imap_free);
  self->imap_failed = TRUE;
  if (!g_error_matches (why, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Camel reads the rest of this sync: %s", why != NULL ? why->message : "");
}

/* Fetches each folder's run of @fetches with one command; on the first failure, the batched
 * fetch is given up for the pool's life and Camel fetches what is left */
static void
fetch_batched (KithMailFetchPool *self,
               KithMailFetch     *fetches,
               guint              n)
{
  g_autoptr(GError) error = NULL;
  KithMailImap *imap = kith_mail_fetch_pool_get_imap (self);
  guint first = 0;

  while (imap != NULL && first < n)
    {
      guint end = first + 1;

      while (end < n && g_strcmp0 (fetches[end].folder, fetches[first].folder) == 0)
        end++;
      if (!kith_mail_imap_fetch_sync (imap, fetches[first].folder, fetches + first, end - first,
                                      self->cancellable, &error))
        {
          kith_mail_fetch_pool_drop_imap (self, error);
          imap = NULL;
        }
      first = end;
    }
}

/* Camel's folder @name, for Camel to fetch messages of: refreshed once, as capture may have
 * read the folder without it (read_folder ()), and Camel fetches only the messages its
 * summary has */
static CamelFolder *
open_for_camel (KithMailFetchPool  *self,
                const char         *name,
                GError            **error)
{
  g_autoptr(CamelFolder) folder = kith_mail_fetch_ref_folder (CAMEL_STORE (self->service), self->open, name,
                                                              self->cancellable, error);

  if (folder == NULL)
    return NULL;
  if (!g_hash_table_contains (self->refreshed, name))
    {
      if (!camel_folder_refresh_info_sync (folder, self->cancellable, error))
        return NULL;
      g_hash_table_add (self->refreshed, g_strdup (name));
    }

  return g_steal_pointer (&folder);
}

/**
 * kith_mail_fetch_pool_run:
 * @fetches: (array length=n): each with its folder, uid and Message-ID
 *
 * Fetches the texts of @fetches, all at once as far as the pool's threads go, and waits for
 * them. Fails, with the error of the first, when the sync must stop: it was cancelled, or the
 * connection dropped. Other errors stay on their fetch, which is then logged from its headers.
 */
gboolean
kith_mail_fetch_pool_run (KithMailFetchPool  *self,
                          const char         *account,
                          KithMailFetch      *fetches,
                          guint               n,
                          GError            **error)
{
  fetch_batched (self, fetches, n);

  /* Camel's folders are opened here, on the caller's thread, which owns @open */
  for (guint k = 0; k < n; k++)
    if (!fetches[k].fetched && fetches[k].error == NULL && self->service != NULL)
      fetches[k].opened = open_for_camel (self, fetches[k].folder, &fetches[k].error);

  g_mutex_lock (&self->lock);
  self->pending = 0;
  for (guint k = 0; k < n; k++)
    if (!fetches[k].fetched && fetches[k].opened != NULL)
      {
        self->pending++;
        g_thread_pool_push (self->pool, &fetches[k], NULL);
      }
  g_mutex_unlock (&self->lock);
  g_mutex_lock (&self->lock);
  while (self->pending > 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  for (guint k = 0; k < n; k++)
    {
      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      if (is_connection_error (fetches[k].error))
        {
          g_propagate_error (error, g_steal_pointer (&fetches[k].error));
          return FALSE;
        }
      if (fetches[k].error != NULL)
        g_debug ("%s: logging %s from its headers: %s", account, fetches[k].uid, fetches[k].error->message);
    }

  return TRUE;
}

/**
 * kith_mail_fetch_write:
 * @pending: (element-type KithMailUnlogged): the messages to log, as kith_store_mail_unlogged ()
 *   lists them
 * @first: where in @pending the messages of @fetches start
 *
 * Logs a batch in one transaction; when one message cannot be written, each on its own, so
 * that one bad message costs only itself.
 */
void
kith_mail_fetch_write (KithStore     *store,
                       const char    *account,
                       GPtrArray     *pending,
                       guint          first,
                       KithMailFetch *fetches,
                       guint          n)
{
  gboolean begun = kith_store_begin (store, NULL);
  gboolean ok = begun;

  for (guint k = 0; ok && k < n; k++)
    ok = kith_store_mail_log (store, ((KithMailUnlogged *) g_ptr_array_index (pending, first + k))->id,
                              fetches[k].text, NULL) != 0;
  if (ok && kith_store_commit (store, NULL))
    return;
  /* A transaction that did not begin has nothing to roll back */
  if (begun && !ok)
    kith_store_rollback (store);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GError) error = NULL;
      KithMailUnlogged *m = g_ptr_array_index (pending, first + k);

      if (kith_store_mail_log (store, m->id, fetches[k].text, &error) == 0)
        g_warning ("%s/%s: message %s not logged: %s", account, m->folder, m->uid, error->message);
    }
}
