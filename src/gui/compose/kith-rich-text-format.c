/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * What a KithRichText's buffer holds, written out and read back: HTML (<p> per run of lines,
 * <br> between its lines, an empty <p></p> per blank line, <ul><li> per run of bulleted lines,
 * <b>, <i>, <a href>) and a faithful plain text (bullets as "- ", links as "text <url>").
 * Reading takes the subset it writes, so a draft reopens as it was saved.
 */

#define G_LOG_DOMAIN "KithRichText"

#include "config.h"

#include <string.h>

#include "kith-link-tag.h"
#include "kith-rich-text-format.h"

#define LINK_PREFIX "link:"

void
kith_rich_text_ensure_tags (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (gtk_text_tag_table_lookup (table, KITH_RICH_TAG_BOLD) != NULL)
    return;
  gtk_text_buffer_create_tag (buffer, KITH_RICH_TAG_BOLD, "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, KITH_RICH_TAG_ITALIC, "style", PANGO_STYLE_ITALIC, NULL);
  /* On a line's first character, so the whole line is indented; wrapped lines start under its
   * text, not under the bullet */
  gtk_text_buffer_create_tag (buffer, KITH_RICH_TAG_BULLET, "left-margin", 24, "indent", -12, NULL);
}

/* The tag of links to @href, made the first time; it keeps @href for the writers */
GtkTextTag *
kith_rich_text_link_tag (GtkTextBuffer *buffer,
                         const char    *href)
{
  g_autofree char *name = g_strconcat (LINK_PREFIX, href, NULL);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);

  if (tag == NULL)
    {
      tag = kith_link_tag_new (name, href);
      gtk_text_tag_table_add (gtk_text_buffer_get_tag_table (buffer), tag);
      /* The table holds it */
      g_object_unref (tag);
    }
  return tag;
}

/* The address of the link the character at @iter is in, or NULL */
const char *
kith_rich_text_iter_get_href (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    if (KITH_IS_LINK_TAG (l->data))
      return kith_link_tag_get_href (l->data);
  return NULL;
}

static GtkTextTag *
lookup_tag (GtkTextBuffer *buffer,
            const char    *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
}

/* Whether the line of @iter is a bulleted one: it starts with the tagged bullet */
gboolean
kith_rich_text_line_is_bullet (const GtkTextIter *iter)
{
  GtkTextIter start = *iter;

  gtk_text_iter_set_line_offset (&start, 0);
  return gtk_text_iter_has_tag (&start, lookup_tag (gtk_text_iter_get_buffer (iter), KITH_RICH_TAG_BULLET));
}

/* Puts the bullet at @iter, a line's start; @iter ends after it */
void
kith_rich_text_insert_bullet (GtkTextBuffer *buffer,
                              GtkTextIter   *iter)
{
  gtk_text_buffer_insert_with_tags_by_name (buffer, iter, KITH_RICH_BULLET, -1, KITH_RICH_TAG_BULLET, NULL);
}

/* Applies @tag between two offsets: a change of tags leaves no iter valid, so each application
 * takes its own */
void
kith_rich_text_apply_between (GtkTextBuffer *buffer,
                              GtkTextTag    *tag,
                              int            start_offset,
                              int            end_offset)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* Where the text of @line starts: past its bullet, if any */
static void
line_bounds (GtkTextBuffer *buffer,
             int            line,
             GtkTextIter   *start,
             GtkTextIter   *end,
             gboolean      *bullet)
{
  gtk_text_buffer_get_iter_at_line (buffer, start, line);
  *end = *start;
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
  *bullet = kith_rich_text_line_is_bullet (start);
  if (*bullet)
    gtk_text_iter_forward_chars (start, g_utf8_strlen (KITH_RICH_BULLET, -1));
}

/* The writer of one format: called for each run of text with the same formatting (and
 * whether the run before it on the line ended with a space), and where a link starts and ends */
typedef struct {
  void (*text)       (GString *out, const char *text, gboolean after_space, gboolean bold, gboolean italic);
  void (*link_start) (GString *out, const char *href);
  void (*link_end)   (GString *out, const char *href, const char *link_text);
} Writer;

/* Writes the text of @line between @start and @end, run by run */
static void
write_line (GtkTextBuffer     *buffer,
            const GtkTextIter *start,
            const GtkTextIter *end,
            const Writer      *writer,
            GString           *out)
{
  GtkTextTag *bold = lookup_tag (buffer, KITH_RICH_TAG_BOLD);
  GtkTextTag *italic = lookup_tag (buffer, KITH_RICH_TAG_ITALIC);
  g_autoptr(GString) link_text = g_string_new (NULL);
  const char *href = NULL;
  GtkTextIter iter = *start;
  gboolean after_space = FALSE;

  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GtkTextIter next = iter;
      const char *run_href = kith_rich_text_iter_get_href (&iter);
      g_autofree char *text = NULL;

      gtk_text_iter_forward_to_tag_toggle (&next, NULL);
      if (gtk_text_iter_compare (&next, end) > 0)
        next = *end;
      text = gtk_text_iter_get_text (&iter, &next);

      if (g_strcmp0 (run_href, href) != 0)
        {
          if (href != NULL)
            writer->link_end (out, href, link_text->str);
          href = run_href;
          g_string_truncate (link_text, 0);
          if (href != NULL)
            writer->link_start (out, href);
        }
      g_string_append (link_text, text);
      writer->text (out, text, after_space, gtk_text_iter_has_tag (&iter, bold), gtk_text_iter_has_tag (&iter, italic));
      if (*text != '\0')
        after_space = g_str_has_suffix (text, " ");
      iter = next;
    }
  if (href != NULL)
    writer->link_end (out, href, link_text->str);
}

/* Escaped; of spaces in a row all but the first are &nbsp;, which HTML does not collapse (the
 * reader takes them back as spaces), a row that spans two runs (a bold word, its space, then a
 * space not bold) included */
static void
html_text (GString    *out,
           const char *text,
           gboolean    after_space,
           gboolean    bold,
           gboolean    italic)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (out, "%s%s", bold ? "<b>" : "", italic ? "<i>" : "");
  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == ' ' && (p > escaped ? p[-1] == ' ' : after_space))
        g_string_append (out, "&nbsp;");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_printf (out, "%s%s", italic ? "</i>" : "", bold ? "</b>" : "");
}

static void
html_link_start (GString    *out,
                 const char *href)
{
  g_autofree char *escaped = g_markup_escape_text (href, -1);

  g_string_append_printf (out, "<a href=\"%s\">", escaped);
}

static void
html_link_end (GString    *out,
               const char *href,
               const char *link_text)
{
  g_string_append (out, "</a>");
}

static const Writer html_writer = { html_text, html_link_start, html_link_end };

/**
 * kith_rich_text_buffer_get_html:
 *
 * Returns: (transfer full): the buffer as an HTML fragment
 */
char *
kith_rich_text_buffer_get_html (GtkTextBuffer *buffer)
{
  GString *out = g_string_new (NULL);
  int n_lines = gtk_text_buffer_get_line_count (buffer);
  enum { NONE, PARAGRAPH, LIST } block = NONE;

  for (int line = 0; line < n_lines; line++)
    {
      GtkTextIter start, end;
      gboolean bullet;

      line_bounds (buffer, line, &start, &end, &bullet);
      /* A run of lines is a block: a blank line closes a paragraph and stands for itself */
      if (block == PARAGRAPH && (bullet || gtk_text_iter_equal (&start, &end)))
        g_string_append (out, "</p>");
      else if (block == LIST && !bullet)
        g_string_append (out, "</ul>");
      else if (block == PARAGRAPH)
        g_string_append (out, "<br>");

      if (bullet)
        {
          g_string_append (out, block == LIST ? "<li>" : "<ul><li>");
          block = LIST;
        }
      else if (gtk_text_iter_equal (&start, &end))
        {
          g_string_append (out, "<p></p>");
          block = NONE;
          continue;
        }
      else if (block != PARAGRAPH)
        {
          g_string_append (out, "<p>");
          block = PARAGRAPH;
        }

      write_line (buffer, &start, &end, &html_writer, out);
      if (bullet)
        g_string_append (out, "</li>");
    }
  if (block == PARAGRAPH)
    g_string_append (out, "</p>");
  else if (block == LIST)
    g_string_append (out, "</ul>");

  return g_string_free (out, FALSE);
}

static void
plain_text (GString    *out,
            const char *text,
            gboolean    after_space,
            gboolean    bold,
            gboolean    italic)
{
  g_string_append (out, text);
}

static void
plain_link_start (GString    *out,
                  const char *href)
{
}

/* "text <url>"; a link that shows its own address is written once */
static void
plain_link_end (GString    *out,
                const char *href,
                const char *link_text)
{
  if (!g_str_equal (link_text, href))
    g_string_append_printf (out, " <%s>", href);
}

static const Writer plain_writer = { plain_text, plain_link_start, plain_link_end };

/**
 * kith_rich_text_buffer_get_text:
 *
 * Returns: (transfer full): the buffer as plain text that says what the formatting said
 */
char *
kith_rich_text_buffer_get_text (GtkTextBuffer *buffer)
{
  GString *out = g_string_new (NULL);
  int n_lines = gtk_text_buffer_get_line_count (buffer);

  for (int line = 0; line < n_lines; line++)
    {
      GtkTextIter start, end;
      gboolean bullet;

      line_bounds (buffer, line, &start, &end, &bullet);
      if (line > 0)
        g_string_append_c (out, '\n');
      if (bullet)
        g_string_append (out, "- ");
      write_line (buffer, &start, &end, &plain_writer, out);
    }

  return g_string_free (out, FALSE);
}

/* Reading HTML back: the formatting in force, and where the text goes */
typedef struct {
  GtkTextBuffer *buffer;
  GtkTextMark   *mark;       /* where the next text goes; moves on with it */
  int            bold;
  int            italic;
  char          *href;
  gboolean       started;    /* a line has begun: the next block starts a new one */
  gboolean       in_block;   /* inside <p> or <li>: spaces there are text */
} Reader;

static void
reader_insert (Reader     *reader,
               const char *text)
{
  GtkTextIter end;
  int start_offset, end_offset;

  gtk_text_buffer_get_iter_at_mark (reader->buffer, &end, reader->mark);
  start_offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (reader->buffer, &end, text, -1);
  end_offset = gtk_text_iter_get_offset (&end);
  if (reader->bold > 0)
    kith_rich_text_apply_between (reader->buffer, lookup_tag (reader->buffer, KITH_RICH_TAG_BOLD), start_offset, end_offset);
  if (reader->italic > 0)
    kith_rich_text_apply_between (reader->buffer, lookup_tag (reader->buffer, KITH_RICH_TAG_ITALIC), start_offset, end_offset);
  if (reader->href != NULL)
    kith_rich_text_apply_between (reader->buffer, kith_rich_text_link_tag (reader->buffer, reader->href),
                                  start_offset, end_offset);
}

static void
reader_start_line (Reader   *reader,
                   gboolean  bullet)
{
  GtkTextIter iter;

  if (reader->started)
    reader_insert (reader, "\n");
  reader->started = TRUE;
  reader->in_block = TRUE;
  if (bullet)
    {
      gtk_text_buffer_get_iter_at_mark (reader->buffer, &iter, reader->mark);
      kith_rich_text_insert_bullet (reader->buffer, &iter);
    }
}

/* &amp; &lt; &gt; &quot; &#39; &apos; and numeric references; &nbsp; is a space, as the writer
 * means it; others are kept as written */
static char *
decode_entities (const char *text,
                 gsize       length)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" },
    { "nbsp;", " " },
  };
  GString *out = g_string_sized_new (length);
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      gboolean done = FALSE;

      if (*p != '&')
        {
          g_string_append_c (out, *p);
          continue;
        }
      for (guint i = 0; !done && i < G_N_ELEMENTS (named); i++)
        if ((gsize) (end - p - 1) >= strlen (named[i].name) && strncmp (p + 1, named[i].name, strlen (named[i].name)) == 0)
          {
            g_string_append (out, named[i].text);
            p += strlen (named[i].name);
            done = TRUE;
          }
      if (!done && p + 2 < end && p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          char *after = NULL;
          gunichar c = (gunichar) g_ascii_strtoull (p + (hex ? 3 : 2), &after, hex ? 16 : 10);

          if (after != NULL && after < end && *after == ';' && g_unichar_validate (c) && c != 0)
            {
              g_string_append_unichar (out, c);
              p = after;
              done = TRUE;
            }
        }
      if (!done)
        g_string_append_c (out, '&');
    }
  return g_string_free (out, FALSE);
}

/* The value of href="…" in the attributes @attrs of an <a> */
static char *
find_href (const char *attrs,
           gsize       length)
{
  g_autofree char *copy = g_strndup (attrs, length);
  const char *p = strstr (copy, "href=");
  char quote;
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen ("href=");
  quote = *p == '"' || *p == '\'' ? *p++ : ' ';
  end = strchr (p, quote);
  if (end == NULL)
    end = p + strlen (p);
  return decode_entities (p, end - p);
}

static void
reader_tag (Reader     *reader,
            const char *tag,
            gsize       length)
{
  gboolean closing = length > 0 && tag[0] == '/';
  const char *name = closing ? tag + 1 : tag;
  gsize name_length = 0;
  int step = closing ? -1 : 1;
  g_autofree char *lower = NULL;

  while (name + name_length < tag + length && g_ascii_isalnum (name[name_length]))
    name_length++;
  lower = g_ascii_strdown (name, name_length);

  if (g_str_equal (lower, "p") || g_str_equal (lower, "li") || g_str_equal (lower, "div"))
    {
      if (closing)
        reader->in_block = FALSE;
      else
        reader_start_line (reader, g_str_equal (lower, "li"));
    }
  else if (g_str_equal (lower, "br"))
    reader_insert (reader, "\n");
  else if (g_str_equal (lower, "b") || g_str_equal (lower, "strong"))
    reader->bold = MAX (reader->bold + step, 0);
  else if (g_str_equal (lower, "i") || g_str_equal (lower, "em"))
    reader->italic = MAX (reader->italic + step, 0);
  else if (g_str_equal (lower, "a"))
    {
      g_clear_pointer (&reader->href, g_free);
      if (!closing)
        reader->href = find_href (name + name_length, tag + length - (name + name_length));
    }
  else if (g_str_equal (lower, "ul") || g_str_equal (lower, "ol"))
    reader->in_block = FALSE;
}

static void
reader_text (Reader     *reader,
             const char *text,
             gsize       length)
{
  g_autofree char *decoded = decode_entities (text, length);

  /* Line ends in HTML source are spaces; between blocks they are nothing */
  g_strdelimit (decoded, "\r\n\t", ' ');
  if (!reader->in_block && *g_strchug (decoded) == '\0')
    return;
  if (!reader->started)
    reader_start_line (reader, FALSE);
  reader_insert (reader, decoded);
}

/**
 * kith_rich_text_buffer_insert_html:
 * @iter: where; it ends after what was inserted
 *
 * Inserts @html, of the subset kith_rich_text_buffer_get_html() writes, with its formatting.
 */
void
kith_rich_text_buffer_insert_html (GtkTextBuffer *buffer,
                                   GtkTextIter   *iter,
                                   const char    *html)
{
  Reader reader = { buffer, gtk_text_buffer_create_mark (buffer, NULL, iter, FALSE) };
  const char *p = html;

  kith_rich_text_ensure_tags (buffer);
  while (*p != '\0')
    {
      const char *end;

      if (g_str_has_prefix (p, "<!--"))
        {
          end = strstr (p, "-->");
          p = end != NULL ? end + 3 : p + strlen (p);
          continue;
        }
      if (*p == '<')
        {
          end = strchr (p, '>');
          if (end == NULL)
            break;
          reader_tag (&reader, p + 1, end - p - 1);
          p = end + 1;
          continue;
        }
      end = strchr (p, '<');
      if (end == NULL)
        end = p + strlen (p);
      reader_text (&reader, p, end - p);
      p = end;
    }

  gtk_text_buffer_get_iter_at_mark (buffer, iter, reader.mark);
  gtk_text_buffer_delete_mark (buffer, reader.mark);
  g_free (reader.href);
}
