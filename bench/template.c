/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/template: rendering previews of an email template, as the merge's review pages through
 * its recipients, against Python's str.format on the same data.
 *
 * N people (deterministic: names, company, headline, email, segment, stage and two custom
 * fields, some of them empty) and a template naming ten fields, two with fallbacks, plus the
 * sender's name. Kith: the template parsed once, then each person's subject and body rendered
 * (values already read: this is the rendering alone, not the store), as plain text and as HTML
 * (values escaped). The peer, bench/template-format.py, renders the same subject and body with
 * str.format_map, fallbacks included, from the same rows. Several rounds; the medians are
 * printed with PASS or MISS against the goal of issue 13 (10,000 previews ≤ 100 ms).
 */

#define G_LOG_DOMAIN "KithBench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "bench-common.h"
#include "kith-core.h"

#define GOAL_MS 100.0

static const char *subject_text = "Quick question, {{first_name|there}}";
static const char *body_text =
  "Hi {{first_name}},\n\nI saw that {{company}} is growing — congratulations on {{headline}}.\n"
  "I will write to {{email}} about the {{segment}} list ({{stage}}).\n"
  "You came to us through {{Lead source}}; the price we discussed: {{price|n/a}}.\n\n"
  "Best,\n{{my.name}}\n";

static const char *firsts[] = { "Ada", "Grace", "Alan", "Zoë", "Léon", "Hedy", "Tim", "Margaret" };
static const char *lasts[] = { "Lovelace", "Hopper", "Turing", "Müller", "O'Brien", "Lamarr", "Lee" };
static const char *segments[] = { "Buyers", "Sellers", "Agents & Partners", "Vendors" };
static const char *stages[] = { "Warm", "Hot", "In Contract", "Closed" };
static const char *sources[] = { "Zillow", "a referral", "the open house", "" };

/* g_strv_builder_take() is GLib 2.80 */
static void
take (GStrvBuilder *builder,
      char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

/* Person @i's values, in the order of bench/template-format.py's FIELDS */
static GStrv
make_row (Rng   *rng,
          guint  i)
{
  const char *first = firsts[rnd (rng, G_N_ELEMENTS (firsts))];
  const char *last = lasts[rnd (rng, G_N_ELEMENTS (lasts))];
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

  g_strv_builder_add (row, first);
  g_strv_builder_add (row, last);
  take (row, g_strdup_printf ("%s %s", first, last));
  take (row, g_strdup_printf ("Company %u <Holdings>", rnd (rng, 5000)));
  g_strv_builder_add (row, rnd (rng, 3) == 0 ? "the new office" : "your promotion");
  take (row, g_strdup_printf ("person%u@example.com", i));
  g_strv_builder_add (row, segments[rnd (rng, G_N_ELEMENTS (segments))]);
  g_strv_builder_add (row, stages[rnd (rng, G_N_ELEMENTS (stages))]);
  g_strv_builder_add (row, sources[rnd (rng, G_N_ELEMENTS (sources))]);
  take (row, rnd (rng, 4) == 0 ? g_strdup ("") : g_strdup_printf ("$%u,000", 200 + rnd (rng, 800)));
  g_strv_builder_add (row, "Alice Agent");

  return g_strv_builder_end (row);
}

static KithTemplateValues *
row_values (KithTemplateFields *fields,
            GStrv               row)
{
  KithTemplateValues *values = kith_template_values_new (fields);

  for (guint slot = KITH_TEMPLATE_FIRST_NAME; slot <= KITH_TEMPLATE_STAGE; slot++)
    kith_template_values_set (values, slot, row[slot]);
  kith_template_values_set (values, KITH_TEMPLATE_N_BUILTIN, row[8]);
  kith_template_values_set (values, KITH_TEMPLATE_N_BUILTIN + 1, row[9]);
  kith_template_values_set_sender (values, row[10], "alice@agency.example", NULL);
  return values;
}

/* One round: every person's subject and body; ms */
static double
render_round (KithCompiledTemplate *compiled,
              GPtrArray            *values,
              gsize                *out_bytes)
{
  g_autoptr(GString) subject = g_string_sized_new (128);
  g_autoptr(GString) body = g_string_sized_new (1024);
  gint64 start = g_get_monotonic_time ();

  *out_bytes = 0;
  for (guint i = 0; i < values->len; i++)
    {
      g_string_truncate (subject, 0);
      g_string_truncate (body, 0);
      kith_compiled_template_render (compiled, g_ptr_array_index (values, i), subject, body, NULL);
      *out_bytes += subject->len + body->len;
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);
  return times->len > 0 ? g_array_index (times, double, times->len / 2) : 0;
}

static double
kith_median (KithTemplateFields *fields,
             GPtrArray          *values,
             gboolean            html,
             guint              rounds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCompiledTemplate) compiled =
    kith_compiled_template_new (fields, subject_text, body_text, html, NULL, NULL, &error);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  gsize bytes;

  g_assert_no_error (error);
  for (guint r = 0; r < rounds; r++)
    {
      double ms = render_round (compiled, values, &bytes);

      g_array_append_val (times, ms);
    }

  return median (times);
}

/* The peer's median, or a negative number when it could not run */
static double
python_median (GPtrArray *rows,
               guint      rounds)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-bench-template-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rows.tsv", NULL);
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *rounds_text = g_strdup_printf ("%u", rounds);
  g_autofree char *out = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "python3", BENCH_TEMPLATE_PY, path, rounds_text, NULL };
  int status = 1;

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *line = g_strjoinv ("\t", g_ptr_array_index (rows, i));

      g_string_append_printf (data, "%s\n", line);
    }
  if (!g_file_set_contents (path, data->str, data->len, NULL) ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      {
        double ms = g_ascii_strtod (lines[i], NULL);

        g_array_append_val (times, ms);
      }
  g_unlink (path);
  g_rmdir (dir);

  return median (times);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— template previews against str.format");
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplateFields) fields = kith_template_fields_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_template_values_free);
  int previews = 10000, rounds = 9;
  gboolean no_python = FALSE;
  double text_ms, html_ms, py_ms;
  Rng rng = { 20261202 };
  const GOptionEntry entries[] = {
    { "previews", 0, 0, G_OPTION_ARG_INT, &previews, "How many people to render for (10000)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "How many times, for the median (9)", "N" },
    { "no-python", 0, 0, G_OPTION_ARG_NONE, &no_python, "Kith alone", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || previews < 1 || rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--previews and --rounds are at least 1");
      return 2;
    }

  kith_template_fields_add_custom (fields, 1, "lead_source", "Lead source");
  kith_template_fields_add_custom (fields, 2, "price", "Price");
  for (int i = 0; i < previews; i++)
    {
      GStrv row = make_row (&rng, i);

      g_ptr_array_add (rows, row);
      g_ptr_array_add (values, row_values (fields, row));
    }

  text_ms = kith_median (fields, values, FALSE, rounds);
  html_ms = kith_median (fields, values, TRUE, rounds);
  py_ms = no_python ? -1 : python_median (rows, rounds);

  g_print ("%d previews of a template with ten fields, median of %d rounds\n\n", previews, rounds);
  g_print ("| | time | per preview | goal (10,000 ≤ %.0f ms) |\n| --- | --- | --- | --- |\n", GOAL_MS);
  g_print ("| Kith, plain text | %.2f ms | %.2f µs | %s |\n", text_ms, text_ms * 1000 / previews,
           text_ms * 10000 / previews <= GOAL_MS ? "PASS" : "MISS");
  g_print ("| Kith, HTML (values escaped) | %.2f ms | %.2f µs | %s |\n", html_ms, html_ms * 1000 / previews,
           html_ms * 10000 / previews <= GOAL_MS ? "PASS" : "MISS");
  if (py_ms >= 0)
    g_print ("| Python str.format_map | %.2f ms | %.2f µs | Kith plain text is %.2f× its time |\n",
             py_ms, py_ms * 1000 / previews, text_ms / py_ms);
  else if (!no_python)
    g_print ("| Python str.format_map | did not run (python3 missing?) | | |\n");

  return 0;
}
