/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-records-private.h"

/*
 * What a record write leaves besides the record: its row in the search index, its last contact
 * and entries in the audit log.
 */

gboolean
kith_records_write_audit (KithStore   *self,
                          gint64       id,
                          const char  *field,
                          const char  *old_value,
                          const char  *new_value,
                          GError     **error)
{
  /* VALUES, not INSERT … SELECT: a single-row statement needs no statement journal */
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "INSERT INTO audit (record_id, record_sync_key, field, old_value, new_value, at) "
                                           "VALUES (?1, (SELECT sync_key FROM records WHERE id = ?1), ?2, ?3, ?4, ?5)",
                                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  kith_store_bind_text (stmt, 3, old_value);
  kith_store_bind_text (stmt, 4, new_value);
  sqlite3_bind_int64 (stmt, 5, kith_store_now (self));

  return kith_store_step_done (self, stmt, error);
}

gboolean
kith_records_update_fts (KithStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autofree char *name = NULL, *emails = NULL, *phones = NULL, *company = NULL, *notes = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;

  /* Values are read first and written with single-row statements: an INSERT … SELECT into an
   * FTS5 table opens a statement savepoint, and FTS5 flushes its pending terms at each one. */
  stmt = kith_store_prepare (self,
                             "SELECT r.name, "
                             "  (SELECT group_concat(value, ' ') FROM channels WHERE record_id = r.id AND type IN ('email','domain')), "
                             "  (SELECT group_concat(value || ' ' || coalesce(key, ''), ' ') FROM channels WHERE record_id = r.id AND type IN ('phone','fax')), "
                             "  (SELECT name FROM records c WHERE c.id = r.company_id), "
                             "  coalesce(r.headline, '') || ' ' || coalesce(r.description, '') || ' ' || coalesce(r.notes, '') "
                             "FROM records r WHERE r.id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      exists = TRUE;
      name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      emails = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      phones = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      company = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      notes = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);

  if (!kith_records_delete_rows (self, "DELETE FROM records_fts WHERE rowid = ?", id, error))
    return FALSE;
  if (!exists)
    return TRUE;

  stmt = kith_store_prepare (self, "INSERT INTO records_fts (rowid, name, emails, phones, company, notes) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  kith_store_bind_text (stmt, 2, name);
  kith_store_bind_text (stmt, 3, emails);
  kith_store_bind_text (stmt, 4, phones);
  kith_store_bind_text (stmt, 5, company);
  kith_store_bind_text (stmt, 6, notes);

  return kith_store_step_done (self, stmt, error);
}

/* last_contact is the date of the newest communication (not notes or to-dos) with the record,
 * or with anyone at a company. */
gboolean
kith_records_refresh_last_contact (KithStore  *self,
                                   gint64      id,
                                   GError    **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "UPDATE records SET last_contact = ("
                                           "  SELECT max(t.date) FROM timeline_people tp JOIN timeline t ON t.id = tp.item_id "
                                           "  WHERE t.kind IN ('email','call','text','meeting','direct','postal') AND "
                                           "  (tp.record_id = ?1 OR tp.record_id IN (SELECT id FROM records WHERE company_id = ?1))"
                                           ") WHERE id = ?1",
                                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return kith_store_step_done (self, stmt, error);
}

/* People show their company's name in search: re-indexes those of @company when the current
 * transaction commits (after the company is renamed, merged or deleted) */
gboolean
kith_records_queue_fts_people_of (KithStore  *self,
                     gint64      company,
                     GError    **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = kith_store_prepare (self, "SELECT id FROM records WHERE company_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 person = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (people, person);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < people->len; i++)
    if (!kith_store_queue_fts_record (self, g_array_index (people, gint64, i), error))
      return FALSE;

  return TRUE;
}
