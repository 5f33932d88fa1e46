/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The query parser and compiler on arbitrary input. Built with -fsanitize=fuzzer it is a libFuzzer
 * target (meson -Dfuzzing=true); built plainly it replays the corpus and a fixed-seed stream of
 * mutated queries, as a test.
 */

#include <stdint.h>
#include <string.h>

#include "kith-query.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
lookup_field (const char  *key,
              gint64      *out_id,
              char       **out_type,
              gpointer     user_data)
{
  static const char *types[] = { "text", "pick", "multipick", "date", "integer", "decimal", "currency" };

  /* Every field exists, with a type chosen by its name, so every branch is reached */
  *out_id = strlen (key);
  *out_type = g_strdup (types[strlen (key) % G_N_ELEMENTS (types)]);
  return key[0] != 'x';
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(KithQuery) query = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  KithQueryContext ctx = { KITH_RECORD_PERSON, G_GINT64_CONSTANT (1795435200000), 60, "me@kith.example", lookup_field, NULL };
  GError *error = NULL;

  query = kith_query_parse (text, &error);
  if (query == NULL)
    {
      /* Every refusal says where */
      g_assert (error != NULL && error->domain == KITH_QUERY_ERROR);
      g_error_free (error);
      return 0;
    }

  if (!kith_query_to_sql (query, &ctx, sql, params, &error))
    {
      g_assert (error != NULL && error->domain == KITH_QUERY_ERROR);
      g_error_free (error);
      return 0;
    }

  /* One placeholder per parameter */
  {
    guint placeholders = 0;

    for (const char *p = sql->str; *p; p++)
      placeholders += *p == '?';
    g_assert (placeholders == params->len);
  }

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
  static const char alphabet[] = "ab:#-()\"\\ OR<>=@.0123456789dwmy_xé\xff";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
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
      char buf[64];
      guint len = g_rand_int_range (rand, 0, sizeof buf);

      for (guint j = 0; j < len; j++)
        buf[j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      LLVMFuzzerTestOneInput ((const uint8_t *) buf, len);
      n++;
    }

  g_print ("1..1\nok 1 - %u queries parsed or refused cleanly\n", n);
  return 0;
}
#endif
