/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-records-private.h"

/*
 * A record's lists — emails, phones and other channels, addresses, app links, tags, custom
 * values, anniversaries and a deal's people — written from a KithRecordInput: given lists
 * replace the record's (update) or add to them (create, or a create that matched a record).
 */

/* Links timeline items that name @key (and no record yet) to @id: adding an email to a record
 * brings in the history already captured for that address. */
static gboolean
adopt_timeline (KithStore   *self,
                gint64       id,
                const char  *key,
                gboolean    *out_adopted,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean waiting;

  /* Usually there is nothing to adopt; a read is cheaper than a multi-row UPDATE */
  stmt = kith_store_prepare (self, "SELECT 1 FROM timeline_people WHERE key = ? AND record_id IS NULL LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  waiting = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!waiting)
    return TRUE;

  stmt = kith_store_prepare (self, "UPDATE timeline_people SET record_id = ? WHERE key = ? AND record_id IS NULL", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (!kith_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (kith_store_get_db (self)) > 0)
    *out_adopted = TRUE;

  return TRUE;
}

static gboolean
write_channels (KithStore    *self,
                KithRecordInput  *in,
                gint64        id,
                gboolean      replace,
                gboolean     *out_adopted,
                GError      **error)
{
  for (guint t = 0; t < KITH_N_CHANNEL_TYPES; t++)
    {
      GPtrArray *list = in->channels[t];
      sqlite3_stmt *stmt;
      int position = 0;

      if (list == NULL)
        continue;

      if (replace)
        {
          stmt = kith_records_prepare_typed (self, "DELETE FROM channels WHERE record_id = ? AND type = '%s'", kith_channel_types[t], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;
        }
      else
        {
          stmt = kith_records_prepare_typed (self, "SELECT coalesce(max(position) + 1, 0) FROM channels "
                                      "WHERE record_id = ? AND type = '%s'", kith_channel_types[t], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            position = sqlite3_column_int (stmt, 0);
          sqlite3_reset (stmt);
        }

      for (guint i = 0; i < list->len; i++)
        {
          KithChannel *c = g_ptr_array_index (list, i);

          if (c->key != NULL && kith_records_key_needs_name (c->type))
            {
              /* Shared keys: only no second copy on this record */
              gboolean has = FALSE;

              stmt = kith_records_prepare_typed (self, "SELECT 1 FROM channels WHERE record_id = ? AND type = '%s' AND key = ?",
                                    c->type, error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_text (stmt, 2, c->key, -1, SQLITE_STATIC);
              has = sqlite3_step (stmt) == SQLITE_ROW;
              sqlite3_reset (stmt);
              if (has)
                continue;
            }
          else if (c->key != NULL)
            {
              gint64 owner = kith_records_find_by_key (self, c->type, c->key);

              if (owner == id)
                continue;
              if (owner != 0)
                {
                  g_autofree char *name = NULL;

                  /* Adding to a record found by another key: leave keys of other records alone */
                  if (!replace)
                    continue;
                  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                               _("“%s” already belongs to %s"), c->value, kith_records_name_of (self, owner, &name));
                  return FALSE;
                }
            }
          else if (!replace)
            {
              /* Non-identifying channels (faxes, web pages): no duplicates by value */
              gboolean exists = FALSE;

              stmt = kith_records_prepare_typed (self, "SELECT 1 FROM channels WHERE record_id = ? AND type = '%s' AND value = ?",
                                    c->type, error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_text (stmt, 2, c->value, -1, SQLITE_STATIC);
              exists = sqlite3_step (stmt) == SQLITE_ROW;
              sqlite3_reset (stmt);
              if (exists)
                continue;
            }

          stmt = kith_store_prepare (self,
                                     "INSERT INTO channels (record_id, type, value, key, label, preferred, position) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, c->type, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, c->value, -1, SQLITE_STATIC);
          kith_store_bind_text (stmt, 4, c->key);
          kith_store_bind_text (stmt, 5, c->label);
          sqlite3_bind_int (stmt, 6, c->preferred);
          sqlite3_bind_int (stmt, 7, position++);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;

          if (c->key != NULL && !adopt_timeline (self, id, c->key, out_adopted, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Runs @sql, a statement with @id as its one parameter */
gboolean
kith_records_delete_rows (KithStore   *self,
                          const char  *sql,
                          gint64       id,
                          GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return kith_store_step_done (self, stmt, error);
}

static gboolean
write_addresses (KithStore   *self,
                 KithRecordInput *in,
                 gint64       id,
                 gboolean     replace,
                 GError     **error)
{
  if (in->addresses == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM addresses WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->addresses->len; i++)
    {
      KithAddress *a = g_ptr_array_index (in->addresses, i);
      sqlite3_stmt *stmt;

      if (!replace)
        {
          gboolean exists;

          stmt = kith_store_prepare (self,
                                     "SELECT 1 FROM addresses WHERE record_id = ? AND street IS ? AND city IS ? "
                                     "AND region IS ? AND country IS ? AND postal_code IS ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          kith_store_bind_text (stmt, 2, a->street);
          kith_store_bind_text (stmt, 3, a->city);
          kith_store_bind_text (stmt, 4, a->region);
          kith_store_bind_text (stmt, 5, a->country);
          kith_store_bind_text (stmt, 6, a->postal_code);
          exists = sqlite3_step (stmt) == SQLITE_ROW;
          sqlite3_reset (stmt);
          if (exists)
            continue;
        }

      stmt = kith_store_prepare (self,
                                 "INSERT INTO addresses (record_id, street, city, region, country, "
                                 "postal_code, label, latitude, longitude, position) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      kith_store_bind_text (stmt, 2, a->street);
      kith_store_bind_text (stmt, 3, a->city);
      kith_store_bind_text (stmt, 4, a->region);
      kith_store_bind_text (stmt, 5, a->country);
      kith_store_bind_text (stmt, 6, a->postal_code);
      kith_store_bind_text (stmt, 7, a->label);
      if (a->has_position)
        {
          sqlite3_bind_double (stmt, 8, a->latitude);
          sqlite3_bind_double (stmt, 9, a->longitude);
        }
      sqlite3_bind_int (stmt, 10, (int) i);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_app_links (KithStore   *self,
                 KithRecordInput *in,
                 gint64       id,
                 gboolean     replace,
                 GError     **error)
{
  if (in->app_links == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM app_links WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->app_links->len; i++)
    {
      KithAppLink *l = g_ptr_array_index (in->app_links, i);
      g_autofree char *key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      gint64 owner = kith_records_find_by_key (self, "applink", key);
      sqlite3_stmt *stmt;

      if (owner != 0 && owner != id)
        {
          g_autofree char *name = NULL;

          if (!replace)
            continue;
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                       _("The app link %s already belongs to %s"), key, kith_records_name_of (self, owner, &name));
          return FALSE;
        }

      stmt = kith_store_prepare (self,
                                 "INSERT INTO app_links (record_id, app_id, unique_id, app_name, url) "
                                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (app_id, unique_id) DO UPDATE SET "
                                 "app_name = coalesce(excluded.app_name, app_name), url = coalesce(excluded.url, url)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, l->app_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, l->unique_id, -1, SQLITE_STATIC);
      kith_store_bind_text (stmt, 4, l->app_name);
      kith_store_bind_text (stmt, 5, l->url);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gint64
ensure_tag (KithStore   *self,
            const char  *name,
            GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, "SELECT id FROM tags WHERE name = ?", error);
  gint64 tag_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tag_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (tag_id != 0)
    return tag_id;

  stmt = kith_store_prepare (self, "INSERT INTO tags (name) VALUES (?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!kith_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (kith_store_get_db (self));
}

static gboolean
write_tags (KithStore   *self,
            KithRecordInput *in,
            gint64       id,
            gboolean     replace,
            GError     **error)
{
  if (in->tags == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM record_tags WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->tags->len; i++)
    {
      gint64 tag_id = ensure_tag (self, g_ptr_array_index (in->tags, i), error);
      sqlite3_stmt *stmt;

      if (tag_id == 0)
        return FALSE;

      stmt = kith_store_prepare (self, "INSERT OR IGNORE INTO record_tags (record_id, tag_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_custom (KithStore   *self,
              KithRecordInput *in,
              gint64       id,
              gboolean     replace,
              GError     **error)
{
  sqlite3_stmt *stmt;

  if (in->custom == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM custom_values WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->custom->len; i++)
    {
      KithCustomValue *cv = g_ptr_array_index (in->custom, i);

      if (!replace)
        {
          stmt = kith_store_prepare (self, "DELETE FROM custom_values WHERE record_id = ? AND field_id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, cv->field_id);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;
        }

      for (guint j = 0; j < cv->values->len; j++)
        {
          double num = g_array_index (cv->nums, double, j);

          stmt = kith_store_prepare (self, "INSERT INTO custom_values (record_id, field_id, value, num) "
                                           "VALUES (?, ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, cv->field_id);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (cv->values, j), -1, SQLITE_STATIC);
          if (!isnan (num))
            sqlite3_bind_double (stmt, 4, num);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_occasions (KithStore   *self,
                 KithRecordInput *in,
                 gint64       id,
                 gboolean     replace,
                 GError     **error)
{
  if (in->occasions == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM occasions WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->occasions->len; i++)
    {
      KithOccasion *o = g_ptr_array_index (in->occasions, i);
      sqlite3_stmt *stmt;

      stmt = kith_store_prepare (self,
                                 "INSERT INTO occasions (record_id, label, date) SELECT ?1, ?2, ?3 "
                                 "WHERE NOT EXISTS (SELECT 1 FROM occasions WHERE record_id = ?1 "
                                 "AND label = ?2 AND date = ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, o->label, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, o->date, -1, SQLITE_STATIC);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_members (KithStore   *self,
               GArray      *members,
               const char  *role,
               gint64       id,
               gboolean     replace,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (members == NULL)
    return TRUE;

  if (replace)
    {
      stmt = kith_store_prepare (self, "DELETE FROM project_members WHERE project_id = ? AND role = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < members->len; i++)
    {
      stmt = kith_store_prepare (self, "INSERT OR IGNORE INTO project_members (project_id, record_id, role) "
                                       "VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (members, gint64, i));
      sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kith_records_write_lists (KithStore        *self,
                          KithRecordInput  *in,
                          gint64            id,
                          gboolean          replace,
                          gboolean         *out_adopted,
                          GError          **error)
{
  return write_channels (self, in, id, replace, out_adopted, error) &&
         write_addresses (self, in, id, replace, error) &&
         write_app_links (self, in, id, replace, error) &&
         write_tags (self, in, id, replace, error) &&
         write_custom (self, in, id, replace, error) &&
         write_occasions (self, in, id, replace, error) &&
         write_members (self, in->participants, "participant", id, replace, error) &&
         write_members (self, in->team, "team", id, replace, error);
}
