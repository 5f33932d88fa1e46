/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFields"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-statement.h"
#include "kith-synckey.h"
#include "kith-tags.h"

/* Tags (keywords): listing, renaming and deleting them across records */

static GListModel *
read_tags (KithStore  *self,
           GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GListStore *tags;

  if (!kith_statement_prepare (&st, self, "SELECT t.name, (SELECT count(*) FROM record_tags "
                                          "WHERE tag_id = t.id) FROM tags t ORDER BY t.name COLLATE NOCASE",
                               error))
    return NULL;

  tags = g_list_store_new (KITH_TYPE_TAG);
  while (kith_statement_step (&st, NULL))
    {
      g_autoptr(KithTag) tag = kith_tag_new (kith_statement_column_text (&st, 0),
                                             (guint) kith_statement_column_int64 (&st, 1));

      g_list_store_append (tags, tag);
    }

  return G_LIST_MODEL (tags);
}

/**
 * kith_tags_list:
 *
 * Returns: (transfer full): a list model of every #KithTag, by name
 */
GListModel *
kith_tags_list (KithStore  *self,
                GError    **error)
{
  GListModel *tags;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  tags = read_tags (self, error);
  kith_store_unlock (self);

  return tags;
}

/* Tags show on every kind of record */
static void
mark_all_changed (KithStore *self)
{
  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  kith_store_mark_changed (self, KITH_RECORD_COMPANY);
  kith_store_mark_changed (self, KITH_RECORD_PROJECT);
}

/* Runs @sql with @name and @other as its two parameters */
static gboolean
run_on_tag (KithStore   *self,
            const char  *sql,
            const char  *name,
            const char  *other,
            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_text (&st, 1, name);
  if (other != NULL)
    kith_statement_bind_text (&st, 2, other);
  if (!kith_statement_run (&st, error))
    return FALSE;

  return other != NULL || kith_statement_changes (&st) > 0 ||
         kith_invalid (error, _("There is no tag “%s”"), name);
}

static gboolean
rename_tag (KithStore   *self,
            const char  *from,
            const char  *to,
            GError     **error)
{
  static const char *steps[] = {
    "INSERT OR IGNORE INTO tags (name) VALUES (?2)",
    "INSERT OR IGNORE INTO record_tags (record_id, tag_id) "
    "  SELECT rt.record_id, (SELECT id FROM tags WHERE name = ?2) FROM record_tags rt "
    "  JOIN tags t ON t.id = rt.tag_id WHERE t.name = ?1",
    "DELETE FROM tags WHERE name = ?1 AND id != (SELECT id FROM tags WHERE name = ?2)",
    /* a change of case only */
    "UPDATE tags SET name = ?2 WHERE name = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!run_on_tag (self, steps[i], from, to, error))
      return FALSE;

  mark_all_changed (self);
  return TRUE;
}

/**
 * kith_tags_rename:
 *
 * Renames a tag; renaming onto an existing tag merges the two.
 */
gboolean
kith_tags_rename (KithStore   *self,
                  const char  *from,
                  const char  *to,
                  GError     **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (to == NULL || !kith_validate_text (_("tag"), to, 256, error))
    return FALSE;
  target = g_strstrip (kith_text_strip_controls (to, FALSE));
  if (*target == '\0')
    return kith_invalid (error, _("A tag needs a name"));

  if (!kith_store_begin (self, error))
    return FALSE;
  if (!rename_tag (self, from, target, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

gboolean
kith_tags_delete (KithStore   *self,
                  const char  *name,
                  GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  ok = run_on_tag (self, "DELETE FROM tags WHERE name = ?", name, NULL, error);
  if (ok)
    mark_all_changed (self);
  kith_store_unlock (self);

  return ok;
}

/* Whether two tags are the same: the store's tags are told apart without case */
static gboolean
same_tag (const char *a,
          const char *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, -1);
  g_autofree char *folded_b = g_utf8_casefold (b, -1);

  return g_str_equal (folded_a, folded_b);
}

static gboolean
has_tag (char       **keywords,
         const char  *tag)
{
  for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
    if (same_tag (keywords[i], tag))
      return TRUE;
  return FALSE;
}

/* Adds @tag to record @id's tags, or takes it away; *@out_changed says whether it did */
static gboolean
retag_record (KithStore   *self,
              gint64       id,
              const char  *tag,
              gboolean     add,
              gboolean    *out_changed,
              GError     **error)
{
  g_autoptr(KithRecordValues) values = kith_store_read_record_values (self, id, NULL, error);
  g_autoptr(GStrvBuilder) keywords = g_strv_builder_new ();
  char **now;

  if (values == NULL)
    return FALSE;
  now = values->fields[KITH_FIELD_KEYWORDS].set ? values->fields[KITH_FIELD_KEYWORDS].strv : NULL;
  *out_changed = add != has_tag (now, tag);
  if (!*out_changed)
    return TRUE;

  for (guint i = 0; now != NULL && now[i] != NULL; i++)
    if (add || !same_tag (now[i], tag))
      g_strv_builder_add (keywords, now[i]);
  if (add)
    g_strv_builder_add (keywords, tag);
  kith_record_values_take_strv (values, KITH_FIELD_KEYWORDS, g_strv_builder_end (keywords));

  return kith_store_update_record_from_values (self, id, values, KITH_FIELD_BIT (KITH_FIELD_KEYWORDS), error);
}

/**
 * kith_tags_apply:
 * @ids: (array length=n_ids): the records
 * @tag: the tag's name
 * @add: %TRUE to add @tag to each record, %FALSE to take it away
 *
 * Tags several records at once, or untags them, through the record writer (so each change is
 * in the records' audit log and search), all or none.
 *
 * Returns: (transfer full) (element-type gint64): the records that changed (those that had not
 *   the tag, or had it), for an undo; %NULL with @error set
 */
GArray *
kith_tags_apply (KithStore     *self,
                 const gint64  *ids,
                 guint          n_ids,
                 const char    *tag,
                 gboolean       add,
                 GError       **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *name = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (tag == NULL || !kith_validate_text (_("tag"), tag, 256, error))
    return NULL;
  name = g_strstrip (kith_text_strip_controls (tag, FALSE));
  if (*name == '\0')
    {
      kith_invalid (error, _("A tag needs a name"));
      return NULL;
    }

  if (!kith_store_begin (self, error))
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      gboolean did = FALSE;

      if (!retag_record (self, ids[i], name, add, &did, error))
        {
          kith_store_rollback (self);
          return NULL;
        }
      if (did)
        g_array_append_val (changed, ids[i]);
    }

  return kith_store_commit (self, error) ? g_steal_pointer (&changed) : NULL;
}
