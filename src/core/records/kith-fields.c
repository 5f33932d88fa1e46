/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFields"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "kith-relationship.h"
#include "kith-store-private.h"
#include "kith-synckey.h"

/* Custom fields (definitions and typed values) and tags. */

static const char *field_types[] = { "text", "pick", "multipick", "date", "integer", "decimal",
                                     "currency" };

/* "Lead source" → "lead_source": what a query writes after "#". */
static char *
make_key (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        g_string_append_c (key, '_');
    }
  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);

  return g_string_free (key, FALSE);
}

gboolean
kith_fields_lookup (KithStore   *self,
                    const char  *key,
                    gint64      *out_id,
                    char       **out_type,
                    char       **out_name,
                    char       **out_options,
                    int         *out_applies_to)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT id, type, name, options, applies_to FROM custom_fields "
                                   "WHERE key = ? COLLATE NOCASE", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          found = TRUE;
          if (out_id)
            *out_id = sqlite3_column_int64 (stmt, 0);
          if (out_type)
            *out_type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          if (out_name)
            *out_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          if (out_options)
            *out_options = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          if (out_applies_to)
            *out_applies_to = sqlite3_column_int (stmt, 4);
        }
      sqlite3_reset (stmt);
    }
  kith_store_unlock (self);

  return found;
}

/* Currency symbols and the ISO 4217 codes each may stand for. */
static const struct { const char *symbol; const char *codes; } currency_symbols[] = {
  { "$", "USD AUD CAD HKD MXN NZD SGD" }, { "US$", "USD" }, { "€", "EUR" }, { "£", "GBP" },
  { "¥", "JPY CNY" }, { "₹", "INR" }, { "₩", "KRW" }, { "₽", "RUB" }, { "₪", "ILS" },
  { "R$", "BRL" }, { "₺", "TRY" }, { "₫", "VND" }, { "฿", "THB" }, { "₱", "PHP" },
  { "kr", "SEK NOK DKK ISK" }, { "zł", "PLN" }, { "Kč", "CZK" },
};

/* ISO 4217 codes of currencies in use */
static const char iso_4217_codes[] =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP "
  "BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
  "GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR "
  "KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK "
  "MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR "
  "SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS "
  "UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL";

static gboolean
is_currency_char (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

/* Whether @token, a code such as "usd" or a symbol such as "€", can name @currency (any
 * known one when the field has none). */
static gboolean
currency_matches (const char *token,
                  const char *currency)
{
  if (strlen (token) == 3 && g_ascii_isalpha (token[0]) && g_ascii_isalpha (token[1]) &&
      g_ascii_isalpha (token[2]))
    {
      g_autofree char *code = g_ascii_strup (token, -1);

      /* "12abc" is no amount, on a field without a currency too */
      return currency != NULL ? g_ascii_strcasecmp (code, currency) == 0
                              : strstr (iso_4217_codes, code) != NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (strcmp (token, currency_symbols[i].symbol) == 0)
      {
        g_auto(GStrv) codes = g_strsplit (currency_symbols[i].codes, " ", -1);

        return currency == NULL || g_strv_contains ((const char * const *) codes, currency);
      }

  return FALSE;
}

/* Digits with one kind of thousands separator and at most one decimal mark: "1,250,000.50",
 * "1.250.000,50", "1 250 000,50", "1'250'000.5", "1250000". A lone comma is a decimal comma
 * when one or two digits follow it ("12,50"), a separator when three do ("1,250"). */
static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *last_dot = strrchr (text, '.');
  const char *last_comma = strrchr (text, ',');
  const char *mark = NULL;
  guint dots = 0, commas = 0;
  char separator = 0;
  guint group = 0;
  gboolean grouped = FALSE;
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      dots += *p == '.';
      commas += *p == ',';
    }

  if (dots > 0 && commas > 0)
    mark = MAX (last_dot, last_comma);
  else if (dots == 1)
    mark = last_dot;
  else if (commas == 1 && strlen (last_comma + 1) >= 1 && strlen (last_comma + 1) <= 2)
    mark = last_comma;
  if (mark != NULL && (*mark == '.' ? dots : commas) != 1)
    return FALSE;

  for (const char *p = text; *p != '\0' && p != mark; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (clean, *p);
          if (++group > 3 && grouped)
            return FALSE;
          continue;
        }
      /* a separator: after one to three digits first, then after exactly three */
      if ((separator != 0 && *p != separator) || group == 0 || group > 3 || (grouped && group != 3))
        return FALSE;
      separator = *p;
      grouped = TRUE;
      group = 0;
    }
  if ((clean->len == 0 && mark == NULL) || (grouped && group != 3))
    return FALSE;

  if (mark != NULL)
    {
      if (mark[1] == '\0')
        return FALSE;
      g_string_append_c (clean, '.');
      for (const char *p = mark + 1; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          g_string_append_c (clean, *p);
        }
    }

  *out = g_ascii_strtod (clean->str, &end);
  return *end == '\0' && isfinite (*out);
}

/* "$1,250,000.50", "-1250000.5 USD", "1 250 000,50 €" → 1250000.5: a number with an optional
 * sign and an optional currency symbol or code before or after it, which must name
 * @currency when the field has one. Anything else ("1e3", "0x10", "12abc34") is an error. */
static gboolean
parse_amount (const char  *field_name,
              const char  *currency,
              const char  *text,
              double      *out,
              GError     **error)
{
  g_autoptr(GString) norm = g_string_new (NULL);
  g_autofree char *token = NULL;
  g_autofree char *number = NULL;
  gboolean negative = FALSE;
  const char *p, *start;

  /* No-break and narrow no-break spaces group thousands as a space does */
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        g_string_append_c (norm, ' ');
      else
        g_string_append_unichar (norm, c);
    }

  p = skip_spaces (norm->str);
  if (*p == '-')
    negative = TRUE, p = skip_spaces (p + 1);

  start = p;
  while (*p != '\0' && is_currency_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p > start)
    token = g_strndup (start, p - start);
  p = skip_spaces (p);
  if (*p == '-' && !negative)
    negative = TRUE, p = skip_spaces (p + 1);

  start = p;
  while (g_ascii_isdigit (*p) || *p == '.' || *p == ',' || *p == '\'' ||
         (*p == ' ' && g_ascii_isdigit (*skip_spaces (p))))
    p++;
  number = g_strndup (start, p - start);
  p = skip_spaces (p);

  if (*p != '\0' && token == NULL)
    {
      start = p;
      while (*p != '\0' && is_currency_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      token = g_strndup (start, p - start);
      p = skip_spaces (p);
    }

  if (*p != '\0' || (token != NULL && !currency_matches (token, NULL)) || !parse_number (number, out))
    return kith_invalid (error, _("Custom field “%s”: “%s” is not an amount of money"), field_name, text);

  if (token != NULL && !currency_matches (token, currency))
    return kith_invalid (error, _("Custom field “%s”: “%s” is not in %s, the field’s currency"),
                         field_name, text, currency);

  /* Beyond that, a double no longer holds every cent */
  if (*out > 90071992547409.0)
    return kith_invalid (error, _("Custom field “%s”: “%s” is too large an amount (at most "
                                  "90,071,992,547,409)"), field_name, text);

  if (negative)
    *out = -*out;
  return TRUE;
}

/* A whole number as an integer field takes it: digits with an optional sign, no exponent or hex.
 * Beyond 2^53 the number queries compare with would no longer be exact: *out_range is FALSE. */
static gboolean
parse_whole (const char *text,
             gint64     *out,
             gboolean   *out_in_range)
{
  char *end = NULL;

  errno = 0;
  *out = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || g_ascii_isspace (*text) || (errno != 0 && errno != ERANGE))
    return FALSE;
  *out_in_range = errno != ERANGE && *out >= -(G_GINT64_CONSTANT (1) << 53) && *out <= (G_GINT64_CONSTANT (1) << 53);

  return TRUE;
}

/**
 * kith_fields_parse_number:
 * @type: "integer", "decimal" or "currency"
 *
 * Reads @text as a value of a number field is read when it is stored ("$1,250", "12,5 €",
 * "-3"), for a query that compares with it.
 *
 * Returns: whether @text is such a number
 */
gboolean
kith_fields_parse_number (const char *type,
                          const char *text,
                          double     *out)
{
  if (g_str_equal (type, "integer"))
    {
      gint64 n;
      gboolean in_range;

      if (!parse_whole (text, &n, &in_range) || !in_range)
        return FALSE;
      *out = (double) n;
      return TRUE;
    }
  if (g_str_equal (type, "decimal"))
    return kith_parse_number (text, out);

  return parse_amount ("", NULL, text, out, NULL);
}

/* Transfer full (nullable): the ISO 4217 code the custom field @field_id keeps amounts in. */
static char *
dup_field_currency (KithStore *self,
                    gint64     field_id)
{
  sqlite3_stmt *stmt;
  char *currency = NULL;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT currency FROM custom_fields WHERE id = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, field_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        currency = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  kith_store_unlock (self);

  return currency;
}

static char *
node_to_text (JsonNode *node)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static const char *
match_option (JsonArray  *options,
              const char *value)
{
  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      const char *option = json_array_get_string_element (options, i);

      if (option != NULL && g_utf8_collate (option, value) == 0)
        return option;
    }

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      const char *option = json_array_get_string_element (options, i);
      g_autofree char *a = option ? g_utf8_casefold (option, -1) : NULL;
      g_autofree char *b = g_utf8_casefold (value, -1);

      if (a != NULL && strcmp (a, b) == 0)
        return option;
    }

  return NULL;
}

/* Validates @value for a field of @type and appends its stored forms: text in @out_values and
 * the number compared by queries (NAN when none) in @out_nums. JSON null clears the field. */
gboolean
kith_fields_normalize_value (KithStore   *self,
                             gint64       field_id,
                             const char  *field_name,
                             const char  *type,
                             const char  *options_json,
                             JsonNode    *value,
                             GPtrArray   *out_values,
                             GArray      *out_nums,
                             GError     **error)
{
  g_autoptr(JsonNode) options_node = NULL;
  JsonArray *options = NULL;
  g_autofree char *text = NULL;
  double nan_value = NAN;
  double num;

  if (JSON_NODE_HOLDS_NULL (value))
    return TRUE;

  if (options_json != NULL)
    {
      options_node = json_from_string (options_json, NULL);
      if (options_node != NULL && JSON_NODE_HOLDS_ARRAY (options_node))
        options = json_node_get_array (options_node);
    }

  if (strcmp (type, "multipick") == 0)
    {
      g_auto(GStrv) parts = NULL;

      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);
          GStrvBuilder *builder = g_strv_builder_new ();

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *item = node_to_text (json_array_get_element (array, i));

              if (item == NULL)
                {
                  g_strv_builder_unref (builder);
                  return kith_invalid (error, _("Custom field “%s”: each choice must be text"), field_name);
                }
              g_strv_builder_add (builder, item);
            }
          parts = g_strv_builder_end (builder);
          g_strv_builder_unref (builder);
        }
      else if ((text = node_to_text (value)) != NULL)
        parts = g_strsplit (text, ",", -1);
      else
        return kith_invalid (error, _("Custom field “%s”: expected a list of choices"), field_name);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *option;

          g_strstrip (parts[i]);
          if (*parts[i] == '\0')
            continue;
          if (!kith_validate_text (field_name, parts[i], 1024, error))
            return FALSE;
          option = match_option (options, parts[i]);
          if (option == NULL)
            return kith_invalid (error, _("Custom field “%s”: “%s” is not one of its choices"),
                            field_name, parts[i]);
          g_ptr_array_add (out_values, g_strdup (option));
          g_array_append_val (out_nums, nan_value);
        }

      return TRUE;
    }

  text = node_to_text (value);
  if (text == NULL)
    return kith_invalid (error, _("Custom field “%s”: expected a single value"), field_name);
  if (!kith_validate_text (field_name, text, KITH_MAX_TEXT, error))
    return FALSE;
  g_strstrip (text);
  if (*text == '\0')
    return TRUE;

  if (strcmp (type, "text") == 0)
    {
      g_ptr_array_add (out_values, kith_text_strip_controls (text, TRUE));
      g_array_append_val (out_nums, nan_value);
    }
  else if (strcmp (type, "pick") == 0)
    {
      const char *option = match_option (options, text);

      if (option == NULL)
        return kith_invalid (error, _("Custom field “%s”: “%s” is not one of its choices"), field_name, text);
      g_ptr_array_add (out_values, g_strdup (option));
      g_array_append_val (out_nums, nan_value);
    }
  else if (strcmp (type, "date") == 0)
    {
      GDate date;

      if (!kith_parse_date (text, FALSE, &date))
        return kith_invalid (error, _("Custom field “%s”: “%s” is not a date (YYYY-MM-DD)"), field_name, text);
      num = g_date_get_julian (&date);
      g_ptr_array_add (out_values, g_steal_pointer (&text));
      g_array_append_val (out_nums, num);
    }
  else if (strcmp (type, "integer") == 0)
    {
      gint64 n;
      gboolean in_range;

      if (!parse_whole (text, &n, &in_range))
        return kith_invalid (error, _("Custom field “%s”: “%s” is not a whole number"), field_name, text);
      if (!in_range)
        return kith_invalid (error, _("Custom field “%s”: %s is out of range (whole numbers go up to "
                                      "9007199254740992 either side of 0)"), field_name, text);
      num = (double) n;
      g_ptr_array_add (out_values, g_strdup_printf ("%" G_GINT64_FORMAT, n));
      g_array_append_val (out_nums, num);
    }
  else if (strcmp (type, "decimal") == 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (!kith_parse_number (text, &num))
        return kith_invalid (error, _("Custom field “%s”: “%s” is not a number"), field_name, text);
      g_ptr_array_add (out_values, g_strdup (g_ascii_dtostr (buf, sizeof buf, num)));
      g_array_append_val (out_nums, num);
    }
  else if (strcmp (type, "currency") == 0)
    {
      g_autofree char *currency = dup_field_currency (self, field_id);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (!parse_amount (field_name, currency, text, &num, error))
        return FALSE;
      num = round (num * 100) / 100;
      g_ptr_array_add (out_values, g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", num)));
      g_array_append_val (out_nums, num);
    }
  else
    return kith_invalid (error, _("Custom field “%s” has an unknown type “%s”"), field_name, type);

  return TRUE;
}

static gint64
ensure_section (KithStore   *self,
                const char  *name,
                GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self, "INSERT INTO custom_sections (name, position) "
                                                 "SELECT ?1, (SELECT count(*) FROM custom_sections) "
                                                 "WHERE NOT EXISTS (SELECT 1 FROM custom_sections WHERE name = ?1)",
                                           error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!kith_store_step_done (self, stmt, error))
    return 0;

  stmt = kith_store_prepare (self, "SELECT id FROM custom_sections WHERE name = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

/**
 * kith_fields_add:
 * @definition: {key?, name, type, appliesTo, section?, options?, currency?, remindYearly?,
 *   scopes?: [{segment, stage?}]}
 *
 * Adds a custom field.
 *
 * Returns: the field's id, or 0 with @error set
 */
gint64
kith_fields_add (KithStore   *self,
                 JsonObject  *definition,
                 GError     **error)
{
  const char *name = kith_json_get_string (definition, "name");
  const char *type = kith_json_get_string (definition, "type");
  const char *applies = kith_json_get_string (definition, "appliesTo");
  const char *section = kith_json_get_string (definition, "section");
  const char *currency = kith_json_get_string (definition, "currency");
  g_autofree char *key = NULL;
  g_autofree char *options = NULL;
  g_autoptr(GPtrArray) scope_segments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scope_stages = g_ptr_array_new ();
  KithRecordKind kind;
  sqlite3_stmt *stmt;
  gint64 section_id = 0;
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (name == NULL || !kith_validate_text (_("field name"), name, 256, error))
    {
      if (name == NULL)
        kith_invalid (error, _("A custom field needs a name"));
      return 0;
    }
  if (type == NULL || !g_strv_contains (field_types, type))
    {
      kith_invalid (error, _("Custom field “%s”: unknown type “%s” (use text, pick, multipick, date, "
                        "integer, decimal or currency)"), name, type ? type : "");
      return 0;
    }
  kind = kith_record_kind_from_string (applies ? applies : "person");
  if (kind == KITH_RECORD_KIND_INVALID)
    {
      kith_invalid (error, _("Custom field “%s”: it applies to person, company or project, not “%s”"),
               name, applies);
      return 0;
    }

  key = g_strdup (kith_json_get_string (definition, "key"));
  if (key == NULL)
    key = make_key (name);
  else
    {
      g_autofree char *clean = make_key (key);
      if (strcmp (clean, key) != 0)
        {
          kith_invalid (error, _("Custom field key “%s” may hold only lower-case letters, digits and “_”"), key);
          return 0;
        }
    }
  if (*key == '\0')
    {
      kith_invalid (error, _("Custom field “%s” needs a name with letters or digits"), name);
      return 0;
    }

  if (json_object_has_member (definition, "options"))
    {
      JsonNode *node = json_object_get_member (definition, "options");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          kith_invalid (error, _("Custom field “%s”: options must be a list of text"), name);
          return 0;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
              !kith_validate_text (_("choice"), json_node_get_string (e), 1024, error))
            {
              if (error == NULL || *error == NULL)
                kith_invalid (error, _("Custom field “%s”: options must be a list of text"), name);
              return 0;
            }
        }
      options = json_to_string (node, FALSE);
    }
  if ((strcmp (type, "pick") == 0 || strcmp (type, "multipick") == 0) && options == NULL)
    {
      kith_invalid (error, _("Custom field “%s”: a pick list needs its choices"), name);
      return 0;
    }
  if (currency != NULL && (strlen (currency) != 3))
    {
      kith_invalid (error, _("Custom field “%s”: “%s” is not a currency code such as USD"), name, currency);
      return 0;
    }

  /* Checked before anything is written */
  if (kith_fields_lookup (self, key, NULL, NULL, NULL, NULL, NULL))
    {
      kith_invalid (error, _("There is a custom field “%s” already"), key);
      return 0;
    }

  if (json_object_has_member (definition, "scopes"))
    {
      JsonNode *node = json_object_get_member (definition, "scopes");
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (array == NULL)
        {
          kith_invalid (error, _("Custom field “%s”: scopes must be a list of {segment, stage}"), name);
          return 0;
        }

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          JsonObject *scope = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          const char *segment = scope ? kith_json_get_string (scope, "segment") : NULL;
          const char *stage = scope ? kith_json_get_string (scope, "stage") : NULL;
          char *segment_key = NULL;
          const char *stage_key = NULL;

          if (segment == NULL || (segment_key = kith_relationship_segment_key (self, kind, segment)) == NULL)
            {
              kith_invalid (error, _("Custom field “%s”: unknown segment “%s” in its scope"), name,
                       segment ? segment : "");
              return 0;
            }
          g_ptr_array_add (scope_segments, segment_key);
          if (stage != NULL && (stage_key = kith_relationship_stage_key (kind, stage)) == NULL)
            {
              kith_invalid (error, _("Custom field “%s”: unknown stage “%s” in its scope"), name, stage);
              return 0;
            }
          g_ptr_array_add (scope_stages, (gpointer) stage_key);
        }
    }

  if (!kith_store_begin (self, error))
    return 0;

  if (section != NULL && (section_id = ensure_section (self, section, error)) == 0)
    goto fail;

  stmt = kith_store_prepare (self,
                             "INSERT INTO custom_fields (key, name, type, applies_to, section_id, options, "
                             "currency, remind_yearly, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                             "(SELECT count(*) FROM custom_fields))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, type, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, kind);
  if (section_id != 0)
    sqlite3_bind_int64 (stmt, 5, section_id);
  kith_store_bind_text (stmt, 6, options);
  if (currency != NULL)
    sqlite3_bind_text (stmt, 7, g_ascii_strup (currency, -1), -1, g_free);
  sqlite3_bind_int (stmt, 8, json_object_get_boolean_member_with_default (definition, "remindYearly", FALSE));
  if (!kith_store_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (kith_store_get_db (self));

  for (guint i = 0; i < scope_segments->len; i++)
    {
      stmt = kith_store_prepare (self, "INSERT INTO custom_field_scopes (field_id, segment, stage) "
                                       "VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (scope_segments, i), -1, SQLITE_STATIC);
      kith_store_bind_text (stmt, 3, g_ptr_array_index (scope_stages, i));
      if (!kith_store_step_done (self, stmt, error))
        goto fail;
    }

  if (!kith_store_commit (self, error))
    return 0;

  return id;

fail:
  kith_store_rollback (self);
  return 0;
}

gboolean
kith_fields_remove (KithStore   *self,
                    const char  *key,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "DELETE FROM custom_fields WHERE key = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      ok = kith_store_step_done (self, stmt, error);
      if (ok && sqlite3_changes (kith_store_get_db (self)) == 0)
        ok = kith_invalid (error, _("There is no custom field “%s”"), key);
    }
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_fields_list:
 *
 * Returns: (transfer full): the custom fields of @kind in order, each {id, key, name, type,
 *   section, options, currency, remindYearly, scopes}
 */
JsonArray *
kith_fields_list (KithStore       *self,
                  KithRecordKind   kind,
                  GError         **error)
{
  g_autoptr(JsonArray) fields = json_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "SELECT f.id, f.key, f.name, f.type, s.name, f.options, f.currency, f.remind_yearly, "
                             "  (SELECT json_group_array(json_object('segment', segment, 'stage', stage)) "
                             "   FROM custom_field_scopes WHERE field_id = f.id) "
                             "FROM custom_fields f LEFT JOIN custom_sections s ON s.id = f.section_id "
                             "WHERE f.applies_to = ? ORDER BY coalesce(s.position, -1), f.position, f.id",
                             error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }

  sqlite3_bind_int (stmt, 1, kind);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *f = json_object_new ();
      const char *section = (const char *) sqlite3_column_text (stmt, 4);
      const char *options = (const char *) sqlite3_column_text (stmt, 5);
      const char *currency = (const char *) sqlite3_column_text (stmt, 6);
      JsonNode *scopes = json_from_string ((const char *) sqlite3_column_text (stmt, 8), NULL);

      json_object_set_int_member (f, "fieldId", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (f, "id", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (f, "name", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (f, "type", (const char *) sqlite3_column_text (stmt, 3));
      json_object_set_string_member (f, "appliesTo", kith_record_kind_to_string (kind));
      if (section != NULL)
        json_object_set_string_member (f, "section", section);
      if (options != NULL)
        json_object_set_member (f, "options", json_from_string (options, NULL));
      if (currency != NULL)
        json_object_set_string_member (f, "currency", currency);
      json_object_set_boolean_member (f, "remindYearly", sqlite3_column_int (stmt, 7));
      json_object_set_member (f, "scopes", scopes != NULL ? scopes : json_node_new (JSON_NODE_ARRAY));
      json_array_add_object_element (fields, f);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&fields);
}

/**
 * kith_tags_list:
 *
 * Returns: (transfer full): every tag as {name, count}, by name
 */
JsonArray *
kith_tags_list (KithStore  *self,
                GError    **error)
{
  g_autoptr(JsonArray) tags = json_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT t.name, (SELECT count(*) FROM record_tags WHERE tag_id = t.id) "
                                   "FROM tags t ORDER BY t.name COLLATE NOCASE", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *tag = json_object_new ();

      json_object_set_string_member (tag, "name", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_int_member (tag, "count", sqlite3_column_int64 (stmt, 1));
      json_array_add_object_element (tags, tag);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&tags);
}

/**
 * kith_tags_rename:
 *
 * Renames a tag; renaming onto an existing tag merges the two.
 */
gboolean
kith_tags_rename (KithStore   *self,
                  const char  *from,
                  const char  *to,
                  GError     **error)
{
  static const char *steps[] = {
    "INSERT OR IGNORE INTO tags (name) VALUES (?2)",
    "INSERT OR IGNORE INTO record_tags (record_id, tag_id) "
    "  SELECT rt.record_id, (SELECT id FROM tags WHERE name = ?2) FROM record_tags rt "
    "  JOIN tags t ON t.id = rt.tag_id WHERE t.name = ?1",
    "DELETE FROM tags WHERE name = ?1 AND id != (SELECT id FROM tags WHERE name = ?2)",
    /* a change of case only */
    "UPDATE tags SET name = ?2 WHERE name = ?1",
  };
  g_autofree char *target = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (to == NULL || !kith_validate_text (_("tag"), to, 256, error))
    return FALSE;
  target = g_strstrip (kith_text_strip_controls (to, FALSE));
  if (*target == '\0')
    return kith_invalid (error, _("A tag needs a name"));

  if (!kith_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      sqlite3_stmt *stmt = kith_store_prepare (self, steps[i], error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, target, -1, SQLITE_STATIC);
      if (!kith_store_step_done (self, stmt, error))
        goto fail;
    }

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  kith_store_mark_changed (self, KITH_RECORD_COMPANY);
  kith_store_mark_changed (self, KITH_RECORD_PROJECT);
  return kith_store_commit (self, error);

fail:
  kith_store_rollback (self);
  return FALSE;
}

gboolean
kith_tags_delete (KithStore   *self,
                  const char  *name,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "DELETE FROM tags WHERE name = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      ok = kith_store_step_done (self, stmt, error);
      if (ok && sqlite3_changes (kith_store_get_db (self)) == 0)
        ok = kith_invalid (error, _("There is no tag “%s”"), name);
      if (ok)
        {
          kith_store_mark_changed (self, KITH_RECORD_PERSON);
          kith_store_mark_changed (self, KITH_RECORD_COMPANY);
          kith_store_mark_changed (self, KITH_RECORD_PROJECT);
        }
    }
  kith_store_unlock (self);

  return ok;
}
