/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-model-task.h"

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer value = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, (GDestroyNotify) g_task_get_task_data (task));
}

/**
 * kith_model_run:
 * @result_free: (nullable): frees what @func returns; %NULL when that is a boolean
 *   (`GINT_TO_POINTER (TRUE)`, or %NULL with an error)
 *
 * Runs @func on the store's worker; the call's _finish gets what it returned with
 * kith_model_finish_pointer () or kith_model_finish_boolean ().
 */
void
kith_model_run (KithStore           *store,
                KithStoreJobFunc     func,
                gpointer             job_data,
                GDestroyNotify       job_data_free,
                GDestroyNotify       result_free,
                GCancellable        *cancellable,
                gpointer             source_tag,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* How to free what the job returned, should nobody take it */
  g_task_set_task_data (task, (gpointer) result_free, NULL);
  kith_store_run_async (store, func, job_data, job_data_free, result_free, cancellable, on_job_done_cb, task);
}

gpointer
kith_model_finish_pointer (KithStore     *store,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
kith_model_finish_boolean (KithStore     *store,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  return kith_model_finish_pointer (store, result, source_tag, error) != NULL;
}
