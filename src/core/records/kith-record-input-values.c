/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-record-input-values.h"
#include "kith-store-private.h"

/*
 * The input of a record write from a typed record (KithPerson, KithCompany, KithDeal): the fields
 * it changed, checked by the same validation as JSON input (kith-record-input.c), so that a
 * refusal reads the same whichever way the change came.
 */

/* A field that holds one value, as a value to check; an absent one is null */
static KithInputValue
input_value (KithField        field,
             const KithValue *value)
{
  if (!value->set)
    return (KithInputValue) { KITH_INPUT_NULL };

  switch (kith_field_info (field)->type)
    {
    case KITH_VALUE_TEXT:
      return (KithInputValue) { KITH_INPUT_TEXT, .text = value->text };
    case KITH_VALUE_INT:
      return (KithInputValue) { KITH_INPUT_NUMBER, .number = (double) value->num };
    case KITH_VALUE_DOUBLE:
      return (KithInputValue) { KITH_INPUT_NUMBER, .number = value->real };
    case KITH_VALUE_FLAG:
      return (KithInputValue) { KITH_INPUT_FLAG, .flag = value->flag };
    default:
      g_assert_not_reached ();
    }
}

/* A company's domains: channels without a label */
static gboolean
fill_domains (KithStore        *store,
              KithRecordInput  *in,
              char            **domains,
              GError          **error)
{
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    {
      KithRecordChannel *c = g_new0 (KithRecordChannel, 1);

      c->value = domains[i];
      g_ptr_array_add (channels, c);
    }
  return kith_record_input_set_channels (store, in, "domain", channels, error);
}

/* One part of an address, checked and cleaned as JSON's are (a line break in a street is a
 * space, as the JSON path stores it); an empty one is none */
static gboolean
address_part (const char  *text,
              const char  *label,
              char       **out,
              GError     **error)
{
  KithInputValue v = { text != NULL ? KITH_INPUT_TEXT : KITH_INPUT_NULL, .text = text };

  return kith_input_get_string (&v, label, KITH_MAX_TEXT, TRUE, out, error);
}

/* Addresses as the record has them (a deal's one address, kept as a list), to replace those
 * stored */
static gboolean
fill_addresses (KithRecordInput  *in,
                GPtrArray        *addresses,
                GError          **error)
{
  g_clear_pointer (&in->addresses, g_ptr_array_unref);
  in->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_address_free);
  for (guint i = 0; i < addresses->len; i++)
    {
      const KithRecordAddress *from = g_ptr_array_index (addresses, i);
      KithAddress *a = g_new0 (KithAddress, 1);

      g_ptr_array_add (in->addresses, a);
      if (!address_part (from->street, kith_input_label (N_("street")), &a->street, error) ||
          !address_part (from->city, kith_input_label (N_("city")), &a->city, error) ||
          !address_part (from->state, kith_input_label (N_("state")), &a->region, error) ||
          !address_part (from->country, kith_input_label (N_("country")), &a->country, error) ||
          !address_part (from->postal, kith_input_label (N_("postal code")), &a->postal_code, error))
        return FALSE;
      a->label = g_strdup (from->label);
      a->has_position = from->has_position;
      a->latitude = from->lat;
      a->longitude = from->lng;
    }
  return TRUE;
}

/* App links as the record has them, checked as JSON's are, to replace those stored */
static gboolean
fill_app_links (KithRecordInput  *in,
                GPtrArray        *links,
                GError          **error)
{
  g_clear_pointer (&in->app_links, g_ptr_array_unref);
  in->app_links = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_app_link_free);
  for (guint i = 0; i < links->len; i++)
    {
      const KithRecordAppLink *l = g_ptr_array_index (links, i);

      if (!kith_record_input_add_app_link (in, l->source, l->uniqueid, l->label, l->url, error))
        return FALSE;
    }
  return TRUE;
}

/* Anniversaries as the record has them, checked as JSON's are, to replace those stored */
static gboolean
fill_occasions (KithRecordInput  *in,
                GPtrArray        *occasions,
                GError          **error)
{
  g_clear_pointer (&in->occasions, g_ptr_array_unref);
  in->occasions = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_occasion_free);
  for (guint i = 0; i < occasions->len; i++)
    {
      const KithRecordOccasion *o = g_ptr_array_index (occasions, i);

      if (!kith_record_input_add_occasion (in, o->label, o->date, error))
        return FALSE;
    }
  return TRUE;
}

/* A list; one not set is empty */
static gboolean
fill_list (KithStore        *store,
           KithRecordInput  *in,
           KithField         field,
           const KithValue  *value,
           GError          **error)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  const char * const no_tags[] = { NULL };
  GPtrArray *list = value->set ? value->list : none;

  switch (field)
    {
    case KITH_FIELD_KEYWORDS:
      return kith_record_input_set_tags (in, value->set ? (const char * const *) value->strv : no_tags, error);
    case KITH_FIELD_DOMAINS:
      return fill_domains (store, in, value->set ? value->strv : NULL, error);
    case KITH_FIELD_EMAILS:
    case KITH_FIELD_PHONES:
    case KITH_FIELD_FAXES:
    case KITH_FIELD_URLS:
      return kith_record_input_set_channels (store, in, kith_channel_type_of_member (kith_field_info (field)->member),
                                             list, error);
    case KITH_FIELD_CUSTOM_FIELDS:
      return kith_record_input_set_custom (store, in, list, error);
    case KITH_FIELD_PARTICIPANTS:
    case KITH_FIELD_DEAL_TEAM:
      return kith_record_input_set_members (store, in, field == KITH_FIELD_DEAL_TEAM, list, error);
    case KITH_FIELD_ADDRESS:
    case KITH_FIELD_ADDRESSES:
      return fill_addresses (in, list, error);
    case KITH_FIELD_APP_LINKS:
      return fill_app_links (in, list, error);
    case KITH_FIELD_ANNIVERSARIES:
      return fill_occasions (in, list, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * kith_record_input_fill:
 * @fields: those of @values to write
 *
 * Validates @fields of @values into @in, and completes a person's name from its parts or the
 * parts from it.
 */
gboolean
kith_record_input_fill (KithStore               *store,
                        KithRecordInput         *in,
                        const KithRecordValues  *values,
                        KithFieldMask            fields,
                        GError                 **error)
{
  const KithFieldMask parts = KITH_FIELD_BIT (KITH_FIELD_FIRST) | KITH_FIELD_BIT (KITH_FIELD_LAST);

  /* A part of a name changed goes with the whole name as the record has it, which the editor
   * derived from the parts or kept as typed: alone, the store would make the name of the one
   * part */
  if ((fields & parts) != 0 && values->fields[KITH_FIELD_NAME].set)
    fields |= parts | KITH_FIELD_BIT (KITH_FIELD_NAME);

  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    {
      const KithValue *value = &values->fields[f];
      KithInputValue v;

      if ((fields & KITH_FIELD_BIT (f)) == 0)
        continue;
      if (kith_field_info (f)->type >= KITH_VALUE_STRV)
        {
          if (!fill_list (store, in, f, value, error))
            return FALSE;
          continue;
        }
      v = input_value (f, value);
      if (!kith_record_input_set_member (store, in, kith_field_info (f)->member, &v, error))
        return FALSE;
    }

  kith_record_input_complete_names (in);
  return TRUE;
}
