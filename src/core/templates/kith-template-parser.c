/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTemplateParser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-template-private.h"

/*
 * The template language (docs/templates.md): text with merge fields `{{field}}` and
 * `{{field|fallback}}`. A field closes on its own line; `}}` outside a field is text, and
 * `\{{` writes `{{`. A problem is a KITH_TEMPLATE_ERROR naming its line and column, with the
 * byte offset for editors.
 */

G_DEFINE_QUARK (kith-template-error-quark, kith_template_error)

typedef struct {
  KithTemplateFields    *fields;
  const char            *text;    /* the template's own copy */
  gsize                  length;
  KithTemplateText      *result;
  KithTemplatePosition  *position;
} Parser;

static void
locate (const char           *text,
        gsize                 offset,
        KithTemplatePosition *position)
{
  const char *line_start = text;
  guint line = 1;

  for (const char *p = text; p < text + offset; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }

  position->line = line;
  /* The text before @offset was validated: g_utf8_strlen() counts characters */
  position->column = g_utf8_strlen (line_start, text + offset - line_start) + 1;
  position->offset = offset;
}

static G_GNUC_PRINTF (5, 6) gboolean
fail (Parser      *parser,
      gsize        offset,
      int          code,
      GError     **error,
      const char  *format,
      ...)
{
  KithTemplatePosition where;
  g_autofree char *message = NULL;
  va_list args;

  locate (parser->text, offset, &where);
  if (parser->position != NULL)
    *parser->position = where;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a problem in an email template, where it is: "Line 2, column 7: …" */
  g_set_error (error, KITH_TEMPLATE_ERROR, code, _("Line %u, column %u: %s"), where.line, where.column, message);
  return FALSE;
}

static void
add_text (Parser *parser,
          gsize   start,
          gsize   end)
{
  KithTemplatePiece piece = { parser->text + start, end - start, -1, FALSE };

  if (end > start)
    g_array_append_val (parser->result->pieces, piece);
}

static void
trim (const char **start,
      const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

/* The end of the field opened at @open: the offset of its `}}`, or 0 when it is unclosed */
static gsize
find_close (Parser *parser,
            gsize   open)
{
  for (gsize q = open + 2; q < parser->length; q++)
    {
      if (parser->text[q] == '\n' || (parser->text[q] == '{' && parser->text[q + 1] == '{'))
        return 0;
      if (parser->text[q] == '}' && parser->text[q + 1] == '}')
        return q;
    }

  return 0;
}

static gboolean
unknown_field (Parser      *parser,
               gsize        offset,
               const char  *name,
               GError     **error)
{
  g_autofree char *close = kith_template_fields_suggest (parser->fields, name);

  if (close != NULL)
    /* Translators: the first %s is what the template names, the second one or more field names */
    return fail (parser, offset, KITH_TEMPLATE_ERROR_UNKNOWN_FIELD, error,
                 _("there is no field “%s”; did you mean %s?"), name, close);

  return fail (parser, offset, KITH_TEMPLATE_ERROR_UNKNOWN_FIELD, error, _("there is no field “%s”"), name);
}

/* The field between `{{` at @open and `}}` at @close */
static gboolean
add_field (Parser      *parser,
           gsize        open,
           gsize        close,
           GError     **error)
{
  const char *start = parser->text + open + 2;
  const char *end = parser->text + close;
  const char *bar = memchr (start, '|', end - start);
  const char *name_end = bar != NULL ? bar : end;
  KithTemplatePiece piece = { NULL, 0, -1, bar != NULL };
  g_autofree char *name = NULL;

  trim (&start, &name_end);
  if (start == name_end)
    return fail (parser, open, KITH_TEMPLATE_ERROR_EMPTY_FIELD, error, _("a field needs a name: {{first_name}}"));

  name = g_strndup (start, name_end - start);
  piece.slot = kith_template_fields_lookup (parser->fields, name);
  if (piece.slot < 0)
    return unknown_field (parser, start - parser->text, name, error);

  if (bar != NULL)
    {
      const char *fallback = bar + 1;

      trim (&fallback, &end);
      piece.text = fallback;
      piece.length = end - fallback;
    }

  g_array_append_val (parser->result->pieces, piece);
  parser->result->n_fields++;
  return TRUE;
}

static gboolean
parse (Parser  *parser,
       GError **error)
{
  const char *text = parser->text;
  gsize start = 0;

  for (gsize p = 0; p < parser->length; p++)
    {
      gsize close;

      if (text[p] == '\\' && text[p + 1] == '{' && text[p + 2] == '{')
        {
          /* An escaped `{{`: the text goes on from the brace */
          add_text (parser, start, p);
          start = p + 1;
          p += 2;
          continue;
        }
      if (text[p] != '{' || text[p + 1] != '{')
        continue;

      add_text (parser, start, p);
      close = find_close (parser, p);
      if (close == 0)
        return fail (parser, p, KITH_TEMPLATE_ERROR_UNCLOSED, error,
                     _("“{{” is not closed by “}}” on its line"));
      if (!add_field (parser, p, close, error))
        return FALSE;
      p = close + 1;
      start = close + 2;
    }

  add_text (parser, start, parser->length);
  return TRUE;
}

/**
 * kith_template_text_parse:
 * @fields: the fields the text may name
 * @text: a subject or a body
 * @length: its length in bytes, or -1 when it ends with a nul
 * @out_position: (out) (optional): where the problem is, when there is one
 *
 * Returns: (transfer full) (nullable): the parsed text, or %NULL with @error set in
 *   %KITH_TEMPLATE_ERROR, its message beginning with the line and column
 */
KithTemplateText *
kith_template_text_parse (KithTemplateFields    *fields,
                          const char            *text,
                          gssize                 length,
                          KithTemplatePosition  *out_position,
                          GError               **error)
{
  g_autoptr(KithTemplateText) result = NULL;
  Parser parser = { fields, NULL, 0, NULL, out_position };
  const char *invalid = NULL;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  parser.length = length < 0 ? strlen (text) : (gsize) length;
  result = g_new0 (KithTemplateText, 1);
  result->fields = kith_template_fields_ref (fields);
  result->pieces = g_array_new (FALSE, FALSE, sizeof (KithTemplatePiece));
  /* Two nuls: the parser looks two bytes ahead */
  result->source = g_malloc (parser.length + 2);
  memcpy (result->source, text, parser.length);
  result->source[parser.length] = result->source[parser.length + 1] = '\0';
  parser.text = result->source;
  parser.result = result;

  if (!g_utf8_validate_len (parser.text, parser.length, &invalid))
    {
      parser.length = invalid - parser.text;
      fail (&parser, parser.length, KITH_TEMPLATE_ERROR_BAD_TEXT, error, _("the text is not valid UTF-8"));
      return NULL;
    }
  if (parser.length > KITH_TEMPLATE_MAX_TEXT)
    {
      g_set_error (error, KITH_TEMPLATE_ERROR, KITH_TEMPLATE_ERROR_BAD_TEXT,
                   _("A template is at most %u KB long"), KITH_TEMPLATE_MAX_TEXT / 1024);
      if (out_position != NULL)
        locate (parser.text, 0, out_position);
      return NULL;
    }

  if (!parse (&parser, error))
    return NULL;

  return g_steal_pointer (&result);
}

void
kith_template_text_free (KithTemplateText *self)
{
  if (self == NULL)
    return;

  kith_template_fields_unref (self->fields);
  g_array_unref (self->pieces);
  g_free (self->source);
  g_free (self);
}

/**
 * kith_template_text_get_n_fields:
 *
 * Returns: how many fields the text names, counting each time
 */
guint
kith_template_text_get_n_fields (KithTemplateText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fields;
}
