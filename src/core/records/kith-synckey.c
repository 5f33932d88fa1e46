/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithSyncKey"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-synckey.h"
#include "kith-types.h"

gboolean
kith_validate_text (const char  *field,
                    const char  *value,
                    gsize        max_len,
                    GError     **error)
{
  gsize len;

  if (value == NULL)
    return TRUE;

  len = strlen (value);
  if (!g_utf8_validate (value, len, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("The %s is not valid UTF-8 text"), field);
      return FALSE;
    }

  if (len > max_len)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("The %s is too long (%" G_GSIZE_FORMAT " bytes; at most %" G_GSIZE_FORMAT ")"),
                   field, len, max_len);
      return FALSE;
    }

  return TRUE;
}

/**
 * kith_validate_text_untranslated:
 * @label: the field's name as marked with N_(), translated only to refuse
 *
 * kith_validate_text() for the checks of every row of a load, where translating each label of
 * each row before anything was refused cost 3 % of the load.
 */
gboolean
kith_validate_text_untranslated (const char  *label,
                                 const char  *value,
                                 gsize        max_len,
                                 GError     **error)
{
  if (value == NULL || (strlen (value) <= max_len && g_utf8_validate (value, -1, NULL)))
    return TRUE;

  return kith_validate_text (_(label), value, max_len, error);
}

static gboolean
is_domain_label_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-';
}

/* A host name: labels of letters, digits and hyphens joined by dots, at least two labels. */
static gboolean
is_domain (const char *text)
{
  const char *p = text;
  guint labels = 0;
  gsize label_len = 0;

  if (*p == '\0' || *p == '.')
    return FALSE;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.')
        {
          if (label_len == 0)
            return FALSE;
          labels++;
          label_len = 0;
        }
      else if (is_domain_label_char (c))
        label_len++;
      else
        return FALSE;
    }

  return label_len > 0 && labels >= 1;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/**
 * kith_synckey_email:
 *
 * Returns: (transfer full) (nullable): @email trimmed and case-folded, or %NULL when it is not
 *   an email address.
 */
char *
kith_synckey_email (const char  *email,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  const char *at;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    goto invalid;

  trimmed = g_strstrip (g_strdup (email));
  /* "Ada Lovelace <ada@example.com>" */
  if (strchr (trimmed, '<') != NULL)
    {
      char *open = strrchr (trimmed, '<');
      char *close = strchr (open, '>');

      if (close == NULL)
        goto invalid;
      *close = '\0';
      memmove (trimmed, open + 1, strlen (open + 1) + 1);
      g_strstrip (trimmed);
    }
  if (g_str_has_prefix (trimmed, "mailto:"))
    memmove (trimmed, trimmed + 7, strlen (trimmed + 7) + 1);

  at = strrchr (trimmed, '@');
  if (at == NULL || at == trimmed || strchr (trimmed, '@') != at || strlen (trimmed) > 254)
    goto invalid;

  for (const char *p = trimmed; p < at; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>' ||
        *p == '(' || *p == ')' || *p == '"')
      goto invalid;

  if (!is_domain (at + 1))
    goto invalid;

  /* Most addresses are ASCII, where case folding is lowering and NFC changes nothing: the
   * Unicode functions cost some 10,000 instructions an address, a tenth of a contact's import */
  if (is_ascii (trimmed))
    return g_ascii_strdown (trimmed, -1);
  folded = g_utf8_casefold (trimmed, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);

invalid:
  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
               _("“%s” is not an email address"), email != NULL && g_utf8_validate (email, -1, NULL) ? email : "?");
  return NULL;
}

/**
 * kith_synckey_domain:
 *
 * Returns: (transfer full) (nullable): a company domain in lower case without scheme, "www." or
 *   path ("https://www.Acme.com/about" → "acme.com").
 */
char *
kith_synckey_domain (const char  *domain,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  char *start;
  char *slash;

  if (domain == NULL || !g_utf8_validate (domain, -1, NULL))
    goto invalid;

  trimmed = g_strstrip (g_utf8_strdown (domain, -1));
  start = trimmed;
  if (g_str_has_prefix (start, "https://"))
    start += 8;
  else if (g_str_has_prefix (start, "http://"))
    start += 7;
  if (g_str_has_prefix (start, "www."))
    start += 4;
  if ((slash = strchr (start, '/')) != NULL)
    *slash = '\0';
  if (strchr (start, '@') != NULL)
    start = strchr (start, '@') + 1;

  if (!is_domain (start))
    goto invalid;

  return g_strdup (start);

invalid:
  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
               _("“%s” is not a domain name"), domain != NULL && g_utf8_validate (domain, -1, NULL) ? domain : "?");
  return NULL;
}

/**
 * kith_synckey_handle:
 *
 * Returns: (transfer full) (nullable): a social handle without "@" in lower case.
 */
char *
kith_synckey_handle (const char  *handle,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *start;

  if (handle == NULL || !g_utf8_validate (handle, -1, NULL))
    goto invalid;

  trimmed = g_strstrip (g_utf8_strdown (handle, -1));
  start = trimmed;
  if (*start == '@')
    start++;
  if (*start == '\0' || strlen (start) > 256)
    goto invalid;
  for (const char *p = start; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      goto invalid;

  return g_strdup (start);

invalid:
  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
               _("“%s” is not a social network handle"), handle != NULL && g_utf8_validate (handle, -1, NULL) ? handle : "?");
  return NULL;
}

/**
 * kith_synckey_app_id:
 *
 * Returns: (transfer full) (nullable): an app id is a lower-case domain ("salesforce.com").
 */
char *
kith_synckey_app_id (const char  *app_id,
                     GError     **error)
{
  g_autofree char *lower = NULL;

  if (app_id == NULL || !g_utf8_validate (app_id, -1, NULL))
    goto invalid;

  lower = g_strstrip (g_utf8_strdown (app_id, -1));
  if (!is_domain (lower))
    goto invalid;

  return g_steal_pointer (&lower);

invalid:
  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
               _("“%s” is not an app id (a domain such as salesforce.com)"),
               app_id != NULL && g_utf8_validate (app_id, -1, NULL) ? app_id : "?");
  return NULL;
}

/**
 * kith_synckey_phone_digits:
 *
 * The fallback when no phone number library is installed: keeps the digits, honours a leading
 * "+" or "00", and treats ten digits in the US and Canada as a national number.
 *
 * Returns: (transfer full) (nullable): "+<digits>", or %NULL when @phone is not a number.
 */
char *
kith_synckey_phone_digits (const char *phone,
                           const char *region)
{
  GString *digits;
  gboolean plus = FALSE;
  gboolean seen_digit = FALSE;

  if (phone == NULL || !g_utf8_validate (phone, -1, NULL))
    return NULL;

  digits = g_string_new (NULL);
  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          seen_digit = TRUE;
        }
      else if (*p == '+' && !seen_digit)
        plus = TRUE;
      else if (strchr (" -.()/\t", *p) == NULL)
        {
          /* "ext" and "x" end the number; letters elsewhere mean it is not one */
          if ((*p == 'x' || *p == 'e') && seen_digit)
            break;
          g_string_free (digits, TRUE);
          return NULL;
        }
    }

  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);
      plus = TRUE;
    }

  if (digits->len < 3 || digits->len > 15)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  if (!plus && (region == NULL || g_ascii_strcasecmp (region, "US") == 0 ||
                g_ascii_strcasecmp (region, "CA") == 0))
    {
      if (digits->len == 10)
        g_string_prepend_c (digits, '1');
    }

  g_string_prepend_c (digits, '+');
  return g_string_free (digits, FALSE);
}
