/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"

G_BEGIN_DECLS

/* What a CSV column holds: a member of the record (docs/json.md) or a part of one */
typedef enum {
  KITH_CSV_FIELD_IGNORE,
  KITH_CSV_FIELD_NAME,
  KITH_CSV_FIELD_FIRST,
  KITH_CSV_FIELD_MIDDLE,
  KITH_CSV_FIELD_LAST,
  KITH_CSV_FIELD_HEADLINE,
  KITH_CSV_FIELD_ROLE,
  KITH_CSV_FIELD_DEPARTMENT,
  KITH_CSV_FIELD_COMPANY,
  KITH_CSV_FIELD_BIRTHDAY,
  KITH_CSV_FIELD_SEGMENT,
  KITH_CSV_FIELD_STAGE,
  KITH_CSV_FIELD_STEP,
  KITH_CSV_FIELD_TAGS,
  KITH_CSV_FIELD_NOTES,
  KITH_CSV_FIELD_EMAILS,
  KITH_CSV_FIELD_PHONES,
  KITH_CSV_FIELD_URLS,
  KITH_CSV_FIELD_STREET,
  KITH_CSV_FIELD_CITY,
  KITH_CSV_FIELD_REGION,
  KITH_CSV_FIELD_POSTAL,
  KITH_CSV_FIELD_COUNTRY,
  KITH_CSV_FIELD_TWITTER,
  KITH_CSV_FIELD_FACEBOOK,
  KITH_CSV_FIELD_LINKEDIN,
  KITH_CSV_FIELD_LEAD_SOURCE,
  KITH_CSV_FIELD_PRIVATE,
  KITH_CSV_FIELD_DESCRIPTION,
  KITH_CSV_FIELD_DOMAINS,
  KITH_CSV_FIELD_SUMMARY,
  KITH_CSV_FIELD_VALUE,
  KITH_CSV_FIELD_CURRENCY,
  KITH_CSV_FIELD_START,
  KITH_CSV_FIELD_END,
  KITH_CSV_FIELD_PEOPLE,
  KITH_CSV_FIELD_APP_ID,
  KITH_CSV_FIELD_APP_UNIQUE_ID,
  KITH_CSV_FIELD_APP_NAME,
  KITH_CSV_FIELD_APP_URL,
  KITH_CSV_FIELD_CUSTOM,
  KITH_CSV_N_FIELDS
} KithCsvField;

const char   *kith_csv_field_get_name   (KithCsvField   field);
const char   *kith_csv_field_get_title  (KithCsvField   field);
gboolean      kith_csv_field_applies_to (KithCsvField   field,
                                         KithRecordKind kind);
gboolean      kith_csv_field_parse      (const char    *spec,
                                         KithCsvField  *out_field,
                                         char         **out_label,
                                         GError       **error);
char         *kith_csv_field_to_spec    (KithCsvField   field,
                                         const char    *label);

G_END_DECLS
