/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFields"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "kith-fields-private.h"
#include "kith-statement.h"
#include "kith-synckey.h"

/* The values of custom fields: numbers, amounts of money, dates, choices, as typed */

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

/**
 * kith_fields_parse_money:
 * @label: what the amount is, as the refusal names it ("value")
 *
 * Reads @text as an amount of money of a record's field ("500000", "$500,000").
 *
 * Returns: whether @text is an amount of money; %FALSE with @error saying so when not
 */
gboolean
kith_fields_parse_money (const char  *label,
                         const char  *text,
                         double      *out,
                         GError     **error)
{
  if (!kith_fields_parse_number ("currency", text, out))
    return kith_invalid (error, _("The %s “%s” is not an amount of money (such as 500000 or $500,000)"),
                         label, g_utf8_validate (text, -1, NULL) ? text : "?");
  return TRUE;
}

static char *
read_field_currency (KithStore *self,
                     gint64     field_id)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT currency FROM custom_fields WHERE id = ?", NULL))
    return NULL;
  kith_statement_bind_int64 (&st, 1, field_id);

  return kith_statement_dup_string (&st, NULL);
}

/* Transfer full (nullable): the ISO 4217 code the custom field @field_id keeps amounts in. */
static char *
dup_field_currency (KithStore *self,
                    gint64     field_id)
{
  char *currency;

  kith_store_lock (self);
  currency = read_field_currency (self, field_id);
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

static void
add_value (GPtrArray *out_values,
           GArray    *out_nums,
           char      *stored,
           double     num)
{
  g_ptr_array_add (out_values, stored);
  g_array_append_val (out_nums, num);
}

/* The choices of a multipick value: a list, or text separated by commas */
static GStrv
split_choices (JsonNode    *value,
               const char  *field_name,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *text = NULL;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      if ((text = node_to_text (value)) == NULL)
        return (kith_invalid (error, _("Custom field “%s”: expected a list of choices"), field_name), NULL);
      return g_strsplit (text, ",", -1);
    }

  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = node_to_text (json_array_get_element (array, i));

      if (item == NULL)
        return (kith_invalid (error, _("Custom field “%s”: each choice must be text"), field_name), NULL);
      g_strv_builder_add (builder, item);
    }

  return g_strv_builder_end (builder);
}

/* The choices of a multipick value, each one of the field's options */
static gboolean
normalize_multipick (JsonArray   *options,
                     GStrv        parts,
                     const char  *field_name,
                     GPtrArray   *out_values,
                     GArray      *out_nums,
                     GError     **error)
{
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *option;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (!kith_validate_text (field_name, parts[i], 1024, error))
        return FALSE;
      if ((option = match_option (options, parts[i])) == NULL)
        return kith_invalid (error, _("Custom field “%s”: “%s” is not one of its choices"),
                             field_name, parts[i]);
      add_value (out_values, out_nums, g_strdup (option), NAN);
    }

  return TRUE;
}

static gboolean
normalize_integer (const char  *field_name,
                   const char  *text,
                   char       **out_stored,
                   double      *out_num,
                   GError     **error)
{
  gint64 n;
  gboolean in_range;

  if (!parse_whole (text, &n, &in_range))
    return kith_invalid (error, _("Custom field “%s”: “%s” is not a whole number"), field_name, text);
  if (!in_range)
    return kith_invalid (error, _("Custom field “%s”: %s is out of range (whole numbers go up to "
                                  "9007199254740992 either side of 0)"), field_name, text);

  *out_num = (double) n;
  *out_stored = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  return TRUE;
}

/* A date, integer, decimal or amount: its stored text, and the number queries compare */
static gboolean
normalize_number (KithStore   *self,
                  gint64       field_id,
                  const char  *field_name,
                  const char  *type,
                  const char  *text,
                  char       **out_stored,
                  double      *out_num,
                  GError     **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GDate date;

  if (strcmp (type, "integer") == 0)
    return normalize_integer (field_name, text, out_stored, out_num, error);

  if (strcmp (type, "date") == 0)
    {
      if (!kith_parse_date (text, FALSE, &date))
        return kith_invalid (error, _("Custom field “%s”: “%s” is not a date (YYYY-MM-DD)"), field_name, text);
      *out_num = g_date_get_julian (&date);
      *out_stored = g_strdup (text);
    }
  else if (strcmp (type, "decimal") == 0)
    {
      if (!kith_parse_number (text, out_num))
        return kith_invalid (error, _("Custom field “%s”: “%s” is not a number"), field_name, text);
      *out_stored = g_strdup (g_ascii_dtostr (buf, sizeof buf, *out_num));
    }
  else if (strcmp (type, "currency") == 0)
    {
      g_autofree char *currency = dup_field_currency (self, field_id);

      if (!parse_amount (field_name, currency, text, out_num, error))
        return FALSE;
      *out_num = round (*out_num * 100) / 100;
      *out_stored = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", *out_num));
    }
  else
    return kith_invalid (error, _("Custom field “%s” has an unknown type “%s”"), field_name, type);

  return TRUE;
}

/* One value, @text (changed in place) */
static gboolean
normalize_single (KithStore   *self,
                  gint64       field_id,
                  const char  *field_name,
                  const char  *type,
                  JsonArray   *options,
                  char        *text,
                  GPtrArray   *out_values,
                  GArray      *out_nums,
                  GError     **error)
{
  char *stored = NULL;
  double num = NAN;

  if (text == NULL)
    return kith_invalid (error, _("Custom field “%s”: expected a single value"), field_name);
  if (!kith_validate_text (field_name, text, KITH_MAX_TEXT, error))
    return FALSE;
  g_strstrip (text);
  if (*text == '\0')
    return TRUE;

  if (strcmp (type, "text") == 0)
    stored = kith_text_strip_controls (text, TRUE);
  else if (strcmp (type, "pick") == 0)
    {
      const char *option = match_option (options, text);

      if (option == NULL)
        return kith_invalid (error, _("Custom field “%s”: “%s” is not one of its choices"), field_name, text);
      stored = g_strdup (option);
    }
  else if (!normalize_number (self, field_id, field_name, type, text, &stored, &num, error))
    return FALSE;

  add_value (out_values, out_nums, stored, num);
  return TRUE;
}

/* The choices of a pick field, kept as a JSON list in its definition; @out_node holds them */
static JsonArray *
parse_options (const char  *options_json,
               JsonNode   **out_node)
{
  *out_node = options_json != NULL ? json_from_string (options_json, NULL) : NULL;

  return *out_node != NULL && JSON_NODE_HOLDS_ARRAY (*out_node) ? json_node_get_array (*out_node) : NULL;
}

/* Validates a multipick value's choices (@parts) or another's one value (@text, changed in
 * place; %NULL when there was more than one) for a field of @type, and appends its stored forms:
 * text in @out_values and the number compared by queries (NAN when none) in @out_nums. */
static gboolean
normalize (KithStore   *self,
           gint64       field_id,
           const char  *field_name,
           const char  *type,
           const char  *options_json,
           GStrv        parts,
           char        *text,
           GPtrArray   *out_values,
           GArray      *out_nums,
           GError     **error)
{
  g_autoptr(JsonNode) options_node = NULL;
  JsonArray *options = parse_options (options_json, &options_node);

  if (strcmp (type, "multipick") == 0)
    return normalize_multipick (options, parts, field_name, out_values, out_nums, error);

  return normalize_single (self, field_id, field_name, type, options, text, out_values, out_nums, error);
}

/* As normalize (), for @value as JSON gives it. JSON null clears the field. */
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
  g_auto(GStrv) parts = NULL;
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (strcmp (type, "multipick") == 0 && (parts = split_choices (value, field_name, error)) == NULL)
    return FALSE;
  if (parts == NULL)
    text = node_to_text (value);

  return normalize (self, field_id, field_name, type, options_json, parts, text, out_values, out_nums, error);
}

/**
 * kith_fields_normalize_values:
 * @values: a multi-pick field's choices (@multi), or one value as typed (or its choices with
 *   commas)
 *
 * As kith_fields_normalize_value (), for the value a typed record holds.
 */
gboolean
kith_fields_normalize_values (KithStore          *self,
                              gint64              field_id,
                              const char         *field_name,
                              const char         *type,
                              const char         *options_json,
                              const char * const *values,
                              gboolean            multi,
                              GPtrArray          *out_values,
                              GArray             *out_nums,
                              GError            **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *text = NULL;

  if (values[0] == NULL)
    return TRUE;
  if (strcmp (type, "multipick") == 0)
    parts = multi ? g_strdupv ((char **) values) : g_strsplit (values[0], ",", -1);
  else if (!multi || values[1] == NULL)
    text = g_strdup (values[0]);

  return normalize (self, field_id, field_name, type, options_json, parts, text, out_values, out_nums, error);
}
