/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * kith-cli import / export: a file in one of the formats of kith-transfer-formats.c, read into
 * the store through an import session, or the store written out.
 */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "kith-cli-transfer.h"

static const KithTransferFormat *
find_format (const char  *name,
             const char  *path,
             GError     **error)
{
  const KithTransferFormat *format;

  if (name != NULL)
    format = kith_transfer_format_lookup (name);
  else
    format = kith_transfer_format_for_file (path);

  if (format == NULL && name != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Unknown format “%s”"), name);
  else if (format == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("%s: the file’s name does not say its format; give it with --format"), path);

  return format;
}

/**
 * kith_cli_import_file:
 * @format_name: (nullable): the format, or %NULL to go by the file's name
 *
 * Returns: (transfer full) (nullable): the finished import, with its counts and refused rows,
 *   or %NULL when the file could not be read (nothing of it written)
 */
KithImport *
kith_cli_import_file (KithStore                *store,
                      const char               *path,
                      const char               *format_name,
                      const KithImportOptions  *options,
                      gboolean                  dry_run,
                      GError                  **error)
{
  const KithTransferFormat *format = find_format (format_name, path, error);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(KithImport) import = NULL;

  if (format == NULL)
    return NULL;
  if (format->import == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Kith writes %s files but does not read them"),
                   _(format->title));
      return NULL;
    }

  file = g_file_new_for_commandline_arg (path);
  if ((input = g_file_read (file, NULL, error)) == NULL)
    return NULL;

  import = kith_import_new (store, dry_run);
  if (!format->import (import, G_INPUT_STREAM (input), options, NULL, error) ||
      !kith_import_finish (import, error))
    {
      kith_import_abort (import);
      return NULL;
    }

  return g_steal_pointer (&import);
}

/**
 * kith_cli_export:
 * @path: (nullable): the file to write, or %NULL for standard output
 *
 * Writes a file whole or not at all: into a temporary file replacing @path at the end.
 */
gboolean
kith_cli_export (KithStore                *store,
                 const char               *format_name,
                 const char               *path,
                 const KithExportOptions  *options,
                 GError                  **error)
{
  const KithTransferFormat *format = find_format (format_name, NULL, error);
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GFile) file = NULL;

  if (format == NULL)
    return FALSE;
  if (format->export == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Kith reads %s files but does not write them"),
                   _(format->title));
      return FALSE;
    }

  if (path == NULL)
    output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (path);
      output = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
      if (output == NULL)
        return FALSE;
    }

  if (!format->export (store, output, options, NULL, error))
    {
      /* A replaced file is left as it was */
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      g_cancellable_cancel (cancel);
      g_output_stream_close (output, cancel, NULL);
      return FALSE;
    }

  return g_output_stream_close (output, NULL, error);
}
