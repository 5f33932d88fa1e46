/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-query.h"
#include "kith-statement.h"
#include "kith-synckey.h"
#include "kith-view.h"
#include "kith-views.h"

static GListModel *
read_views (KithStore  *self,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GListStore *views;

  if (!kith_statement_prepare (&st, self, "SELECT id, name, kind, query FROM views "
                                          "ORDER BY position, id", error))
    return NULL;

  views = g_list_store_new (KITH_TYPE_VIEW);
  while (kith_statement_step (&st, NULL))
    {
      g_autoptr(KithView) view = kith_view_new (kith_statement_column_int64 (&st, 0),
                                                kith_statement_column_text (&st, 1),
                                                (KithRecordKind) kith_statement_column_int64 (&st, 2),
                                                kith_statement_column_text (&st, 3));

      g_list_store_append (views, view);
    }

  return G_LIST_MODEL (views);
}

/**
 * kith_store_list_views:
 *
 * Returns: (transfer full) (nullable): a list model of the saved #KithView<!-- -->s, in order
 */
GListModel *
kith_store_list_views (KithStore  *self,
                       GError    **error)
{
  GListModel *views;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  views = read_views (self, error);
  kith_store_unlock (self);

  return views;
}

static gboolean
check_view_name (const char  *name,
                 GError     **error)
{
  if (name == NULL || !kith_validate_text (_("view name"), name, 256, error))
    {
      if (name == NULL)
        g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID, _("A view needs a name"));
      return FALSE;
    }
  if (*name == '\0')
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID, _("A view needs a name"));
      return FALSE;
    }

  return TRUE;
}

static gint64
insert_view (KithStore       *self,
             const char      *name,
             KithRecordKind   kind,
             const char      *query,
             GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO views (name, kind, query, position) "
                                          "VALUES (?, ?, ?, (SELECT count(*) FROM views))", error))
    return 0;
  kith_statement_bind_text (&st, 1, name);
  kith_statement_bind_int64 (&st, 2, kind);
  kith_statement_bind_text (&st, 3, query);
  if (!kith_statement_run (&st, error))
    return 0;

  return kith_statement_last_insert_id (&st);
}

/**
 * kith_store_save_view:
 * @query: a query in the query language; it is checked before it is saved
 *
 * Returns: the view's id, or 0 with @error set
 */
gint64
kith_store_save_view (KithStore       *self,
                      const char      *name,
                      KithRecordKind   kind,
                      const char      *query,
                      GError         **error)
{
  g_autoptr(KithQuery) parsed = NULL;
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (!check_view_name (name, error) || (parsed = kith_query_parse (query, error)) == NULL)
    return 0;

  kith_store_lock (self);
  id = insert_view (self, name, kind, query, error);
  kith_store_unlock (self);

  return id;
}

/* Runs @sql on view @view_id, bound last, after @name when there is one; a view that is not
 * there is an error when @must_exist */
static gboolean
change_view (KithStore   *self,
             const char  *sql,
             gint64       view_id,
             const char  *name,
             gboolean     must_exist,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  int index = 1;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  if (name != NULL)
    kith_statement_bind_text (&st, index++, name);
  kith_statement_bind_int64 (&st, index, view_id);
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (must_exist && kith_statement_changes (&st) == 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no view #%" G_GINT64_FORMAT), view_id);
      return FALSE;
    }

  return TRUE;
}

gboolean
kith_store_rename_view (KithStore   *self,
                        gint64       view_id,
                        const char  *name,
                        GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (!check_view_name (name, error))
    return FALSE;

  kith_store_lock (self);
  ok = change_view (self, "UPDATE views SET name = ? WHERE id = ?", view_id, name, TRUE, error);
  kith_store_unlock (self);

  return ok;
}

gboolean
kith_store_delete_view (KithStore   *self,
                        gint64       view_id,
                        GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  ok = change_view (self, "DELETE FROM views WHERE id = ?", view_id, NULL, FALSE, error);
  kith_store_unlock (self);

  return ok;
}
