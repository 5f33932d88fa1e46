/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Reading a CSV file row by row with libcsv, streaming: the file is read in chunks and never
 * held whole. Its encoding is detected from the first bytes (a byte order mark, the zero bytes
 * of UTF-16 without one, UTF-8 that is valid, else Windows-1252) and converted to UTF-8 with
 * GCharsetConverter; its delimiter is the one of `,` `;` and tab its first row uses most.
 *
 * A row that cannot be read is returned with what is wrong with it (a stray quote, a cell too
 * long, invalid UTF-8) and reading goes on at the next line: one bad row never stops an import.
 * Only a quote left open at the end of the file, or a cell longer than the parser will hold,
 * ends the reading there.
 */

#define G_LOG_DOMAIN "KithCsv"

#include "config.h"

#include <csv.h>
#include <glib/gi18n.h>

#include "kith-csv-reader.h"

#define CHUNK (64 * 1024)

/* What libcsv may hold of one cell before it gives up: a quote left open in a large file would
 * otherwise read the rest of it into memory */
#define PARSER_LIMIT (16 * 1024 * 1024)

struct _KithCsvReader
{
  GInputStream      *raw;
  GInputStream      *text;          /* UTF-8 */
  const char        *encoding;
  char               delimiter;
  gboolean           check_utf8;    /* the file is UTF-8 as it is, not converted */
  struct csv_parser  parser;
  GBytes            *pending;       /* read while detecting, parsed first */
  GQueue             rows;          /* KithCsvReadRow, complete */
  KithCsvReadRow    *current;
  guint              number;
  guint              handed;        /* rows kith_csv_reader_next () has returned */
  double             fraction;      /* the highest kith_csv_reader_get_fraction () said */
  gboolean           skipping;      /* to the end of a line that failed to parse */
  gboolean           eof;
  goffset            size;          /* of the raw file, 0 when unknown */
};

void
kith_csv_read_row_free (KithCsvReadRow *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row->problem);
  g_free (row);
}

static void *
limited_realloc (void   *p,
                 size_t  size)
{
  return size > PARSER_LIMIT ? NULL : g_try_realloc (p, size);
}

static void
parser_init (KithCsvReader *self)
{
  csv_init (&self->parser, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_delim (&self->parser, self->delimiter);
  csv_set_realloc_func (&self->parser, limited_realloc);
  csv_set_free_func (&self->parser, g_free);
  /* libcsv grows a cell's buffer by this much at a time: its default (128 bytes) would copy a
   * long cell thousands of times */
  csv_set_blk_size (&self->parser, CHUNK);
}

void
kith_csv_reader_free (KithCsvReader *self)
{
  csv_free (&self->parser);
  g_clear_object (&self->raw);
  g_clear_object (&self->text);
  g_clear_pointer (&self->pending, g_bytes_unref);
  g_queue_clear_full (&self->rows, (GDestroyNotify) kith_csv_read_row_free);
  g_clear_pointer (&self->current, kith_csv_read_row_free);
  g_free (self);
}

static goffset
stream_size (GInputStream *input)
{
  GSeekable *seekable = G_IS_SEEKABLE (input) ? G_SEEKABLE (input) : NULL;
  goffset here, size;

  if (seekable == NULL || !g_seekable_can_seek (seekable))
    return 0;
  here = g_seekable_tell (seekable);
  if (!g_seekable_seek (seekable, 0, G_SEEK_END, NULL, NULL))
    return 0;
  size = g_seekable_tell (seekable);
  g_seekable_seek (seekable, here, G_SEEK_SET, NULL, NULL);

  return size;
}

/* UTF-16 without a byte order mark: every other byte of ASCII text is zero */
static const char *
utf16_by_zeros (const guint8 *data,
                gsize         len)
{
  gsize even = 0, odd = 0;

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  if (len >= 4 && odd > len / 8 && even == 0)
    return "UTF-16LE";
  if (len >= 4 && even > len / 8 && odd == 0)
    return "UTF-16BE";
  return NULL;
}

/* Bytes that are not UTF-8 make it Windows-1252, unless the file also has UTF-8 that is
 * valid: then it is UTF-8 with a bad row or two, which are refused */
static gboolean
looks_utf8 (const guint8 *data,
            gsize         len,
            gboolean      whole)
{
  const char *end;
  gboolean multibyte = FALSE;

  if (g_utf8_validate_len ((const char *) data, len, &end))
    return TRUE;
  if (!whole && (const guint8 *) end + 4 > data + len)
    return TRUE;   /* a character cut at the end of the sample */
  for (const guint8 *p = data; p < (const guint8 *) end && !multibyte; p++)
    multibyte = *p >= 0x80;

  return multibyte;
}

static gboolean
detect_encoding (KithCsvReader  *self,
                 const guint8   *data,
                 gsize           len,
                 gboolean        whole,
                 gsize          *out_skip,
                 GError        **error)
{
  const void *nul;

  *out_skip = 0;
  if (len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is empty"));
      return FALSE;
    }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->encoding = "UTF-8";
      *out_skip = 3;
    }
  else if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      self->encoding = data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      *out_skip = 2;
    }
  else if ((self->encoding = utf16_by_zeros (data, len)) != NULL)
    ;
  else if ((nul = memchr (data, 0, len)) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file is not text but binary data (a zero byte at byte %" G_GSIZE_FORMAT "): not a CSV file"),
                   (gsize) ((const guint8 *) nul - data) + 1);
      return FALSE;
    }
  else
    self->encoding = looks_utf8 (data, len, whole) ? "UTF-8" : "WINDOWS-1252";

  self->check_utf8 = g_str_equal (self->encoding, "UTF-8");
  return TRUE;
}

/* The delimiter the first line with any uses most, outside quotes */
static char
detect_delimiter (const char *text,
                  gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (!quoted && text[i] == '\n' && (counts[0] || counts[1] || counts[2]))
        break;
      for (guint c = 0; !quoted && c < G_N_ELEMENTS (candidates); c++)
        counts[c] += text[i] == candidates[c];
    }
  for (guint c = 1; c < G_N_ELEMENTS (candidates); c++)
    if (counts[c] > counts[best])
      best = c;

  return candidates[best];
}

static GInputStream *
text_stream (KithCsvReader *self,
             GInputStream  *buffered)
{
  g_autoptr(GCharsetConverter) converter = NULL;

  if (self->check_utf8)
    return g_object_ref (buffered);

  converter = g_charset_converter_new ("UTF-8", self->encoding, NULL);
  g_charset_converter_set_use_fallback (converter, TRUE);
  return g_converter_input_stream_new (buffered, G_CONVERTER (converter));
}

/**
 * kith_csv_reader_new:
 *
 * Reads the first bytes of @input to learn its encoding and delimiter.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL when @input is empty, binary or
 *   unreadable
 */
KithCsvReader *
kith_csv_reader_new (GInputStream  *input,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(KithCsvReader) self = g_new0 (KithCsvReader, 1);
  g_autoptr(GInputStream) buffered = NULL;
  g_autofree char *chunk = g_malloc (CHUNK);
  const guint8 *data;
  gssize n;
  gsize len, skip;

  self->delimiter = ',';
  parser_init (self);
  self->raw = g_object_ref (input);
  self->size = stream_size (input);
  buffered = g_buffered_input_stream_new_sized (input, CHUNK);
  if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), CHUNK, cancellable, error) < 0)
    return NULL;
  data = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &len);
  if (!detect_encoding (self, data, len, len < CHUNK, &skip, error) ||
      g_input_stream_skip (buffered, skip, cancellable, error) < 0)
    return NULL;

  self->text = text_stream (self, buffered);
  if ((n = g_input_stream_read (self->text, chunk, CHUNK, cancellable, error)) < 0)
    return NULL;
  self->delimiter = detect_delimiter (chunk, n);
  csv_set_delim (&self->parser, self->delimiter);
  self->pending = g_bytes_new_take (g_steal_pointer (&chunk), n);

  return g_steal_pointer (&self);
}

/**
 * kith_csv_reader_get_encoding:
 *
 * Returns: (transfer none): the file's encoding as iconv names it: UTF-8, UTF-16LE …
 */
const char *
kith_csv_reader_get_encoding (KithCsvReader *self)
{
  return self->encoding;
}

char
kith_csv_reader_get_delimiter (KithCsvReader *self)
{
  return self->delimiter;
}

/**
 * kith_csv_reader_get_fraction:
 *
 * Returns: how much of the file has been read, from 0 to 1 (0 when its size is unknown)
 */
double
kith_csv_reader_get_fraction (KithCsvReader *self)
{
  double read, queued;

  if (self->size <= 0 || !G_IS_SEEKABLE (self->raw))
    return 0;

  /* The file is read a chunk at a time, some thousand rows ahead of the rows handed out: the
   * part of what was read that those rows are, or the bar would run ahead of the import */
  read = MIN (1.0, (double) g_seekable_tell (G_SEEKABLE (self->raw)) / self->size);
  queued = g_queue_get_length (&self->rows);
  if (self->handed + queued > 0)
    read *= self->handed / (self->handed + queued);
  /* Rows are not all as long: never back */
  self->fraction = MAX (self->fraction, read);

  return self->fraction;
}

static KithCsvReadRow *
current_row (KithCsvReader *self)
{
  if (self->current == NULL)
    {
      self->current = g_new0 (KithCsvReadRow, 1);
      self->current->number = ++self->number;
      self->current->cells = g_ptr_array_new_with_free_func (g_free);
      self->current->column = -1;
    }
  return self->current;
}

static void
row_problem (KithCsvReadRow *row,
             int             column,
             char           *problem)
{
  if (row->problem != NULL)
    {
      g_free (problem);
      return;
    }
  row->problem = problem;
  row->column = column;
}

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  KithCsvReader *self = user_data;
  KithCsvReadRow *row = current_row (self);
  int column = row->cells->len;
  const char *end;

  if (len > KITH_CSV_MAX_CELL)
    row_problem (row, column, g_strdup_printf (_("holds %" G_GSIZE_FORMAT " bytes, more than the %u a cell may"),
                                               (gsize) len, KITH_CSV_MAX_CELL));
  else if (data != NULL && memchr (data, 0, len) != NULL)
    row_problem (row, column, g_strdup (_("holds binary data (a zero byte), not text")));
  else if (data != NULL && self->check_utf8 && !g_utf8_validate_len (data, len, &end))
    row_problem (row, column, g_strdup_printf (_("is not valid UTF-8 (at byte %" G_GSIZE_FORMAT ")"),
                                               (gsize) (end - (const char *) data) + 1));

  g_ptr_array_add (row->cells, row->problem == NULL && data != NULL ? g_strndup (data, len) : g_strdup (""));
}

static void
on_row (int   c,
        void *user_data)
{
  KithCsvReader *self = user_data;

  g_queue_push_tail (&self->rows, current_row (self));
  self->current = NULL;
}

/* libcsv refused a byte: the row is refused, and reading starts again at the next line */
static void
parse_error (KithCsvReader *self)
{
  KithCsvReadRow *row = current_row (self);
  int error = csv_error (&self->parser);

  if (error == CSV_EPARSE)
    row_problem (row, row->cells->len, g_strdup (_("has a quote where CSV allows none (a cell with quotes must be quoted whole)")));
  else
    {
      row_problem (row, row->cells->len, g_strdup_printf (_("is longer than %u bytes: is a quote left open? The rest of the file is not read"),
                                                          PARSER_LIMIT));
      self->eof = TRUE;
    }
  on_row (-1, self);
  csv_free (&self->parser);
  parser_init (self);
  self->skipping = TRUE;
}

static void
parse (KithCsvReader *self,
       const char    *data,
       gsize          len)
{
  while (len > 0 && !self->eof)
    {
      gsize n;

      if (self->skipping)
        {
          const char *nl = memchr (data, '\n', len);

          if (nl == NULL)
            return;
          self->skipping = FALSE;
          len -= nl + 1 - data;
          data = nl + 1;
          continue;
        }
      n = csv_parse (&self->parser, data, len, on_field, on_row, self);
      if (n == len)
        return;
      parse_error (self);
      data += n;
      len -= n;
    }
}

static void
parse_end (KithCsvReader *self)
{
  self->eof = TRUE;
  if (self->skipping)
    return;
  if (csv_fini (&self->parser, on_field, on_row, self) != 0)
    {
      KithCsvReadRow *row = current_row (self);

      row_problem (row, row->cells->len, g_strdup (_("opens a quote that is never closed")));
      on_row (-1, self);
    }
}

/**
 * kith_csv_reader_next:
 *
 * Returns: (transfer full) (nullable): the next row, or %NULL at the end of the file or with
 *   @error set when the file could not be read
 */
KithCsvReadRow *
kith_csv_reader_next (KithCsvReader  *self,
                      GCancellable   *cancellable,
                      GError        **error)
{
  char chunk[CHUNK];

  while (g_queue_is_empty (&self->rows) && !self->eof)
    {
      gssize n;

      if (self->pending != NULL)
        {
          g_autoptr(GBytes) pending = g_steal_pointer (&self->pending);
          gsize len;
          const char *data = g_bytes_get_data (pending, &len);

          parse (self, data, len);
          continue;
        }
      if ((n = g_input_stream_read (self->text, chunk, sizeof chunk, cancellable, error)) < 0)
        return NULL;
      if (n == 0)
        parse_end (self);
      else
        parse (self, chunk, n);
    }

  if (g_queue_is_empty (&self->rows))
    return NULL;
  self->handed++;
  return g_queue_pop_head (&self->rows);
}
