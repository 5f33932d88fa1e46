/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithInboxModel: the Inbox as a list of KithMessage, newest first. It reads the Inbox again
 * when the store changes (and every minute, for snoozed mail coming back) and applies only
 * what changed; Done, Snooze and Undo take one message out or put it back at once, without
 * waiting for the store. While nobody sees it (kith_inbox_model_set_shown()), a new reading is
 * kept aside and only its count is told; it is applied when the Inbox is shown again, and the
 * Inbox is read again for a change no sooner than KITH_HIDDEN_WAIT_S after the last reading.
 */

#define G_LOG_DOMAIN "KithInboxModel"

#include "config.h"

#include "kith-inbox-model.h"
#include "kith-inbox-store.h"
#include "kith-list-sync.h"

struct _KithInboxModel
{
  GObject       parent_instance;

  KithStore    *store;
  GListStore   *messages;
  GCancellable *cancellable;
  KithSerial    refresh;
  guint         tick_id;
  guint         wait_id;     /* a reading while hidden, waiting its turn */
  gint64        listed_at;   /* when the last reading came back, monotonic µs */
  gboolean      loaded;
  gboolean      hidden;
  /* The last reading while hidden, newest first */
  GPtrArray    *pending;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithInboxModel, kith_inbox_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADED,
  PROP_N_ITEMS,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return KITH_TYPE_MESSAGE;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (KITH_INBOX_MODEL (model)->messages));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (KITH_INBOX_MODEL (model)->messages), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_messages_changed_cb (KithInboxModel *self,
                        guint           position,
                        guint           removed,
                        guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
}

static gboolean
same_message (gpointer message,
              gpointer other)
{
  return kith_message_get_id (message) == kith_message_get_id (other);
}

static void
update_message (gpointer message,
                gpointer from)
{
  kith_message_update (message, from);
}

static void
apply_listing (KithInboxModel *self,
               GPtrArray      *messages)
{
  kith_list_store_sync (self->messages, messages, same_message, update_message);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

/* Hidden: syncing the list (and the rows bound to it) is main-thread work nobody would see */
static void
keep_listing (KithInboxModel *self,
              GPtrArray      *messages)
{
  guint count = kith_inbox_model_get_count (self);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending = g_ptr_array_ref (messages);
  if (count != messages->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void refresh_soon (KithInboxModel *self);

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithInboxModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = kith_store_list_inbox_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->listed_at = g_get_monotonic_time ();
  if (messages == NULL)
    g_warning ("Could not read the Inbox: %s", error->message);
  else if (self->hidden)
    keep_listing (self, messages);
  else
    apply_listing (self, messages);

  if (kith_serial_end (&self->refresh))
    refresh_soon (self);
}

static gboolean
on_wait_over_cb (gpointer data)
{
  KithInboxModel *self = data;

  self->wait_id = 0;
  kith_inbox_model_refresh (self);

  return G_SOURCE_REMOVE;
}

/* After a change: at once when shown, else KITH_HIDDEN_WAIT_S after the last reading. While
 * one runs, kith_inbox_model_refresh () only asks for the next, which comes back here. */
static void
refresh_soon (KithInboxModel *self)
{
  guint wait_ms = kith_hidden_wait_ms (self->listed_at);

  if (!self->hidden || self->refresh.running || wait_ms == 0)
    kith_inbox_model_refresh (self);
  else if (self->wait_id == 0)
    self->wait_id = g_timeout_add (wait_ms, on_wait_over_cb, self);
}

static void
on_store_changed_cb (KithStore      *store,
                     KithStoreChanges *changes,
                     KithInboxModel *self)
{
  refresh_soon (self);
}

static gboolean
on_tick_cb (gpointer data)
{
  kith_inbox_model_refresh (data);

  return G_SOURCE_CONTINUE;
}

static void
kith_inbox_model_constructed (GObject *object)
{
  KithInboxModel *self = KITH_INBOX_MODEL (object);

  G_OBJECT_CLASS (kith_inbox_model_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  /* Snoozed mail comes back on time */
  self->tick_id = g_timeout_add_seconds (60, on_tick_cb, self);
  kith_inbox_model_refresh (self);
}

static void
kith_inbox_model_dispose (GObject *object)
{
  KithInboxModel *self = KITH_INBOX_MODEL (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->wait_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_inbox_model_parent_class)->dispose (object);
}

static void
kith_inbox_model_finalize (GObject *object)
{
  KithInboxModel *self = KITH_INBOX_MODEL (object);

  g_clear_object (&self->messages);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (kith_inbox_model_parent_class)->finalize (object);
}

static void
kith_inbox_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithInboxModel *self = KITH_INBOX_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, get_n_items (G_LIST_MODEL (self)));
      break;
    case PROP_COUNT:
      g_value_set_uint (value, kith_inbox_model_get_count (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_inbox_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithInboxModel *self = KITH_INBOX_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_inbox_model_class_init (KithInboxModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kith_inbox_model_constructed;
  object_class->dispose = kith_inbox_model_dispose;
  object_class->finalize = kith_inbox_model_finalize;
  object_class->get_property = kith_inbox_model_get_property;
  object_class->set_property = kith_inbox_model_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The Inbox has been read once: until then, empty means "not yet known" */
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How many messages the Inbox has: the last reading's, even one kept aside while hidden */
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_inbox_model_init (KithInboxModel *self)
{
  self->messages = g_list_store_new (KITH_TYPE_MESSAGE);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->messages, "items-changed", G_CALLBACK (on_messages_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * kith_inbox_model_new:
 *
 * Returns: (transfer full): the Inbox, read at once and again whenever @store changes
 */
KithInboxModel *
kith_inbox_model_new (KithStore *store)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_INBOX_MODEL, "store", store, NULL);
}

KithStore *
kith_inbox_model_get_store (KithInboxModel *self)
{
  g_return_val_if_fail (KITH_IS_INBOX_MODEL (self), NULL);

  return self->store;
}

gboolean
kith_inbox_model_get_loaded (KithInboxModel *self)
{
  g_return_val_if_fail (KITH_IS_INBOX_MODEL (self), FALSE);

  return self->loaded;
}

/**
 * kith_inbox_model_refresh:
 *
 * Reads the Inbox again; requests while a read runs make one more read after it.
 */
void
kith_inbox_model_refresh (KithInboxModel *self)
{
  g_return_if_fail (KITH_IS_INBOX_MODEL (self));

  if (self->store == NULL || !kith_serial_begin (&self->refresh))
    return;

  g_clear_handle_id (&self->wait_id, g_source_remove);
  kith_store_list_inbox_async (self->store, self->cancellable, on_listed_cb, g_object_ref (self));
}

/**
 * kith_inbox_model_find:
 * @out_position: (out) (optional): where the message with @id is
 *
 * Returns: whether a message with @id is in the Inbox
 */
gboolean
kith_inbox_model_find (KithInboxModel *self,
                       gint64          id,
                       guint          *out_position)
{
  g_return_val_if_fail (KITH_IS_INBOX_MODEL (self), FALSE);

  for (guint i = 0; i < get_n_items (G_LIST_MODEL (self)); i++)
    {
      g_autoptr(KithMessage) message = get_item (G_LIST_MODEL (self), i);

      if (kith_message_get_id (message) == id)
        {
          if (out_position != NULL)
            *out_position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * kith_inbox_model_remove:
 *
 * Takes @message out of the list (Done, Snooze) without waiting for the store to say so.
 */
void
kith_inbox_model_remove (KithInboxModel *self,
                         KithMessage    *message)
{
  guint position;

  g_return_if_fail (KITH_IS_INBOX_MODEL (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  if (g_list_store_find (self->messages, message, &position))
    g_list_store_remove (self->messages, position);
  if (self->pending != NULL && g_ptr_array_find_with_equal_func (self->pending, message, (GEqualFunc) same_message, &position))
    {
      g_ptr_array_remove_index (self->pending, position);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  gint64 date_a = kith_message_get_date ((KithMessage *) a), date_b = kith_message_get_date ((KithMessage *) b);
  gint64 id_a = kith_message_get_id ((KithMessage *) a), id_b = kith_message_get_id ((KithMessage *) b);

  if (date_a != date_b)
    return date_a > date_b ? -1 : 1;
  return id_a > id_b ? -1 : id_a < id_b ? 1 : 0;
}

/**
 * kith_inbox_model_restore:
 *
 * Puts @message back in its place (Undo) without waiting for the store.
 */
void
kith_inbox_model_restore (KithInboxModel *self,
                          KithMessage    *message)
{
  g_return_if_fail (KITH_IS_INBOX_MODEL (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  if (!g_list_store_find (self->messages, message, NULL) &&
      !kith_inbox_model_find (self, kith_message_get_id (message), NULL))
    g_list_store_insert_sorted (self->messages, message, compare_newest_first, NULL);
}

/**
 * kith_inbox_model_set_shown:
 * @shown: whether the Inbox is on screen
 *
 * While not shown, readings are kept aside (only #KithInboxModel:count follows them); the last
 * one is applied when the Inbox is shown again.
 */
void
kith_inbox_model_set_shown (KithInboxModel *self,
                            gboolean        shown)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_if_fail (KITH_IS_INBOX_MODEL (self));

  self->hidden = !shown;
  pending = g_steal_pointer (&self->pending);
  if (shown && pending != NULL)
    apply_listing (self, pending);
  else if (pending != NULL)
    self->pending = g_steal_pointer (&pending);
  /* A change the hidden Inbox waited to read: now */
  if (shown && self->wait_id != 0)
    kith_inbox_model_refresh (self);
}

/**
 * kith_inbox_model_get_count:
 *
 * Returns: how many messages the Inbox has, as last read
 */
guint
kith_inbox_model_get_count (KithInboxModel *self)
{
  g_return_val_if_fail (KITH_IS_INBOX_MODEL (self), 0);

  return self->pending != NULL ? self->pending->len : get_n_items (G_LIST_MODEL (self));
}
