/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>

#include "kith-money.h"

/* An amount of money as people read it: its currency's sign, digits grouped in thousands as the
 * user's locale groups them, cents only when there are some ("$500,000", "€1,250.50") */

static const struct {
  const char *code;
  const char *sign;
} signs[] = {
  { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" }, { "CNY", "¥" }, { "INR", "₹" },
  { "KRW", "₩" }, { "CAD", "CA$" }, { "AUD", "A$" }, { "NZD", "NZ$" }, { "BRL", "R$" },
  { "MXN", "MX$" }, { "ILS", "₪" }, { "NGN", "₦" }, { "PHP", "₱" }, { "VND", "₫" },
};

static const char *
sign_of (const char *currency)
{
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    if (g_ascii_strcasecmp (currency, signs[i].code) == 0)
      return signs[i].sign;

  return NULL;
}

/* The locale's separator of thousands; the C locale has none, and reads as English */
static const char *
thousands_separator (void)
{
  const char *sep = nl_langinfo (THOUSEP);

  return sep != NULL && *sep != '\0' ? sep : ",";
}

static char *
format_number (double amount)
{
  /* In cents, so that 1.999 rounds up to 2 and not to 1 and 100 cents */
  gint64 total = llround (fabs (amount) * 100);
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, total / 100);
  gsize n = strlen (digits);
  g_autoptr(GString) text = g_string_new (amount < 0 && total > 0 ? "-" : "");

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (text, thousands_separator ());
      g_string_append_c (text, digits[i]);
    }
  if (total % 100 != 0)
    g_string_append_printf (text, "%s%02d", nl_langinfo (RADIXCHAR), (int) (total % 100));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kith_money_format:
 * @currency: (nullable): an ISO 4217 code
 *
 * Returns: (transfer full): @amount in @currency as the user reads it; a currency without a sign
 *   known here goes before the amount as its code ("CHF 1,000"), none gives the number alone
 */
char *
kith_money_format (double      amount,
                   const char *currency)
{
  g_autofree char *number = format_number (amount);
  const char *sign;

  if (currency == NULL || *currency == '\0')
    return g_steal_pointer (&number);
  sign = sign_of (currency);
  if (sign == NULL)
    return g_strdup_printf ("%s %s", currency, number);
  /* A negative amount keeps its minus in front of the sign: "-$20" */
  if (*number == '-')
    return g_strdup_printf ("-%s%s", sign, number + 1);

  return g_strdup_printf ("%s%s", sign, number);
}
