/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include "kith-enums.h"
#include "kith-mail-merge-list.h"
#include "kith-object-util.h"
#include "kith-statement.h"
#include "kith-store-private.h"

/*
 * The mail merges as the Mail Merges page lists them: each one started (a draft is still under
 * review, the merge dialog's), with its recipients counted by state, in one query. Blocking:
 * run them on the store's worker.
 */

static KithMailMerge *
read_merge (KithStatement *st)
{
  KithMergeState state = kith_enum_from_nick (KITH_TYPE_MERGE_STATE, kith_statement_column_text (st, 2));
  gboolean ended = state == KITH_MERGE_FINISHED || state == KITH_MERGE_CANCELLED;

  return g_object_new (KITH_TYPE_MAIL_MERGE,
                       "id", kith_statement_column_int64 (st, 0),
                       "title", kith_statement_column_text (st, 1),
                       "state", state,
                       "created", kith_statement_column_int64 (st, 3),
                       "total", (guint) kith_statement_column_int64 (st, 5),
                       "sent", (guint) kith_statement_column_int64 (st, 6),
                       "failed", (guint) kith_statement_column_int64 (st, 7),
                       "excluded", (guint) kith_statement_column_int64 (st, 8),
                       "pending", (guint) kith_statement_column_int64 (st, 9),
                       "finish", ended ? kith_statement_column_int64 (st, 4) : kith_statement_column_int64 (st, 10),
                       NULL);
}

static GPtrArray *
list_locked (KithStore  *store,
             GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func (g_object_unref);

  if (!kith_statement_prepare (&st, store,
                               "SELECT m.id, t.name, m.state, m.created, m.changed, count (r.position), "
                               "ifnull (sum (r.state = 'sent'), 0), ifnull (sum (r.state = 'failed'), 0), "
                               "ifnull (sum (r.state = 'excluded'), 0), ifnull (sum (r.state IN ('pending','queued')), 0), "
                               "ifnull (max (CASE WHEN r.state IN ('pending','queued') THEN r.send_at END), 0) "
                               "FROM mail_merges m LEFT JOIN templates t ON t.id = m.template_id "
                               "LEFT JOIN mail_merge_recipients r ON r.merge_id = m.id "
                               "WHERE m.state <> 'draft' GROUP BY m.id ORDER BY m.created DESC, m.id DESC", error))
    return NULL;
  while (kith_statement_step (&st, error))
    g_ptr_array_add (merges, read_merge (&st));

  return kith_statement_failed (&st) ? NULL : g_steal_pointer (&merges);
}

/**
 * kith_store_mail_merge_list:
 *
 * The merges that have started (running, paused, cancelled or finished), the newest first,
 * each with its template's name and its recipients counted by state. A merge whose template
 * was deleted has no title.
 *
 * Returns: (transfer full) (element-type KithMailMerge) (nullable): the merges, or %NULL with
 *   @error set
 */
GPtrArray *
kith_store_mail_merge_list (KithStore  *self,
                            GError    **error)
{
  GPtrArray *merges;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  merges = list_locked (self, error);
  kith_store_unlock (self);

  return merges;
}

/**
 * kith_store_mail_merge_failures:
 *
 * The recipients of merge @merge_id the server refused, in order, each with the server's text
 * as its detail.
 *
 * Returns: (transfer full) (element-type KithMergeRecipient) (nullable): the failed
 *   recipients, or %NULL with @error set
 */
GPtrArray *
kith_store_mail_merge_failures (KithStore  *self,
                                gint64      merge_id,
                                GError    **error)
{
  g_autoptr(GPtrArray) all = kith_store_mail_merge_recipients (self, merge_id, 0, G_MAXUINT, FALSE, error);
  GPtrArray *failed;

  if (all == NULL)
    return NULL;

  failed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (kith_merge_recipient_get_state (all->pdata[i]) == KITH_MERGE_RECIPIENT_FAILED)
      g_ptr_array_add (failed, g_object_ref (all->pdata[i]));
  return failed;
}
