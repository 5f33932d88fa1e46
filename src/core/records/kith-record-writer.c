/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-writer.h"
#include "kith-records-private.h"

/*
 * Creating and updating people, companies and deals. Every write validates the whole input
 * before it touches the database, then writes inside a transaction.
 */

/* Works out the segment, stage and step a write leaves the record in, checking each; reads
 * only, so that a bad value is refused before anything is written. */
static gboolean
resolve_relationship (KithStore    *self,
                      KithRecordInput  *in,
                      gint64        id,
                      gboolean      creating,
                      GError      **error)
{
  g_autofree char *segment = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *step = NULL;
  sqlite3_stmt *stmt;

  if (!creating)
    {
      stmt = kith_store_prepare (self, "SELECT segment, stage, step FROM records WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          in->old_segment = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          in->old_stage = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          in->old_step = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      sqlite3_reset (stmt);
    }

  if (!in->has_segment && !in->has_stage && !in->has_step && !creating)
    return TRUE;

  segment = g_strdup (in->has_segment ? in->segment : in->old_segment);
  stage = g_strdup (in->has_stage ? in->stage : in->old_stage);

  if (segment != NULL)
    {
      char *key = kith_relationship_segment_key (self, in->kind, segment);

      if (key == NULL)
        return kith_invalid (error, _("Unknown segment “%s”"), segment);
      g_free (segment);
      segment = key;
    }
  else if (creating && in->kind == KITH_RECORD_PROJECT)
    segment = g_strdup ("project");

  if (stage != NULL)
    {
      const char *key = kith_relationship_stage_key (in->kind, stage);
      g_autofree char *renamed = NULL;

      /* A stage the user renamed in Settings */
      if (key == NULL && segment != NULL)
        {
          stmt = kith_store_prepare (self, "SELECT key FROM stages WHERE segment = ? AND name = ? COLLATE NOCASE", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, segment, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            key = renamed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }

      if (key == NULL)
        return kith_invalid (error, in->kind == KITH_RECORD_PROJECT
                               ? _("Unknown stage “%s” (use future, current, pending, won or lost)")
                               : _("Unknown stage “%s” (use lead, future, current, past or out)"),
                        stage);
      g_free (stage);
      stage = g_strdup (key);
    }
  else if (creating && segment != NULL)
    stage = g_strdup (in->kind == KITH_RECORD_PROJECT ? "future" : "lead");

  /* A step belongs to a segment and stage: it stays only while both do */
  if (in->has_step)
    step = g_strdup (in->step);
  else if (g_strcmp0 (segment, in->old_segment) == 0 && g_strcmp0 (stage, in->old_stage) == 0)
    step = g_strdup (in->old_step);

  if (step != NULL)
    {
      char *key = kith_relationship_step_key (self, step, segment, stage);

      if (key == NULL)
        return kith_invalid (error, _("“%s” is not a next step of stage “%s” in segment “%s”"),
                        step, stage ? stage : "-", segment ? segment : "-");
      g_free (step);
      step = key;
    }

  in->rel_resolved = TRUE;
  in->new_segment = g_steal_pointer (&segment);
  in->new_stage = g_steal_pointer (&stage);
  in->new_step = g_steal_pointer (&step);

  return TRUE;
}

static gboolean
write_relationship (KithStore    *self,
                    KithRecordInput  *in,
                    gint64        id,
                    GError      **error)
{
  sqlite3_stmt *stmt;

  if (!in->rel_resolved)
    return TRUE;

  stmt = kith_store_prepare (self,
                             "UPDATE records SET segment = ?, stage = ?, step = ?, "
                             "step_since = CASE WHEN ?4 IS NOT step OR step_since IS NULL THEN ?5 ELSE step_since END "
                             "WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  kith_store_bind_text (stmt, 1, in->new_segment);
  kith_store_bind_text (stmt, 2, in->new_stage);
  kith_store_bind_text (stmt, 3, in->new_step);
  kith_store_bind_text (stmt, 4, in->new_step);
  if (in->new_step != NULL)
    sqlite3_bind_int64 (stmt, 5, kith_store_now (self));
  sqlite3_bind_int64 (stmt, 6, id);
  if (!kith_store_step_done (self, stmt, error))
    return FALSE;

  if (g_strcmp0 (in->new_segment, in->old_segment) != 0 &&
      !kith_records_write_audit (self, id, "segment", in->old_segment, in->new_segment, error))
    return FALSE;
  if (g_strcmp0 (in->new_stage, in->old_stage) != 0 &&
      !kith_records_write_audit (self, id, "stage", in->old_stage, in->new_stage, error))
    return FALSE;
  if (g_strcmp0 (in->new_step, in->old_step) != 0 &&
      !kith_records_write_audit (self, id, "step", in->old_step, in->new_step, error))
    return FALSE;

  return TRUE;
}

static guint
count_channels (KithStore  *self,
                gint64      id,
                const char *type)
{
  sqlite3_stmt *stmt = kith_records_prepare_typed (self, "SELECT count(*) FROM channels WHERE record_id = ? AND type = '%s'", type, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* A company needs an email or a domain, so that mail can find it. */
static gboolean
check_company_keys (KithStore    *self,
                    KithRecordInput  *in,
                    gint64        id,
                    gboolean      creating,
                    GError      **error)
{
  GPtrArray *emails = in->channels[kith_channel_type_index ("email")];
  GPtrArray *domains = in->channels[kith_channel_type_index ("domain")];
  guint n_emails, n_domains;

  if (in->kind != KITH_RECORD_COMPANY || (!creating && emails == NULL && domains == NULL))
    return TRUE;

  n_emails = emails != NULL ? emails->len : creating ? 0 : count_channels (self, id, "email");
  n_domains = domains != NULL ? domains->len : creating ? 0 : count_channels (self, id, "domain");
  if (n_emails + n_domains == 0)
    return kith_invalid (error, _("A company needs an email address or a domain"));

  return TRUE;
}

static gboolean
write_scalars (KithStore    *self,
               KithRecordInput  *in,
               gint64        id,
               GError      **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  if (in->columns->len == 0)
    return TRUE;

  sql = g_string_new ("UPDATE records SET ");
  for (guint i = 0; i < in->columns->len; i++)
    g_string_append_printf (sql, "%s%s = ?", i ? ", " : "", (const char *) g_ptr_array_index (in->columns, i));
  g_string_append (sql, " WHERE id = ?");

  /* The set of columns comes from the static table, so these statements are few: cache them */
  stmt = kith_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  kith_store_bind_params (stmt, in->values, 1);
  sqlite3_bind_int64 (stmt, in->columns->len + 1, id);

  return kith_store_step_done (self, stmt, error);
}

static gint64 create_record (KithStore *self, KithRecordKind kind, JsonObject *data,
                             gboolean *out_merged, gboolean require_key, GError **error);

/* A person's company: found by identifier (domain, email, sync key) or by name among companies,
 * else created with that name. */
static gboolean
write_company (KithStore   *self,
               KithRecordInput *in,
               gint64       id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 company_id = 0;

  if (!in->has_company)
    return TRUE;

  if (in->company != NULL)
    {
      company_id = kith_store_lookup (self, in->company, NULL);
      if (company_id != 0 && kith_store_get_record_kind (self, company_id) != KITH_RECORD_COMPANY)
        company_id = 0;

      if (company_id == 0)
        {
          stmt = kith_store_prepare (self, "SELECT id FROM records WHERE kind = 1 AND sort_name = ? "
                                           "ORDER BY id LIMIT 1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, kith_records_sort_name (in->company), -1, g_free);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            company_id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }

      if (company_id == 0)
        {
          g_autoptr(JsonObject) company = json_object_new ();

          json_object_set_string_member (company, "name", in->company);
          company_id = create_record (self, KITH_RECORD_COMPANY, company, NULL, FALSE, error);
          if (company_id == 0)
            return FALSE;
        }
    }

  stmt = kith_store_prepare (self, "UPDATE records SET company_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (company_id != 0)
    sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, id);

  return kith_store_step_done (self, stmt, error);
}

static gboolean
write_record (KithStore    *self,
              KithRecordInput  *in,
              gint64        id,
              gboolean      creating,
              gboolean      replace_lists,
              GError      **error)
{
  gboolean adopted = FALSE;

  if (!creating)
    {
      if (in->has_name)
        {
          kith_record_input_add_column (in, "name", g_variant_new_string (in->name));
          kith_record_input_add_column (in, "sort_name", g_variant_new_take_string (kith_records_sort_name (in->name)));
        }
      kith_record_input_add_column (in, "changed", g_variant_new_int64 (kith_store_now (self)));

      if (!write_scalars (self, in, id, error) ||
          !write_relationship (self, in, id, error))
        return FALSE;
    }

  if (!kith_records_write_lists (self, in, id, replace_lists, &adopted, error) ||
      !write_company (self, in, id, error))
    return FALSE;

  if (adopted && !kith_records_refresh_last_contact (self, id, error))
    return FALSE;

  if (!kith_store_queue_fts_record (self, id, error))
    return FALSE;

  /* People show their company's name in search */
  if (in->kind == KITH_RECORD_COMPANY && in->has_name && !creating &&
      !kith_records_queue_fts_people_of (self, id, error))
    return FALSE;

  kith_store_mark_changed (self, in->kind);
  return TRUE;
}

/* A new record in one INSERT: its scalars, names and relationship, which write_record() then
 * need not update. */
static gint64
insert_record (KithStore    *self,
               KithRecordInput  *in,
               GError      **error)
{
  g_autofree char *sync_key = g_uuid_string_random ();
  g_autoptr(GString) sql = g_string_new ("INSERT INTO records (id, kind, sync_key, created, changed, name, sort_name, "
                                         "segment, stage, step, step_since");
  gint64 now = kith_store_now (self);
  sqlite3_stmt *stmt;
  int n = 10;
  gint64 id;

  for (guint i = 0; i < in->columns->len; i++)
    if (strcmp (g_ptr_array_index (in->columns, i), "changed") != 0)
      g_string_append_printf (sql, ", %s", (const char *) g_ptr_array_index (in->columns, i));
  /* Above the ids of deleted records that undo may still bring back */
  g_string_append (sql, ") VALUES (1 + max((SELECT coalesce(max(id), 0) FROM records), "
                        "(SELECT coalesce(max(max_record_id), 0) FROM undo)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
  for (guint i = 0; i < in->columns->len; i++)
    if (strcmp (g_ptr_array_index (in->columns, i), "changed") != 0)
      g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  /* The column set comes from the static table: few distinct statements, cached */
  stmt = kith_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int (stmt, 1, in->kind);
  sqlite3_bind_text (stmt, 2, sync_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, in->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, kith_records_sort_name (in->name), -1, g_free);
  kith_store_bind_text (stmt, 7, in->new_segment);
  kith_store_bind_text (stmt, 8, in->new_stage);
  kith_store_bind_text (stmt, 9, in->new_step);
  if (in->new_step != NULL)
    sqlite3_bind_int64 (stmt, 10, now);
  for (guint i = 0; i < in->columns->len; i++)
    {
      GVariant *v = g_ptr_array_index (in->values, i);

      if (strcmp (g_ptr_array_index (in->columns, i), "changed") == 0)
        continue;
      n++;
      if (v == NULL)
        sqlite3_bind_null (stmt, n);
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, n, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, n, g_variant_get_double (v));
      else
        sqlite3_bind_text (stmt, n, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
    }

  if (!kith_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (kith_store_get_db (self));

  /* The audit log shows where a record started */
  if ((in->new_segment != NULL && !kith_records_write_audit (self, id, "segment", NULL, in->new_segment, error)) ||
      (in->new_stage != NULL && !kith_records_write_audit (self, id, "stage", NULL, in->new_stage, error)) ||
      (in->new_step != NULL && !kith_records_write_audit (self, id, "step", NULL, in->new_step, error)))
    return 0;

  return id;
}

static gint64
create_record (KithStore       *self,
               KithRecordKind   kind,
               JsonObject      *data,
               gboolean        *out_merged,
               gboolean         require_key,
               GError         **error)
{
  g_autoptr(KithRecordInput) in = NULL;
  gboolean creating;
  gint64 id = 0;

  if (out_merged != NULL)
    *out_merged = FALSE;

  kith_store_lock (self);

  /* Everything that can be refused is checked before the first write */
  in = kith_record_input_new (kind);
  if (!kith_record_input_parse (self, in, data, error))
    goto out;

  id = kith_records_match_existing (self, in);
  creating = id == 0;
  if (!creating)
    {
      /* Known already: add what is new, and keep the name the user may have corrected */
      if (in->has_name)
        {
          in->has_name = FALSE;
          for (guint i = in->columns->len; i > 0; i--)
            {
              const char *col = g_ptr_array_index (in->columns, i - 1);
              if (strcmp (col, "first") == 0 || strcmp (col, "last") == 0)
                {
                  g_ptr_array_remove_index (in->columns, i - 1);
                  g_ptr_array_remove_index (in->values, i - 1);
                }
            }
        }
    }
  else if (!in->has_name || in->name == NULL)
    {
      kith_invalid (error, _("A %s needs a name"), kith_record_kind_to_string (kind));
      goto out;
    }

  if (!resolve_relationship (self, in, id, creating, error) ||
      (require_key && !check_company_keys (self, in, id, creating, error)))
    {
      id = 0;
      goto out;
    }

  if (!kith_store_begin (self, error))
    {
      id = 0;
      goto out;
    }

  if (creating)
    {
      id = insert_record (self, in, error);
      if (id == 0)
        goto fail;
    }

  if (!write_record (self, in, id, creating, FALSE, error))
    goto fail;

  if (!kith_store_commit (self, error))
    id = 0;
  else if (out_merged != NULL)
    *out_merged = !creating;

out:
  kith_store_unlock (self);
  return id;

fail:
  kith_store_rollback (self);
  kith_store_unlock (self);
  return 0;
}

/**
 * kith_store_create_record:
 * @data: the record in the shape of docs/json.md
 * @out_merged: (out) (optional): set to %TRUE when @data matched an existing record by a sync key
 *   and updated it instead
 *
 * Creates a person, company or project — or, when an email, domain or app link of @data
 * already belongs to a record of that kind, or a phone or handle does to one with the same
 * name, adds @data to that record.
 *
 * Returns: the record's id, or 0 with @error set; nothing is written on error
 */
gint64
kith_store_create_record (KithStore       *self,
                          KithRecordKind   kind,
                          JsonObject      *data,
                          gboolean        *out_merged,
                          GError         **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, 0);
  g_return_val_if_fail (data != NULL, 0);

  return create_record (self, kind, data, out_merged, TRUE, error);
}

/**
 * kith_store_update_record:
 * @data: the members to change (docs/json.md); lists replace the record's list
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
kith_store_update_record (KithStore   *self,
                          gint64       id,
                          JsonObject  *data,
                          GError     **error)
{
  g_autoptr(KithRecordInput) in = NULL;
  KithRecordKind kind;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  kith_store_lock (self);

  kind = kith_store_get_record_kind (self, id);
  if (kind == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      goto out;
    }

  in = kith_record_input_new (kind);
  if (!kith_record_input_parse (self, in, data, error))
    goto out;

  if (!resolve_relationship (self, in, id, FALSE, error) ||
      !kith_records_check_conflicts (self, in, id, error) ||
      !check_company_keys (self, in, id, FALSE, error))
    goto out;

  if (!kith_store_begin (self, error))
    goto out;

  if (!write_record (self, in, id, FALSE, TRUE, error))
    {
      kith_store_rollback (self);
      goto out;
    }

  ok = kith_store_commit (self, error);

out:
  kith_store_unlock (self);
  return ok;
}
