/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "kith-company.h"
#include "kith-custom-value.h"
#include "kith-deal.h"
#include "kith-enums.h"
#include "kith-person.h"
#include "kith-record-entry.h"
#include "kith-record-private.h"

/*
 * What every record has — id, kind, name, picture, segment/stage/step, tags, notes, contact
 * lists and custom fields — as properties with notify. KithPerson, KithCompany and KithDeal add
 * their own. A record keeps its values as the store last had them next to its current values
 * (KithRecordValues, typed field by field), so that a save sends only the fields that changed,
 * and a reload keeps the changes not yet saved.
 */

G_STATIC_ASSERT (KITH_N_FIELDS <= 64);

typedef struct
{
  KithRecordValues *now;       /* the values as they are now */
  KithRecordValues *loaded;    /* the values as the store last had them */
  GListStore       *lists[KITH_RECORD_ANNIVERSARIES + 1];
  GHashTable       *customs;   /* field key → KithCustomValue handed out */
} KithRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KithRecord, kith_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_NAME,
  PROP_PICTURE,
  PROP_SEGMENT,
  PROP_STAGE,
  PROP_STEP,
  PROP_NOTES,
  PROP_PRIVATE,
  PROP_KEYWORDS,
  PROP_TWITTER,
  PROP_LINKEDIN,
  PROP_FACEBOOK,
  PROP_LEAD_SOURCE,
  PROP_LAST_CONTACT,
  PROP_LAST_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KithRecordProperty record_properties[] = {
  { "id", KITH_FIELD_ID, TRUE },
  { "name", KITH_FIELD_NAME, FALSE },
  { "picture", KITH_FIELD_PICTURE, FALSE },
  { "segment", KITH_FIELD_SEGMENT, FALSE },
  { "stage", KITH_FIELD_STAGE, FALSE },
  { "step", KITH_FIELD_STEP, FALSE },
  { "notes", KITH_FIELD_NOTES, FALSE },
  { "private", KITH_FIELD_PRIVATE, FALSE },
  { "keywords", KITH_FIELD_KEYWORDS, FALSE },
  { "twitter", KITH_FIELD_TWITTER, FALSE },
  { "linkedin", KITH_FIELD_LINKEDIN, FALSE },
  { "facebook", KITH_FIELD_FACEBOOK, FALSE },
  { "lead-source", KITH_FIELD_LEAD_SOURCE, FALSE },
  { "last-contact", KITH_FIELD_LAST_CONTACT, TRUE },
  { "last-changed", KITH_FIELD_LAST_CHANGED, TRUE },
};

/* The field each of the lists shows */
static const KithField list_fields[] = {
  [KITH_RECORD_EMAILS] = KITH_FIELD_EMAILS,
  [KITH_RECORD_PHONES] = KITH_FIELD_PHONES,
  [KITH_RECORD_FAXES] = KITH_FIELD_FAXES,
  [KITH_RECORD_URLS] = KITH_FIELD_URLS,
  [KITH_RECORD_DOMAINS] = KITH_FIELD_DOMAINS,
  [KITH_RECORD_ADDRESSES] = KITH_FIELD_ADDRESSES,
  [KITH_RECORD_APP_LINKS] = KITH_FIELD_APP_LINKS,
  [KITH_RECORD_ANNIVERSARIES] = KITH_FIELD_ANNIVERSARIES,
};

/* The field list @which shows for @self: a deal's one address is a field of its own */
static KithField
list_field (KithRecord     *self,
            KithRecordList  which)
{
  if (which == KITH_RECORD_ADDRESSES && KITH_IS_DEAL (self))
    return KITH_FIELD_ADDRESS;
  return list_fields[which];
}

static GQuark property_quark;

static void sync_list (KithRecord *self, KithRecordList which);
static void sync_customs (KithRecord *self);

static void
kith_record_finalize (GObject *object)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (KITH_RECORD (object));

  g_clear_pointer (&priv->now, kith_record_values_free);
  g_clear_pointer (&priv->loaded, kith_record_values_free);
  for (guint i = 0; i < G_N_ELEMENTS (priv->lists); i++)
    g_clear_object (&priv->lists[i]);
  g_clear_pointer (&priv->customs, g_hash_table_unref);

  G_OBJECT_CLASS (kith_record_parent_class)->finalize (object);
}

static void
kith_record_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KithRecord *self = KITH_RECORD (object);

  if (prop_id == PROP_KIND)
    g_value_set_enum (value, kith_record_get_kind (self));
  else
    kith_record_get_field_property (self, pspec, value);
}

static void
kith_record_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  kith_record_set_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_record_class_init (KithRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_record_finalize;
  object_class->get_property = kith_record_get_property;
  object_class->set_property = kith_record_set_property;

  property_quark = g_quark_from_static_string ("kith-record-property");

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_KIND, properties[PROP_KIND]);
  kith_record_install_properties (object_class, PROP_ID, record_properties,
                                  G_N_ELEMENTS (record_properties), properties);
}

static void
kith_record_init (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  priv->now = kith_record_values_new ();
  priv->loaded = kith_record_values_new ();
  for (guint i = 0; i < G_N_ELEMENTS (priv->lists); i++)
    priv->lists[i] = g_list_store_new (KITH_TYPE_RECORD_ENTRY);
  priv->customs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Properties over fields, for this class and its subclasses */

static GParamSpec *
param_spec_for (const KithRecordProperty *p)
{
  GParamFlags flags = (p->read_only ? G_PARAM_READABLE : G_PARAM_READWRITE) |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (kith_field_info (p->field)->type)
    {
    case KITH_VALUE_TEXT:
      return g_param_spec_string (p->property, NULL, NULL, NULL, flags);
    case KITH_VALUE_STRV:
      return g_param_spec_boxed (p->property, NULL, NULL, G_TYPE_STRV, flags);
    case KITH_VALUE_INT:
      /* -1 when absent */
      return g_param_spec_int64 (p->property, NULL, NULL, -1, G_MAXINT64, -1, flags);
    case KITH_VALUE_DOUBLE:
      return g_param_spec_double (p->property, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
    case KITH_VALUE_FLAG:
      return g_param_spec_boolean (p->property, NULL, NULL, FALSE, flags);
    default:
      g_assert_not_reached ();
    }
}

void
kith_record_install_properties (GObjectClass             *klass,
                                guint                     first_id,
                                const KithRecordProperty *table,
                                guint                     n_properties,
                                GParamSpec              **pspecs)
{
  for (guint i = 0; i < n_properties; i++)
    {
      GParamSpec *pspec = param_spec_for (&table[i]);

      g_param_spec_set_qdata (pspec, property_quark, (gpointer) &table[i]);
      pspecs[first_id + i] = pspec;
      g_object_class_install_property (klass, first_id + i, pspec);
    }
}

static KithField
field_of (GParamSpec *pspec)
{
  const KithRecordProperty *p = g_param_spec_get_qdata (pspec, property_quark);

  return p->field;
}

void
kith_record_get_field_property (KithRecord *self,
                                GParamSpec *pspec,
                                GValue     *value)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  KithField field = field_of (pspec);
  const KithValue *v = &priv->now->fields[field];

  switch (kith_field_info (field)->type)
    {
    case KITH_VALUE_TEXT:
      g_value_set_string (value, v->set ? v->text : NULL);
      break;
    case KITH_VALUE_STRV:
      if (v->set)
        g_value_set_boxed (value, v->strv);
      else
        g_value_take_boxed (value, g_new0 (char *, 1));
      break;
    case KITH_VALUE_INT:
      g_value_set_int64 (value, v->set ? v->num : -1);
      break;
    case KITH_VALUE_DOUBLE:
      g_value_set_double (value, v->set ? v->real : 0);
      break;
    case KITH_VALUE_FLAG:
      g_value_set_boolean (value, v->set && v->flag);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Notifies the properties over @field */
static void
notify_field (KithRecord *self,
              KithField   field)
{
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      const KithRecordProperty *p = g_param_spec_get_qdata (pspecs[i], property_quark);

      if (p != NULL && p->field == field)
        g_object_notify_by_pspec (G_OBJECT (self), pspecs[i]);
    }
}

static gboolean
shows_in_list (KithRecord     *self,
               KithField       field,
               KithRecordList *out_list)
{
  for (KithRecordList l = 0; l < G_N_ELEMENTS (list_fields); l++)
    if (list_field (self, l) == field)
      {
        *out_list = l;
        return TRUE;
      }

  return FALSE;
}

/* Takes @value (clearing it) as the current value of @field; notifies when that changes it */
static void
change_field (KithRecord *self,
              KithField   field,
              KithValue  *value)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  KithRecordList list;
  g_autoptr(KithRecordValues) taken = kith_record_values_new ();

  taken->fields[field] = *value;
  memset (value, 0, sizeof *value);
  if (kith_value_equal (field, &priv->now->fields[field], &taken->fields[field]))
    return;

  kith_record_values_assign (priv->now, field, &taken->fields[field]);
  if (shows_in_list (self, field, &list))
    sync_list (self, list);
  if (field == KITH_FIELD_CUSTOM_FIELDS)
    sync_customs (self);
  if (KITH_RECORD_GET_CLASS (self)->values_changed != NULL)
    KITH_RECORD_GET_CLASS (self)->values_changed (self);
  notify_field (self, field);
}

void
kith_record_set_field_property (KithRecord   *self,
                                GParamSpec   *pspec,
                                const GValue *value)
{
  KithField field = field_of (pspec);
  KithValue v = { 0 };

  switch (kith_field_info (field)->type)
    {
    case KITH_VALUE_TEXT:
      v.text = g_value_dup_string (value);
      /* Empty is no value */
      if (v.text != NULL && *v.text == '\0')
        g_clear_pointer (&v.text, g_free);
      v.set = v.text != NULL;
      break;
    case KITH_VALUE_STRV:
      v.strv = g_value_get_boxed (value) != NULL ? g_value_dup_boxed (value) : g_new0 (char *, 1);
      v.set = TRUE;
      break;
    case KITH_VALUE_INT:
      v.num = g_value_get_int64 (value);
      v.set = v.num >= 0;
      break;
    case KITH_VALUE_DOUBLE:
      v.real = g_value_get_double (value);
      v.set = TRUE;
      break;
    case KITH_VALUE_FLAG:
      v.flag = g_value_get_boolean (value);
      v.set = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }

  change_field (self, field, &v);
}

/**
 * kith_record_get_text:
 *
 * Returns: (nullable): the text of @field, %NULL when the record has none
 */
const char *
kith_record_get_text (KithRecord *self,
                      KithField   field)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  g_assert (kith_field_info (field)->type == KITH_VALUE_TEXT);

  return priv->now->fields[field].set ? priv->now->fields[field].text : NULL;
}

gboolean
kith_record_has_field (KithRecord *self,
                       KithField   field)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  return priv->now->fields[field].set;
}

void
kith_record_clear_field (KithRecord *self,
                         KithField   field)
{
  KithValue none = { 0 };

  change_field (self, field, &none);
}

/**
 * kith_record_dup_list:
 *
 * Returns: (transfer full): a copy of list @field as it is now (empty when the record has none),
 *   to change and give back with kith_record_set_list ()
 */
GPtrArray *
kith_record_dup_list (KithRecord *self,
                      KithField   field)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  g_autoptr(KithRecordValues) copy = kith_record_values_new ();

  if (priv->now->fields[field].set)
    kith_record_values_assign (copy, field, &priv->now->fields[field]);
  return g_ptr_array_ref (kith_record_values_list (copy, field));
}

/* Takes @list as the value of list @field, notifying when that changes it */
void
kith_record_set_list (KithRecord *self,
                      KithField   field,
                      GPtrArray  *list)
{
  KithValue value = { .set = TRUE, .list = list };

  change_field (self, field, &value);
}

/* The entries of the lists */

static const char *
known_label (const char *label)
{
  static const char * const labels[] = { "work", "home", "mobile", "other" };

  for (guint l = 0; label != NULL && l < G_N_ELEMENTS (labels); l++)
    if (g_str_equal (label, labels[l]))
      return labels[l];

  return NULL;
}

/* Item @i of the list @which as an entry shows it: the value and its label; an address's parts
 * in one line; an app link's label (or app) and its id there, leading to its page; an
 * anniversary's date and what it is */
static void
update_entry (KithRecordEntry *entry,
              KithRecordList   which,
              const KithValue *value,
              guint            i)
{
  if (which == KITH_RECORD_DOMAINS)
    {
      kith_record_entry_set_value (entry, value->strv[i]);
      kith_record_entry_set_label (entry, NULL);
    }
  else if (which == KITH_RECORD_ADDRESSES)
    {
      const KithRecordAddress *a = g_ptr_array_index (value->list, i);
      g_autofree char *text = kith_record_address_format (a);

      kith_record_entry_set_value (entry, text);
      kith_record_entry_set_label (entry, a->label);
    }
  else if (which == KITH_RECORD_APP_LINKS)
    {
      const KithRecordAppLink *l = g_ptr_array_index (value->list, i);
      g_autofree char *text = g_strdup_printf ("%s · %s", l->label ? l->label : l->source ? l->source : "",
                                               l->uniqueid ? l->uniqueid : "");

      kith_record_entry_set_value (entry, text);
      kith_record_entry_set_label (entry, NULL);
    }
  else if (which == KITH_RECORD_ANNIVERSARIES)
    {
      const KithRecordOccasion *o = g_ptr_array_index (value->list, i);

      kith_record_entry_set_value (entry, o->date);
      kith_record_entry_set_label (entry, o->label);
    }
  else
    {
      const KithRecordChannel *c = g_ptr_array_index (value->list, i);

      kith_record_entry_set_value (entry, c->value);
      kith_record_entry_set_label (entry, known_label (c->label));
    }
  kith_record_entry_set_uri (entry, which == KITH_RECORD_APP_LINKS
                                    ? ((KithRecordAppLink *) g_ptr_array_index (value->list, i))->url : NULL);
  kith_record_entry_set_position (entry, i);
}

static guint
value_length (KithRecordList   which,
              const KithValue *value)
{
  if (!value->set)
    return 0;
  if (which == KITH_RECORD_DOMAINS)
    return g_strv_length (value->strv);
  return value->list->len;
}

/* Shows in the entries of @which what the record has now, changing the entries in place so that
 * rows bound to them stay */
static void
sync_list (KithRecord     *self,
           KithRecordList  which)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  GListStore *store = priv->lists[which];
  const KithValue *value = &priv->now->fields[list_field (self, which)];
  guint n = value_length (which, value);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithRecordEntry) entry = NULL;

      if (i < shown)
        entry = g_list_model_get_item (G_LIST_MODEL (store), i);
      else
        {
          entry = kith_record_entry_new (NULL, NULL);
          g_ptr_array_add (added, g_object_ref (entry));
        }
      update_entry (entry, which, value, i);
    }

  if (shown > n || added->len > 0)
    g_list_store_splice (store, MIN (n, shown), shown > n ? shown - n : 0, added->pdata, added->len);
}

/* Loading */

static void
notify_changed (KithRecord             *self,
                const KithRecordValues *before)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_pspecs; i++)
    {
      const KithRecordProperty *p = g_param_spec_get_qdata (pspecs[i], property_quark);

      if (p == NULL ? pspecs[i] == properties[PROP_KIND]
                    : !kith_value_equal (p->field, &before->fields[p->field], &priv->now->fields[p->field]))
        g_object_notify_by_pspec (G_OBJECT (self), pspecs[i]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/*
 * Takes @stored as what the store has. Changes made since the last load stay, except those in
 * @saved — the ones a save just wrote, which the store may have normalised — unless
 * @keep_changes is off.
 */
static void
load (KithRecord             *self,
      const KithRecordValues *stored,
      KithFieldMask           saved,
      gboolean                keep_changes)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  g_autoptr(KithRecordValues) before = priv->now;
  g_autoptr(KithRecordValues) was_loaded = priv->loaded;

  priv->loaded = kith_record_values_copy (stored);
  priv->now = kith_record_values_copy (stored);

  for (KithField f = 0; keep_changes && f < KITH_N_FIELDS; f++)
    if (!kith_value_equal (f, &before->fields[f], &was_loaded->fields[f]) &&
        (saved & KITH_FIELD_BIT (f)) == 0)
      kith_record_values_assign (priv->now, f, &before->fields[f]);

  for (guint i = 0; i < G_N_ELEMENTS (priv->lists); i++)
    sync_list (self, i);
  sync_customs (self);
  if (KITH_RECORD_GET_CLASS (self)->values_changed != NULL)
    KITH_RECORD_GET_CLASS (self)->values_changed (self);
  notify_changed (self, before);
}

/**
 * kith_record_load:
 * @stored: the same record, read again after a save
 * @saved: the fields that save wrote
 *
 * Takes the values of @stored; changes made to @self and not yet saved stay, except in @saved,
 * where the store's value (perhaps normalised) wins.
 */
void
kith_record_load (KithRecord    *self,
                  KithRecord    *stored,
                  KithFieldMask  saved)
{
  KithRecordPrivate *stored_priv = kith_record_get_instance_private (stored);

  load (self, stored_priv->loaded, saved, TRUE);
}

static GType
type_of_kind (KithRecordKind kind)
{
  return kind == KITH_RECORD_PERSON ? KITH_TYPE_PERSON
       : kind == KITH_RECORD_COMPANY ? KITH_TYPE_COMPANY
       : KITH_TYPE_DEAL;
}

/**
 * kith_record_new_from_values:
 * @values: (transfer full): what the store has
 *
 * Returns: (transfer full): a KithPerson, KithCompany or KithDeal with @values
 */
KithRecord *
kith_record_new_from_values (KithRecordKind    kind,
                             KithRecordValues *values)
{
  g_autoptr(KithRecordValues) taken = values;
  KithRecord *self = g_object_new (type_of_kind (kind), NULL);

  load (self, taken, 0, FALSE);
  return self;
}

/**
 * kith_record_get_values:
 *
 * Returns: (transfer none): the record's values as they are now
 */
const KithRecordValues *
kith_record_get_values (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  return priv->now;
}

/**
 * kith_record_get_changed_fields:
 *
 * Returns: the fields changed since the record was loaded
 */
KithFieldMask
kith_record_get_changed_fields (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  KithFieldMask changed = 0;

  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    if (!kith_value_equal (f, &priv->now->fields[f], &priv->loaded->fields[f]))
      changed |= KITH_FIELD_BIT (f);

  return changed;
}

gboolean
kith_record_has_changes (KithRecord *self)
{
  g_return_val_if_fail (KITH_IS_RECORD (self), FALSE);

  return kith_record_get_changed_fields (self) != 0;
}

/**
 * kith_record_discard_changes:
 *
 * Goes back to the values the store had when the record was last loaded.
 */
void
kith_record_discard_changes (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  g_autoptr(KithRecordValues) loaded = NULL;

  g_return_if_fail (KITH_IS_RECORD (self));

  loaded = kith_record_values_copy (priv->loaded);
  load (self, loaded, 0, FALSE);
}

/**
 * kith_record_update_from:
 * @other: the same record, loaded again
 *
 * Takes the values of @other, notifying the properties that change; changes made to @self and
 * not yet saved stay.
 */
void
kith_record_update_from (KithRecord *self,
                         KithRecord *other)
{
  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (KITH_IS_RECORD (other));

  kith_record_load (self, other, 0);
}

/* Accessors */

gint64
kith_record_get_id (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_RECORD (self), 0);

  return priv->now->fields[KITH_FIELD_ID].set ? priv->now->fields[KITH_FIELD_ID].num : 0;
}

KithRecordKind
kith_record_get_kind (KithRecord *self)
{
  g_return_val_if_fail (KITH_IS_RECORD (self), KITH_RECORD_PERSON);

  if (KITH_IS_PERSON (self))
    return KITH_RECORD_PERSON;
  if (KITH_IS_COMPANY (self))
    return KITH_RECORD_COMPANY;
  return KITH_RECORD_PROJECT;
}

#define STRING_ACCESSORS(name, FIELD)                                   \
  const char *                                                          \
  kith_record_get_##name (KithRecord *self)                             \
  {                                                                     \
    g_return_val_if_fail (KITH_IS_RECORD (self), NULL);                 \
    return kith_record_get_text (self, FIELD);                          \
  }                                                                     \
  void                                                                  \
  kith_record_set_##name (KithRecord *self,                             \
                          const char *value)                            \
  {                                                                     \
    g_return_if_fail (KITH_IS_RECORD (self));                           \
    g_object_set (self, #name, value, NULL);                            \
  }

STRING_ACCESSORS (name, KITH_FIELD_NAME)
STRING_ACCESSORS (segment, KITH_FIELD_SEGMENT)
STRING_ACCESSORS (stage, KITH_FIELD_STAGE)
STRING_ACCESSORS (step, KITH_FIELD_STEP)

gboolean
kith_record_get_private (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_RECORD (self), FALSE);

  return priv->now->fields[KITH_FIELD_PRIVATE].set && priv->now->fields[KITH_FIELD_PRIVATE].flag;
}

void
kith_record_set_private (KithRecord *self,
                         gboolean    private_)
{
  g_return_if_fail (KITH_IS_RECORD (self));

  g_object_set (self, "private", private_, NULL);
}

/**
 * kith_record_dup_keywords:
 *
 * Returns: (transfer full): the record's tags
 */
char **
kith_record_dup_keywords (KithRecord *self)
{
  char **keywords = NULL;

  g_return_val_if_fail (KITH_IS_RECORD (self), NULL);

  g_object_get (self, "keywords", &keywords, NULL);
  return keywords;
}

void
kith_record_set_keywords (KithRecord         *self,
                          const char * const *keywords)
{
  g_return_if_fail (KITH_IS_RECORD (self));

  g_object_set (self, "keywords", keywords, NULL);
}

/**
 * kith_record_get_list:
 *
 * Returns: (transfer none): a list model of #KithRecordEntry, kept up to date
 */
GListModel *
kith_record_get_list (KithRecord     *self,
                      KithRecordList  list)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_RECORD (self), NULL);
  g_return_val_if_fail (list <= KITH_RECORD_ANNIVERSARIES, NULL);

  return G_LIST_MODEL (priv->lists[list]);
}

/**
 * kith_record_dup_items:
 * @list: %KITH_RECORD_ADDRESSES, %KITH_RECORD_APP_LINKS or %KITH_RECORD_ANNIVERSARIES
 *
 * Returns: (transfer full): a copy of the structured items of @list as they are now
 *   (#KithRecordAddress, #KithRecordAppLink or #KithRecordOccasion), to change and give back
 *   with kith_record_set_items ()
 */
GPtrArray *
kith_record_dup_items (KithRecord     *self,
                       KithRecordList  list)
{
  g_return_val_if_fail (KITH_IS_RECORD (self), NULL);
  g_return_val_if_fail (list >= KITH_RECORD_ADDRESSES && list <= KITH_RECORD_ANNIVERSARIES, NULL);

  return kith_record_dup_list (self, list_field (self, list));
}

/**
 * kith_record_set_items:
 * @items: (transfer full): the items of @list, as kith_record_dup_items () gives them
 *
 * Sets the structured items of @list; its entries follow.
 */
void
kith_record_set_items (KithRecord     *self,
                       KithRecordList  list,
                       GPtrArray      *items)
{
  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (list >= KITH_RECORD_ADDRESSES && list <= KITH_RECORD_ANNIVERSARIES);

  kith_record_set_list (self, list_field (self, list), items);
}

/* The domains with entry @position changed to @value, removed (empty) or added (past the end) */
static char **
domains_with (const KithValue *now,
              guint            position,
              const char      *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = now->set ? g_strv_length (now->strv) : 0;

  for (guint i = 0; i < n; i++)
    if (i != position)
      g_strv_builder_add (builder, now->strv[i]);
    else if (value != NULL)
      g_strv_builder_add (builder, value);
  if (position >= n && value != NULL)
    g_strv_builder_add (builder, value);

  return g_strv_builder_end (builder);
}

/* As domains_with (), for a list of channels: a changed one keeps its label */
static GPtrArray *
channels_with (KithRecord *self,
               KithField   field,
               guint       position,
               const char *value)
{
  GPtrArray *list = kith_record_dup_list (self, field);

  if (position < list->len && value == NULL)
    g_ptr_array_remove_index (list, position);
  else if (position < list->len)
    {
      KithRecordChannel *c = g_ptr_array_index (list, position);

      g_free (c->value);
      c->value = g_strdup (value);
    }
  else if (value != NULL)
    g_ptr_array_add (list, kith_record_channel_new (value, NULL, FALSE));

  return list;
}

/**
 * kith_record_set_entry:
 * @position: the entry to change; past the end, a new entry
 * @value: (nullable): the new value; empty or %NULL removes the entry
 */
void
kith_record_set_entry (KithRecord     *self,
                       KithRecordList  list,
                       guint           position,
                       const char     *value)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  KithField field;
  KithValue v = { .set = TRUE };

  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (list <= KITH_RECORD_DOMAINS);

  field = list_fields[list];
  if (value != NULL && *value == '\0')
    value = NULL;
  if (list == KITH_RECORD_DOMAINS)
    v.strv = domains_with (&priv->now->fields[field], position, value);
  else
    v.list = channels_with (self, field, position, value);
  change_field (self, field, &v);
}

/**
 * kith_record_set_entry_label:
 * @list: %KITH_RECORD_EMAILS, %KITH_RECORD_PHONES or %KITH_RECORD_FAXES
 * @position: the entry to label, one the list has
 * @label: (nullable): `work`, `home`, `mobile`, `other`; %NULL or empty for none
 *
 * Sets the label of an email, phone or fax; its value stays.
 */
void
kith_record_set_entry_label (KithRecord     *self,
                             KithRecordList  list,
                             guint           position,
                             const char     *label)
{
  g_autoptr(GPtrArray) channels = NULL;
  KithRecordChannel *c;

  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (list <= KITH_RECORD_FAXES);

  channels = kith_record_dup_list (self, list_fields[list]);
  g_return_if_fail (position < channels->len);

  c = g_ptr_array_index (channels, position);
  if (g_strcmp0 (c->label, label != NULL && *label != '\0' ? label : NULL) == 0)
    return;
  g_free (c->label);
  c->label = label != NULL && *label != '\0' ? g_strdup (label) : NULL;
  kith_record_set_list (self, list_fields[list], g_steal_pointer (&channels));
}

/* Custom fields */

/* Custom field @key's value in @customs (nullable), or %NULL */
static KithRecordCustom *
find_custom (GPtrArray  *customs,
             const char *key)
{
  for (guint i = 0; customs != NULL && i < customs->len; i++)
    {
      KithRecordCustom *custom = g_ptr_array_index (customs, i);

      if (g_strcmp0 (custom->key, key) == 0)
        return custom;
    }

  return NULL;
}

static GPtrArray *
customs_now (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  const KithValue *customs = &priv->now->fields[KITH_FIELD_CUSTOM_FIELDS];

  return customs->set ? customs->list : NULL;
}

static char *
custom_text (const KithRecordCustom *custom)
{
  if (custom == NULL || (!custom->multi && custom->values[0] == NULL))
    return NULL;
  return g_strjoinv ("\n", custom->values);
}

/**
 * kith_record_dup_custom_value:
 * @key: a custom field's key
 *
 * Returns: (transfer full) (nullable): the value of the field as text (a multi-pick value's
 *   choices one a line), or %NULL when the record has none
 */
char *
kith_record_dup_custom_value (KithRecord *self,
                              const char *key)
{
  g_return_val_if_fail (KITH_IS_RECORD (self), NULL);

  return custom_text (find_custom (customs_now (self), key));
}

/* Sets custom field @key to @values (%NULL removes it), in its place in the list */
static void
put_custom (KithRecord         *self,
            const char         *key,
            const char * const *values,
            gboolean            multi)
{
  GPtrArray *list = kith_record_dup_list (self, KITH_FIELD_CUSTOM_FIELDS);
  KithRecordCustom *custom = find_custom (list, key);

  if (custom != NULL && values == NULL)
    g_ptr_array_remove (list, custom);
  else if (values != NULL)
    {
      if (custom == NULL)
        {
          custom = kith_record_custom_new (key, NULL, NULL, multi);
          g_ptr_array_add (list, custom);
        }
      g_strfreev (custom->values);
      custom->values = g_strdupv ((char **) values);
    }

  kith_record_set_list (self, KITH_FIELD_CUSTOM_FIELDS, list);
}

/**
 * kith_record_set_custom_value:
 * @value: (nullable): the value as typed, which the store checks against the field's type;
 *   %NULL or empty clears the field
 */
void
kith_record_set_custom_value (KithRecord *self,
                              const char *key,
                              const char *value)
{
  const char *values[] = { value, NULL };

  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (key != NULL);

  put_custom (self, key, value != NULL && *value != '\0' ? values : NULL, FALSE);
}

/**
 * kith_record_set_custom_values:
 * @values: a multi-pick field's choices; empty clears the field
 */
void
kith_record_set_custom_values (KithRecord         *self,
                               const char         *key,
                               const char * const *values)
{
  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (key != NULL);

  put_custom (self, key, values != NULL && values[0] != NULL ? values : NULL, TRUE);
}

/* The custom values handed out show what the record has now */
static void
sync_customs (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  const char * const none[] = { NULL };
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->customs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      KithRecordCustom *custom = find_custom (customs_now (self), kith_custom_value_get_key (value));
      g_autofree char *text = custom_text (custom);

      kith_custom_value_update (value, text, custom != NULL && custom->multi
                                             ? (const char * const *) custom->values : none);
    }
}

/**
 * kith_record_get_custom:
 * @key: a custom field's key
 *
 * Returns: (transfer none): the record's value of the field, kept up to date as the record
 *   changes and loads
 */
KithCustomValue *
kith_record_get_custom (KithRecord *self,
                        const char *key)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  KithCustomValue *value;

  g_return_val_if_fail (KITH_IS_RECORD (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = g_hash_table_lookup (priv->customs, key);
  if (value == NULL)
    {
      value = kith_custom_value_new (key);
      g_hash_table_insert (priv->customs, g_strdup (key), value);
      sync_customs (self);
    }

  return value;
}
