/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithAddressMatch: one email address of a person or company, as address completion offers it
 * (a record with two emails is two matches).
 */

#define G_LOG_DOMAIN "KithAddressMatch"

#include "config.h"

#include <string.h>

#include "kith-address-match.h"
#include "kith-enums.h"

struct _KithAddressMatch
{
  GObject         parent_instance;

  gint64          record_id;
  KithRecordKind  kind;
  char           *name;
  char           *address;
};

G_DEFINE_FINAL_TYPE (KithAddressMatch, kith_address_match, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RECORD_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_address_match_finalize (GObject *object)
{
  KithAddressMatch *self = KITH_ADDRESS_MATCH (object);

  g_free (self->name);
  g_free (self->address);

  G_OBJECT_CLASS (kith_address_match_parent_class)->finalize (object);
}

static void
kith_address_match_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithAddressMatch *self = KITH_ADDRESS_MATCH (object);

  switch (prop_id)
    {
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_match_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithAddressMatch *self = KITH_ADDRESS_MATCH (object);

  switch (prop_id)
    {
    case PROP_RECORD_ID:
      self->record_id = g_value_get_int64 (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_ADDRESS:
      self->address = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_match_class_init (KithAddressMatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_address_match_finalize;
  object_class->get_property = kith_address_match_get_property;
  object_class->set_property = kith_address_match_set_property;

  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_address_match_init (KithAddressMatch *self)
{
}

KithAddressMatch *
kith_address_match_new (gint64          record_id,
                        KithRecordKind  kind,
                        const char     *name,
                        const char     *address)
{
  return g_object_new (KITH_TYPE_ADDRESS_MATCH,
                       "record-id", record_id,
                       "kind", kind,
                       "name", name,
                       "address", address,
                       NULL);
}

gint64
kith_address_match_get_record_id (KithAddressMatch *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_MATCH (self), 0);
  return self->record_id;
}

KithRecordKind
kith_address_match_get_kind (KithAddressMatch *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_MATCH (self), KITH_RECORD_PERSON);
  return self->kind;
}

const char *
kith_address_match_get_name (KithAddressMatch *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_MATCH (self), NULL);
  return self->name;
}

const char *
kith_address_match_get_address (KithAddressMatch *self)
{
  g_return_val_if_fail (KITH_IS_ADDRESS_MATCH (self), NULL);
  return self->address;
}

/**
 * kith_address_match_dup_mailbox:
 *
 * Returns: (transfer full): "Name <address>", the name quoted when it holds characters that
 *   mean something in an address header (a comma, for one)
 */
char *
kith_address_match_dup_mailbox (KithAddressMatch *self)
{
  g_autoptr(GString) quoted = NULL;

  g_return_val_if_fail (KITH_IS_ADDRESS_MATCH (self), NULL);

  if (self->name == NULL || *self->name == '\0')
    return g_strdup (self->address);
  if (strpbrk (self->name, "()<>[]:;@\\,.\"") == NULL)
    return g_strdup_printf ("%s <%s>", self->name, self->address);

  quoted = g_string_new ("\"");
  for (const char *p = self->name; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_strdup_printf ("%s <%s>", quoted->str, self->address);
}
