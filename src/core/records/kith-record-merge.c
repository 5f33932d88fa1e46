/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-merge.h"
#include "kith-record-input.h"
#include "kith-records-private.h"
#include "kith-vcard-extra.h"

/*
 * Deleting and merging records, each with an undo (kith-undo.c keeps what undo needs).
 */

/* Saves the undo of a delete or merge (@what) and commits its transaction; @kinds: the kinds
 * of record it changed, as bits of 1 << KithRecordKind */
static gint64
save_undo_and_commit (KithStore       *self,
                      const char      *what,
                      JsonObject      *snapshot,
                      guint            kinds,
                      GError         **error)
{
  gint64 undo_id = kith_undo_save (self, what, snapshot, error);

  if (undo_id == 0)
    {
      kith_store_rollback (self);
      return 0;
    }

  for (KithRecordKind kind = 0; kind <= KITH_RECORD_PROJECT; kind++)
    if (kinds & (1u << kind))
      kith_store_mark_changed (self, kind);
  return kith_store_commit (self, error) ? undo_id : 0;
}

/* Checks that records @ids are there and begins the transaction that deletes them (which
 * holds the lock until it ends); their kinds into @out_kinds, as bits of 1 << KithRecordKind */
static gboolean
begin_delete (KithStore     *self,
              const gint64  *ids,
              guint          n_ids,
              guint         *out_kinds,
              GError       **error)
{
  gboolean ok = TRUE;

  *out_kinds = 0;
  kith_store_lock (self);
  for (guint i = 0; ok && i < n_ids; i++)
    {
      KithRecordKind kind = kith_store_get_record_kind (self, ids[i]);

      if (kind == KITH_RECORD_KIND_INVALID)
        {
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                       _("There is no record #%" G_GINT64_FORMAT), ids[i]);
          ok = FALSE;
        }
      else
        *out_kinds |= 1u << kind;
    }
  ok = ok && kith_store_begin (self, error);
  kith_store_unlock (self);

  return ok;
}

/* Deletes record @id, noting it in the audit log, whose entry's id goes into @audit */
static gboolean
delete_rows (KithStore   *self,
             gint64       id,
             JsonArray   *audit,
             GError     **error)
{
  gint64 entry;

  if ((entry = kith_records_add_audit (self, id, "deleted", NULL, NULL, error)) == 0)
    return FALSE;
  json_array_add_int_element (audit, entry);

  return kith_records_queue_fts_people_of (self, id, error) &&
         kith_records_run_for_id (self, "DELETE FROM records WHERE id = ?", id, error) &&
         kith_store_queue_fts_record (self, id, error);
}

/**
 * kith_store_delete_records_with_undo:
 * @ids: (array length=n_ids): the records to delete, at most %KITH_MAX_DELETED_AT_ONCE
 *
 * Deletes records with their emails, phones, tags, custom values and files, all or none;
 * timeline items stay (they may name other records) but no longer point at them. Until
 * kith_store_forget_undo(), kith_store_undo() brings them all back, and copies of their files
 * stay on disk.
 *
 * Returns: the id to undo the delete with, or 0 with @error set
 */
gint64
kith_store_delete_records_with_undo (KithStore     *self,
                                     const gint64  *ids,
                                     guint          n_ids,
                                     GError       **error)
{
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(GArray) unique = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  JsonArray *audit;
  guint kinds;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (ids != NULL || n_ids == 0, 0);

  /* A record named twice is deleted once */
  for (guint i = 0; i < n_ids; i++)
    if (g_hash_table_add (seen, (gpointer) &ids[i]))
      g_array_append_val (unique, ids[i]);
  ids = (const gint64 *) (gpointer) unique->data;
  n_ids = unique->len;

  if (n_ids == 0 || n_ids > KITH_MAX_DELETED_AT_ONCE)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("Records are deleted %u at a time at most, not %u"), KITH_MAX_DELETED_AT_ONCE, n_ids);
      return 0;
    }

  kith_undo_forget_old (self);

  if (!begin_delete (self, ids, n_ids, &kinds, error))
    return 0;

  if ((snapshot = kith_undo_snapshot (self, ids, n_ids, error)) == NULL)
    {
      kith_store_rollback (self);
      return 0;
    }
  audit = json_array_new ();
  json_object_set_array_member (snapshot, "audit", audit);
  for (guint i = 0; i < n_ids; i++)
    if (!delete_rows (self, ids[i], audit, error))
      {
        kith_store_rollback (self);
        return 0;
      }

  return save_undo_and_commit (self, "delete", snapshot, kinds, error);
}

/**
 * kith_store_delete_record_with_undo:
 *
 * Deletes a record as kith_store_delete_records_with_undo() deletes several.
 *
 * Returns: the id to undo the delete with, or 0 with @error set
 */
gint64
kith_store_delete_record_with_undo (KithStore   *self,
                                    gint64       id,
                                    GError     **error)
{
  return kith_store_delete_records_with_undo (self, &id, 1, error);
}

/**
 * kith_store_delete_record:
 *
 * Deletes a record for good, as kith_store_delete_record_with_undo() does but with no undo:
 * copies of its files are removed too.
 */
gboolean
kith_store_delete_record (KithStore   *self,
                          gint64       id,
                          GError     **error)
{
  gint64 undo_id = kith_store_delete_record_with_undo (self, id, error);

  return undo_id != 0 && kith_store_forget_undo (self, undo_id, error);
}

/* A merge, in SQL: ?1 is the survivor, ?2 the record merged into it */
static const char *merge_steps[] = {
  /* Scalars the survivor lacks */
  "UPDATE records SET "
  "  first = coalesce(first, (SELECT first FROM records WHERE id = ?2)),"
  "  last = coalesce(last, (SELECT last FROM records WHERE id = ?2)),"
  "  headline = coalesce(headline, (SELECT headline FROM records WHERE id = ?2)),"
  "  description = coalesce(description, (SELECT description FROM records WHERE id = ?2)),"
  "  picture = coalesce(picture, (SELECT picture FROM records WHERE id = ?2)),"
  "  segment = coalesce(segment, (SELECT segment FROM records WHERE id = ?2)),"
  "  stage = coalesce(stage, (SELECT stage FROM records WHERE id = ?2)),"
  "  step = CASE WHEN segment IS NULL AND stage IS NULL THEN (SELECT step FROM records WHERE id = ?2) ELSE step END,"
  "  notes = CASE WHEN (SELECT notes FROM records WHERE id = ?2) IS NULL THEN notes"
  "               WHEN notes IS NULL THEN (SELECT notes FROM records WHERE id = ?2)"
  "               ELSE notes || char(10) || char(10) || (SELECT notes FROM records WHERE id = ?2) END,"
  "  role = coalesce(role, (SELECT role FROM records WHERE id = ?2)),"
  "  department = coalesce(department, (SELECT department FROM records WHERE id = ?2)),"
  "  lead_source = coalesce(lead_source, (SELECT lead_source FROM records WHERE id = ?2)),"
  "  birthday = coalesce(birthday, (SELECT birthday FROM records WHERE id = ?2)),"
  "  company_id = coalesce(company_id, (SELECT company_id FROM records WHERE id = ?2)),"
  "  assignee = coalesce(assignee, (SELECT assignee FROM records WHERE id = ?2)),"
  "  start_date = coalesce(start_date, (SELECT start_date FROM records WHERE id = ?2)),"
  "  end_date = coalesce(end_date, (SELECT end_date FROM records WHERE id = ?2)),"
  "  value = coalesce(value, (SELECT value FROM records WHERE id = ?2)),"
  "  currency = coalesce(currency, (SELECT currency FROM records WHERE id = ?2)),"
  "  project_type = coalesce(project_type, (SELECT project_type FROM records WHERE id = ?2)),"
  "  forecast = coalesce(forecast, (SELECT forecast FROM records WHERE id = ?2)),"
  "  cadence_days = coalesce(cadence_days, (SELECT cadence_days FROM records WHERE id = ?2)),"
  /* Either asked not to be emailed: the one person they are now did */
  "  do_not_email = max(do_not_email, (SELECT do_not_email FROM records WHERE id = ?2)),"
  "  created = min(created, (SELECT created FROM records WHERE id = ?2))"
  " WHERE id = ?1",
  /* Channels: drop what the survivor has already — the same phone or handle (these may be on
   * both), or the same value of a channel that identifies nobody. Emails are unique. */
  "DELETE FROM channels WHERE record_id = ?2 AND EXISTS "
  "  (SELECT 1 FROM channels s WHERE s.record_id = ?1 AND s.type = channels.type AND "
  "   (s.key = channels.key OR (channels.key IS NULL AND s.value = channels.value)))",
  "UPDATE channels SET record_id = ?1, preferred = 0, "
  "  position = position + (SELECT count(*) FROM channels WHERE record_id = ?1) WHERE record_id = ?2",
  "UPDATE addresses SET record_id = ?1, position = position + 1000 WHERE record_id = ?2",
  "UPDATE app_links SET record_id = ?1 WHERE record_id = ?2",
  "UPDATE occasions SET record_id = ?1 WHERE record_id = ?2",
  "INSERT OR IGNORE INTO record_tags (record_id, tag_id) SELECT ?1, tag_id FROM record_tags WHERE record_id = ?2",
  /* Custom values: the survivor's win, field by field */
  "UPDATE custom_values SET record_id = ?1 WHERE record_id = ?2 AND field_id NOT IN "
  "  (SELECT field_id FROM custom_values WHERE record_id = ?1)",
  "UPDATE timeline_people SET record_id = ?1 WHERE record_id = ?2",
  "INSERT OR IGNORE INTO todo_people (todo_id, record_id) SELECT todo_id, ?1 FROM todo_people WHERE record_id = ?2",
  "UPDATE files SET record_id = ?1 WHERE record_id = ?2",
  "INSERT OR IGNORE INTO project_members (project_id, record_id, role) "
  "  SELECT project_id, ?1, role FROM project_members WHERE record_id = ?2",
  "INSERT OR IGNORE INTO project_members (project_id, record_id, role) "
  "  SELECT ?1, record_id, role FROM project_members WHERE project_id = ?2 AND record_id != ?1",
  "UPDATE records SET company_id = ?1 WHERE company_id = ?2",
  "UPDATE audit SET record_id = ?1 WHERE record_id = ?2",
  "DELETE FROM records WHERE id = ?2 AND ?1 != ?2",
};

static gboolean
exec_merge_step (KithStore   *self,
                 const char  *sql,
                 gint64       survivor,
                 gint64       merged,
                 GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, survivor);
  kith_statement_bind_int64 (&st, 2, merged);

  return kith_statement_run (&st, error);
}

/* "Name (sync key)" of record @id, for the audit log */
static gboolean
describe_record (KithStore  *self,
                 gint64      id,
                 char      **out,
                 GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT name, sync_key FROM records WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  if (kith_statement_step (&st, NULL))
    *out = g_strdup_printf ("%s (%s)", kith_statement_column_text (&st, 0),
                            kith_statement_column_text (&st, 1));
  else
    *out = g_strdup ("?");

  return TRUE;
}

/* Checks that @merged_id can be merged into @survivor_id and begins the transaction of the merge
 * (which holds the lock until it ends) */
static gboolean
begin_merge (KithStore       *self,
             gint64           survivor_id,
             gint64           merged_id,
             KithRecordKind  *out_kind,
             GError         **error)
{
  KithRecordKind kind, merged_kind;
  gboolean ok = FALSE;

  kith_store_lock (self);
  kind = kith_store_get_record_kind (self, survivor_id);
  merged_kind = kith_store_get_record_kind (self, merged_id);
  if (kind == KITH_RECORD_KIND_INVALID || merged_kind == KITH_RECORD_KIND_INVALID)
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                 _("There is no record #%" G_GINT64_FORMAT),
                 kind == KITH_RECORD_KIND_INVALID ? survivor_id : merged_id);
  else if (survivor_id == merged_id)
    kith_invalid (error, _("A record cannot be merged with itself"));
  else if (merged_kind != kind)
    kith_invalid (error, _("Only records of the same kind can be merged (a %s and a %s)"),
                  kith_record_kind_to_string (kind), kith_record_kind_to_string (merged_kind));
  else
    ok = kith_store_begin (self, error);
  kith_store_unlock (self);

  *out_kind = kind;
  return ok;
}

/* Folds @merged_id into @survivor_id and notes it in the survivor's audit log, whose entry's
 * id goes into @audit */
static gboolean
merge_rows (KithStore  *self,
            gint64      survivor_id,
            gint64      merged_id,
            JsonArray  *audit,
            GError    **error)
{
  g_autofree char *what = NULL;
  gint64 entry;

  if (!describe_record (self, merged_id, &what, error) ||
      !kith_records_queue_fts_people_of (self, merged_id, error) ||
      !kith_vcard_extra_merge (self, survivor_id, merged_id, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (merge_steps); i++)
    if (!exec_merge_step (self, merge_steps[i], survivor_id, merged_id, error))
      return FALSE;

  if ((entry = kith_records_add_audit (self, survivor_id, "merged", what, NULL, error)) == 0)
    return FALSE;
  json_array_add_int_element (audit, entry);

  return exec_merge_step (self, "UPDATE records SET changed = ?2 WHERE id = ?1",
                          survivor_id, kith_store_now (self), error) &&
         kith_records_refresh_last_contact (self, survivor_id, error) &&
         kith_store_queue_fts_record (self, survivor_id, error) &&
         kith_store_queue_fts_record (self, merged_id, error);
}

/**
 * kith_store_merge_records_with_undo:
 * @survivor_id: the record that stays
 * @merged_id: the record folded into it and then deleted
 *
 * Moves every email, phone, address, app link, tag, custom value, anniversary, timeline item,
 * to-do, file, project membership, employee and kept vCard property of @merged_id to
 * @survivor_id. Values the
 * survivor lacks are filled from the merged record; its own values win. The merge is recorded in
 * the audit log of the survivor. kith_store_undo() brings both records back as they were.
 *
 * Returns: the id to undo the merge with, or 0 with @error set
 */
gint64
kith_store_merge_records_with_undo (KithStore   *self,
                                    gint64       survivor_id,
                                    gint64       merged_id,
                                    GError     **error)
{
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonArray) audit = json_array_new ();
  g_autofree char *fingerprint = NULL;
  gint64 ids[2] = { survivor_id, merged_id };
  KithRecordKind kind;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_undo_forget_old (self);

  if (!begin_merge (self, survivor_id, merged_id, &kind, error))
    return 0;

  if ((snapshot = kith_undo_snapshot (self, ids, G_N_ELEMENTS (ids), error)) == NULL ||
      !merge_rows (self, survivor_id, merged_id, audit, error))
    goto fail;

  /* Undo is refused once the survivor changes: its state now is what undo would throw away */
  json_object_set_array_member (snapshot, "audit", g_steal_pointer (&audit));
  json_object_set_int_member (snapshot, "survivor", survivor_id);
  fingerprint = kith_undo_fingerprint (self, survivor_id);
  json_object_set_string_member (snapshot, "fingerprint", fingerprint);

  return save_undo_and_commit (self, "merge", snapshot, 1u << kind, error);

fail:
  kith_store_rollback (self);
  return 0;
}

/**
 * kith_store_merge_records:
 *
 * Merges @merged_id into @survivor_id for good: kith_store_merge_records_with_undo() with no undo.
 */
gboolean
kith_store_merge_records (KithStore   *self,
                          gint64       survivor_id,
                          gint64       merged_id,
                          GError     **error)
{
  gint64 undo_id = kith_store_merge_records_with_undo (self, survivor_id, merged_id, error);

  return undo_id != 0 && kith_store_forget_undo (self, undo_id, error);
}
