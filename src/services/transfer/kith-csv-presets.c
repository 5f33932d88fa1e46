/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The mappings Kith knows by the headers of a file: the CSV exports of Google Contacts, Outlook,
 * LinkedIn Connections and Kith itself. A header's first number is its column's group ("E-mail 2
 * - Value" is the second email, "Address 1 - City" the first address's city), and a preset may
 * read a value's label from a sibling column ("E-mail 2 - Label").
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-presets.h"

typedef struct {
  const char *header;        /* "#" stands for the column's number */
  const char *spec;          /* kith_csv_field_parse () */
  const char *label_header;  /* the column labelling it on each row, or NULL */
} Rule;

#define END { NULL, NULL, NULL }

static const Rule google[] = {
  { "Name", "name", NULL },
  { "First Name", "first", NULL },
  { "Given Name", "first", NULL },
  { "Middle Name", "middle", NULL },
  { "Additional Name", "middle", NULL },
  { "Last Name", "last", NULL },
  { "Family Name", "last", NULL },
  { "Organization Name", "company", NULL },
  { "Organization Title", "headline", NULL },
  { "Organization Department", "department", NULL },
  { "Organization # - Name", "company", NULL },
  { "Organization # - Title", "headline", NULL },
  { "Organization # - Department", "department", NULL },
  { "Birthday", "birthday", NULL },
  { "Notes", "notes", NULL },
  { "Labels", "tags", NULL },
  { "Group Membership", "tags", NULL },
  { "E-mail # - Value", "emails", "E-mail # - Label" },
  { "E-mail # - Value", "emails", "E-mail # - Type" },
  { "Phone # - Value", "phones", "Phone # - Label" },
  { "Phone # - Value", "phones", "Phone # - Type" },
  { "Address # - Street", "street", "Address # - Label" },
  { "Address # - City", "city", "Address # - Label" },
  { "Address # - Region", "state", "Address # - Label" },
  { "Address # - Postal Code", "postal", "Address # - Label" },
  { "Address # - Country", "country", "Address # - Label" },
  { "Address # - Street", "street", "Address # - Type" },
  { "Address # - City", "city", "Address # - Type" },
  { "Address # - Region", "state", "Address # - Type" },
  { "Address # - Postal Code", "postal", "Address # - Type" },
  { "Address # - Country", "country", "Address # - Type" },
  { "Website # - Value", "urls", NULL },
  END
};

static const Rule outlook[] = {
  { "Title", "ignore", NULL },   /* Mr, Dr: not a job title */
  { "First Name", "first", NULL },
  { "Middle Name", "middle", NULL },
  { "Last Name", "last", NULL },
  { "E-mail Address", "emails", NULL },
  { "E-mail # Address", "emails", NULL },
  { "Home Phone", "phones:home", NULL },
  { "Home Phone #", "phones:home", NULL },
  { "Business Phone", "phones:work", NULL },
  { "Business Phone #", "phones:work", NULL },
  { "Mobile Phone", "phones:mobile", NULL },
  { "Other Phone", "phones", NULL },
  { "Primary Phone", "phones", NULL },
  { "Job Title", "headline", NULL },
  { "Department", "department", NULL },
  { "Company", "company", NULL },
  { "Business Street", "street:work", NULL },
  { "Business City", "city:work", NULL },
  { "Business State", "state:work", NULL },
  { "Business Postal Code", "postal:work", NULL },
  { "Business Country/Region", "country:work", NULL },
  { "Home Street", "street:home", NULL },
  { "Home City", "city:home", NULL },
  { "Home State", "state:home", NULL },
  { "Home Postal Code", "postal:home", NULL },
  { "Home Country/Region", "country:home", NULL },
  { "Other Street", "street:other", NULL },
  { "Other City", "city:other", NULL },
  { "Other State", "state:other", NULL },
  { "Other Postal Code", "postal:other", NULL },
  { "Other Country/Region", "country:other", NULL },
  { "Web Page", "urls", NULL },
  { "Personal Web Page", "urls", NULL },
  { "Birthday", "birthday", NULL },
  { "Notes", "notes", NULL },
  { "Categories", "tags", NULL },
  END
};

static const Rule linkedin[] = {
  { "First Name", "first", NULL },
  { "Last Name", "last", NULL },
  { "URL", "linkedin", NULL },
  { "Email Address", "emails", NULL },
  { "Company", "company", NULL },
  { "Position", "headline", NULL },
  { "Connected On", "ignore", NULL },
  END
};

/* Headers any file may have, for the columns a preset does not know */
static const Rule generic[] = {
  { "Full Name", "name", NULL },
  { "First Name", "first", NULL },
  { "Last Name", "last", NULL },
  { "Email", "emails", NULL },
  { "E-mail", "emails", NULL },
  { "Email Address", "emails", NULL },
  { "Phone", "phones", NULL },
  { "Mobile", "phones:mobile", NULL },
  { "Company", "company", NULL },
  { "Organization", "company", NULL },
  { "Title", "headline", NULL },
  { "Job Title", "headline", NULL },
  { "Website", "urls", NULL },
  { "Tags", "tags", NULL },
  END
};

static const struct {
  const char *name;
  const char *title;
  const Rule *rules;    /* NULL: the headers are field names (Kith's export) */
} presets[] = {
  { "google", N_("Google Contacts"), google },
  { "outlook", N_("Outlook"), outlook },
  { "linkedin", N_("LinkedIn Connections"), linkedin },
  { "kith", N_("Kith"), NULL },
  { "generic", N_("Other"), generic },
};

/**
 * kith_csv_presets_list:
 *
 * Returns: (transfer none): the presets' names, %NULL-terminated
 */
const char * const *
kith_csv_presets_list (void)
{
  static const char *const names[] = { "google", "outlook", "linkedin", "kith", "generic", NULL };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (presets) + 1);
  return names;
}

static int
find_preset (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (presets[i].name, name) == 0)
      return i;
  return -1;
}

/**
 * kith_csv_preset_title:
 *
 * Returns: (transfer none) (nullable): the preset's name for the user, or %NULL when there is none
 */
const char *
kith_csv_preset_title (const char *preset)
{
  int i = find_preset (preset);

  return i < 0 ? NULL : _(presets[i].title);
}

/* "E-mail 2 - Value" → "E-mail # - Value" and "2" */
static char *
generalize (const char  *header,
            char       **out_number)
{
  const char *d = header;
  const char *end;

  while (*d != '\0' && !g_ascii_isdigit (*d))
    d++;
  if (*d == '\0')
    {
      *out_number = NULL;
      return g_strdup (header);
    }
  for (end = d; g_ascii_isdigit (*end); end++)
    ;
  *out_number = g_strndup (d, end - d);

  return g_strdup_printf ("%.*s#%s", (int) (d - header), header, end);
}

static int
find_header (const char * const *headers,
             const char         *pattern,
             const char         *number)
{
  g_autoptr(GString) wanted = g_string_new (pattern);

  g_string_replace (wanted, "#", number != NULL ? number : "", 1);
  for (guint i = 0; headers[i] != NULL; i++)
    if (g_ascii_strcasecmp (headers[i], wanted->str) == 0)
      return i;
  return -1;
}

static gboolean
rule_column (const Rule          *rules,
             const char * const  *headers,
             guint                column,
             KithCsvColumnRule   *out_rule)
{
  g_autofree char *number = NULL;
  g_autofree char *general = generalize (headers[column], &number);

  for (const Rule *r = rules; r->header != NULL; r++)
    {
      const char *pattern = strchr (r->header, '#') != NULL ? general : headers[column];
      int label_column = -1;

      if (g_ascii_strcasecmp (r->header, pattern) != 0)
        continue;
      if (r->label_header != NULL && (label_column = find_header (headers, r->label_header, number)) < 0)
        continue;
      if (!kith_csv_field_parse (r->spec, &out_rule->field, &out_rule->label, NULL))
        g_assert_not_reached ();
      out_rule->group = g_strdup (number != NULL && strchr (r->header, '#') != NULL ? number : out_rule->label);
      out_rule->label_column = label_column;
      return TRUE;
    }

  return FALSE;
}

static gboolean
kith_column (const char        *header,
             gboolean           exact,
             KithCsvColumnRule *out_rule)
{
  g_autofree char *spec = NULL;

  if (!kith_csv_field_parse (header, &out_rule->field, &out_rule->label, NULL))
    return FALSE;
  spec = kith_csv_field_to_spec (out_rule->field, out_rule->label);
  if (exact && strcmp (spec, header) != 0)
    {
      g_clear_pointer (&out_rule->label, g_free);
      return FALSE;
    }
  out_rule->group = g_strdup (out_rule->label);
  out_rule->label_column = -1;

  return TRUE;
}

/**
 * kith_csv_preset_column:
 * @out_rule: (out caller-allocates): how @preset reads the column; free its strings
 *
 * Returns: whether @preset knows the column's header: its own, a common one ("Email"), a
 *   field's name, or one of App Links' columns
 */
gboolean
kith_csv_preset_column (const char          *preset,
                        const char * const  *headers,
                        guint                column,
                        KithCsvColumnRule   *out_rule)
{
  int i = find_preset (preset);

  g_return_val_if_fail (i >= 0, FALSE);

  *out_rule = (KithCsvColumnRule) { KITH_CSV_FIELD_IGNORE, NULL, NULL, -1 };
  if (presets[i].rules != NULL && rule_column (presets[i].rules, headers, column, out_rule))
    return TRUE;
  if (rule_column (generic, headers, column, out_rule))
    return TRUE;

  return kith_column (headers[column], FALSE, out_rule);
}

static guint
score (guint               preset,
       const char * const *headers)
{
  guint n = 0;

  for (guint c = 0; headers[c] != NULL; c++)
    {
      KithCsvColumnRule rule = { 0, NULL, NULL, -1 };
      gboolean known;

      if (presets[preset].rules != NULL)
        known = rule_column (presets[preset].rules, headers, c, &rule);
      else
        known = kith_column (headers[c], TRUE, &rule);
      n += known;
      g_free (rule.label);
      g_free (rule.group);
    }

  return n;
}

/**
 * kith_csv_preset_detect:
 *
 * Returns: (transfer none): the preset that knows most of @headers ("generic" when none does)
 */
const char *
kith_csv_preset_detect (const char * const *headers)
{
  guint best = G_N_ELEMENTS (presets) - 1;
  guint best_score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (presets) - 1; i++)
    {
      guint s = score (i, headers);

      if (s > best_score)
        {
          best = i;
          best_score = s;
        }
    }

  return presets[best].name;
}
