/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithBookService: address books for the application. It lists the address books of the
 * evolution-data-server registry (GOA Google, CardDAV, Exchange, local) as typed
 * KithAddressBook objects, for Preferences → Contacts, and keeps one KithBookWatch for each
 * book the user chose to keep in sync with Kith. That choice is Kith's setting
 * ("address-book-follow:UID"), off until the user turns it on: following a book writes its
 * contacts into Kith and Kith's edits into it, which nobody should find done unasked
 * (docs/contacts.md). Nothing here waits on the main thread: the registry and books are opened
 * asynchronously, settings read and written on the store's worker.
 */

#define G_LOG_DOMAIN "KithBooks"

#include "config.h"

#include <libebook/libebook.h>

#include "kith-book-service.h"
#include "kith-book-watch.h"
#include "kith-eds-sources.h"

#define FOLLOW_KEY "address-book-follow:"

struct _KithBookService
{
  GObject          parent_instance;

  KithStore       *store;
  GCancellable    *cancellable;
  KithEdsSources  *books;       /* of KithAddressBook; a KithBookWatch for each followed */
  GHashTable      *follow;      /* uid → "1" or "0": the setting, when the user chose */
  gboolean         started;
  gboolean         ready;
};

G_DEFINE_FINAL_TYPE (KithBookService, kith_book_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_followed (KithBookService *self,
             const char      *uid)
{
  return g_strcmp0 (g_hash_table_lookup (self->follow, uid), "1") == 0;
}

/* The account a book belongs to: its parent source's name, when it has one */
static char *
account_name (KithBookService *self,
              ESource         *source)
{
  const char *parent_uid = e_source_get_parent (source);
  ESourceRegistry *registry = kith_eds_sources_get_registry (self->books);
  g_autoptr(ESource) parent = parent_uid != NULL ? e_source_registry_ref_source (registry, parent_uid) : NULL;

  return parent != NULL ? g_strdup (e_source_get_display_name (parent)) : NULL;
}

/* The item for @source as the registry describes it now; a watch when it is followed */
static gpointer
update_item (ESource  *source,
             gpointer  user_data)
{
  KithBookService *self = user_data;
  const char *uid = e_source_get_uid (source);
  KithAddressBook *known = kith_eds_sources_find (self->books, uid);
  KithAddressBook *item = known != NULL ? g_object_ref (known) : kith_address_book_new (uid);
  g_autofree char *account = account_name (self, source);
  gboolean followed = is_followed (self, uid);

  g_object_freeze_notify (G_OBJECT (item));
  kith_address_book_set_name (item, e_source_get_display_name (source));
  kith_address_book_set_account (item, account);
  kith_address_book_set_followed (item, followed);
  if (followed && kith_eds_sources_get_watch (self->books, uid) == NULL)
    kith_eds_sources_add_watch (self->books, uid, kith_book_watch_new (self->store, source, item));
  else if (!followed)
    {
      kith_eds_sources_stop_watch (self->books, uid);
      kith_address_book_set_state (item, KITH_ADDRESS_BOOK_STATE_OFF, NULL);
      kith_address_book_set_progress (item, 0.0);
    }
  g_object_thaw_notify (G_OBJECT (item));

  return item;
}

/* On the store's worker: uid → the follow setting, for the books @data names that have one */
static gpointer
read_settings_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  return kith_eds_read_settings (store, FOLLOW_KEY, data);
}

static void
on_settings_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KithBookService) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *follow = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (follow == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Address book settings not read: %s", error->message);
      return;
    }

  g_hash_table_unref (self->follow);
  self->follow = follow;
  kith_eds_sources_sync (self->books, update_item, self);
  if (!self->ready)
    {
      self->ready = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

/* Reads the settings of every address book of the registry, then follows what they say */
static void
reload (KithBookService *self)
{
  kith_store_run_async (self->store, read_settings_job, kith_eds_sources_dup_uids (self->books),
                        (GDestroyNotify) g_strfreev, (GDestroyNotify) g_hash_table_unref, self->cancellable,
                        on_settings_read_cb, g_object_ref (self));
}

/* An address book came, went or changed, or the registry has just opened */
static void
on_books_changed_cb (KithEdsSources  *books,
                     ESource         *source,
                     KithBookService *self)
{
  reload (self);
}

static void
kith_book_service_dispose (GObject *object)
{
  KithBookService *self = KITH_BOOK_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  kith_eds_sources_stop (self->books);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_book_service_parent_class)->dispose (object);
}

static void
kith_book_service_finalize (GObject *object)
{
  KithBookService *self = KITH_BOOK_SERVICE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->books);
  g_hash_table_unref (self->follow);

  G_OBJECT_CLASS (kith_book_service_parent_class)->finalize (object);
}

static void
kith_book_service_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithBookService *self = KITH_BOOK_SERVICE (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_book_service_class_init (KithBookServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_book_service_dispose;
  object_class->finalize = kith_book_service_finalize;
  object_class->get_property = kith_book_service_get_property;

  /* Set once the registry's address books are listed with their settings */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_book_service_init (KithBookService *self)
{
  self->cancellable = g_cancellable_new ();
  self->books = kith_eds_sources_new (E_SOURCE_EXTENSION_ADDRESS_BOOK, KITH_TYPE_ADDRESS_BOOK,
                                      (KithEdsStopFunc) kith_book_watch_stop);
  g_signal_connect_object (self->books, "changed", G_CALLBACK (on_books_changed_cb), self, 0);
  self->follow = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

KithBookService *
kith_book_service_new (KithStore *store)
{
  KithBookService *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self = g_object_new (KITH_TYPE_BOOK_SERVICE, NULL);
  self->store = g_object_ref (store);

  return self;
}

/**
 * kith_book_service_start:
 *
 * Connects to the registry without blocking, and follows its address books from then on.
 */
void
kith_book_service_start (KithBookService *self)
{
  g_return_if_fail (KITH_IS_BOOK_SERVICE (self));

  if (self->started)
    return;
  self->started = TRUE;
  kith_eds_sources_start (self->books);
}

gboolean
kith_book_service_is_ready (KithBookService *self)
{
  g_return_val_if_fail (KITH_IS_BOOK_SERVICE (self), FALSE);

  return self->ready;
}

/**
 * kith_book_service_get_books:
 *
 * Returns: (transfer none): the registry's address books, as #KithAddressBook
 */
GListModel *
kith_book_service_get_books (KithBookService *self)
{
  g_return_val_if_fail (KITH_IS_BOOK_SERVICE (self), NULL);

  return kith_eds_sources_get_items (self->books);
}

/**
 * kith_book_service_find_book:
 *
 * Returns: (transfer none) (nullable): the address book with @uid
 */
KithAddressBook *
kith_book_service_find_book (KithBookService *self,
                             const char      *uid)
{
  g_return_val_if_fail (KITH_IS_BOOK_SERVICE (self), NULL);

  return kith_eds_sources_find (self->books, uid);
}

typedef struct {
  char     *key;
  gboolean  on;
} SettingChange;

static void
setting_change_free (SettingChange *change)
{
  g_free (change->key);
  g_free (change);
}

static gpointer
write_setting_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  SettingChange *change = data;

  return kith_store_set_setting (store, change->key, change->on ? "1" : "0", error) ? GINT_TO_POINTER (1) : NULL;
}

static void
on_setting_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (kith_store_run_finish (KITH_STORE (source), result, &error) == NULL)
    g_warning ("The address book setting was not saved: %s", error->message);
}

/**
 * kith_book_service_set_followed:
 *
 * Turns "keep in sync with Kith" on or off for the address book @uid, and saves it. A book no
 * longer followed stops there: its people stay in Kith, and stay linked to their contacts
 * should it be followed again.
 */
void
kith_book_service_set_followed (KithBookService *self,
                                const char      *uid,
                                gboolean         followed)
{
  SettingChange *change;
  ESourceRegistry *registry;
  g_autoptr(ESource) source = NULL;

  g_return_if_fail (KITH_IS_BOOK_SERVICE (self));
  g_return_if_fail (uid != NULL);

  g_hash_table_insert (self->follow, g_strdup (uid), g_strdup (followed ? "1" : "0"));
  change = g_new0 (SettingChange, 1);
  change->key = g_strconcat (FOLLOW_KEY, uid, NULL);
  change->on = followed;
  /* The user asked for it: it completes even if the service goes away */
  kith_store_run_async (self->store, write_setting_job, change, (GDestroyNotify) setting_change_free, NULL,
                        NULL, on_setting_written_cb, NULL);

  registry = kith_eds_sources_get_registry (self->books);
  source = registry != NULL ? e_source_registry_ref_source (registry, uid) : NULL;
  if (source != NULL)
    g_object_unref (update_item (source, self));
}
