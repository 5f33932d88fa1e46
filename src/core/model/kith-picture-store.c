/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-model-task.h"
#include "kith-picture-store.h"
#include "kith-record-picture.h"

/* The typed call that sets a record's picture, on the store's worker (which also copies it) */

typedef struct {
  gint64  record_id;
  GFile  *source;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->source);
  g_free (job);
}

static gpointer
set_picture_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  Job *job = data;

  return kith_store_set_picture (store, job->record_id, job->source, NULL, error);
}

/**
 * kith_store_set_picture_async:
 * @record_id: a person, company or deal
 * @source: the image the user chose or dropped
 * @cancellable: (nullable): %NULL for a change the user asked for, so that it is written
 *
 * Copies @source into Kith's files folder and makes it the picture of @record_id; a file that is
 * not an image is refused.
 */
void
kith_store_set_picture_async (KithStore           *self,
                              gint64               record_id,
                              GFile               *source,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (source));

  job = g_new0 (Job, 1);
  job->record_id = record_id;
  job->source = g_object_ref (source);
  kith_model_run (self, self, set_picture_job, job, (GDestroyNotify) job_free, g_free, cancellable,
                  kith_store_set_picture_async, callback, user_data);
}

/**
 * kith_store_set_picture_finish:
 *
 * Returns: (transfer full): the path of the picture as stored, or %NULL with @error set
 */
char *
kith_store_set_picture_finish (KithStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_set_picture_async, error);
}
