/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSignature: a signature of a mail account, for one of its addresses (an alias) or for
 * all of them (address %NULL), inserted in new mail, replies, or both. Plain text: the
 * composer formats it as it formats the body. Stored by kith_store_signature_save().
 */

#define G_LOG_DOMAIN "KithSignature"

#include "config.h"

#include "kith-object-util.h"
#include "kith-signature.h"

struct _KithSignature
{
  GObject   parent_instance;

  gint64    id;
  char     *account;
  char     *address;
  char     *name;
  char     *body;
  gboolean  for_new;
  gboolean  for_replies;
};

G_DEFINE_FINAL_TYPE (KithSignature, kith_signature, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT,
  PROP_ADDRESS,
  PROP_NAME,
  PROP_BODY,
  PROP_FOR_NEW,
  PROP_FOR_REPLIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_signature_finalize (GObject *object)
{
  KithSignature *self = (KithSignature *)object;

  g_free (self->account);
  g_free (self->address);
  g_free (self->name);
  g_free (self->body);

  G_OBJECT_CLASS (kith_signature_parent_class)->finalize (object);
}

static void
kith_signature_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithSignature *self = KITH_SIGNATURE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->account); break;
    case PROP_ADDRESS: g_value_set_string (value, self->address); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_FOR_NEW: g_value_set_boolean (value, self->for_new); break;
    case PROP_FOR_REPLIES: g_value_set_boolean (value, self->for_replies); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (KithSignature *self,
             gboolean      *field,
             gboolean       value,
             guint          prop_id)
{
  if (*field == !!value)
    return;
  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
kith_signature_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithSignature *self = KITH_SIGNATURE (object);
  char **strings[N_PROPS] = {
    [PROP_ACCOUNT] = &self->account, [PROP_ADDRESS] = &self->address,
    [PROP_NAME] = &self->name, [PROP_BODY] = &self->body,
  };

  switch (prop_id)
    {
    case PROP_ID:
      kith_object_set_int64 (object, &self->id, g_value_get_int64 (value), pspec);
      break;
    case PROP_ACCOUNT:
    case PROP_ADDRESS:
    case PROP_NAME:
    case PROP_BODY:
      kith_object_set_string (object, strings[prop_id], g_value_get_string (value), pspec);
      break;
    case PROP_FOR_NEW:
      set_boolean (self, &self->for_new, g_value_get_boolean (value), prop_id);
      break;
    case PROP_FOR_REPLIES:
      set_boolean (self, &self->for_replies, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_class_init (KithSignatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_signature_finalize;
  object_class->get_property = kith_signature_get_property;
  object_class->set_property = kith_signature_set_property;

  /* 0 until saved */
  properties[PROP_ID] = kith_param_spec_int64 ("id");
  /* The evolution-data-server mail account's source UID */
  properties[PROP_ACCOUNT] = kith_param_spec_string ("account");
  /* The alias it is for, or %NULL for every address of the account */
  properties[PROP_ADDRESS] = kith_param_spec_string ("address");
  /* What Preferences calls it */
  properties[PROP_NAME] = kith_param_spec_string ("name");
  properties[PROP_BODY] = kith_param_spec_string ("body");
  /* Whether it is inserted in new mail, and in replies and forwards */
  properties[PROP_FOR_NEW] = g_param_spec_boolean ("for-new", NULL, NULL, TRUE, flags);
  properties[PROP_FOR_REPLIES] = g_param_spec_boolean ("for-replies", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_signature_init (KithSignature *self)
{
  self->for_new = TRUE;
  self->for_replies = TRUE;
}

/**
 * kith_signature_new:
 * @account: the mail account's source UID
 * @name: what Preferences calls it
 *
 * Returns: (transfer full): a signature not saved yet, for every address of @account, empty
 */
KithSignature *
kith_signature_new (const char *account,
                    const char *name)
{
  return g_object_new (KITH_TYPE_SIGNATURE, "account", account, "name", name, NULL);
}

gint64
kith_signature_get_id (KithSignature *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (self), 0);

  return self->id;
}

void
kith_signature_set_id (KithSignature *self,
                       gint64         id)
{
  g_return_if_fail (KITH_IS_SIGNATURE (self));

  g_object_set (self, "id", id, NULL);
}

const char *
kith_signature_get_account (KithSignature *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (self), NULL);

  return self->account;
}

void
kith_signature_set_account (KithSignature *self,
                            const char    *account)
{
  g_return_if_fail (KITH_IS_SIGNATURE (self));

  g_object_set (self, "account", account, NULL);
}

/**
 * kith_signature_get_address:
 *
 * Returns: (nullable): the alias it is for, or %NULL for every address of the account
 */
const char *
kith_signature_get_address (KithSignature *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (self), NULL);

  return self->address;
}

void
kith_signature_set_address (KithSignature *self,
                            const char    *address)
{
  g_return_if_fail (KITH_IS_SIGNATURE (self));

  g_object_set (self, "address", address, NULL);
}

const char *
kith_signature_get_name (KithSignature *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (self), NULL);

  return self->name;
}

void
kith_signature_set_name (KithSignature *self,
                         const char    *name)
{
  g_return_if_fail (KITH_IS_SIGNATURE (self));

  g_object_set (self, "name", name, NULL);
}

const char *
kith_signature_get_body (KithSignature *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (self), NULL);

  return self->body;
}

void
kith_signature_set_body (KithSignature *self,
                         const char    *body)
{
  g_return_if_fail (KITH_IS_SIGNATURE (self));

  g_object_set (self, "body", body, NULL);
}

gboolean
kith_signature_get_for_new (KithSignature *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (self), FALSE);

  return self->for_new;
}

void
kith_signature_set_for_new (KithSignature *self,
                            gboolean       for_new)
{
  g_return_if_fail (KITH_IS_SIGNATURE (self));

  g_object_set (self, "for-new", for_new, NULL);
}

gboolean
kith_signature_get_for_replies (KithSignature *self)
{
  g_return_val_if_fail (KITH_IS_SIGNATURE (self), FALSE);

  return self->for_replies;
}

void
kith_signature_set_for_replies (KithSignature *self,
                                gboolean       for_replies)
{
  g_return_if_fail (KITH_IS_SIGNATURE (self));

  g_object_set (self, "for-replies", for_replies, NULL);
}
