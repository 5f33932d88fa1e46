/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Walking everything a store holds, for the files that export it all (JSON, iCalendar): every
 * record of a kind in the order they were made, and every timeline item once.
 */

#include "config.h"

#include "kith-json-items.h"

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * kith_json_all_ids:
 *
 * Returns: (transfer full): the ids of every record of @kind, ascending: the order they were
 *   made in; %NULL with @error set
 */
GArray *
kith_json_all_ids (KithStore       *store,
                   KithRecordKind   kind,
                   GError         **error)
{
  GArray *ids = kith_store_find (store, kind, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT,
                                 NULL, error);

  if (ids != NULL)
    g_array_sort (ids, compare_ids);
  return ids;
}

static gboolean
each_item_of (KithStore     *store,
              gint64         record,
              GHashTable    *seen,
              KithItemFunc   func,
              gpointer       user_data,
              GError       **error)
{
  g_autoptr(GPtrArray) items = kith_store_get_timeline (store, record, 0, G_MAXUINT, error);

  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      KithTimelineItem *item = g_ptr_array_index (items, i);
      gint64 id = kith_timeline_item_get_id (item);

      if (g_hash_table_contains (seen, &id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      if (!func (item, user_data, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kith_json_each_item:
 *
 * Calls @func for every timeline item that names a record, once (a company's timeline holds
 * its people's items too), by record. Items that name no record (mail from strangers) are not
 * walked.
 */
gboolean
kith_json_each_item (KithStore     *store,
                     KithItemFunc   func,
                     gpointer       user_data,
                     GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    {
      g_autoptr(GArray) ids = kith_json_all_ids (store, kind, error);

      if (ids == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        if (!each_item_of (store, g_array_index (ids, gint64, i), seen, func, user_data, error))
          return FALSE;
    }

  return TRUE;
}
