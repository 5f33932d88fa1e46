/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-deal.h"
#include "kith-fields-private.h"
#include "kith-record-private.h"

/* A deal (a "project" in the store and the JSON): a record with a summary, a value in a currency,
 * dates and a forecast */

struct _KithDeal
{
  KithRecord  parent_instance;

  GListStore *participants;   /* KithDealParticipant: the participants, then the team */
  char       *address;        /* its one address in one line, or NULL */
};

G_DEFINE_FINAL_TYPE (KithDeal, kith_deal, KITH_TYPE_RECORD)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_VALUE,
  PROP_CURRENCY,
  PROP_START,
  PROP_END,
  PROP_FORECAST,
  PROP_TYPE,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KithRecordProperty record_properties[] = {
  { "summary", KITH_FIELD_SUMMARY, FALSE },
  { "value", KITH_FIELD_VALUE, FALSE },
  { "currency", KITH_FIELD_CURRENCY, FALSE },
  { "start", KITH_FIELD_START, FALSE },
  { "end", KITH_FIELD_END, FALSE },
  { "forecast", KITH_FIELD_FORECAST, FALSE },
  { "type", KITH_FIELD_TYPE, FALSE },
};

static void
kith_deal_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  if (prop_id == PROP_ADDRESS)
    g_value_set_string (value, KITH_DEAL (object)->address);
  else
    kith_record_get_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_deal_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  if (prop_id == PROP_ADDRESS)
    kith_deal_set_address (KITH_DEAL (object), g_value_get_string (value));
  else
    kith_record_set_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_deal_dispose (GObject *object)
{
  g_clear_object (&KITH_DEAL (object)->participants);

  G_OBJECT_CLASS (kith_deal_parent_class)->dispose (object);
}

static void
kith_deal_finalize (GObject *object)
{
  g_free (KITH_DEAL (object)->address);

  G_OBJECT_CLASS (kith_deal_parent_class)->finalize (object);
}

static void
add_participants (GPtrArray        *participants,
                  const KithValue  *members,
                  KithDealRole      role)
{
  for (guint i = 0; members->set && i < members->list->len; i++)
    {
      KithRecordMember *m = g_ptr_array_index (members->list, i);

      g_ptr_array_add (participants, m->identifier != NULL
                                     ? kith_deal_participant_new_named (m->identifier, role)
                                     : kith_deal_participant_new (m->id, m->name, m->kind, role));
    }
}

static gboolean
same_participant (KithDealParticipant *a,
                  KithDealParticipant *b)
{
  return kith_deal_participant_get_id (a) == kith_deal_participant_get_id (b) &&
         kith_deal_participant_get_role (a) == kith_deal_participant_get_role (b) &&
         g_strcmp0 (kith_deal_participant_get_name (a), kith_deal_participant_get_name (b)) == 0 &&
         g_strcmp0 (kith_deal_participant_get_identifier (a), kith_deal_participant_get_identifier (b)) == 0;
}

/* The address in one line follows the one the deal has now */
static void
update_address (KithDeal *self)
{
  const KithValue *address = &kith_record_get_values (KITH_RECORD (self))->fields[KITH_FIELD_ADDRESS];
  g_autofree char *text = NULL;

  if (address->set && address->list->len > 0)
    text = kith_record_address_format (g_ptr_array_index (address->list, 0));
  if (g_strcmp0 (text, self->address) == 0)
    return;
  g_free (self->address);
  self->address = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

/* The participants show what the deal has now; a list that is the same stays as it is */
static void
kith_deal_values_changed (KithRecord *record)
{
  KithDeal *self = KITH_DEAL (record);
  const KithRecordValues *values = kith_record_get_values (record);
  g_autoptr(GPtrArray) now = g_ptr_array_new_with_free_func (g_object_unref);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  gboolean same;

  add_participants (now, &values->fields[KITH_FIELD_PARTICIPANTS], KITH_DEAL_ROLE_PARTICIPANT);
  add_participants (now, &values->fields[KITH_FIELD_DEAL_TEAM], KITH_DEAL_ROLE_TEAM);
  same = now->len == shown;
  for (guint i = 0; same && i < shown; i++)
    {
      g_autoptr(KithDealParticipant) participant = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      same = same_participant (participant, g_ptr_array_index (now, i));
    }
  if (!same)
    g_list_store_splice (self->participants, 0, shown, now->pdata, now->len);
  update_address (self);
}

static void
kith_deal_class_init (KithDealClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KithRecordClass *record_class = KITH_RECORD_CLASS (klass);

  object_class->dispose = kith_deal_dispose;
  object_class->finalize = kith_deal_finalize;
  object_class->get_property = kith_deal_get_property;
  object_class->set_property = kith_deal_set_property;
  record_class->values_changed = kith_deal_values_changed;

  kith_record_install_properties (object_class, PROP_SUMMARY, record_properties, G_N_ELEMENTS (record_properties),
                                  properties);
  /**
   * KithDeal:address:
   *
   * The deal's address (a property's) in one line; one set so is kept as the street.
   */
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_ADDRESS, properties[PROP_ADDRESS]);
}

static void
kith_deal_init (KithDeal *self)
{
  self->participants = g_list_store_new (KITH_TYPE_DEAL_PARTICIPANT);
}

const char *
kith_deal_get_summary (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_SUMMARY);
}

void
kith_deal_set_summary (KithDeal   *self,
                       const char *summary)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  g_object_set (self, "summary", summary, NULL);
}

gboolean
kith_deal_has_value (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), FALSE);

  return kith_record_has_field (KITH_RECORD (self), KITH_FIELD_VALUE);
}

/**
 * kith_deal_get_value:
 *
 * Returns: the deal's value in its currency; 0 when it has none (see kith_deal_has_value ())
 */
double
kith_deal_get_value (KithDeal *self)
{
  double value;

  g_return_val_if_fail (KITH_IS_DEAL (self), 0);

  g_object_get (self, "value", &value, NULL);
  return value;
}

void
kith_deal_set_value (KithDeal *self,
                     double    value)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  g_object_set (self, "value", value, NULL);
}

void
kith_deal_clear_value (KithDeal *self)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  kith_record_clear_field (KITH_RECORD (self), KITH_FIELD_VALUE);
}

/**
 * kith_deal_set_value_text:
 * @text: an amount as typed, such as 500000 or $500,000
 *
 * Returns: %FALSE, leaving the value as it was, when @text is not an amount of money; @error
 *   says so as the store does
 */
gboolean
kith_deal_set_value_text (KithDeal    *self,
                          const char  *text,
                          GError     **error)
{
  double value;

  g_return_val_if_fail (KITH_IS_DEAL (self), FALSE);

  if (!kith_fields_parse_money (_("value"), text, &value, error))
    return FALSE;
  kith_deal_set_value (self, value);
  return TRUE;
}

/**
 * kith_deal_get_currency:
 *
 * Returns: (nullable): the ISO 4217 code of the deal's value
 */
const char *
kith_deal_get_currency (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_CURRENCY);
}

void
kith_deal_set_currency (KithDeal   *self,
                        const char *currency)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  g_object_set (self, "currency", currency, NULL);
}

/**
 * kith_deal_get_participants:
 *
 * Returns: (transfer none): a list model of #KithDealParticipant, kept up to date: the people and
 *   companies the deal goes with, then its team
 */
GListModel *
kith_deal_get_participants (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), NULL);

  return G_LIST_MODEL (self->participants);
}

static KithField
field_of_role (KithDealRole role)
{
  return role == KITH_DEAL_ROLE_TEAM ? KITH_FIELD_DEAL_TEAM : KITH_FIELD_PARTICIPANTS;
}

/**
 * kith_deal_add_participant:
 *
 * Adds @participant in its role, to be written with the deal's other changes.
 */
void
kith_deal_add_participant (KithDeal            *self,
                           KithDealParticipant *participant)
{
  KithField field;
  GPtrArray *members;
  KithRecordMember *m;

  g_return_if_fail (KITH_IS_DEAL (self));
  g_return_if_fail (KITH_IS_DEAL_PARTICIPANT (participant));

  field = field_of_role (kith_deal_participant_get_role (participant));
  members = kith_record_dup_list (KITH_RECORD (self), field);
  m = g_new0 (KithRecordMember, 1);
  m->id = kith_deal_participant_get_id (participant);
  m->name = g_strdup (kith_deal_participant_get_name (participant));
  m->kind = kith_deal_participant_get_kind (participant);
  m->identifier = g_strdup (kith_deal_participant_get_identifier (participant));
  g_ptr_array_add (members, m);
  kith_record_set_list (KITH_RECORD (self), field, members);
}

/**
 * kith_deal_get_address:
 *
 * Returns: (nullable): the deal's address in one line
 */
const char *
kith_deal_get_address (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), NULL);

  return self->address;
}

/**
 * kith_deal_set_address:
 * @address: (nullable): an address in one line; empty or %NULL for none
 *
 * Sets the deal's address, to be written with its other changes. The same text as the address
 * shows leaves the address as it is, with its parts and position.
 */
void
kith_deal_set_address (KithDeal   *self,
                       const char *address)
{
  g_autofree char *text = g_strstrip (g_strdup (address != NULL ? address : ""));
  GPtrArray *addresses;

  g_return_if_fail (KITH_IS_DEAL (self));

  if (g_strcmp0 (text, self->address != NULL ? self->address : "") == 0)
    return;
  addresses = kith_record_dup_list (KITH_RECORD (self), KITH_FIELD_ADDRESS);
  g_ptr_array_set_size (addresses, 0);
  if (*text != '\0')
    g_ptr_array_add (addresses, kith_record_address_new (text));
  kith_record_set_list (KITH_RECORD (self), KITH_FIELD_ADDRESS, addresses);
}

/**
 * kith_deal_remove_participant:
 *
 * Removes @participant (a record of the store, in its role), to be written with the deal's other
 * changes.
 */
void
kith_deal_remove_participant (KithDeal            *self,
                              KithDealParticipant *participant)
{
  KithField field;
  g_autoptr(GPtrArray) members = NULL;

  g_return_if_fail (KITH_IS_DEAL (self));
  g_return_if_fail (KITH_IS_DEAL_PARTICIPANT (participant));

  field = field_of_role (kith_deal_participant_get_role (participant));
  members = kith_record_dup_list (KITH_RECORD (self), field);
  for (guint i = members->len; i > 0; i--)
    if (((KithRecordMember *) g_ptr_array_index (members, i - 1))->id == kith_deal_participant_get_id (participant))
      g_ptr_array_remove_index (members, i - 1);
  kith_record_set_list (KITH_RECORD (self), field, g_steal_pointer (&members));
}
