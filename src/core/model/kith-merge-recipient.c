/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMergeRecipient: one recipient of a mail merge as the store has it (src/core/merge/,
 * docs/merge.md): who, to which address, where its message is, why it is left out, when it
 * is sent. A preview also carries the merged subject and body. Read-only: the merge's store
 * calls change a recipient, and a list is read again.
 */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include "kith-enums.h"
#include "kith-merge-recipient.h"

struct _KithMergeRecipient
{
  GObject parent_instance;

  guint position;
  gint64 person_id;
  char *name;
  char *address;
  KithMergeRecipientState state;
  KithMergeExclusion exclusion;
  char *detail;
  gint64 send_at;
  gint64 outgoing_id;
  char *subject;
  char *body;
};

G_DEFINE_FINAL_TYPE (KithMergeRecipient, kith_merge_recipient, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_PERSON_ID,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_STATE,
  PROP_EXCLUSION,
  PROP_DETAIL,
  PROP_SEND_AT,
  PROP_OUTGOING_ID,
  PROP_SUBJECT,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_merge_recipient_finalize (GObject *object)
{
  KithMergeRecipient *self = (KithMergeRecipient *) object;

  g_free (self->name);
  g_free (self->address);
  g_free (self->detail);
  g_free (self->subject);
  g_free (self->body);

  G_OBJECT_CLASS (kith_merge_recipient_parent_class)->finalize (object);
}

static void
kith_merge_recipient_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithMergeRecipient *self = KITH_MERGE_RECIPIENT (object);

  switch (prop_id)
    {
    case PROP_POSITION: g_value_set_uint (value, self->position); break;
    case PROP_PERSON_ID: g_value_set_int64 (value, self->person_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ADDRESS: g_value_set_string (value, self->address); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_EXCLUSION: g_value_set_enum (value, self->exclusion); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    case PROP_SEND_AT: g_value_set_int64 (value, self->send_at); break;
    case PROP_OUTGOING_ID: g_value_set_int64 (value, self->outgoing_id); break;
    case PROP_SUBJECT: g_value_set_string (value, self->subject); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_merge_recipient_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithMergeRecipient *self = KITH_MERGE_RECIPIENT (object);

  switch (prop_id)
    {
    case PROP_POSITION: self->position = g_value_get_uint (value); break;
    case PROP_PERSON_ID: self->person_id = g_value_get_int64 (value); break;
    case PROP_NAME: g_free (self->name); self->name = g_value_dup_string (value); break;
    case PROP_ADDRESS: g_free (self->address); self->address = g_value_dup_string (value); break;
    case PROP_STATE: self->state = g_value_get_enum (value); break;
    case PROP_EXCLUSION: self->exclusion = g_value_get_enum (value); break;
    case PROP_DETAIL: g_free (self->detail); self->detail = g_value_dup_string (value); break;
    case PROP_SEND_AT: self->send_at = g_value_get_int64 (value); break;
    case PROP_OUTGOING_ID: self->outgoing_id = g_value_get_int64 (value); break;
    case PROP_SUBJECT: g_free (self->subject); self->subject = g_value_dup_string (value); break;
    case PROP_BODY: g_free (self->body); self->body = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_merge_recipient_class_init (KithMergeRecipientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_merge_recipient_finalize;
  object_class->get_property = kith_merge_recipient_get_property;
  object_class->set_property = kith_merge_recipient_set_property;

  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, "Its place in the merge's list, from 0", 0, G_MAXUINT, 0, flags);
  properties[PROP_PERSON_ID] = g_param_spec_int64 ("person-id", NULL, "The person it is, 0 once deleted", 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, "The person's name when the merge was made", NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, "The address the message goes to", NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, "Pending, queued, sent, failed or excluded", KITH_TYPE_MERGE_RECIPIENT_STATE, KITH_MERGE_RECIPIENT_PENDING, flags);
  properties[PROP_EXCLUSION] = g_param_spec_enum ("exclusion", NULL, "Why it is excluded", KITH_TYPE_MERGE_EXCLUSION, KITH_MERGE_EXCLUSION_NONE, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, "The empty field, or the server's text of a failure", NULL, flags);
  properties[PROP_SEND_AT] = g_param_spec_int64 ("send-at", NULL, "When it is sent, ms since the epoch", 0, G_MAXINT64, 0, flags);
  properties[PROP_OUTGOING_ID] = g_param_spec_int64 ("outgoing-id", NULL, "Its message in the Outbox, once queued", 0, G_MAXINT64, 0, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, "The merged subject, in a preview", NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, "The merged body, in a preview", NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_merge_recipient_init (KithMergeRecipient *self)
{
}

guint
kith_merge_recipient_get_position (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->position;
}

gint64
kith_merge_recipient_get_person_id (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->person_id;
}

const char *
kith_merge_recipient_get_name (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->name;
}

const char *
kith_merge_recipient_get_address (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->address;
}

KithMergeRecipientState
kith_merge_recipient_get_state (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->state;
}

KithMergeExclusion
kith_merge_recipient_get_exclusion (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->exclusion;
}

const char *
kith_merge_recipient_get_detail (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->detail;
}

gint64
kith_merge_recipient_get_send_at (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->send_at;
}

gint64
kith_merge_recipient_get_outgoing_id (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->outgoing_id;
}

const char *
kith_merge_recipient_get_subject (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->subject;
}

const char *
kith_merge_recipient_get_body (KithMergeRecipient *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_RECIPIENT (self), 0);

  return self->body;
}
