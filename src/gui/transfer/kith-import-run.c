/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * One import of a file, dry or for real, on the store's worker: the file read through its
 * format's reader into an import session (kith-import.h), which writes whole records in
 * batches. The window's import dialog runs it twice: dry, for the counts, then for real.
 */

#define G_LOG_DOMAIN "KithImportRun"

#include "config.h"

#include "kith-csv-import.h"
#include "kith-import-run.h"

typedef struct {
  GFile                     *file;
  const KithTransferFormat  *format;
  KithRecordKind             kind;
  KithCsvMapping            *mapping;   /* a CSV file's, as the user mapped its columns */
  gboolean                   dry_run;
  KithTransferProgressRelay *relay;
  GCancellable              *stop;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_object_unref (job->file);
  g_clear_object (&job->mapping);
  kith_transfer_progress_relay_free (job->relay);
  g_clear_object (&job->stop);
  g_free (job);
}

static gboolean
read_file (ImportJob                *job,
           KithImport               *import,
           GInputStream             *input,
           const KithImportOptions  *options,
           GError                  **error)
{
  if (job->mapping != NULL)
    return kith_csv_import_with_mapping (import, input, job->mapping, options, job->stop, error);

  return job->format->import (import, input, options, job->stop, error);
}

/* Stopped (@stop) or failed, the batch under way is rolled back: whole records stay */
static gpointer
import_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  ImportJob *job = data;
  KithImportOptions options = { job->kind, NULL, NULL, NULL };
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(KithImport) import = NULL;

  if (job->relay != NULL)
    {
      options.progress = kith_transfer_progress_relay_report;
      options.progress_data = job->relay;
    }

  input = g_file_read (job->file, job->stop, error);
  if (input == NULL)
    return NULL;

  import = kith_import_new (store, job->dry_run);
  if (!read_file (job, import, G_INPUT_STREAM (input), &options, error) || !kith_import_finish (import, error))
    {
      kith_import_abort (import);
      return NULL;
    }

  return g_steal_pointer (&import);
}

/**
 * kith_import_run_async:
 * @mapping: (nullable): how to read a CSV file's columns; %NULL: as its format detects them.
 *   The import reads it on the worker: leave it as it is until the import answers
 * @relay: (nullable) (transfer full): where the reader reports how far it is
 * @stop: (nullable): stops the import, keeping the records of the batches written
 * @cancellable: (nullable): for a dry run, which writes nothing: drops the job and its answer.
 *   A real import always answers, stopped or not: pass %NULL and stop it with @stop
 *
 * Reads @file in @format into @store on the store's worker; a CSV's rows become @kind.
 */
void
kith_import_run_async (KithStore                 *store,
                       GFile                     *file,
                       const KithTransferFormat  *format,
                       KithRecordKind             kind,
                       KithCsvMapping            *mapping,
                       gboolean                   dry_run,
                       KithTransferProgressRelay *relay,
                       GCancellable              *stop,
                       GCancellable              *cancellable,
                       GAsyncReadyCallback        callback,
                       gpointer                   user_data)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (format->import != NULL);

  job->file = g_object_ref (file);
  job->format = format;
  job->kind = kind;
  job->mapping = mapping != NULL ? g_object_ref (mapping) : NULL;
  job->dry_run = dry_run;
  job->relay = relay;
  job->stop = stop != NULL ? g_object_ref (stop) : NULL;

  kith_store_run_async (store, import_job, job, import_job_free, g_object_unref, cancellable, callback, user_data);
}

/**
 * kith_import_run_finish:
 *
 * Returns: (transfer full) (nullable): the finished import with its counts and refused rows, or
 *   %NULL with @error when the file could not be read or the import was stopped
 */
KithImport *
kith_import_run_finish (KithStore     *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return kith_store_run_finish (store, result, error);
}
