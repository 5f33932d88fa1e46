/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecordListModel"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-list-sync.h"
#include "kith-record-item.h"
#include "kith-record-list-model.h"
#include "kith-segment.h"

/*
 * A list of records that holds the ids of what matched and nothing more: rows are read from
 * the store a page at a time when the list view asks for them, and at most MAX_CACHED rows are
 * kept. A search over 100,000 people costs an array of 100,000 integers, not 100,000 objects.
 *
 * The main loop never waits for SQLite (DESIGN.md): get_item() answers at once with an item
 * that knows only its id, and the page it is on is read by a job on the store's worker; the
 * answer fills the items in by id, and rows follow their notify signals. Items are filled by
 * id, not position, so an answer that arrives after the list moved still lands where it should.
 * A new list comes with its first rows already read (kith_record_list_model_read_first_rows()),
 * so its first frame shows them filled in.
 *
 * After a change that names the records it wrote, the list is not searched again: only those
 * records are placed again (kith_record_list_model_place_again_async()), and what moved is
 * one removal and one insertion. A capture batch that changes when a few people were last in
 * touch, with the list sorted by it, costs a lookup per person, not a sort of 100,000.
 */

#define PAGE_SIZE  64
#define MAX_CACHED 512
/* What a new list reads with its search: the rows GTK 4.8's list view makes at once (it makes
 * 200 whatever the window's height), so none is bound blank and filled in a frame later */
#define FIRST_ROWS 200
/* Placing records again makes at most this many items-changed, each of which has GTK update
 * the rows it made; more, and one span changes, through which GTK looks for the rows it
 * follows (the one scrolled to, the focus) by asking for every item in it */
#define MAX_RUNS 64
/* Records waiting to be placed again, while newer changes keep coming before the placing of
 * older ones answered; more, and searching again costs less */
#define MAX_PLACING 1000

struct _KithRecordListModel
{
  GObject       parent_instance;

  KithStore    *store;
  GArray       *ids;          /* gint64 */
  KithGroup     group;
  GHashTable   *cache;        /* position → KithRecordItem */
  GQueue       *lru;          /* positions, oldest first */
  GHashTable   *loading;      /* first positions of the pages asked for and not yet answered */
  guint         load_id;      /* reads the pages of the items made since, once idle */
  GHashTable   *stage_names;  /* "segment:stage" and ":stage" → name */
  GHashTable   *segment_names;
  GHashTable   *segment_kinds;  /* segment → "people" or "projects", what it applies to */
  GHashTable   *stage_headings; /* "people:stage" → every name the stage has there */
  GCancellable *cancellable;
  /* Bumped whenever the ids are replaced: a placing begun before comes too late */
  guint         generation;
  /* The records of the placing on its way, and which one it is: a newer one covers them too */
  GHashTable   *placing;
  gboolean      placing_all;   /* and any other record too */
  guint         placing_serial;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithRecordListModel, kith_record_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static const char *
stage_label (KithRecordListModel *self,
             KithRecordRow       *row)
{
  g_autofree char *key = NULL;
  const char *name;

  if (row == NULL || row->stage == NULL)
    return NULL;

  key = g_strdup_printf ("%s:%s", row->segment ? row->segment : "", row->stage);
  if ((name = g_hash_table_lookup (self->stage_names, key)) != NULL)
    return name;
  g_free (key);
  key = g_strdup_printf (":%s", row->stage);
  if ((name = g_hash_table_lookup (self->stage_names, key)) != NULL)
    return name;

  return row->stage;
}

/* The search groups by the stage's key, whatever segment a row is in (see
 * kith_query_append_order()): one heading per key, naming the stage as every segment does
 * ("Inactive / Closed" when Buyers call it Closed), so that a name never heads two groups */
static const char *
stage_heading (KithRecordListModel *self,
               KithRecordRow       *row)
{
  const char *applies_to = row->segment != NULL ? g_hash_table_lookup (self->segment_kinds, row->segment) : NULL;
  g_autofree char *key = NULL;
  const char *heading;

  if (row->stage == NULL)
    return _("No stage");

  key = g_strdup_printf ("%s:%s", applies_to != NULL ? applies_to : "people", row->stage);
  heading = g_hash_table_lookup (self->stage_headings, key);
  if (heading != NULL)
    return heading;

  return stage_label (self, row);
}

/* Adds @name to the heading of @stage_key among @applies_to's segments, once */
static void
add_stage_heading (KithRecordListModel *self,
                   const char          *applies_to,
                   const char          *stage_key,
                   const char          *name)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", applies_to, stage_key);
  const char *heading = g_hash_table_lookup (self->stage_headings, key);
  g_auto(GStrv) names = NULL;

  if (heading == NULL)
    {
      g_hash_table_insert (self->stage_headings, g_steal_pointer (&key), g_strdup (name));
      return;
    }

  /* Translators: joins the names a stage has in different segments, as in "Inactive / Closed" */
  names = g_strsplit (heading, _(" / "), -1);
  if (!g_strv_contains ((const char * const *) names, name))
    g_hash_table_insert (self->stage_headings, g_steal_pointer (&key), g_strconcat (heading, _(" / "), name, NULL));
}

static const char *
group_of (KithRecordListModel *self,
          KithRecordRow       *row)
{
  if (row == NULL)
    return NULL;

  if (self->group == KITH_GROUP_STAGE)
    return stage_heading (self, row);

  if (self->group == KITH_GROUP_SEGMENT)
    {
      const char *name = row->segment != NULL ? g_hash_table_lookup (self->segment_names, row->segment) : NULL;
      return name != NULL ? name : row->segment != NULL ? row->segment : _("No segment");
    }

  return NULL;
}

static void
evict (KithRecordListModel *self)
{
  while (g_queue_get_length (self->lru) > MAX_CACHED)
    {
      guint position = GPOINTER_TO_UINT (g_queue_pop_head (self->lru));
      g_hash_table_remove (self->cache, GUINT_TO_POINTER (position));
    }
}

/* Reading rows on the worker */

static gpointer
rows_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  GArray *ids = data;

  return kith_store_get_rows (store, (const gint64 *) ids->data, ids->len);
}

typedef struct {
  KithRecordListModel *self;
  GArray              *ids;
  guint                page;
} Reading;

/* The group of the row before @position: from this answer, or from the item held for it */
static const char *
previous_group (KithRecordListModel *self,
                GHashTable          *rows,
                guint                position)
{
  KithRecordItem *before;
  gint64 id;

  if (position == 0)
    return NULL;

  id = g_array_index (self->ids, gint64, position - 1);
  if (g_hash_table_contains (rows, &id))
    return group_of (self, g_hash_table_lookup (rows, &id));

  before = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position - 1));
  return before != NULL ? kith_record_item_get_group (before) : NULL;
}

static void
fill_item (KithRecordListModel *self,
           KithRecordItem      *item,
           guint                position,
           GHashTable          *rows)
{
  gint64 id = kith_record_item_get_id (item);
  KithRecordRow *row = g_hash_table_lookup (rows, &id);
  const char *group = group_of (self, row);
  const char *header = NULL;

  if (group != NULL && (position == 0 || g_strcmp0 (group, previous_group (self, rows, position)) != 0))
    header = group;

  /* A row gone since the search stays empty until the next one */
  kith_record_item_set_row (item, row, stage_label (self, row), group, header);
}

static void
on_rows_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(KithRecordListModel) self = reading->self;
  g_autoptr(GArray) ids = reading->ids;
  g_autoptr(GPtrArray) found = kith_store_run_finish (KITH_STORE (source), result, NULL);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean refresh = reading->page == G_MAXUINT;
  GHashTableIter iter;
  gpointer key, value;

  if (!refresh)
    g_hash_table_remove (self->loading, GUINT_TO_POINTER (reading->page));
  g_free (reading);
  if (found == NULL)
    return;

  /* id → row, NULL for a record gone since the search */
  for (guint i = 0; i < ids->len && i < found->len; i++)
    g_hash_table_insert (rows, &g_array_index (ids, gint64, i), g_ptr_array_index (found, i));

  /* Fills what waits for these rows wherever it is now; a refresh also what is shown */
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = kith_record_item_get_id (value);

      if ((refresh || !kith_record_item_get_loaded (value)) && g_hash_table_contains (rows, &id))
        fill_item (self, value, GPOINTER_TO_UINT (key), rows);
    }
}

/* @ids: (transfer full); @page: the first position of the page, or G_MAXUINT for a refresh */
static void
read_rows (KithRecordListModel *self,
           GArray              *ids,
           guint                page)
{
  Reading *reading = g_new0 (Reading, 1);

  reading->self = g_object_ref (self);
  reading->ids = g_array_ref (ids);
  reading->page = page;
  kith_store_run_async (self->store, rows_job, ids, (GDestroyNotify) g_array_unref,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_rows_read_cb, reading);
}

/* Asks for the page around @position, and the row before it, which decides its group heading */
static void
load_page (KithRecordListModel *self,
           guint                position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);
  guint first = start > 0 ? start - 1 : start;
  GArray *ids;

  if (g_hash_table_contains (self->loading, GUINT_TO_POINTER (start)))
    return;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - first);
  g_array_append_vals (ids, &g_array_index (self->ids, gint64, first), end - first);
  g_hash_table_add (self->loading, GUINT_TO_POINTER (start));
  read_rows (self, ids, start);
}

/* GTK asks for every item of a change that took a row it follows (the one scrolled to, the
 * focus), to find where that row went: after a search that replaced 100,000 ids, that is
 * 100,000 items, of which it keeps a screenful. Pages are read for the items still held once
 * the change is over, not for each item asked for. */
static gboolean
load_held_cb (gpointer data)
{
  KithRecordListModel *self = data;
  GHashTableIter iter;
  gpointer key, value;

  self->load_id = 0;
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!kith_record_item_get_loaded (value) && GPOINTER_TO_UINT (key) < self->ids->len)
      load_page (self, GPOINTER_TO_UINT (key));

  return G_SOURCE_REMOVE;
}

static GType
get_item_type (GListModel *model)
{
  return KITH_TYPE_RECORD_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return KITH_RECORD_LIST_MODEL (model)->ids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KithRecordListModel *self = KITH_RECORD_LIST_MODEL (model);
  KithRecordItem *item;

  if (position >= self->ids->len)
    return NULL;

  item = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
  if (item == NULL)
    {
      item = kith_record_item_new (g_array_index (self->ids, gint64, position));
      g_hash_table_insert (self->cache, GUINT_TO_POINTER (position), item);
      g_queue_push_tail (self->lru, GUINT_TO_POINTER (position));
      if (self->load_id == 0)
        self->load_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, load_held_cb, self, NULL);
      evict (self);
    }

  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
kith_record_list_model_dispose (GObject *object)
{
  KithRecordListModel *self = (KithRecordListModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->load_id, g_source_remove);

  G_OBJECT_CLASS (kith_record_list_model_parent_class)->dispose (object);
}

static void
kith_record_list_model_finalize (GObject *object)
{
  KithRecordListModel *self = (KithRecordListModel *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_queue_free (self->lru);
  g_clear_pointer (&self->stage_names, g_hash_table_unref);
  g_clear_pointer (&self->segment_names, g_hash_table_unref);
  g_clear_pointer (&self->segment_kinds, g_hash_table_unref);
  g_clear_pointer (&self->stage_headings, g_hash_table_unref);
  g_clear_pointer (&self->placing, g_hash_table_unref);

  G_OBJECT_CLASS (kith_record_list_model_parent_class)->finalize (object);
}

static void
kith_record_list_model_class_init (KithRecordListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kith_record_list_model_dispose;
  G_OBJECT_CLASS (klass)->finalize = kith_record_list_model_finalize;
}

static void
kith_record_list_model_init (KithRecordListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->lru = g_queue_new ();
  self->loading = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  self->stage_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->segment_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->segment_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stage_headings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->placing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

KithRecordListModel *
kith_record_list_model_new (KithStore *store)
{
  KithRecordListModel *self = g_object_new (KITH_TYPE_RECORD_LIST_MODEL, NULL);

  self->store = g_object_ref (store);
  return self;
}

static void
drop_cache (KithRecordListModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_hash_table_remove_all (self->loading);
  g_queue_clear (self->lru);
}

/**
 * kith_record_list_model_read_first_rows:
 * @reader: the store the model reads from
 * @ids: what a search found, in order
 *
 * Reads the rows of the start of @ids, in a job on @reader's worker, to go with them to
 * kith_record_list_model_set_ids(): the list then shows its first rows filled in at once,
 * instead of blank rows measured, a second trip to the worker, and the rows measured again.
 *
 * Returns: (transfer full): one row per id read, %NULL for a record gone since
 */
GPtrArray *
kith_record_list_model_read_first_rows (KithStore *reader,
                                        GArray    *ids)
{
  return kith_store_get_rows (reader, (const gint64 *) (gpointer) ids->data, MIN (ids->len, FIRST_ROWS));
}

/* Holds the items of the first rows, filled, before the list view asks for them; those held
 * already stay */
static void
hold_first_rows (KithRecordListModel *self,
                 GPtrArray           *first_rows)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = MIN (first_rows->len, self->ids->len);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (rows, &g_array_index (self->ids, gint64, i), g_ptr_array_index (first_rows, i));

  for (guint i = 0; i < n; i++)
    {
      KithRecordItem *item;

      /* A row that stayed where it was keeps its item, and its widget */
      if (g_hash_table_contains (self->cache, GUINT_TO_POINTER (i)))
        continue;
      item = kith_record_item_new (g_array_index (self->ids, gint64, i));

      g_hash_table_insert (self->cache, GUINT_TO_POINTER (i), item);
      g_queue_push_tail (self->lru, GUINT_TO_POINTER (i));
      fill_item (self, item, i, rows);
    }
}

/* Moves the items held after a change of [@position, @position + @removed) to @added items */
static void
shift_cache (KithRecordListModel *self,
             guint                position,
             guint                removed,
             guint                added)
{
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  GQueue *lru = g_queue_new ();

  for (GList *l = self->lru->head; l != NULL; l = l->next)
    {
      guint p = GPOINTER_TO_UINT (l->data);
      guint to = p < position ? p : p - removed + added;
      gpointer item;

      if (p >= position && p < position + removed)
        continue;
      if (!g_hash_table_steal_extended (self->cache, GUINT_TO_POINTER (p), NULL, &item))
        continue;
      g_hash_table_insert (cache, GUINT_TO_POINTER (to), item);
      g_queue_push_tail (lru, GUINT_TO_POINTER (to));
    }

  /* What is left in the old table is what the span replaced */
  g_hash_table_unref (self->cache);
  self->cache = g_steal_pointer (&cache);
  g_queue_free (self->lru);
  self->lru = lru;
  /* Pages asked for before cover other positions now; their answers still fill by id */
  g_hash_table_remove_all (self->loading);
}

/* Lists @ids (transfer full) with the least change: one `items-changed` for the span between
 * what stayed at the start and what stayed at the end, none when nothing moved. The items of
 * what stayed are kept; @first_rows (nullable) fills those of the first rows that are new. */
static void
replace_span (KithRecordListModel *self,
              GArray              *ids,
              GPtrArray           *first_rows)
{
  g_autoptr(GArray) old = g_steal_pointer (&self->ids);
  guint start = 0, end = 0, removed, added;

  self->ids = ids;
  self->generation++;

  while (start < old->len && start < ids->len &&
         g_array_index (old, gint64, start) == g_array_index (ids, gint64, start))
    start++;
  while (end < old->len - start && end < ids->len - start &&
         g_array_index (old, gint64, old->len - 1 - end) == g_array_index (ids, gint64, ids->len - 1 - end))
    end++;

  removed = old->len - start - end;
  added = ids->len - start - end;
  if (removed == 0 && added == 0)
    return;

  /* The row after the span starts a group, or no longer does */
  if (self->group != KITH_GROUP_NONE && end > 0)
    {
      removed++;
      added++;
    }

  shift_cache (self, start, removed, added);
  if (first_rows != NULL)
    hold_first_rows (self, first_rows);
  g_list_model_items_changed (G_LIST_MODEL (self), start, removed, added);
}

/**
 * kith_record_list_model_set_ids:
 * @ids: (transfer full): the records to list, in order
 * @first_rows: (nullable): what kith_record_list_model_read_first_rows() read for @ids
 *
 * Replaces what the list shows, e.g. with the result of a search. Grouped as before, the rows
 * that stay at the start and at the end keep their items, and the list view their widgets:
 * a click that lands as the answer comes, before the list is laid out again, still finds its
 * row (a list made anew has no row anywhere until then).
 */
void
kith_record_list_model_set_ids (KithRecordListModel *self,
                                GArray              *ids,
                                KithGroup            group,
                                GPtrArray           *first_rows)
{
  guint removed;

  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);

  /* Grouped as before: the rows that stay where they were are kept, so that a click landing
   * as the answer comes still finds the row it was aimed at */
  if (group == self->group)
    {
      replace_span (self, ids, first_rows);
      return;
    }

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = ids;
  self->generation++;
  self->group = group;
  drop_cache (self);
  if (first_rows != NULL)
    hold_first_rows (self, first_rows);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ids->len);
}

/* Reads again the rows held whose records @changes names (all of them for %NULL), in place:
 * the items notify, and nothing is removed or added */
static void
refresh_rows (KithRecordListModel *self,
              KithStoreChanges    *changes)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 id = kith_record_item_get_id (value);

      if (changes == NULL || kith_store_changes_contains (changes, id))
        g_array_append_val (ids, id);
    }

  if (ids->len > 0)
    read_rows (self, g_steal_pointer (&ids), G_MAXUINT);
}

/**
 * kith_record_list_model_refresh:
 * @changes: what the store says changed
 *
 * Reads again, on the store's worker, the rows shown of the records that changed, without
 * changing what is listed: use kith_record_list_model_update_ids() when rows can have moved.
 */
void
kith_record_list_model_refresh (KithRecordListModel *self,
                                KithStoreChanges    *changes)
{
  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (changes != NULL);

  refresh_rows (self, changes);
}

/**
 * kith_record_list_model_update_ids:
 * @ids: (transfer full): the records to list now, in order, after a change in the store
 *
 * Replaces the ids with the least change: one `items-changed` for the span between what
 * stayed at the start and what stayed at the end, so the scroll position and a selection
 * outside it stay.
 */
void
kith_record_list_model_update_ids (KithRecordListModel *self,
                                   GArray              *ids)
{
  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);

  replace_span (self, ids, NULL);
}

/* Placing again the records a change named */

typedef struct {
  KithRecordKind  kind;
  char           *query;
  KithSort        sort;
  KithGroup       group;
  GArray         *listed;
  GArray         *changed;  /* NULL: any record can have moved */
} PlaceJob;

typedef struct {
  guint generation;
  guint serial;
} Placing;

static void
place_job_free (PlaceJob *job)
{
  g_free (job->query);
  g_array_unref (job->listed);
  g_clear_pointer (&job->changed, g_array_unref);
  g_free (job);
}

/* What a placing found: the ids now, and the runs that make the ids listed into them */
typedef struct {
  GArray *after;
  GArray *runs;   /* NULL: more than the records named moved; replace the ids whole */
} Placed;

static void
placed_free (Placed *placed)
{
  g_clear_pointer (&placed->after, g_array_unref);
  g_clear_pointer (&placed->runs, g_array_unref);
  g_free (placed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Placed, placed_free)

/* The walk over every id is done here too, not on the main thread */
static gpointer
place_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  PlaceJob *job = data;
  g_autoptr(GHashTable) changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean all = job->changed == NULL || job->changed->len > MAX_PLACING;
  Placed *placed;
  GArray *after;

  if (all)
    after = kith_store_find (store, job->kind, job->query, job->sort, job->group, 0, G_MAXUINT, NULL, error);
  else
    after = kith_store_find_again (store, job->kind, job->query, job->sort, job->group,
                                   job->listed, job->changed, error);

  if (after == NULL)
    return NULL;

  placed = g_new0 (Placed, 1);
  placed->after = after;
  if (all)
    placed->runs = kith_id_runs_diff (job->listed, after);
  else
    {
      for (guint i = 0; i < job->changed->len; i++)
        g_hash_table_add (changed, &g_array_index (job->changed, gint64, i));
      placed->runs = kith_id_runs_between (job->listed, after, changed);
    }
  if (placed->runs != NULL && placed->runs->len > MAX_RUNS)
    g_clear_pointer (&placed->runs, g_array_unref);

  return placed;
}

/* Replaces the ids by @after through @runs, one items-changed each; the model is what it says
 * at every emission */
static void
apply_runs (KithRecordListModel *self,
            GArray              *after,
            GArray              *runs)
{
  GArray *work = g_array_copy (self->ids);

  g_array_unref (self->ids);
  self->ids = work;
  for (guint i = 0; i < runs->len; i++)
    {
      KithIdRun *run = &g_array_index (runs, KithIdRun, i);
      guint extra;

      g_array_remove_range (work, run->position, run->removed);
      g_array_insert_vals (work, run->position, &g_array_index (after, gint64, run->position), run->added);
      /* The row after the run starts a group, or no longer does */
      extra = self->group != KITH_GROUP_NONE && run->position + run->added < work->len;
      shift_cache (self, run->position, run->removed + extra, run->added + extra);
      g_list_model_items_changed (G_LIST_MODEL (self), run->position, run->removed + extra, run->added + extra);
    }
}

static void
on_placed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KithRecordListModel *self = g_task_get_source_object (task);
  Placing *placing = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(Placed) placed = kith_store_run_finish (KITH_STORE (source), result, &error);

  /* A newer placing has these records too */
  if (placing->serial != self->placing_serial)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  g_hash_table_remove_all (self->placing);
  self->placing_all = FALSE;

  if (placed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A search answered meanwhile: its ids are newer */
  if (placing->generation != self->generation)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  self->generation++;
  if (placed->runs == NULL)
    kith_record_list_model_update_ids (self, g_steal_pointer (&placed->after));
  else
    apply_runs (self, placed->after, placed->runs);
  g_task_return_boolean (task, TRUE);
}

/**
 * kith_record_list_model_place_again_async:
 * @kind: @query, @sort: what the list was searched for (its grouping is the model's own)
 * @changes: (nullable): what the store says changed; %NULL when any record can have moved
 *   (too many were named, or a query can match by what every record shares)
 *
 * Places again the records @changes names, on the store's worker, as kith_store_find_again()
 * does: a record that no longer matches @query goes, one that does goes where it sorts now,
 * the others stay. What moved is one removal and one insertion. With %NULL (or "many") the
 * list is searched again, and what moved is found by keeping the most ids in their order
 * (kith_id_runs_diff()).
 */
void
kith_record_list_model_place_again_async (KithRecordListModel *self,
                                          KithRecordKind       kind,
                                          const char          *query,
                                          KithSort             sort,
                                          KithStoreChanges    *changes,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GArray) named = NULL;
  PlaceJob *job;
  Placing *placing;
  GHashTableIter iter;
  gint64 *id;

  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kith_record_list_model_place_again_async);

  named = changes != NULL ? kith_store_changes_dup_ids (changes) : NULL;
  self->placing_all |= named == NULL;
  for (guint i = 0; named != NULL && i < named->len; i++)
    g_hash_table_add (self->placing, g_memdup2 (&g_array_index (named, gint64, i), sizeof (gint64)));

  placing = g_new0 (Placing, 1);
  placing->generation = self->generation;
  placing->serial = ++self->placing_serial;
  job = g_new0 (PlaceJob, 1);
  job->kind = kind;
  job->query = g_strdup (query);
  job->sort = sort;
  job->group = self->group;
  job->listed = g_array_ref (self->ids);
  if (!self->placing_all)
    {
      job->changed = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->placing));
      g_hash_table_iter_init (&iter, self->placing);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        g_array_append_val (job->changed, *id);
    }
  g_task_set_task_data (task, placing, g_free);

  kith_store_run_async (self->store, place_job, job, (GDestroyNotify) place_job_free,
                        (GDestroyNotify) placed_free, cancellable, on_placed_cb, g_steal_pointer (&task));
}

/**
 * kith_record_list_model_place_again_finish:
 *
 * Returns: %TRUE when the list changed to what the store holds now; %FALSE when a newer
 *   placing or search does that instead, or with @error set
 */
gboolean
kith_record_list_model_place_again_finish (KithRecordListModel  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The names of @segment and of its stages; the default set's stages also name records without a
 * segment */
static void
add_segment_names (KithRecordListModel *self,
                   KithSegment         *segment)
{
  const char *key = kith_segment_get_key (segment);
  const char *applies_to = kith_segment_get_for_people (segment) ? "people" : "projects";
  GListModel *stages = kith_segment_get_stages (segment);
  gboolean names_none = kith_segment_get_for_people (segment) && g_str_equal (key, "none");

  g_hash_table_insert (self->segment_names, g_strdup (key), g_strdup (kith_segment_get_name (segment)));
  g_hash_table_insert (self->segment_kinds, g_strdup (key), g_strdup (applies_to));
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(KithStage) stage = g_list_model_get_item (stages, s);
      const char *stage_key = kith_stage_get_key (stage);
      const char *name = kith_stage_get_name (stage);
      g_autofree char *fallback = g_strdup_printf (":%s", stage_key);

      g_hash_table_insert (self->stage_names, g_strdup_printf ("%s:%s", key, stage_key), g_strdup (name));
      add_stage_heading (self, applies_to, stage_key, name);
      if (names_none && !g_hash_table_contains (self->stage_names, fallback))
        g_hash_table_insert (self->stage_names, g_steal_pointer (&fallback), g_strdup (name));
    }
}

/**
 * kith_record_list_model_set_names:
 * @segments: a #GListModel of #KithSegment, as kith_segment_list_finish() returns it
 *
 * How stages and segments are called, for the rows and the group headings.
 */
void
kith_record_list_model_set_names (KithRecordListModel *self,
                                  GListModel          *segments)
{
  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (G_IS_LIST_MODEL (segments));

  g_hash_table_remove_all (self->stage_names);
  g_hash_table_remove_all (self->segment_names);
  g_hash_table_remove_all (self->segment_kinds);
  g_hash_table_remove_all (self->stage_headings);

  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);

      add_segment_names (self, segment);
    }

  refresh_rows (self, NULL);
}

gint64
kith_record_list_model_get_id (KithRecordListModel *self,
                               guint                position)
{
  g_return_val_if_fail (KITH_IS_RECORD_LIST_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}


/**
 * kith_record_list_model_find:
 * @id: a record
 *
 * Returns: where @id is listed, or %G_MAXUINT
 */
guint
kith_record_list_model_find (KithRecordListModel *self,
                             gint64               id)
{
  g_return_val_if_fail (KITH_IS_RECORD_LIST_MODEL (self), G_MAXUINT);

  for (guint i = 0; id != 0 && i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}
