/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The template parser and renderer on arbitrary input. Built with -fsanitize=fuzzer it is a
 * libFuzzer target (meson -Dfuzzing=true); built plainly it replays the corpus and a
 * fixed-seed stream of templates made of the language's pieces, as a test.
 *
 * The first byte chooses plain text or HTML; the rest is the body. Every refusal is a template
 * error that points inside the text; every template that parses renders to valid UTF-8, and
 * in HTML no value's markup gets through.
 */

#include <stdint.h>
#include <string.h>

#include "kith-template-parser.h"
#include "kith-template-render.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static KithTemplateFields *
make_fields (void)
{
  KithTemplateFields *fields = kith_template_fields_new ();

  kith_template_fields_add_custom (fields, 1, "lead_source", "Lead source");
  kith_template_fields_add_custom (fields, 2, "price", "Price");
  kith_template_fields_add_custom (fields, 3, "company_note", "Company");
  return fields;
}

static void
check_refusal (const char                 *text,
               size_t                      size,
               const KithTemplatePosition *where,
               GError                     *error)
{
  g_assert (error != NULL && error->domain == KITH_TEMPLATE_ERROR);
  g_assert (where->line >= 1 && where->column >= 1 && where->offset <= size);
  g_assert (where->column <= where->offset + 1);
}

static void
check_render (KithCompiledTemplate *compiled,
              KithTemplateValues   *values,
              gboolean              html)
{
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);

  kith_compiled_template_render (compiled, values, subject, body, NULL);
  g_assert (g_utf8_validate (body->str, body->len, NULL));
  g_assert (strchr (subject->str, '\n') == NULL);
  /* Half the values hold the marker "<x-value>": escaped, it never shows as markup */
  if (html)
    g_assert (strstr (body->str, "<x-value>") == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static KithTemplateFields *fields = NULL;
  g_autoptr(KithCompiledTemplate) compiled = NULL;
  g_autoptr(KithTemplateValues) values = NULL;
  g_autofree char *body = NULL;
  KithTemplatePosition where = { 0, 0, 0 };
  gboolean html;
  GError *error = NULL;

  if (fields == NULL)
    fields = make_fields ();
  if (size == 0)
    return 0;

  html = data[0] & 1;
  body = g_strndup ((const char *) data + 1, size - 1);
  /* Text with a nul in it is cut there, as a C string is */
  compiled = kith_compiled_template_new (fields, "{{name|you}}: {{first_name}}", body, html, NULL, &where, &error);
  if (compiled == NULL)
    {
      check_refusal (body, strlen (body), &where, error);
      g_error_free (error);
      return 0;
    }

  /* A template may hold the marker itself */
  html = html && strstr (body, "<x-value>") == NULL;
  values = kith_template_values_new (fields);
  check_render (compiled, values, html);
  for (guint slot = 0; slot < kith_template_fields_get_n_slots (fields); slot++)
    kith_template_values_set (values, slot, slot % 2 ? "<x-value>\r\n&\"" : "Zoë");
  check_render (compiled, values, html);

  return 0;
}

#ifndef KITH_LIBFUZZER
static void
replay (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert (g_file_get_contents (path, &contents, &length, NULL));
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

int
main (int   argc,
      char *argv[])
{
  static const char *pieces[] = {
    "{{", "}}", "{", "}", "|", "\\{{", "\\", "\n", " ", "first_name", "my.email", "my.signature", "#price",
    "Lead source", "lead-source", "#Company", "company", "frist", "x", "é", "\xff", "\xc3", "<p>", "&amp;",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  g_autoptr(GDir) dir = NULL;
  const char *corpus = argc > 1 ? argv[1] : NULL;
  const char *name;
  guint n = 0;

  if (corpus != NULL && (dir = g_dir_open (corpus, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (corpus, name, NULL);
        replay (path);
        n++;
      }

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint count = g_rand_int_range (rand, 0, 24);

      g_string_append_c (text, (char) g_rand_int_range (rand, 0, 2));
      for (guint j = 0; j < count; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      LLVMFuzzerTestOneInput ((const uint8_t *) text->str, text->len);
      n++;
    }

  g_print ("1..1\nok 1 - %u templates parsed or refused cleanly\n", n);
  return 0;
}
#endif
