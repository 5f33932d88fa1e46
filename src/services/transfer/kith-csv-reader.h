/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One row of a CSV file, as read: its cells in UTF-8, or why it cannot be read */
typedef struct {
  guint      number;        /* the file's rows counted from 1, the header row among them */
  GPtrArray *cells;         /* char*, UTF-8 */
  char      *problem;       /* NULL, or what is wrong with the row … */
  int        column;        /* … in which column (from 0), or -1 */
} KithCsvReadRow;

void kith_csv_read_row_free (KithCsvReadRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCsvReadRow, kith_csv_read_row_free)

typedef struct _KithCsvReader KithCsvReader;

KithCsvReader  *kith_csv_reader_new          (GInputStream   *input,
                                              GCancellable   *cancellable,
                                              GError        **error);
void            kith_csv_reader_free         (KithCsvReader  *self);
const char     *kith_csv_reader_get_encoding (KithCsvReader  *self);
char            kith_csv_reader_get_delimiter (KithCsvReader *self);
double          kith_csv_reader_get_fraction (KithCsvReader  *self);
KithCsvReadRow *kith_csv_reader_next         (KithCsvReader  *self,
                                              GCancellable   *cancellable,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCsvReader, kith_csv_reader_free)

/* A cell longer than this is refused: more than a note holds */
#define KITH_CSV_MAX_CELL (1024 * 1024)

G_END_DECLS
