/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-input.h"
#include "kith-record-values.h"
#include "kith-records-private.h"
#include "kith-synckey.h"

/*
 * The input of a record write, validated member by member (the members of docs/json.md) into a
 * KithRecordInput before anything is written, so bad input leaves the database as it was. The
 * checks here take values, whether JSON gave them (kith-record-input-json.c) or a typed record
 * (kith-record-input-values.c), so that a refusal reads the same either way.
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
  { "doNotEmail", "do_not_email", P, F_BOOL, N_("do-not-email flag") },
};

const char *const kith_channel_types[KITH_N_CHANNEL_TYPES] = {
  "email", "phone", "fax", "url", "domain", "twitter", "facebook", "linkedin"
};

static void
channel_free (KithChannel *c)
{
  g_free (c->value);
  g_free (c->key);
  g_free (c->label);
  g_free (c);
}

static void
custom_value_free (KithCustomInput *v)
{
  g_ptr_array_unref (v->values);
  g_array_unref (v->nums);
  g_free (v);
}

void
kith_records_variant_free0 (gpointer v)
{
  if (v != NULL)
    g_variant_unref (v);
}

KithRecordInput *
kith_record_input_new (KithRecordKind kind)
{
  KithRecordInput *in = g_new0 (KithRecordInput, 1);

  in->kind = kind;
  in->columns = g_ptr_array_new ();
  in->values = g_ptr_array_new_with_free_func (kith_records_variant_free0);

  return in;
}

void
kith_address_free (KithAddress *a)
{
  g_free (a->street);
  g_free (a->city);
  g_free (a->region);
  g_free (a->country);
  g_free (a->postal_code);
  g_free (a->label);
  g_free (a);
}

void
kith_app_link_free (KithAppLink *l)
{
  g_free (l->app_id);
  g_free (l->unique_id);
  g_free (l->app_name);
  g_free (l->url);
  g_free (l);
}

void
kith_occasion_free (KithOccasion *o)
{
  g_free (o->label);
  g_free (o->date);
  g_free (o);
}

/**
 * kith_record_input_add_app_link:
 * @source: the app's id, a domain ("salesforce.com")
 *
 * Checks an app link and adds it to those @in writes (starting them).
 */
gboolean
kith_record_input_add_app_link (KithRecordInput  *in,
                                const char       *source,
                                const char       *unique_id,
                                const char       *app_name,
                                const char       *url,
                                GError          **error)
{
  g_autofree char *app_id = NULL;
  KithAppLink *link;

  if (in->app_links == NULL)
    in->app_links = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_app_link_free);
  if (source == NULL || unique_id == NULL)
    return kith_invalid (error, _("An app link needs both a source (such as salesforce.com) and a uniqueid"));
  if ((app_id = kith_synckey_app_id (source, error)) == NULL)
    return FALSE;

  link = g_new0 (KithAppLink, 1);
  link->app_id = g_steal_pointer (&app_id);
  link->unique_id = g_strdup (unique_id);
  link->app_name = g_strdup (app_name);
  link->url = g_strdup (url);
  g_ptr_array_add (in->app_links, link);
  return TRUE;
}

/**
 * kith_record_input_add_occasion:
 * @label: (nullable): what it is; %NULL is an anniversary
 * @date: YYYY-MM-DD, or --MM-DD
 *
 * Checks an anniversary and adds it to those @in writes (starting them).
 */
gboolean
kith_record_input_add_occasion (KithRecordInput  *in,
                                const char       *label,
                                const char       *date,
                                GError          **error)
{
  KithOccasion *o;
  GDate parsed;

  if (in->occasions == NULL)
    in->occasions = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_occasion_free);
  if (date == NULL || !kith_parse_date (date, TRUE, &parsed))
    return kith_invalid (error, _("The anniversary date “%s” is not a date (YYYY-MM-DD, or --MM-DD)"),
                         date ? date : "");

  o = g_new0 (KithOccasion, 1);
  o->label = g_strdup (label != NULL ? label : _("Anniversary"));
  o->date = g_strdup (date);
  g_ptr_array_add (in->occasions, o);
  return TRUE;
}

void
kith_record_input_free (KithRecordInput *in)
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
  g_free (in->sync_key);
  g_free (in->old_segment);
  g_free (in->old_stage);
  g_free (in->old_step);
  g_free (in->new_segment);
  g_free (in->new_stage);
  g_free (in->new_step);
  for (guint i = 0; i < KITH_N_CHANNEL_TYPES; i++)
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

int
kith_channel_type_index (const char *type)
{
  for (guint i = 0; i < KITH_N_CHANNEL_TYPES; i++)
    if (strcmp (type, kith_channel_types[i]) == 0)
      return (int) i;

  g_assert_not_reached ();
  return -1;
}

/* The channel type of a list member: emails → email */
const char *
kith_channel_type_of_member (const char *member)
{
  static const struct { const char *member; const char *type; } plurals[] = {
    { "emails", "email" }, { "phones", "phone" }, { "faxes", "fax" }, { "urls", "url" },
    { "domains", "domain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (plurals); i++)
    if (strcmp (member, plurals[i].member) == 0)
      return plurals[i].type;

  g_assert_not_reached ();
  return NULL;
}

static GHashTable *labels;   /* msgid (by address) → its translation */
G_LOCK_DEFINE_STATIC (labels);

/**
 * kith_input_label:
 * @msgid: a field's name for messages, marked with N_() (a literal)
 *
 * The translation of @msgid, looked up once: every value a row has is checked with its field's
 * name ready for an error message, and gettext took some 1,800 instructions a call, 4 % of an
 * import (bench/README.md, "CSV import").
 *
 * Returns: (transfer none): the translated name
 */
const char *
kith_input_label (const char *msgid)
{
  const char *label;

  G_LOCK (labels);
  if (labels == NULL)
    labels = g_hash_table_new (g_direct_hash, g_direct_equal);
  label = g_hash_table_lookup (labels, msgid);
  if (label == NULL)
    {
      label = _(msgid);
      g_hash_table_insert (labels, (gpointer) msgid, (gpointer) label);
    }
  G_UNLOCK (labels);

  return label;
}

/* Channel types go into the SQL text, not a parameter: the partial indexes on channels name a
 * type, and SQLite re-plans a statement on every new binding of a parameter that a partial
 * index's WHERE clause could depend on. The types come from kith_channel_types[], never from input. */
static GHashTable *typed_sql;   /* format (a literal, by address) → char *[KITH_N_CHANNEL_TYPES] */
G_LOCK_DEFINE_STATIC (typed_sql);

/* @sql_format with @type filled in, made once per format and type for the process: formatting
 * it at every statement cost more than the lookups it prepared (bench/README.md, "CSV import") */
static const char *
typed_sql_for (const char *sql_format,
               int         type)
{
  char **texts;

  G_LOCK (typed_sql);
  if (typed_sql == NULL)
    typed_sql = g_hash_table_new (g_direct_hash, g_direct_equal);
  texts = g_hash_table_lookup (typed_sql, sql_format);
  if (texts == NULL)
    {
      texts = g_new0 (char *, KITH_N_CHANNEL_TYPES);
      g_hash_table_insert (typed_sql, (gpointer) sql_format, texts);
    }
  if (texts[type] == NULL)
    texts[type] = g_strdup_printf (sql_format, kith_channel_types[type]);
  G_UNLOCK (typed_sql);

  return texts[type];
}

gboolean
kith_records_prepare_typed (KithStatement  *st,
                            KithStore      *self,
                            const char     *sql_format,
                            const char     *type,
                            GError        **error)
{
  int index = kith_channel_type_index (type);

  g_assert (index >= 0);

  return kith_statement_prepare (st, self, typed_sql_for (sql_format, index), error);
}

void
kith_record_input_add_column (KithRecordInput *in,
                              const char  *column,
                              GVariant    *value)
{
  g_ptr_array_add (in->columns, (gpointer) column);
  g_ptr_array_add (in->values, value != NULL ? g_variant_ref_sink (value) : NULL);
}

/* A string, validated; NULL for null. */
gboolean
kith_input_get_string (const KithInputValue  *v,
            const char            *label,
            gsize                  max_len,
            gboolean               allow_null,
            char                 **out,
            GError               **error)
{
  const char *s;

  *out = NULL;

  if (v->kind == KITH_INPUT_NULL)
    {
      if (allow_null)
        return TRUE;
      return kith_invalid (error, _("The %s must not be empty"), label);
    }

  if (v->kind != KITH_INPUT_TEXT)
    return kith_invalid (error, _("The %s must be text"), label);

  s = v->text;
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

gboolean
kith_input_get_number (const KithInputValue  *v,
            const char            *label,
            double                *out,
            GError               **error)
{
  g_autofree char *text = NULL;

  if (v->kind == KITH_INPUT_NUMBER)
    *out = v->number;
  else if (v->kind == KITH_INPUT_TEXT && !kith_parse_number (v->text, out))
    return kith_invalid (error, _("The %s “%s” is not a number"), label,
                         g_utf8_validate (v->text, -1, NULL) ? v->text : "?");
  else if (v->kind != KITH_INPUT_TEXT)
    return kith_invalid (error, _("The %s must be a number"), label);

  /* Beyond 2^53 a double no longer holds every whole number, and JSON output would need an
   * exponent */
  if (isfinite (*out) && fabs (*out) <= (double) (G_GINT64_CONSTANT (1) << 53))
    return TRUE;
  text = v->kind == KITH_INPUT_TEXT ? g_strdup (v->text) : g_strdup_printf ("%g", *out);
  return kith_invalid (error, _("The %s %s is out of range (numbers go up to 9007199254740992 "
                                "either side of 0)"), label, text);
}

/* Text that names a person: the name and its parts are kept aside for complete_names() */
static gboolean
parse_text (KithRecordInput       *in,
            const ScalarField     *f,
            const KithInputValue  *v,
            GError               **error)
{
  gboolean is_name = strcmp (f->member, "name") == 0;
  g_autofree char *text = NULL;

  if (!kith_input_get_string (v, kith_input_label (f->label), f->type == F_TEXT ? KITH_MAX_TEXT : KITH_MAX_LONG_TEXT,
                   !is_name, &text, error))
    return FALSE;
  if (is_name)
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

  kith_record_input_add_column (in, f->column, text ? g_variant_new_string (text) : NULL);
  return TRUE;
}

static gboolean
parse_date (const KithInputValue  *v,
            FieldType              type,
            const char            *label,
            GVariant             **out,
            GError               **error)
{
  g_autofree char *text = NULL;
  GDate date;

  if (!kith_input_get_string (v, label, 32, TRUE, &text, error))
    return FALSE;
  if (text != NULL && !kith_parse_date (text, type == F_BIRTHDAY, &date))
    return kith_invalid (error, type == F_BIRTHDAY
                           ? _("The %s “%s” is not a date (YYYY-MM-DD, or --MM-DD without the year)")
                           : _("The %s “%s” is not a date (YYYY-MM-DD)"),
                         label, text);

  *out = text ? g_variant_new_string (text) : NULL;
  return TRUE;
}

/* Money: a number, or text as a currency custom field takes it ("$500,000") */
static gboolean
parse_amount (const KithInputValue  *v,
              const char            *label,
              GVariant             **out,
              GError               **error)
{
  double num;

  if (v->kind == KITH_INPUT_TEXT)
    {
      if (!kith_fields_parse_money (label, v->text, &num, error))
        return FALSE;
    }
  else if (!kith_input_get_number (v, label, &num, error))
    return FALSE;

  *out = g_variant_new_double (num);
  return TRUE;
}

static gboolean
parse_days (const KithInputValue  *v,
            const char            *label,
            GVariant             **out,
            GError               **error)
{
  double num;

  if (!kith_input_get_number (v, label, &num, error))
    return FALSE;
  if (num < 0 || num > 3650 || num != floor (num))
    return kith_invalid (error, _("The %s must be a whole number of days between 0 and 3650"), label);

  *out = g_variant_new_int64 ((gint64) num);
  return TRUE;
}

static gboolean
parse_currency_code (const KithInputValue  *v,
                     const char            *label,
                     GVariant             **out,
                     GError               **error)
{
  g_autofree char *text = NULL;

  if (!kith_input_get_string (v, label, 8, TRUE, &text, error))
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

  *out = text ? g_variant_new_string (text) : NULL;
  return TRUE;
}

static gboolean
parse_forecast (const KithInputValue  *v,
                const char            *label,
                GVariant             **out,
                GError               **error)
{
  g_autofree char *text = NULL;

  if (!kith_input_get_string (v, label, 32, TRUE, &text, error))
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

  *out = text ? g_variant_new_string (text) : NULL;
  return TRUE;
}

/* An address kept as its sync key */
static gboolean
parse_email (const KithInputValue  *v,
             const char            *label,
             GVariant             **out,
             GError               **error)
{
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;

  if (!kith_input_get_string (v, label, 320, TRUE, &text, error))
    return FALSE;
  if (text != NULL && (key = kith_synckey_email (text, error)) == NULL)
    {
      g_prefix_error (error, "%s: ", label);
      return FALSE;
    }

  *out = key ? g_variant_new_string (key) : NULL;
  return TRUE;
}

/* The value of a scalar column other than text, checked; %NULL for SQL NULL */
static gboolean
parse_value (const ScalarField     *f,
             const KithInputValue  *v,
             GVariant             **out,
             GError               **error)
{
  const char *label = kith_input_label (f->label);
  double num;

  *out = NULL;
  switch (f->type)
    {
    case F_BOOL:
      if (v->kind != KITH_INPUT_FLAG)
        return kith_invalid (error, _("The %s must be true or false"), label);
      *out = g_variant_new_int64 (v->flag);
      return TRUE;
    case F_NUMBER:
      if (!kith_input_get_number (v, label, &num, error))
        return FALSE;
      *out = g_variant_new_double (num);
      return TRUE;
    case F_DATE:
    case F_BIRTHDAY:
      return parse_date (v, f->type, label, out, error);
    case F_AMOUNT:
      return parse_amount (v, label, out, error);
    case F_DAYS:
      return parse_days (v, label, out, error);
    case F_CURRENCY_CODE:
      return parse_currency_code (v, label, out, error);
    case F_FORECAST:
      return parse_forecast (v, label, out, error);
    case F_EMAIL:
      return parse_email (v, label, out, error);
    case F_TEXT:
    case F_LONG_TEXT:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
parse_scalar (KithRecordInput       *in,
              const ScalarField     *f,
              const KithInputValue  *v,
              GError               **error)
{
  GVariant *value = NULL;

  if (v->kind == KITH_INPUT_NULL && strcmp (f->member, "name") != 0)
    {
      kith_record_input_add_column (in, f->column, NULL);
      return TRUE;
    }

  if (f->type == F_TEXT || f->type == F_LONG_TEXT)
    return parse_text (in, f, v, error);

  if (!parse_value (f, v, &value, error))
    return FALSE;
  kith_record_input_add_column (in, f->column, value);
  return TRUE;
}

const char *const kith_entry_labels[KITH_N_ENTRY_LABELS] = { "work", "home", "mobile", "other" };

/* One of the labels an entry can have, whatever its case; %NULL for any other */
const char *
kith_input_known_label (const char *label)
{
  for (guint i = 0; label != NULL && i < G_N_ELEMENTS (kith_entry_labels); i++)
    if (g_ascii_strcasecmp (label, kith_entry_labels[i]) == 0)
      return kith_entry_labels[i];

  return NULL;
}

const char *
kith_channel_label (const char *type)
{
  if (strcmp (type, "email") == 0)
    return kith_input_label (N_("email address"));
  if (strcmp (type, "phone") == 0)
    return kith_input_label (N_("phone number"));
  if (strcmp (type, "fax") == 0)
    return kith_input_label (N_("fax number"));
  if (strcmp (type, "url") == 0)
    return kith_input_label (N_("web address"));
  if (strcmp (type, "domain") == 0)
    return kith_input_label (N_("domain"));

  return type;
}

static KithChannel *
channel_new (const char *type,
             char       *value,
             char       *key)
{
  KithChannel *c = g_new0 (KithChannel, 1);

  c->type = kith_channel_types[kith_channel_type_index (type)];
  c->value = value;
  c->key = key;

  return c;
}

/* twitter, facebook, linkedin: a single string each */
static gboolean
parse_handle (const char            *type,
              const char            *label,
              const KithInputValue  *v,
              GPtrArray             *list,
              GError               **error)
{
  g_autofree char *value = NULL;
  char *key;

  if (!kith_input_get_string (v, label, 512, TRUE, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if ((key = kith_synckey_handle (value, error)) == NULL)
    return FALSE;

  g_ptr_array_add (list, channel_new (type, g_steal_pointer (&value), key));
  return TRUE;
}

/* The sync key of a channel's @value: an email, a phone number, a domain; %NULL in @out_key
 * for channels that identify nobody (a fax, a web page) */
static gboolean
channel_key (KithStore   *store,
             const char  *type,
             const char  *value,
             char       **out_key,
             GError     **error)
{
  *out_key = NULL;
  if (strcmp (type, "email") == 0)
    return (*out_key = kith_synckey_email (value, error)) != NULL;
  if (strcmp (type, "domain") == 0)
    return (*out_key = kith_synckey_domain (value, error)) != NULL;
  if (strcmp (type, "phone") != 0 && strcmp (type, "fax") != 0)
    return TRUE;

  *out_key = kith_store_normalize_phone (store, value);
  if (*out_key == NULL)
    return kith_invalid (error, _("“%s” is not a phone number"), value);
  /* A fax number is checked, but identifies nobody */
  if (strcmp (type, "fax") == 0)
    g_clear_pointer (out_key, g_free);

  return TRUE;
}

static gboolean
has_key (GPtrArray  *list,
         const char *key)
{
  for (guint j = 0; j < list->len; j++)
    if (g_strcmp0 (((KithChannel *) g_ptr_array_index (list, j))->key, key) == 0)
      return TRUE;

  return FALSE;
}

/* Adds the channel of @value (validated text, taken) to @list, unless it has its key already */
gboolean
kith_record_input_add_channel (KithStore   *store,
             const char  *type,
             char        *value,
             const char  *label,
             gboolean     preferred,
             GPtrArray   *list,
             GError     **error)
{
  g_autofree char *text = value;
  g_autofree char *key = NULL;
  KithChannel *c;

  if (!channel_key (store, type, text, &key, error))
    return FALSE;

  /* The same key twice in one list is one channel */
  if (key != NULL && has_key (list, key))
    return TRUE;

  c = channel_new (type, g_steal_pointer (&text), g_steal_pointer (&key));
  c->label = g_strdup (label);
  c->preferred = preferred;
  g_ptr_array_add (list, c);

  return TRUE;
}

/* The record's channels of @type, new and empty: given lists replace */
GPtrArray *
kith_record_input_reset_channels (KithRecordInput *in,
                const char      *type)
{
  int idx = kith_channel_type_index (type);

  g_clear_pointer (&in->channels[idx], g_ptr_array_unref);
  in->channels[idx] = g_ptr_array_new_with_free_func ((GDestroyNotify) channel_free);
  return in->channels[idx];
}

gboolean
kith_record_input_add_tag (KithRecordInput       *in,
         const KithInputValue  *v,
         GError               **error)
{
  g_autofree char *tag = NULL;

  if (!kith_input_get_string (v, _("keyword"), 256, FALSE, &tag, error))
    return FALSE;
  g_ptr_array_add (in->tags, g_steal_pointer (&tag));
  return TRUE;
}

/* The record's custom values, new and empty: given lists replace */
void
kith_record_input_reset_custom (KithRecordInput *in)
{
  g_clear_pointer (&in->custom, g_ptr_array_unref);
  in->custom = g_ptr_array_new_with_free_func ((GDestroyNotify) custom_value_free);
}

/* The value of custom field @key, added empty to those of @in; %NULL when @in's kind has no
 * such field. @out_type, @out_name and @out_options say what the field takes. */
KithCustomInput *
kith_record_input_add_custom (KithStore        *store,
            KithRecordInput  *in,
            const char       *key,
            char            **out_type,
            char            **out_name,
            char            **out_options,
            GError          **error)
{
  KithCustomInput *cv;
  int applies_to;
  gint64 field_id;

  if (!kith_fields_lookup (store, key, &field_id, out_type, out_name, out_options, &applies_to) ||
      applies_to != (int) in->kind)
    {
      kith_invalid (error, _("There is no custom field “%s” for %s"), key,
                    in->kind == KITH_RECORD_PERSON ? _("people")
                    : in->kind == KITH_RECORD_COMPANY ? _("companies") : _("projects"));
      return NULL;
    }

  cv = g_new0 (KithCustomInput, 1);
  cv->field_id = field_id;
  cv->values = g_ptr_array_new_with_free_func (g_free);
  cv->nums = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (in->custom, cv);
  return cv;
}

/* The record @identifier names, added to @ids */
gboolean
kith_record_input_add_member (KithStore   *store,
            const char  *label,
            const char  *identifier,
            GArray      *ids,
            GError     **error)
{
  gint64 id = kith_store_lookup (store, identifier, NULL);

  if (id == 0)
    return kith_invalid (error, _("The %s “%s” is not a known person or company"), label, identifier);
  g_array_append_val (ids, id);
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

typedef gboolean (*ValueFunc) (KithStore             *store,
                               KithRecordInput       *in,
                               const char            *member,
                               const KithInputValue  *v,
                               GError               **error);

/* segment, stage and step: validated here, resolved to keys by the writer */
static gboolean
set_relationship (KithStore             *store,
                  KithRecordInput       *in,
                  const char            *member,
                  const KithInputValue  *v,
                  GError               **error)
{
  if (strcmp (member, "segment") == 0)
    {
      in->has_segment = TRUE;
      return kith_input_get_string (v, _("segment"), 64, TRUE, &in->segment, error);
    }
  if (strcmp (member, "stage") == 0)
    {
      in->has_stage = TRUE;
      return kith_input_get_string (v, _("stage"), 64, TRUE, &in->stage, error);
    }

  in->has_step = TRUE;
  return kith_input_get_string (v, _("step"), 256, TRUE, &in->step, error);
}

/* twitter, facebook, linkedin, named as their type */
static gboolean
set_handle (KithStore             *store,
            KithRecordInput       *in,
            const char            *member,
            const KithInputValue  *v,
            GError               **error)
{
  return parse_handle (member, member, v, kith_record_input_reset_channels (in, member), error);
}

static gboolean
set_company (KithStore             *store,
             KithRecordInput       *in,
             const char            *member,
             const KithInputValue  *v,
             GError               **error)
{
  in->has_company = TRUE;
  return kith_input_get_string (v, _("company"), 1024, TRUE, &in->company, error);
}

/* A record's sync key cannot change; given on a create, it finds the record again */
static gboolean
set_sync_key (KithStore             *store,
              KithRecordInput       *in,
              const char            *member,
              const KithInputValue  *v,
              GError               **error)
{
  g_clear_pointer (&in->sync_key, g_free);
  return kith_input_get_string (v, _("sync key"), 256, TRUE, &in->sync_key, error);
}

/* Members that hold one value, other than the scalar columns: the kinds that take them and how
 * they are set */
static const struct {
  const char *member;
  guint       kinds;
  ValueFunc   set;     /* NULL: read-only, a client may send it back unchanged */
} value_members[] = {
  { "segment", ALL, set_relationship }, { "stage", ALL, set_relationship },
  { "step", ALL, set_relationship }, { "company", P, set_company },
  { "twitter", P | C, set_handle }, { "facebook", P | C, set_handle }, { "linkedin", P | C, set_handle },
  { "id", ALL, NULL }, { "kind", ALL, NULL }, { "syncKey", ALL, set_sync_key }, { "firstSeen", ALL, NULL },
  { "lastChanged", ALL, NULL }, { "lastContact", ALL, NULL }, { "stepSince", ALL, NULL },
};

/**
 * kith_record_input_set_member:
 * @member: a member of docs/json.md that holds one value: a column, the relationship, a
 *   person's company, a handle
 *
 * Validates @v as @member of @in, as JSON input or a typed record gives it.
 */
gboolean
kith_record_input_set_member (KithStore             *store,
                              KithRecordInput       *in,
                              const char            *member,
                              const KithInputValue  *v,
                              GError               **error)
{
  guint kind_bit = 1u << in->kind;
  const ScalarField *f = find_scalar (member, kind_bit);

  if (f != NULL)
    return parse_scalar (in, f, v, error);

  for (guint i = 0; i < G_N_ELEMENTS (value_members); i++)
    if ((value_members[i].kinds & kind_bit) && strcmp (value_members[i].member, member) == 0)
      return value_members[i].set == NULL || value_members[i].set (store, in, member, v, error);

  return kith_invalid (error, _("Unknown member “%s” for a %s"),
                       g_utf8_validate (member, -1, NULL) ? member : "?",
                       kith_record_kind_to_string (in->kind));
}

/* Typed lists, as a KithRecord has them: each replaces the record's list */

/**
 * kith_record_input_set_channels:
 * @type: email, phone, fax, url or domain
 * @channels: (element-type KithRecordChannel)
 */
gboolean
kith_record_input_set_channels (KithStore        *store,
                                KithRecordInput  *in,
                                const char       *type,
                                GPtrArray        *channels,
                                GError          **error)
{
  const char *label = kith_channel_label (type);
  GPtrArray *list = kith_record_input_reset_channels (in, type);

  for (guint i = 0; i < channels->len; i++)
    {
      KithRecordChannel *c = g_ptr_array_index (channels, i);
      KithInputValue v = { KITH_INPUT_TEXT, .text = c->value };
      g_autofree char *value = NULL;

      if (!kith_input_get_string (&v, label, KITH_MAX_TEXT, FALSE, &value, error) ||
          !kith_record_input_add_channel (store, type, g_steal_pointer (&value), kith_input_known_label (c->label), c->preferred, list, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kith_record_input_set_tags (KithRecordInput     *in,
                            const char * const  *tags,
                            GError             **error)
{
  in->tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tags[i] != NULL; i++)
    if (!kith_record_input_add_tag (in, &(KithInputValue) { KITH_INPUT_TEXT, .text = tags[i] }, error))
      return FALSE;

  return TRUE;
}

/**
 * kith_record_input_set_custom:
 * @customs: (element-type KithRecordCustom)
 */
gboolean
kith_record_input_set_custom (KithStore        *store,
                              KithRecordInput  *in,
                              GPtrArray        *customs,
                              GError          **error)
{
  kith_record_input_reset_custom (in);
  for (guint i = 0; i < customs->len; i++)
    {
      KithRecordCustom *c = g_ptr_array_index (customs, i);
      g_autofree char *type = NULL;
      g_autofree char *name = NULL;
      g_autofree char *options = NULL;
      KithCustomInput *cv = kith_record_input_add_custom (store, in, c->key, &type, &name, &options, error);

      if (cv == NULL ||
          !kith_fields_normalize_values (store, cv->field_id, name, type, options,
                                         (const char * const *) c->values, c->multi,
                                         cv->values, cv->nums, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kith_record_input_set_members:
 * @team: the deal team rather than the participants
 * @members: (element-type KithRecordMember): records of the store, or on a draft, what names
 *   them as typed
 */
gboolean
kith_record_input_set_members (KithStore        *store,
                               KithRecordInput  *in,
                               gboolean          team,
                               GPtrArray        *members,
                               GError          **error)
{
  const char *label = team ? _("deal team member") : _("participant");
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_clear_pointer (team ? &in->team : &in->participants, g_array_unref);
  *(team ? &in->team : &in->participants) = ids;
  for (guint i = 0; i < members->len; i++)
    {
      KithRecordMember *m = g_ptr_array_index (members, i);
      g_autofree char *identifier = m->identifier != NULL ? g_strdup (m->identifier)
                                                          : g_strdup_printf ("#%" G_GINT64_FORMAT, m->id);

      if (!kith_record_input_add_member (store, label, identifier, ids, error))
        return FALSE;
    }

  return TRUE;
}

/* Name forms: a person's name is "First Last" when only the parts are given; the parts are
 * split from the name when only it is given. */
void
kith_record_input_complete_names (KithRecordInput *in)
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

      kith_record_input_add_column (in, "first", g_variant_new_string (in->first));
      kith_record_input_add_column (in, "last", in->last ? g_variant_new_string (in->last) : NULL);
    }
}

/* Lower case without accents, with one space between words: "Zoë  Ørsted" sorts as
 * "zoe ørsted", and is the same name when names are compared (merge candidates, a shared phone).
 * Numbers sort by their value (numbers_by_value ()). */
static void
append_folded_char (GString  *out,
                    gunichar  c)
{
  if (g_unichar_isspace (c))
    {
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      return;
    }
  g_string_append_unichar (out, c);
}

/* An ASCII name, as below: folding is lowering, NFKD leaves it as it is and it has no marks.
 * The Unicode functions cost some 8,000 instructions a name, and a new person's import takes
 * its sort name three times. %NULL when @name is not ASCII. */
static GString *
ascii_sort_name (const char *name)
{
  GString *out;

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return NULL;

  out = g_string_sized_new (strlen (name));
  for (const char *p = name; *p != '\0'; p++)
    append_folded_char (out, g_ascii_tolower (*p));

  return out;
}

/* Each run of digits of @in becomes its length, then its digits without leading zeros: "21
 * Cedar Lane" sorts before "192 Pine Court" ("221 cedar lane", "3192 pine court"), "Unit 9"
 * before "Unit 10". A length of 1 to 9 is one digit; a longer one is ':' and two digits, which
 * sort after the digits (a longer number after a shorter one) and before the letters, as the
 * digits do. */
static GString *
numbers_by_value (GString *in)
{
  GString *out = g_string_sized_new (in->len + 8);

  for (const char *p = in->str; *p != '\0';)
    {
      const char *digits = p;
      gsize len;

      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p++);
          continue;
        }

      while (*digits == '0' && g_ascii_isdigit (digits[1]))
        digits++;
      for (p = digits; g_ascii_isdigit (*p); p++)
        ;
      len = p - digits;
      if (len <= 9)
        g_string_append_c (out, (char) ('0' + len));
      else
        g_string_append_printf (out, ":%02u", (guint) MIN (len, 99));
      g_string_append_len (out, digits, len);
    }

  g_string_free (in, TRUE);
  return out;
}

char *
kith_records_sort_name (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out = ascii_sort_name (name);

  if (out != NULL)
    goto done;

  folded = g_utf8_casefold (name, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  out = g_string_sized_new (strlen (name));

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
          t == G_UNICODE_ENCLOSING_MARK)
        continue;
      append_folded_char (out, c);
    }

done:
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (strpbrk (out->str, "0123456789") != NULL)
    out = numbers_by_value (out);

  return g_string_free (out, FALSE);
}

