/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-deal-store.h"
#include "kith-model-task.h"
#include "kith-record-deals.h"

/* The typed read of the deals a record takes part in, on the store's worker */

static gpointer
list_deals_of_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  return kith_store_read_deals_of (store, *(gint64 *) data, error);
}

/**
 * kith_store_list_deals_of_async:
 * @record_id: a person or company
 *
 * Reads the deals @record_id is a participant of or on the team of.
 */
void
kith_store_list_deals_of_async (KithStore           *self,
                                gint64               record_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_deals_of_job, g_memdup2 (&record_id, sizeof record_id), g_free, g_object_unref,
                  cancellable, kith_store_list_deals_of_async, callback, user_data);
}

/**
 * kith_store_list_deals_of_finish:
 *
 * Returns: (transfer full): a list model of #KithDeal by name, or %NULL with @error set
 */
GListModel *
kith_store_list_deals_of_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_list_deals_of_async, error);
}
