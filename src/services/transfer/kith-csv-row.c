/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A CSV row becoming a record: each mapped cell adds to a member of docs/json.md. List cells
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
  KithRecordKind  kind;
  JsonObject     *record;
  char           *middle;
  GHashTable     *addresses;    /* group → JsonObject */
  GPtrArray      *address_order;
  GHashTable     *links;        /* group → JsonObject */
  GPtrArray      *link_order;
  GHashTable     *link_columns; /* "group\npart" → header, for the reasons */
};

KithCsvRow *
kith_csv_row_new (KithRecordKind kind)
{
  KithCsvRow *row = g_new0 (KithCsvRow, 1);

  row->kind = kind;
  row->record = json_object_new ();
  row->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  row->address_order = g_ptr_array_new ();
  row->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  row->link_order = g_ptr_array_new ();
  row->link_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return row;
}

void
kith_csv_row_free (KithCsvRow *row)
{
  g_clear_pointer (&row->record, json_object_unref);
  g_free (row->middle);
  g_hash_table_unref (row->addresses);
  g_ptr_array_unref (row->address_order);
  g_hash_table_unref (row->links);
  g_ptr_array_unref (row->link_order);
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

static const char *
member_of (KithCsvField field)
{
  switch (field)
    {
    case KITH_CSV_FIELD_TAGS: return "keywords";
    case KITH_CSV_FIELD_PEOPLE: return "participants";
    case KITH_CSV_FIELD_REGION: return "state";
    default: return kith_csv_field_get_name (field);
    }
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

static JsonArray *
ensure_array (JsonObject *obj,
              const char *member)
{
  if (!json_object_has_member (obj, member))
    json_object_set_array_member (obj, member, json_array_new ());
  return json_object_get_array_member (obj, member);
}

static void
add_channels (KithCsvRow   *row,
              KithCsvField  field,
              const char   *label,
              const char   *cell)
{
  g_auto(GStrv) values = split_values (cell, field);
  JsonArray *array = ensure_array (row->record, member_of (field));
  const char *flag = field == KITH_CSV_FIELD_URLS ? NULL : channel_label (label, field);

  for (guint i = 0; values[i] != NULL; i++)
    {
      JsonObject *channel = json_object_new ();

      json_object_set_string_member (channel, "value", values[i]);
      if (flag != NULL)
        json_object_set_boolean_member (channel, flag, TRUE);
      json_array_add_object_element (array, channel);
    }
}

static void
add_strings (KithCsvRow   *row,
             KithCsvField  field,
             const char   *cell)
{
  g_auto(GStrv) values = split_values (cell, field);
  JsonArray *array = ensure_array (row->record, member_of (field));

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
}

static JsonObject *
group_object (GHashTable *groups,
              GPtrArray  *order,
              const char *group)
{
  JsonObject *obj = g_hash_table_lookup (groups, group != NULL ? group : "");

  if (obj == NULL)
    {
      char *key = g_strdup (group != NULL ? group : "");

      obj = json_object_new ();
      g_hash_table_insert (groups, key, obj);
      g_ptr_array_add (order, key);
    }
  return obj;
}

static void
add_address_part (KithCsvRow   *row,
                  KithCsvField  field,
                  const char   *label,
                  const char   *group,
                  const char   *cell)
{
  JsonObject *address = group_object (row->addresses, row->address_order, group);
  const char *flag = channel_label (label, KITH_CSV_FIELD_EMAILS);

  json_object_set_string_member (address, member_of (field), cell);
  if (flag != NULL && row->kind != KITH_RECORD_PROJECT)
    json_object_set_boolean_member (address, flag, TRUE);
}

static void
add_link_part (KithCsvRow   *row,
               KithCsvField  field,
               const char   *group,
               const char   *header,
               const char   *cell)
{
  static const char *members[] = { "source", "uniqueid", "label", "url" };
  const char *member = members[field - KITH_CSV_FIELD_APP_ID];
  JsonObject *link = group_object (row->links, row->link_order, group);

  json_object_set_string_member (link, member, cell);
  g_hash_table_insert (row->link_columns, g_strconcat (group != NULL ? group : "", "\n", member, NULL),
                       g_strdup (header));
}

static void
add_custom (KithCsvRow *row,
            const char *key,
            const char *cell)
{
  JsonObject *custom = json_object_new ();

  json_object_set_string_member (custom, "id", key);
  json_object_set_string_member (custom, "value", cell);
  json_array_add_object_element (ensure_array (row->record, "customFields"), custom);
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

static gboolean
add_scalar (KithCsvRow    *row,
            KithCsvField   field,
            const char    *header,
            const char    *cell,
            char         **out_reason)
{
  g_autofree char *text = NULL;
  const char *member = member_of (field);
  double number;

  switch (field)
    {
    case KITH_CSV_FIELD_VALUE:
      if (!kith_parse_number (cell, &number))
        {
          *out_reason = reason (header, cell, _("is not a number"));
          return FALSE;
        }
      json_object_set_double_member (row->record, member, number);
      return TRUE;
    case KITH_CSV_FIELD_PRIVATE:
      if (g_strv_contains ((const char *[]) { "true", "yes", "1", "x", NULL }, cell))
        json_object_set_boolean_member (row->record, member, TRUE);
      else if (!g_strv_contains ((const char *[]) { "false", "no", "0", NULL }, cell))
        {
          *out_reason = reason (header, cell, _("is neither true nor false"));
          return FALSE;
        }
      return TRUE;
    case KITH_CSV_FIELD_BIRTHDAY:
      text = birthday (cell);
      break;
    case KITH_CSV_FIELD_LINKEDIN:
      text = linkedin_id (cell);
      break;
    case KITH_CSV_FIELD_MIDDLE:
      g_free (row->middle);
      row->middle = g_strdup (cell);
      return TRUE;
    default:
      text = g_strdup (cell);
    }

  if (text == NULL)
    return TRUE;
  if (field == KITH_CSV_FIELD_NOTES && json_object_has_member (row->record, member))
    {
      g_autofree char *both = g_strconcat (json_object_get_string_member (row->record, member), "\n\n", text, NULL);

      json_object_set_string_member (row->record, member, both);
    }
  else if (!json_object_has_member (row->record, member))
    json_object_set_string_member (row->record, member, text);

  return TRUE;
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
    case KITH_CSV_FIELD_PEOPLE:
      add_strings (row, field, value);
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
  JsonArray *links = NULL;

  for (guint i = 0; i < row->link_order->len; i++)
    {
      const char *group = g_ptr_array_index (row->link_order, i);
      JsonObject *link = g_hash_table_lookup (row->links, group);
      const char *source = json_object_get_string_member_with_default (link, "source", NULL);

      if (source == NULL || !json_object_has_member (link, "uniqueid"))
        {
          *out_reason = g_strdup_printf (_("an app link needs both its App ID and its App Unique ID (columns “%s” and “%s”)"),
                                         link_header (row, group, "source"), link_header (row, group, "uniqueid"));
          return FALSE;
        }
      if (!kith_csv_is_app_id (source))
        {
          *out_reason = reason (link_header (row, group, "source"), source,
                                _("is not an App ID: it must be a domain in lower case, such as salesforce.com"));
          return FALSE;
        }
      if (links == NULL)
        links = ensure_array (row->record, "appLinks");
      json_array_add_object_element (links, json_object_ref (link));
    }

  return TRUE;
}

static void
finish_addresses (KithCsvRow *row)
{
  for (guint i = 0; i < row->address_order->len; i++)
    {
      JsonObject *address = g_hash_table_lookup (row->addresses, g_ptr_array_index (row->address_order, i));

      if (row->kind == KITH_RECORD_PROJECT)
        {
          json_object_set_object_member (row->record, "address", json_object_ref (address));
          return;
        }
      json_array_add_object_element (ensure_array (row->record, "addresses"), json_object_ref (address));
    }
}

/**
 * kith_csv_row_finish:
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @out_reason set
 */
JsonObject *
kith_csv_row_finish (KithCsvRow  *row,
                     char       **out_reason)
{
  if (!finish_links (row, out_reason))
    return NULL;
  finish_addresses (row);

  if (row->middle != NULL)
    {
      const char *first = json_object_get_string_member_with_default (row->record, "first", NULL);
      g_autofree char *both = first != NULL ? g_strjoin (" ", first, row->middle, NULL) : g_strdup (row->middle);

      json_object_set_string_member (row->record, "first", both);
    }

  return g_steal_pointer (&row->record);
}
