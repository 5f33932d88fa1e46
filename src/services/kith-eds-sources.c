/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithEdsSources: the sources of one kind (calendars, address books) in the
 * evolution-data-server registry, as the calendar and address-book services follow them. It
 * opens the registry without blocking and says when a source of its kind came, went or changed;
 * it keeps the list of Kith's items for the enabled ones (the same object for the same source,
 * so that rows bound to it stay) and the watch of each source Kith follows. What an item shows
 * and when a source is followed is the service's to say, through the function it syncs with.
 */

#define G_LOG_DOMAIN "KithEds"

#include "config.h"

#include "kith-eds-sources.h"

struct _KithEdsSources
{
  GObject          parent_instance;

  char            *extension_name;
  KithEdsStopFunc  stop_watch;
  GCancellable    *cancellable;
  ESourceRegistry *registry;
  GListStore      *items;
  GHashTable      *items_by_uid; /* uid → item, borrowed from items */
  GHashTable      *watches;      /* uid → watch, for the sources followed */
};

G_DEFINE_FINAL_TYPE (KithEdsSources, kith_eds_sources, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_source_changed_cb (ESourceRegistry *registry,
                      ESource         *source,
                      KithEdsSources  *self)
{
  if (e_source_has_extension (source, self->extension_name))
    g_signal_emit (self, signals[CHANGED], 0, source);
}

static void
on_registry_ready_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithEdsSources) self = user_data;
  g_autoptr(GError) error = NULL;

  self->registry = e_source_registry_new_finish (result, &error);
  if (self->registry == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s sources are not available: %s", self->extension_name, error->message);
      return;
    }

  g_signal_connect_object (self->registry, "source-added", G_CALLBACK (on_source_changed_cb), self, 0);
  g_signal_connect_object (self->registry, "source-removed", G_CALLBACK (on_source_changed_cb), self, 0);
  g_signal_connect_object (self->registry, "source-enabled", G_CALLBACK (on_source_changed_cb), self, 0);
  g_signal_connect_object (self->registry, "source-disabled", G_CALLBACK (on_source_changed_cb), self, 0);
  g_signal_connect_object (self->registry, "source-changed", G_CALLBACK (on_source_changed_cb), self, 0);
  g_signal_emit (self, signals[CHANGED], 0, NULL);
}

static void
kith_eds_sources_dispose (GObject *object)
{
  KithEdsSources *self = KITH_EDS_SOURCES (object);

  kith_eds_sources_stop (self);

  G_OBJECT_CLASS (kith_eds_sources_parent_class)->dispose (object);
}

static void
kith_eds_sources_finalize (GObject *object)
{
  KithEdsSources *self = KITH_EDS_SOURCES (object);

  g_free (self->extension_name);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_hash_table_unref (self->items_by_uid);
  g_hash_table_unref (self->watches);

  G_OBJECT_CLASS (kith_eds_sources_parent_class)->finalize (object);
}

static void
kith_eds_sources_class_init (KithEdsSourcesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_eds_sources_dispose;
  object_class->finalize = kith_eds_sources_finalize;

  /**
   * KithEdsSources::changed:
   * @source: (nullable): the source of the list's kind that was added, removed, enabled,
   *   disabled or changed; %NULL when the registry has just opened and all of them are new
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, E_TYPE_SOURCE);
}

static void
kith_eds_sources_init (KithEdsSources *self)
{
  self->cancellable = g_cancellable_new ();
  self->items_by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * kith_eds_sources_new:
 * @extension_name: the kind of source, as %E_SOURCE_EXTENSION_CALENDAR
 * @item_type: the type of the list's items
 * @stop_watch: how a watch stops
 *
 * Returns: (transfer full): the sources of that kind, once kith_eds_sources_start () opened the
 *   registry
 */
KithEdsSources *
kith_eds_sources_new (const char      *extension_name,
                      GType            item_type,
                      KithEdsStopFunc  stop_watch)
{
  KithEdsSources *self;

  g_return_val_if_fail (extension_name != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (stop_watch != NULL, NULL);

  self = g_object_new (KITH_TYPE_EDS_SOURCES, NULL);
  self->extension_name = g_strdup (extension_name);
  self->items = g_list_store_new (item_type);
  self->stop_watch = stop_watch;

  return self;
}

/**
 * kith_eds_sources_start:
 *
 * Opens the registry without blocking; #KithEdsSources::changed is emitted once it is open,
 * then whenever a source of the list's kind changes.
 */
void
kith_eds_sources_start (KithEdsSources *self)
{
  g_return_if_fail (KITH_IS_EDS_SOURCES (self));

  e_source_registry_new (self->cancellable, on_registry_ready_cb, g_object_ref (self));
}

/**
 * kith_eds_sources_stop:
 *
 * Stops every watch and leaves the registry: nothing more is read, and nothing more is said.
 * The list stays as it is.
 */
void
kith_eds_sources_stop (KithEdsSources *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (KITH_IS_EDS_SOURCES (self));

  g_cancellable_cancel (self->cancellable);
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    self->stop_watch (value);
  g_hash_table_remove_all (self->watches);
  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
  g_clear_object (&self->registry);
}

/**
 * kith_eds_sources_get_registry:
 *
 * Returns: (transfer none) (nullable): the registry, once open and until stopped
 */
ESourceRegistry *
kith_eds_sources_get_registry (KithEdsSources *self)
{
  g_return_val_if_fail (KITH_IS_EDS_SOURCES (self), NULL);

  return self->registry;
}

/**
 * kith_eds_sources_get_items:
 *
 * Returns: (transfer none): the items of the enabled sources, as the last sync left them
 */
GListModel *
kith_eds_sources_get_items (KithEdsSources *self)
{
  g_return_val_if_fail (KITH_IS_EDS_SOURCES (self), NULL);

  return G_LIST_MODEL (self->items);
}

/**
 * kith_eds_sources_find:
 *
 * Returns: (transfer none) (nullable): the list's item for the source @uid
 */
gpointer
kith_eds_sources_find (KithEdsSources *self,
                       const char     *uid)
{
  g_return_val_if_fail (KITH_IS_EDS_SOURCES (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  return g_hash_table_lookup (self->items_by_uid, uid);
}

/**
 * kith_eds_sources_dup_uids:
 *
 * Every source of the list's kind, enabled or not: the settings of one that is disabled are
 * known when it is enabled.
 *
 * Returns: (transfer full): their UIDs
 */
GStrv
kith_eds_sources_dup_uids (KithEdsSources *self)
{
  g_autoptr(GStrvBuilder) uids = g_strv_builder_new ();
  GList *sources;

  g_return_val_if_fail (KITH_IS_EDS_SOURCES (self), NULL);
  g_return_val_if_fail (self->registry != NULL, NULL);

  sources = e_source_registry_list_sources (self->registry, self->extension_name);
  for (GList *l = sources; l != NULL; l = l->next)
    g_strv_builder_add (uids, e_source_get_uid (l->data));
  g_list_free_full (sources, g_object_unref);

  return g_strv_builder_end (uids);
}

/**
 * kith_eds_sources_sync:
 * @update: gives the item of each enabled source, and starts or stops its watch
 *
 * The list follows the registry's enabled sources: the same objects for the same sources, so
 * that rows bound to them stay; it changes only where sources came or went. The watches of
 * sources removed or disabled stop.
 */
void
kith_eds_sources_sync (KithEdsSources    *self,
                       KithEdsUpdateFunc  update,
                       gpointer           user_data)
{
  GList *sources;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *by_uid;
  guint n;
  gboolean same;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (KITH_IS_EDS_SOURCES (self));
  g_return_if_fail (self->registry != NULL);
  g_return_if_fail (update != NULL);

  sources = e_source_registry_list_enabled (self->registry, self->extension_name);
  by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  same = n == g_list_length (sources);
  for (GList *l = sources; l != NULL; l = l->next)
    {
      gpointer item = update (l->data, user_data);
      guint position = G_MAXUINT;

      same = same && g_list_store_find (self->items, item, &position) && position == items->len;
      g_hash_table_insert (by_uid, g_strdup (e_source_get_uid (l->data)), item);
      g_ptr_array_add (items, item);
    }

  /* Sources removed or disabled: nothing more is read from them */
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (by_uid, key))
      {
        self->stop_watch (value);
        g_hash_table_iter_remove (&iter);
      }

  if (!same)
    g_list_store_splice (self->items, 0, n, items->pdata, items->len);
  g_hash_table_unref (self->items_by_uid);
  self->items_by_uid = by_uid;
  g_list_free_full (sources, g_object_unref);
}

/**
 * kith_eds_sources_get_watch:
 *
 * Returns: (transfer none) (nullable): the watch of the source @uid, when it is followed
 */
gpointer
kith_eds_sources_get_watch (KithEdsSources *self,
                            const char     *uid)
{
  g_return_val_if_fail (KITH_IS_EDS_SOURCES (self), NULL);

  return g_hash_table_lookup (self->watches, uid);
}

/**
 * kith_eds_sources_add_watch:
 * @watch: (transfer full): the watch of the source @uid, which has none
 */
void
kith_eds_sources_add_watch (KithEdsSources *self,
                            const char     *uid,
                            gpointer        watch)
{
  g_return_if_fail (KITH_IS_EDS_SOURCES (self));
  g_return_if_fail (G_IS_OBJECT (watch));

  g_hash_table_insert (self->watches, g_strdup (uid), watch);
}

/**
 * kith_eds_sources_stop_watch:
 *
 * Stops the watch of the source @uid, if it has one.
 */
void
kith_eds_sources_stop_watch (KithEdsSources *self,
                             const char     *uid)
{
  gpointer watch;

  g_return_if_fail (KITH_IS_EDS_SOURCES (self));

  if ((watch = g_hash_table_lookup (self->watches, uid)) == NULL)
    return;
  self->stop_watch (watch);
  g_hash_table_remove (self->watches, uid);
}

/**
 * kith_eds_read_settings:
 * @prefix: the settings' key before the UID, as "calendar-follow:"
 *
 * On the store's worker: the settings @prefix<uid> of the sources @uids.
 *
 * Returns: (transfer full): uid → the setting, for those of @uids that have one
 */
GHashTable *
kith_eds_read_settings (KithStore          *store,
                        const char         *prefix,
                        const char * const *uids)
{
  GHashTable *settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (KITH_IS_STORE (store), settings);
  g_return_val_if_fail (prefix != NULL && uids != NULL, settings);

  for (guint i = 0; uids[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat (prefix, uids[i], NULL);
      char *value = kith_store_dup_setting (store, key);

      if (value != NULL)
        g_hash_table_insert (settings, g_strdup (uids[i]), value);
    }

  return settings;
}
