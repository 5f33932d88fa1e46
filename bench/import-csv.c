/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/import-csv: a Google Contacts CSV of N people (100,000 unless --rows says) imported by
 * Kith's CSV importer into an empty store, against the sqlite3 shell's `.import` of the same
 * file into a bare table. Goal (issue 15): at most 3× the shell. The file is generated here
 * (made-up people, tests/services/kith-test-csv.h) and removed after the run unless --keep.
 * Beside them, the floor (bench-floor.h): the shell writing the rows Kith's import wrote into
 * an empty store, which no importer of these rows into this schema can beat.
 */

#define G_LOG_DOMAIN "KithBench"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>

#include "kith-core.h"
#include "kith-csv-import.h"
#include "kith-store-private.h"
#include "kith-test-csv.h"
#include "bench-common.h"
#include "bench-floor.h"

#define GOAL 3.0

static int n_rows = 100000;
static gboolean keep = FALSE;
static int cache_mib = 0;

/* CPU seconds (user and system) of this process, or of its waited-for children: on a machine
 * others share, a fairer figure than the wall clock */
static double
cpu_s (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
import_kith (const char *dir,
             const char *csv_path,
             guint      *out_created,
             double     *out_cpu)
{
  g_autofree char *db = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = kith_store_open (db, &error);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(KithImport) import = NULL;
  KithImportOptions options = { KITH_RECORD_PERSON, NULL, NULL, NULL };
  double start;

  if (store == NULL || (input = g_file_read (file, NULL, &error)) == NULL)
    g_error ("bench: %s", error->message);
  if (cache_mib > 0)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = -%d", cache_mib * 1024);

      if (!kith_store_exec (store, pragma, &error))
        g_error ("bench: %s", error->message);
    }

  start = now_s ();
  *out_cpu = cpu_s (RUSAGE_SELF);
  import = kith_import_new (store, FALSE);
  if (!kith_csv_import (import, G_INPUT_STREAM (input), &options, NULL, &error) || !kith_import_finish (import, &error))
    g_error ("bench: the import failed: %s", error->message);
  *out_created = kith_import_get_count (import, KITH_IMPORT_CREATED);
  *out_cpu = cpu_s (RUSAGE_SELF) - *out_cpu;

  return now_s () - start;
}

static double
import_shell (const char *dir,
              const char *csv_path,
              double     *out_cpu)
{
  g_autofree char *db = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *import = g_strdup_printf (".import '%s' people", csv_path);
  const char *argv[] = { "sqlite3", db, "-cmd", ".mode csv", import, NULL };
  g_autoptr(GError) error = NULL;
  int status;
  double start = now_s ();
  double cpu = cpu_s (RUSAGE_CHILDREN);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("bench: the sqlite3 shell failed: %s", error != NULL ? error->message : "?");
  *out_cpu = cpu_s (RUSAGE_CHILDREN) - cpu;

  return now_s () - start;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_rows, "People in the file (100000)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the file and the databases", NULL },
    { "cache-mib", 0, 0, G_OPTION_ARG_INT, &cache_mib, "SQLite's page cache for Kith's import (the store's 8 MiB)", "MIB" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— Kith's CSV import against sqlite3 .import");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *kith_db = NULL;
  g_autofree char *floor_db = NULL;
  double kith_s, shell_s, kith_cpu, shell_cpu, floor_s, floor_cpu = 0;
  guint created = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_rows <= 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--rows must be positive");
      return 2;
    }

  dir = g_dir_make_tmp ("kith-bench-csv-XXXXXX", &error);
  g_assert_no_error (error);
  csv_path = g_build_filename (dir, "google.csv", NULL);
  csv = kith_test_google_csv (n_rows);
  if (!g_file_set_contents (csv_path, csv, -1, &error))
    g_error ("bench: %s", error->message);
  g_printerr ("bench: %s, %d rows, %.1f MB\n", csv_path, n_rows, strlen (csv) / 1e6);
  g_clear_pointer (&csv, g_free);

  shell_s = import_shell (dir, csv_path, &shell_cpu);
  kith_s = import_kith (dir, csv_path, &created, &kith_cpu);
  if (created != (guint) n_rows)
    g_error ("bench: %u people created of %d rows", created, n_rows);
  kith_db = g_build_filename (dir, "kith.db", NULL);
  floor_db = g_build_filename (dir, "floor.db", NULL);
  if ((floor_s = bench_floor_copy (kith_db, floor_db, &floor_cpu)) < 0)
    return 1;

  printf ("| | wall clock | CPU | rows/s (wall) | × sqlite3 .import, wall / CPU | goal | |\n"
          "| --- | --- | --- | --- | --- | --- | --- |\n");
  printf ("| sqlite3 shell `.import` into a bare table | %.2f s | %.2f s | %.0f | 1× | | |\n",
          shell_s, shell_cpu, n_rows / shell_s);
  printf ("| the floor: the shell copying Kith's rows into an empty store | %.2f s | %.2f s | %.0f | %.2f× / %.2f× | | |\n",
          floor_s, floor_cpu, n_rows / floor_s, floor_s / shell_s, floor_cpu / shell_cpu);
  printf ("| Kith's CSV import (`kith_csv_import`) | %.2f s | %.2f s | %.0f | %.2f× / %.2f× | ≤ %.0f× | %s |\n",
          kith_s, kith_cpu, n_rows / kith_s, kith_s / shell_s, kith_cpu / shell_cpu, GOAL,
          kith_s / shell_s <= GOAL ? "PASS" : "**MISS**");
  printf ("\n```json\n{\"rows\": %d, \"kith_s\": %.3f, \"shell_s\": %.3f, \"ratio\": %.2f, "
          "\"kith_cpu_s\": %.3f, \"shell_cpu_s\": %.3f, \"cpu_ratio\": %.2f, "
          "\"floor_s\": %.3f, \"floor_cpu_s\": %.3f, \"kith_over_floor_cpu\": %.2f}\n```\n",
          n_rows, kith_s, shell_s, kith_s / shell_s, kith_cpu, shell_cpu, kith_cpu / shell_cpu,
          floor_s, floor_cpu, kith_cpu / floor_cpu);

  if (keep)
    g_printerr ("bench: kept %s\n", dir);
  else
    rm_rf (dir);

  return 0;
}
