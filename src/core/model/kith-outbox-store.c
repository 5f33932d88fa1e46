/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithOutboxStore"

#include "config.h"

#include "kith-mail.h"
#include "kith-model-task.h"
#include "kith-outbox-store.h"

/*
 * The Outbox's store calls (src/core/mail/kith-outbox*.c) in the GIO shape, each a job on the
 * store's worker (kith_store_run_async()), so the main loop never waits for SQLite. A write
 * works on a copy of the message: the composer keeps editing its own while the job runs.
 */

/* What a job on one message needs */
typedef struct {
  gint64 id;
  guint  number;   /* the states mask of a list, the delay of a queue */
} MessageJob;

static MessageJob *
message_job_new (gint64 id,
                 guint  number)
{
  MessageJob *job = g_new (MessageJob, 1);

  job->id = id;
  job->number = number;
  return job;
}

static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  KithOutgoing *copy = data;

  if (kith_store_outgoing_save (store, copy, error) == 0)
    return NULL;

  return g_object_ref (copy);
}

/* On the calling thread: the id and time the save gave the copy, on the message itself */
static void
apply_saved (gpointer apply_data,
             gpointer value)
{
  kith_outgoing_set_id (apply_data, kith_outgoing_get_id (value));
  kith_outgoing_set_updated (apply_data, kith_outgoing_get_updated (value));
}

/**
 * kith_store_outgoing_save_async:
 * @msg: a draft
 *
 * Saves draft @msg (kith_store_outgoing_save()); sets its id and updated time before the
 * callback runs. A write: it completes even when whoever asked goes away.
 */
void
kith_store_outgoing_save_async (KithStore           *self,
                                KithOutgoing        *msg,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_OUTGOING (msg));

  kith_model_run_then (self, self, save_job, kith_outgoing_copy (msg), g_object_unref, g_object_unref,
                       apply_saved, g_object_ref (msg), g_object_unref, NULL,
                       kith_store_outgoing_save_async, callback, user_data);
}

/**
 * kith_store_outgoing_save_finish:
 *
 * Returns: the draft's id, or 0 with @error set
 */
gint64
kith_store_outgoing_save_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(KithOutgoing) saved = kith_model_finish_pointer (self, result, kith_store_outgoing_save_async, error);

  return saved != NULL ? kith_outgoing_get_id (saved) : 0;
}

static gpointer
get_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  return kith_store_outgoing_get (store, ((MessageJob *) data)->id, error);
}

void
kith_store_outgoing_get_async (KithStore           *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, get_job, message_job_new (id, 0), g_free, g_object_unref, cancellable,
                  kith_store_outgoing_get_async, callback, user_data);
}

/**
 * kith_store_outgoing_get_finish:
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with @error set
 */
KithOutgoing *
kith_store_outgoing_get_finish (KithStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_outgoing_get_async, error);
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  g_autoptr(GPtrArray) messages = kith_store_outgoing_list (store, ((MessageJob *) data)->number, error);
  GListStore *list;

  if (messages == NULL)
    return NULL;

  list = g_list_store_new (KITH_TYPE_OUTGOING);
  g_list_store_splice (list, 0, 0, messages->pdata, messages->len);
  return list;
}

/**
 * kith_store_outgoing_list_async:
 * @states_mask: the states wanted: `KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT) | …`
 *
 * Lists the messages in those states (kith_store_outgoing_list()).
 */
void
kith_store_outgoing_list_async (KithStore           *self,
                                guint                states_mask,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_job, message_job_new (0, states_mask), g_free, g_object_unref, cancellable,
                  kith_store_outgoing_list_async, callback, user_data);
}

/**
 * kith_store_outgoing_list_finish:
 *
 * Returns: (transfer full) (nullable): a list model of KithOutgoing, the last written first,
 *   or %NULL with @error set
 */
GListModel *
kith_store_outgoing_list_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_outgoing_list_async, error);
}

/* A write on one message, answered with a boolean */
static void
run_write (KithStore           *self,
           KithStoreJobFunc     func,
           MessageJob          *job,
           gpointer             source_tag,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, func, job, g_free, NULL, NULL, source_tag, callback, user_data);
}

static gpointer
queue_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  MessageJob *job = data;

  return GINT_TO_POINTER (kith_store_outgoing_queue (store, job->id, job->number, error));
}

/**
 * kith_store_outgoing_queue_async:
 *
 * Send: puts draft @id in the Outbox, to leave after @delay_seconds
 * (kith_store_outgoing_queue()).
 */
void
kith_store_outgoing_queue_async (KithStore           *self,
                                 gint64               id,
                                 guint                delay_seconds,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_write (self, queue_job, message_job_new (id, delay_seconds), kith_store_outgoing_queue_async,
             callback, user_data);
}

gboolean
kith_store_outgoing_queue_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_outgoing_queue_async, error);
}

static gpointer
unqueue_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  return GINT_TO_POINTER (kith_store_outgoing_unqueue (store, ((MessageJob *) data)->id, error));
}

/**
 * kith_store_outgoing_unqueue_async:
 *
 * Undo: takes queued message @id back to the drafts (kith_store_outgoing_unqueue()).
 */
void
kith_store_outgoing_unqueue_async (KithStore           *self,
                                   gint64               id,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  run_write (self, unqueue_job, message_job_new (id, 0), kith_store_outgoing_unqueue_async, callback, user_data);
}

gboolean
kith_store_outgoing_unqueue_finish (KithStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_outgoing_unqueue_async, error);
}

static gpointer
retry_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  return GINT_TO_POINTER (kith_store_outgoing_retry (store, ((MessageJob *) data)->id, error));
}

/**
 * kith_store_outgoing_retry_async:
 *
 * Retry: failed message @id back in the Outbox, due now (kith_store_outgoing_retry()).
 */
void
kith_store_outgoing_retry_async (KithStore           *self,
                                 gint64               id,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_write (self, retry_job, message_job_new (id, 0), kith_store_outgoing_retry_async, callback, user_data);
}

gboolean
kith_store_outgoing_retry_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_outgoing_retry_async, error);
}

static gpointer
discard_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  return GINT_TO_POINTER (kith_store_outgoing_discard (store, ((MessageJob *) data)->id, error));
}

/**
 * kith_store_outgoing_discard_async:
 *
 * Discard: deletes draft or failed message @id and its copied files
 * (kith_store_outgoing_discard()).
 */
void
kith_store_outgoing_discard_async (KithStore           *self,
                                   gint64               id,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  run_write (self, discard_job, message_job_new (id, 0), kith_store_outgoing_discard_async, callback, user_data);
}

gboolean
kith_store_outgoing_discard_finish (KithStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_outgoing_discard_async, error);
}
