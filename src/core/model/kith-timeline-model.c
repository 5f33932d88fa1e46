/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTimelineModel: a record's timeline as a list of KithTimelineItem, newest first, in which
 * the emails of one thread are one item — the newest — with the others behind it
 * (kith_timeline_model_get_thread()). It holds the newest page at first, and one page more each
 * time kith_timeline_model_load_more() is called (the view calls it as the user scrolls near the
 * end). Read again when the store says the record changed (or too much to say) — as far down as
 * the pages it holds — it applies only what changed: a note added is one insertion, an item on
 * the third page changed is that item updated.
 */

#define G_LOG_DOMAIN "KithTimelineModel"

#include "config.h"

#include "kith-list-sync.h"
#include "kith-timeline-model.h"
#include "kith-timeline-store.h"

/* Items read at first and on each kith_timeline_model_load_more(): rows enough to fill a tall
 * window several times, few enough to read and lay out without a stall */
#define PAGE_SIZE 200

struct _KithTimelineModel
{
  GObject          parent_instance;

  KithStore       *store;
  gint64           record_id;
  GListStore      *heads;
  GHashTable      *threads;      /* thread id → GListStore of its items, when more than one */
  GPtrArray       *items;        /* every item read, newest first: the pages so far */
  KithTimelineKey  end;          /* the last of them, where the next page starts */
  GCancellable    *cancellable;

  /* One read at a time, so that a page is never applied over a newer read; what is asked for
   * meanwhile runs after it, a refresh first */
  gboolean         reading;
  gboolean         want_refresh;
  gboolean         want_more;

  gboolean         loaded;
  gboolean         has_more;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithTimelineModel, kith_timeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD_ID,
  PROP_LOADED,
  PROP_HAS_MORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return KITH_TYPE_TIMELINE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (KITH_TIMELINE_MODEL (model)->heads));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (KITH_TIMELINE_MODEL (model)->heads), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
same_item (gpointer item,
           gpointer other)
{
  return kith_timeline_item_get_id (item) == kith_timeline_item_get_id (other);
}

static void
update_item (gpointer item,
             gpointer from)
{
  kith_timeline_item_update (item, from);
}

/* The thread an email belongs to, or NULL for an item that stands alone */
static const char *
thread_of (KithTimelineItem *item)
{
  return kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_EMAIL ? kith_timeline_item_get_thread_id (item) : NULL;
}

/* Groups @items (newest first) by thread: returns the heads, and fills @groups with each
 * thread's items */
static GPtrArray *
group_threads (GPtrArray  *items,
               GHashTable *groups)
{
  GPtrArray *heads = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < items->len; i++)
    {
      KithTimelineItem *item = g_ptr_array_index (items, i);
      const char *thread = thread_of (item);
      GPtrArray *group = thread != NULL ? g_hash_table_lookup (groups, thread) : NULL;

      if (group == NULL)
        {
          g_ptr_array_add (heads, g_object_ref (item));
          if (thread != NULL)
            g_hash_table_insert (groups, g_strdup (thread), group = g_ptr_array_new_with_free_func (g_object_unref));
        }
      if (group != NULL)
        g_ptr_array_add (group, g_object_ref (item));
    }

  return heads;
}

/* A head whose thread gained its second item or lost all but one is shown another way: it
 * goes, to come back in the sync */
static void
drop_changed_heads (KithTimelineModel *self,
                    GHashTable        *groups)
{
  for (guint i = get_n_items (G_LIST_MODEL (self)); i > 0; i--)
    {
      g_autoptr(KithTimelineItem) head = get_item (G_LIST_MODEL (self), i - 1);
      const char *thread = thread_of (head);
      GPtrArray *group = thread != NULL ? g_hash_table_lookup (groups, thread) : NULL;
      gboolean was_thread = thread != NULL && g_hash_table_contains (self->threads, thread);
      gboolean is_thread = group != NULL && group->len > 1;

      if (was_thread != is_thread)
        g_list_store_remove (self->heads, i - 1);
    }
}

static void
sync_threads (KithTimelineModel *self,
              GHashTable        *groups)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->threads);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *group = g_hash_table_lookup (groups, key);

      if (group == NULL || group->len < 2)
        g_hash_table_iter_remove (&iter);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *group = value;
      GListStore *thread;

      if (group->len < 2)
        continue;
      thread = g_hash_table_lookup (self->threads, key);
      if (thread == NULL)
        g_hash_table_insert (self->threads, g_strdup (key), thread = g_list_store_new (KITH_TYPE_TIMELINE_ITEM));
      kith_list_store_sync (thread, group, same_item, update_item);
    }
}

static void
apply (KithTimelineModel *self,
       GPtrArray         *items)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) heads = group_threads (items, groups);

  drop_changed_heads (self, groups);
  sync_threads (self, groups);
  kith_list_store_sync (self->heads, heads, same_item, update_item);
}

static void read_next (KithTimelineModel *self);

static void
set_loaded (KithTimelineModel *self)
{
  if (self->loaded)
    return;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* Whether items older than the ones held are left, and where they start */
static void
set_end (KithTimelineModel *self,
         gboolean           has_more)
{
  if (self->items->len > 0)
    {
      KithTimelineItem *last = g_ptr_array_index (self->items, self->items->len - 1);

      self->end = (KithTimelineKey) { kith_timeline_item_get_date (last), kith_timeline_item_get_id (last) };
    }
  if (self->has_more == has_more)
    return;
  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

/* Keeps @limit of @items: TRUE when there were more */
static gboolean
cut (GPtrArray *items,
     guint      limit)
{
  if (items->len <= limit)
    return FALSE;
  g_ptr_array_set_size (items, limit);
  return TRUE;
}

/* The pages held, read again: what is newer than their end and the end itself */
static void
take_refresh (KithTimelineModel *self,
              GPtrArray         *items)
{
  gboolean more = cut (items, self->items->len + PAGE_SIZE) || self->has_more;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (items);
  apply (self, self->items);
  set_end (self, more);
  set_loaded (self);
}

/* The next page: after the end */
static void
take_more (KithTimelineModel *self,
           GPtrArray         *items)
{
  gboolean more = cut (items, PAGE_SIZE);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (items, i)));
  apply (self, self->items);
  set_end (self, more);
}

static void
on_read_cb (KithTimelineModel *self,
            GObject           *source,
            GAsyncResult      *result,
            void             (*take) (KithTimelineModel *, GPtrArray *))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = kith_store_get_timeline_page_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->reading = FALSE;
  if (items == NULL)
    g_warning ("Could not read the timeline of record %" G_GINT64_FORMAT ": %s", self->record_id, error->message);
  else
    take (self, items);
  read_next (self);
}

static void
on_refresh_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithTimelineModel) self = user_data;

  on_read_cb (self, source, result, take_refresh);
}

static void
on_more_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KithTimelineModel) self = user_data;

  on_read_cb (self, source, result, take_more);
}

/* A refresh reads down to the end of the pages held, and at most a page more of what came
 * above them: the held items that stay, those added, none below; the first reads one page.
 * A page asks for one item more than it keeps, to know whether there are more. */
static void
read_next (KithTimelineModel *self)
{
  if (self->reading || self->store == NULL || self->record_id == 0)
    return;

  if (self->want_refresh)
    {
      self->want_refresh = FALSE;
      self->reading = TRUE;
      kith_store_get_timeline_page_async (self->store, self->record_id, NULL, self->has_more ? &self->end : NULL,
                                          self->items->len + PAGE_SIZE + 1, self->cancellable,
                                          on_refresh_cb, g_object_ref (self));
    }
  else if (self->want_more && self->has_more)
    {
      self->want_more = FALSE;
      self->reading = TRUE;
      kith_store_get_timeline_page_async (self->store, self->record_id, &self->end, NULL, PAGE_SIZE + 1,
                                          self->cancellable, on_more_cb, g_object_ref (self));
    }
}

/* The changes name the records whose timeline was written, and the companies and projects
 * that show it: a capture batch for other people reads nothing here */
static void
on_store_changed_cb (KithStore         *store,
                     KithStoreChanges *changes,
                     KithTimelineModel *self)
{
  if (kith_store_changes_contains (changes, self->record_id))
    kith_timeline_model_refresh (self);
}

static void
kith_timeline_model_constructed (GObject *object)
{
  KithTimelineModel *self = KITH_TIMELINE_MODEL (object);

  G_OBJECT_CLASS (kith_timeline_model_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  kith_timeline_model_refresh (self);
}

static void
kith_timeline_model_dispose (GObject *object)
{
  KithTimelineModel *self = KITH_TIMELINE_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_timeline_model_parent_class)->dispose (object);
}

static void
kith_timeline_model_finalize (GObject *object)
{
  KithTimelineModel *self = KITH_TIMELINE_MODEL (object);

  g_clear_object (&self->heads);
  g_clear_pointer (&self->threads, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_timeline_model_parent_class)->finalize (object);
}

static void
kith_timeline_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KithTimelineModel *self = KITH_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KithTimelineModel *self = KITH_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RECORD_ID:
      self->record_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_model_class_init (KithTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kith_timeline_model_constructed;
  object_class->dispose = kith_timeline_model_dispose;
  object_class->finalize = kith_timeline_model_finalize;
  object_class->get_property = kith_timeline_model_get_property;
  object_class->set_property = kith_timeline_model_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Read once: until then, empty means "not yet known" */
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Older items than those held are left: kith_timeline_model_load_more() reads the next page */
  properties[PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_timeline_model_init (KithTimelineModel *self)
{
  self->heads = g_list_store_new (KITH_TYPE_TIMELINE_ITEM);
  self->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->heads, "items-changed", G_CALLBACK (g_list_model_items_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * kith_timeline_model_new:
 * @record_id: a person, company (with its people's items) or project (with its participants')
 *
 * Returns: (transfer full): the record's timeline, its newest page read at once and the pages
 *   held read again whenever @store changes
 */
KithTimelineModel *
kith_timeline_model_new (KithStore *store,
                         gint64     record_id)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_TIMELINE_MODEL, "store", store, "record-id", record_id, NULL);
}

gint64
kith_timeline_model_get_record_id (KithTimelineModel *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_MODEL (self), 0);

  return self->record_id;
}

gboolean
kith_timeline_model_get_loaded (KithTimelineModel *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_MODEL (self), FALSE);

  return self->loaded;
}

/**
 * kith_timeline_model_refresh:
 *
 * Reads the pages held again; requests while a read runs make one more read after it.
 */
void
kith_timeline_model_refresh (KithTimelineModel *self)
{
  g_return_if_fail (KITH_IS_TIMELINE_MODEL (self));

  self->want_refresh = TRUE;
  read_next (self);
}

gboolean
kith_timeline_model_get_has_more (KithTimelineModel *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_MODEL (self), FALSE);

  return self->has_more;
}

/**
 * kith_timeline_model_load_more:
 *
 * Reads the next page of older items and appends them, when #KithTimelineModel:has-more says
 * there are some; asking again while it is read asks for nothing more.
 */
void
kith_timeline_model_load_more (KithTimelineModel *self)
{
  g_return_if_fail (KITH_IS_TIMELINE_MODEL (self));

  if (!self->has_more)
    return;
  self->want_more = TRUE;
  read_next (self);
}

/**
 * kith_timeline_model_get_thread:
 * @item: an item of the model
 *
 * Returns: (transfer none) (nullable): the emails of @item's thread, newest (@item) first —
 *   kept up to date; %NULL when @item stands alone
 */
GListModel *
kith_timeline_model_get_thread (KithTimelineModel *self,
                                KithTimelineItem  *item)
{
  const char *thread;

  g_return_val_if_fail (KITH_IS_TIMELINE_MODEL (self), NULL);
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (item), NULL);

  thread = thread_of (item);

  return thread != NULL ? g_hash_table_lookup (self->threads, thread) : NULL;
}
