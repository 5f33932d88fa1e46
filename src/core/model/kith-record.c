/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-company.h"
#include "kith-custom-value.h"
#include "kith-deal.h"
#include "kith-enums.h"
#include "kith-model-json.h"
#include "kith-person.h"
#include "kith-record-entry.h"
#include "kith-record-private.h"

/*
 * What every record has — id, kind, name, picture, segment/stage/step, tags, notes, contact
 * lists and custom fields — as properties with notify. KithPerson, KithCompany and KithDeal add
 * their own. A record keeps the JSON it was loaded from (the store's shape, docs/json.md) next to
 * its current values, so that a save sends only the members that changed, and a reload keeps
 * the changes not yet saved.
 */

typedef struct
{
  JsonObject *data;      /* the values as they are now */
  JsonObject *loaded;    /* the values as the store last had them */
  GListStore *lists[KITH_RECORD_APP_LINKS + 1];
  GHashTable *customs;   /* field key → KithCustomValue handed out */
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
  PROP_LAST_CONTACT,
  PROP_LAST_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KithRecordMember members[] = {
  { "id", "id", KITH_MEMBER_INT, TRUE },
  { "name", "name", KITH_MEMBER_STRING, FALSE },
  { "picture", "picture", KITH_MEMBER_STRING, FALSE },
  { "segment", "segment", KITH_MEMBER_STRING, FALSE },
  { "stage", "stage", KITH_MEMBER_STRING, FALSE },
  { "step", "step", KITH_MEMBER_STRING, FALSE },
  { "notes", "notes", KITH_MEMBER_STRING, FALSE },
  { "private", "private", KITH_MEMBER_BOOLEAN, FALSE },
  { "keywords", "keywords", KITH_MEMBER_STRV, FALSE },
  { "twitter", "twitter", KITH_MEMBER_STRING, FALSE },
  { "linkedin", "linkedin", KITH_MEMBER_STRING, FALSE },
  { "last-contact", "lastContact", KITH_MEMBER_INT, TRUE },
  { "last-changed", "lastChanged", KITH_MEMBER_INT, TRUE },
};

static const char * const list_members[] = { "emails", "phones", "urls", "domains", "addresses", "appLinks" };

static GQuark member_quark;

/* json_node_copy () shares objects and arrays; changes here must not reach the loaded copy */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (copy, name, deep_copy (member));
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, deep_copy (json_array_get_element (array, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }

  return json_node_copy (node);
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = deep_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/* A member that is absent or null: the same to the store */
static JsonNode *
get_node (JsonObject *object,
          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
same_node (JsonNode *a,
           JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static void
kith_record_finalize (GObject *object)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (KITH_RECORD (object));

  g_clear_pointer (&priv->data, json_object_unref);
  g_clear_pointer (&priv->loaded, json_object_unref);
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
    kith_record_get_member (self, pspec, value);
}

static void
kith_record_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  kith_record_set_member (KITH_RECORD (object), pspec, value);
}

static void
kith_record_class_init (KithRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_record_finalize;
  object_class->get_property = kith_record_get_property;
  object_class->set_property = kith_record_set_property;

  member_quark = g_quark_from_static_string ("kith-record-member");

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_KIND, properties[PROP_KIND]);
  kith_record_install_members (object_class, PROP_ID, members, G_N_ELEMENTS (members), properties);
}

static void
kith_record_init (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  priv->data = json_object_new ();
  priv->loaded = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (priv->lists); i++)
    priv->lists[i] = g_list_store_new (KITH_TYPE_RECORD_ENTRY);
  priv->customs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Properties over members, for this class and its subclasses */

void
kith_record_install_members (GObjectClass           *klass,
                             guint                   first_id,
                             const KithRecordMember *table,
                             guint                   n_members,
                             GParamSpec            **pspecs)
{
  for (guint i = 0; i < n_members; i++)
    {
      const KithRecordMember *m = &table[i];
      GParamFlags flags = (m->read_only ? G_PARAM_READABLE : G_PARAM_READWRITE) |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
      GParamSpec *pspec = NULL;

      switch (m->type)
        {
        case KITH_MEMBER_STRING:
          pspec = g_param_spec_string (m->property, NULL, NULL, NULL, flags);
          break;
        case KITH_MEMBER_STRV:
          pspec = g_param_spec_boxed (m->property, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case KITH_MEMBER_INT:
          pspec = g_param_spec_int64 (m->property, NULL, NULL, -1, G_MAXINT64, -1, flags);
          break;
        case KITH_MEMBER_DOUBLE:
          pspec = g_param_spec_double (m->property, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case KITH_MEMBER_BOOLEAN:
          pspec = g_param_spec_boolean (m->property, NULL, NULL, FALSE, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      g_param_spec_set_qdata (pspec, member_quark, (gpointer) m);
      pspecs[first_id + i] = pspec;
      g_object_class_install_property (klass, first_id + i, pspec);
    }
}

void
kith_record_get_member (KithRecord *self,
                        GParamSpec *pspec,
                        GValue     *value)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  const KithRecordMember *m = g_param_spec_get_qdata (pspec, member_quark);
  JsonNode *node = get_node (priv->data, m->member);

  switch (m->type)
    {
    case KITH_MEMBER_STRING:
      g_value_set_string (value, kith_record_get_string_member (self, m->member));
      break;
    case KITH_MEMBER_STRV:
      g_value_take_boxed (value, kith_model_json_strv (node));
      break;
    case KITH_MEMBER_INT:
      g_value_set_int64 (value, node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1);
      break;
    case KITH_MEMBER_DOUBLE:
      g_value_set_double (value, node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : 0);
      break;
    case KITH_MEMBER_BOOLEAN:
      g_value_set_boolean (value, node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Sets @member to @node (taking it; %NULL removes it), and notifies @pspec when that changes it */
static void
set_node (KithRecord *self,
          GParamSpec *pspec,
          JsonNode   *node)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  const KithRecordMember *m = g_param_spec_get_qdata (pspec, member_quark);

  if (same_node (get_node (priv->data, m->member), node))
    {
      g_clear_pointer (&node, json_node_unref);
      return;
    }

  if (node != NULL)
    json_object_set_member (priv->data, m->member, node);
  else
    json_object_remove_member (priv->data, m->member);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static JsonNode *
node_of_strv (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return json_node_init_array (json_node_alloc (), array);
}

void
kith_record_set_member (KithRecord   *self,
                        GParamSpec   *pspec,
                        const GValue *value)
{
  const KithRecordMember *m = g_param_spec_get_qdata (pspec, member_quark);
  JsonNode *node = NULL;

  switch (m->type)
    {
    case KITH_MEMBER_STRING:
      if (g_value_get_string (value) != NULL && *g_value_get_string (value) != '\0')
        node = json_node_init_string (json_node_alloc (), g_value_get_string (value));
      break;
    case KITH_MEMBER_STRV:
      node = node_of_strv (g_value_get_boxed (value));
      break;
    case KITH_MEMBER_INT:
      if (g_value_get_int64 (value) >= 0)
        node = json_node_init_int (json_node_alloc (), g_value_get_int64 (value));
      break;
    case KITH_MEMBER_DOUBLE:
      node = json_node_init_double (json_node_alloc (), g_value_get_double (value));
      break;
    case KITH_MEMBER_BOOLEAN:
      node = json_node_init_boolean (json_node_alloc (), g_value_get_boolean (value));
      break;
    default:
      g_assert_not_reached ();
    }

  set_node (self, pspec, node);
}

void
kith_record_clear_member (KithRecord *self,
                          GParamSpec *pspec)
{
  set_node (self, pspec, NULL);
}

const char *
kith_record_get_string_member (KithRecord *self,
                               const char *member)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  JsonNode *node = get_node (priv->data, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
kith_record_has_member (KithRecord *self,
                        const char *member)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  return get_node (priv->data, member) != NULL;
}

/* Loading and saving */

static const char *
entry_label (JsonObject *object)
{
  static const char * const labels[] = { "work", "home", "mobile" };

  for (guint l = 0; object != NULL && l < G_N_ELEMENTS (labels); l++)
    if (json_object_get_boolean_member_with_default (object, labels[l], FALSE))
      return labels[l];

  return NULL;
}

/* What an entry shows: the value; an address's parts in one line; an app link's label (or app)
 * and its id there */
static char *
entry_text (KithRecordList  which,
            JsonNode       *element)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

  if (object == NULL)
    return JSON_NODE_HOLDS_VALUE (element) ? g_strdup (json_node_get_string (element)) : NULL;

  if (which == KITH_RECORD_ADDRESSES)
    {
      static const char * const parts[] = { "street", "city", "state", "postal", "country" };
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        if (json_object_get_string_member_with_default (object, parts[p], NULL) != NULL)
          g_string_append_printf (text, "%s%s", text->len ? ", " : "", json_object_get_string_member (object, parts[p]));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (which == KITH_RECORD_APP_LINKS)
    return g_strdup_printf ("%s · %s",
                            json_object_get_string_member_with_default (object, "label",
                              json_object_get_string_member_with_default (object, "source", "")),
                            json_object_get_string_member_with_default (object, "uniqueid", ""));

  return g_strdup (json_object_get_string_member_with_default (object, "value", NULL));
}

/* Shows in the entries of @which what the record's data has, changing the entries in place so
 * that rows bound to them stay */
static void
sync_list (KithRecord     *self,
           KithRecordList  which)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  GListStore *store = priv->lists[which];
  JsonNode *node = get_node (priv->data, list_members[which]);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = array != NULL ? json_array_get_length (array) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *value = entry_text (which, element);
      g_autoptr(KithRecordEntry) entry = NULL;

      if (i < shown)
        entry = g_list_model_get_item (G_LIST_MODEL (store), i);
      else
        {
          entry = kith_record_entry_new (NULL, NULL);
          g_ptr_array_add (added, g_object_ref (entry));
        }
      kith_record_entry_set_value (entry, value);
      kith_record_entry_set_label (entry, entry_label (object));
      kith_record_entry_set_uri (entry, which == KITH_RECORD_APP_LINKS
                                        ? json_object_get_string_member_with_default (object, "url", NULL) : NULL);
      kith_record_entry_set_position (entry, i);
    }

  if (shown > n || added->len > 0)
    g_list_store_splice (store, MIN (n, shown), shown > n ? shown - n : 0, added->pdata, added->len);
}

static void sync_customs (KithRecord *self);

static void
notify_changed (KithRecord *self,
                JsonObject *before)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n_pspecs; i++)
    {
      const KithRecordMember *m = g_param_spec_get_qdata (pspecs[i], member_quark);

      if (m == NULL ? pspecs[i] == properties[PROP_KIND]
                    : !same_node (get_node (before, m->member), get_node (priv->data, m->member)))
        g_object_notify_by_pspec (G_OBJECT (self), pspecs[i]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/*
 * Takes @json as what the store has. Changes made since the last load stay, except those in
 * @saved — the ones a save just wrote, which the store may have normalised — unless
 * @keep_changes is off.
 */
static void
load (KithRecord *self,
      JsonObject *json,
      JsonObject *saved,
      gboolean    keep_changes)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  g_autoptr(JsonObject) before = priv->data;
  g_autoptr(JsonObject) was_loaded = priv->loaded;
  g_autoptr(GList) names = json_object_get_members (before);

  priv->loaded = copy_object (json);
  priv->data = copy_object (json);

  for (GList *l = names; keep_changes && l != NULL; l = l->next)
    {
      JsonNode *node = get_node (before, l->data);

      if (same_node (node, get_node (was_loaded, l->data)) ||
          (saved != NULL && json_object_has_member (saved, l->data)))
        continue;
      if (node != NULL)
        json_object_set_member (priv->data, l->data, deep_copy (node));
      else
        json_object_remove_member (priv->data, l->data);
    }

  for (guint i = 0; i < G_N_ELEMENTS (priv->lists); i++)
    sync_list (self, i);
  sync_customs (self);
  notify_changed (self, before);
}

void
kith_record_load (KithRecord *self,
                  JsonObject *json,
                  JsonObject *saved)
{
  load (self, json, saved, TRUE);
}

/**
 * kith_record_new_from_json:
 * @json: a record as kith_store_get_record () returns it
 *
 * Returns: (transfer full): a KithPerson, KithCompany or KithDeal
 */
KithRecord *
kith_record_new_from_json (JsonObject *json)
{
  KithRecordKind kind = kith_record_kind_from_string (json_object_get_string_member_with_default (json, "kind", ""));
  GType type = kind == KITH_RECORD_PERSON ? KITH_TYPE_PERSON
             : kind == KITH_RECORD_COMPANY ? KITH_TYPE_COMPANY
             : KITH_TYPE_DEAL;
  KithRecord *self = g_object_new (type, NULL);

  load (self, json, NULL, FALSE);
  return self;
}

/**
 * kith_record_dup_changes:
 *
 * Returns: (transfer full) (nullable): the members changed since the record was loaded, as an
 *   update for kith_store_update_record (), or %NULL when nothing changed
 */
JsonObject *
kith_record_dup_changes (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (priv->data);
  g_autoptr(GList) loaded_names = json_object_get_members (priv->loaded);

  names = g_list_concat (names, g_steal_pointer (&loaded_names));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *now = get_node (priv->data, l->data);

      if (json_object_has_member (patch, l->data) || same_node (now, get_node (priv->loaded, l->data)))
        continue;
      if (now != NULL)
        json_object_set_member (patch, l->data, deep_copy (now));
      else
        json_object_set_null_member (patch, l->data);
    }

  return json_object_get_size (patch) > 0 ? g_steal_pointer (&patch) : NULL;
}

gboolean
kith_record_has_changes (KithRecord *self)
{
  g_autoptr(JsonObject) changes = NULL;

  g_return_val_if_fail (KITH_IS_RECORD (self), FALSE);

  changes = kith_record_dup_changes (self);
  return changes != NULL;
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
  g_autoptr(JsonObject) loaded = NULL;

  g_return_if_fail (KITH_IS_RECORD (self));

  loaded = json_object_ref (priv->loaded);
  load (self, loaded, NULL, FALSE);
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
  KithRecordPrivate *other_priv;

  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (KITH_IS_RECORD (other));

  other_priv = kith_record_get_instance_private (other);
  load (self, other_priv->loaded, NULL, TRUE);
}

/* Accessors */

gint64
kith_record_get_id (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_RECORD (self), 0);

  return json_object_get_int_member_with_default (priv->data, "id", 0);
}

KithRecordKind
kith_record_get_kind (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_RECORD (self), KITH_RECORD_PERSON);

  return kith_record_kind_from_string (json_object_get_string_member_with_default (priv->data, "kind", "person"));
}

#define STRING_ACCESSORS(name, PROP)                                    \
  const char *                                                          \
  kith_record_get_##name (KithRecord *self)                             \
  {                                                                     \
    g_return_val_if_fail (KITH_IS_RECORD (self), NULL);                 \
    return kith_record_get_string_member (self, #name);                 \
  }                                                                     \
  void                                                                  \
  kith_record_set_##name (KithRecord *self,                             \
                          const char *value)                            \
  {                                                                     \
    GValue v = G_VALUE_INIT;                                            \
    g_return_if_fail (KITH_IS_RECORD (self));                           \
    g_value_init (&v, G_TYPE_STRING);                                   \
    g_value_set_static_string (&v, value);                              \
    kith_record_set_member (self, properties[PROP], &v);                \
    g_value_unset (&v);                                                 \
  }

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (segment, PROP_SEGMENT)
STRING_ACCESSORS (stage, PROP_STAGE)
STRING_ACCESSORS (step, PROP_STEP)

gboolean
kith_record_get_private (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  JsonNode *node;

  g_return_val_if_fail (KITH_IS_RECORD (self), FALSE);

  node = get_node (priv->data, "private");
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
}

void
kith_record_set_private (KithRecord *self,
                         gboolean    private_)
{
  g_return_if_fail (KITH_IS_RECORD (self));

  set_node (self, properties[PROP_PRIVATE], json_node_init_boolean (json_node_alloc (), private_));
}

/**
 * kith_record_dup_keywords:
 *
 * Returns: (transfer full): the record's tags
 */
char **
kith_record_dup_keywords (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_RECORD (self), NULL);

  return kith_model_json_strv (get_node (priv->data, "keywords"));
}

void
kith_record_set_keywords (KithRecord         *self,
                          const char * const *keywords)
{
  g_return_if_fail (KITH_IS_RECORD (self));

  set_node (self, properties[PROP_KEYWORDS], node_of_strv (keywords));
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
  g_return_val_if_fail (list <= KITH_RECORD_APP_LINKS, NULL);

  return G_LIST_MODEL (priv->lists[list]);
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
  JsonNode *node;
  JsonArray *array = json_array_new ();
  gboolean empty = value == NULL || *value == '\0';
  guint n;

  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (list <= KITH_RECORD_DOMAINS);

  node = get_node (priv->data, list_members[list]);
  n = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_length (json_node_get_array (node)) : 0;

  /* The whole list goes back, with this entry changed, removed (empty) or added (past the end) */
  for (guint i = 0; i < n; i++)
    {
      JsonNode *copy = deep_copy (json_array_get_element (json_node_get_array (node), i));

      if (i == position && empty)
        {
          json_node_unref (copy);
          continue;
        }
      if (i == position && JSON_NODE_HOLDS_OBJECT (copy))
        json_object_set_string_member (json_node_get_object (copy), "value", value);
      else if (i == position)
        json_node_set_string (copy, value);
      json_array_add_element (array, copy);
    }
  if (position >= n && !empty)
    json_array_add_string_element (array, value);

  json_object_set_array_member (priv->data, list_members[list], array);
  sync_list (self, list);
}

/* Custom fields: customFields [{id, value}] */

static JsonObject *
find_custom (JsonObject *data,
             const char *key)
{
  JsonNode *node = get_node (data, "customFields");
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *custom = json_array_get_object_element (array, i);

      if (custom != NULL && g_strcmp0 (json_object_get_string_member_with_default (custom, "id", NULL), key) == 0)
        return custom;
    }

  return NULL;
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
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  JsonObject *custom;
  JsonNode *value;

  g_return_val_if_fail (KITH_IS_RECORD (self), NULL);

  custom = find_custom (priv->data, key);
  value = custom != NULL ? get_node (custom, "value") : NULL;
  if (value == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      g_auto(GStrv) choices = kith_model_json_strv (value);

      return g_strjoinv ("\n", choices);
    }
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  if (json_node_get_value_type (value) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (value)));
    }
  if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "true" : "false");

  return NULL;
}

/**
 * kith_record_set_custom_value:
 * @value: (nullable): the value as typed, which the store checks against the field's type;
 *   %NULL or empty clears the field
 */
/* Sets custom field @key to @value (taken; %NULL removes it), in its place in the list */
static void
put_custom (KithRecord *self,
            const char *key,
            JsonNode   *value)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  JsonNode *node = get_node (priv->data, "customFields");
  JsonArray *old = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonArray *array = json_array_new ();
  JsonObject *custom;

  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      custom = json_array_get_object_element (old, i);
      if (custom != NULL && g_strcmp0 (json_object_get_string_member_with_default (custom, "id", NULL), key) == 0)
        {
          if (value == NULL)
            continue;
          custom = copy_object (custom);
          json_object_set_member (custom, "value", g_steal_pointer (&value));
          json_array_add_object_element (array, custom);
          continue;
        }
      json_array_add_element (array, deep_copy (json_array_get_element (old, i)));
    }
  if (value != NULL)
    {
      custom = json_object_new ();
      json_object_set_string_member (custom, "id", key);
      json_object_set_member (custom, "value", g_steal_pointer (&value));
      json_array_add_object_element (array, custom);
    }

  json_object_set_array_member (priv->data, "customFields", array);
  sync_customs (self);
}

void
kith_record_set_custom_value (KithRecord *self,
                              const char *key,
                              const char *value)
{
  g_return_if_fail (KITH_IS_RECORD (self));
  g_return_if_fail (key != NULL);

  put_custom (self, key, value != NULL && *value != '\0' ? json_node_init_string (json_node_alloc (), value) : NULL);
}

/* The custom values handed out show what the data has now */
static void
sync_customs (KithRecord *self)
{
  KithRecordPrivate *priv = kith_record_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->customs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *key = kith_custom_value_get_key (value);
      JsonObject *custom = find_custom (priv->data, key);
      JsonNode *node = custom != NULL ? get_node (custom, "value") : NULL;
      g_autofree char *text = kith_record_dup_custom_value (self, key);
      g_auto(GStrv) values = kith_model_json_strv (node);

      kith_custom_value_update (value, text, (const char * const *) values);
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

  put_custom (self, key, values != NULL && values[0] != NULL ? node_of_strv (values) : NULL);
}
