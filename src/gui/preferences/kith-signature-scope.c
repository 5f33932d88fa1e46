/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSignatureScope: what a set of signatures belongs to — a mail account as a whole (its own
 * address) or one of its aliases — and kith_signature_scopes_new (), every account's scopes in
 * one list model that follows the accounts, for Preferences → Mail's Signatures.
 */

#define G_LOG_DOMAIN "KithSignatureScope"

#include "config.h"

#include <gtk/gtk.h>

#include "kith-signature-scope.h"

struct _KithSignatureScope
{
  GObject  parent_instance;

  char    *account;   /* the EDS mail account's source UID */
  char    *address;   /* an alias, or NULL for the whole account */
  char    *title;
};

G_DEFINE_FINAL_TYPE (KithSignatureScope, kith_signature_scope, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_ADDRESS,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_signature_scope_finalize (GObject *object)
{
  KithSignatureScope *self = KITH_SIGNATURE_SCOPE (object);

  g_free (self->account);
  g_free (self->address);
  g_free (self->title);

  G_OBJECT_CLASS (kith_signature_scope_parent_class)->finalize (object);
}

static void
kith_signature_scope_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithSignatureScope *self = KITH_SIGNATURE_SCOPE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_scope_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithSignatureScope *self = KITH_SIGNATURE_SCOPE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_string (value);
      break;
    case PROP_ADDRESS:
      self->address = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_scope_class_init (KithSignatureScopeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_signature_scope_finalize;
  object_class->get_property = kith_signature_scope_get_property;
  object_class->set_property = kith_signature_scope_set_property;

  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_signature_scope_init (KithSignatureScope *self)
{
}

/**
 * kith_signature_scope_new:
 * @address: (nullable): an alias of @account, or %NULL for the account as a whole
 * @title: what the user knows it by: the address
 */
KithSignatureScope *
kith_signature_scope_new (const char *account,
                          const char *address,
                          const char *title)
{
  return g_object_new (KITH_TYPE_SIGNATURE_SCOPE, "account", account, "address", address, "title", title, NULL);
}

const char *
kith_signature_scope_get_account (KithSignatureScope *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE_SCOPE (self), NULL);

  return self->account;
}

const char *
kith_signature_scope_get_address (KithSignatureScope *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE_SCOPE (self), NULL);

  return self->address;
}

const char *
kith_signature_scope_get_title (KithSignatureScope *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE_SCOPE (self), NULL);

  return self->title;
}

/* An account's scopes: itself, then each alias */
static void
fill_scopes (GListStore      *scopes,
             KithMailAccount *account)
{
  const char *uid = kith_mail_account_get_uid (account);
  const char * const *aliases = kith_mail_account_get_aliases (account);
  const char *address = kith_mail_account_get_address (account);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (fresh, kith_signature_scope_new (uid, NULL, address != NULL ? address
                                                                               : kith_mail_account_get_title (account)));
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    g_ptr_array_add (fresh, kith_signature_scope_new (uid, aliases[i], aliases[i]));
  g_list_store_splice (scopes, 0, g_list_model_get_n_items (G_LIST_MODEL (scopes)), fresh->pdata, fresh->len);
}

/* An alias added or removed on the account (Preferences, Evolution) is a scope more or less */
static void
on_account_identity_cb (KithMailAccount *account,
                        GParamSpec      *pspec,
                        GListStore      *scopes)
{
  fill_scopes (scopes, account);
}

static gpointer
account_scopes (gpointer item,
                gpointer user_data)
{
  g_autoptr(KithMailAccount) account = item;
  GListStore *scopes = g_list_store_new (KITH_TYPE_SIGNATURE_SCOPE);

  fill_scopes (scopes, account);
  g_signal_connect_object (account, "notify::aliases", G_CALLBACK (on_account_identity_cb), scopes, 0);
  g_signal_connect_object (account, "notify::address", G_CALLBACK (on_account_identity_cb), scopes, 0);
  return scopes;
}

/**
 * kith_signature_scopes_new:
 * @accounts: a list model of KithMailAccount
 *
 * Returns: (transfer full): a list model of KithSignatureScope: each account, then its aliases
 */
GListModel *
kith_signature_scopes_new (GListModel *accounts)
{
  GtkMapListModel *map = gtk_map_list_model_new (g_object_ref (accounts), account_scopes, NULL, NULL);

  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (map)));
}
