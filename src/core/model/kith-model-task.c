/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The typed store calls of src/core/model are GIO-shaped: each has its own GTask with its own
 * source tag, and hands its job to the store's worker (kith_store_run_async()); this returns
 * the job's result through that task.
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
 * kith_model_task_run:
 * @task: (transfer full): a task whose source object is the store
 * @result_free: frees what @func returns when nobody takes it
 *
 * Runs @func on the store's worker, with @task's cancellable, and returns what it returns
 * through @task: take it with g_task_propagate_pointer().
 */
void
kith_model_task_run (GTask            *task,
                     KithStoreJobFunc  func,
                     gpointer          job_data,
                     GDestroyNotify    job_data_free,
                     GDestroyNotify    result_free)
{
  KithStore *store = g_task_get_source_object (task);

  g_return_if_fail (KITH_IS_STORE (store));

  /* The task data is otherwise unused: it carries the free function to the return */
  g_task_set_task_data (task, result_free, NULL);
  kith_store_run_async (store, func, job_data, job_data_free, result_free, g_task_get_cancellable (task),
                        on_job_done_cb, task);
}

/**
 * kith_model_run:
 * @result_free: (nullable): frees what @func returns; %NULL when that is a boolean
 *   (`GINT_TO_POINTER (TRUE)`, or %NULL with an error)
 * @source_tag: the typed call's own function, for its _finish to check
 *
 * Like kith_model_task_run(), with the task made here; the call's _finish gets what @func
 * returned with kith_model_finish_pointer() or kith_model_finish_boolean().
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
  kith_model_task_run (task, func, job_data, job_data_free, result_free);
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
