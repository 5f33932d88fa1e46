/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "kith-record-values.h"

/*
 * A record's values as typed fields: text, numbers, flags, and lists of small structs for the
 * contact details, addresses, app links, custom values, anniversaries and a deal's people. The
 * reader fills them from the rows, KithRecord keeps two sets (as loaded, as changed), and the
 * JSON edge (kith-record-json.c) prints them.
 */

#define P  (1u << KITH_RECORD_PERSON)
#define C  (1u << KITH_RECORD_COMPANY)
#define PR (1u << KITH_RECORD_PROJECT)
#define ALL (P | C | PR)

static const KithFieldInfo fields[KITH_N_FIELDS] = {
  [KITH_FIELD_ID] = { "id", KITH_VALUE_INT, ALL },
  [KITH_FIELD_SYNC_KEY] = { "syncKey", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_NAME] = { "name", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_FIRST] = { "first", KITH_VALUE_TEXT, P },
  [KITH_FIELD_LAST] = { "last", KITH_VALUE_TEXT, P },
  [KITH_FIELD_HEADLINE] = { "headline", KITH_VALUE_TEXT, P },
  [KITH_FIELD_DESCRIPTION] = { "description", KITH_VALUE_TEXT, P | C },
  [KITH_FIELD_SUMMARY] = { "summary", KITH_VALUE_TEXT, PR },
  [KITH_FIELD_PICTURE] = { "picture", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_PRIVATE] = { "private", KITH_VALUE_FLAG, ALL },
  [KITH_FIELD_SEGMENT] = { "segment", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_STAGE] = { "stage", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_STEP] = { "step", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_NOTES] = { "notes", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_ROLE] = { "role", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_DEPARTMENT] = { "department", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_LEAD_SOURCE] = { "leadSource", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_BIRTHDAY] = { "birthday", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_COMPANY] = { "company", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_COMPANY_ID] = { "companyId", KITH_VALUE_INT, ALL },
  [KITH_FIELD_COMPANY_SYNC_KEY] = { "companySyncKey", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_ASSIGNEE] = { "assignee", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_START] = { "start", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_END] = { "end", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_VALUE] = { "value", KITH_VALUE_DOUBLE, ALL },
  [KITH_FIELD_CURRENCY] = { "currency", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_TYPE] = { "type", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_FORECAST] = { "forecast", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_CADENCE] = { "cadence", KITH_VALUE_INT, ALL },
  [KITH_FIELD_FIRST_SEEN] = { "firstSeen", KITH_VALUE_INT, ALL },
  [KITH_FIELD_LAST_CHANGED] = { "lastChanged", KITH_VALUE_INT, ALL },
  [KITH_FIELD_LAST_CONTACT] = { "lastContact", KITH_VALUE_INT, ALL },
  [KITH_FIELD_STEP_SINCE] = { "stepSince", KITH_VALUE_INT, ALL },
  [KITH_FIELD_DO_NOT_EMAIL] = { "doNotEmail", KITH_VALUE_FLAG, P },
  [KITH_FIELD_EMAILS] = { "emails", KITH_VALUE_CHANNELS, P | C },
  [KITH_FIELD_DOMAINS] = { "domains", KITH_VALUE_STRV, C },
  [KITH_FIELD_PHONES] = { "phones", KITH_VALUE_CHANNELS, ALL },
  [KITH_FIELD_FAXES] = { "faxes", KITH_VALUE_CHANNELS, ALL },
  [KITH_FIELD_URLS] = { "urls", KITH_VALUE_CHANNELS, ALL },
  [KITH_FIELD_TWITTER] = { "twitter", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_FACEBOOK] = { "facebook", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_LINKEDIN] = { "linkedin", KITH_VALUE_TEXT, ALL },
  [KITH_FIELD_ADDRESSES] = { "addresses", KITH_VALUE_ADDRESSES, P | C },
  [KITH_FIELD_ADDRESS] = { "address", KITH_VALUE_ADDRESSES, PR },
  [KITH_FIELD_APP_LINKS] = { "appLinks", KITH_VALUE_APP_LINKS, ALL },
  [KITH_FIELD_KEYWORDS] = { "keywords", KITH_VALUE_STRV, ALL },
  [KITH_FIELD_CUSTOM_FIELDS] = { "customFields", KITH_VALUE_CUSTOMS, ALL },
  [KITH_FIELD_ANNIVERSARIES] = { "anniversaries", KITH_VALUE_OCCASIONS, P },
  [KITH_FIELD_PARTICIPANTS] = { "participants", KITH_VALUE_MEMBERS, PR },
  [KITH_FIELD_DEAL_TEAM] = { "dealTeam", KITH_VALUE_MEMBERS, PR },
};

const KithFieldInfo *
kith_field_info (KithField field)
{
  g_return_val_if_fail (field < KITH_N_FIELDS, NULL);

  return &fields[field];
}

gboolean
kith_field_applies_to (KithField      field,
                       KithRecordKind kind)
{
  return (fields[field].kinds & (1u << kind)) != 0;
}

/* The list items: free, copy and compare, one set per type */

static void
channel_free (KithRecordChannel *c)
{
  g_free (c->value);
  g_free (c->label);
  g_free (c);
}

static KithRecordChannel *
channel_copy (const KithRecordChannel *c,
              gpointer                 unused)
{
  return kith_record_channel_new (c->value, c->label, c->preferred);
}

static gboolean
channel_equal (const KithRecordChannel *a,
               const KithRecordChannel *b)
{
  return g_strcmp0 (a->value, b->value) == 0 && g_strcmp0 (a->label, b->label) == 0 &&
         !a->preferred == !b->preferred;
}

KithRecordChannel *
kith_record_channel_new (const char *value,
                         const char *label,
                         gboolean    preferred)
{
  KithRecordChannel *c = g_new0 (KithRecordChannel, 1);

  c->value = g_strdup (value);
  c->label = g_strdup (label);
  c->preferred = preferred;
  return c;
}

/**
 * kith_record_address_new:
 * @street: an address in one line, kept as its street
 *
 * Returns: (transfer full): an address of @street alone, without a position
 */
KithRecordAddress *
kith_record_address_new (const char *street)
{
  KithRecordAddress *a = g_new0 (KithRecordAddress, 1);

  a->street = g_strdup (street);
  return a;
}

/**
 * kith_record_address_format:
 *
 * Returns: (transfer full): @a in one line: its parts that are set, in the order of a letter
 */
char *
kith_record_address_format (const KithRecordAddress *a)
{
  const char * const parts[] = { a->street, a->city, a->state, a->postal, a->country };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    if (parts[p] != NULL)
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", parts[p]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
address_free (KithRecordAddress *a)
{
  g_free (a->street);
  g_free (a->city);
  g_free (a->state);
  g_free (a->country);
  g_free (a->postal);
  g_free (a->label);
  g_free (a);
}

static KithRecordAddress *
address_copy (const KithRecordAddress *a,
              gpointer                 unused)
{
  KithRecordAddress *copy = g_memdup2 (a, sizeof *a);

  copy->street = g_strdup (a->street);
  copy->city = g_strdup (a->city);
  copy->state = g_strdup (a->state);
  copy->country = g_strdup (a->country);
  copy->postal = g_strdup (a->postal);
  copy->label = g_strdup (a->label);
  return copy;
}

static gboolean
address_equal (const KithRecordAddress *a,
               const KithRecordAddress *b)
{
  return g_strcmp0 (a->street, b->street) == 0 && g_strcmp0 (a->city, b->city) == 0 &&
         g_strcmp0 (a->state, b->state) == 0 && g_strcmp0 (a->country, b->country) == 0 &&
         g_strcmp0 (a->postal, b->postal) == 0 && g_strcmp0 (a->label, b->label) == 0 &&
         !a->has_position == !b->has_position &&
         (!a->has_position || (a->lat == b->lat && a->lng == b->lng));
}

static void
app_link_free (KithRecordAppLink *l)
{
  g_free (l->source);
  g_free (l->uniqueid);
  g_free (l->label);
  g_free (l->url);
  g_free (l);
}

static KithRecordAppLink *
app_link_copy (const KithRecordAppLink *l,
               gpointer                 unused)
{
  KithRecordAppLink *copy = g_new0 (KithRecordAppLink, 1);

  copy->source = g_strdup (l->source);
  copy->uniqueid = g_strdup (l->uniqueid);
  copy->label = g_strdup (l->label);
  copy->url = g_strdup (l->url);
  return copy;
}

static gboolean
app_link_equal (const KithRecordAppLink *a,
                const KithRecordAppLink *b)
{
  return g_strcmp0 (a->source, b->source) == 0 && g_strcmp0 (a->uniqueid, b->uniqueid) == 0 &&
         g_strcmp0 (a->label, b->label) == 0 && g_strcmp0 (a->url, b->url) == 0;
}

static void
custom_free (KithRecordCustom *c)
{
  g_free (c->key);
  g_free (c->type);
  g_free (c->name);
  g_strfreev (c->values);
  g_free (c);
}

KithRecordCustom *
kith_record_custom_new (const char *key,
                        const char *type,
                        const char *name,
                        gboolean    multi)
{
  KithRecordCustom *c = g_new0 (KithRecordCustom, 1);

  c->key = g_strdup (key);
  c->type = g_strdup (type);
  c->name = g_strdup (name);
  c->multi = multi;
  c->values = g_new0 (char *, 1);
  return c;
}

static KithRecordCustom *
custom_copy (const KithRecordCustom *c,
             gpointer                unused)
{
  KithRecordCustom *copy = kith_record_custom_new (c->key, c->type, c->name, c->multi);

  g_strfreev (copy->values);
  copy->values = g_strdupv (c->values);
  return copy;
}

static gboolean
custom_equal (const KithRecordCustom *a,
              const KithRecordCustom *b)
{
  return g_strcmp0 (a->key, b->key) == 0 && g_strcmp0 (a->type, b->type) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 && !a->multi == !b->multi &&
         g_strv_equal ((const char * const *) a->values, (const char * const *) b->values);
}

static void
occasion_free (KithRecordOccasion *o)
{
  g_free (o->label);
  g_free (o->date);
  g_free (o);
}

static KithRecordOccasion *
occasion_copy (const KithRecordOccasion *o,
               gpointer                  unused)
{
  KithRecordOccasion *copy = g_new0 (KithRecordOccasion, 1);

  copy->label = g_strdup (o->label);
  copy->date = g_strdup (o->date);
  return copy;
}

static gboolean
occasion_equal (const KithRecordOccasion *a,
                const KithRecordOccasion *b)
{
  return g_strcmp0 (a->label, b->label) == 0 && g_strcmp0 (a->date, b->date) == 0;
}

static void
member_free (KithRecordMember *m)
{
  g_free (m->sync_key);
  g_free (m->name);
  g_free (m->identifier);
  g_free (m);
}

static KithRecordMember *
member_copy (const KithRecordMember *m,
             gpointer                unused)
{
  KithRecordMember *copy = g_memdup2 (m, sizeof *m);

  copy->sync_key = g_strdup (m->sync_key);
  copy->name = g_strdup (m->name);
  copy->identifier = g_strdup (m->identifier);
  return copy;
}

static gboolean
member_equal (const KithRecordMember *a,
              const KithRecordMember *b)
{
  return a->id == b->id && a->kind == b->kind && g_strcmp0 (a->sync_key, b->sync_key) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->identifier, b->identifier) == 0;
}

typedef struct {
  GDestroyNotify free;
  GCopyFunc      copy;
  GEqualFunc     equal;
} ItemClass;

static const ItemClass *
item_class (KithValueType type)
{
  static const ItemClass classes[] = {
    [KITH_VALUE_CHANNELS] = { (GDestroyNotify) channel_free, (GCopyFunc) channel_copy, (GEqualFunc) channel_equal },
    [KITH_VALUE_ADDRESSES] = { (GDestroyNotify) address_free, (GCopyFunc) address_copy, (GEqualFunc) address_equal },
    [KITH_VALUE_APP_LINKS] = { (GDestroyNotify) app_link_free, (GCopyFunc) app_link_copy, (GEqualFunc) app_link_equal },
    [KITH_VALUE_CUSTOMS] = { (GDestroyNotify) custom_free, (GCopyFunc) custom_copy, (GEqualFunc) custom_equal },
    [KITH_VALUE_OCCASIONS] = { (GDestroyNotify) occasion_free, (GCopyFunc) occasion_copy, (GEqualFunc) occasion_equal },
    [KITH_VALUE_MEMBERS] = { (GDestroyNotify) member_free, (GCopyFunc) member_copy, (GEqualFunc) member_equal },
  };

  g_assert (type >= KITH_VALUE_CHANNELS && type < G_N_ELEMENTS (classes));
  return &classes[type];
}

static gboolean
is_list (KithField field)
{
  return fields[field].type >= KITH_VALUE_CHANNELS;
}

/* Values */

static void
value_clear (KithField  field,
             KithValue *value)
{
  if (value->set && fields[field].type == KITH_VALUE_TEXT)
    g_free (value->text);
  else if (value->set && fields[field].type == KITH_VALUE_STRV)
    g_strfreev (value->strv);
  else if (value->set && is_list (field))
    g_ptr_array_unref (value->list);
  memset (value, 0, sizeof *value);
}

static void
value_copy (KithField        field,
            const KithValue *from,
            KithValue       *to)
{
  *to = *from;
  if (!from->set)
    return;
  if (fields[field].type == KITH_VALUE_TEXT)
    to->text = g_strdup (from->text);
  else if (fields[field].type == KITH_VALUE_STRV)
    to->strv = g_strdupv (from->strv);
  else if (is_list (field))
    to->list = g_ptr_array_copy (from->list, item_class (fields[field].type)->copy, NULL);
}

static gboolean
lists_equal (KithField  field,
             GPtrArray *a,
             GPtrArray *b)
{
  GEqualFunc equal = item_class (fields[field].type)->equal;

  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/* Whether @a and @b are the same to the store: a flag not set is off */
gboolean
kith_value_equal (KithField        field,
                  const KithValue *a,
                  const KithValue *b)
{
  if (fields[field].type == KITH_VALUE_FLAG)
    return !(a->set && a->flag) == !(b->set && b->flag);
  if (!a->set || !b->set)
    return a->set == b->set;

  switch (fields[field].type)
    {
    case KITH_VALUE_TEXT:
      return g_strcmp0 (a->text, b->text) == 0;
    case KITH_VALUE_INT:
      return a->num == b->num;
    case KITH_VALUE_DOUBLE:
      return a->real == b->real;
    case KITH_VALUE_STRV:
      return g_strv_equal ((const char * const *) a->strv, (const char * const *) b->strv);
    default:
      return lists_equal (field, a->list, b->list);
    }
}

KithRecordValues *
kith_record_values_new (void)
{
  return g_new0 (KithRecordValues, 1);
}

KithRecordValues *
kith_record_values_copy (const KithRecordValues *values)
{
  KithRecordValues *copy = kith_record_values_new ();

  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    value_copy (f, &values->fields[f], &copy->fields[f]);
  return copy;
}

void
kith_record_values_free (KithRecordValues *values)
{
  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    value_clear (f, &values->fields[f]);
  g_free (values);
}

/* Sets @field to a copy of @value */
void
kith_record_values_assign (KithRecordValues *values,
                           KithField         field,
                           const KithValue  *value)
{
  KithValue copy;

  value_copy (field, value, &copy);
  value_clear (field, &values->fields[field]);
  values->fields[field] = copy;
}

/* Takes @text; %NULL leaves @field unset */
static void
take_text (KithRecordValues *values,
           KithField         field,
           char             *text)
{
  g_assert (fields[field].type == KITH_VALUE_TEXT);

  value_clear (field, &values->fields[field]);
  values->fields[field].set = text != NULL;
  values->fields[field].text = text;
}

void
kith_record_values_set_text (KithRecordValues *values,
                             KithField         field,
                             const char       *text)
{
  take_text (values, field, g_strdup (text));
}

/* Takes @strv; %NULL leaves @field unset */
void
kith_record_values_take_strv (KithRecordValues  *values,
                              KithField          field,
                              char             **strv)
{
  g_assert (fields[field].type == KITH_VALUE_STRV);

  value_clear (field, &values->fields[field]);
  values->fields[field].set = strv != NULL;
  values->fields[field].strv = strv;
}

/**
 * kith_record_values_list:
 *
 * Returns: (transfer none): the items of list @field, set to an empty list if it was not set, for
 *   the caller to fill or change
 */
GPtrArray *
kith_record_values_list (KithRecordValues *values,
                         KithField         field)
{
  KithValue *value = &values->fields[field];

  g_assert (is_list (field));

  if (!value->set)
    {
      value->set = TRUE;
      value->list = g_ptr_array_new_with_free_func (item_class (fields[field].type)->free);
    }
  return value->list;
}
