/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-store-private.h"
#include "kith-synckey.h"

/*
 * People, companies and projects: validating the JSON of docs/json.md, matching sync keys,
 * writing, reading back, deleting and merging.
 *
 * Every write validates the whole input before it touches the database, then writes inside a
 * transaction, so bad input leaves the database as it was.
 */

#define P  (1u << KITH_RECORD_PERSON)
#define C  (1u << KITH_RECORD_COMPANY)
#define PR (1u << KITH_RECORD_PROJECT)
#define ALL (P | C | PR)

typedef enum {
  F_TEXT,
  F_LONG_TEXT,
  F_BOOL,
  F_DATE,
  F_BIRTHDAY,
  F_NUMBER,
  F_AMOUNT,     /* money: a number, or text as a currency custom field takes it ("$500,000") */
  F_DAYS,
  F_CURRENCY_CODE,
  F_FORECAST,
  F_EMAIL,
} FieldType;

typedef struct {
  const char *member;
  const char *column;
  guint       kinds;
  FieldType   type;
  const char *label;
} ScalarField;

static const ScalarField scalar_fields[] = {
  { "name", "name", ALL, F_TEXT, N_("name") },
  { "first", "first", P, F_TEXT, N_("first name") },
  { "last", "last", P, F_TEXT, N_("last name") },
  { "headline", "headline", P, F_TEXT, N_("headline") },
  { "description", "description", C, F_LONG_TEXT, N_("description") },
  { "summary", "description", PR, F_LONG_TEXT, N_("summary") },
  { "picture", "picture", ALL, F_TEXT, N_("picture") },
  { "private", "private", ALL, F_BOOL, N_("private flag") },
  { "notes", "notes", ALL, F_LONG_TEXT, N_("notes") },
  { "role", "role", P, F_TEXT, N_("role") },
  { "department", "department", P, F_TEXT, N_("department") },
  { "leadSource", "lead_source", ALL, F_TEXT, N_("lead source") },
  { "birthday", "birthday", P, F_BIRTHDAY, N_("birthday") },
  { "assignee", "assignee", ALL, F_EMAIL, N_("assignee") },
  { "start", "start_date", PR, F_DATE, N_("start date") },
  { "end", "end_date", PR, F_DATE, N_("end date") },
  { "value", "value", PR, F_AMOUNT, N_("value") },
  { "currency", "currency", PR, F_CURRENCY_CODE, N_("currency") },
  { "type", "project_type", PR, F_TEXT, N_("type") },
  { "forecast", "forecast", PR, F_FORECAST, N_("forecast") },
  { "cadence", "cadence_days", P | C, F_DAYS, N_("stay-in-touch cadence") },
};

/* Members handled one by one below, and the kinds that take them */
static const struct { const char *member; guint kinds; } special_members[] = {
  { "segment", ALL }, { "stage", ALL }, { "step", ALL }, { "keywords", ALL },
  { "customFields", ALL }, { "appLinks", ALL }, { "urls", ALL }, { "phones", ALL },
  { "faxes", ALL }, { "addresses", P | C }, { "address", PR }, { "emails", P | C },
  { "domains", C }, { "twitter", P | C }, { "facebook", P | C }, { "linkedin", P | C },
  { "company", P }, { "anniversaries", P }, { "participants", PR }, { "dealTeam", PR },
  /* read-only members a client may send back unchanged */
  { "id", ALL }, { "kind", ALL }, { "syncKey", ALL }, { "firstSeen", ALL },
  { "lastChanged", ALL }, { "lastContact", ALL }, { "stepSince", ALL },
};

static const char *channel_types[] = { "email", "phone", "fax", "url", "domain", "twitter",
                                       "facebook", "linkedin" };

typedef struct {
  const char *type;        /* static */
  char       *value;
  char       *key;         /* sync key, or NULL for channels that identify nobody */
  char       *label;
  gboolean    preferred;
} Channel;

typedef struct {
  char   *street, *city, *region, *country, *postal_code, *label;
  double  latitude, longitude;
  gboolean has_position;
} Address;

typedef struct {
  char *app_id;
  char *unique_id;
  char *app_name;
  char *url;
} AppLink;

typedef struct {
  gint64     field_id;
  GPtrArray *values;  /* char* */
  GArray    *nums;    /* double, NAN for none */
} CustomValue;

typedef struct {
  char *label;
  char *date;
} Occasion;

/* A validated record write */
typedef struct {
  KithRecordKind kind;

  /* scalar columns: parallel arrays; a NULL GVariant is SQL NULL */
  GPtrArray *columns;   /* const char* (static) */
  GPtrArray *values;    /* GVariant* or NULL */

  gboolean   has_name, has_first, has_last;
  char      *name, *first, *last;

  gboolean   has_segment, has_stage, has_step;
  char      *segment, *stage, *step;

  /* Lists. A list that was not given is NULL; given lists replace (update) or add (create). */
  GPtrArray *channels[G_N_ELEMENTS (channel_types)];
  GPtrArray *addresses;
  GPtrArray *app_links;
  GPtrArray *tags;
  GPtrArray *custom;
  GPtrArray *occasions;
  GArray    *participants;
  GArray    *team;

  gboolean   has_company;
  char      *company;

  /* Resolved before anything is written */
  gboolean   rel_resolved;
  char      *old_segment, *old_stage, *old_step;
  char      *new_segment, *new_stage, *new_step;
} RecordInput;

static void
channel_free (Channel *c)
{
  g_free (c->value);
  g_free (c->key);
  g_free (c->label);
  g_free (c);
}

static void
address_free (Address *a)
{
  g_free (a->street);
  g_free (a->city);
  g_free (a->region);
  g_free (a->country);
  g_free (a->postal_code);
  g_free (a->label);
  g_free (a);
}

static void
app_link_free (AppLink *l)
{
  g_free (l->app_id);
  g_free (l->unique_id);
  g_free (l->app_name);
  g_free (l->url);
  g_free (l);
}

static void
custom_value_free (CustomValue *v)
{
  g_ptr_array_unref (v->values);
  g_array_unref (v->nums);
  g_free (v);
}

static void
occasion_free (Occasion *o)
{
  g_free (o->label);
  g_free (o->date);
  g_free (o);
}

static void
variant_free0 (gpointer v)
{
  if (v != NULL)
    g_variant_unref (v);
}

static RecordInput *
record_input_new (KithRecordKind kind)
{
  RecordInput *in = g_new0 (RecordInput, 1);

  in->kind = kind;
  in->columns = g_ptr_array_new ();
  in->values = g_ptr_array_new_with_free_func (variant_free0);

  return in;
}

static void
record_input_free (RecordInput *in)
{
  g_ptr_array_unref (in->columns);
  g_ptr_array_unref (in->values);
  g_free (in->name);
  g_free (in->first);
  g_free (in->last);
  g_free (in->segment);
  g_free (in->stage);
  g_free (in->step);
  g_free (in->company);
  g_free (in->old_segment);
  g_free (in->old_stage);
  g_free (in->old_step);
  g_free (in->new_segment);
  g_free (in->new_stage);
  g_free (in->new_step);
  for (guint i = 0; i < G_N_ELEMENTS (channel_types); i++)
    g_clear_pointer (&in->channels[i], g_ptr_array_unref);
  g_clear_pointer (&in->addresses, g_ptr_array_unref);
  g_clear_pointer (&in->app_links, g_ptr_array_unref);
  g_clear_pointer (&in->tags, g_ptr_array_unref);
  g_clear_pointer (&in->custom, g_ptr_array_unref);
  g_clear_pointer (&in->occasions, g_ptr_array_unref);
  g_clear_pointer (&in->participants, g_array_unref);
  g_clear_pointer (&in->team, g_array_unref);
  g_free (in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RecordInput, record_input_free)

static int
channel_type_index (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (channel_types); i++)
    if (strcmp (type, channel_types[i]) == 0)
      return (int) i;

  g_assert_not_reached ();
  return -1;
}

/* Channel types go into the SQL text, not a parameter: the partial indexes on channels name a
 * type, and SQLite re-plans a statement on every new binding of a parameter that a partial
 * index's WHERE clause could depend on. The types come from channel_types[], never from input. */
static sqlite3_stmt *
prepare_typed (KithStore   *self,
               const char  *sql_format,
               const char  *type,
               GError     **error)
{
  g_autofree char *sql = NULL;

  g_assert (channel_type_index (type) >= 0);
  sql = g_strdup_printf (sql_format, type);

  return kith_store_prepare (self, sql, error);
}

/* A string member, validated; NULL for JSON null. */
static gboolean
get_string (JsonNode    *node,
            const char  *label,
            gsize        max_len,
            gboolean     allow_null,
            char       **out,
            GError     **error)
{
  const char *s;

  *out = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (allow_null)
        return TRUE;
      return kith_invalid (error, _("The %s must not be empty"), label);
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return kith_invalid (error, _("The %s must be text"), label);

  s = json_node_get_string (node);
  if (!kith_validate_text (label, s, max_len, error))
    return FALSE;

  /* Only notes, descriptions and summaries are long text, and only they keep their lines */
  *out = g_strstrip (kith_text_strip_controls (s, max_len >= KITH_MAX_LONG_TEXT));
  if (**out == '\0')
    {
      g_clear_pointer (out, g_free);
      if (!allow_null)
        return kith_invalid (error, _("The %s must not be empty"), label);
    }

  return TRUE;
}

static gboolean
get_number (JsonNode   *node,
            const char *label,
            double     *out,
            GError    **error)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);

      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        *out = json_node_get_double (node);
      else if (t == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (!kith_parse_number (s, out))
            return kith_invalid (error, _("The %s “%s” is not a number"), label,
                                 g_utf8_validate (s, -1, NULL) ? s : "?");
        }
      else
        return kith_invalid (error, _("The %s must be a number"), label);

      /* Beyond 2^53 a double no longer holds every whole number, and JSON output would need
       * an exponent */
      if (isfinite (*out) && fabs (*out) <= (double) (G_GINT64_CONSTANT (1) << 53))
        return TRUE;
      {
        g_autofree char *text = t == G_TYPE_STRING ? g_strdup (json_node_get_string (node))
                                                   : g_strdup_printf ("%g", *out);

        return kith_invalid (error, _("The %s %s is out of range (numbers go up to 9007199254740992 "
                                      "either side of 0)"), label, text);
      }
    }

  return kith_invalid (error, _("The %s must be a number"), label);
}

static gboolean
is_true_member (JsonObject *obj,
                const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
add_column (RecordInput *in,
            const char  *column,
            GVariant    *value)
{
  g_ptr_array_add (in->columns, (gpointer) column);
  g_ptr_array_add (in->values, value != NULL ? g_variant_ref_sink (value) : NULL);
}

static gboolean
parse_scalar (RecordInput        *in,
              const ScalarField  *f,
              JsonNode           *node,
              GError            **error)
{
  const char *label = _(f->label);
  g_autofree char *text = NULL;
  double num;

  if (JSON_NODE_HOLDS_NULL (node) && strcmp (f->member, "name") != 0)
    {
      add_column (in, f->column, NULL);
      return TRUE;
    }

  switch (f->type)
    {
    case F_TEXT:
    case F_LONG_TEXT:
      if (!get_string (node, label, f->type == F_TEXT ? KITH_MAX_TEXT : KITH_MAX_LONG_TEXT,
                       strcmp (f->member, "name") != 0, &text, error))
        return FALSE;
      if (strcmp (f->member, "name") == 0)
        {
          in->has_name = TRUE;
          in->name = g_steal_pointer (&text);
          return TRUE;
        }
      if (strcmp (f->member, "first") == 0)
        {
          in->has_first = TRUE;
          in->first = g_strdup (text);
        }
      else if (strcmp (f->member, "last") == 0)
        {
          in->has_last = TRUE;
          in->last = g_strdup (text);
        }
      add_column (in, f->column, text ? g_variant_new_string (text) : NULL);
      return TRUE;

    case F_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return kith_invalid (error, _("The %s must be true or false"), label);
      add_column (in, f->column, g_variant_new_int64 (json_node_get_boolean (node)));
      return TRUE;

    case F_DATE:
    case F_BIRTHDAY:
      {
        GDate date;

        if (!get_string (node, label, 32, TRUE, &text, error))
          return FALSE;
        if (text != NULL && !kith_parse_date (text, f->type == F_BIRTHDAY, &date))
          return kith_invalid (error, f->type == F_BIRTHDAY
                                 ? _("The %s “%s” is not a date (YYYY-MM-DD, or --MM-DD without the year)")
                                 : _("The %s “%s” is not a date (YYYY-MM-DD)"),
                          label, text);
        add_column (in, f->column, text ? g_variant_new_string (text) : NULL);
        return TRUE;
      }

    case F_NUMBER:
      if (!get_number (node, label, &num, error))
        return FALSE;
      add_column (in, f->column, g_variant_new_double (num));
      return TRUE;

    case F_AMOUNT:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (!kith_fields_parse_number ("currency", s, &num))
            return kith_invalid (error, _("The %s “%s” is not an amount of money (such as 500000 or $500,000)"),
                                 label, g_utf8_validate (s, -1, NULL) ? s : "?");
        }
      else if (!get_number (node, label, &num, error))
        return FALSE;
      add_column (in, f->column, g_variant_new_double (num));
      return TRUE;

    case F_DAYS:
      if (!get_number (node, label, &num, error))
        return FALSE;
      if (num < 0 || num > 3650 || num != floor (num))
        return kith_invalid (error, _("The %s must be a whole number of days between 0 and 3650"), label);
      add_column (in, f->column, g_variant_new_int64 ((gint64) num));
      return TRUE;

    case F_CURRENCY_CODE:
      if (!get_string (node, label, 8, TRUE, &text, error))
        return FALSE;
      if (text != NULL)
        {
          if (strlen (text) != 3 || !g_ascii_isalpha (text[0]) || !g_ascii_isalpha (text[1]) ||
              !g_ascii_isalpha (text[2]))
            return kith_invalid (error, _("The %s “%s” is not a currency code such as USD or EUR"),
                            label, text);
          for (char *p = text; *p; p++)
            *p = g_ascii_toupper (*p);
        }
      add_column (in, f->column, text ? g_variant_new_string (text) : NULL);
      return TRUE;

    case F_FORECAST:
      if (!get_string (node, label, 32, TRUE, &text, error))
        return FALSE;
      if (text != NULL)
        {
          if (g_ascii_strcasecmp (text, "best case") == 0 || g_ascii_strcasecmp (text, "best-case") == 0)
            {
              g_free (text);
              text = g_strdup ("bestcase");
            }
          if (g_ascii_strcasecmp (text, "commit") != 0 && g_ascii_strcasecmp (text, "bestcase") != 0)
            return kith_invalid (error, _("The %s “%s” must be “commit” or “bestcase”"), label, text);
          for (char *p = text; *p; p++)
            *p = g_ascii_tolower (*p);
        }
      add_column (in, f->column, text ? g_variant_new_string (text) : NULL);
      return TRUE;

    case F_EMAIL:
      {
        g_autofree char *key = NULL;

        if (!get_string (node, label, 320, TRUE, &text, error))
          return FALSE;
        if (text != NULL && (key = kith_synckey_email (text, error)) == NULL)
          {
            g_prefix_error (error, "%s: ", label);
            return FALSE;
          }
        add_column (in, f->column, key ? g_variant_new_string (key) : NULL);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* Lists accept objects ({"value": …}) or, for convenience, plain strings. */
static gboolean
get_list (JsonNode    *node,
          const char  *label,
          JsonArray  **out,
          GError     **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, _("The %s must be a list"), label);
  if (json_array_get_length (json_node_get_array (node)) > 1000)
    return kith_invalid (error, _("The %s list is too long (at most 1000 entries)"), label);

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_entry_value (JsonNode    *element,
                 const char  *label,
                 JsonObject **out_obj,
                 char       **out_value,
                 GError     **error)
{
  *out_obj = NULL;

  if (JSON_NODE_HOLDS_OBJECT (element))
    {
      JsonNode *value;

      *out_obj = json_node_get_object (element);
      value = json_object_get_member (*out_obj, "value");
      if (value == NULL)
        return kith_invalid (error, _("Each entry of the %s list needs a “value”"), label);
      return get_string (value, label, KITH_MAX_TEXT, FALSE, out_value, error);
    }

  return get_string (element, label, KITH_MAX_TEXT, FALSE, out_value, error);
}

static const char *
entry_label (JsonObject *obj)
{
  static const char *labels[] = { "work", "home", "mobile", "other" };

  if (obj == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (is_true_member (obj, labels[i]))
      return labels[i];

  if (json_object_has_member (obj, "label") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "label")) &&
      json_node_get_value_type (json_object_get_member (obj, "label")) == G_TYPE_STRING)
    {
      const char *l = json_object_get_string_member (obj, "label");
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        if (g_ascii_strcasecmp (l, labels[i]) == 0)
          return labels[i];
    }

  return NULL;
}

static gboolean
parse_channels (KithStore   *store,
                RecordInput *in,
                const char  *type,
                JsonNode    *node,
                GError     **error)
{
  int idx = channel_type_index (type);
  const char *label;
  JsonArray *array = NULL;
  GPtrArray *list;

  if (strcmp (type, "email") == 0)
    label = _("email address");
  else if (strcmp (type, "phone") == 0)
    label = _("phone number");
  else if (strcmp (type, "fax") == 0)
    label = _("fax number");
  else if (strcmp (type, "url") == 0)
    label = _("web address");
  else if (strcmp (type, "domain") == 0)
    label = _("domain");
  else
    label = type;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) channel_free);
  g_clear_pointer (&in->channels[idx], g_ptr_array_unref);
  in->channels[idx] = list;

  /* twitter, facebook, linkedin are single strings */
  if (idx >= channel_type_index ("twitter"))
    {
      Channel *c;
      g_autofree char *value = NULL;

      if (!get_string (node, label, 512, TRUE, &value, error))
        return FALSE;
      if (value == NULL)
        return TRUE;
      c = g_new0 (Channel, 1);
      c->type = channel_types[idx];
      c->value = g_steal_pointer (&value);
      if ((c->key = kith_synckey_handle (c->value, error)) == NULL)
        {
          channel_free (c);
          return FALSE;
        }
      g_ptr_array_add (list, c);
      return TRUE;
    }

  if (!get_list (node, label, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *obj;
      g_autofree char *value = NULL;
      g_autofree char *key = NULL;
      Channel *c;

      if (!get_entry_value (json_array_get_element (array, i), label, &obj, &value, error))
        return FALSE;

      if (strcmp (type, "email") == 0)
        {
          if ((key = kith_synckey_email (value, error)) == NULL)
            return FALSE;
        }
      else if (strcmp (type, "phone") == 0 || strcmp (type, "fax") == 0)
        {
          key = kith_store_normalize_phone (store, value);
          if (key == NULL)
            return kith_invalid (error, _("“%s” is not a phone number"), value);
          if (strcmp (type, "fax") == 0)
            g_clear_pointer (&key, g_free);
        }
      else if (strcmp (type, "domain") == 0)
        {
          if ((key = kith_synckey_domain (value, error)) == NULL)
            return FALSE;
        }

      /* The same key twice in one list is one channel */
      if (key != NULL)
        {
          gboolean dup = FALSE;
          for (guint j = 0; j < list->len && !dup; j++)
            dup = g_strcmp0 (((Channel *) g_ptr_array_index (list, j))->key, key) == 0;
          if (dup)
            continue;
        }

      c = g_new0 (Channel, 1);
      c->type = channel_types[idx];
      c->value = g_steal_pointer (&value);
      c->key = g_steal_pointer (&key);
      c->label = g_strdup (entry_label (obj));
      c->preferred = obj != NULL && is_true_member (obj, "preferred");
      g_ptr_array_add (list, c);
    }

  return TRUE;
}

static gboolean
get_optional_string (JsonObject  *obj,
                     const char  *member,
                     const char  *label,
                     char       **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  return get_string (node, label, KITH_MAX_TEXT, TRUE, out, error);
}

static gboolean
parse_address (JsonNode  *node,
               Address  **out,
               GError   **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *obj;
  Address *a;
  gboolean ok;

  *out = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return kith_invalid (error, _("An address must be an object with street, city, state, country and postal"));

  obj = json_node_get_object (node);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      static const char *known[] = { "street", "city", "state", "region", "country", "postal",
                                     "postalCode", "zip", "work", "home", "other", "label",
                                     "lat", "lng", "latitude", "longitude", "value" };
      if (!g_strv_contains (known, l->data))
        return kith_invalid (error, _("Unknown address member “%s”"), (const char *) l->data);
    }

  a = g_new0 (Address, 1);
  ok = get_optional_string (obj, "street", _("street"), &a->street, error) &&
       get_optional_string (obj, "city", _("city"), &a->city, error) &&
       get_optional_string (obj, json_object_has_member (obj, "region") ? "region" : "state",
                            _("state"), &a->region, error) &&
       get_optional_string (obj, "country", _("country"), &a->country, error) &&
       get_optional_string (obj, json_object_has_member (obj, "postalCode") ? "postalCode"
                                 : json_object_has_member (obj, "zip") ? "zip" : "postal",
                            _("postal code"), &a->postal_code, error);

  /* A one-line address given as "value" goes in the street */
  if (ok && a->street == NULL && json_object_has_member (obj, "value"))
    ok = get_optional_string (obj, "value", _("address"), &a->street, error);

  if (ok)
    {
      const char *lat = json_object_has_member (obj, "lat") ? "lat" : "latitude";
      const char *lng = json_object_has_member (obj, "lng") ? "lng" : "longitude";

      if (json_object_has_member (obj, lat) || json_object_has_member (obj, lng))
        {
          ok = json_object_has_member (obj, lat) && json_object_has_member (obj, lng) &&
               get_number (json_object_get_member (obj, lat), _("latitude"), &a->latitude, error) &&
               get_number (json_object_get_member (obj, lng), _("longitude"), &a->longitude, error);
          if (ok && (fabs (a->latitude) > 90 || fabs (a->longitude) > 180))
            ok = kith_invalid (error, _("The position %g, %g is not on Earth"), a->latitude, a->longitude);
          else if (!ok && error != NULL && *error == NULL)
            ok = kith_invalid (error, _("An address position needs both lat and lng"));
          a->has_position = ok;
        }
    }

  if (!ok)
    {
      address_free (a);
      return FALSE;
    }

  a->label = g_strdup (entry_label (obj));
  *out = a;
  return TRUE;
}

static gboolean
parse_addresses (RecordInput *in,
                 JsonNode    *node,
                 gboolean     single,
                 GError     **error)
{
  JsonArray *array = NULL;

  g_clear_pointer (&in->addresses, g_ptr_array_unref);
  in->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) address_free);

  if (single)
    {
      Address *a;

      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (!parse_address (node, &a, error))
        return FALSE;
      g_ptr_array_add (in->addresses, a);
      return TRUE;
    }

  if (!get_list (node, _("addresses"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      Address *a;

      if (!parse_address (json_array_get_element (array, i), &a, error))
        return FALSE;
      g_ptr_array_add (in->addresses, a);
    }

  return TRUE;
}

static gboolean
parse_app_links (RecordInput *in,
                 JsonNode    *node,
                 GError     **error)
{
  JsonArray *array = NULL;

  in->app_links = g_ptr_array_new_with_free_func ((GDestroyNotify) app_link_free);

  if (!get_list (node, _("app links"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      g_autofree char *source = NULL;
      AppLink *link;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return kith_invalid (error, _("Each app link must be an object with source and uniqueid"));
      obj = json_node_get_object (element);

      link = g_new0 (AppLink, 1);
      g_ptr_array_add (in->app_links, link);

      if (!get_optional_string (obj, "source", _("app link source"), &source, error) ||
          !get_optional_string (obj, "uniqueid", _("app link unique id"), &link->unique_id, error) ||
          !get_optional_string (obj, "label", _("app link label"), &link->app_name, error) ||
          !get_optional_string (obj, "url", _("app link URL"), &link->url, error))
        return FALSE;
      if (link->app_name == NULL &&
          !get_optional_string (obj, "name", _("app link label"), &link->app_name, error))
        return FALSE;

      if (source == NULL || link->unique_id == NULL)
        return kith_invalid (error, _("An app link needs both a source (such as salesforce.com) and a uniqueid"));
      if ((link->app_id = kith_synckey_app_id (source, error)) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_tags (RecordInput *in,
            JsonNode    *node,
            GError     **error)
{
  JsonArray *array = NULL;

  in->tags = g_ptr_array_new_with_free_func (g_free);

  if (!get_list (node, _("keywords"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *tag = NULL;

      if (!get_string (json_array_get_element (array, i), _("keyword"), 256, FALSE, &tag, error))
        return FALSE;
      g_ptr_array_add (in->tags, g_steal_pointer (&tag));
    }

  return TRUE;
}

static gboolean
parse_custom (KithStore   *store,
              RecordInput *in,
              JsonNode    *node,
              GError     **error)
{
  JsonArray *array = NULL;

  in->custom = g_ptr_array_new_with_free_func ((GDestroyNotify) custom_value_free);

  if (!get_list (node, _("custom fields"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      g_autofree char *key = NULL;
      g_autofree char *type = NULL;
      g_autofree char *name = NULL;
      g_autofree char *options = NULL;
      CustomValue *cv;
      int applies_to;
      gint64 field_id;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return kith_invalid (error, _("Each custom field must be an object with id and value"));
      obj = json_node_get_object (element);

      if (!get_optional_string (obj, "id", _("custom field id"), &key, error))
        return FALSE;
      if (key == NULL)
        return kith_invalid (error, _("A custom field value needs the field’s id"));

      if (!kith_fields_lookup (store, key, &field_id, &type, &name, &options, &applies_to) ||
          applies_to != (int) in->kind)
        return kith_invalid (error, _("There is no custom field “%s” for %s"), key,
                        in->kind == KITH_RECORD_PERSON ? _("people")
                        : in->kind == KITH_RECORD_COMPANY ? _("companies") : _("projects"));

      value = json_object_get_member (obj, "value");
      cv = g_new0 (CustomValue, 1);
      cv->field_id = field_id;
      cv->values = g_ptr_array_new_with_free_func (g_free);
      cv->nums = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (in->custom, cv);

      if (value != NULL &&
          !kith_fields_normalize_value (store, field_id, name, type, options, value,
                                        cv->values, cv->nums, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_occasions (RecordInput *in,
                 JsonNode    *node,
                 GError     **error)
{
  JsonArray *array = NULL;

  in->occasions = g_ptr_array_new_with_free_func ((GDestroyNotify) occasion_free);

  if (!get_list (node, _("anniversaries"), &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      Occasion *o;
      GDate date;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return kith_invalid (error, _("Each anniversary must be an object with label and date"));
      obj = json_node_get_object (element);

      o = g_new0 (Occasion, 1);
      g_ptr_array_add (in->occasions, o);
      if (!get_optional_string (obj, "label", _("anniversary label"), &o->label, error) ||
          !get_optional_string (obj, "date", _("anniversary date"), &o->date, error))
        return FALSE;
      if (o->label == NULL)
        o->label = g_strdup (_("Anniversary"));
      if (o->date == NULL || !kith_parse_date (o->date, TRUE, &date))
        return kith_invalid (error, _("The anniversary date “%s” is not a date (YYYY-MM-DD, or --MM-DD)"),
                        o->date ? o->date : "");
    }

  return TRUE;
}

static gboolean
parse_members (KithStore   *store,
               JsonNode    *node,
               const char  *label,
               GArray     **out,
               GError     **error)
{
  JsonArray *array = NULL;

  *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!get_list (node, label, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *identifier = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *obj;
      gint64 id;

      if (!get_entry_value (element, label, &obj, &identifier, error))
        return FALSE;

      id = kith_store_lookup (store, identifier, &local_error);
      if (id == 0)
        return kith_invalid (error, _("The %s “%s” is not a known person or company"), label, identifier);
      g_array_append_val (*out, id);
    }

  return TRUE;
}

static const ScalarField *
find_scalar (const char *member,
             guint       kind_bit)
{
  for (guint i = 0; i < G_N_ELEMENTS (scalar_fields); i++)
    if ((scalar_fields[i].kinds & kind_bit) && strcmp (scalar_fields[i].member, member) == 0)
      return &scalar_fields[i];

  return NULL;
}

static gboolean
is_special (const char *member,
            guint       kind_bit)
{
  for (guint i = 0; i < G_N_ELEMENTS (special_members); i++)
    if ((special_members[i].kinds & kind_bit) && strcmp (special_members[i].member, member) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
parse_input (KithStore    *store,
             RecordInput  *in,
             JsonObject   *data,
             GError      **error)
{
  guint kind_bit = 1u << in->kind;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &member, &node))
    {
      const ScalarField *f = find_scalar (member, kind_bit);

      if (f != NULL)
        {
          if (!parse_scalar (in, f, node, error))
            return FALSE;
          continue;
        }

      if (!is_special (member, kind_bit))
        return kith_invalid (error, _("Unknown member “%s” for a %s"),
                        g_utf8_validate (member, -1, NULL) ? member : "?",
                        kith_record_kind_to_string (in->kind));

      if (strcmp (member, "segment") == 0)
        {
          in->has_segment = TRUE;
          if (!get_string (node, _("segment"), 64, TRUE, &in->segment, error))
            return FALSE;
        }
      else if (strcmp (member, "stage") == 0)
        {
          in->has_stage = TRUE;
          if (!get_string (node, _("stage"), 64, TRUE, &in->stage, error))
            return FALSE;
        }
      else if (strcmp (member, "step") == 0)
        {
          in->has_step = TRUE;
          if (!get_string (node, _("step"), 256, TRUE, &in->step, error))
            return FALSE;
        }
      else if (strcmp (member, "emails") == 0)
        {
          if (!parse_channels (store, in, "email", node, error))
            return FALSE;
        }
      else if (strcmp (member, "phones") == 0)
        {
          if (!parse_channels (store, in, "phone", node, error))
            return FALSE;
        }
      else if (strcmp (member, "faxes") == 0)
        {
          if (!parse_channels (store, in, "fax", node, error))
            return FALSE;
        }
      else if (strcmp (member, "urls") == 0)
        {
          if (!parse_channels (store, in, "url", node, error))
            return FALSE;
        }
      else if (strcmp (member, "domains") == 0)
        {
          if (!parse_channels (store, in, "domain", node, error))
            return FALSE;
        }
      else if (strcmp (member, "twitter") == 0 || strcmp (member, "facebook") == 0 ||
               strcmp (member, "linkedin") == 0)
        {
          if (!parse_channels (store, in, member, node, error))
            return FALSE;
        }
      else if (strcmp (member, "addresses") == 0 || strcmp (member, "address") == 0)
        {
          if (!parse_addresses (in, node, strcmp (member, "address") == 0, error))
            return FALSE;
        }
      else if (strcmp (member, "appLinks") == 0)
        {
          if (!parse_app_links (in, node, error))
            return FALSE;
        }
      else if (strcmp (member, "keywords") == 0)
        {
          if (!parse_tags (in, node, error))
            return FALSE;
        }
      else if (strcmp (member, "customFields") == 0)
        {
          if (!parse_custom (store, in, node, error))
            return FALSE;
        }
      else if (strcmp (member, "anniversaries") == 0)
        {
          if (!parse_occasions (in, node, error))
            return FALSE;
        }
      else if (strcmp (member, "participants") == 0)
        {
          if (!parse_members (store, node, _("participant"), &in->participants, error))
            return FALSE;
        }
      else if (strcmp (member, "dealTeam") == 0)
        {
          if (!parse_members (store, node, _("deal team member"), &in->team, error))
            return FALSE;
        }
      else if (strcmp (member, "company") == 0)
        {
          in->has_company = TRUE;
          if (!get_string (node, _("company"), 1024, TRUE, &in->company, error))
            return FALSE;
        }
      /* else: a read-only member; ignored */
    }

  return TRUE;
}

/* Name forms: a person's name is "First Last" when only the parts are given; the parts are
 * split from the name when only it is given. */
static void
complete_names (RecordInput *in)
{
  if (in->kind != KITH_RECORD_PERSON)
    return;

  if (!in->has_name && (in->first != NULL || in->last != NULL))
    {
      in->has_name = TRUE;
      in->name = g_strstrip (g_strdup_printf ("%s %s", in->first ? in->first : "",
                                              in->last ? in->last : ""));
    }
  else if (in->has_name && in->name != NULL && !in->has_first && !in->has_last)
    {
      const char *space = strrchr (in->name, ' ');

      if (space != NULL)
        {
          in->first = g_strndup (in->name, space - in->name);
          in->last = g_strdup (space + 1);
          g_strstrip (in->first);
        }
      else
        in->first = g_strdup (in->name);

      add_column (in, "first", g_variant_new_string (in->first));
      add_column (in, "last", in->last ? g_variant_new_string (in->last) : NULL);
    }
}

/* Lower case without accents, with one space between words: "Zoë  Ørsted" sorts as
 * "zoe ørsted", and is the same name when names are compared (merge candidates, a shared phone). */
static char *
make_sort_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_sized_new (strlen (name));

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
          t == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* A phone number or a social handle identifies someone only together with their name: a couple
 * shares a home phone, an assistant answers for several people. Emails, company domains and app
 * links identify a record on their own. */
static gboolean
key_needs_name (const char *type)
{
  return strcmp (type, "phone") == 0 || strcmp (type, "twitter") == 0 ||
         strcmp (type, "facebook") == 0 || strcmp (type, "linkedin") == 0;
}

/* The owners of a phone number or handle: how many, the first, and the first called @sort_name */
static guint
find_owners (KithStore  *self,
             const char *type,
             const char *key,
             const char *sort_name,
             gint64     *out_first,
             gint64     *out_named)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  *out_first = *out_named = 0;
  stmt = prepare_typed (self, "SELECT c.record_id, r.sort_name FROM channels c JOIN records r ON r.id = c.record_id "
                              "WHERE c.type = '%s' AND c.key = ? ORDER BY c.record_id", type, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (n++ == 0)
        *out_first = id;
      if (*out_named == 0 && sort_name != NULL &&
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), sort_name) == 0)
        *out_named = id;
    }
  sqlite3_reset (stmt);

  return n;
}

/**
 * kith_records_find_by_key_and_name:
 * @name: (nullable): the name that goes with the key, if known
 *
 * The record @key names, where who said it (a caller, a sender) also gave a name: a phone
 * number or handle on one record names it; on several, it names the one called @name (ignoring
 * case and accents), if any.
 *
 * Returns: the record's id, or 0
 */
gint64
kith_records_find_by_key_and_name (KithStore  *self,
                                   const char *type,
                                   const char *key,
                                   const char *name)
{
  g_autofree char *sort_name = NULL;
  gint64 first, named;

  if (!key_needs_name (type))
    return kith_records_find_by_key (self, type, key);

  sort_name = name != NULL ? make_sort_name (name) : NULL;
  if (find_owners (self, type, key, sort_name, &first, &named) == 1)
    return first;

  return named;
}

gint64
kith_records_find_by_key (KithStore  *self,
                          const char *type,
                          const char *key)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (strcmp (type, "applink") == 0)
    {
      const char *colon = strchr (key, ':');
      g_autofree char *app_id = NULL;

      if (colon == NULL)
        return 0;
      app_id = g_strndup (key, colon - key);
      stmt = kith_store_prepare (self, "SELECT record_id FROM app_links WHERE app_id = ? AND unique_id = ?", NULL);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, app_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, colon + 1, -1, SQLITE_TRANSIENT);
    }
  else if (strcmp (type, "synckey") == 0)
    {
      stmt = kith_store_prepare (self, "SELECT id FROM records WHERE sync_key = ?", NULL);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    }
  else if (key_needs_name (type))
    {
      gint64 first, named;

      /* Without a name, only a key nobody else has names someone */
      return find_owners (self, type, key, NULL, &first, &named) == 1 ? first : 0;
    }
  else
    {
      stmt = prepare_typed (self, "SELECT record_id FROM channels WHERE type = '%s' AND key = ?", type, NULL);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

static const char *
record_name (KithStore *self,
             gint64     id,
             char     **out)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, "SELECT name FROM records WHERE id = ?", NULL);

  *out = NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return *out ? *out : "?";
}

/* The first existing record of the same kind that shares a sync key with @in: an email, domain
 * or app link, or a phone number or handle together with the same name. */
static gint64
match_existing (KithStore   *self,
                RecordInput *in)
{
  g_autofree char *sort_name = in->name != NULL ? make_sort_name (in->name) : NULL;

  for (guint t = 0; t < G_N_ELEMENTS (channel_types); t++)
    for (guint i = 0; in->channels[t] != NULL && i < in->channels[t]->len; i++)
      {
        Channel *c = g_ptr_array_index (in->channels[t], i);
        gint64 id, first;

        if (c->key == NULL)
          continue;
        if (!key_needs_name (c->type))
          id = kith_records_find_by_key (self, c->type, c->key);
        else if (sort_name == NULL)
          continue;
        else
          find_owners (self, c->type, c->key, sort_name, &first, &id);
        if (id != 0 && kith_store_get_record_kind (self, id) == in->kind)
          return id;
      }

  for (guint i = 0; in->app_links != NULL && i < in->app_links->len; i++)
    {
      AppLink *l = g_ptr_array_index (in->app_links, i);
      g_autofree char *key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      gint64 id = kith_records_find_by_key (self, "applink", key);

      if (id != 0 && kith_store_get_record_kind (self, id) == in->kind)
        return id;
    }

  return 0;
}

/* Works out the segment, stage and step a write leaves the record in, checking each; reads
 * only, so that a bad value is refused before anything is written. */
static gboolean
resolve_relationship (KithStore    *self,
                      RecordInput  *in,
                      gint64        id,
                      gboolean      creating,
                      GError      **error)
{
  g_autofree char *segment = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *step = NULL;
  sqlite3_stmt *stmt;

  if (!creating)
    {
      stmt = kith_store_prepare (self, "SELECT segment, stage, step FROM records WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          in->old_segment = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          in->old_stage = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          in->old_step = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      sqlite3_reset (stmt);
    }

  if (!in->has_segment && !in->has_stage && !in->has_step && !creating)
    return TRUE;

  segment = g_strdup (in->has_segment ? in->segment : in->old_segment);
  stage = g_strdup (in->has_stage ? in->stage : in->old_stage);

  if (segment != NULL)
    {
      char *key = kith_relationship_segment_key (self, in->kind, segment);

      if (key == NULL)
        return kith_invalid (error, _("Unknown segment “%s”"), segment);
      g_free (segment);
      segment = key;
    }
  else if (creating && in->kind == KITH_RECORD_PROJECT)
    segment = g_strdup ("project");

  if (stage != NULL)
    {
      const char *key = kith_relationship_stage_key (in->kind, stage);
      g_autofree char *renamed = NULL;

      /* A stage the user renamed in Settings */
      if (key == NULL && segment != NULL)
        {
          stmt = kith_store_prepare (self, "SELECT key FROM stages WHERE segment = ? AND name = ? COLLATE NOCASE", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, segment, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            key = renamed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }

      if (key == NULL)
        return kith_invalid (error, in->kind == KITH_RECORD_PROJECT
                               ? _("Unknown stage “%s” (use future, current, pending, won or lost)")
                               : _("Unknown stage “%s” (use lead, future, current, past or out)"),
                        stage);
      g_free (stage);
      stage = g_strdup (key);
    }
  else if (creating && segment != NULL)
    stage = g_strdup (in->kind == KITH_RECORD_PROJECT ? "future" : "lead");

  /* A step belongs to a segment and stage: it stays only while both do */
  if (in->has_step)
    step = g_strdup (in->step);
  else if (g_strcmp0 (segment, in->old_segment) == 0 && g_strcmp0 (stage, in->old_stage) == 0)
    step = g_strdup (in->old_step);

  if (step != NULL)
    {
      char *key = kith_relationship_step_key (self, step, segment, stage);

      if (key == NULL)
        return kith_invalid (error, _("“%s” is not a next step of stage “%s” in segment “%s”"),
                        step, stage ? stage : "-", segment ? segment : "-");
      g_free (step);
      step = key;
    }

  in->rel_resolved = TRUE;
  in->new_segment = g_steal_pointer (&segment);
  in->new_stage = g_steal_pointer (&stage);
  in->new_step = g_steal_pointer (&step);

  return TRUE;
}

static gboolean
write_relationship (KithStore    *self,
                    RecordInput  *in,
                    gint64        id,
                    GError      **error)
{
  sqlite3_stmt *stmt;

  if (!in->rel_resolved)
    return TRUE;

  stmt = kith_store_prepare (self,
                             "UPDATE records SET segment = ?, stage = ?, step = ?, "
                             "step_since = CASE WHEN ?4 IS NOT step OR step_since IS NULL THEN ?5 ELSE step_since END "
                             "WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  kith_store_bind_text (stmt, 1, in->new_segment);
  kith_store_bind_text (stmt, 2, in->new_stage);
  kith_store_bind_text (stmt, 3, in->new_step);
  kith_store_bind_text (stmt, 4, in->new_step);
  if (in->new_step != NULL)
    sqlite3_bind_int64 (stmt, 5, kith_store_now (self));
  sqlite3_bind_int64 (stmt, 6, id);
  if (!kith_store_step_done (self, stmt, error))
    return FALSE;

  if (g_strcmp0 (in->new_segment, in->old_segment) != 0 &&
      !kith_records_write_audit (self, id, "segment", in->old_segment, in->new_segment, error))
    return FALSE;
  if (g_strcmp0 (in->new_stage, in->old_stage) != 0 &&
      !kith_records_write_audit (self, id, "stage", in->old_stage, in->new_stage, error))
    return FALSE;
  if (g_strcmp0 (in->new_step, in->old_step) != 0 &&
      !kith_records_write_audit (self, id, "step", in->old_step, in->new_step, error))
    return FALSE;

  return TRUE;
}

/* Sync keys that belong to another record: an update may not take them. */
static gboolean
check_conflicts (KithStore    *self,
                 RecordInput  *in,
                 gint64        id,
                 GError      **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (channel_types); t++)
    for (guint i = 0; in->channels[t] != NULL && i < in->channels[t]->len; i++)
      {
        Channel *c = g_ptr_array_index (in->channels[t], i);
        gint64 owner;

        /* Phones and handles may be shared (a home phone) */
        if (c->key == NULL || key_needs_name (c->type))
          continue;
        owner = kith_records_find_by_key (self, c->type, c->key);
        if (owner != 0 && owner != id)
          {
            g_autofree char *name = NULL;

            g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                         _("“%s” already belongs to %s"), c->value, record_name (self, owner, &name));
            return FALSE;
          }
      }

  for (guint i = 0; in->app_links != NULL && i < in->app_links->len; i++)
    {
      AppLink *l = g_ptr_array_index (in->app_links, i);
      g_autofree char *key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      gint64 owner = kith_records_find_by_key (self, "applink", key);

      if (owner != 0 && owner != id)
        {
          g_autofree char *name = NULL;

          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                       _("The app link %s already belongs to %s"), key, record_name (self, owner, &name));
          return FALSE;
        }
    }

  return TRUE;
}

static guint
count_channels (KithStore  *self,
                gint64      id,
                const char *type)
{
  sqlite3_stmt *stmt = prepare_typed (self, "SELECT count(*) FROM channels WHERE record_id = ? AND type = '%s'", type, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* A company needs an email or a domain, so that mail can find it. */
static gboolean
check_company_keys (KithStore    *self,
                    RecordInput  *in,
                    gint64        id,
                    gboolean      creating,
                    GError      **error)
{
  GPtrArray *emails = in->channels[channel_type_index ("email")];
  GPtrArray *domains = in->channels[channel_type_index ("domain")];
  guint n_emails, n_domains;

  if (in->kind != KITH_RECORD_COMPANY || (!creating && emails == NULL && domains == NULL))
    return TRUE;

  n_emails = emails != NULL ? emails->len : creating ? 0 : count_channels (self, id, "email");
  n_domains = domains != NULL ? domains->len : creating ? 0 : count_channels (self, id, "domain");
  if (n_emails + n_domains == 0)
    return kith_invalid (error, _("A company needs an email address or a domain"));

  return TRUE;
}

gboolean
kith_records_write_audit (KithStore   *self,
                          gint64       id,
                          const char  *field,
                          const char  *old_value,
                          const char  *new_value,
                          GError     **error)
{
  /* VALUES, not INSERT … SELECT: a single-row statement needs no statement journal */
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "INSERT INTO audit (record_id, record_sync_key, field, old_value, new_value, at) "
                                           "VALUES (?1, (SELECT sync_key FROM records WHERE id = ?1), ?2, ?3, ?4, ?5)",
                                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  kith_store_bind_text (stmt, 3, old_value);
  kith_store_bind_text (stmt, 4, new_value);
  sqlite3_bind_int64 (stmt, 5, kith_store_now (self));

  return kith_store_step_done (self, stmt, error);
}

static gboolean
write_scalars (KithStore    *self,
               RecordInput  *in,
               gint64        id,
               GError      **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  if (in->columns->len == 0)
    return TRUE;

  sql = g_string_new ("UPDATE records SET ");
  for (guint i = 0; i < in->columns->len; i++)
    g_string_append_printf (sql, "%s%s = ?", i ? ", " : "", (const char *) g_ptr_array_index (in->columns, i));
  g_string_append (sql, " WHERE id = ?");

  /* The set of columns comes from the static table, so these statements are few: cache them */
  stmt = kith_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  kith_store_bind_params (stmt, in->values, 1);
  sqlite3_bind_int64 (stmt, in->columns->len + 1, id);

  return kith_store_step_done (self, stmt, error);
}

/* Links timeline items that name @key (and no record yet) to @id: adding an email to a record
 * brings in the history already captured for that address. */
static gboolean
adopt_timeline (KithStore   *self,
                gint64       id,
                const char  *key,
                gboolean    *out_adopted,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean waiting;

  /* Usually there is nothing to adopt; a read is cheaper than a multi-row UPDATE */
  stmt = kith_store_prepare (self, "SELECT 1 FROM timeline_people WHERE key = ? AND record_id IS NULL LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  waiting = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!waiting)
    return TRUE;

  stmt = kith_store_prepare (self, "UPDATE timeline_people SET record_id = ? WHERE key = ? AND record_id IS NULL", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (!kith_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (kith_store_get_db (self)) > 0)
    *out_adopted = TRUE;

  return TRUE;
}

static gboolean
write_channels (KithStore    *self,
                RecordInput  *in,
                gint64        id,
                gboolean      replace,
                gboolean     *out_adopted,
                GError      **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (channel_types); t++)
    {
      GPtrArray *list = in->channels[t];
      sqlite3_stmt *stmt;
      int position = 0;

      if (list == NULL)
        continue;

      if (replace)
        {
          stmt = prepare_typed (self, "DELETE FROM channels WHERE record_id = ? AND type = '%s'", channel_types[t], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;
        }
      else
        {
          stmt = prepare_typed (self, "SELECT coalesce(max(position) + 1, 0) FROM channels "
                                      "WHERE record_id = ? AND type = '%s'", channel_types[t], error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            position = sqlite3_column_int (stmt, 0);
          sqlite3_reset (stmt);
        }

      for (guint i = 0; i < list->len; i++)
        {
          Channel *c = g_ptr_array_index (list, i);

          if (c->key != NULL && key_needs_name (c->type))
            {
              /* Shared keys: only no second copy on this record */
              gboolean has = FALSE;

              stmt = prepare_typed (self, "SELECT 1 FROM channels WHERE record_id = ? AND type = '%s' AND key = ?",
                                    c->type, error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_text (stmt, 2, c->key, -1, SQLITE_STATIC);
              has = sqlite3_step (stmt) == SQLITE_ROW;
              sqlite3_reset (stmt);
              if (has)
                continue;
            }
          else if (c->key != NULL)
            {
              gint64 owner = kith_records_find_by_key (self, c->type, c->key);

              if (owner == id)
                continue;
              if (owner != 0)
                {
                  g_autofree char *name = NULL;

                  /* Adding to a record found by another key: leave keys of other records alone */
                  if (!replace)
                    continue;
                  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                               _("“%s” already belongs to %s"), c->value, record_name (self, owner, &name));
                  return FALSE;
                }
            }
          else if (!replace)
            {
              /* Non-identifying channels (faxes, web pages): no duplicates by value */
              gboolean exists = FALSE;

              stmt = prepare_typed (self, "SELECT 1 FROM channels WHERE record_id = ? AND type = '%s' AND value = ?",
                                    c->type, error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_text (stmt, 2, c->value, -1, SQLITE_STATIC);
              exists = sqlite3_step (stmt) == SQLITE_ROW;
              sqlite3_reset (stmt);
              if (exists)
                continue;
            }

          stmt = kith_store_prepare (self,
                                     "INSERT INTO channels (record_id, type, value, key, label, preferred, position) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, c->type, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, c->value, -1, SQLITE_STATIC);
          kith_store_bind_text (stmt, 4, c->key);
          kith_store_bind_text (stmt, 5, c->label);
          sqlite3_bind_int (stmt, 6, c->preferred);
          sqlite3_bind_int (stmt, 7, position++);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;

          if (c->key != NULL && !adopt_timeline (self, id, c->key, out_adopted, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Runs @sql, a statement with @id as its one parameter */
gboolean
kith_records_delete_rows (KithStore   *self,
                          const char  *sql,
                          gint64       id,
                          GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return kith_store_step_done (self, stmt, error);
}

static gboolean
write_addresses (KithStore   *self,
                 RecordInput *in,
                 gint64       id,
                 gboolean     replace,
                 GError     **error)
{
  if (in->addresses == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM addresses WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->addresses->len; i++)
    {
      Address *a = g_ptr_array_index (in->addresses, i);
      sqlite3_stmt *stmt;

      if (!replace)
        {
          gboolean exists;

          stmt = kith_store_prepare (self,
                                     "SELECT 1 FROM addresses WHERE record_id = ? AND street IS ? AND city IS ? "
                                     "AND region IS ? AND country IS ? AND postal_code IS ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          kith_store_bind_text (stmt, 2, a->street);
          kith_store_bind_text (stmt, 3, a->city);
          kith_store_bind_text (stmt, 4, a->region);
          kith_store_bind_text (stmt, 5, a->country);
          kith_store_bind_text (stmt, 6, a->postal_code);
          exists = sqlite3_step (stmt) == SQLITE_ROW;
          sqlite3_reset (stmt);
          if (exists)
            continue;
        }

      stmt = kith_store_prepare (self,
                                 "INSERT INTO addresses (record_id, street, city, region, country, "
                                 "postal_code, label, latitude, longitude, position) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      kith_store_bind_text (stmt, 2, a->street);
      kith_store_bind_text (stmt, 3, a->city);
      kith_store_bind_text (stmt, 4, a->region);
      kith_store_bind_text (stmt, 5, a->country);
      kith_store_bind_text (stmt, 6, a->postal_code);
      kith_store_bind_text (stmt, 7, a->label);
      if (a->has_position)
        {
          sqlite3_bind_double (stmt, 8, a->latitude);
          sqlite3_bind_double (stmt, 9, a->longitude);
        }
      sqlite3_bind_int (stmt, 10, (int) i);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_app_links (KithStore   *self,
                 RecordInput *in,
                 gint64       id,
                 gboolean     replace,
                 GError     **error)
{
  if (in->app_links == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM app_links WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->app_links->len; i++)
    {
      AppLink *l = g_ptr_array_index (in->app_links, i);
      g_autofree char *key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      gint64 owner = kith_records_find_by_key (self, "applink", key);
      sqlite3_stmt *stmt;

      if (owner != 0 && owner != id)
        {
          g_autofree char *name = NULL;

          if (!replace)
            continue;
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                       _("The app link %s already belongs to %s"), key, record_name (self, owner, &name));
          return FALSE;
        }

      stmt = kith_store_prepare (self,
                                 "INSERT INTO app_links (record_id, app_id, unique_id, app_name, url) "
                                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (app_id, unique_id) DO UPDATE SET "
                                 "app_name = coalesce(excluded.app_name, app_name), url = coalesce(excluded.url, url)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, l->app_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, l->unique_id, -1, SQLITE_STATIC);
      kith_store_bind_text (stmt, 4, l->app_name);
      kith_store_bind_text (stmt, 5, l->url);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gint64 create_record (KithStore *self, KithRecordKind kind, JsonObject *data,
                             gboolean *out_merged, gboolean require_key, GError **error);

static gint64
ensure_tag (KithStore   *self,
            const char  *name,
            GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, "SELECT id FROM tags WHERE name = ?", error);
  gint64 tag_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tag_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (tag_id != 0)
    return tag_id;

  stmt = kith_store_prepare (self, "INSERT INTO tags (name) VALUES (?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!kith_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (kith_store_get_db (self));
}

static gboolean
write_tags (KithStore   *self,
            RecordInput *in,
            gint64       id,
            gboolean     replace,
            GError     **error)
{
  if (in->tags == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM record_tags WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->tags->len; i++)
    {
      gint64 tag_id = ensure_tag (self, g_ptr_array_index (in->tags, i), error);
      sqlite3_stmt *stmt;

      if (tag_id == 0)
        return FALSE;

      stmt = kith_store_prepare (self, "INSERT OR IGNORE INTO record_tags (record_id, tag_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_custom (KithStore   *self,
              RecordInput *in,
              gint64       id,
              gboolean     replace,
              GError     **error)
{
  sqlite3_stmt *stmt;

  if (in->custom == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM custom_values WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->custom->len; i++)
    {
      CustomValue *cv = g_ptr_array_index (in->custom, i);

      if (!replace)
        {
          stmt = kith_store_prepare (self, "DELETE FROM custom_values WHERE record_id = ? AND field_id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, cv->field_id);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;
        }

      for (guint j = 0; j < cv->values->len; j++)
        {
          double num = g_array_index (cv->nums, double, j);

          stmt = kith_store_prepare (self, "INSERT INTO custom_values (record_id, field_id, value, num) "
                                           "VALUES (?, ?, ?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, cv->field_id);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (cv->values, j), -1, SQLITE_STATIC);
          if (!isnan (num))
            sqlite3_bind_double (stmt, 4, num);
          if (!kith_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_occasions (KithStore   *self,
                 RecordInput *in,
                 gint64       id,
                 gboolean     replace,
                 GError     **error)
{
  if (in->occasions == NULL)
    return TRUE;

  if (replace && !kith_records_delete_rows (self, "DELETE FROM occasions WHERE record_id = ?", id, error))
    return FALSE;

  for (guint i = 0; i < in->occasions->len; i++)
    {
      Occasion *o = g_ptr_array_index (in->occasions, i);
      sqlite3_stmt *stmt;

      stmt = kith_store_prepare (self,
                                 "INSERT INTO occasions (record_id, label, date) SELECT ?1, ?2, ?3 "
                                 "WHERE NOT EXISTS (SELECT 1 FROM occasions WHERE record_id = ?1 "
                                 "AND label = ?2 AND date = ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, o->label, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, o->date, -1, SQLITE_STATIC);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_members (KithStore   *self,
               GArray      *members,
               const char  *role,
               gint64       id,
               gboolean     replace,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (members == NULL)
    return TRUE;

  if (replace)
    {
      stmt = kith_store_prepare (self, "DELETE FROM project_members WHERE project_id = ? AND role = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < members->len; i++)
    {
      stmt = kith_store_prepare (self, "INSERT OR IGNORE INTO project_members (project_id, record_id, role) "
                                       "VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (members, gint64, i));
      sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* A person's company: found by identifier (domain, email, sync key) or by name among companies,
 * else created with that name. */
static gboolean
write_company (KithStore   *self,
               RecordInput *in,
               gint64       id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 company_id = 0;

  if (!in->has_company)
    return TRUE;

  if (in->company != NULL)
    {
      company_id = kith_store_lookup (self, in->company, NULL);
      if (company_id != 0 && kith_store_get_record_kind (self, company_id) != KITH_RECORD_COMPANY)
        company_id = 0;

      if (company_id == 0)
        {
          stmt = kith_store_prepare (self, "SELECT id FROM records WHERE kind = 1 AND sort_name = ? "
                                           "ORDER BY id LIMIT 1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, make_sort_name (in->company), -1, g_free);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            company_id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }

      if (company_id == 0)
        {
          g_autoptr(JsonObject) company = json_object_new ();

          json_object_set_string_member (company, "name", in->company);
          company_id = create_record (self, KITH_RECORD_COMPANY, company, NULL, FALSE, error);
          if (company_id == 0)
            return FALSE;
        }
    }

  stmt = kith_store_prepare (self, "UPDATE records SET company_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (company_id != 0)
    sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, id);

  return kith_store_step_done (self, stmt, error);
}

gboolean
kith_records_update_fts (KithStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autofree char *name = NULL, *emails = NULL, *phones = NULL, *company = NULL, *notes = NULL;
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;

  /* Values are read first and written with single-row statements: an INSERT … SELECT into an
   * FTS5 table opens a statement savepoint, and FTS5 flushes its pending terms at each one. */
  stmt = kith_store_prepare (self,
                             "SELECT r.name, "
                             "  (SELECT group_concat(value, ' ') FROM channels WHERE record_id = r.id AND type IN ('email','domain')), "
                             "  (SELECT group_concat(value || ' ' || coalesce(key, ''), ' ') FROM channels WHERE record_id = r.id AND type IN ('phone','fax')), "
                             "  (SELECT name FROM records c WHERE c.id = r.company_id), "
                             "  coalesce(r.headline, '') || ' ' || coalesce(r.description, '') || ' ' || coalesce(r.notes, '') "
                             "FROM records r WHERE r.id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      exists = TRUE;
      name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      emails = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      phones = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      company = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      notes = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);

  if (!kith_records_delete_rows (self, "DELETE FROM records_fts WHERE rowid = ?", id, error))
    return FALSE;
  if (!exists)
    return TRUE;

  stmt = kith_store_prepare (self, "INSERT INTO records_fts (rowid, name, emails, phones, company, notes) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  kith_store_bind_text (stmt, 2, name);
  kith_store_bind_text (stmt, 3, emails);
  kith_store_bind_text (stmt, 4, phones);
  kith_store_bind_text (stmt, 5, company);
  kith_store_bind_text (stmt, 6, notes);

  return kith_store_step_done (self, stmt, error);
}

/* last_contact is the date of the newest communication (not notes or to-dos) with the record,
 * or with anyone at a company. */
gboolean
kith_records_refresh_last_contact (KithStore  *self,
                                   gint64      id,
                                   GError    **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "UPDATE records SET last_contact = ("
                                           "  SELECT max(t.date) FROM timeline_people tp JOIN timeline t ON t.id = tp.item_id "
                                           "  WHERE t.kind IN ('email','call','text','meeting','direct','postal') AND "
                                           "  (tp.record_id = ?1 OR tp.record_id IN (SELECT id FROM records WHERE company_id = ?1))"
                                           ") WHERE id = ?1",
                                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return kith_store_step_done (self, stmt, error);
}

/* People show their company's name in search: re-indexes those of @company when the current
 * transaction commits (after the company is renamed, merged or deleted) */
static gboolean
queue_fts_people_of (KithStore  *self,
                     gint64      company,
                     GError    **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = kith_store_prepare (self, "SELECT id FROM records WHERE company_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 person = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (people, person);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < people->len; i++)
    if (!kith_store_queue_fts_record (self, g_array_index (people, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
write_record (KithStore    *self,
              RecordInput  *in,
              gint64        id,
              gboolean      creating,
              gboolean      replace_lists,
              GError      **error)
{
  gboolean adopted = FALSE;

  if (!creating)
    {
      if (in->has_name)
        {
          add_column (in, "name", g_variant_new_string (in->name));
          add_column (in, "sort_name", g_variant_new_take_string (make_sort_name (in->name)));
        }
      add_column (in, "changed", g_variant_new_int64 (kith_store_now (self)));

      if (!write_scalars (self, in, id, error) ||
          !write_relationship (self, in, id, error))
        return FALSE;
    }

  if (!write_channels (self, in, id, replace_lists, &adopted, error) ||
      !write_addresses (self, in, id, replace_lists, error) ||
      !write_app_links (self, in, id, replace_lists, error) ||
      !write_tags (self, in, id, replace_lists, error) ||
      !write_custom (self, in, id, replace_lists, error) ||
      !write_occasions (self, in, id, replace_lists, error) ||
      !write_members (self, in->participants, "participant", id, replace_lists, error) ||
      !write_members (self, in->team, "team", id, replace_lists, error) ||
      !write_company (self, in, id, error))
    return FALSE;

  if (adopted && !kith_records_refresh_last_contact (self, id, error))
    return FALSE;

  if (!kith_store_queue_fts_record (self, id, error))
    return FALSE;

  /* People show their company's name in search */
  if (in->kind == KITH_RECORD_COMPANY && in->has_name && !creating &&
      !queue_fts_people_of (self, id, error))
    return FALSE;

  kith_store_mark_changed (self, in->kind);
  return TRUE;
}

/* A new record in one INSERT: its scalars, names and relationship, which write_record() then
 * need not update. */
static gint64
insert_record (KithStore    *self,
               RecordInput  *in,
               GError      **error)
{
  g_autofree char *sync_key = g_uuid_string_random ();
  g_autoptr(GString) sql = g_string_new ("INSERT INTO records (id, kind, sync_key, created, changed, name, sort_name, "
                                         "segment, stage, step, step_since");
  gint64 now = kith_store_now (self);
  sqlite3_stmt *stmt;
  int n = 10;
  gint64 id;

  for (guint i = 0; i < in->columns->len; i++)
    if (strcmp (g_ptr_array_index (in->columns, i), "changed") != 0)
      g_string_append_printf (sql, ", %s", (const char *) g_ptr_array_index (in->columns, i));
  /* Above the ids of deleted records that undo may still bring back */
  g_string_append (sql, ") VALUES (1 + max((SELECT coalesce(max(id), 0) FROM records), "
                        "(SELECT coalesce(max(max_record_id), 0) FROM undo)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
  for (guint i = 0; i < in->columns->len; i++)
    if (strcmp (g_ptr_array_index (in->columns, i), "changed") != 0)
      g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');

  /* The column set comes from the static table: few distinct statements, cached */
  stmt = kith_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int (stmt, 1, in->kind);
  sqlite3_bind_text (stmt, 2, sync_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, in->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, make_sort_name (in->name), -1, g_free);
  kith_store_bind_text (stmt, 7, in->new_segment);
  kith_store_bind_text (stmt, 8, in->new_stage);
  kith_store_bind_text (stmt, 9, in->new_step);
  if (in->new_step != NULL)
    sqlite3_bind_int64 (stmt, 10, now);
  for (guint i = 0; i < in->columns->len; i++)
    {
      GVariant *v = g_ptr_array_index (in->values, i);

      if (strcmp (g_ptr_array_index (in->columns, i), "changed") == 0)
        continue;
      n++;
      if (v == NULL)
        sqlite3_bind_null (stmt, n);
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, n, g_variant_get_int64 (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, n, g_variant_get_double (v));
      else
        sqlite3_bind_text (stmt, n, g_variant_get_string (v, NULL), -1, SQLITE_TRANSIENT);
    }

  if (!kith_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (kith_store_get_db (self));

  /* The audit log shows where a record started */
  if ((in->new_segment != NULL && !kith_records_write_audit (self, id, "segment", NULL, in->new_segment, error)) ||
      (in->new_stage != NULL && !kith_records_write_audit (self, id, "stage", NULL, in->new_stage, error)) ||
      (in->new_step != NULL && !kith_records_write_audit (self, id, "step", NULL, in->new_step, error)))
    return 0;

  return id;
}

static gint64
create_record (KithStore       *self,
               KithRecordKind   kind,
               JsonObject      *data,
               gboolean        *out_merged,
               gboolean         require_key,
               GError         **error)
{
  g_autoptr(RecordInput) in = NULL;
  gboolean creating;
  gint64 id = 0;

  if (out_merged != NULL)
    *out_merged = FALSE;

  kith_store_lock (self);

  /* Everything that can be refused is checked before the first write */
  in = record_input_new (kind);
  if (!parse_input (self, in, data, error))
    goto out;
  complete_names (in);

  id = match_existing (self, in);
  creating = id == 0;
  if (!creating)
    {
      /* Known already: add what is new, and keep the name the user may have corrected */
      if (in->has_name)
        {
          in->has_name = FALSE;
          for (guint i = in->columns->len; i > 0; i--)
            {
              const char *col = g_ptr_array_index (in->columns, i - 1);
              if (strcmp (col, "first") == 0 || strcmp (col, "last") == 0)
                {
                  g_ptr_array_remove_index (in->columns, i - 1);
                  g_ptr_array_remove_index (in->values, i - 1);
                }
            }
        }
    }
  else if (!in->has_name || in->name == NULL)
    {
      kith_invalid (error, _("A %s needs a name"), kith_record_kind_to_string (kind));
      goto out;
    }

  if (!resolve_relationship (self, in, id, creating, error) ||
      (require_key && !check_company_keys (self, in, id, creating, error)))
    {
      id = 0;
      goto out;
    }

  if (!kith_store_begin (self, error))
    {
      id = 0;
      goto out;
    }

  if (creating)
    {
      id = insert_record (self, in, error);
      if (id == 0)
        goto fail;
    }

  if (!write_record (self, in, id, creating, FALSE, error))
    goto fail;

  if (!kith_store_commit (self, error))
    id = 0;
  else if (out_merged != NULL)
    *out_merged = !creating;

out:
  kith_store_unlock (self);
  return id;

fail:
  kith_store_rollback (self);
  kith_store_unlock (self);
  return 0;
}

/**
 * kith_store_create_record:
 * @data: the record in the shape of docs/json.md
 * @out_merged: (out) (optional): set to %TRUE when @data matched an existing record by a sync key
 *   and updated it instead
 *
 * Creates a person, company or project — or, when an email, domain or app link of @data
 * already belongs to a record of that kind, or a phone or handle does to one with the same
 * name, adds @data to that record.
 *
 * Returns: the record's id, or 0 with @error set; nothing is written on error
 */
gint64
kith_store_create_record (KithStore       *self,
                          KithRecordKind   kind,
                          JsonObject      *data,
                          gboolean        *out_merged,
                          GError         **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, 0);
  g_return_val_if_fail (data != NULL, 0);

  return create_record (self, kind, data, out_merged, TRUE, error);
}

/**
 * kith_store_update_record:
 * @data: the members to change (docs/json.md); lists replace the record's list
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
kith_store_update_record (KithStore   *self,
                          gint64       id,
                          JsonObject  *data,
                          GError     **error)
{
  g_autoptr(RecordInput) in = NULL;
  KithRecordKind kind;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  kith_store_lock (self);

  kind = kith_store_get_record_kind (self, id);
  if (kind == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      goto out;
    }

  in = record_input_new (kind);
  if (!parse_input (self, in, data, error))
    goto out;
  complete_names (in);

  if (!resolve_relationship (self, in, id, FALSE, error) ||
      !check_conflicts (self, in, id, error) ||
      !check_company_keys (self, in, id, FALSE, error))
    goto out;

  if (!kith_store_begin (self, error))
    goto out;

  if (!write_record (self, in, id, FALSE, TRUE, error))
    {
      kith_store_rollback (self);
      goto out;
    }

  ok = kith_store_commit (self, error);

out:
  kith_store_unlock (self);
  return ok;
}

KithRecordKind
kith_store_get_record_kind (KithStore *self,
                            gint64     id)
{
  sqlite3_stmt *stmt;
  KithRecordKind kind = KITH_RECORD_KIND_INVALID;

  g_return_val_if_fail (KITH_IS_STORE (self), KITH_RECORD_KIND_INVALID);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT kind FROM records WHERE id = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        kind = (KithRecordKind) sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }
  kith_store_unlock (self);

  return kind;
}

/* The type of sync key an identifier names, and its normalised form. */
char *
kith_records_key_for_identifier (KithStore   *self,
                                 const char  *identifier,
                                 const char **out_type)
{
  static const char *handles[] = { "twitter", "facebook", "linkedin" };
  const char *colon;
  char *key;

  *out_type = NULL;

  if (identifier == NULL || !g_utf8_validate (identifier, -1, NULL))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    if (g_str_has_prefix (identifier, handles[i]) && identifier[strlen (handles[i])] == ':')
      {
        *out_type = handles[i];
        return kith_synckey_handle (identifier + strlen (handles[i]) + 1, NULL);
      }

  if (strchr (identifier, '@') != NULL && (key = kith_synckey_email (identifier, NULL)) != NULL)
    {
      *out_type = "email";
      return key;
    }

  /* appid:uniqueid, where the app id is a domain */
  colon = strchr (identifier, ':');
  if (colon != NULL && colon != identifier && strchr (identifier, '/') == NULL)
    {
      g_autofree char *app = g_strndup (identifier, colon - identifier);
      g_autofree char *app_id = kith_synckey_app_id (app, NULL);

      if (app_id != NULL && colon[1] != '\0')
        {
          *out_type = "applink";
          return g_strconcat (app_id, colon, NULL);
        }
    }

  if (strspn (identifier, "+0123456789 -().") == strlen (identifier) &&
      (key = kith_store_normalize_phone (self, identifier)) != NULL)
    {
      *out_type = "phone";
      return key;
    }

  if ((key = kith_synckey_domain (identifier, NULL)) != NULL)
    {
      *out_type = "domain";
      return key;
    }

  *out_type = "synckey";
  return g_strdup (identifier);
}

/**
 * kith_records_no_match_message:
 *
 * Returns: (transfer full): why @identifier names no record: nobody has it, or several records
 *   share it (a phone number or handle, which names someone only with their name)
 */
char *
kith_records_no_match_message (KithStore  *self,
                               const char *identifier)
{
  g_autofree char *key = NULL;
  const char *type = NULL;
  guint n_owners = 0;

  if (identifier == NULL || !g_utf8_validate (identifier, -1, NULL))
    return g_strdup_printf (_("No record matches “%s”"), "?");

  kith_store_lock (self);
  if (identifier[0] != '#' && (key = kith_records_key_for_identifier (self, identifier, &type)) != NULL &&
      key_needs_name (type))
    {
      gint64 first, named;

      n_owners = find_owners (self, type, key, NULL, &first, &named);
    }
  kith_store_unlock (self);

  if (n_owners > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” belongs to %u record, so it names none of them: use an email or #id",
                                         "“%s” belongs to %u records, so it names none of them: use an email or #id",
                                         n_owners),
                            identifier, n_owners);

  return g_strdup_printf (_("No record matches “%s”"), identifier);
}

/**
 * kith_store_lookup:
 * @identifier: an email, phone number, `twitter:handle`, app link `appid:uniqueid`, company
 *   domain, sync key or `#id`; a phone number or handle that several records share names none
 *
 * Returns: the id of the record @identifier names, or 0 with %KITH_STORE_ERROR_NOT_FOUND
 */
gint64
kith_store_lookup (KithStore   *self,
                   const char  *identifier,
                   GError     **error)
{
  g_autofree char *key = NULL;
  const char *type;
  gint64 id = 0;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_store_lock (self);

  if (identifier != NULL && identifier[0] == '#')
    {
      char *end = NULL;
      gint64 n = g_ascii_strtoll (identifier + 1, &end, 10);

      /* "#" and digits only: not "# 1" or "#+1" */
      if (g_ascii_isdigit (identifier[1]) && end != identifier + 1 && *end == '\0' &&
          kith_store_get_record_kind (self, n) != KITH_RECORD_KIND_INVALID)
        id = n;
    }
  else if ((key = kith_records_key_for_identifier (self, identifier, &type)) != NULL)
    {
      id = kith_records_find_by_key (self, type, key);
      /* a domain may also be the sync key of nothing: try the identifier as a sync key */
      if (id == 0 && strcmp (type, "synckey") != 0)
        id = kith_records_find_by_key (self, "synckey", identifier);
    }

  kith_store_unlock (self);

  if (id == 0 && error != NULL)
    {
      g_autofree char *message = kith_records_no_match_message (self, identifier);

      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, message);
    }

  return id;
}

/**
 * kith_store_find_merge_candidates:
 *
 * Records that may be the same as @id: of its kind, with the same full name (ignoring case and
 * accents) or sharing a phone number or handle with it. A shared last name alone is no reason.
 *
 * Returns: (transfer full) (nullable): their ids, at most 200; %NULL with @error set
 */
GArray *
kith_store_find_merge_candidates (KithStore   *self,
                                  gint64       id,
                                  GError     **error)
{
  GArray *ids;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "SELECT o.id FROM records r JOIN records o ON o.kind = r.kind AND o.sort_name = r.sort_name "
                             "  WHERE r.id = ?1 AND o.id != ?1 "
                             "UNION SELECT o.id FROM channels c "
                             "  JOIN channels s ON s.type = c.type AND s.key = c.key AND s.key IS NOT NULL AND s.record_id != ?1 "
                             "  JOIN records o ON o.id = s.record_id AND o.kind = (SELECT kind FROM records WHERE id = ?1) "
                             "  WHERE c.record_id = ?1 AND c.key IS NOT NULL "
                             "LIMIT 200",
                             error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 other = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, other);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return ids;
}

static void
set_text_member (JsonObject   *obj,
                 const char   *member,
                 sqlite3_stmt *stmt,
                 int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  if (text != NULL)
    json_object_set_string_member (obj, member, text);
}

static JsonArray *
read_channels (KithStore   *self,
               gint64       id,
               const char  *type,
               gboolean     as_strings)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt = prepare_typed (self, "SELECT value, label, preferred FROM channels "
                                            "WHERE record_id = ? AND type = '%s' ORDER BY position, id", type, NULL);

  if (stmt == NULL)
    return array;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);
      JsonObject *obj;

      if (as_strings)
        {
          json_array_add_string_element (array, value);
          continue;
        }
      obj = json_object_new ();
      json_object_set_string_member (obj, "value", value);
      if (label != NULL)
        json_object_set_boolean_member (obj, label, TRUE);
      if (sqlite3_column_int (stmt, 2))
        json_object_set_boolean_member (obj, "preferred", TRUE);
      json_array_add_object_element (array, obj);
    }
  sqlite3_reset (stmt);

  return array;
}

static JsonObject *
read_address (sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();
  const char *label = (const char *) sqlite3_column_text (stmt, 5);

  set_text_member (obj, "street", stmt, 0);
  set_text_member (obj, "city", stmt, 1);
  set_text_member (obj, "state", stmt, 2);
  set_text_member (obj, "country", stmt, 3);
  set_text_member (obj, "postal", stmt, 4);
  if (label != NULL)
    json_object_set_boolean_member (obj, label, TRUE);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      json_object_set_double_member (obj, "lat", sqlite3_column_double (stmt, 6));
      json_object_set_double_member (obj, "lng", sqlite3_column_double (stmt, 7));
    }

  return obj;
}

static JsonArray *
read_members (KithStore  *self,
              gint64      id,
              const char *role)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "SELECT r.sync_key, r.name, r.kind, r.id FROM project_members m "
                                           "JOIN records r ON r.id = m.record_id "
                                           "WHERE m.project_id = ? AND m.role = ? ORDER BY r.sort_name", NULL);

  if (stmt == NULL)
    return array;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *obj = json_object_new ();

      json_object_set_int_member (obj, "id", sqlite3_column_int64 (stmt, 3));
      set_text_member (obj, "syncKey", stmt, 0);
      set_text_member (obj, "name", stmt, 1);
      json_object_set_string_member (obj, "kind", kith_record_kind_to_string (sqlite3_column_int (stmt, 2)));
      json_array_add_object_element (array, obj);
    }
  sqlite3_reset (stmt);

  return array;
}

/**
 * kith_store_get_record:
 *
 * Returns: (transfer full) (nullable): the whole record in the shape of docs/json.md, or %NULL
 *   with %KITH_STORE_ERROR_NOT_FOUND
 */
JsonObject *
kith_store_get_record (KithStore  *self,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(JsonObject) obj = NULL;
  sqlite3_stmt *stmt;
  KithRecordKind kind;
  JsonArray *array;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);

  if (!kith_store_flush_pending (self, error))
    goto out;

  stmt = kith_store_prepare (self,
                             "SELECT r.kind, r.sync_key, r.name, r.first, r.last, r.headline, r.description, "
                             "  r.picture, r.private, r.segment, r.stage, r.step, r.notes, r.role, "
                             "  r.department, r.lead_source, r.birthday, c.name, r.assignee, r.start_date, "
                             "  r.end_date, r.value, r.currency, r.project_type, r.forecast, r.cadence_days, "
                             "  r.created, r.changed, r.last_contact, r.company_id, c.sync_key, r.step_since "
                             "FROM records r LEFT JOIN records c ON c.id = r.company_id WHERE r.id = ?",
                             error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      goto out;
    }

  obj = json_object_new ();
  kind = (KithRecordKind) sqlite3_column_int (stmt, 0);
  json_object_set_int_member (obj, "id", id);
  json_object_set_string_member (obj, "kind", kith_record_kind_to_string (kind));
  set_text_member (obj, "syncKey", stmt, 1);
  set_text_member (obj, "name", stmt, 2);
  if (kind == KITH_RECORD_PERSON)
    {
      set_text_member (obj, "first", stmt, 3);
      set_text_member (obj, "last", stmt, 4);
      set_text_member (obj, "headline", stmt, 5);
    }
  set_text_member (obj, kind == KITH_RECORD_PROJECT ? "summary" : "description", stmt, 6);
  set_text_member (obj, "picture", stmt, 7);
  if (sqlite3_column_int (stmt, 8))
    json_object_set_boolean_member (obj, "private", TRUE);
  set_text_member (obj, "segment", stmt, 9);
  set_text_member (obj, "stage", stmt, 10);
  set_text_member (obj, "step", stmt, 11);
  set_text_member (obj, "notes", stmt, 12);
  set_text_member (obj, "role", stmt, 13);
  set_text_member (obj, "department", stmt, 14);
  set_text_member (obj, "leadSource", stmt, 15);
  set_text_member (obj, "birthday", stmt, 16);
  if (sqlite3_column_type (stmt, 29) != SQLITE_NULL)
    {
      set_text_member (obj, "company", stmt, 17);
      json_object_set_int_member (obj, "companyId", sqlite3_column_int64 (stmt, 29));
      set_text_member (obj, "companySyncKey", stmt, 30);
    }
  set_text_member (obj, "assignee", stmt, 18);
  set_text_member (obj, "start", stmt, 19);
  set_text_member (obj, "end", stmt, 20);
  if (sqlite3_column_type (stmt, 21) != SQLITE_NULL)
    json_object_set_double_member (obj, "value", sqlite3_column_double (stmt, 21));
  set_text_member (obj, "currency", stmt, 22);
  set_text_member (obj, "type", stmt, 23);
  set_text_member (obj, "forecast", stmt, 24);
  if (sqlite3_column_type (stmt, 25) != SQLITE_NULL)
    json_object_set_int_member (obj, "cadence", sqlite3_column_int64 (stmt, 25));
  json_object_set_int_member (obj, "firstSeen", sqlite3_column_int64 (stmt, 26));
  json_object_set_int_member (obj, "lastChanged", sqlite3_column_int64 (stmt, 27));
  if (sqlite3_column_type (stmt, 28) != SQLITE_NULL)
    json_object_set_int_member (obj, "lastContact", sqlite3_column_int64 (stmt, 28));
  if (sqlite3_column_type (stmt, 31) != SQLITE_NULL)
    json_object_set_int_member (obj, "stepSince", sqlite3_column_int64 (stmt, 31));
  sqlite3_reset (stmt);

  if (kind != KITH_RECORD_PROJECT)
    {
      json_object_set_array_member (obj, "emails", read_channels (self, id, "email", FALSE));
      if (kind == KITH_RECORD_COMPANY)
        json_object_set_array_member (obj, "domains", read_channels (self, id, "domain", TRUE));
    }
  json_object_set_array_member (obj, "phones", read_channels (self, id, "phone", FALSE));
  json_object_set_array_member (obj, "faxes", read_channels (self, id, "fax", FALSE));
  json_object_set_array_member (obj, "urls", read_channels (self, id, "url", FALSE));
  for (guint i = channel_type_index ("twitter"); i < G_N_ELEMENTS (channel_types); i++)
    {
      g_autoptr(JsonArray) handles = read_channels (self, id, channel_types[i], TRUE);

      if (json_array_get_length (handles) > 0)
        json_object_set_string_member (obj, channel_types[i], json_array_get_string_element (handles, 0));
    }

  stmt = kith_store_prepare (self, "SELECT street, city, region, country, postal_code, label, latitude, "
                                   "longitude FROM addresses WHERE record_id = ? ORDER BY position, id", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_object_element (array, read_address (stmt));
      sqlite3_reset (stmt);
    }
  if (kind == KITH_RECORD_PROJECT)
    {
      if (json_array_get_length (array) > 0)
        json_object_set_object_member (obj, "address",
                                       json_object_ref (json_array_get_object_element (array, 0)));
      json_array_unref (array);
    }
  else
    json_object_set_array_member (obj, "addresses", array);

  stmt = kith_store_prepare (self, "SELECT app_id, unique_id, app_name, url FROM app_links "
                                   "WHERE record_id = ? ORDER BY id", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *link = json_object_new ();

          set_text_member (link, "source", stmt, 0);
          set_text_member (link, "uniqueid", stmt, 1);
          set_text_member (link, "label", stmt, 2);
          set_text_member (link, "url", stmt, 3);
          json_array_add_object_element (array, link);
        }
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (obj, "appLinks", array);

  stmt = kith_store_prepare (self, "SELECT t.name FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
                                   "WHERE rt.record_id = ? ORDER BY t.name COLLATE NOCASE", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_string_element (array, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (obj, "keywords", array);

  stmt = kith_store_prepare (self, "SELECT f.key, f.type, v.value, f.name FROM custom_values v "
                                   "JOIN custom_fields f ON f.id = v.field_id WHERE v.record_id = ? "
                                   "ORDER BY f.position, f.id, v.rowid", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      JsonObject *last = NULL;

      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);
          const char *type = (const char *) sqlite3_column_text (stmt, 1);
          const char *value = (const char *) sqlite3_column_text (stmt, 2);

          if (strcmp (type, "multipick") == 0 && last != NULL &&
              g_strcmp0 (json_object_get_string_member (last, "id"), key) == 0)
            {
              json_array_add_string_element (json_object_get_array_member (last, "value"), value);
              continue;
            }

          last = json_object_new ();
          json_object_set_string_member (last, "id", key);
          json_object_set_string_member (last, "type", type);
          set_text_member (last, "name", stmt, 3);
          if (strcmp (type, "multipick") == 0)
            {
              JsonArray *values = json_array_new ();
              json_array_add_string_element (values, value);
              json_object_set_array_member (last, "value", values);
            }
          else
            json_object_set_string_member (last, "value", value);
          json_array_add_object_element (array, last);
        }
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (obj, "customFields", array);

  if (kind == KITH_RECORD_PERSON)
    {
      stmt = kith_store_prepare (self, "SELECT label, date FROM occasions WHERE record_id = ? ORDER BY id", NULL);
      array = json_array_new ();
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              JsonObject *o = json_object_new ();

              set_text_member (o, "label", stmt, 0);
              set_text_member (o, "date", stmt, 1);
              json_array_add_object_element (array, o);
            }
          sqlite3_reset (stmt);
        }
      json_object_set_array_member (obj, "anniversaries", array);
    }

  if (kind == KITH_RECORD_PROJECT)
    {
      json_object_set_array_member (obj, "participants", read_members (self, id, "participant"));
      json_object_set_array_member (obj, "dealTeam", read_members (self, id, "team"));
    }

out:
  kith_store_unlock (self);
  return g_steal_pointer (&obj);
}

/**
 * kith_store_delete_record_with_undo:
 *
 * Deletes a record with its emails, phones, tags, custom values and files; timeline items stay
 * (they may name other records) but no longer point at it. Until kith_store_forget_undo(),
 * kith_store_undo() brings it all back, and copies of its files stay on disk.
 *
 * Returns: the id to undo the delete with, or 0 with @error set
 */
gint64
kith_store_delete_record_with_undo (KithStore   *self,
                                    gint64       id,
                                    GError     **error)
{
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonArray) audit = json_array_new ();
  KithRecordKind kind;
  gint64 undo_id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_undo_forget_old (self);

  kith_store_lock (self);
  kind = kith_store_get_record_kind (self, id);
  if (kind == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      kith_store_unlock (self);
      return 0;
    }

  if (!kith_store_begin (self, error))
    {
      kith_store_unlock (self);
      return 0;
    }
  kith_store_unlock (self);

  if ((snapshot = kith_undo_snapshot (self, &id, 1, error)) == NULL ||
      !kith_records_write_audit (self, id, "deleted", NULL, NULL, error) ||
      !queue_fts_people_of (self, id, error))
    goto fail;
  json_array_add_int_element (audit, sqlite3_last_insert_rowid (kith_store_get_db (self)));
  json_object_set_array_member (snapshot, "audit", g_steal_pointer (&audit));

  if (!kith_records_delete_rows (self, "DELETE FROM records WHERE id = ?", id, error) ||
      !kith_store_queue_fts_record (self, id, error) ||
      (undo_id = kith_undo_save (self, "delete", snapshot, error)) == 0)
    goto fail;

  kith_store_mark_changed (self, kind);
  return kith_store_commit (self, error) ? undo_id : 0;

fail:
  kith_store_rollback (self);
  return 0;
}

/**
 * kith_store_delete_record:
 *
 * Deletes a record for good, as kith_store_delete_record_with_undo() does but with no undo:
 * copies of its files are removed too.
 */
gboolean
kith_store_delete_record (KithStore   *self,
                          gint64       id,
                          GError     **error)
{
  gint64 undo_id = kith_store_delete_record_with_undo (self, id, error);

  return undo_id != 0 && kith_store_forget_undo (self, undo_id, error);
}

static gboolean
exec_merge_step (KithStore   *self,
                 const char  *sql,
                 gint64       survivor,
                 gint64       merged,
                 GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, survivor);
  sqlite3_bind_int64 (stmt, 2, merged);

  return kith_store_step_done (self, stmt, error);
}

/**
 * kith_store_merge_records_with_undo:
 * @survivor_id: the record that stays
 * @merged_id: the record folded into it and then deleted
 *
 * Moves every email, phone, address, app link, tag, custom value, anniversary, timeline item,
 * to-do, file, project membership and employee of @merged_id to @survivor_id. Values the
 * survivor lacks are filled from the merged record; its own values win. The merge is recorded in
 * the audit log of the survivor. kith_store_undo() brings both records back as they were.
 *
 * Returns: the id to undo the merge with, or 0 with @error set
 */
gint64
kith_store_merge_records_with_undo (KithStore   *self,
                                    gint64       survivor_id,
                                    gint64       merged_id,
                                    GError     **error)
{
  static const char *steps[] = {
    /* Scalars the survivor lacks */
    "UPDATE records SET "
    "  first = coalesce(first, (SELECT first FROM records WHERE id = ?2)),"
    "  last = coalesce(last, (SELECT last FROM records WHERE id = ?2)),"
    "  headline = coalesce(headline, (SELECT headline FROM records WHERE id = ?2)),"
    "  description = coalesce(description, (SELECT description FROM records WHERE id = ?2)),"
    "  picture = coalesce(picture, (SELECT picture FROM records WHERE id = ?2)),"
    "  segment = coalesce(segment, (SELECT segment FROM records WHERE id = ?2)),"
    "  stage = coalesce(stage, (SELECT stage FROM records WHERE id = ?2)),"
    "  step = CASE WHEN segment IS NULL AND stage IS NULL THEN (SELECT step FROM records WHERE id = ?2) ELSE step END,"
    "  notes = CASE WHEN (SELECT notes FROM records WHERE id = ?2) IS NULL THEN notes"
    "               WHEN notes IS NULL THEN (SELECT notes FROM records WHERE id = ?2)"
    "               ELSE notes || char(10) || char(10) || (SELECT notes FROM records WHERE id = ?2) END,"
    "  role = coalesce(role, (SELECT role FROM records WHERE id = ?2)),"
    "  department = coalesce(department, (SELECT department FROM records WHERE id = ?2)),"
    "  lead_source = coalesce(lead_source, (SELECT lead_source FROM records WHERE id = ?2)),"
    "  birthday = coalesce(birthday, (SELECT birthday FROM records WHERE id = ?2)),"
    "  company_id = coalesce(company_id, (SELECT company_id FROM records WHERE id = ?2)),"
    "  assignee = coalesce(assignee, (SELECT assignee FROM records WHERE id = ?2)),"
    "  start_date = coalesce(start_date, (SELECT start_date FROM records WHERE id = ?2)),"
    "  end_date = coalesce(end_date, (SELECT end_date FROM records WHERE id = ?2)),"
    "  value = coalesce(value, (SELECT value FROM records WHERE id = ?2)),"
    "  currency = coalesce(currency, (SELECT currency FROM records WHERE id = ?2)),"
    "  project_type = coalesce(project_type, (SELECT project_type FROM records WHERE id = ?2)),"
    "  forecast = coalesce(forecast, (SELECT forecast FROM records WHERE id = ?2)),"
    "  cadence_days = coalesce(cadence_days, (SELECT cadence_days FROM records WHERE id = ?2)),"
    "  created = min(created, (SELECT created FROM records WHERE id = ?2))"
    " WHERE id = ?1",
    /* Channels: drop what the survivor has already — the same phone or handle (these may be on
     * both), or the same value of a channel that identifies nobody. Emails are unique. */
    "DELETE FROM channels WHERE record_id = ?2 AND EXISTS "
    "  (SELECT 1 FROM channels s WHERE s.record_id = ?1 AND s.type = channels.type AND "
    "   (s.key = channels.key OR (channels.key IS NULL AND s.value = channels.value)))",
    "UPDATE channels SET record_id = ?1, preferred = 0, "
    "  position = position + (SELECT count(*) FROM channels WHERE record_id = ?1) WHERE record_id = ?2",
    "UPDATE addresses SET record_id = ?1, position = position + 1000 WHERE record_id = ?2",
    "UPDATE app_links SET record_id = ?1 WHERE record_id = ?2",
    "UPDATE occasions SET record_id = ?1 WHERE record_id = ?2",
    "INSERT OR IGNORE INTO record_tags (record_id, tag_id) SELECT ?1, tag_id FROM record_tags WHERE record_id = ?2",
    /* Custom values: the survivor's win, field by field */
    "UPDATE custom_values SET record_id = ?1 WHERE record_id = ?2 AND field_id NOT IN "
    "  (SELECT field_id FROM custom_values WHERE record_id = ?1)",
    "UPDATE timeline_people SET record_id = ?1 WHERE record_id = ?2",
    "INSERT OR IGNORE INTO todo_people (todo_id, record_id) SELECT todo_id, ?1 FROM todo_people WHERE record_id = ?2",
    "UPDATE files SET record_id = ?1 WHERE record_id = ?2",
    "INSERT OR IGNORE INTO project_members (project_id, record_id, role) "
    "  SELECT project_id, ?1, role FROM project_members WHERE record_id = ?2",
    "INSERT OR IGNORE INTO project_members (project_id, record_id, role) "
    "  SELECT ?1, record_id, role FROM project_members WHERE project_id = ?2 AND record_id != ?1",
    "UPDATE records SET company_id = ?1 WHERE company_id = ?2",
    "UPDATE audit SET record_id = ?1 WHERE record_id = ?2",
    "DELETE FROM records WHERE id = ?2 AND ?1 != ?2",
  };
  KithRecordKind kind;
  g_autofree char *merged_name = NULL;
  g_autofree char *merged_key = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonArray) audit = json_array_new ();
  g_autofree char *fingerprint = NULL;
  gint64 ids[2] = { survivor_id, merged_id };
  gint64 undo_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_undo_forget_old (self);

  kith_store_lock (self);
  kind = kith_store_get_record_kind (self, survivor_id);
  if (kind == KITH_RECORD_KIND_INVALID || kith_store_get_record_kind (self, merged_id) == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT),
                   kind == KITH_RECORD_KIND_INVALID ? survivor_id : merged_id);
      kith_store_unlock (self);
      return 0;
    }
  if (survivor_id == merged_id)
    {
      kith_store_unlock (self);
      kith_invalid (error, _("A record cannot be merged with itself"));
      return 0;
    }
  if (kith_store_get_record_kind (self, merged_id) != kind)
    {
      kith_invalid (error, _("Only records of the same kind can be merged (a %s and a %s)"),
               kith_record_kind_to_string (kind),
               kith_record_kind_to_string (kith_store_get_record_kind (self, merged_id)));
      kith_store_unlock (self);
      return 0;
    }

  if (!kith_store_begin (self, error))
    {
      kith_store_unlock (self);
      return 0;
    }
  kith_store_unlock (self);

  if ((snapshot = kith_undo_snapshot (self, ids, G_N_ELEMENTS (ids), error)) == NULL)
    goto fail;

  stmt = kith_store_prepare (self, "SELECT name, sync_key FROM records WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, merged_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      merged_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      merged_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (!queue_fts_people_of (self, merged_id, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!exec_merge_step (self, steps[i], survivor_id, merged_id, error))
      goto fail;

  {
    g_autofree char *what = g_strdup_printf ("%s (%s)", merged_name, merged_key);

    if (!kith_records_write_audit (self, survivor_id, "merged", what, NULL, error))
      goto fail;
    json_array_add_int_element (audit, sqlite3_last_insert_rowid (kith_store_get_db (self)));
  }

  stmt = kith_store_prepare (self, "UPDATE records SET changed = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, kith_store_now (self));
  sqlite3_bind_int64 (stmt, 2, survivor_id);
  if (!kith_store_step_done (self, stmt, error))
    goto fail;

  if (!kith_records_refresh_last_contact (self, survivor_id, error) ||
      !kith_store_queue_fts_record (self, survivor_id, error) ||
      !kith_store_queue_fts_record (self, merged_id, error))
    goto fail;

  /* Undo is refused once the survivor changes: its state now is what undo would throw away */
  json_object_set_array_member (snapshot, "audit", g_steal_pointer (&audit));
  json_object_set_int_member (snapshot, "survivor", survivor_id);
  fingerprint = kith_undo_fingerprint (self, survivor_id);
  json_object_set_string_member (snapshot, "fingerprint", fingerprint);
  if ((undo_id = kith_undo_save (self, "merge", snapshot, error)) == 0)
    goto fail;

  kith_store_mark_changed (self, kind);
  return kith_store_commit (self, error) ? undo_id : 0;

fail:
  kith_store_rollback (self);
  return 0;
}

/**
 * kith_store_merge_records:
 *
 * Merges @merged_id into @survivor_id for good: kith_store_merge_records_with_undo() with no undo.
 */
gboolean
kith_store_merge_records (KithStore   *self,
                          gint64       survivor_id,
                          gint64       merged_id,
                          GError     **error)
{
  gint64 undo_id = kith_store_merge_records_with_undo (self, survivor_id, merged_id, error);

  return undo_id != 0 && kith_store_forget_undo (self, undo_id, error);
}
