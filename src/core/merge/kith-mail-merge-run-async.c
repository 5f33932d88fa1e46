/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include "kith-mail-merge-run-async.h"
#include "kith-merge-recipient.h"
#include "kith-model-task.h"

/*
 * The calls that follow and steer a started merge (kith-mail-merge-run.c, kith-mail-merge-
 * list.c) in the GIO shape, each a job on the store's worker, so the main loop never waits for
 * SQLite. Reads take a cancellable (a page that goes away cancels them); Follow, Pause, Resume
 * and Cancel are writes: they take none and always complete.
 */

static gint64 *
id_new (gint64 merge_id)
{
  return g_memdup2 (&merge_id, sizeof merge_id);
}

static GListModel *
list_model_of (GType      type,
               GPtrArray *items)
{
  GListStore *list;

  if (items == NULL)
    return NULL;
  list = g_list_store_new (type);
  g_list_store_splice (list, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (list);
}

/* Before a running merge is listed: what it still had pending when Kith stopped goes to the
 * Outbox, and what its messages became there is read back */
static gboolean
follow_running (KithStore  *store,
                GPtrArray  *merges,
                GError    **error)
{
  for (guint i = 0; i < merges->len; i++)
    {
      gint64 id = kith_mail_merge_get_id (merges->pdata[i]);

      if (kith_mail_merge_get_state (merges->pdata[i]) != KITH_MERGE_RUNNING)
        continue;
      if (kith_store_mail_merge_go_on (store, id, error) < 0 || !kith_store_mail_merge_follow (store, id, error))
        return FALSE;
    }
  return TRUE;
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  g_autoptr(GPtrArray) merges = kith_store_mail_merge_list (store, error);

  if (merges != NULL && GPOINTER_TO_INT (data))
    {
      if (!follow_running (store, merges, error))
        return NULL;
      g_clear_pointer (&merges, g_ptr_array_unref);
      merges = kith_store_mail_merge_list (store, error);
    }
  return list_model_of (KITH_TYPE_MAIL_MERGE, merges);
}

/**
 * kith_store_mail_merge_list_async:
 * @follow: whether to go on with and follow each running merge first
 *   (kith_store_mail_merge_go_on(), kith_store_mail_merge_follow()), so the counts say what the
 *   Outbox did
 *
 * Lists the merges that have started (kith_store_mail_merge_list()).
 */
void
kith_store_mail_merge_list_async (KithStore           *self,
                                  gboolean             follow,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_job, GINT_TO_POINTER (!!follow), NULL, g_object_unref, cancellable,
                  kith_store_mail_merge_list_async, callback, user_data);
}

/**
 * kith_store_mail_merge_list_finish:
 *
 * Returns: (transfer full) (nullable): a list model of KithMailMerge, the newest first, or
 *   %NULL with @error set
 */
GListModel *
kith_store_mail_merge_list_finish (KithStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_mail_merge_list_async, error);
}

static gpointer
failures_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  g_autoptr(GPtrArray) failed = kith_store_mail_merge_failures (store, *(gint64 *) data, error);

  return list_model_of (KITH_TYPE_MERGE_RECIPIENT, failed);
}

/**
 * kith_store_mail_merge_failures_async:
 *
 * The recipients the server refused (kith_store_mail_merge_failures()).
 */
void
kith_store_mail_merge_failures_async (KithStore           *self,
                                      gint64               merge_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, failures_job, id_new (merge_id), g_free, g_object_unref, cancellable,
                  kith_store_mail_merge_failures_async, callback, user_data);
}

/**
 * kith_store_mail_merge_failures_finish:
 *
 * Returns: (transfer full) (nullable): a list model of KithMergeRecipient, or %NULL with
 *   @error set
 */
GListModel *
kith_store_mail_merge_failures_finish (KithStore     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_mail_merge_failures_async, error);
}

static gpointer
report_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return kith_store_mail_merge_report_csv (store, *(gint64 *) data, error);
}

/**
 * kith_store_mail_merge_report_csv_async:
 *
 * The merge's report as CSV (kith_store_mail_merge_report_csv()).
 */
void
kith_store_mail_merge_report_csv_async (KithStore           *self,
                                        gint64               merge_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, report_job, id_new (merge_id), g_free, g_free, cancellable,
                  kith_store_mail_merge_report_csv_async, callback, user_data);
}

/**
 * kith_store_mail_merge_report_csv_finish:
 *
 * Returns: (transfer full) (nullable): the CSV text, or %NULL with @error set
 */
char *
kith_store_mail_merge_report_csv_finish (KithStore     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_mail_merge_report_csv_async, error);
}

/* Writes: a boolean each, never cancelled */

static void
run_write (KithStore           *self,
           KithStoreJobFunc     func,
           gint64               merge_id,
           gpointer             source_tag,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, func, id_new (merge_id), g_free, NULL, NULL, source_tag, callback, user_data);
}

static gpointer
follow_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_store_mail_merge_follow (store, *(gint64 *) data, error));
}

/**
 * kith_store_mail_merge_follow_async:
 *
 * Reads the states of the merge's messages back from the Outbox
 * (kith_store_mail_merge_follow()).
 */
void
kith_store_mail_merge_follow_async (KithStore           *self,
                                    gint64               merge_id,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  run_write (self, follow_job, merge_id, kith_store_mail_merge_follow_async, callback, user_data);
}

gboolean
kith_store_mail_merge_follow_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_mail_merge_follow_async, error);
}

static gpointer
pause_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  return GINT_TO_POINTER (kith_store_mail_merge_pause (store, *(gint64 *) data, error));
}

/**
 * kith_store_mail_merge_pause_async:
 *
 * Pause: what is not sent yet comes back from the Outbox (kith_store_mail_merge_pause()).
 */
void
kith_store_mail_merge_pause_async (KithStore           *self,
                                   gint64               merge_id,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  run_write (self, pause_job, merge_id, kith_store_mail_merge_pause_async, callback, user_data);
}

gboolean
kith_store_mail_merge_pause_finish (KithStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_mail_merge_pause_async, error);
}

static gpointer
resume_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_store_mail_merge_resume (store, *(gint64 *) data, error) >= 0);
}

/**
 * kith_store_mail_merge_resume_async:
 *
 * Resume: the pending recipients get new times and go to the Outbox
 * (kith_store_mail_merge_resume()).
 */
void
kith_store_mail_merge_resume_async (KithStore           *self,
                                    gint64               merge_id,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  run_write (self, resume_job, merge_id, kith_store_mail_merge_resume_async, callback, user_data);
}

gboolean
kith_store_mail_merge_resume_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_mail_merge_resume_async, error);
}

static gpointer
cancel_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_store_mail_merge_cancel (store, *(gint64 *) data, error));
}

/**
 * kith_store_mail_merge_cancel_async:
 *
 * Cancel: stops the merge for good (kith_store_mail_merge_cancel()).
 */
void
kith_store_mail_merge_cancel_async (KithStore           *self,
                                    gint64               merge_id,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  run_write (self, cancel_job, merge_id, kith_store_mail_merge_cancel_async, callback, user_data);
}

gboolean
kith_store_mail_merge_cancel_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_mail_merge_cancel_async, error);
}
