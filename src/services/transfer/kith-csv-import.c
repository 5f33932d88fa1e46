/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Importing a CSV file: each row after the header becomes a record's typed values through its
 * mapping and is added to the import session, which writes it on the bulk path by the store's
 * rules. Rows that cannot be read or mapped are refused with their number and the reason,
 * naming the column and value; a row whose mapped cells are all empty is skipped
 * (spreadsheets end with such rows).
 */

#define G_LOG_DOMAIN "KithCsv"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-header.h"
#include "kith-csv-import.h"

/* Rows between two progress reports and cancellation checks */
#define REPORT_EVERY 64

/* Rows read and mapped before they are written, their phone numbers normalized meanwhile on the
 * bulk path's second thread */
#define AHEAD 256

static gboolean
extra_cells_empty (const KithCsvReadRow *row,
                   guint                 n_headers)
{
  for (guint i = n_headers; i < row->cells->len; i++)
    if (((const char *) g_ptr_array_index (row->cells, i))[0] != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
is_empty (const KithRecordValues *values)
{
  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    if (values->fields[f].set)
      return FALSE;
  return TRUE;
}

/* A row read and mapped, waiting to be written: its values, or why it is refused */
typedef struct {
  guint             number;
  KithRecordValues *record;
  char             *reason;
} Pending;

static void
pending_clear (gpointer data)
{
  Pending *p = data;

  g_clear_pointer (&p->record, kith_record_values_free);
  g_clear_pointer (&p->reason, g_free);
}

/* Reads @row into @out: all that needs nothing stored. Its phone numbers start normalizing on
 * the bulk path's second thread. %FALSE for a row to skip (nothing mapped). */
static gboolean
map_row (KithImport          *import,
         KithCsvMapping      *mapping,
         const char * const  *headers,
         KithCsvReadRow      *row,
         Pending             *out)
{
  guint n_headers = kith_csv_mapping_get_n_columns (mapping);

  out->number = row->number;
  if (row->problem != NULL)
    out->reason = kith_csv_row_problem (headers, row);
  else if (row->cells->len < n_headers || !extra_cells_empty (row, n_headers))
    out->reason = g_strdup_printf (_("the row has %u cells where the header row has %u: is a delimiter missing, or one too many?"),
                                   row->cells->len, n_headers);
  else if ((out->record = kith_csv_mapping_map_row (mapping, (const char * const *) row->cells->pdata,
                                                    row->cells->len, &out->reason)) == NULL)
    ;
  else if (is_empty (out->record))
    {
      g_clear_pointer (&out->record, kith_record_values_free);
      return FALSE;
    }
  else if (!kith_import_get_dry_run (import))
    kith_import_normalize_ahead (import, out->record);

  return TRUE;
}

/* Writes a mapped row once the rows before it are written: which records its keys name
 * depends on them. The store adds a row to the record one of its keys (an email, a domain,
 * an app link) names; a row of a file naming two records is refused instead (the import's
 * "one record a row", set in import_rows ()): the user sees it, rather than losing the other
 * key silently. */
static void
write_row (KithImport     *import,
           KithCsvMapping *mapping,
           Pending        *p)
{
  KithRecordKind kind = kith_csv_mapping_get_kind (mapping);

  if (p->reason == NULL)
    kith_import_add_values (import, p->number, kind, p->record, NULL);
  else
    kith_import_reject (import, p->number, p->reason);
}

static void
report (const KithImportOptions *options,
        double                   fraction)
{
  if (options != NULL && options->progress != NULL)
    options->progress (fraction, options->progress_data);
}

static gboolean
import_rows (KithImport               *import,
             KithCsvReader            *reader,
             KithCsvMapping           *mapping,
             const char * const       *headers,
             const KithImportOptions  *options,
             GCancellable             *cancellable,
             GError                  **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) ahead = g_array_sized_new (FALSE, TRUE, sizeof (Pending), AHEAD);
  guint oldest = 0;   /* in @ahead, once it is full */
  guint n = 0;

  g_array_set_clear_func (ahead, pending_clear);
  kith_import_set_one_record_a_row (import, TRUE);
  for (;;)
    {
      g_autoptr(KithCsvReadRow) row = kith_csv_reader_next (reader, cancellable, &local);
      Pending p = { 0, };

      if (row == NULL)
        break;
      /* A ring of AHEAD rows: the oldest is written, the newest takes its place */
      if (!map_row (import, mapping, headers, row, &p))
        ;
      else if (ahead->len < AHEAD)
        g_array_append_val (ahead, p);
      else
        {
          Pending *done = &g_array_index (ahead, Pending, oldest);

          write_row (import, mapping, done);
          pending_clear (done);
          *done = p;
          oldest = (oldest + 1) % AHEAD;
        }
      if (++n % REPORT_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          report (options, kith_csv_reader_get_fraction (reader));
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; i < ahead->len; i++)
    write_row (import, mapping, &g_array_index (ahead, Pending, (oldest + i) % ahead->len));

  report (options, 1.0);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
same_headers (KithCsvMapping      *mapping,
              const char * const  *headers,
              GError             **error)
{
  guint n = kith_csv_mapping_get_n_columns (mapping);

  if (g_strv_length ((GStrv) headers) == n)
    {
      guint i;

      for (i = 0; i < n && g_str_equal (headers[i], kith_csv_mapping_get_header (mapping, i)); i++)
        ;
      if (i == n)
        return TRUE;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The file’s columns are not those the mapping was made for"));
  return FALSE;
}

/* A file that starts well but whose header cannot be used is one refused row: its header */
static gboolean
refuse_header (KithImport  *import,
               guint        row,
               GError     **error,
               GError      *local)
{
  if (row == 0)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  kith_import_reject (import, row, local->message);
  g_error_free (local);

  return TRUE;
}

/* With no mapping step (kith-cli import), a column no field takes would be left out of every
 * row without a word: one note names them all */
static void
note_ignored_columns (KithImport     *import,
                      KithCsvMapping *mapping)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *note = NULL;
  guint n = 0;

  for (guint i = 0; i < kith_csv_mapping_get_n_columns (mapping); i++)
    {
      const char *header = kith_csv_mapping_get_header (mapping, i);

      if (kith_csv_mapping_is_used (mapping, i) || header == NULL || header[0] == '\0')
        continue;
      /* Translators: a CSV column's header in a list of them */
      g_string_append_printf (names, n++ > 0 ? _(", “%s”") : _("“%s”"), header);
    }
  if (n == 0)
    return;

  /* Translators: %s is a list of CSV columns' headers, “Nickname”, “Photo” */
  note = g_strdup_printf (ngettext ("Not imported, as no field takes it (a mapping can give it one): the column %s",
                                    "Not imported, as no field takes them (a mapping can give them one): the columns %s",
                                    n), names->str);
  kith_import_add_note (import, note);
}

/**
 * kith_csv_import_with_mapping:
 * @mapping: (nullable): the columns' fields (the import's mapping step), made for this file's
 *   headers; %NULL: as @options says
 *
 * Imports the rows of @input. The encoding and delimiter are detected; progress goes to
 * @options' callback; a cancelled import stops between rows, with the rows of committed
 * batches written whole (see #KithImport).
 *
 * Returns: %FALSE with @error set when the file could not be read or was cancelled
 */
gboolean
kith_csv_import_with_mapping (KithImport               *import,
                              GInputStream             *input,
                              KithCsvMapping           *mapping,
                              const KithImportOptions  *options,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  g_autoptr(KithCsvReader) reader = NULL;
  g_autoptr(KithCsvMapping) chosen = NULL;
  g_auto(GStrv) headers = NULL;
  GError *local = NULL;
  guint header_row = 0;

  g_return_val_if_fail (KITH_IS_IMPORT (import), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);

  if ((reader = kith_csv_reader_new (input, cancellable, error)) == NULL)
    return FALSE;
  if ((headers = kith_csv_read_header (reader, &header_row, cancellable, &local)) == NULL)
    return refuse_header (import, header_row, error, local);

  if (mapping != NULL && !same_headers (mapping, (const char * const *) headers, error))
    return FALSE;
  if (mapping == NULL &&
      (chosen = kith_csv_choose_mapping (options != NULL ? options->kind : KITH_RECORD_PERSON,
                                         (const char * const *) headers,
                                         options != NULL ? options->mapping : NULL, TRUE, error)) == NULL)
    return FALSE;

  if (chosen != NULL)
    note_ignored_columns (import, chosen);

  return import_rows (import, reader, mapping != NULL ? mapping : chosen, (const char * const *) headers,
                      options, cancellable, error);
}

/**
 * kith_csv_import:
 *
 * The CSV format's import (kith-transfer.h): kith_csv_import_with_mapping () with the mapping
 * @options name, or the preset the file's headers say.
 */
gboolean
kith_csv_import (KithImport               *import,
                 GInputStream             *input,
                 const KithImportOptions  *options,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  return kith_csv_import_with_mapping (import, input, NULL, options, cancellable, error);
}
