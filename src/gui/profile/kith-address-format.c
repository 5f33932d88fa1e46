/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "kith-address-format.h"

/*
 * An address as a profile shows it: street, then the locality as the country of the address
 * writes it (that of the user's locale when the address names none), then the country, only
 * the parts it has, in one line. The conventions follow the Universal Postal Union's address
 * formats, as glibc's LC_ADDRESS postal_fmt has them: the postal code before the city in
 * continental Europe and Latin America ("10115 Berlin"), after the region in North America and
 * Australia ("Springfield, IL 62701"), on a line of its own in the United Kingdom and Ireland
 * and wherever the country is not known ("London, SW1A 1AA").
 */

typedef enum {
  POSTAL_CITY,          /* 10115 Berlin */
  CITY_REGION_POSTAL,   /* Springfield, IL 62701 */
  SEPARATE,             /* London, SW1A 1AA */
} LocalityStyle;

typedef struct {
  const char    *code;
  const char    *name;  /* in English, as addresses are mostly written */
  LocalityStyle  style;
} Country;

static const Country countries[] = {
  { "US", "United States", CITY_REGION_POSTAL },
  { "US", "USA", CITY_REGION_POSTAL },
  { "CA", "Canada", CITY_REGION_POSTAL },
  { "AU", "Australia", CITY_REGION_POSTAL },
  { "GB", "United Kingdom", SEPARATE },
  { "GB", "UK", SEPARATE },
  { "IE", "Ireland", SEPARATE },
  { "DE", "Germany", POSTAL_CITY },
  { "AT", "Austria", POSTAL_CITY },
  { "CH", "Switzerland", POSTAL_CITY },
  { "FR", "France", POSTAL_CITY },
  { "BE", "Belgium", POSTAL_CITY },
  { "NL", "Netherlands", POSTAL_CITY },
  { "LU", "Luxembourg", POSTAL_CITY },
  { "IT", "Italy", POSTAL_CITY },
  { "ES", "Spain", POSTAL_CITY },
  { "PT", "Portugal", POSTAL_CITY },
  { "DK", "Denmark", POSTAL_CITY },
  { "NO", "Norway", POSTAL_CITY },
  { "SE", "Sweden", POSTAL_CITY },
  { "FI", "Finland", POSTAL_CITY },
  { "PL", "Poland", POSTAL_CITY },
  { "CZ", "Czechia", POSTAL_CITY },
  { "MX", "Mexico", POSTAL_CITY },
  { "BR", "Brazil", POSTAL_CITY },
  { "AR", "Argentina", POSTAL_CITY },
};

/* The country @text names, by its code or English name; %NULL when none known */
static const Country *
find_country (const char *text)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (text, countries[i].code) == 0 || g_ascii_strcasecmp (text, countries[i].name) == 0)
      return &countries[i];

  return NULL;
}

/* The country of the user's locale ("de_DE.UTF-8": DE) */
static const Country *
locale_country (void)
{
  const char *locale = setlocale (LC_ADDRESS, NULL);
  const char *underscore = locale != NULL ? strchr (locale, '_') : NULL;
  g_autofree char *code = underscore != NULL ? g_strndup (underscore + 1, 2) : NULL;

  return find_country (code);
}

static void
add_part (GPtrArray  *parts,
          const char *part)
{
  if (part != NULL && *part != '\0')
    g_ptr_array_add (parts, g_strdup (part));
}

/* @first and @second joined by @between, or the one of them there is */
static char *
join_two (const char *first,
          const char *between,
          const char *second)
{
  if (first == NULL || *first == '\0')
    return g_strdup (second);
  if (second == NULL || *second == '\0')
    return g_strdup (first);
  return g_strconcat (first, between, second, NULL);
}

static void
add_locality (GPtrArray               *parts,
              const KithRecordAddress *a,
              LocalityStyle            style)
{
  g_autofree char *region_postal = NULL;
  g_autofree char *locality = NULL;

  switch (style)
    {
    case POSTAL_CITY:
      locality = join_two (a->postal, " ", a->city);
      add_part (parts, locality);
      add_part (parts, a->state);
      break;
    case CITY_REGION_POSTAL:
      region_postal = join_two (a->state, " ", a->postal);
      locality = join_two (a->city, ", ", region_postal);
      add_part (parts, locality);
      break;
    case SEPARATE:
      add_part (parts, a->city);
      add_part (parts, a->state);
      add_part (parts, a->postal);
      break;
    }
}

/**
 * kith_address_format_for_locale:
 *
 * Returns: (transfer full): @a in one line, its parts in the order of its country's letters
 */
char *
kith_address_format_for_locale (const KithRecordAddress *a)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const Country *country = find_country (a->country);

  if (country == NULL && (a->country == NULL || *a->country == '\0'))
    country = locale_country ();

  add_part (parts, a->street);
  add_locality (parts, a, country != NULL ? country->style : SEPARATE);
  add_part (parts, a->country);
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

/**
 * kith_address_dup_map_uri:
 *
 * Returns: (transfer full): a geo: URI of @a's position when known, else a search of the map of
 *   OpenStreetMap for it
 */
char *
kith_address_dup_map_uri (const KithRecordAddress *a)
{
  g_autofree char *line = NULL;
  g_autofree char *query = NULL;
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lng[G_ASCII_DTOSTR_BUF_SIZE];

  if (a->has_position)
    return g_strdup_printf ("geo:%s,%s", g_ascii_dtostr (lat, sizeof lat, a->lat),
                            g_ascii_dtostr (lng, sizeof lng, a->lng));

  line = kith_record_address_format (a);
  query = g_uri_escape_string (line, NULL, FALSE);
  return g_strconcat ("https://www.openstreetmap.org/search?query=", query, NULL);
}
