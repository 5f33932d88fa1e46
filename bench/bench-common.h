/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the benchmarks share: a deterministic random source, a clock, and the table they print. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  guint64 s;
} Rng;

G_GNUC_UNUSED static guint
rnd (Rng   *r,
     guint  n)
{
  guint64 z = (r->s += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return (guint) ((z ^ (z >> 31)) % MAX (n, 1));
}

/* Skewed towards small values: a few people write a lot, most a little */
G_GNUC_UNUSED static guint
rnd_skewed (Rng   *r,
            guint  n)
{
  return rnd (r, rnd (r, n) + 1);
}

G_GNUC_UNUSED static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

G_GNUC_UNUSED static char *
email_part (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *s = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));

  return g_string_free (s, FALSE);
}

G_GNUC_UNUSED static char *
fmt_count (double n)
{
  char digits[32];
  GString *s = g_string_new (NULL);
  int len;

  g_snprintf (digits, sizeof digits, "%.0f", n);
  len = strlen (digits);
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }

  return g_string_free (s, FALSE);
}

/* Removes a file or a whole tree */
G_GNUC_UNUSED static void
rm_rf (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static GString *table;

/* One line of the table; widths by characters, so that "≤" and "×" line up */
G_GNUC_UNUSED static void
bench_row (const int  widths[7],
           const char *what,
     const char *kith,
     const char *peer,
     const char *peer_figure,
     const char *ratio,
     const char *goal,
     const char *verdict)
{
  /* %-*s counts bytes: pad by characters so that "≤" and "×" line up */
  const char *cells[] = { what, kith, peer, peer_figure, ratio, goal, verdict };

  for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
    {
      const char *s = cells[c] != NULL ? cells[c] : "";
      long pad = widths[c] - g_utf8_strlen (s, -1);

      g_string_append (table, s);
      if (c + 1 < G_N_ELEMENTS (cells))
        for (long k = 0; k < MAX (pad, 0) + 1; k++)
          g_string_append_c (table, ' ');
    }
  g_string_append_c (table, '\n');
}
