/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStorePage: what the pages of Preferences that show the store's settings share. The window
 * binds its store to each page, which then loads; its reads are cancelled when it goes away,
 * its writes are not (a write made is never lost), and after a write it shows the store again.
 */

#define G_LOG_DOMAIN "KithStorePage"

#include "config.h"

#include "kith-gui-util.h"
#include "kith-store-page.h"

typedef struct
{
  KithStore    *store;
  GCancellable *cancellable;
} KithStorePagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KithStorePage, kith_store_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_store (KithStorePage *self,
           KithStore     *store)
{
  KithStorePagePrivate *priv = kith_store_page_get_instance_private (self);

  if (!g_set_object (&priv->store, store))
    return;

  kith_store_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
kith_store_page_dispose (GObject *object)
{
  KithStorePage *self = KITH_STORE_PAGE (object);
  KithStorePagePrivate *priv = kith_store_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (kith_store_page_parent_class)->dispose (object);
}

static void
kith_store_page_finalize (GObject *object)
{
  KithStorePage *self = KITH_STORE_PAGE (object);
  KithStorePagePrivate *priv = kith_store_page_get_instance_private (self);

  g_object_unref (priv->cancellable);

  G_OBJECT_CLASS (kith_store_page_parent_class)->finalize (object);
}

static void
kith_store_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KithStorePage *self = KITH_STORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, kith_store_page_get_store (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_store_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KithStorePage *self = KITH_STORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_store_page_class_init (KithStorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_store_page_dispose;
  object_class->finalize = kith_store_page_finalize;
  object_class->get_property = kith_store_page_get_property;
  object_class->set_property = kith_store_page_set_property;

  /* Set by the window's binding once the window has it */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_store_page_init (KithStorePage *self)
{
  KithStorePagePrivate *priv = kith_store_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

/**
 * kith_store_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store whose settings the page shows
 */
KithStore *
kith_store_page_get_store (KithStorePage *self)
{
  KithStorePagePrivate *priv = kith_store_page_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_STORE_PAGE (self), NULL);

  return priv->store;
}

/**
 * kith_store_page_get_cancellable:
 *
 * Returns: (transfer none): cancelled when the page goes away: for reads only
 */
GCancellable *
kith_store_page_get_cancellable (KithStorePage *self)
{
  KithStorePagePrivate *priv = kith_store_page_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_STORE_PAGE (self), NULL);

  return priv->cancellable;
}

/* Reads what the page shows again, unless it has no store or is going away */
void
kith_store_page_reload (KithStorePage *self)
{
  KithStorePagePrivate *priv = kith_store_page_get_instance_private (self);

  g_return_if_fail (KITH_IS_STORE_PAGE (self));

  if (priv->store != NULL && !g_cancellable_is_cancelled (priv->cancellable))
    KITH_STORE_PAGE_GET_CLASS (self)->load (self);
}

/**
 * kith_store_page_written:
 * @ok: whether the write succeeded
 * @error: (nullable): why not
 *
 * After a write: says why it failed, if it did, and shows what the store has now.
 */
void
kith_store_page_written (KithStorePage *self,
                         gboolean       ok,
                         GError        *error)
{
  g_return_if_fail (KITH_IS_STORE_PAGE (self));

  if (!ok)
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  kith_store_page_reload (self);
}
