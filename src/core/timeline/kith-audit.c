/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include "kith-audit.h"
#include "kith-statement.h"

/* Reading the audit log; kith_records_write_audit() writes it */

/* A text column as a member, JSON null for SQL NULL */
static void
set_text_or_null (JsonObject    *entry,
                  const char    *member,
                  KithStatement *st,
                  int            column)
{
  if (kith_statement_column_is_null (st, column))
    json_object_set_null_member (entry, member);
  else
    json_object_set_string_member (entry, member, kith_statement_column_text (st, column));
}

static JsonObject *
read_entry (KithStatement *st)
{
  JsonObject *entry = json_object_new ();

  json_object_set_int_member (entry, "id", kith_statement_column_int64 (st, 0));
  if (!kith_statement_column_is_null (st, 1))
    json_object_set_int_member (entry, "recordId", kith_statement_column_int64 (st, 1));
  json_object_set_string_member (entry, "syncKey", kith_statement_column_text (st, 2));
  json_object_set_string_member (entry, "field", kith_statement_column_text (st, 3));
  set_text_or_null (entry, "before", st, 4);
  set_text_or_null (entry, "after", st, 5);
  json_object_set_int_member (entry, "at", kith_statement_column_int64 (st, 6));

  return entry;
}

static JsonArray *
read_audit (KithStore  *self,
            gint64      record_id,
            gint64      since_ms,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  JsonArray *entries;

  if (!kith_statement_prepare (&st, self, "SELECT id, record_id, record_sync_key, field, old_value, "
                                          "new_value, at FROM audit "
                                          "WHERE (?1 = 0 OR record_id = ?1) AND at >= ?2 ORDER BY at, id",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);
  kith_statement_bind_int64 (&st, 2, since_ms);

  entries = json_array_new ();
  while (kith_statement_step (&st, NULL))
    json_array_add_object_element (entries, read_entry (&st));

  return entries;
}

/**
 * kith_store_get_audit:
 * @record_id: a record, or 0 for all
 * @since_ms: only entries at or after this time
 *
 * Returns: (transfer full): audit entries, oldest first: {id, recordId, syncKey, field, before,
 *   after, at}
 */
JsonArray *
kith_store_get_audit (KithStore  *self,
                      gint64      record_id,
                      gint64      since_ms,
                      GError    **error)
{
  JsonArray *entries;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  entries = read_audit (self, record_id, since_ms, error);
  kith_store_unlock (self);

  return entries;
}
