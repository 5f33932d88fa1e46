/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithPhone"

#include "config.h"

#include <libebook-contacts/libebook-contacts.h>
#include <string.h>

#include "kith-phone.h"
#include "kith-synckey.h"

/*
 * Phone numbers as sync keys, in E.164, through evolution-data-server's EPhoneNumber (backed by
 * libphonenumber): "(415) 555-2671" in the US and "+1 415-555-2671" are the same person.
 */

/**
 * kith_phone_normalize:
 * @region: (nullable): ISO 3166 country for numbers without a country code
 *
 * A #KithPhoneNormalizeFunc.
 *
 * Returns: (transfer full) (nullable): "+14155552671", or %NULL when @phone is no phone number
 */
char *
kith_phone_normalize (const char *phone,
                      const char *region,
                      gpointer    user_data)
{
  g_autoptr(GError) error = NULL;
  EPhoneNumber *number;
  char *e164;
  guint digits = 0;

  if (phone == NULL || !g_utf8_validate (phone, -1, NULL))
    return NULL;

  /* libphonenumber is lenient with letters ("1-800-FLOWERS"); a handful of digits is the least */
  for (const char *p = phone; *p; p++)
    digits += g_ascii_isdigit (*p);
  if (digits < 3)
    return NULL;

  if (!e_phone_number_is_supported ())
    return kith_synckey_phone_digits (phone, region);

  number = e_phone_number_from_string (phone, region, &error);
  if (number == NULL)
    return NULL;

  e164 = e_phone_number_to_string (number, E_PHONE_NUMBER_FORMAT_E164);
  e_phone_number_free (number);

  if (e164 == NULL || e164[0] != '+' || strlen (e164) < 4)
    {
      g_free (e164);
      return NULL;
    }

  return e164;
}

/**
 * kith_phone_default_region:
 *
 * Returns: (transfer full): the country of the user's locale ("US" for en_US.UTF-8), used for
 *   numbers written without a country code
 */
char *
kith_phone_default_region (void)
{
  const char *env = g_getenv ("KITH_PHONE_REGION");
  char *region;

  if (env != NULL && strlen (env) == 2)
    return g_ascii_strup (env, -1);

  region = e_phone_number_get_default_region (NULL);
  if (region != NULL && strlen (region) == 2)
    return region;
  g_free (region);

  return g_strdup ("US");
}

/**
 * kith_services_setup_store:
 *
 * Gives @store what the services library knows better than the core: phone numbers in E.164
 * for the user's region (the "phone-region" setting of the database wins over the locale).
 */
void
kith_services_setup_store (KithStore *store)
{
  g_autofree char *setting = kith_store_dup_setting (store, "phone-region");
  g_autofree char *region = setting != NULL && strlen (setting) == 2 ? g_ascii_strup (setting, -1)
                                                                       : kith_phone_default_region ();

  kith_store_set_phone_normalizer (store, kith_phone_normalize, NULL, NULL);
  kith_store_set_region (store, region);
}
