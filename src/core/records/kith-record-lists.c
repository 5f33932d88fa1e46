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

/* Binds item @i of a list being written to @st, after the record's id (and @text when given) */
typedef void (*BindItemFunc) (KithStatement  *st,
                              gconstpointer   list,
                              guint           i);

/* A list about to replace record @id's: what counts the record's rows (parameters: the id,
 * and the text when given), and what finds item @i among them, in its place */
typedef struct {
  const char   *count_sql;
  const char   *item_sql;
  BindItemFunc  bind_item;
} ListCheck;

static gboolean
has_item (KithStore        *self,
          gint64            id,
          const char       *text,
          const ListCheck  *check,
          gconstpointer     list,
          guint             i,
          gboolean         *out_has,
          GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, check->item_sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_text (&st, 2, text);
  check->bind_item (&st, list, i);
  *out_has = kith_statement_has_row (&st, NULL);

  return TRUE;
}

/* Whether record @id holds exactly the @n items of @list, in their places: then a write that
 * replaces its list with @list would change nothing and is skipped. */
static gboolean
list_is_stored (KithStore        *self,
                gint64            id,
                const char       *text,
                const ListCheck  *check,
                gconstpointer     list,
                guint             n,
                gboolean         *out_same,
                GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  *out_same = FALSE;
  if (!kith_statement_prepare (&st, self, check->count_sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  if (text != NULL)
    kith_statement_bind_text (&st, 2, text);
  if (kith_statement_get_int64 (&st, NULL) != n)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      if (!has_item (self, id, text, check, list, i, out_same, error))
        return FALSE;
      if (!*out_same)
        return TRUE;
    }

  *out_same = TRUE;
  return TRUE;
}

/* Before @list replaces record @id's: whether it holds @list already (then nothing is written),
 * else its rows deleted by @delete_sql */
static gboolean
clear_unless_stored (KithStore        *self,
                     gint64            id,
                     const ListCheck  *check,
                     const char       *delete_sql,
                     GPtrArray        *list,
                     gboolean         *out_same,
                     GError          **error)
{
  return list_is_stored (self, id, NULL, check, list, list->len, out_same, error) &&
         (*out_same || kith_records_run_for_id (self, delete_sql, id, error));
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

static void
bind_channel (KithStatement  *st,
              gconstpointer   list,
              guint           i)
{
  KithChannel *c = g_ptr_array_index ((GPtrArray *) list, i);

  kith_statement_bind_int64 (st, 3, i);
  kith_statement_bind_text (st, 4, c->value);
  kith_statement_bind_text (st, 5, c->key);
  kith_statement_bind_text (st, 6, c->label);
  kith_statement_bind_int64 (st, 7, c->preferred);
}

static const ListCheck channels_check = {
  "SELECT count(*) FROM channels WHERE record_id = ? AND type = ?",
  "SELECT 1 FROM channels WHERE record_id = ? AND type = ? AND position = ? AND value = ? "
  "AND key IS ? AND label IS ? AND preferred = ?",
  bind_channel,
};

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
  gboolean same = FALSE;

  if (replace && !list_is_stored (self, id, type, &channels_check, list, list->len, &same, error))
    return FALSE;
  if (same)
    return TRUE;
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

static void
bind_address_at (KithStatement  *st,
                 gconstpointer   list,
                 guint           i)
{
  KithAddress *a = g_ptr_array_index ((GPtrArray *) list, i);

  kith_statement_bind_text (st, 2, a->street);
  kith_statement_bind_text (st, 3, a->city);
  kith_statement_bind_text (st, 4, a->region);
  kith_statement_bind_text (st, 5, a->country);
  kith_statement_bind_text (st, 6, a->postal_code);
  kith_statement_bind_text (st, 7, a->label);
  if (a->has_position)
    {
      kith_statement_bind_double (st, 8, a->latitude);
      kith_statement_bind_double (st, 9, a->longitude);
    }
  kith_statement_bind_int64 (st, 10, i);
}

static const ListCheck addresses_check = {
  "SELECT count(*) FROM addresses WHERE record_id = ?",
  "SELECT 1 FROM addresses WHERE record_id = ?1 AND street IS ?2 AND city IS ?3 AND region IS ?4 "
  "AND country IS ?5 AND postal_code IS ?6 AND label IS ?7 AND latitude IS ?8 AND longitude IS ?9 "
  "AND position = ?10",
  bind_address_at,
};

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
  gboolean same = FALSE;

  if (in->addresses == NULL)
    return TRUE;

  if (replace && !clear_unless_stored (self, id, &addresses_check, "DELETE FROM addresses WHERE record_id = ?",
                                       in->addresses, &same, error))
    return FALSE;
  if (same)
    return TRUE;

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
                                          "url = coalesce(excluded.url, url) "
                                          "WHERE app_name IS NOT coalesce(excluded.app_name, app_name) "
                                          "OR url IS NOT coalesce(excluded.url, url)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_text (&st, 2, l->app_id);
  kith_statement_bind_text (&st, 3, l->unique_id);
  kith_statement_bind_text (&st, 4, l->app_name);
  kith_statement_bind_text (&st, 5, l->url);

  return kith_statement_run (&st, error);
}

static void
bind_app_link (KithStatement  *st,
               gconstpointer   list,
               guint           i)
{
  KithAppLink *l = g_ptr_array_index ((GPtrArray *) list, i);

  kith_statement_bind_text (st, 2, l->app_id);
  kith_statement_bind_text (st, 3, l->unique_id);
  kith_statement_bind_text (st, 4, l->app_name);
  kith_statement_bind_text (st, 5, l->url);
}

static const ListCheck app_links_check = {
  "SELECT count(*) FROM app_links WHERE record_id = ?",
  "SELECT 1 FROM app_links WHERE record_id = ?1 AND app_id = ?2 AND unique_id = ?3 "
  "AND app_name IS ?4 AND url IS ?5",
  bind_app_link,
};

static gboolean
write_app_links (KithStore        *self,
                 KithRecordInput  *in,
                 gint64            id,
                 gboolean          replace,
                 GError          **error)
{
  gboolean same = FALSE;

  if (in->app_links == NULL)
    return TRUE;

  if (replace && !clear_unless_stored (self, id, &app_links_check, "DELETE FROM app_links WHERE record_id = ?",
                                       in->app_links, &same, error))
    return FALSE;
  if (same)
    return TRUE;

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

static void
bind_tag (KithStatement  *st,
          gconstpointer   list,
          guint           i)
{
  kith_statement_bind_text (st, 2, g_ptr_array_index ((GPtrArray *) list, i));
}

static const ListCheck tags_check = {
  "SELECT count(*) FROM record_tags WHERE record_id = ?",
  "SELECT 1 FROM record_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = ?1 AND t.name = ?2",
  bind_tag,
};

static gboolean
write_tags (KithStore        *self,
            KithRecordInput  *in,
            gint64            id,
            gboolean          replace,
            GError          **error)
{
  gboolean same = FALSE;

  if (in->tags == NULL)
    return TRUE;

  if (replace && !clear_unless_stored (self, id, &tags_check, "DELETE FROM record_tags WHERE record_id = ?",
                                       in->tags, &same, error))
    return FALSE;
  if (same)
    return TRUE;

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

/* Whether record @id holds exactly the values of @cv, in order */
static gboolean
custom_is_stored (KithStore        *self,
                  gint64            id,
                  KithCustomInput  *cv,
                  gboolean         *out_same,
                  GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  guint n = 0;

  *out_same = FALSE;
  if (!kith_statement_prepare (&st, self, "SELECT value FROM custom_values WHERE record_id = ? "
                                          "AND field_id = ? ORDER BY rowid", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_int64 (&st, 2, cv->field_id);
  while (kith_statement_step (&st, error))
    if (n >= cv->values->len ||
        g_strcmp0 (kith_statement_column_text (&st, 0), g_ptr_array_index (cv->values, n++)) != 0)
      return TRUE;

  *out_same = n == cv->values->len;
  return !kith_statement_failed (&st);
}

/* Whether record @id holds the custom values of @in and no others */
static gboolean
all_custom_stored (KithStore        *self,
                   KithRecordInput  *in,
                   gint64            id,
                   gboolean         *out_same,
                   GError          **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  guint n_fields = 0;

  *out_same = FALSE;
  for (guint i = 0; i < in->custom->len; i++)
    if (((KithCustomInput *) g_ptr_array_index (in->custom, i))->values->len > 0)
      n_fields++;

  if (!kith_statement_prepare (&st, self, "SELECT count(DISTINCT field_id) FROM custom_values "
                                          "WHERE record_id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  if (kith_statement_get_int64 (&st, NULL) != n_fields)
    return TRUE;

  for (guint i = 0; i < in->custom->len; i++)
    {
      if (!custom_is_stored (self, id, g_ptr_array_index (in->custom, i), out_same, error))
        return FALSE;
      if (!*out_same)
        return TRUE;
    }

  return TRUE;
}

static gboolean
write_custom (KithStore        *self,
              KithRecordInput  *in,
              gint64            id,
              gboolean          replace,
              GError          **error)
{
  gboolean same = FALSE;

  if (in->custom == NULL)
    return TRUE;

  if (replace && !all_custom_stored (self, in, id, &same, error))
    return FALSE;
  if (same)
    return TRUE;
  if (replace && !kith_records_run_for_id (self, "DELETE FROM custom_values WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->custom->len; i++)
    {
      KithCustomInput *cv = g_ptr_array_index (in->custom, i);

      if (!replace && !custom_is_stored (self, id, cv, &same, error))
        return FALSE;
      if (!replace && same)
        continue;
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

static void
bind_occasion (KithStatement  *st,
               gconstpointer   list,
               guint           i)
{
  KithOccasion *o = g_ptr_array_index ((GPtrArray *) list, i);

  kith_statement_bind_text (st, 2, o->label);
  kith_statement_bind_text (st, 3, o->date);
}

static const ListCheck occasions_check = {
  "SELECT count(*) FROM occasions WHERE record_id = ?",
  "SELECT 1 FROM occasions WHERE record_id = ?1 AND label = ?2 AND date = ?3",
  bind_occasion,
};

static gboolean
write_occasions (KithStore        *self,
                 KithRecordInput  *in,
                 gint64            id,
                 gboolean          replace,
                 GError          **error)
{
  gboolean same = FALSE;

  if (in->occasions == NULL)
    return TRUE;

  if (replace && !clear_unless_stored (self, id, &occasions_check, "DELETE FROM occasions WHERE record_id = ?",
                                       in->occasions, &same, error))
    return FALSE;
  if (same)
    return TRUE;

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

static void
bind_member (KithStatement  *st,
             gconstpointer   list,
             guint           i)
{
  kith_statement_bind_int64 (st, 3, g_array_index ((GArray *) list, gint64, i));
}

static const ListCheck members_check = {
  "SELECT count(*) FROM project_members WHERE project_id = ? AND role = ?",
  "SELECT 1 FROM project_members WHERE project_id = ?1 AND role = ?2 AND record_id = ?3",
  bind_member,
};

static gboolean
write_members (KithStore   *self,
               GArray      *members,
               const char  *role,
               gint64       id,
               gboolean     replace,
               GError     **error)
{
  gboolean same = FALSE;

  if (members == NULL)
    return TRUE;

  if (replace && !list_is_stored (self, id, role, &members_check, members, members->len, &same, error))
    return FALSE;
  if (same)
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
