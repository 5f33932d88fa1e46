/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The floor under a load: the sqlite3 shell writing the rows a load left in Kith's database into
 * an empty store, table by table with INSERT … SELECT in one transaction, the full-text indexes
 * filled with the text Kith gave them. No code of Kith's runs and nothing is parsed, looked up or
 * checked: it is the least SQLite itself takes to write what Kith wrote, with Kith's tables, keys,
 * indexes, triggers and full-text indexes. A load's goal against the shell writing bare tables
 * cannot be met below it (bench/README.md).
 */

#include <sys/resource.h>

#include "kith-core.h"

#include "bench-common.h"

static inline double
bench_floor_children_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Runs `sqlite3 @db .read @script`; FALSE with a message if it failed */
static inline gboolean
bench_floor_shell (const char *db,
                   const char *script)
{
  g_autofree char *read = g_strdup_printf (".read '%s'", script);
  const char *argv[] = { "sqlite3", "-bail", db, read, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench: the sqlite3 shell failed on %s: %s\n", script, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The tables of @db the copy writes: all but SQLite's own and the full-text indexes' */
static inline GStrv
bench_floor_tables (const char *db)
{
  const char *argv[] = { "sqlite3", db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                         "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '%\\_fts%' ESCAPE '\\'", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("bench: the sqlite3 shell cannot read %s: %s", db, error->message);

  return g_strsplit (g_strstrip (out), "\n", -1);
}

/* Writes what @kith_db holds into a new store at @floor_db (removed first) as described above;
 * returns the shell's wall seconds, or -1, and its CPU seconds in @out_cpu_s. The copy runs as
 * an import does: WAL, synchronous = NORMAL, a 64 MB page cache. */
static inline double
bench_floor_copy (const char *kith_db,
                  const char *floor_db,
                  double     *out_cpu_s)
{
  g_autofree char *clear_path = g_strconcat (floor_db, "-clear.sql", NULL);
  g_autofree char *copy_path = g_strconcat (floor_db, "-copy.sql", NULL);
  g_autoptr(GString) clear = g_string_new ("BEGIN;\n");
  g_autoptr(GString) copy = g_string_new ("PRAGMA synchronous = NORMAL;\nPRAGMA cache_size = -65536;\n");
  g_auto(GStrv) tables = bench_floor_tables (kith_db);
  g_autoptr(GError) error = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };
  double start, cpu;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (floor_db, suffixes[i], NULL);

      g_unlink (path);
    }
  /* Kith's own schema, with what a new store is given (settings, segments): cleared below */
  {
    g_autoptr(KithStore) store = kith_store_open (floor_db, &error);

    if (store == NULL)
      g_error ("bench: %s", error->message);
  }

  g_string_append_printf (copy, "ATTACH '%s' AS k;\nBEGIN;\n", kith_db);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      /* Its one row stays: every record written bumps it (a trigger), as in Kith's load */
      if (*tables[i] == '\0' || g_str_equal (tables[i], "name_order"))
        continue;
      g_string_append_printf (clear, "DELETE FROM \"%s\";\n", tables[i]);
      g_string_append_printf (copy, "INSERT INTO main.\"%s\" SELECT * FROM k.\"%s\";\n", tables[i], tables[i]);
    }
  g_string_append (clear, "DELETE FROM records_fts;\nINSERT INTO timeline_fts (timeline_fts) VALUES ('delete-all');\nCOMMIT;\n");
  /* The text Kith indexes: kith_records_update_fts () and the store's timeline_fts rows */
  g_string_append (copy, "INSERT INTO main.records_fts (rowid, name, emails, phones, company, notes) "
                         "SELECT rowid, name, emails, phones, company, notes FROM k.records_fts;\n"
                         "INSERT INTO main.timeline_fts (rowid, subject, body) "
                         "SELECT id, subject, coalesce(body, preview) FROM k.timeline;\n"
                         "COMMIT;\n");
  if (!g_file_set_contents (clear_path, clear->str, -1, &error) ||
      !g_file_set_contents (copy_path, copy->str, -1, &error))
    g_error ("bench: %s", error->message);
  if (!bench_floor_shell (floor_db, clear_path))
    return -1;

  start = now_s ();
  cpu = bench_floor_children_cpu_s ();
  if (!bench_floor_shell (floor_db, copy_path))
    return -1;
  *out_cpu_s = bench_floor_children_cpu_s () - cpu;

  g_unlink (clear_path);
  g_unlink (copy_path);
  return now_s () - start;
}
