/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTemplateRender"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-template-private.h"
#include "kith-template-render.h"

/*
 * Rendering: the pieces of a parsed text in order, each field replaced by its value for the
 * record, or its fallback when the value is empty. A value is data, never markup: in an HTML
 * body it is escaped (a name "<script>" stays text), while the template's own text and
 * fallbacks are the author's HTML and kept. In a subject a value's line breaks become spaces,
 * so no value can add a header line.
 *
 * A field without fallback whose value is empty still renders (as nothing) but makes the
 * render report it: the merge leaves such a recipient out and says which field.
 */

struct _KithCompiledTemplate
{
  KithTemplateText *subject;
  KithTemplateText *body;
  gboolean          html;
};

G_DEFINE_BOXED_TYPE (KithCompiledTemplate, kith_compiled_template,
                     kith_compiled_template_ref, kith_compiled_template_unref)

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (; *value != '\0'; value++)
    if (!g_ascii_isspace (*value))
      return FALSE;

  return TRUE;
}

static void
append_html (GString    *out,
             const char *value)
{
  const char *run = value;

  for (const char *p = value; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        case '\n': entity = "<br>\n"; break;
        case '\r': entity = ""; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append (out, run);
}

static void
append_line (GString    *out,
             const char *value)
{
  const char *run = value;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != '\n' && *p != '\r')
        continue;
      g_string_append_len (out, run, p - run);
      /* \r\n is one break */
      if (!(*p == '\n' && p > value && p[-1] == '\r'))
        g_string_append_c (out, ' ');
      run = p + 1;
    }
  g_string_append (out, run);
}

static void
append_value (GString            *out,
              const char         *value,
              KithTemplateEscape  escape)
{
  switch (escape)
    {
    case KITH_TEMPLATE_ESCAPE_HTML: append_html (out, value); break;
    case KITH_TEMPLATE_ESCAPE_LINE: append_line (out, value); break;
    case KITH_TEMPLATE_ESCAPE_NONE:
    default: g_string_append (out, value); break;
    }
}

static void
note_empty (GPtrArray  *empty,
            const char *name)
{
  if (empty != NULL && !g_ptr_array_find_with_equal_func (empty, name, g_str_equal, NULL))
    g_ptr_array_add (empty, (gpointer) name);
}

/**
 * kith_template_text_render:
 * @values: the record's values, for the fields @self was parsed against
 * @out: where the text goes, appended
 * @empty: (nullable) (element-type utf8): where the names of the fields without fallback that
 *   were empty go (borrowed from the fields, each once)
 *
 * Returns: %FALSE when a field without fallback was empty
 */
gboolean
kith_template_text_render (KithTemplateText   *self,
                           KithTemplateValues *values,
                           KithTemplateEscape  escape,
                           GString            *out,
                           GPtrArray          *empty)
{
  gboolean complete = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (kith_template_values_get_fields (values) == self->fields, FALSE);

  for (guint i = 0; i < self->pieces->len; i++)
    {
      const KithTemplatePiece *piece = &g_array_index (self->pieces, KithTemplatePiece, i);
      const char *value;

      if (piece->slot < 0)
        {
          g_string_append_len (out, piece->text, piece->length);
          continue;
        }

      value = kith_template_values_get (values, piece->slot);
      if (!is_blank (value))
        append_value (out, value, escape);
      else if (piece->has_fallback)
        g_string_append_len (out, piece->text, piece->length);
      else
        {
          complete = FALSE;
          note_empty (empty, kith_template_fields_get_name (self->fields, piece->slot));
        }
    }

  return complete;
}

static void
compiled_free (KithCompiledTemplate *self)
{
  g_clear_pointer (&self->subject, kith_template_text_free);
  g_clear_pointer (&self->body, kith_template_text_free);
}

/**
 * kith_compiled_template_new:
 * @subject: (nullable): the subject
 * @body: (nullable): the body, plain text or HTML as @html says
 * @out_part: (out) (optional): which of the two a problem is in
 * @out_position: (out) (optional): where in it
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set in
 *   %KITH_TEMPLATE_ERROR, its message naming the part, line and column
 */
KithCompiledTemplate *
kith_compiled_template_new (KithTemplateFields    *fields,
                            const char            *subject,
                            const char            *body,
                            gboolean               html,
                            KithTemplatePart      *out_part,
                            KithTemplatePosition  *out_position,
                            GError               **error)
{
  g_autoptr(KithCompiledTemplate) self = g_atomic_rc_box_new0 (KithCompiledTemplate);
  GError *local_error = NULL;

  g_return_val_if_fail (fields != NULL, NULL);

  self->html = html;
  self->subject = kith_template_text_parse (fields, subject != NULL ? subject : "", -1, out_position, &local_error);
  if (self->subject == NULL)
    {
      if (out_part != NULL)
        *out_part = KITH_TEMPLATE_PART_SUBJECT;
      g_prefix_error (&local_error, _("Subject: "));
      g_propagate_error (error, local_error);
      return NULL;
    }

  self->body = kith_template_text_parse (fields, body != NULL ? body : "", -1, out_position, &local_error);
  if (self->body == NULL)
    {
      if (out_part != NULL)
        *out_part = KITH_TEMPLATE_PART_BODY;
      g_prefix_error (&local_error, _("Body: "));
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * kith_compiled_template_ref:
 *
 * Returns: (transfer full): @self, one more reference; a compiled template never changes, so
 *   several threads may render it at once
 */
KithCompiledTemplate *
kith_compiled_template_ref (KithCompiledTemplate *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
kith_compiled_template_unref (KithCompiledTemplate *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) compiled_free);
}

gboolean
kith_compiled_template_is_html (KithCompiledTemplate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->html;
}

/**
 * kith_compiled_template_get_fields:
 *
 * Returns: (transfer none): the fields the template was parsed against
 */
KithTemplateFields *
kith_compiled_template_get_fields (KithCompiledTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->subject->fields;
}

/**
 * kith_compiled_template_render:
 * @values: one record's values, made for kith_compiled_template_get_fields()
 * @subject: where the subject goes, appended
 * @body: where the body goes, appended: HTML when the template is
 * @empty: (nullable) (element-type utf8): where the names of the empty fields without
 *   fallback go
 *
 * Renders the template for one record; fast enough for a preview of each of thousands.
 *
 * Returns: %FALSE when a field without fallback was empty (the text is rendered all the same)
 */
gboolean
kith_compiled_template_render (KithCompiledTemplate *self,
                               KithTemplateValues   *values,
                               GString              *subject,
                               GString              *body,
                               GPtrArray            *empty)
{
  gboolean complete;

  g_return_val_if_fail (self != NULL, FALSE);

  complete = kith_template_text_render (self->subject, values, KITH_TEMPLATE_ESCAPE_LINE, subject, empty);
  /* Both parts, so @empty names every field */
  if (!kith_template_text_render (self->body, values,
                                  self->html ? KITH_TEMPLATE_ESCAPE_HTML : KITH_TEMPLATE_ESCAPE_NONE, body, empty))
    complete = FALSE;

  return complete;
}

/**
 * kith_compiled_template_render_strings:
 * @out_subject: (out) (transfer full): the subject
 * @out_body: (out) (transfer full): the body
 *
 * Renders the template for one record, refusing a record for which a field without fallback
 * is empty.
 *
 * Returns: %TRUE with both set, or %FALSE with a %KITH_TEMPLATE_ERROR_EMPTY_FIELDS error
 *   naming the empty fields
 */
gboolean
kith_compiled_template_render_strings (KithCompiledTemplate  *self,
                                       KithTemplateValues    *values,
                                       char                 **out_subject,
                                       char                 **out_body,
                                       GError               **error)
{
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_subject != NULL && out_body != NULL, FALSE);

  if (!kith_compiled_template_render (self, values, subject, body, empty))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < empty->len; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", (const char *) g_ptr_array_index (empty, i));
      g_set_error (error, KITH_TEMPLATE_ERROR, KITH_TEMPLATE_ERROR_EMPTY_FIELDS,
                   /* Translators: one or more field names, each quoted */
                   _("No value for %s, and no fallback"), names->str);
      return FALSE;
    }

  *out_subject = g_string_free (g_steal_pointer (&subject), FALSE);
  *out_body = g_string_free (g_steal_pointer (&body), FALSE);
  return TRUE;
}
