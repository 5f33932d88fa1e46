/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-input.h"
#include "kith-records-private.h"

/*
 * What a record write leaves besides the record: its row in the search index, its last contact
 * and entries in the audit log.
 */

/* An entry of the audit log of record @id: its id, or 0 with @error set */
gint64
kith_records_add_audit (KithStore   *self,
                        gint64       id,
                        const char  *field,
                        const char  *old_value,
                        const char  *new_value,
                        GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  /* VALUES, not INSERT … SELECT: a single-row statement needs no statement journal */
  if (!kith_statement_prepare (&st, self, "INSERT INTO audit (record_id, record_sync_key, field, "
                                          "old_value, new_value, at) VALUES (?1, (SELECT sync_key "
                                          "FROM records WHERE id = ?1), ?2, ?3, ?4, ?5)", error))
    return 0;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_text (&st, 2, field);
  kith_statement_bind_text (&st, 3, old_value);
  kith_statement_bind_text (&st, 4, new_value);
  kith_statement_bind_int64 (&st, 5, kith_store_now (self));
  if (!kith_statement_run (&st, error))
    return 0;

  return kith_statement_last_insert_id (&st);
}

gboolean
kith_records_write_audit (KithStore   *self,
                          gint64       id,
                          const char  *field,
                          const char  *old_value,
                          const char  *new_value,
                          GError     **error)
{
  return kith_records_add_audit (self, id, field, old_value, new_value, error) != 0;
}

#define FTS_COLUMNS 5

/* What the search index holds of record @id, in the columns of records_fts after its rowid;
 * %FALSE in @out_exists when the record is gone */
static gboolean
read_fts_values (KithStore  *self,
                 gint64      id,
                 char      **values,
                 gboolean   *out_exists,
                 GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  /* `+type`: the index on (record_id, type, position) is searched by record only, and the two
   * types compared on its few rows. Searched by type too, SQLite would build a table in memory
   * for each IN list at every run: two a record, a third of the read. The rows come in the
   * same order either way (the index's). */
  if (!kith_statement_prepare (&st, self,
                               "SELECT r.name, "
                               "  (SELECT group_concat(value, ' ') FROM channels "
                               "   WHERE record_id = r.id AND +type IN ('email','domain')), "
                               "  (SELECT group_concat(value || ' ' || coalesce(key, ''), ' ') FROM channels "
                               "   WHERE record_id = r.id AND +type IN ('phone','fax')), "
                               "  (SELECT name FROM records c WHERE c.id = r.company_id), "
                               "  coalesce(r.headline, '') || ' ' || coalesce(r.description, '') || ' ' || "
                               "  coalesce(r.notes, '') "
                               "FROM records r WHERE r.id = ?",
                               error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  *out_exists = kith_statement_step (&st, NULL);
  for (int i = 0; *out_exists && i < FTS_COLUMNS; i++)
    values[i] = kith_statement_dup_text (&st, i);

  return TRUE;
}

static gboolean
insert_fts_values (KithStore  *self,
                   gint64      id,
                   char      **values,
                   GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO records_fts (rowid, name, emails, phones, "
                                          "company, notes) VALUES (?, ?, ?, ?, ?, ?)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  for (int i = 0; i < FTS_COLUMNS; i++)
    kith_statement_bind_text (&st, 2 + i, values[i]);

  return kith_statement_run (&st, error);
}

gboolean
kith_records_update_fts (KithStore  *self,
                         gint64      id,
                         GError    **error)
{
  char *values[FTS_COLUMNS] = { NULL, };
  gboolean exists = FALSE;
  gboolean ok;

  /* Values are read first and written with single-row statements: an INSERT … SELECT into an
   * FTS5 table opens a statement savepoint, and FTS5 flushes its pending terms at each one. */
  ok = read_fts_values (self, id, values, &exists, error) &&
       kith_records_run_for_id (self, "DELETE FROM records_fts WHERE rowid = ?", id, error) &&
       (!exists || insert_fts_values (self, id, values, error));

  for (int i = 0; i < FTS_COLUMNS; i++)
    g_free (values[i]);

  return ok;
}

/* last_contact is the date of the newest communication (not notes or to-dos) with the record,
 * or with anyone at a company; a meeting from a calendar counts once it has begun (a meeting
 * logged by hand counts with the date it was given, as it always has) */
gboolean
kith_records_refresh_last_contact (KithStore  *self,
                                   gint64      id,
                                   GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "UPDATE records SET last_contact = ("
                               "  SELECT max(t.date) FROM timeline_people tp "
                               "  JOIN timeline t ON t.id = tp.item_id "
                               "  WHERE t.kind IN ('email','call','text','meeting','direct','postal') AND "
                               "  (t.date <= ?2 OR t.source IS NULL OR t.source NOT LIKE 'calendar:%') AND "
                               "  (tp.record_id = ?1 OR tp.record_id IN "
                               "   (SELECT id FROM records WHERE company_id = ?1))"
                               ") WHERE id = ?1",
                               error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_int64 (&st, 2, kith_store_now (self));

  return kith_statement_run (&st, error);
}

static GArray *
read_people_of (KithStore  *self,
                gint64      company,
                GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM records WHERE company_id = ?", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, company);

  return kith_statement_get_ids (&st, error);
}

/* People show their company's name in search: re-indexes those of @company when the current
 * transaction commits (after the company is renamed, merged or deleted) */
gboolean
kith_records_queue_fts_people_of (KithStore  *self,
                                  gint64      company,
                                  GError    **error)
{
  g_autoptr(GArray) people = read_people_of (self, company, error);

  if (people == NULL)
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    if (!kith_store_queue_fts_record (self, g_array_index (people, gint64, i), error))
      return FALSE;

  return TRUE;
}
