/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include "kith-audit.h"
#include "kith-audit-entry.h"
#include "kith-statement.h"

/* Reading the audit log, typed from its rows; kith_records_write_audit() writes it */

static KithAuditEntry *
read_entry (KithStatement *st)
{
  return g_object_new (KITH_TYPE_AUDIT_ENTRY,
                       "id", kith_statement_column_int64 (st, 0),
                       "record-id", kith_statement_column_int64 (st, 1),
                       "sync-key", kith_statement_column_text (st, 2),
                       "field", kith_statement_column_text (st, 3),
                       "before", kith_statement_column_text (st, 4),
                       "after", kith_statement_column_text (st, 5),
                       "at", kith_statement_column_int64 (st, 6),
                       NULL);
}

static GPtrArray *
read_audit (KithStore  *self,
            gint64      record_id,
            gint64      since_ms,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *entries;

  if (!kith_statement_prepare (&st, self, "SELECT id, record_id, record_sync_key, field, old_value, "
                                          "new_value, at FROM audit "
                                          "WHERE (?1 = 0 OR record_id = ?1) AND at >= ?2 ORDER BY at, id",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);
  kith_statement_bind_int64 (&st, 2, since_ms);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while (kith_statement_step (&st, NULL))
    g_ptr_array_add (entries, read_entry (&st));

  return entries;
}

/**
 * kith_store_get_audit:
 * @record_id: a record, or 0 for all
 * @since_ms: only entries at or after this time
 *
 * Returns: (transfer full) (element-type KithAuditEntry): audit entries, oldest first; %NULL
 *   with @error set
 */
GPtrArray *
kith_store_get_audit (KithStore  *self,
                      gint64      record_id,
                      gint64      since_ms,
                      GError    **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  entries = read_audit (self, record_id, since_ms, error);
  kith_store_unlock (self);

  return entries;
}
