/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The addresses mail can go from, as the composer and the mail merge offer them: each account's
 * own address, then its aliases, in the order of the accounts. A list model of KithFromAddress,
 * so that both show the same choices the same way. Its owner reloads it when the accounts
 * change (kith_from_list_reload ()), after taking note of what was chosen.
 */

#define G_LOG_DOMAIN "KithModel"

#include "config.h"

#include "kith-from-list.h"
#include "kith-mail-account.h"

struct _KithFromAddress
{
  GObject  parent_instance;

  char    *account;
  char    *address;
  char    *name;
  char    *smtp_host;
  char    *label;
};

G_DEFINE_FINAL_TYPE (KithFromAddress, kith_from_address, G_TYPE_OBJECT)

enum {
  ADDRESS_PROP_0,
  ADDRESS_PROP_LABEL,
  ADDRESS_N_PROPS
};

static GParamSpec *address_properties[ADDRESS_N_PROPS];

static void
kith_from_address_finalize (GObject *object)
{
  KithFromAddress *self = KITH_FROM_ADDRESS (object);

  g_free (self->account);
  g_free (self->address);
  g_free (self->name);
  g_free (self->smtp_host);
  g_free (self->label);

  G_OBJECT_CLASS (kith_from_address_parent_class)->finalize (object);
}

static void
kith_from_address_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithFromAddress *self = KITH_FROM_ADDRESS (object);

  switch (prop_id)
    {
    case ADDRESS_PROP_LABEL: g_value_set_string (value, self->label); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_from_address_class_init (KithFromAddressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_from_address_finalize;
  object_class->get_property = kith_from_address_get_property;

  /* What a From list shows: "Name <address>", or the address when the account has no name */
  address_properties[ADDRESS_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ADDRESS_N_PROPS, address_properties);
}

static void
kith_from_address_init (KithFromAddress *self)
{
}

static KithFromAddress *
kith_from_address_new (KithMailAccount *account,
                       const char      *address)
{
  KithFromAddress *self = g_object_new (KITH_TYPE_FROM_ADDRESS, NULL);
  const char *name = kith_mail_account_get_name (account);

  self->account = g_strdup (kith_mail_account_get_uid (account));
  self->address = g_strdup (address);
  self->name = g_strdup (name);
  self->smtp_host = g_strdup (kith_mail_account_get_smtp_host (account));
  self->label = name != NULL && *name != '\0' ? g_strdup_printf ("%s <%s>", name, address) : g_strdup (address);

  return self;
}

/** kith_from_address_get_account: Returns: the uid of the account it sends through */
const char *
kith_from_address_get_account (KithFromAddress *self)
{
  g_return_val_if_fail (KITH_IS_FROM_ADDRESS (self), NULL);
  return self->account;
}

/** kith_from_address_get_address: Returns: the account's address or one of its aliases */
const char *
kith_from_address_get_address (KithFromAddress *self)
{
  g_return_val_if_fail (KITH_IS_FROM_ADDRESS (self), NULL);
  return self->address;
}

/** kith_from_address_get_name: Returns: (nullable): the account's name for the From header */
const char *
kith_from_address_get_name (KithFromAddress *self)
{
  g_return_val_if_fail (KITH_IS_FROM_ADDRESS (self), NULL);
  return self->name;
}

/** kith_from_address_get_smtp_host: Returns: (nullable): the server the account sends through */
const char *
kith_from_address_get_smtp_host (KithFromAddress *self)
{
  g_return_val_if_fail (KITH_IS_FROM_ADDRESS (self), NULL);
  return self->smtp_host;
}

/** kith_from_address_get_label: Returns: what a From list shows for it */
const char *
kith_from_address_get_label (KithFromAddress *self)
{
  g_return_val_if_fail (KITH_IS_FROM_ADDRESS (self), NULL);
  return self->label;
}

struct _KithFromList
{
  GObject     parent_instance;

  GListModel *accounts;    /* KithMailAccount */
  GPtrArray  *addresses;   /* KithFromAddress */
};

static void kith_from_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithFromList, kith_from_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kith_from_list_model_init))

enum {
  PROP_0,
  PROP_ACCOUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
kith_from_list_get_item_type (GListModel *model)
{
  return KITH_TYPE_FROM_ADDRESS;
}

static guint
kith_from_list_get_n_items (GListModel *model)
{
  return KITH_FROM_LIST (model)->addresses->len;
}

static gpointer
kith_from_list_get_item (GListModel *model,
                         guint       position)
{
  KithFromList *self = KITH_FROM_LIST (model);

  return position < self->addresses->len ? g_object_ref (g_ptr_array_index (self->addresses, position)) : NULL;
}

static void
kith_from_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kith_from_list_get_item_type;
  iface->get_n_items = kith_from_list_get_n_items;
  iface->get_item = kith_from_list_get_item;
}

/**
 * kith_from_list_reload:
 *
 * Lists the accounts' addresses again, as they are now: every account's address, then its
 * aliases.
 */
void
kith_from_list_reload (KithFromList *self)
{
  guint removed, n;

  g_return_if_fail (KITH_IS_FROM_LIST (self));

  removed = self->addresses->len;
  n = self->accounts != NULL ? g_list_model_get_n_items (self->accounts) : 0;

  g_ptr_array_set_size (self->addresses, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithMailAccount) account = g_list_model_get_item (self->accounts, i);
      const char * const *aliases = kith_mail_account_get_aliases (account);

      if (kith_mail_account_get_address (account) != NULL)
        g_ptr_array_add (self->addresses, kith_from_address_new (account, kith_mail_account_get_address (account)));
      for (guint j = 0; aliases != NULL && aliases[j] != NULL; j++)
        g_ptr_array_add (self->addresses, kith_from_address_new (account, aliases[j]));
    }

  if (removed > 0 || self->addresses->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->addresses->len);
}

/**
 * kith_from_list_set_accounts:
 * @accounts: (nullable): the mail accounts (#KithMailAccount) to list the addresses of
 */
void
kith_from_list_set_accounts (KithFromList *self,
                             GListModel   *accounts)
{
  g_return_if_fail (KITH_IS_FROM_LIST (self));
  g_return_if_fail (accounts == NULL || G_IS_LIST_MODEL (accounts));

  if (!g_set_object (&self->accounts, accounts))
    return;
  kith_from_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS]);
}

static void
kith_from_list_dispose (GObject *object)
{
  KithFromList *self = KITH_FROM_LIST (object);

  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (kith_from_list_parent_class)->dispose (object);
}

static void
kith_from_list_finalize (GObject *object)
{
  KithFromList *self = KITH_FROM_LIST (object);

  g_ptr_array_unref (self->addresses);

  G_OBJECT_CLASS (kith_from_list_parent_class)->finalize (object);
}

static void
kith_from_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithFromList *self = KITH_FROM_LIST (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS: g_value_set_object (value, self->accounts); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_from_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithFromList *self = KITH_FROM_LIST (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS: kith_from_list_set_accounts (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_from_list_class_init (KithFromListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_from_list_dispose;
  object_class->finalize = kith_from_list_finalize;
  object_class->get_property = kith_from_list_get_property;
  object_class->set_property = kith_from_list_set_property;

  /* The mail accounts (KithMailAccount) it lists the addresses of */
  properties[PROP_ACCOUNTS] = g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_from_list_init (KithFromList *self)
{
  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
}

KithFromList *
kith_from_list_new (GListModel *accounts)
{
  return g_object_new (KITH_TYPE_FROM_LIST, "accounts", accounts, NULL);
}

/**
 * kith_from_list_find:
 * @account: (nullable): an account's uid
 * @address: (nullable): one of its addresses; %NULL for its own
 *
 * Returns: where @address of @account is in the list, else the account's own address, else
 *   %GTK_INVALID_LIST_POSITION (G_MAXUINT)
 */
guint
kith_from_list_find (KithFromList *self,
                     const char   *account,
                     const char   *address)
{
  guint first = G_MAXUINT;

  g_return_val_if_fail (KITH_IS_FROM_LIST (self), G_MAXUINT);

  for (guint i = 0; account != NULL && i < self->addresses->len; i++)
    {
      KithFromAddress *from = g_ptr_array_index (self->addresses, i);

      if (g_strcmp0 (from->account, account) != 0)
        continue;
      if (address != NULL && g_ascii_strcasecmp (from->address, address) == 0)
        return i;
      if (first == G_MAXUINT)
        first = i;
    }

  return first;
}
