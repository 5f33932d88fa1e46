/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A CSV file's header row, and the mapping it gets: what the import and its preview share.
 */

#define G_LOG_DOMAIN "KithCsv"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-header.h"

static gboolean
check_duplicates (GPtrArray  *cells,
                  GError    **error)
{
  for (guint i = 0; i < cells->len; i++)
    for (guint j = i + 1; j < cells->len; j++)
      {
        const char *a = g_ptr_array_index (cells, i);

        if (a[0] != '\0' && strcmp (a, g_ptr_array_index (cells, j)) == 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("the header row: columns %u and %u are both called “%s”; rename one so "
                           "that each column says what it holds"), i + 1, j + 1, a);
            return FALSE;
          }
      }

  return TRUE;
}

/**
 * kith_csv_read_header:
 * @out_row: (out): the header row's number
 *
 * Reads the header row, after the lines of notes LinkedIn writes above it.
 *
 * Returns: (transfer full) (nullable): the headers, or %NULL with @error set when the file has
 *   none or they cannot name the columns (the same header twice)
 */
GStrv
kith_csv_read_header (KithCsvReader  *reader,
                      guint          *out_row,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(KithCsvReadRow) row = NULL;
  gboolean notes = FALSE;

  do
    {
      g_autoptr(GError) local = NULL;

      g_clear_pointer (&row, kith_csv_read_row_free);
      if ((row = kith_csv_reader_next (reader, cancellable, &local)) == NULL)
        {
          if (local == NULL)
            g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file has no header row"));
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (row->number == 1 && row->cells->len == 1 && g_str_equal (g_ptr_array_index (row->cells, 0), "Notes:"))
        notes = TRUE;
    }
  while (notes && row->cells->len < 2);

  *out_row = row->number;
  if (row->problem != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the header row: column %d %s"),
                   row->column + 1, row->problem);
      return NULL;
    }
  /* " Email" is the column "Email": spaces around a header are a spreadsheet's slip */
  for (guint i = 0; i < row->cells->len; i++)
    g_strstrip (g_ptr_array_index (row->cells, i));
  if (!check_duplicates (row->cells, error))
    return NULL;

  g_ptr_array_add (row->cells, NULL);
  return (GStrv) g_ptr_array_steal (row->cells, NULL);
}

/**
 * kith_csv_choose_mapping:
 * @mapping: (nullable): a preset's name or a mapping file (a file of that name first); %NULL:
 *   the preset the headers say
 * @require_mapped: fail when the mapping imports no column (an import would refuse every row)
 *
 * Returns: (transfer full) (nullable): the mapping
 */
KithCsvMapping *
kith_csv_choose_mapping (KithRecordKind       kind,
                         const char * const  *headers,
                         const char          *mapping,
                         gboolean             require_mapped,
                         GError             **error)
{
  g_autoptr(KithCsvMapping) self = NULL;

  if (mapping == NULL)
    self = kith_csv_mapping_new (kind, headers);
  else if (g_file_test (mapping, G_FILE_TEST_EXISTS))
    self = kith_csv_mapping_new_from_file (kind, headers, mapping, error);
  else
    self = kith_csv_mapping_new_for_preset (kind, headers, mapping, error);

  if (self != NULL && require_mapped && kith_csv_mapping_count_mapped (self) == 0)
    {
      g_autofree char *list = g_strjoinv (", ", (GStrv) headers);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("No column of the file holds a field Kith knows (%s); give a mapping with --mapping"), list);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * kith_csv_row_problem:
 *
 * Returns: (transfer full): why @row cannot be read, naming its column, for the user
 */
char *
kith_csv_row_problem (const char * const   *headers,
                      const KithCsvReadRow *row)
{
  guint n = g_strv_length ((GStrv) headers);

  if (row->column >= 0 && (guint) row->column < n && headers[row->column][0] != '\0')
    return g_strdup_printf (_("column “%s”: the cell %s"), headers[row->column], row->problem);

  return g_strdup_printf (_("column %d: the cell %s"), row->column + 1, row->problem);
}
