/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTimelinePerson: who took part in a timeline item, and how — the sender, a recipient, a
 * participant, a record a note is about — as the item names them, with the record they are
 * when they are one.
 */

#define G_LOG_DOMAIN "KithTimelinePerson"

#include "config.h"

#include "kith-timeline-person.h"

struct _KithTimelinePerson
{
  GObject  parent_instance;

  char    *role;
  char    *value;
  char    *name;
  gint64   record_id;
};

G_DEFINE_FINAL_TYPE (KithTimelinePerson, kith_timeline_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_VALUE,
  PROP_NAME,
  PROP_RECORD_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_timeline_person_finalize (GObject *object)
{
  KithTimelinePerson *self = KITH_TIMELINE_PERSON (object);

  g_free (self->role);
  g_free (self->value);
  g_free (self->name);

  G_OBJECT_CLASS (kith_timeline_person_parent_class)->finalize (object);
}

static void
kith_timeline_person_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithTimelinePerson *self = KITH_TIMELINE_PERSON (object);

  switch (prop_id)
    {
    case PROP_ROLE: g_value_set_string (value, self->role); break;
    case PROP_VALUE: g_value_set_string (value, self->value); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_RECORD_ID: g_value_set_int64 (value, self->record_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_person_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithTimelinePerson *self = KITH_TIMELINE_PERSON (object);

  switch (prop_id)
    {
    case PROP_ROLE: self->role = g_value_dup_string (value); break;
    case PROP_VALUE: self->value = g_value_dup_string (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_RECORD_ID: self->record_id = g_value_get_int64 (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

static void
kith_timeline_person_class_init (KithTimelinePersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_timeline_person_finalize;
  object_class->get_property = kith_timeline_person_get_property;
  object_class->set_property = kith_timeline_person_set_property;

  /* "from", "to", "cc", "bcc", "participant" or "about" */
  properties[PROP_ROLE] = string_property ("role");
  /* The address, number, handle or identifier the item gave */
  properties[PROP_VALUE] = string_property ("value");
  /* The name the item gave, else their record's */
  properties[PROP_NAME] = string_property ("name");
  /* 0 when they are no record */
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_timeline_person_init (KithTimelinePerson *self)
{
}

/**
 * kith_timeline_person_new:
 * @name: (nullable): their name
 * @record_id: their record, or 0
 *
 * Returns: (transfer full): who took part in an item, as @role
 */
KithTimelinePerson *
kith_timeline_person_new (const char *role,
                          const char *value,
                          const char *name,
                          gint64      record_id)
{
  return g_object_new (KITH_TYPE_TIMELINE_PERSON, "role", role, "value", value, "name", name,
                       "record-id", record_id, NULL);
}

const char *
kith_timeline_person_get_role (KithTimelinePerson *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_PERSON (self), NULL);

  return self->role;
}

const char *
kith_timeline_person_get_value (KithTimelinePerson *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_PERSON (self), NULL);

  return self->value;
}

const char *
kith_timeline_person_get_name (KithTimelinePerson *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_PERSON (self), NULL);

  return self->name;
}

gint64
kith_timeline_person_get_record_id (KithTimelinePerson *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_PERSON (self), 0);

  return self->record_id;
}
