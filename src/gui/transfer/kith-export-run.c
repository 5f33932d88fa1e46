/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * One export to a file, on the store's worker (the format reads the store as it writes). The
 * file is written whole or not at all: into a temporary file that replaces it when closed, so
 * a stopped or failed export leaves what was there before.
 */

#define G_LOG_DOMAIN "KithExportRun"

#include "config.h"

#include "kith-export-run.h"

typedef struct {
  GFile                     *file;
  const KithTransferFormat  *format;
  KithRecordKind             kind;
  KithTransferProgressRelay *relay;
  GCancellable              *stop;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_object_unref (job->file);
  kith_transfer_progress_relay_free (job->relay);
  g_clear_object (&job->stop);
  g_free (job);
}

/* Closing the stream with a cancelled cancellable drops the temporary file */
static void
drop_output (GOutputStream *output)
{
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  g_cancellable_cancel (cancel);
  g_output_stream_close (output, cancel, NULL);
}

static gpointer
export_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  ExportJob *job = data;
  KithExportOptions options = { job->kind, NULL, NULL, NULL, NULL };
  g_autoptr(GFileOutputStream) output = NULL;

  if (job->relay != NULL)
    {
      options.progress = kith_transfer_progress_relay_report;
      options.progress_data = job->relay;
    }

  output = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, job->stop, error);
  if (output == NULL)
    return NULL;

  if (!job->format->export (store, G_OUTPUT_STREAM (output), &options, job->stop, error))
    {
      drop_output (G_OUTPUT_STREAM (output));
      return NULL;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (output), job->stop, error))
    return NULL;

  return g_object_ref (job->file);
}

/**
 * kith_export_run_async:
 * @relay: (nullable) (transfer full): where the writer reports how far it is
 * @stop: (nullable): stops the export, leaving @file as it was
 *
 * Writes @kind's records from @store to @file in @format, on the store's worker. It always
 * answers, stopped or not.
 */
void
kith_export_run_async (KithStore                 *store,
                       GFile                     *file,
                       const KithTransferFormat  *format,
                       KithRecordKind             kind,
                       KithTransferProgressRelay *relay,
                       GCancellable              *stop,
                       GAsyncReadyCallback        callback,
                       gpointer                   user_data)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  g_return_if_fail (format->export != NULL);

  job->file = g_object_ref (file);
  job->format = format;
  job->kind = kind;
  job->relay = relay;
  job->stop = stop != NULL ? g_object_ref (stop) : NULL;

  kith_store_run_async (store, export_job, job, export_job_free, g_object_unref, NULL, callback, user_data);
}

/**
 * kith_export_run_finish:
 *
 * Returns: whether the file was written; %FALSE with @error when it could not be, or was
 *   stopped (%G_IO_ERROR_CANCELLED)
 */
gboolean
kith_export_run_finish (KithStore     *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_autoptr(GFile) file = kith_store_run_finish (store, result, error);

  return file != NULL;
}
