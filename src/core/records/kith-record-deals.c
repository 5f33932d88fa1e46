/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include "kith-deal.h"
#include "kith-record-deals.h"
#include "kith-record-reader.h"
#include "kith-statement.h"

/* The deals a person or company takes part in: as a participant, or on the deal's team */

static GArray *
read_deal_ids (KithStore  *self,
               gint64      record_id,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!kith_statement_prepare (&st, self, "SELECT DISTINCT p.id FROM project_members m "
                                          "JOIN records p ON p.id = m.project_id "
                                          "WHERE m.record_id = ? ORDER BY p.name COLLATE NOCASE, p.id", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);
  while (kith_statement_step (&st, error))
    {
      gint64 id = kith_statement_column_int64 (&st, 0);

      g_array_append_val (ids, id);
    }
  if (kith_statement_failed (&st))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * kith_store_read_deals_of:
 * @record_id: a person or company
 *
 * Returns: (transfer full): a list model of the #KithDeal @record_id takes part in, by name, or
 *   %NULL with @error set
 */
GListModel *
kith_store_read_deals_of (KithStore  *self,
                          gint64      record_id,
                          GError    **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GListStore) deals = g_list_store_new (KITH_TYPE_DEAL);

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  ids = kith_store_flush_pending (self, error) ? read_deal_ids (self, record_id, error) : NULL;
  kith_store_unlock (self);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) gone = NULL;
      g_autoptr(KithRecord) deal = kith_store_read_record (self, g_array_index (ids, gint64, i), &gone);

      /* A deal deleted meanwhile is no longer one of them */
      if (deal != NULL)
        g_list_store_append (deals, deal);
    }

  return G_LIST_MODEL (g_steal_pointer (&deals));
}
