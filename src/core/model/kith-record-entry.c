/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-object-util.h"
#include "kith-record-entry.h"

/*
 * One of a record's repeated contact details (an email, a phone, a fax, a web page, a domain,
 * an address, an app link, an anniversary): its value, its label (`work`, `home`, `mobile`,
 * `other` or none; an address's own, an anniversary's name), where it leads, and where it is in
 * the record's list, which is what a change to it names.
 */

struct _KithRecordEntry
{
  GObject  parent_instance;

  char    *value;
  char    *label;
  char    *uri;
  guint    position;
};

G_DEFINE_FINAL_TYPE (KithRecordEntry, kith_record_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_LABEL,
  PROP_URI,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_record_entry_finalize (GObject *object)
{
  KithRecordEntry *self = (KithRecordEntry *)object;

  g_free (self->value);
  g_free (self->label);
  g_free (self->uri);

  G_OBJECT_CLASS (kith_record_entry_parent_class)->finalize (object);
}

static void
kith_record_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithRecordEntry *self = KITH_RECORD_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_entry_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithRecordEntry *self = KITH_RECORD_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      kith_record_entry_set_value (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      kith_record_entry_set_label (self, g_value_get_string (value));
      break;
    case PROP_URI:
      kith_record_entry_set_uri (self, g_value_get_string (value));
      break;
    case PROP_POSITION:
      kith_record_entry_set_position (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_entry_class_init (KithRecordEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_record_entry_finalize;
  object_class->get_property = kith_record_entry_get_property;
  object_class->set_property = kith_record_entry_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_record_entry_init (KithRecordEntry *self)
{
}

KithRecordEntry *
kith_record_entry_new (const char *value,
                       const char *label)
{
  return g_object_new (KITH_TYPE_RECORD_ENTRY, "value", value, "label", label, NULL);
}

const char *
kith_record_entry_get_value (KithRecordEntry *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ENTRY (self), NULL);

  return self->value;
}

void
kith_record_entry_set_value (KithRecordEntry *self,
                             const char      *value)
{
  g_return_if_fail (KITH_IS_RECORD_ENTRY (self));

  if (kith_set_str (&self->value, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * kith_record_entry_get_label:
 *
 * Returns: (nullable): `work`, `home`, `mobile`, or %NULL; an address's own label (`other`
 *   too), an anniversary's name
 */
const char *
kith_record_entry_get_label (KithRecordEntry *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ENTRY (self), NULL);

  return self->label;
}

void
kith_record_entry_set_label (KithRecordEntry *self,
                             const char      *label)
{
  g_return_if_fail (KITH_IS_RECORD_ENTRY (self));

  if (kith_set_str (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/**
 * kith_record_entry_get_uri:
 *
 * Returns: (nullable): where the entry leads (an app link's page), if anywhere
 */
const char *
kith_record_entry_get_uri (KithRecordEntry *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ENTRY (self), NULL);

  return self->uri;
}

void
kith_record_entry_set_uri (KithRecordEntry *self,
                           const char      *uri)
{
  g_return_if_fail (KITH_IS_RECORD_ENTRY (self));

  if (kith_set_str (&self->uri, uri))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
}

guint
kith_record_entry_get_position (KithRecordEntry *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ENTRY (self), 0);

  return self->position;
}

void
kith_record_entry_set_position (KithRecordEntry *self,
                                guint            position)
{
  g_return_if_fail (KITH_IS_RECORD_ENTRY (self));

  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
