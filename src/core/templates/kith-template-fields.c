/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTemplateFields"

#include "config.h"

#include <string.h>

#include "kith-template-fields.h"

/*
 * The merge fields a template may name, each with a slot: the built-in ones (the record's
 * names, company, headline, email, segment and stage, and the sender's my.*), then the custom
 * fields of Preferences → Fields. The parser turns a name into its slot once, so rendering
 * looks nothing up: it indexes a KithTemplateValues.
 *
 * A name is matched without regard to case, and spaces, hyphens and underscores are the same:
 * a custom field "Lead source" (key lead_source) is {{Lead source}}, {{lead source}} or
 * {{lead_source}}. A built-in name wins over a custom field's; `#` before a name asks for the
 * custom field alone, as in the query language: {{#company}}.
 */

static const char *builtin_names[KITH_TEMPLATE_N_BUILTIN] = {
  "first_name", "last_name", "name", "company", "headline", "email", "segment", "stage",
  "my.first_name", "my.last_name", "my.name", "my.email", "my.signature",
};

typedef struct {
  char   *name;      /* as the user knows it */
  char   *key;       /* a custom field's key, NULL for a built-in */
  gint64  field_id;  /* a custom field's id, 0 for a built-in */
} Slot;

struct _KithTemplateFields
{
  GArray     *slots;    /* of Slot */
  GHashTable *names;    /* normalised name → slot + 1 */
  GHashTable *custom;   /* normalised custom name or key → slot + 1 */
};

struct _KithTemplateValues
{
  KithTemplateFields *fields;
  guint               n;
  char              **values;
};

G_DEFINE_BOXED_TYPE (KithTemplateFields, kith_template_fields, kith_template_fields_ref, kith_template_fields_unref)
G_DEFINE_BOXED_TYPE (KithTemplateValues, kith_template_values, kith_template_values_copy, kith_template_values_free)

/* Case folded, with spaces, hyphens and underscores as one underscore, trimmed */
static char *
normalize (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autoptr(GString) out = g_string_sized_new (strlen (folded));
  gboolean gap = FALSE;

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '-' || *p == '_')
        {
          gap = out->len > 0;
          continue;
        }
      if (gap)
        g_string_append_c (out, '_');
      gap = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
slot_clear (Slot *slot)
{
  g_free (slot->name);
  g_free (slot->key);
}

static void
fields_free (KithTemplateFields *self)
{
  g_array_unref (self->slots);
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->custom);
}

/**
 * kith_template_fields_new:
 *
 * Returns: (transfer full): the built-in fields; add the custom ones with
 *   kith_template_fields_add_custom()
 */
KithTemplateFields *
kith_template_fields_new (void)
{
  KithTemplateFields *self = g_atomic_rc_box_new0 (KithTemplateFields);

  self->slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  g_array_set_clear_func (self->slots, (GDestroyNotify) slot_clear);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->custom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < KITH_TEMPLATE_N_BUILTIN; i++)
    {
      Slot slot = { g_strdup (builtin_names[i]), NULL, 0 };

      g_array_append_val (self->slots, slot);
      g_hash_table_insert (self->names, g_strdup (builtin_names[i]), GUINT_TO_POINTER (i + 1));
    }

  return self;
}

/**
 * kith_template_fields_ref:
 *
 * Returns: (transfer full): @self, one more reference; fields never change once made, so
 *   any thread may read them
 */
KithTemplateFields *
kith_template_fields_ref (KithTemplateFields *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
kith_template_fields_unref (KithTemplateFields *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) fields_free);
}

static void
add_name (KithTemplateFields *self,
          const char         *name,
          guint               slot)
{
  char *normal = normalize (name);

  if (!g_hash_table_contains (self->custom, normal))
    g_hash_table_insert (self->custom, g_strdup (normal), GUINT_TO_POINTER (slot + 1));
  /* A built-in name (or an earlier field's) keeps its meaning */
  if (!g_hash_table_contains (self->names, normal))
    g_hash_table_insert (self->names, normal, GUINT_TO_POINTER (slot + 1));
  else
    g_free (normal);
}

/**
 * kith_template_fields_add_custom:
 * @field_id: the custom field's id in the store
 * @key: its key, as the query language names it (`lead_source`)
 * @name: its name as Preferences → Fields shows it (`Lead source`)
 *
 * Returns: the field's slot
 */
guint
kith_template_fields_add_custom (KithTemplateFields *self,
                                 gint64              field_id,
                                 const char         *key,
                                 const char         *name)
{
  Slot slot = { g_strdup (name != NULL ? name : key), g_strdup (key), field_id };
  guint index = self->slots->len;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (key != NULL, 0);

  g_array_append_val (self->slots, slot);
  add_name (self, key, index);
  if (name != NULL)
    add_name (self, name, index);

  return index;
}

/**
 * kith_template_fields_lookup:
 * @name: a field's name as a template writes it: `first_name`, `my.email`, `Lead source`,
 *   `#lead_source`
 *
 * Returns: its slot, or -1 when there is no such field
 */
int
kith_template_fields_lookup (KithTemplateFields *self,
                             const char         *name)
{
  g_autofree char *normal = NULL;
  gpointer found;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  if (name[0] == '#')
    {
      normal = normalize (name + 1);
      found = g_hash_table_lookup (self->custom, normal);
    }
  else
    {
      normal = normalize (name);
      found = g_hash_table_lookup (self->names, normal);
    }

  return found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
}

/**
 * kith_template_fields_get_n_slots:
 *
 * Returns: how many fields there are: %KITH_TEMPLATE_N_BUILTIN and the custom ones
 */
guint
kith_template_fields_get_n_slots (KithTemplateFields *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->slots->len;
}

/**
 * kith_template_fields_get_name:
 *
 * Returns: the name of the field in @slot, as a user knows it
 */
const char *
kith_template_fields_get_name (KithTemplateFields *self,
                               guint               slot)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (slot < self->slots->len, NULL);

  return g_array_index (self->slots, Slot, slot).name;
}

/**
 * kith_template_fields_get_field_id:
 *
 * Returns: the store's id of the custom field in @slot; 0 for a built-in field
 */
gint64
kith_template_fields_get_field_id (KithTemplateFields *self,
                                   guint               slot)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (slot < self->slots->len, 0);

  return g_array_index (self->slots, Slot, slot).field_id;
}

/* Levenshtein distance, bytes; names are short */
static guint
distance (const char *a,
          const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] != b[j - 1]));
          diagonal = above;
        }
    }

  return row[lb];
}

/**
 * kith_template_fields_suggest:
 * @name: a name that is no field
 *
 * Returns: (transfer full) (nullable): the names of up to three fields close to @name (custom
 *   fields only for `#name`), quoted and separated by commas, the closest first; %NULL when
 *   none is close
 */
char *
kith_template_fields_suggest (KithTemplateFields *self,
                              const char         *name)
{
  g_autofree char *normal = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint limit;
  guint found = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  normal = normalize (name[0] == '#' ? name + 1 : name);
  if (strlen (normal) > 64)
    return NULL;
  limit = MAX (2, strlen (normal) / 3);

  for (guint d = 0; d <= limit && found < 3; d++)
    for (guint i = 0; i < self->slots->len && found < 3; i++)
      {
        Slot *slot = &g_array_index (self->slots, Slot, i);
        g_autofree char *candidate = normalize (slot->key != NULL ? slot->key : slot->name);

        /* #name asks for a custom field: a built-in one would not do */
        if ((name[0] == '#' && slot->key == NULL) || strlen (candidate) > 64 || distance (normal, candidate) != d)
          continue;
        if (found++ > 0)
          g_string_append (out, ", ");
        g_string_append_printf (out, "“%s”", slot->name);
      }

  return found > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * kith_template_values_new:
 *
 * Returns: (transfer full): a value for each slot of @fields, all %NULL
 */
KithTemplateValues *
kith_template_values_new (KithTemplateFields *fields)
{
  KithTemplateValues *self = g_new0 (KithTemplateValues, 1);

  g_return_val_if_fail (fields != NULL, NULL);

  self->fields = kith_template_fields_ref (fields);
  self->n = fields->slots->len;
  self->values = g_new0 (char *, self->n);
  return self;
}

void
kith_template_values_free (KithTemplateValues *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n; i++)
    g_free (self->values[i]);
  g_free (self->values);
  kith_template_fields_unref (self->fields);
  g_free (self);
}

/**
 * kith_template_values_copy:
 *
 * Returns: (transfer full): a copy of @self
 */
KithTemplateValues *
kith_template_values_copy (KithTemplateValues *self)
{
  KithTemplateValues *copy = kith_template_values_new (self->fields);

  for (guint i = 0; i < self->n; i++)
    copy->values[i] = g_strdup (self->values[i]);

  return copy;
}

/**
 * kith_template_values_get_fields:
 *
 * Returns: (transfer none): the fields @self holds values of
 */
KithTemplateFields *
kith_template_values_get_fields (KithTemplateValues *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->fields;
}

/**
 * kith_template_values_take:
 * @value: (transfer full) (nullable): the value of the field in @slot; %NULL or blank: empty
 */
void
kith_template_values_take (KithTemplateValues *self,
                           guint               slot,
                           char               *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (slot < self->n);

  g_free (self->values[slot]);
  self->values[slot] = value;
}

void
kith_template_values_set (KithTemplateValues *self,
                          guint               slot,
                          const char         *value)
{
  kith_template_values_take (self, slot, g_strdup (value));
}

/**
 * kith_template_values_get:
 *
 * Returns: (nullable): the value in @slot
 */
const char *
kith_template_values_get (KithTemplateValues *self,
                          guint               slot)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (slot < self->n, NULL);

  return self->values[slot];
}

/* Forgets the record's values and keeps the sender's (my.*), for the next record */
void
kith_template_values_clear_record (KithTemplateValues *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n; i++)
    if (i < KITH_TEMPLATE_MY_FIRST_NAME || i > KITH_TEMPLATE_MY_SIGNATURE)
      g_clear_pointer (&self->values[i], g_free);
}

/**
 * kith_template_values_set_sender:
 * @name: (nullable): the sender's full name; my.first_name is its first word, my.last_name
 *   the rest
 * @email: (nullable): the sender's address
 * @signature: (nullable): the signature, plain text
 *
 * Sets the sender's values, my.*
 */
void
kith_template_values_set_sender (KithTemplateValues *self,
                                 const char         *name,
                                 const char         *email,
                                 const char         *signature)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  char *space = strchr (trimmed, ' ');

  g_return_if_fail (self != NULL);

  kith_template_values_set (self, KITH_TEMPLATE_MY_NAME, *trimmed != '\0' ? trimmed : NULL);
  kith_template_values_set (self, KITH_TEMPLATE_MY_EMAIL, email);
  kith_template_values_set (self, KITH_TEMPLATE_MY_SIGNATURE, signature);
  if (space != NULL)
    {
      kith_template_values_set (self, KITH_TEMPLATE_MY_LAST_NAME, g_strchug (space + 1));
      *space = '\0';
    }
  else
    kith_template_values_set (self, KITH_TEMPLATE_MY_LAST_NAME, NULL);
  kith_template_values_set (self, KITH_TEMPLATE_MY_FIRST_NAME, *trimmed != '\0' ? trimmed : NULL);
}
