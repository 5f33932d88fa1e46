/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-deal-participant.h"
#include "kith-enums.h"

/*
 * A person or company a deal goes with, and in what role: a participant (the buyer, the
 * seller) or one of the deal's team. One the store has is a record (id, name, kind); one added
 * to a new deal may be named as the user typed it (an email, a domain, #id), for the store to
 * find when it writes the deal.
 */

struct _KithDealParticipant
{
  GObject         parent_instance;

  gint64          id;
  char           *name;
  KithRecordKind  kind;
  char           *identifier;
  KithDealRole    role;
};

G_DEFINE_FINAL_TYPE (KithDealParticipant, kith_deal_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_IDENTIFIER,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_deal_participant_finalize (GObject *object)
{
  KithDealParticipant *self = (KithDealParticipant *) object;

  g_free (self->name);
  g_free (self->identifier);

  G_OBJECT_CLASS (kith_deal_participant_parent_class)->finalize (object);
}

static void
kith_deal_participant_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithDealParticipant *self = KITH_DEAL_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_IDENTIFIER: g_value_set_string (value, self->identifier); break;
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_deal_participant_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KithDealParticipant *self = KITH_DEAL_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_KIND: self->kind = g_value_get_enum (value); break;
    case PROP_IDENTIFIER: self->identifier = g_value_dup_string (value); break;
    case PROP_ROLE: self->role = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_deal_participant_class_init (KithDealParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_deal_participant_finalize;
  object_class->get_property = kith_deal_participant_get_property;
  object_class->set_property = kith_deal_participant_set_property;

  /* 0 until the store has found the record the identifier names */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON, flags);
  properties[PROP_IDENTIFIER] = g_param_spec_string ("identifier", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, KITH_TYPE_DEAL_ROLE, KITH_DEAL_ROLE_PARTICIPANT,
                                             flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_deal_participant_init (KithDealParticipant *self)
{
}

/**
 * kith_deal_participant_new:
 * @id: the record's id
 *
 * Returns: (transfer full): record @id in @role
 */
KithDealParticipant *
kith_deal_participant_new (gint64          id,
                           const char     *name,
                           KithRecordKind  kind,
                           KithDealRole    role)
{
  return g_object_new (KITH_TYPE_DEAL_PARTICIPANT, "id", id, "name", name, "kind", kind, "role", role, NULL);
}

/**
 * kith_deal_participant_new_named:
 * @identifier: what names the record: an email, a domain, #id
 *
 * Returns: (transfer full): a participant for a new deal, which the store finds as it writes
 *   the deal (refusing the deal when it finds none)
 */
KithDealParticipant *
kith_deal_participant_new_named (const char   *identifier,
                                 KithDealRole  role)
{
  return g_object_new (KITH_TYPE_DEAL_PARTICIPANT, "identifier", identifier, "role", role, NULL);
}

gint64
kith_deal_participant_get_id (KithDealParticipant *self)
{
  g_return_val_if_fail (KITH_IS_DEAL_PARTICIPANT (self), 0);

  return self->id;
}

const char *
kith_deal_participant_get_name (KithDealParticipant *self)
{
  g_return_val_if_fail (KITH_IS_DEAL_PARTICIPANT (self), NULL);

  return self->name;
}

KithRecordKind
kith_deal_participant_get_kind (KithDealParticipant *self)
{
  g_return_val_if_fail (KITH_IS_DEAL_PARTICIPANT (self), KITH_RECORD_PERSON);

  return self->kind;
}

/**
 * kith_deal_participant_get_identifier:
 *
 * Returns: (nullable): what names the record, as typed, when the store has not found it yet
 */
const char *
kith_deal_participant_get_identifier (KithDealParticipant *self)
{
  g_return_val_if_fail (KITH_IS_DEAL_PARTICIPANT (self), NULL);

  return self->identifier;
}

KithDealRole
kith_deal_participant_get_role (KithDealParticipant *self)
{
  g_return_val_if_fail (KITH_IS_DEAL_PARTICIPANT (self), KITH_DEAL_ROLE_PARTICIPANT);

  return self->role;
}
