/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-input.h"
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
  g_auto(KithStatement) waiting = KITH_STATEMENT_INIT;
  g_auto(KithStatement) adopt = KITH_STATEMENT_INIT;

  /* Usually there is nothing to adopt; a read is cheaper than a multi-row UPDATE */
  if (!kith_statement_prepare (&waiting, self, "SELECT 1 FROM timeline_people "
                                               "WHERE key = ? AND record_id IS NULL LIMIT 1", error))
    return FALSE;
  kith_statement_bind_text (&waiting, 1, key);
  if (!kith_statement_has_row (&waiting, NULL))
    return TRUE;

  if (!kith_statement_prepare (&adopt, self, "UPDATE timeline_people SET record_id = ? "
                                             "WHERE key = ? AND record_id IS NULL", error))
    return FALSE;
  kith_statement_bind_int64 (&adopt, 1, id);
  kith_statement_bind_text (&adopt, 2, key);
  if (!kith_statement_run (&adopt, error))
    return FALSE;

  if (kith_statement_changes (&adopt) > 0)
    *out_adopted = TRUE;

  return TRUE;
}

/* Runs @sql, where @type fills the '%s' (see kith_records_prepare_typed()) and @id and @text
 * are the parameters; @out_row: (optional): whether it found a row */
static gboolean
run_typed (KithStore   *self,
           const char  *sql_format,
           const char  *type,
           gint64       id,
           const char  *text,
           gboolean    *out_row,
           GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_records_prepare_typed (&st, self, sql_format, type, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  if (text != NULL)
    kith_statement_bind_text (&st, 2, text);
  if (out_row == NULL)
    return kith_statement_run (&st, error);

  *out_row = kith_statement_has_row (&st, NULL);
  return TRUE;
}

/* Where the channels of @type added to record @id go: after those it has */
static int
next_position (KithStore  *self,
               gint64      id,
               const char *type,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_records_prepare_typed (&st, self, "SELECT coalesce(max(position) + 1, 0) FROM channels "
                                               "WHERE record_id = ? AND type = '%s'", type, error))
    return -1;
  kith_statement_bind_int64 (&st, 1, id);

  return (int) kith_statement_get_int64 (&st, NULL);
}

/* Whether @c is one record @id should not get: it has it already, or (with @replace %FALSE)
 * another record does. With @replace, another record's key is a conflict. */
static gboolean
skip_channel (KithStore    *self,
              KithChannel  *c,
              gint64        id,
              gboolean      replace,
              gboolean     *out_skip,
              GError      **error)
{
  gint64 owner;

  *out_skip = FALSE;

  /* Shared keys: only no second copy on this record */
  if (c->key != NULL && kith_records_key_needs_name (c->type))
    return run_typed (self, "SELECT 1 FROM channels WHERE record_id = ? AND type = '%s' AND key = ?",
                      c->type, id, c->key, out_skip, error);

  /* Non-identifying channels (faxes, web pages): no duplicates by value */
  if (c->key == NULL)
    return replace ||
           run_typed (self, "SELECT 1 FROM channels WHERE record_id = ? AND type = '%s' AND value = ?",
                      c->type, id, c->value, out_skip, error);

  owner = kith_records_find_by_key (self, c->type, c->key);
  if (owner == 0)
    return TRUE;

  /* Adding to a record found by another key: leave keys of other records alone */
  *out_skip = TRUE;
  if (owner != id && replace)
    {
      g_autofree char *name = NULL;

      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                   _("“%s” already belongs to %s"), c->value, kith_records_name_of (self, owner, &name));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_channel (KithStore    *self,
                KithChannel  *c,
                gint64        id,
                int           position,
                GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO channels (record_id, type, value, key, label, "
                                          "preferred, position) VALUES (?, ?, ?, ?, ?, ?, ?)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_text (&st, 2, c->type);
  kith_statement_bind_text (&st, 3, c->value);
  kith_statement_bind_text (&st, 4, c->key);
  kith_statement_bind_text (&st, 5, c->label);
  kith_statement_bind_int64 (&st, 6, c->preferred);
  kith_statement_bind_int64 (&st, 7, position);

  return kith_statement_run (&st, error);
}

static gboolean
write_channels_of_type (KithStore    *self,
                        GPtrArray    *list,
                        const char   *type,
                        gint64        id,
                        gboolean      replace,
                        gboolean     *out_adopted,
                        GError      **error)
{
  int position = 0;

  if (replace && !run_typed (self, "DELETE FROM channels WHERE record_id = ? AND type = '%s'",
                             type, id, NULL, NULL, error))
    return FALSE;
  if (!replace && (position = next_position (self, id, type, error)) < 0)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      KithChannel *c = g_ptr_array_index (list, i);
      gboolean skip;

      if (!skip_channel (self, c, id, replace, &skip, error))
        return FALSE;
      if (skip)
        continue;

      if (!insert_channel (self, c, id, position++, error) ||
          (c->key != NULL && !adopt_timeline (self, id, c->key, out_adopted, error)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_channels (KithStore        *self,
                KithRecordInput  *in,
                gint64            id,
                gboolean          replace,
                gboolean         *out_adopted,
                GError          **error)
{
  for (guint t = 0; t < KITH_N_CHANNEL_TYPES; t++)
    if (in->channels[t] != NULL &&
        !write_channels_of_type (self, in->channels[t], kith_channel_types[t], id, replace,
                                 out_adopted, error))
      return FALSE;

  return TRUE;
}

/* Runs @sql, a statement with @id as its one parameter */
gboolean
kith_records_run_for_id (KithStore   *self,
                         const char  *sql,
                         gint64       id,
                         GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);

  return kith_statement_run (&st, error);
}

/* Binds @a's parts from parameter 2 on, after the record's id */
static void
bind_address (KithStatement *st,
              gint64         id,
              KithAddress   *a)
{
  kith_statement_bind_int64 (st, 1, id);
  kith_statement_bind_text (st, 2, a->street);
  kith_statement_bind_text (st, 3, a->city);
  kith_statement_bind_text (st, 4, a->region);
  kith_statement_bind_text (st, 5, a->country);
  kith_statement_bind_text (st, 6, a->postal_code);
}

static gboolean
has_address (KithStore    *self,
             gint64        id,
             KithAddress  *a,
             gboolean     *out_has,
             GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT 1 FROM addresses WHERE record_id = ? AND street IS ? "
                                          "AND city IS ? AND region IS ? AND country IS ? "
                                          "AND postal_code IS ?", error))
    return FALSE;
  bind_address (&st, id, a);
  *out_has = kith_statement_has_row (&st, NULL);

  return TRUE;
}

static gboolean
insert_address (KithStore    *self,
                gint64        id,
                KithAddress  *a,
                int           position,
                GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO addresses (record_id, street, city, region, "
                                          "country, postal_code, label, latitude, longitude, position) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error))
    return FALSE;
  bind_address (&st, id, a);
  kith_statement_bind_text (&st, 7, a->label);
  if (a->has_position)
    {
      kith_statement_bind_double (&st, 8, a->latitude);
      kith_statement_bind_double (&st, 9, a->longitude);
    }
  kith_statement_bind_int64 (&st, 10, position);

  return kith_statement_run (&st, error);
}

static gboolean
write_addresses (KithStore        *self,
                 KithRecordInput  *in,
                 gint64            id,
                 gboolean          replace,
                 GError          **error)
{
  if (in->addresses == NULL)
    return TRUE;

  if (replace && !kith_records_run_for_id (self, "DELETE FROM addresses WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->addresses->len; i++)
    {
      KithAddress *a = g_ptr_array_index (in->addresses, i);
      gboolean exists = FALSE;

      if (!replace && !has_address (self, id, a, &exists, error))
        return FALSE;
      if (!exists && !insert_address (self, id, a, (int) i, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_app_link (KithStore    *self,
                 gint64        id,
                 KithAppLink  *l,
                 GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO app_links (record_id, app_id, unique_id, "
                                          "app_name, url) VALUES (?, ?, ?, ?, ?) "
                                          "ON CONFLICT (app_id, unique_id) DO UPDATE SET "
                                          "app_name = coalesce(excluded.app_name, app_name), "
                                          "url = coalesce(excluded.url, url)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_text (&st, 2, l->app_id);
  kith_statement_bind_text (&st, 3, l->unique_id);
  kith_statement_bind_text (&st, 4, l->app_name);
  kith_statement_bind_text (&st, 5, l->url);

  return kith_statement_run (&st, error);
}

static gboolean
write_app_links (KithStore        *self,
                 KithRecordInput  *in,
                 gint64            id,
                 gboolean          replace,
                 GError          **error)
{
  if (in->app_links == NULL)
    return TRUE;

  if (replace && !kith_records_run_for_id (self, "DELETE FROM app_links WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->app_links->len; i++)
    {
      KithAppLink *l = g_ptr_array_index (in->app_links, i);
      g_autofree char *key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      gint64 owner = kith_records_find_by_key (self, "applink", key);

      if (owner != 0 && owner != id)
        {
          g_autofree char *name = NULL;

          if (!replace)
            continue;
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                       _("The app link %s already belongs to %s"), key,
                       kith_records_name_of (self, owner, &name));
          return FALSE;
        }

      if (!insert_app_link (self, id, l, error))
        return FALSE;
    }

  return TRUE;
}

/* Runs @sql with @text as its first parameter, and @id as the second unless it is 0 */
static gboolean
run_with_text (KithStore   *self,
               const char  *sql,
               const char  *text,
               gint64       id,
               GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_text (&st, 1, text);
  if (id != 0)
    kith_statement_bind_int64 (&st, 2, id);

  return kith_statement_run (&st, error);
}

/* The id of tag @name, created if need be; 0 with @error set */
static gint64
ensure_tag (KithStore   *self,
            const char  *name,
            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 tag_id;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM tags WHERE name = ?", error))
    return 0;
  kith_statement_bind_text (&st, 1, name);
  if ((tag_id = kith_statement_get_int64 (&st, NULL)) != 0)
    return tag_id;

  if (!run_with_text (self, "INSERT INTO tags (name) VALUES (?)", name, 0, error))
    return 0;

  return kith_statement_last_insert_id (&st);
}

/* Runs @sql with @id and @other as its two parameters */
static gboolean
run_with_ids (KithStore   *self,
              const char  *sql,
              gint64       id,
              gint64       other,
              GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_int64 (&st, 2, other);

  return kith_statement_run (&st, error);
}

static gboolean
write_tags (KithStore        *self,
            KithRecordInput  *in,
            gint64            id,
            gboolean          replace,
            GError          **error)
{
  if (in->tags == NULL)
    return TRUE;

  if (replace && !kith_records_run_for_id (self, "DELETE FROM record_tags WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->tags->len; i++)
    {
      gint64 tag_id = ensure_tag (self, g_ptr_array_index (in->tags, i), error);

      if (tag_id == 0 ||
          !run_with_ids (self, "INSERT OR IGNORE INTO record_tags (record_id, tag_id) VALUES (?, ?)",
                         id, tag_id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_custom_value (KithStore   *self,
                     gint64       id,
                     gint64       field_id,
                     const char  *value,
                     double       num,
                     GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO custom_values (record_id, field_id, value, num) "
                                          "VALUES (?, ?, ?, ?)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_int64 (&st, 2, field_id);
  kith_statement_bind_text (&st, 3, value);
  if (!isnan (num))
    kith_statement_bind_double (&st, 4, num);

  return kith_statement_run (&st, error);
}

static gboolean
write_custom (KithStore        *self,
              KithRecordInput  *in,
              gint64            id,
              gboolean          replace,
              GError          **error)
{
  if (in->custom == NULL)
    return TRUE;

  if (replace && !kith_records_run_for_id (self, "DELETE FROM custom_values WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->custom->len; i++)
    {
      KithCustomInput *cv = g_ptr_array_index (in->custom, i);

      if (!replace &&
          !run_with_ids (self, "DELETE FROM custom_values WHERE record_id = ? AND field_id = ?",
                         id, cv->field_id, error))
        return FALSE;

      for (guint j = 0; j < cv->values->len; j++)
        if (!insert_custom_value (self, id, cv->field_id, g_ptr_array_index (cv->values, j),
                                  g_array_index (cv->nums, double, j), error))
          return FALSE;
    }

  return TRUE;
}

static gboolean
insert_occasion (KithStore     *self,
                 gint64         id,
                 KithOccasion  *o,
                 GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO occasions (record_id, label, date) SELECT ?1, ?2, ?3 "
                                          "WHERE NOT EXISTS (SELECT 1 FROM occasions WHERE record_id = ?1 "
                                          "AND label = ?2 AND date = ?3)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_text (&st, 2, o->label);
  kith_statement_bind_text (&st, 3, o->date);

  return kith_statement_run (&st, error);
}

static gboolean
write_occasions (KithStore        *self,
                 KithRecordInput  *in,
                 gint64            id,
                 gboolean          replace,
                 GError          **error)
{
  if (in->occasions == NULL)
    return TRUE;

  if (replace && !kith_records_run_for_id (self, "DELETE FROM occasions WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->occasions->len; i++)
    if (!insert_occasion (self, id, g_ptr_array_index (in->occasions, i), error))
      return FALSE;

  return TRUE;
}

/* Runs @sql with the deal @id, @member and @role as its parameters */
static gboolean
run_on_member (KithStore   *self,
               const char  *sql,
               gint64       id,
               gint64       member,
               const char  *role,
               GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_int64 (&st, 2, member);
  kith_statement_bind_text (&st, 3, role);

  return kith_statement_run (&st, error);
}

static gboolean
write_members (KithStore   *self,
               GArray      *members,
               const char  *role,
               gint64       id,
               gboolean     replace,
               GError     **error)
{
  if (members == NULL)
    return TRUE;

  if (replace &&
      !run_with_text (self, "DELETE FROM project_members WHERE role = ? AND project_id = ?",
                      role, id, error))
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    if (!run_on_member (self, "INSERT OR IGNORE INTO project_members (project_id, record_id, role) "
                              "VALUES (?, ?, ?)", id, g_array_index (members, gint64, i), role, error))
      return FALSE;

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
