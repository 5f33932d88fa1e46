/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include "kith-deal.h"
#include "kith-record-deals.h"
#include "kith-record-reader.h"

/* The deals a person or company takes part in: as a participant, or on the deal's team */

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
  return kith_store_read_records_of (self, KITH_TYPE_DEAL,
                                     "SELECT DISTINCT p.id FROM project_members m "
                                     "JOIN records p ON p.id = m.project_id "
                                     "WHERE m.record_id = ? ORDER BY p.name COLLATE NOCASE, p.id",
                                     record_id, error);
}
