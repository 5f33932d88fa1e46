/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include "kith-statement.h"
#include "kith-stats.h"

static const struct { const char *member; const char *sql; } counts[] = {
  { "people", "SELECT count(*) FROM records WHERE kind = 0" },
  { "companies", "SELECT count(*) FROM records WHERE kind = 1" },
  { "projects", "SELECT count(*) FROM records WHERE kind = 2" },
  { "timeline", "SELECT count(*) FROM timeline" },
  { "todos", "SELECT count(*) FROM todos" },
  { "openTodos", "SELECT count(*) FROM todos WHERE done = 0" },
  { "tags", "SELECT count(*) FROM tags" },
  { "customFields", "SELECT count(*) FROM custom_fields" },
  { "files", "SELECT count(*) FROM files" },
  { "auditEntries", "SELECT count(*) FROM audit" },
  { "bytes", "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()" },
};

static gboolean
count_into (KithStore   *self,
            guint        i,
            JsonObject  *stats,
            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, counts[i].sql, error))
    return FALSE;
  if (kith_statement_step (&st, NULL))
    json_object_set_int_member (stats, counts[i].member, kith_statement_column_int64 (&st, 0));

  return TRUE;
}

static JsonObject *
read_stats (KithStore  *self,
            GError    **error)
{
  g_autoptr(JsonObject) stats = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (!count_into (self, i, stats, error))
      return NULL;
  json_object_set_int_member (stats, "schemaVersion", kith_store_get_schema_version (self));

  return g_steal_pointer (&stats);
}

/**
 * kith_store_get_stats:
 *
 * Returns: (transfer full): counts of people, companies, projects, timeline items, to-dos,
 *   tags and the database size in bytes
 */
JsonObject *
kith_store_get_stats (KithStore  *self,
                      GError    **error)
{
  JsonObject *stats;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stats = read_stats (self, error);
  kith_store_unlock (self);

  return stats;
}
