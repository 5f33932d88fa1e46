/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The fields a CSV column can hold, and their names in mapping files, in `kith-cli export
 * --field` and as the headers of Kith's own CSV export: the members of docs/json.md, with an
 * optional label after a colon (`emails:work`, `street:home`) and custom fields as `#key`.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-field.h"

#define P  (1 << KITH_RECORD_PERSON)
#define C  (1 << KITH_RECORD_COMPANY)
#define PR (1 << KITH_RECORD_PROJECT)
#define ALL (P | C | PR)

static const struct {
  const char *name;
  const char *title;
  guint       kinds;
} fields[] = {
  [KITH_CSV_FIELD_IGNORE] = { "ignore", N_("Not imported"), ALL },
  [KITH_CSV_FIELD_NAME] = { "name", N_("Name"), ALL },
  [KITH_CSV_FIELD_FIRST] = { "first", N_("First name"), P },
  [KITH_CSV_FIELD_MIDDLE] = { "middle", N_("Middle name"), P },
  [KITH_CSV_FIELD_LAST] = { "last", N_("Last name"), P },
  [KITH_CSV_FIELD_HEADLINE] = { "headline", N_("Headline or job title"), P },
  [KITH_CSV_FIELD_ROLE] = { "role", N_("Role"), P },
  [KITH_CSV_FIELD_DEPARTMENT] = { "department", N_("Department"), P },
  [KITH_CSV_FIELD_COMPANY] = { "company", N_("Company"), P },
  [KITH_CSV_FIELD_BIRTHDAY] = { "birthday", N_("Birthday"), P },
  [KITH_CSV_FIELD_SEGMENT] = { "segment", N_("Segment"), ALL },
  [KITH_CSV_FIELD_STAGE] = { "stage", N_("Stage"), ALL },
  [KITH_CSV_FIELD_STEP] = { "step", N_("Step"), ALL },
  [KITH_CSV_FIELD_TAGS] = { "tags", N_("Tags"), ALL },
  [KITH_CSV_FIELD_NOTES] = { "notes", N_("Notes"), ALL },
  [KITH_CSV_FIELD_EMAILS] = { "emails", N_("Email"), P | C },
  [KITH_CSV_FIELD_PHONES] = { "phones", N_("Phone"), ALL },
  [KITH_CSV_FIELD_URLS] = { "urls", N_("Website"), ALL },
  [KITH_CSV_FIELD_STREET] = { "street", N_("Street"), ALL },
  [KITH_CSV_FIELD_CITY] = { "city", N_("City"), ALL },
  [KITH_CSV_FIELD_REGION] = { "state", N_("State or region"), ALL },
  [KITH_CSV_FIELD_POSTAL] = { "postal", N_("Postal code"), ALL },
  [KITH_CSV_FIELD_COUNTRY] = { "country", N_("Country"), ALL },
  [KITH_CSV_FIELD_TWITTER] = { "twitter", N_("Twitter"), ALL },
  [KITH_CSV_FIELD_FACEBOOK] = { "facebook", N_("Facebook"), ALL },
  [KITH_CSV_FIELD_LINKEDIN] = { "linkedin", N_("LinkedIn"), ALL },
  [KITH_CSV_FIELD_LEAD_SOURCE] = { "leadSource", N_("Lead source"), ALL },
  [KITH_CSV_FIELD_PRIVATE] = { "private", N_("Private"), ALL },
  [KITH_CSV_FIELD_DESCRIPTION] = { "description", N_("Description"), C },
  [KITH_CSV_FIELD_DOMAINS] = { "domains", N_("Domains"), C },
  [KITH_CSV_FIELD_SUMMARY] = { "summary", N_("Summary"), PR },
  [KITH_CSV_FIELD_VALUE] = { "value", N_("Value"), PR },
  [KITH_CSV_FIELD_CURRENCY] = { "currency", N_("Currency"), PR },
  [KITH_CSV_FIELD_START] = { "start", N_("Start"), PR },
  [KITH_CSV_FIELD_END] = { "end", N_("End"), PR },
  [KITH_CSV_FIELD_PEOPLE] = { "people", N_("People"), PR },
  [KITH_CSV_FIELD_APP_ID] = { "App ID", N_("App ID"), ALL },
  [KITH_CSV_FIELD_APP_UNIQUE_ID] = { "App Unique ID", N_("App Unique ID"), ALL },
  [KITH_CSV_FIELD_APP_NAME] = { "App Name", N_("App Name"), ALL },
  [KITH_CSV_FIELD_APP_URL] = { "App Content URL", N_("App Content URL"), ALL },
  [KITH_CSV_FIELD_CUSTOM] = { "#", N_("Custom field"), ALL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == KITH_CSV_N_FIELDS);

/**
 * kith_csv_field_get_name:
 *
 * Returns: (transfer none): @field's name in mapping files and Kith's CSV headers
 */
const char *
kith_csv_field_get_name (KithCsvField field)
{
  g_return_val_if_fail (field < KITH_CSV_N_FIELDS, NULL);

  return fields[field].name;
}

/**
 * kith_csv_field_get_title:
 *
 * Returns: (transfer none): @field's name for the user, translated
 */
const char *
kith_csv_field_get_title (KithCsvField field)
{
  g_return_val_if_fail (field < KITH_CSV_N_FIELDS, NULL);

  return _(fields[field].title);
}

gboolean
kith_csv_field_applies_to (KithCsvField   field,
                           KithRecordKind kind)
{
  g_return_val_if_fail (field < KITH_CSV_N_FIELDS, FALSE);

  return kind < KITH_RECORD_KIND_INVALID && (fields[field].kinds & (1 << kind)) != 0;
}

/**
 * kith_csv_field_parse:
 * @spec: `name`, `name:label` or `#key`
 * @out_label: (out) (transfer full) (optional): the label, the custom field's key, or %NULL
 *
 * Returns: %FALSE with @error set when @spec names no field
 */
gboolean
kith_csv_field_parse (const char    *spec,
                      KithCsvField  *out_field,
                      char         **out_label,
                      GError       **error)
{
  g_autofree char *name = NULL;
  const char *colon;
  const char *label = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec[0] == '#' && spec[1] != '\0')
    {
      *out_field = KITH_CSV_FIELD_CUSTOM;
      if (out_label != NULL)
        *out_label = g_strdup (spec + 1);
      return TRUE;
    }

  colon = strchr (spec, ':');
  name = colon != NULL ? g_strndup (spec, colon - spec) : g_strdup (spec);
  if (colon != NULL && colon[1] != '\0')
    label = colon + 1;
  for (KithCsvField f = 0; f < KITH_CSV_FIELD_CUSTOM; f++)
    if (g_ascii_strcasecmp (fields[f].name, g_strstrip (name)) == 0)
      {
        *out_field = f;
        if (out_label != NULL)
          *out_label = g_strdup (label);
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not a field a CSV column can hold"), spec);
  return FALSE;
}

/**
 * kith_csv_field_to_spec:
 *
 * Returns: (transfer full): what kith_csv_field_parse () reads back as @field and @label
 */
char *
kith_csv_field_to_spec (KithCsvField  field,
                        const char   *label)
{
  g_return_val_if_fail (field < KITH_CSV_N_FIELDS, NULL);

  if (field == KITH_CSV_FIELD_CUSTOM)
    return g_strconcat ("#", label, NULL);
  if (label != NULL && label[0] != '\0')
    return g_strconcat (fields[field].name, ":", label, NULL);

  return g_strdup (fields[field].name);
}
