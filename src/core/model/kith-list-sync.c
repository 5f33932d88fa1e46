/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A list read again from the store, applied to the list a user sees as the smallest changes:
 * what went is removed, what came is inserted, what moved is moved, and what stayed keeps its
 * object and takes the new values. A row bound to an item that stayed is left alone (its focus,
 * its place on screen), and a view gets items-changed for the rows that changed only: marking a
 * to-do done in the Agenda, or a message in the Inbox, is one row less and nothing else.
 * A list of ids placed again after a change (kith_store_find_again()) gets the same: the runs
 * of kith_id_runs_between().
 */

#define G_LOG_DOMAIN "KithListSync"

#include "config.h"

#include "kith-list-sync.h"

/* Where the item @same as @item is in @model from @from on, or -1. Lists read again mostly keep
 * their order, so the search starts where the item is most likely to be */
static int
model_index_of (GListModel       *model,
                gpointer          item,
                guint             from,
                KithItemSameFunc  same)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = from; i < n; i++)
    {
      g_autoptr(GObject) at = g_list_model_get_item (model, i);

      if (same (at, item))
        return (int) i;
    }

  return -1;
}

static int
array_index_of (GPtrArray        *array,
                gpointer          item,
                guint             hint,
                KithItemSameFunc  same)
{
  for (guint k = 0; k < array->len; k++)
    {
      /* From @hint to the end, then from the start */
      guint i = (hint + k) % array->len;

      if (same (g_ptr_array_index (array, i), item))
        return (int) i;
    }

  return -1;
}

/* Removes the items that are not in @fresh, a run of neighbours at a time */
static void
remove_stale (GListStore       *store,
              GPtrArray        *fresh,
              KithItemSameFunc  same)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint run = 0;

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i - 1);

      if (array_index_of (fresh, item, i - 1 < fresh->len ? i - 1 : 0, same) < 0)
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

/**
 * kith_list_store_sync:
 * @store: a list of objects
 * @fresh: (element-type GObject): the list as it is now
 * @same: whether two items are the same thing (an id, say), whatever their values
 * @update: takes a fresh item's values into the item that stays
 *
 * Makes @store hold @fresh's items with the smallest items-changed: objects that stay are kept
 * and updated, an item that moved is taken out and put back where it now is.
 */
void
kith_list_store_sync (GListStore         *store,
                      GPtrArray          *fresh,
                      KithItemSameFunc    same,
                      KithItemUpdateFunc  update)
{
  g_return_if_fail (G_IS_LIST_STORE (store));

  remove_stale (store, fresh, same);

  for (guint i = 0; i < fresh->len;)
    {
      gpointer item = g_ptr_array_index (fresh, i);
      int at = model_index_of (G_LIST_MODEL (store), item, i, same);
      g_autoptr(GObject) kept = NULL;

      if (at < 0)
        {
          guint start = i;

          /* New items before the next one that stays: one insertion */
          while (i < fresh->len && model_index_of (G_LIST_MODEL (store), g_ptr_array_index (fresh, i), start, same) < 0)
            i++;
          g_list_store_splice (store, start, 0, fresh->pdata + start, i - start);
          continue;
        }
      kept = g_list_model_get_item (G_LIST_MODEL (store), at);
      update (kept, item);
      if (at > (int) i)
        {
          g_list_store_remove (store, at);
          g_list_store_insert (store, i, kept);
        }
      i++;
    }
}

/**
 * kith_list_store_sync_model:
 * @fresh: the list as it is now
 *
 * As kith_list_store_sync(), from a list model.
 */
void
kith_list_store_sync_model (GListStore         *store,
                            GListModel         *fresh,
                            KithItemSameFunc    same,
                            KithItemUpdateFunc  update)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (fresh); i++)
    g_ptr_array_add (items, g_list_model_get_item (fresh, i));
  kith_list_store_sync (store, items, same, update);
}

typedef struct {
  GArray     *runs;
  KithIdRun   open;
  gboolean    is_open;
} Runs;

static void
close_run (Runs *runs)
{
  if (runs->is_open)
    g_array_append_val (runs->runs, runs->open);
  runs->is_open = FALSE;
}

static KithIdRun *
open_run (Runs  *runs,
          guint  position)
{
  if (!runs->is_open)
    {
      runs->open = (KithIdRun) { position, 0, 0 };
      runs->is_open = TRUE;
    }

  return &runs->open;
}

/**
 * kith_id_runs_between:
 * @before: (element-type gint64): the ids a list shows
 * @after: (element-type gint64): the ids it should show: @before with only the ids in
 *   @changed taken out, put back elsewhere or added
 * @changed: (element-type gint64 gint64): a set of ids (g_int64_hash)
 *
 * The smallest items-changed that make @before into @after, when only @changed moved: a
 * record that moved is one removal and one insertion, not the span between its two places.
 *
 * Returns: (transfer full) (element-type KithIdRun) (nullable): the runs in order, each at
 *   its position once those before it are applied; %NULL when ids not in @changed moved too
 */
GArray *
kith_id_runs_between (GArray     *before,
                      GArray     *after,
                      GHashTable *changed)
{
  Runs runs = { g_array_new (FALSE, FALSE, sizeof (KithIdRun)), { 0 }, FALSE };
  guint i = 0, j = 0;

  while (i < before->len || j < after->len)
    {
      gint64 *old = i < before->len ? &g_array_index (before, gint64, i) : NULL;
      gint64 *new = j < after->len ? &g_array_index (after, gint64, j) : NULL;

      if (old != NULL && new != NULL && *old == *new)
        {
          close_run (&runs);
          i++, j++;
        }
      else if (old != NULL && g_hash_table_contains (changed, old))
        {
          open_run (&runs, j)->removed++;
          i++;
        }
      else if (new != NULL && g_hash_table_contains (changed, new))
        {
          open_run (&runs, j)->added++;
          j++;
        }
      else
        {
          g_array_unref (runs.runs);
          return NULL;
        }
    }
  close_run (&runs);

  return runs.runs;
}

/* The indexes in @values of a longest increasing subsequence of it, as a set */
static GHashTable *
longest_increasing (GArray *values)
{
  g_autofree guint *tails = g_new (guint, values->len + 1);  /* index of the smallest tail per length */
  g_autofree guint *previous = g_new (guint, values->len + 1);
  GHashTable *kept = g_hash_table_new (NULL, NULL);
  guint length = 0;

  for (guint i = 0; i < values->len; i++)
    {
      guint value = g_array_index (values, guint, i);
      guint low = 0, high = length;

      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (g_array_index (values, guint, tails[middle]) < value)
            low = middle + 1;
          else
            high = middle;
        }
      previous[i] = low > 0 ? tails[low - 1] : G_MAXUINT;
      tails[low] = i;
      length = MAX (length, low + 1);
    }

  for (guint i = length > 0 ? tails[length - 1] : G_MAXUINT; i != G_MAXUINT; i = previous[i])
    g_hash_table_add (kept, GUINT_TO_POINTER (i));

  return kept;
}

/**
 * kith_id_runs_diff:
 * @before: (element-type gint64): the ids a list shows
 * @after: (element-type gint64): the ids it should show, in any order
 *
 * As kith_id_runs_between(), for any two lists: the most ids that keep their order stay, and
 * the others are what moved, came or went.
 *
 * Returns: (transfer full) (element-type KithIdRun): the runs in order
 */
GArray *
kith_id_runs_diff (GArray *before,
                   GArray *after)
{
  g_autoptr(GHashTable) where = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) places = g_array_sized_new (FALSE, FALSE, sizeof (guint), after->len);
  g_autoptr(GArray) found_at = g_array_sized_new (FALSE, FALSE, sizeof (guint), after->len);
  g_autoptr(GHashTable) kept = NULL;

  for (guint i = 0; i < before->len; i++)
    g_hash_table_insert (where, &g_array_index (before, gint64, i), GUINT_TO_POINTER (i + 1));

  /* Where each id still listed was, in the order it has now */
  for (guint j = 0; j < after->len; j++)
    {
      guint was = GPOINTER_TO_UINT (g_hash_table_lookup (where, &g_array_index (after, gint64, j)));

      if (was == 0)
        g_hash_table_add (changed, &g_array_index (after, gint64, j));
      else
        {
          g_array_append_val (places, was);
          g_array_append_val (found_at, j);
        }
    }

  /* What is not in the longest run of kept order moved; what is no longer listed went */
  kept = longest_increasing (places);
  for (guint k = 0; k < places->len; k++)
    if (!g_hash_table_contains (kept, GUINT_TO_POINTER (k)))
      g_hash_table_add (changed, &g_array_index (after, gint64, g_array_index (found_at, guint, k)));
  g_hash_table_remove_all (where);
  for (guint j = 0; j < after->len; j++)
    g_hash_table_add (where, &g_array_index (after, gint64, j));
  for (guint i = 0; i < before->len; i++)
    if (!g_hash_table_contains (where, &g_array_index (before, gint64, i)))
      g_hash_table_add (changed, &g_array_index (before, gint64, i));

  return kith_id_runs_between (before, after, changed);
}
