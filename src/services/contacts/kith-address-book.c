/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithAddressBook: one address book of the evolution-data-server registry as Preferences →
 * Contacts shows it: its name and account, whether Kith can write to it, whether Kith keeps it
 * in sync ("followed"), and the state and progress of that. KithBookService keeps them.
 */

#include "config.h"

#include "kith-address-book.h"

struct _KithAddressBook
{
  GObject               parent_instance;

  char                 *uid;
  char                 *name;
  char                 *account;
  gboolean              writable;
  gboolean              followed;
  KithAddressBookState  state;
  char                 *error;
  double                progress;
};

G_DEFINE_FINAL_TYPE (KithAddressBook, kith_address_book, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KithAddressBookState, kith_address_book_state,
  G_DEFINE_ENUM_VALUE (KITH_ADDRESS_BOOK_STATE_OFF, "off"),
  G_DEFINE_ENUM_VALUE (KITH_ADDRESS_BOOK_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (KITH_ADDRESS_BOOK_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (KITH_ADDRESS_BOOK_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (KITH_ADDRESS_BOOK_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_UID,
  PROP_NAME,
  PROP_ACCOUNT,
  PROP_WRITABLE,
  PROP_FOLLOWED,
  PROP_STATE,
  PROP_ERROR,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_address_book_finalize (GObject *object)
{
  KithAddressBook *self = KITH_ADDRESS_BOOK (object);

  g_free (self->uid);
  g_free (self->name);
  g_free (self->account);
  g_free (self->error);

  G_OBJECT_CLASS (kith_address_book_parent_class)->finalize (object);
}

static void
kith_address_book_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithAddressBook *self = KITH_ADDRESS_BOOK (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_WRITABLE:
      g_value_set_boolean (value, self->writable);
      break;
    case PROP_FOLLOWED:
      g_value_set_boolean (value, self->followed);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_book_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithAddressBook *self = KITH_ADDRESS_BOOK (object);

  switch (prop_id)
    {
    case PROP_UID:
      self->uid = g_value_dup_string (value);
      break;
    case PROP_NAME:
      kith_address_book_set_name (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT:
      kith_address_book_set_account (self, g_value_get_string (value));
      break;
    case PROP_WRITABLE:
      kith_address_book_set_writable (self, g_value_get_boolean (value));
      break;
    case PROP_FOLLOWED:
      kith_address_book_set_followed (self, g_value_get_boolean (value));
      break;
    case PROP_PROGRESS:
      kith_address_book_set_progress (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_book_class_init (KithAddressBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_address_book_finalize;
  object_class->get_property = kith_address_book_get_property;
  object_class->set_property = kith_address_book_set_property;

  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, rw);
  properties[PROP_WRITABLE] = g_param_spec_boolean ("writable", NULL, NULL, FALSE, rw);
  properties[PROP_FOLLOWED] = g_param_spec_boolean ("followed", NULL, NULL, FALSE, rw);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, KITH_TYPE_ADDRESS_BOOK_STATE,
                                              KITH_ADDRESS_BOOK_STATE_OFF, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_address_book_init (KithAddressBook *self)
{
}

KithAddressBook *
kith_address_book_new (const char *uid)
{
  return g_object_new (KITH_TYPE_ADDRESS_BOOK, "uid", uid, NULL);
}

const char *
kith_address_book_get_uid (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), NULL);
  return self->uid;
}

static void
set_string (KithAddressBook  *self,
            char            **field,
            const char       *value,
            guint             prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (KithAddressBook *self,
             gboolean        *field,
             gboolean         value,
             guint            prop)
{
  if (*field == !!value)
    return;
  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
kith_address_book_get_name (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), NULL);
  return self->name;
}

void
kith_address_book_set_name (KithAddressBook *self,
                            const char      *name)
{
  g_return_if_fail (KITH_IS_ADDRESS_BOOK (self));
  set_string (self, &self->name, name, PROP_NAME);
}

/* The account the book belongs to (its parent source's name): "Google", a CardDAV server… */
const char *
kith_address_book_get_account (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), NULL);
  return self->account;
}

void
kith_address_book_set_account (KithAddressBook *self,
                               const char      *account)
{
  g_return_if_fail (KITH_IS_ADDRESS_BOOK (self));
  set_string (self, &self->account, account, PROP_ACCOUNT);
}

gboolean
kith_address_book_get_writable (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), FALSE);
  return self->writable;
}

void
kith_address_book_set_writable (KithAddressBook *self,
                                gboolean         writable)
{
  g_return_if_fail (KITH_IS_ADDRESS_BOOK (self));
  set_boolean (self, &self->writable, writable, PROP_WRITABLE);
}

gboolean
kith_address_book_get_followed (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), FALSE);
  return self->followed;
}

/* What the setting says; KithBookService stores it (kith_book_service_set_followed ()) */
void
kith_address_book_set_followed (KithAddressBook *self,
                                gboolean         followed)
{
  g_return_if_fail (KITH_IS_ADDRESS_BOOK (self));
  set_boolean (self, &self->followed, followed, PROP_FOLLOWED);
}

KithAddressBookState
kith_address_book_get_state (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), KITH_ADDRESS_BOOK_STATE_OFF);
  return self->state;
}

const char *
kith_address_book_get_error (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), NULL);
  return self->error;
}

void
kith_address_book_set_state (KithAddressBook      *self,
                             KithAddressBookState  state,
                             const char           *error)
{
  g_return_if_fail (KITH_IS_ADDRESS_BOOK (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  set_string (self, &self->error, error, PROP_ERROR);
  g_object_thaw_notify (G_OBJECT (self));
}

/* How much of the first reading of the book is done, from 0 to 1 */
double
kith_address_book_get_progress (KithAddressBook *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (self), 0.0);
  return self->progress;
}

void
kith_address_book_set_progress (KithAddressBook *self,
                                double           progress)
{
  g_return_if_fail (KITH_IS_ADDRESS_BOOK (self));

  progress = CLAMP (progress, 0.0, 1.0);
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}
