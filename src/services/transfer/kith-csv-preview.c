/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithCsvPreview: what the import's mapping step shows before anything is written: the file's
 * encoding and delimiter, its columns with the mapping chosen for them (editable), and its
 * first rows, raw and mapped through the mapping as it is now.
 */

#define G_LOG_DOMAIN "KithCsv"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-header.h"
#include "kith-csv-preview.h"

struct _KithCsvPreview
{
  GObject         parent_instance;

  const char     *encoding;
  char            delimiter;
  KithCsvMapping *mapping;
  GPtrArray      *rows;       /* KithCsvReadRow, NULL-terminated cells */
  GStrv           headers;
};

G_DEFINE_FINAL_TYPE (KithCsvPreview, kith_csv_preview, G_TYPE_OBJECT)

static void
kith_csv_preview_finalize (GObject *object)
{
  KithCsvPreview *self = KITH_CSV_PREVIEW (object);

  g_clear_object (&self->mapping);
  g_ptr_array_unref (self->rows);
  g_strfreev (self->headers);

  G_OBJECT_CLASS (kith_csv_preview_parent_class)->finalize (object);
}

static void
kith_csv_preview_class_init (KithCsvPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kith_csv_preview_finalize;
}

static void
kith_csv_preview_init (KithCsvPreview *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_csv_read_row_free);
}

/**
 * kith_csv_preview_new:
 * @mapping: (nullable): a preset's name or a mapping file; %NULL: the preset the headers say
 * @n_rows: how many rows after the header to read
 *
 * Reads the start of @input (blocking: call it off the main thread). The mapping may import no
 * column yet, for the user to choose them.
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL when the file cannot be imported
 */
KithCsvPreview *
kith_csv_preview_new (GInputStream    *input,
                      KithRecordKind   kind,
                      const char      *mapping,
                      guint            n_rows,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(KithCsvPreview) self = g_object_new (KITH_TYPE_CSV_PREVIEW, NULL);
  g_autoptr(KithCsvReader) reader = NULL;
  guint header_row;

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);

  if ((reader = kith_csv_reader_new (input, cancellable, error)) == NULL ||
      (self->headers = kith_csv_read_header (reader, &header_row, cancellable, error)) == NULL ||
      (self->mapping = kith_csv_choose_mapping (kind, (const char * const *) self->headers, mapping, FALSE, error)) == NULL)
    return NULL;
  self->encoding = kith_csv_reader_get_encoding (reader);
  self->delimiter = kith_csv_reader_get_delimiter (reader);

  while (self->rows->len < n_rows)
    {
      g_autoptr(GError) local = NULL;
      KithCsvReadRow *row = kith_csv_reader_next (reader, cancellable, &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (row == NULL)
        break;
      g_ptr_array_add (row->cells, NULL);
      g_ptr_array_add (self->rows, row);
    }

  return g_steal_pointer (&self);
}

/**
 * kith_csv_preview_get_encoding:
 *
 * Returns: (transfer none): the file's encoding: UTF-8, UTF-16LE, UTF-16BE or WINDOWS-1252
 */
const char *
kith_csv_preview_get_encoding (KithCsvPreview *self)
{
  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (self), NULL);

  return self->encoding;
}

char
kith_csv_preview_get_delimiter (KithCsvPreview *self)
{
  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (self), ',');

  return self->delimiter;
}

/**
 * kith_csv_preview_get_mapping:
 *
 * Returns: (transfer none): the mapping of the file's columns, to edit and then import with
 *   (kith_csv_import_with_mapping ())
 */
KithCsvMapping *
kith_csv_preview_get_mapping (KithCsvPreview *self)
{
  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (self), NULL);

  return self->mapping;
}

guint
kith_csv_preview_get_n_rows (KithCsvPreview *self)
{
  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (self), 0);

  return self->rows->len;
}

/**
 * kith_csv_preview_get_row_number:
 *
 * Returns: the @i-th row's number in the file, as the import's refusals name it
 */
guint
kith_csv_preview_get_row_number (KithCsvPreview *self,
                                 guint           i)
{
  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (self), 0);
  g_return_val_if_fail (i < self->rows->len, 0);

  return ((KithCsvReadRow *) g_ptr_array_index (self->rows, i))->number;
}

/**
 * kith_csv_preview_get_cells:
 * @out_n_cells: (out) (optional)
 *
 * Returns: (transfer none) (array zero-terminated=1): the @i-th row's cells as the file has them
 */
const char * const *
kith_csv_preview_get_cells (KithCsvPreview *self,
                            guint           i,
                            guint          *out_n_cells)
{
  KithCsvReadRow *row;

  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (self), NULL);
  g_return_val_if_fail (i < self->rows->len, NULL);

  row = g_ptr_array_index (self->rows, i);
  if (out_n_cells != NULL)
    *out_n_cells = row->cells->len - 1;

  return (const char * const *) row->cells->pdata;
}

/**
 * kith_csv_preview_map_row:
 * @out_reason: (out) (transfer full): why the import would refuse the row
 *
 * Returns: (transfer full) (nullable): the @i-th row as the mapping makes it a record now, or
 *   %NULL with @out_reason set
 */
KithRecordValues *
kith_csv_preview_map_row (KithCsvPreview  *self,
                          guint            i,
                          char           **out_reason)
{
  KithCsvReadRow *row;

  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (self), NULL);
  g_return_val_if_fail (i < self->rows->len, NULL);

  row = g_ptr_array_index (self->rows, i);
  if (row->problem != NULL)
    {
      *out_reason = kith_csv_row_problem ((const char * const *) self->headers, row);
      return NULL;
    }

  return kith_csv_mapping_map_row (self->mapping, (const char * const *) row->cells->pdata,
                                   row->cells->len - 1, out_reason);
}
