/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A CSV row becoming a record's typed values: each mapped cell adds to a field. List cells
 * (emails, phones, tags, people) hold several values split on `;` (and `,` where a value cannot
 * hold one, and Google's ` ::: `); the parts of one address, and of one app link, come from
 * several columns of a group. A cell Kith's export escaped against formula injection ('=1) is
 * read back without its quote.
 */

#define G_LOG_DOMAIN "KithCsv"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kith-csv-row.h"

struct _KithCsvRow
{
  KithRecordKind    kind;
  KithRecordValues *values;
  char             *middle;
  GHashTable       *addresses;    /* group → KithRecordAddress, owned by the values' list */
  GHashTable       *links;        /* group → KithRecordAppLink, owned by the values' list */
  GPtrArray        *link_groups;  /* the groups of the links, in their list's order */
  GHashTable       *link_columns; /* "group\npart" → header, for the reasons */
};

KithCsvRow *
kith_csv_row_new (KithRecordKind kind)
{
  KithCsvRow *row = g_new0 (KithCsvRow, 1);

  row->kind = kind;
  row->values = kith_record_values_new ();
  row->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  row->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  row->link_groups = g_ptr_array_new_with_free_func (g_free);
  row->link_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return row;
}

void
kith_csv_row_free (KithCsvRow *row)
{
  g_clear_pointer (&row->values, kith_record_values_free);
  g_free (row->middle);
  g_hash_table_unref (row->addresses);
  g_hash_table_unref (row->links);
  g_ptr_array_unref (row->link_groups);
  g_hash_table_unref (row->link_columns);
  g_free (row);
}

static char *
reason (const char *header,
        const char *value,
        const char *problem)
{
  g_autofree char *shown = g_utf8_strlen (value, -1) > 60 ? g_strconcat (g_utf8_substring (value, 0, 57), "…", NULL)
                                                          : g_strdup (value);

  /* Translators: a refused CSV cell: the column's header, its value, what is wrong with it */
  return g_strdup_printf (_("column “%s”: “%s” %s"), header, shown, problem);
}

/* The record's field a column of @field fills; address and app link parts, the middle name
 * and custom fields go elsewhere */
static KithField
record_field (KithCsvField field)
{
  static const KithField of[KITH_CSV_N_FIELDS] = {
    [KITH_CSV_FIELD_NAME] = KITH_FIELD_NAME, [KITH_CSV_FIELD_FIRST] = KITH_FIELD_FIRST,
    [KITH_CSV_FIELD_LAST] = KITH_FIELD_LAST, [KITH_CSV_FIELD_HEADLINE] = KITH_FIELD_HEADLINE,
    [KITH_CSV_FIELD_ROLE] = KITH_FIELD_ROLE, [KITH_CSV_FIELD_DEPARTMENT] = KITH_FIELD_DEPARTMENT,
    [KITH_CSV_FIELD_COMPANY] = KITH_FIELD_COMPANY, [KITH_CSV_FIELD_BIRTHDAY] = KITH_FIELD_BIRTHDAY,
    [KITH_CSV_FIELD_SEGMENT] = KITH_FIELD_SEGMENT, [KITH_CSV_FIELD_STAGE] = KITH_FIELD_STAGE,
    [KITH_CSV_FIELD_STEP] = KITH_FIELD_STEP, [KITH_CSV_FIELD_TAGS] = KITH_FIELD_KEYWORDS,
    [KITH_CSV_FIELD_NOTES] = KITH_FIELD_NOTES, [KITH_CSV_FIELD_EMAILS] = KITH_FIELD_EMAILS,
    [KITH_CSV_FIELD_PHONES] = KITH_FIELD_PHONES, [KITH_CSV_FIELD_URLS] = KITH_FIELD_URLS,
    [KITH_CSV_FIELD_TWITTER] = KITH_FIELD_TWITTER, [KITH_CSV_FIELD_FACEBOOK] = KITH_FIELD_FACEBOOK,
    [KITH_CSV_FIELD_LINKEDIN] = KITH_FIELD_LINKEDIN, [KITH_CSV_FIELD_LEAD_SOURCE] = KITH_FIELD_LEAD_SOURCE,
    [KITH_CSV_FIELD_PRIVATE] = KITH_FIELD_PRIVATE, [KITH_CSV_FIELD_DESCRIPTION] = KITH_FIELD_DESCRIPTION,
    [KITH_CSV_FIELD_DOMAINS] = KITH_FIELD_DOMAINS, [KITH_CSV_FIELD_SUMMARY] = KITH_FIELD_SUMMARY,
    [KITH_CSV_FIELD_VALUE] = KITH_FIELD_VALUE, [KITH_CSV_FIELD_CURRENCY] = KITH_FIELD_CURRENCY,
    [KITH_CSV_FIELD_START] = KITH_FIELD_START, [KITH_CSV_FIELD_END] = KITH_FIELD_END,
    [KITH_CSV_FIELD_PEOPLE] = KITH_FIELD_PARTICIPANTS,
  };

  g_assert (field < KITH_CSV_N_FIELDS && of[field] != KITH_FIELD_ID);
  return of[field];
}

/* work, home or mobile, from a preset's label or a file's label cell ("* Work", "Mobile") */
static const char *
channel_label (const char   *label,
               KithCsvField  field)
{
  g_autofree char *lower = label != NULL ? g_utf8_strdown (label, -1) : NULL;

  if (lower == NULL)
    return NULL;
  if (strstr (lower, "work") != NULL || strstr (lower, "business") != NULL)
    return "work";
  if (strstr (lower, "home") != NULL || strstr (lower, "personal") != NULL)
    return "home";
  if ((strstr (lower, "mobile") != NULL || strstr (lower, "cell") != NULL) && field == KITH_CSV_FIELD_PHONES)
    return "mobile";
  return NULL;
}

static GStrv
split_values (const char   *cell,
              KithCsvField  field)
{
  const gboolean commas = field != KITH_CSV_FIELD_PHONES && field != KITH_CSV_FIELD_URLS;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) text = g_string_new (cell);
  g_auto(GStrv) parts = NULL;

  g_string_replace (text, ":::", ";", 0);
  if (commas)
    g_string_replace (text, ",", ";", 0);
  parts = g_strsplit (text->str, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *v = g_strstrip (parts[i]);

      /* Google's own groups ("* myContacts", "* starred") are not the user's tags */
      if (v[0] != '\0' && !(field == KITH_CSV_FIELD_TAGS && g_str_has_prefix (v, "* ")))
        g_strv_builder_add (builder, v);
    }

  return g_strv_builder_end (builder);
}

static void
add_channels (KithCsvRow   *row,
              KithCsvField  field,
              const char   *label,
              const char   *cell)
{
  g_auto(GStrv) values = split_values (cell, field);
  GPtrArray *list = kith_record_values_list (row->values, record_field (field));
  const char *flag = field == KITH_CSV_FIELD_URLS ? NULL : channel_label (label, field);

  for (guint i = 0; values[i] != NULL; i++)
    g_ptr_array_add (list, kith_record_channel_new (values[i], flag, FALSE));
}

/* Tags and domains: added to those of the row's other columns */
static void
add_strings (KithCsvRow   *row,
             KithCsvField  field,
             const char   *cell)
{
  KithField f = record_field (field);
  g_auto(GStrv) values = split_values (cell, field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (row->values->fields[f].set)
    g_strv_builder_addv (builder, (const char **) row->values->fields[f].strv);
  g_strv_builder_addv (builder, (const char **) values);
  kith_record_values_take_strv (row->values, f, g_strv_builder_end (builder));
}

/* A deal's people: each names a record as typed (an email, a domain, a name), for the store
 * to find */
static void
add_people (KithCsvRow *row,
            const char *cell)
{
  g_auto(GStrv) values = split_values (cell, KITH_CSV_FIELD_PEOPLE);
  GPtrArray *list = kith_record_values_list (row->values, KITH_FIELD_PARTICIPANTS);

  for (guint i = 0; values[i] != NULL; i++)
    {
      KithRecordMember *m = g_new0 (KithRecordMember, 1);

      m->identifier = g_strdup (values[i]);
      g_ptr_array_add (list, m);
    }
}

/* The address of @group, in the record's list in the order the groups come */
static KithRecordAddress *
group_address (KithCsvRow *row,
               const char *group)
{
  KithRecordAddress *address = g_hash_table_lookup (row->addresses, group != NULL ? group : "");
  GPtrArray *list;

  if (address != NULL)
    return address;

  address = kith_record_address_new (NULL);
  list = kith_record_values_list (row->values, row->kind == KITH_RECORD_PROJECT ? KITH_FIELD_ADDRESS
                                                                              : KITH_FIELD_ADDRESSES);
  g_ptr_array_add (list, address);
  g_hash_table_insert (row->addresses, g_strdup (group != NULL ? group : ""), address);
  return address;
}

static void
add_address_part (KithCsvRow   *row,
                  KithCsvField  field,
                  const char   *label,
                  const char   *group,
                  const char   *cell)
{
  KithRecordAddress *address = group_address (row, group);
  const char *flag = channel_label (label, KITH_CSV_FIELD_EMAILS);
  char **part = field == KITH_CSV_FIELD_STREET ? &address->street
              : field == KITH_CSV_FIELD_CITY ? &address->city
              : field == KITH_CSV_FIELD_REGION ? &address->state
              : field == KITH_CSV_FIELD_POSTAL ? &address->postal
              : &address->country;

  g_free (*part);
  *part = g_strdup (cell);
  if (flag != NULL && row->kind != KITH_RECORD_PROJECT)
    {
      g_free (address->label);
      address->label = g_strdup (flag);
    }
}

/* The part of an app link a column of @field holds */
static char **
link_part (KithRecordAppLink *link,
           KithCsvField       field)
{
  switch (field)
    {
    case KITH_CSV_FIELD_APP_ID: return &link->source;
    case KITH_CSV_FIELD_APP_UNIQUE_ID: return &link->uniqueid;
    case KITH_CSV_FIELD_APP_NAME: return &link->label;
    default: return &link->url;
    }
}

static void
add_link_part (KithCsvRow   *row,
               KithCsvField  field,
               const char   *group,
               const char   *header,
               const char   *cell)
{
  static const char *members[] = { "source", "uniqueid", "label", "url" };
  const char *key = group != NULL ? group : "";
  KithRecordAppLink *link = g_hash_table_lookup (row->links, key);
  char **part;

  if (link == NULL)
    {
      link = g_new0 (KithRecordAppLink, 1);
      g_ptr_array_add (kith_record_values_list (row->values, KITH_FIELD_APP_LINKS), link);
      g_hash_table_insert (row->links, g_strdup (key), link);
      g_ptr_array_add (row->link_groups, g_strdup (key));
    }

  part = link_part (link, field);
  g_free (*part);
  *part = g_strdup (cell);
  g_hash_table_insert (row->link_columns, g_strconcat (key, "\n", members[field - KITH_CSV_FIELD_APP_ID], NULL),
                       g_strdup (header));
}

static void
add_custom (KithCsvRow *row,
            const char *key,
            const char *cell)
{
  KithRecordCustom *custom = kith_record_custom_new (key, NULL, NULL, FALSE);

  g_strfreev (custom->values);
  custom->values = g_strdupv ((char *[]) { (char *) cell, NULL });
  g_ptr_array_add (kith_record_values_list (row->values, KITH_FIELD_CUSTOM_FIELDS), custom);
}

/* Outlook writes birthdays as M/D/YYYY, and none as 0/0/00 */
static char *
birthday (const char *cell)
{
  unsigned month, day, year;
  char end;

  if (sscanf (cell, "%u/%u/%u%c", &month, &day, &year, &end) != 3)
    return g_strdup (cell);
  if (month == 0 || day == 0)
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* A LinkedIn profile's address → its id */
static char *
linkedin_id (const char *cell)
{
  const char *in = strstr (cell, "linkedin.com/in/");
  g_autofree char *id = g_strdup (in != NULL ? in + strlen ("linkedin.com/in/") : cell);
  char *slash = strchr (id, '/');

  if (slash != NULL)
    *slash = '\0';
  return g_steal_pointer (&id);
}

/* Takes @text for @field: the first column of a field wins, but notes add up */
static void
add_text (KithCsvRow *row,
          KithField   field,
          char       *text)
{
  const KithValue *value = &row->values->fields[field];
  g_autofree char *owned = text;

  if (text == NULL)
    return;
  if (field == KITH_FIELD_NOTES && value->set)
    {
      g_autofree char *both = g_strconcat (value->text, "\n\n", text, NULL);

      kith_record_values_set_text (row->values, field, both);
    }
  else if (!value->set)
    kith_record_values_set_text (row->values, field, text);
}

static void
set_scalar (KithCsvRow *row,
            KithField   field,
            double      number,
            gboolean    flag)
{
  KithValue *value = &row->values->fields[field];

  value->set = TRUE;
  if (field == KITH_FIELD_PRIVATE)
    value->flag = flag;
  else
    value->real = number;
}

static gboolean
add_scalar (KithCsvRow    *row,
            KithCsvField   field,
            const char    *header,
            const char    *cell,
            char         **out_reason)
{
  double number;

  switch (field)
    {
    case KITH_CSV_FIELD_VALUE:
      if (!kith_parse_number (cell, &number))
        {
          *out_reason = reason (header, cell, _("is not a number"));
          return FALSE;
        }
      set_scalar (row, KITH_FIELD_VALUE, number, FALSE);
      return TRUE;
    case KITH_CSV_FIELD_PRIVATE:
      if (g_strv_contains ((const char *[]) { "true", "yes", "1", "x", NULL }, cell))
        set_scalar (row, KITH_FIELD_PRIVATE, 0, TRUE);
      else if (!g_strv_contains ((const char *[]) { "false", "no", "0", NULL }, cell))
        {
          *out_reason = reason (header, cell, _("is neither true nor false"));
          return FALSE;
        }
      return TRUE;
    case KITH_CSV_FIELD_BIRTHDAY:
      add_text (row, KITH_FIELD_BIRTHDAY, birthday (cell));
      return TRUE;
    case KITH_CSV_FIELD_LINKEDIN:
      add_text (row, KITH_FIELD_LINKEDIN, linkedin_id (cell));
      return TRUE;
    case KITH_CSV_FIELD_MIDDLE:
      g_free (row->middle);
      row->middle = g_strdup (cell);
      return TRUE;
    default:
      add_text (row, record_field (field), g_strdup (cell));
      return TRUE;
    }
}

/* A cell Kith's export escaped against formula injection, as it was */
static char *
clean_cell (const char *cell)
{
  if (cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\r", cell[1]) != NULL)
    return g_strdup (cell + 1);

  return g_strstrip (g_strdup (cell));
}

/**
 * kith_csv_row_add:
 * @label: (nullable): the column's label (work, home, mobile) or custom field key
 * @group: (nullable): the address or app link the column is part of
 * @header: the column's header, for the reasons
 *
 * Returns: %FALSE with @out_reason set when @cell is not a value of @field
 */
gboolean
kith_csv_row_add (KithCsvRow    *row,
                  KithCsvField   field,
                  const char    *label,
                  const char    *group,
                  const char    *header,
                  const char    *cell,
                  char         **out_reason)
{
  g_autofree char *value = clean_cell (cell);

  if (value[0] == '\0')
    return TRUE;

  switch (field)
    {
    case KITH_CSV_FIELD_IGNORE:
      return TRUE;
    case KITH_CSV_FIELD_EMAILS:
    case KITH_CSV_FIELD_PHONES:
    case KITH_CSV_FIELD_URLS:
      add_channels (row, field, label, value);
      return TRUE;
    case KITH_CSV_FIELD_TAGS:
    case KITH_CSV_FIELD_DOMAINS:
      add_strings (row, field, value);
      return TRUE;
    case KITH_CSV_FIELD_PEOPLE:
      add_people (row, value);
      return TRUE;
    case KITH_CSV_FIELD_STREET:
    case KITH_CSV_FIELD_CITY:
    case KITH_CSV_FIELD_REGION:
    case KITH_CSV_FIELD_POSTAL:
    case KITH_CSV_FIELD_COUNTRY:
      add_address_part (row, field, label, group, value);
      return TRUE;
    case KITH_CSV_FIELD_APP_ID:
    case KITH_CSV_FIELD_APP_UNIQUE_ID:
    case KITH_CSV_FIELD_APP_NAME:
    case KITH_CSV_FIELD_APP_URL:
      add_link_part (row, field, group, header, value);
      return TRUE;
    case KITH_CSV_FIELD_CUSTOM:
      add_custom (row, label, value);
      return TRUE;
    default:
      return add_scalar (row, field, header, value, out_reason);
    }
}

/**
 * kith_csv_is_app_id:
 *
 * Returns: whether @text is an App ID: a domain, in lower case (salesforce.com)
 */
gboolean
kith_csv_is_app_id (const char *text)
{
  return g_regex_match_simple ("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,63}$",
                               text, 0, 0);
}

static const char *
link_header (KithCsvRow *row,
             const char *group,
             const char *member)
{
  g_autofree char *key = g_strconcat (group, "\n", member, NULL);
  const char *header = g_hash_table_lookup (row->link_columns, key);

  return header != NULL ? header : member;
}

static gboolean
finish_links (KithCsvRow  *row,
              char       **out_reason)
{
  for (guint i = 0; i < row->link_groups->len; i++)
    {
      const char *group = g_ptr_array_index (row->link_groups, i);
      const KithRecordAppLink *link = g_hash_table_lookup (row->links, group);

      if (link->source == NULL || link->uniqueid == NULL)
        {
          *out_reason = g_strdup_printf (_("an app link needs both its App ID and its App Unique ID (columns “%s” and “%s”)"),
                                         link_header (row, group, "source"), link_header (row, group, "uniqueid"));
          return FALSE;
        }
      if (!kith_csv_is_app_id (link->source))
        {
          *out_reason = reason (link_header (row, group, "source"), link->source,
                                _("is not an App ID: it must be a domain in lower case, such as salesforce.com"));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * kith_csv_row_finish:
 *
 * Returns: (transfer full) (nullable): the record (no field set when every mapped cell was
 *   empty), or %NULL with @out_reason set
 */
KithRecordValues *
kith_csv_row_finish (KithCsvRow  *row,
                     char       **out_reason)
{
  KithValue *address = &row->values->fields[KITH_FIELD_ADDRESS];

  if (!finish_links (row, out_reason))
    return NULL;

  /* A deal has one address: the first group's */
  if (address->set && address->list->len > 1)
    g_ptr_array_set_size (address->list, 1);

  if (row->middle != NULL)
    {
      const KithValue *first = &row->values->fields[KITH_FIELD_FIRST];
      g_autofree char *both = first->set ? g_strjoin (" ", first->text, row->middle, NULL) : g_strdup (row->middle);

      kith_record_values_set_text (row->values, KITH_FIELD_FIRST, both);
    }

  return g_steal_pointer (&row->values);
}
