/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecordListModel"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-record-item.h"
#include "kith-record-list-model.h"

/*
 * A list of records that holds the ids of what matched and nothing more: rows are read from
 * the store a page at a time when the list view asks for them, and at most MAX_CACHED rows are
 * kept. A search over 100,000 people costs an array of 100,000 integers, not 100,000 objects.
 */

#define PAGE_SIZE  64
#define MAX_CACHED 512

struct _KithRecordListModel
{
  GObject      parent_instance;

  KithStore   *store;
  GArray      *ids;          /* gint64 */
  KithGroup    group;
  GHashTable  *cache;        /* position → KithRecordItem */
  GQueue      *lru;          /* positions, oldest first */
  GHashTable  *stage_names;  /* "segment:stage" and ":stage" → name */
  GHashTable  *segment_names;
  guint        n_loaded;     /* rows ever read, for tests */
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

  if (row->stage == NULL)
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

static const char *
group_of (KithRecordListModel *self,
          KithRecordRow       *row)
{
  if (row == NULL)
    return NULL;

  if (self->group == KITH_GROUP_STAGE)
    {
      const char *label = stage_label (self, row);
      return label != NULL ? label : _("No stage");
    }

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

/* Reads the page around @position, and the row before it, which decides its group heading. */
static void
load_page (KithRecordListModel *self,
           guint                position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);
  guint first = start > 0 ? start - 1 : start;
  g_autoptr(GPtrArray) rows = NULL;

  rows = kith_store_get_rows (self->store, &g_array_index (self->ids, gint64, first), end - first);
  self->n_loaded += rows->len;

  for (guint p = start; p < end; p++)
    {
      KithRecordRow *row = g_ptr_array_index (rows, p - first);
      KithRecordRow *previous = p > 0 && p > first ? g_ptr_array_index (rows, p - first - 1) : NULL;
      const char *group = group_of (self, row);
      const char *header = NULL;
      KithRecordItem *item;

      if (g_hash_table_contains (self->cache, GUINT_TO_POINTER (p)))
        continue;

      if (group != NULL && (p == 0 || g_strcmp0 (group, group_of (self, previous)) != 0))
        header = group;

      if (row == NULL)
        {
          /* Deleted since the search: an empty row until the next refresh */
          KithRecordRow gone = { g_array_index (self->ids, gint64, p), KITH_RECORD_PERSON, (char *) "", NULL };
          item = kith_record_item_new (&gone, NULL, NULL);
        }
      else
        item = kith_record_item_new (row, stage_label (self, row), header);

      g_hash_table_insert (self->cache, GUINT_TO_POINTER (p), item);
      g_queue_push_tail (self->lru, GUINT_TO_POINTER (p));
    }

  evict (self);
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
      load_page (self, position);
      item = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
    }

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
kith_record_list_model_finalize (GObject *object)
{
  KithRecordListModel *self = (KithRecordListModel *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_queue_free (self->lru);
  g_clear_pointer (&self->stage_names, g_hash_table_unref);
  g_clear_pointer (&self->segment_names, g_hash_table_unref);

  G_OBJECT_CLASS (kith_record_list_model_parent_class)->finalize (object);
}

static void
kith_record_list_model_class_init (KithRecordListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kith_record_list_model_finalize;
}

static void
kith_record_list_model_init (KithRecordListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->lru = g_queue_new ();
  self->stage_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->segment_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  g_queue_clear (self->lru);
}

/**
 * kith_record_list_model_set_ids:
 * @ids: (transfer full): the records to list, in order
 *
 * Replaces what the list shows, e.g. with the result of a search.
 */
void
kith_record_list_model_set_ids (KithRecordListModel *self,
                                GArray              *ids,
                                KithGroup            group)
{
  guint removed;

  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);

  removed = self->ids->len;
  g_array_unref (self->ids);
  self->ids = ids;
  self->group = group;
  drop_cache (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ids->len);
}

/**
 * kith_record_list_model_reload_rows:
 *
 * Reads the rows again (after an edit) without changing what is listed.
 */
void
kith_record_list_model_reload_rows (KithRecordListModel *self)
{
  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));

  drop_cache (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, self->ids->len, self->ids->len);
}

/**
 * kith_record_list_model_set_names:
 * @segments: what kith_relationship_list_segments() returns
 *
 * How stages and segments are called, for the rows and the group headings.
 */
void
kith_record_list_model_set_names (KithRecordListModel *self,
                                  JsonArray           *segments)
{
  g_return_if_fail (KITH_IS_RECORD_LIST_MODEL (self));

  g_hash_table_remove_all (self->stage_names);
  g_hash_table_remove_all (self->segment_names);

  for (guint i = 0; segments != NULL && i < json_array_get_length (segments); i++)
    {
      JsonObject *segment = json_array_get_object_element (segments, i);
      const char *key = json_object_get_string_member (segment, "key");
      JsonArray *stages = kith_json_get_array (segment, "stages");

      g_hash_table_insert (self->segment_names, g_strdup (key), g_strdup (json_object_get_string_member (segment, "name")));
      for (guint s = 0; stages != NULL && s < json_array_get_length (stages); s++)
        {
          JsonObject *stage = json_array_get_object_element (stages, s);
          const char *stage_key = json_object_get_string_member (stage, "key");
          const char *name = json_object_get_string_member (stage, "name");
          g_autofree char *fallback = g_strdup_printf (":%s", stage_key);

          g_hash_table_insert (self->stage_names, g_strdup_printf ("%s:%s", key, stage_key), g_strdup (name));
          /* the default set names records without a segment */
          if (!g_hash_table_contains (self->stage_names, fallback) &&
              g_str_equal (json_object_get_string_member_with_default (segment, "appliesTo", ""), "people") &&
              g_str_equal (key, "none"))
            g_hash_table_insert (self->stage_names, g_steal_pointer (&fallback), g_strdup (name));
        }
    }

  kith_record_list_model_reload_rows (self);
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
 * kith_record_list_model_get_n_cached:
 *
 * Returns: how many rows are held right now (at most a few pages)
 */
guint
kith_record_list_model_get_n_cached (KithRecordListModel *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_LIST_MODEL (self), 0);

  return g_hash_table_size (self->cache);
}

guint
kith_record_list_model_get_n_loaded (KithRecordListModel *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_LIST_MODEL (self), 0);

  return self->n_loaded;
}
