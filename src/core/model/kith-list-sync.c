/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A list read again from the store, applied to the list a user sees as the smallest changes:
 * what went is removed, what came is inserted, what stayed keeps its object and takes the new
 * values. A row bound to an item that stayed is left alone (its focus, its place on screen),
 * and a view gets items-changed for the rows that changed only.
 */

#define G_LOG_DOMAIN "KithListSync"

#include "config.h"

#include "kith-list-sync.h"

static gint64
id_at (GListModel     *model,
       guint           position,
       KithItemIdFunc  id_of)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  return id_of (item);
}

/* Removes the items whose ids are not in @wanted, a run of neighbours at a time */
static void
remove_stale (GListStore     *store,
              GHashTable     *wanted,
              KithItemIdFunc  id_of)
{
  guint run = 0;

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (store)); i > 0; i--)
    {
      gint64 id = id_at (G_LIST_MODEL (store), i - 1, id_of);

      if (!g_hash_table_contains (wanted, &id))
        {
          run++;
          continue;
        }
      if (run > 0)
        g_list_store_splice (store, i, run, NULL, 0);
      run = 0;
    }
  if (run > 0)
    g_list_store_splice (store, 0, run, NULL, 0);
}

/* Whether the items left in @store come in @fresh's order */
static gboolean
same_order (GListStore     *store,
            GPtrArray      *fresh,
            KithItemIdFunc  id_of)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint j = 0;

  for (guint i = 0; i < fresh->len && j < n; i++)
    if (id_of (g_ptr_array_index (fresh, i)) == id_at (G_LIST_MODEL (store), j, id_of))
      j++;

  return j == n;
}

/**
 * kith_list_store_sync:
 * @store: a list of objects with ids, in @fresh's order
 * @fresh: (element-type GObject): the list as it is now
 * @update: takes a fresh item's values into the item that stays
 *
 * Makes @store hold @fresh's items with the smallest items-changed: objects that stay are
 * kept and updated; should the order of those that stay have changed, everything is replaced.
 */
void
kith_list_store_sync (GListStore         *store,
                      GPtrArray          *fresh,
                      KithItemIdFunc      id_of,
                      KithItemUpdateFunc  update)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n, j = 0;

  for (guint i = 0; i < fresh->len; i++)
    {
      gint64 id = id_of (g_ptr_array_index (fresh, i));

      g_hash_table_add (wanted, g_memdup2 (&id, sizeof id));
    }

  remove_stale (store, wanted, id_of);
  if (!same_order (store, fresh, id_of))
    {
      g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), fresh->pdata, fresh->len);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < fresh->len;)
    {
      guint start = i;

      if (j < n && id_of (g_ptr_array_index (fresh, i)) == id_at (G_LIST_MODEL (store), j, id_of))
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), j);

          update (item, g_ptr_array_index (fresh, i));
          i++, j++;
          continue;
        }

      /* New items before the next one that stays: one insertion */
      while (i < fresh->len &&
             (j >= n || id_of (g_ptr_array_index (fresh, i)) != id_at (G_LIST_MODEL (store), j, id_of)))
        i++;
      g_list_store_splice (store, j, 0, fresh->pdata + start, i - start);
      j += i - start;
      n += i - start;
    }
}
