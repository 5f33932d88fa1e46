/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The one way the typed store calls of src/core/model run: each is GIO-shaped, with its own
 * GTask and source tag, and hands its job to the store's worker (kith_store_run_async()); the
 * task returns what the job returned. A write that changes the object it was asked of (a
 * message marked Done, a stage renamed, a record saved) does so on the calling thread, once
 * stored and before the call returns (kith_model_run_then()).
 */

#define G_LOG_DOMAIN "KithModelTask"

#include "config.h"

#include "kith-model-task.h"

/* The task's data: how to free what the job returned, and what to do with it first */
typedef struct {
  GDestroyNotify      result_free;
  KithModelApplyFunc  apply;
  gpointer            apply_data;
  GDestroyNotify      apply_data_free;
} Then;

static void
then_free (Then *then)
{
  if (then->apply_data_free != NULL)
    g_clear_pointer (&then->apply_data, then->apply_data_free);
  g_free (then);
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Then *then = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (then->apply != NULL && value != NULL)
    then->apply (then->apply_data, value);
  g_task_return_pointer (task, value, then->result_free);
}

/**
 * kith_model_run_then:
 * @apply: (nullable): runs on the calling thread with what @func returned, when it returned
 *   something, before the call returns it: a write sets what it stored on the object it was
 *   asked of, so that its _finish and what is bound to the object see it
 *
 * As kith_model_run(), with a step on the calling thread between the job and the return.
 */
void
kith_model_run_then (gpointer             source_object,
                     KithStore           *store,
                     KithStoreJobFunc     func,
                     gpointer             job_data,
                     GDestroyNotify       job_data_free,
                     GDestroyNotify       result_free,
                     KithModelApplyFunc   apply,
                     gpointer             apply_data,
                     GDestroyNotify       apply_data_free,
                     GCancellable        *cancellable,
                     gpointer             source_tag,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;
  Then *then;

  g_return_if_fail (KITH_IS_STORE (store));

  then = g_new0 (Then, 1);
  then->result_free = result_free;
  then->apply = apply;
  then->apply_data = apply_data;
  then->apply_data_free = apply_data_free;
  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, then, (GDestroyNotify) then_free);
  kith_store_run_async (store, func, job_data, job_data_free, result_free, cancellable, on_job_done_cb, task);
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
  kith_model_run_then (source_object, store, func, job_data, job_data_free, result_free, NULL, NULL, NULL,
                       cancellable, source_tag, callback, user_data);
}

/**
 * kith_model_return_now:
 *
 * Answers a call that has nothing to do on the worker (a save of nothing changed) at once,
 * with success, for its _finish to take with kith_model_finish_boolean().
 */
void
kith_model_return_now (gpointer             source_object,
                       gpointer             source_tag,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (Then, 1), (GDestroyNotify) then_free);
  g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
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

/* Whether the job returned something (`GINT_TO_POINTER (TRUE)`, say), which is then dropped */
gboolean
kith_model_finish_boolean (gpointer       source_object,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  Then *then = g_task_get_task_data (G_TASK (result));
  gpointer value = kith_model_finish_pointer (source_object, result, source_tag, error);

  if (value != NULL && then->result_free != NULL)
    then->result_free (value);

  return value != NULL;
}
