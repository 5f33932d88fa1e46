/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The one way the typed store calls of src/core/model run: each is GIO-shaped, with its own
 * GTask and source tag, and hands its job to the store's worker (kith_store_run_async()); the
 * task returns what the job returned.
 */

#define G_LOG_DOMAIN "KithModelTask"

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
    g_task_return_pointer (task, value, g_task_get_task_data (task));
}

/**
 * kith_model_run:
 * @source_object: what the call is made on: the store, or the model object written
 * @store: the store whose worker runs @func
 * @result_free: (nullable): frees what @func returns; %NULL when that is a boolean
 *   (`GINT_TO_POINTER (TRUE)`, or %NULL with an error)
 * @cancellable: (nullable): a read's cancellable; %NULL for a write, which always completes
 * @source_tag: the typed call's own function, for its _finish to check
 *
 * Runs @func on the store's worker; the call's _finish gets what @func returned with
 * kith_model_finish_pointer() or kith_model_finish_boolean().
 */
void
kith_model_run (gpointer             source_object,
                KithStore           *store,
                KithStoreJobFunc     func,
                gpointer             job_data,
                GDestroyNotify       job_data_free,
                GDestroyNotify       result_free,
                GCancellable        *cancellable,
                gpointer             source_tag,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KITH_IS_STORE (store));

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  /* The task data is otherwise unused: it carries the free function to the return */
  g_task_set_task_data (task, result_free, NULL);
  kith_store_run_async (store, func, job_data, job_data_free, result_free, cancellable, on_job_done_cb, task);
}

/**
 * kith_model_finish_pointer:
 *
 * Returns: (transfer full) (nullable): what the job of kith_model_run() returned
 */
gpointer
kith_model_finish_pointer (gpointer       source_object,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* For a job that returns `GINT_TO_POINTER (TRUE)` on success */
gboolean
kith_model_finish_boolean (gpointer       source_object,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  return kith_model_finish_pointer (source_object, result, source_tag, error) != NULL;
}
