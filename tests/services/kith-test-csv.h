/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Made-up people in the CSV export of Google Contacts, for tests/services/test-csv.c and
 * bench/import-csv.c: no real person's data is checked in */

#include <glib.h>

static const char *const kith_test_firsts[] = {
  "Ann", "Bob", "Chloé", "Dev", "Eun-ji", "Farid", "Greta", "Hiro", "Ines", "Jonas",
  "Kofi", "Lena", "Mateo", "Noor", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tao"
};
static const char *const kith_test_lasts[] = {
  "Lee", "Stone", "Dupont", "Patel", "Kim", "Haddad", "Berg", "Sato", "Moreno", "Weber",
  "Mensah", "Novak", "Rossi", "Khan", "Adeyemi", "Iyer", "Walsh", "Silva", "Lund", "Chen"
};
static const char *const kith_test_companies[] = {
  "Acme", "Globex", "Initech", "Umbrella Labs", "Hooli", "Vandelay Industries"
};
static const char *const kith_test_cities[] = { "Paris", "Lagos", "Osaka", "Lima", "Oslo", "Toronto" };

#define FIRST(i) kith_test_firsts[(i) % G_N_ELEMENTS (kith_test_firsts)]
#define LAST(i) kith_test_lasts[((i) / G_N_ELEMENTS (kith_test_firsts)) % G_N_ELEMENTS (kith_test_lasts)]
#define COMPANY(i) kith_test_companies[(i) % G_N_ELEMENTS (kith_test_companies)]
#define CITY(i) kith_test_cities[(i) % G_N_ELEMENTS (kith_test_cities)]

static inline char *
kith_test_google_csv (guint n)
{
  GString *csv = g_string_new ("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
                               "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
                               "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
                               "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
                               "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
                               "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
                               "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
                               "Website 1 - Label,Website 1 - Value\r\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv,
                            "%s,%s,%s,,,,,,,,%s,%s,Sales,1980-%02u-%02u,\"Met at \"\"Expo\"\", %u\nFollow up\",,"
                            "%s,* Work,%s.%s.%u@example.com,Home,%s%u@home.example.org,Mobile,+1 415 555 %04u,"
                            "Home,\"%u Main St\n%s\",%u Main St,%s,,,750%02u,France,,Profile,https://example.com/%u\r\n",
                            FIRST (i), i % 3 == 0 ? "Q" : "", LAST (i), COMPANY (i),
                            i % 2 ? "CEO" : "Engineer", i % 12 + 1, i % 28 + 1, i,
                            i % 2 ? "* myContacts ::: Friends" : "* myContacts", FIRST (i), LAST (i), i, LAST (i), i, i,
                            i, CITY (i), i, CITY (i), i % 100, i);

  return g_string_free (csv, FALSE);
}

