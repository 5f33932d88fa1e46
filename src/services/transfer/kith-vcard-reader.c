/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithVCard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-vcard-reader.h"

/*
 * A vCard file split into its cards as it is read, a block at a time, so that a file of any
 * size takes the memory of one card. Only the BEGIN:VCARD and END:VCARD lines are looked at
 * here; EVCard parses each card (folding, QUOTED-PRINTABLE, groups). A card larger than
 * max_card, one that is not UTF-8 or one without END:VCARD comes out refused, with a reason
 * naming the property; the cards around it are read as usual.
 */

#define BLOCK (64 * 1024)
#define MAX_NAME 64

struct _KithVCardReader
{
  GInputStream *input;
  gsize         max_card;
  GByteArray   *pending;       /* read */
  gsize         pos;           /* of the first byte of it not split into lines yet */
  gboolean      eof;
  guint64       bytes_read;
  guint         line;          /* of the file, from 1 */
  guint         number;        /* cards begun */
  gboolean      seen_text;     /* anything but blank lines so far */
  gboolean      begun;         /* a BEGIN:VCARD line opened the next card already */

  /* the card under way */
  GString      *card;
  char         *property;      /* of the line under way: what a refusal names */
  char         *too_large;     /* the property that made the card too large */
  char         *not_utf8;      /* the first property that is not UTF-8 */
  guint         not_utf8_line;
  char         *name;          /* its FN, to name it in a refusal */
  gboolean      skipping;      /* dropping the rest of an overlong line */
  gboolean      qp;            /* the property under way is QUOTED-PRINTABLE */
  gboolean      soft_break;    /* and its last line ended in a soft line break, "=" */
};

void
kith_vcard_chunk_clear (KithVCardChunk *chunk)
{
  g_clear_pointer (&chunk->text, g_free);
  g_clear_pointer (&chunk->reason, g_free);
}

KithVCardReader *
kith_vcard_reader_new (GInputStream *input,
                       gsize         max_card)
{
  KithVCardReader *self = g_new0 (KithVCardReader, 1);

  self->input = g_object_ref (input);
  self->max_card = max_card;
  self->pending = g_byte_array_new ();

  return self;
}

static void
reset_card (KithVCardReader *self)
{
  if (self->card != NULL)
    g_string_free (self->card, TRUE);
  self->card = NULL;
  g_clear_pointer (&self->property, g_free);
  g_clear_pointer (&self->too_large, g_free);
  g_clear_pointer (&self->not_utf8, g_free);
  g_clear_pointer (&self->name, g_free);
  self->skipping = FALSE;
  self->qp = self->soft_break = FALSE;
}

void
kith_vcard_reader_free (KithVCardReader *self)
{
  reset_card (self);
  g_object_unref (self->input);
  g_byte_array_unref (self->pending);
  g_free (self);
}

/* How far into the file the cards read so far reach, for progress */
guint64
kith_vcard_reader_get_bytes_read (KithVCardReader *self)
{
  return self->bytes_read - (self->pending->len - self->pos);
}

static gboolean
read_block (KithVCardReader  *self,
            GCancellable     *cancellable,
            GError          **error)
{
  guint len = self->pending->len;
  gssize n;

  g_byte_array_set_size (self->pending, len + BLOCK);
  n = g_input_stream_read (self->input, self->pending->data + len, BLOCK, cancellable, error);
  g_byte_array_set_size (self->pending, len + MAX (n, 0));
  if (n < 0)
    return FALSE;
  self->eof = n == 0;
  self->bytes_read += n;

  return TRUE;
}

/* Whether @line (without its line break) is @word, as vCard's case-insensitive names are */
static gboolean
line_is (const char *line,
         gsize       len,
         const char *word)
{
  return len == strlen (word) && g_ascii_strncasecmp (line, word, len) == 0;
}

/* The property a line begins ("item1.EMAIL;TYPE=work:…" → EMAIL), or NULL for a folded line */
static char *
property_of (const char *line,
             gsize       len)
{
  gsize end = 0, start = 0;

  if (len == 0 || line[0] == ' ' || line[0] == '\t')
    return NULL;
  while (end < len && end < MAX_NAME && line[end] != ':' && line[end] != ';')
    {
      if (line[end] == '.')
        start = end + 1;
      end++;
    }
  if (end >= len || end == MAX_NAME || (line[end] != ':' && line[end] != ';'))
    return NULL;

  return g_ascii_strup (line + start, end - start);
}

/* Whether the parameters of a property's first line say QUOTED-PRINTABLE */
static gboolean
is_quoted_printable (const char *line,
                     gsize       len)
{
  const char *colon = memchr (line, ':', len);
  g_autofree char *params = g_ascii_strup (line, colon != NULL ? colon - line : (gssize) len);

  return strstr (params, "QUOTED-PRINTABLE") != NULL;
}

/* Notes what a card's line says of the card: its property, its name, whether it is UTF-8 */
static void
note_line (KithVCardReader *self,
           const char      *line,
           gsize            len)
{
  char *property = self->soft_break ? NULL : property_of (line, len);

  if (property != NULL)
    {
      g_free (self->property);
      self->property = property;
      self->qp = is_quoted_printable (line, len);
    }
  if (self->not_utf8 == NULL && !g_utf8_validate_len (line, len, NULL))
    {
      self->not_utf8 = g_strdup (self->property != NULL ? self->property : "?");
      self->not_utf8_line = self->line;
    }
  if (self->name == NULL && property != NULL && g_str_equal (property, "FN"))
    {
      const char *colon = memchr (line, ':', len);
      gsize n = colon != NULL ? MIN (len - (colon + 1 - line), 80) : 0;

      if (n > 0 && g_utf8_validate_len (colon + 1, n, NULL))
        self->name = g_strndup (colon + 1, n);
    }
}

static void
add_to_card (KithVCardReader *self,
             const char      *line,
             gsize            len)
{
  if (self->too_large != NULL)
    return;
  if (self->card->len + len + 2 > self->max_card)
    {
      self->too_large = g_strdup (self->property != NULL ? self->property : "?");
      return;
    }
  /* A QUOTED-PRINTABLE value goes on after a line ending in "=" (vCard 2.1, as Outlook writes
   * it); EVCard 3.46 does not join such lines, so they are joined here */
  if (self->soft_break)
    g_string_truncate (self->card, self->card->len - strlen ("=\r\n"));
  g_string_append_len (self->card, line, len);
  g_string_append (self->card, "\r\n");
  self->soft_break = self->qp && len > 0 && line[len - 1] == '=';
}

static char *
describe_refusal (KithVCardReader *self,
                  const char      *problem)
{
  if (self->name != NULL)
    /* Translators: a card of a vCard file that is not imported: “Ann Lee”: the reason */
    return g_strdup_printf (_("“%s”: %s"), self->name, problem);

  return g_strdup (problem);
}

/* Ends the card under way into @chunk, with the END:VCARD line (or without: refused) */
static void
end_card (KithVCardReader *self,
          KithVCardChunk  *chunk,
          const char      *missing_end)
{
  g_autofree char *problem = NULL;

  chunk->number = self->number;
  if (missing_end != NULL)
    problem = g_strdup (missing_end);
  else if (self->too_large != NULL)
    {
      g_autofree char *limit = g_format_size (self->max_card);

      problem = g_strdup_printf (_("%s makes the card larger than Kith takes (%s)"), self->too_large, limit);
    }
  else if (self->not_utf8 != NULL)
    problem = g_strdup_printf (_("%s on line %u is not UTF-8 text"), self->not_utf8, self->not_utf8_line);

  if (problem != NULL)
    chunk->reason = describe_refusal (self, problem);
  else
    chunk->text = g_string_free (g_steal_pointer (&self->card), FALSE);
  reset_card (self);
}

static void
begin_card (KithVCardReader *self)
{
  reset_card (self);
  self->number++;
  self->card = g_string_new ("BEGIN:VCARD\r\n");
}

/* Takes one line of the file; TRUE when it ended a card into @chunk */
static gboolean
take_line (KithVCardReader  *self,
           const char       *line,
           gsize             len,
           KithVCardChunk   *chunk,
           GError          **error)
{
  gboolean blank;

  while (len > 0 && line[len - 1] == '\r')
    len--;
  /* Windows programs begin UTF-8 files with a byte order mark */
  if (self->line == 0 && len >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
    line += 3, len -= 3;
  blank = len == 0;
  self->line++;

  if (self->card == NULL)
    {
      if (line_is (line, len, "BEGIN:VCARD"))
        begin_card (self);
      else if (!blank && !self->seen_text)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("This is not a vCard file: its first line is not BEGIN:VCARD"));
          return FALSE;
        }
      self->seen_text = self->seen_text || !blank;
      return FALSE;
    }

  if (line_is (line, len, "BEGIN:VCARD"))
    {
      g_autofree char *missing = g_strdup_printf (_("no END:VCARD before the next BEGIN:VCARD on line %u"), self->line);

      end_card (self, chunk, missing);
      self->begun = TRUE;
      return TRUE;
    }
  note_line (self, line, len);
  add_to_card (self, line, len);
  if (line_is (line, len, "END:VCARD"))
    {
      end_card (self, chunk, NULL);
      return TRUE;
    }

  return FALSE;
}

/* Drops the line under way, which has no end in sight: a line longer than a card may be is
 * not kept whole (its start names its property, and the card is refused); text outside a card
 * that long is no vCard */
static gboolean
drop_overlong_line (KithVCardReader  *self,
                    GError          **error)
{
  const char *line = (const char *) self->pending->data + self->pos;
  gsize len = self->pending->len - self->pos;

  if (self->card == NULL && !self->seen_text)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This is not a vCard file: its first line is not BEGIN:VCARD"));
      return FALSE;
    }
  if (self->card != NULL && !self->skipping)
    {
      note_line (self, line, MIN (len, MAX_NAME + 1));
      if (self->too_large == NULL)
        self->too_large = g_strdup (self->property != NULL ? self->property : "?");
    }
  self->skipping = TRUE;
  self->pos = self->pending->len;

  return TRUE;
}

/* Splits off the next whole line; with @at_end, what is left is the last one */
static gboolean
next_line (KithVCardReader  *self,
           gboolean          at_end,
           const char      **line,
           gsize            *len)
{
  const char *start = (const char *) self->pending->data + self->pos;
  gsize left = self->pending->len - self->pos;
  const char *nl = left > 0 ? memchr (start, '\n', left) : NULL;

  if (nl == NULL && (!at_end || left == 0))
    return FALSE;

  *line = start;
  *len = nl != NULL ? (gsize) (nl - start) : left;
  self->pos += *len + (nl != NULL ? 1 : 0);

  return TRUE;
}

/* Takes the whole lines read so far, until one ends a card (TRUE, into @chunk) */
static gboolean
take_lines (KithVCardReader  *self,
            KithVCardChunk   *chunk,
            GError          **error)
{
  const char *line;
  gsize len;

  while (next_line (self, self->eof, &line, &len))
    {
      if (self->skipping)
        {
          self->skipping = FALSE;
          self->line++;
          continue;
        }
      if (take_line (self, line, len, chunk, error))
        return TRUE;
      if (error != NULL && *error != NULL)
        return FALSE;
    }

  return FALSE;
}

/**
 * kith_vcard_reader_next:
 * @chunk: (out caller-allocates): the next card, or why it is refused
 *
 * Returns: %FALSE at the end of the file, or with @error set when it cannot be read or is not
 *   a vCard file at all
 */
gboolean
kith_vcard_reader_next (KithVCardReader  *self,
                        KithVCardChunk   *chunk,
                        GCancellable     *cancellable,
                        GError          **error)
{
  GError *local = NULL;

  memset (chunk, 0, sizeof *chunk);
  if (self->begun)
    {
      self->begun = FALSE;
      begin_card (self);
    }

  for (;;)
    {
      if (take_lines (self, chunk, &local))
        return TRUE;
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (self->eof)
        break;
      if (self->pending->len - self->pos > MAX (self->max_card, BLOCK) && !drop_overlong_line (self, error))
        return FALSE;
      g_byte_array_remove_range (self->pending, 0, self->pos);
      self->pos = 0;
      if (!read_block (self, cancellable, error))
        return FALSE;
    }

  if (self->card != NULL)
    {
      end_card (self, chunk, _("the file ends before END:VCARD"));
      return TRUE;
    }

  return FALSE;
}
