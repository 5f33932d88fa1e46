/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-file-private.h"
#include "kith-file-store.h"
#include "kith-model-task.h"

/*
 * The typed calls for a record's files: listing, removing (with what Undo needs kept in the
 * KithFile) and restoring run on the store's worker; attaching, which copies files and may take
 * long, runs in a thread of its own so that the store's other work goes on meanwhile.
 */

/* Listing */

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_store_list_files (store, *(gint64 *) data, error);
}

void
kith_store_list_files_async (KithStore           *self,
                             gint64               record_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_job, g_memdup2 (&record_id, sizeof record_id), g_free, g_object_unref, cancellable,
                  kith_store_list_files_async, callback, user_data);
}

/**
 * kith_store_list_files_finish:
 *
 * Returns: (transfer full): a list model of #KithFile, the record's files by the time attached
 */
GListModel *
kith_store_list_files_finish (KithStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_list_files_async, error);
}

/* Removing and restoring */

static gpointer
remove_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  g_autoptr(KithFile) removed = kith_files_remove (store, kith_file_get_id (data), error);

  if (removed == NULL)
    return NULL;
  kith_file_set_removed (data, removed);
  return GINT_TO_POINTER (TRUE);
}

/**
 * kith_store_remove_file_async:
 *
 * Removes @file from its record; kith_store_restore_file_async () puts it back.
 */
void
kith_store_remove_file_async (KithStore           *self,
                              KithFile            *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_FILE (file));

  kith_model_run (self, self, remove_job, g_object_ref (file), g_object_unref, NULL, cancellable,
                  kith_store_remove_file_async, callback, user_data);
}

gboolean
kith_store_remove_file_finish (KithStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_remove_file_async, error);
}

static gpointer
restore_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  KithFile *removed = kith_file_get_removed (data);

  if (removed == NULL)
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, "The file was not removed");
      return NULL;
    }
  return kith_files_restore (store, removed, error) != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

/**
 * kith_store_restore_file_async:
 * @file: a file removed with kith_store_remove_file_async ()
 */
void
kith_store_restore_file_async (KithStore           *self,
                               KithFile            *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_FILE (file));

  kith_model_run (self, self, restore_job, g_object_ref (file), g_object_unref, NULL, cancellable,
                  kith_store_restore_file_async, callback, user_data);
}

gboolean
kith_store_restore_file_finish (KithStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_restore_file_async, error);
}

/* Attaching */

static gpointer
mode_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  /* The mode plus one: a job returns NULL only on error */
  return GINT_TO_POINTER (kith_files_get_mode (store) + 1);
}

/**
 * kith_store_get_files_mode_async:
 *
 * Reads what the "files-mode" setting says to do with dropped files, for
 * kith_store_attach_files_async ().
 */
void
kith_store_get_files_mode_async (KithStore           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, mode_job, NULL, NULL, NULL, cancellable, kith_store_get_files_mode_async, callback,
                  user_data);
}

/**
 * kith_store_get_files_mode_finish:
 *
 * Returns: the files mode; %KITH_FILES_COPY with @error set when it could not be read
 */
KithFilesMode
kith_store_get_files_mode_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  gpointer mode = kith_model_finish_pointer (self, result, kith_store_get_files_mode_async, error);

  return mode != NULL ? (KithFilesMode) (GPOINTER_TO_INT (mode) - 1) : KITH_FILES_COPY;
}

typedef struct {
  gint64                record_id;
  GSList               *files;
  KithFilesMode         mode;
  KithFilesProgressFunc progress_func;
  gpointer              progress_data;
  GDestroyNotify        progress_data_free;
} Attach;

typedef struct {
  guint      n_attached;
  GPtrArray *failures;
} Outcome;

static void
attach_free (Attach *attach)
{
  g_slist_free_full (attach->files, g_object_unref);
  if (attach->progress_data_free != NULL)
    attach->progress_data_free (attach->progress_data);
  g_free (attach);
}

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->failures, g_ptr_array_unref);
  g_free (outcome);
}

static void
attach_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Attach *attach = data;
  KithStore *store = source;
  GError *error = NULL;
  g_autoptr(GPtrArray) attached = NULL;
  Outcome *outcome = g_new0 (Outcome, 1);

  attached = kith_files_attach (store, attach->record_id, attach->files, attach->mode, attach->progress_func,
                                attach->progress_data, &outcome->failures, cancellable, &error);
  if (attached == NULL)
    {
      outcome_free (outcome);
      g_task_return_error (task, error);
      return;
    }
  outcome->n_attached = attached->len;
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

/**
 * kith_store_attach_files_async:
 * @files: (element-type GFile): files and folders
 * @mode: copied or linked, as kith_store_get_files_mode_async () says
 * @progress_func: (nullable): called in the attaching thread as the copies go on
 *
 * Attaches @files to record @record_id, in a thread of its own.
 */
void
kith_store_attach_files_async (KithStore             *self,
                               gint64                 record_id,
                               GSList                *files,
                               KithFilesMode          mode,
                               KithFilesProgressFunc  progress_func,
                               gpointer               progress_data,
                               GDestroyNotify         progress_data_free,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Attach *attach;

  g_return_if_fail (KITH_IS_STORE (self));

  attach = g_new0 (Attach, 1);
  attach->record_id = record_id;
  attach->files = g_slist_copy_deep (files, (GCopyFunc) g_object_ref, NULL);
  attach->mode = mode;
  attach->progress_func = progress_func;
  attach->progress_data = progress_data;
  attach->progress_data_free = progress_data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kith_store_attach_files_async);
  g_task_set_task_data (task, attach, (GDestroyNotify) attach_free);
  g_task_run_in_thread (task, attach_thread);
}

/**
 * kith_store_attach_files_finish:
 * @out_n_attached: (out) (optional): how many files were attached
 * @out_failures: (out) (optional) (transfer full) (element-type KithFileFailure): the files
 *   that could not be attached
 *
 * Returns: whether the attaching ran to its end (some files may still have failed)
 */
gboolean
kith_store_attach_files_finish (KithStore     *self,
                                GAsyncResult  *result,
                                guint         *out_n_attached,
                                GPtrArray    **out_failures,
                                GError       **error)
{
  Outcome *outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_store_attach_files_async, FALSE);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return FALSE;
  if (out_n_attached != NULL)
    *out_n_attached = outcome->n_attached;
  if (out_failures != NULL)
    *out_failures = g_steal_pointer (&outcome->failures);
  outcome_free (outcome);
  return TRUE;
}
