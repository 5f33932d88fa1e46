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
