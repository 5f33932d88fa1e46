/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Exporting records as CSV: UTF-8, RFC 4180 (every cell quoted by libcsv, rows ending in CRLF),
 * one column per field, headed by the field's name so that Kith reads its own export back with
 * the "kith" preset. A list (emails, tags) is one cell, its values joined by "; "; emails, phones
 * and addresses have a column per label (`emails:work`, `emails:home`, `emails`).
 *
 * A cell starting with = + - @, tab or CR would be a formula to a spreadsheet that opens the
 * file; such a cell is written with a ' before it, which spreadsheets show as text and which
 * Kith's import takes off again.
 */

#define G_LOG_DOMAIN "KithCsv"

#include "config.h"

#include <csv.h>
#include <glib/gi18n.h>

#include "kith-csv-export.h"
#include "kith-csv-field.h"

/* Bytes of rows gathered before a write */
#define FLUSH_AT (64 * 1024)

/* What people and companies share: a column per label for emails, phones and addresses */
#define CONTACT_FIELDS \
  "emails:work", "emails:home", "emails", "phones:mobile", "phones:work", "phones:home", "phones", "urls", \
  "street:work", "city:work", "state:work", "postal:work", "country:work", \
  "street:home", "city:home", "state:home", "postal:home", "country:home", \
  "street", "city", "state", "postal", "country", \
  "twitter", "facebook", "linkedin", "leadSource", "private", \
  "App ID", "App Unique ID", "App Name", "App Content URL", NULL

static const char *person_fields[] = {
  "name", "first", "last", "headline", "role", "department", "company", "birthday",
  "segment", "stage", "step", "tags", "notes",
  CONTACT_FIELDS
};

static const char *company_fields[] = {
  "name", "description", "domains", "segment", "stage", "step", "tags", "notes",
  CONTACT_FIELDS
};

static const char *project_fields[] = {
  "name", "segment", "stage", "step", "value", "currency", "start", "end", "summary", "people",
  "tags", "notes", "phones", "urls", "street", "city", "state", "postal", "country", "leadSource", "private",
  "App ID", "App Unique ID", "App Name", "App Content URL", NULL
};

/* g_strv_builder_take () is of GLib 2.80 */
static void
take_string (GStrvBuilder *builder,
             char         *text)
{
  if (text != NULL)
    g_strv_builder_add (builder, text);
  g_free (text);
}

/**
 * kith_csv_export_default_fields:
 *
 * Returns: (transfer full) (nullable): every column an export of @kind has: its fields, then
 *   its custom fields (`#key`)
 */
GStrv
kith_csv_export_default_fields (KithStore       *store,
                                KithRecordKind   kind,
                                GError         **error)
{
  const char **fields[] = { person_fields, company_fields, project_fields };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GListModel) custom = NULL;

  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, NULL);

  if ((custom = kith_fields_list (store, kind, error)) == NULL)
    return NULL;
  g_strv_builder_addv (builder, fields[kind]);
  for (guint i = 0; i < g_list_model_get_n_items (custom); i++)
    {
      g_autoptr(KithFieldDefinition) field = g_list_model_get_item (custom, i);

      take_string (builder, g_strconcat ("#", kith_field_definition_get_key (field), NULL));
    }

  return g_strv_builder_end (builder);
}

/**
 * kith_csv_escape_formula:
 *
 * Returns: (transfer full): @cell, with a ' before it when a spreadsheet would take it for a
 *   formula
 */
char *
kith_csv_escape_formula (const char *cell)
{
  if (cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL)
    return g_strconcat ("'", cell, NULL);

  return g_strdup (cell);
}

static void
append_cell (GString    *line,
             const char *cell)
{
  g_autofree char *escaped = kith_csv_escape_formula (cell);
  gsize len = strlen (escaped);
  gsize size = csv_write (NULL, 0, escaped, len);
  gsize at = line->len;

  g_string_set_size (line, at + size);
  csv_write (line->str + at, size, escaped, len);
}

static char *
node_text (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
      JsonArray *array = json_node_get_array (node);
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        take_string (values, node_text (json_array_get_element (array, i)));
      strv = g_strv_builder_end (values);
      return g_strjoinv ("; ", strv);
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  return g_strdup (json_node_get_string (node));
}

static gboolean
has_label (JsonObject *obj,
           const char *label)
{
  if (label != NULL)
    return json_object_get_boolean_member_with_default (obj, label, FALSE);

  return !json_object_get_boolean_member_with_default (obj, "work", FALSE) &&
         !json_object_get_boolean_member_with_default (obj, "home", FALSE) &&
         !json_object_get_boolean_member_with_default (obj, "mobile", FALSE);
}

static char *
channels_text (JsonObject *record,
               const char *member,
               const char *label)
{
  JsonArray *array = json_object_get_array_member (record, member);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *channel = json_array_get_object_element (array, i);

      if (has_label (channel, label))
        g_strv_builder_add (values, json_object_get_string_member (channel, "value"));
    }
  strv = g_strv_builder_end (values);

  return g_strjoinv ("; ", strv);
}

static JsonObject *
find_address (JsonObject *record,
              const char *label)
{
  JsonArray *array;

  if (json_object_has_member (record, "address"))
    return label == NULL ? json_object_get_object_member (record, "address") : NULL;
  array = json_object_has_member (record, "addresses") ? json_object_get_array_member (record, "addresses") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (has_label (json_array_get_object_element (array, i), label))
      return json_array_get_object_element (array, i);

  return NULL;
}

/* An identifier another store knows the record by too (docs/json.md): its first email, domain or
 * app link; its sync key only when it has none of them */
static char *
portable_identifier (KithStore *store,
                     gint64     id)
{
  g_autoptr(JsonObject) record = kith_store_get_record (store, id, NULL);
  JsonArray *array;

  if (record == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  if ((array = json_object_get_array_member (record, "emails")) != NULL && json_array_get_length (array) > 0)
    return g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "value"));
  if (json_object_has_member (record, "domains") &&
      json_array_get_length (array = json_object_get_array_member (record, "domains")) > 0)
    return g_strdup (json_array_get_string_element (array, 0));
  if ((array = json_object_get_array_member (record, "appLinks")) != NULL && json_array_get_length (array) > 0)
    {
      JsonObject *link = json_array_get_object_element (array, 0);

      return g_strconcat (json_object_get_string_member (link, "source"), ":",
                          json_object_get_string_member (link, "uniqueid"), NULL);
    }

  return g_strdup (json_object_get_string_member (record, "syncKey"));
}

static char *
people_text (KithStore  *store,
             JsonObject *record)
{
  JsonArray *array = json_object_get_array_member (record, "participants");
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    take_string (values, portable_identifier (store, json_object_get_int_member (json_array_get_object_element (array, i), "id")));
  strv = g_strv_builder_end (values);

  return g_strjoinv ("; ", strv);
}

static char *
custom_text (JsonObject *record,
             const char *key)
{
  JsonArray *array = json_object_get_array_member (record, "customFields");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *custom = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (custom, "id"), key) == 0)
        return node_text (json_object_get_member (custom, "value"));
    }

  return NULL;
}

static char *
link_text (JsonObject   *record,
           KithCsvField  field)
{
  static const char *members[] = { "source", "uniqueid", "label", "url" };
  JsonArray *array = json_object_get_array_member (record, "appLinks");

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;

  return node_text (json_object_get_member (json_array_get_object_element (array, 0),
                                            members[field - KITH_CSV_FIELD_APP_ID]));
}

static char *
cell_text (KithStore    *store,
           JsonObject   *record,
           KithCsvField  field,
           const char   *label)
{
  JsonObject *address;

  switch (field)
    {
    case KITH_CSV_FIELD_EMAILS:
    case KITH_CSV_FIELD_PHONES:
    case KITH_CSV_FIELD_URLS:
      return channels_text (record, kith_csv_field_get_name (field), label);
    case KITH_CSV_FIELD_STREET:
    case KITH_CSV_FIELD_CITY:
    case KITH_CSV_FIELD_REGION:
    case KITH_CSV_FIELD_POSTAL:
    case KITH_CSV_FIELD_COUNTRY:
      address = find_address (record, label);
      return address != NULL ? node_text (json_object_get_member (address, kith_csv_field_get_name (field))) : NULL;
    case KITH_CSV_FIELD_APP_ID:
    case KITH_CSV_FIELD_APP_UNIQUE_ID:
    case KITH_CSV_FIELD_APP_NAME:
    case KITH_CSV_FIELD_APP_URL:
      return link_text (record, field);
    case KITH_CSV_FIELD_PEOPLE:
      return people_text (store, record);
    case KITH_CSV_FIELD_CUSTOM:
      return custom_text (record, label);
    case KITH_CSV_FIELD_TAGS:
      return node_text (json_object_get_member (record, "keywords"));
    case KITH_CSV_FIELD_IGNORE:
    case KITH_CSV_FIELD_MIDDLE:
      return NULL;
    default:
      return node_text (json_object_get_member (record, kith_csv_field_get_name (field)));
    }
}

typedef struct {
  KithCsvField  field;
  char         *label;
} Column;

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->label);
}

static GArray *
parse_columns (const char * const  *specs,
               KithRecordKind       kind,
               GError             **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));

  g_array_set_clear_func (columns, column_clear);
  for (guint i = 0; specs[i] != NULL; i++)
    {
      Column column = { 0, NULL };

      if (!kith_csv_field_parse (specs[i], &column.field, &column.label, error))
        return NULL;
      g_array_append_val (columns, column);
      if (!kith_csv_field_applies_to (column.field, kind) || column.field == KITH_CSV_FIELD_IGNORE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A %s has no field “%s” to export"),
                       kith_record_kind_to_string (kind), specs[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&columns);
}

static void
append_record (KithStore  *store,
               GString    *out,
               GArray     *columns,
               JsonObject *record)
{
  for (guint c = 0; c < columns->len; c++)
    {
      const Column *column = &g_array_index (columns, Column, c);
      g_autofree char *text = cell_text (store, record, column->field, column->label);

      if (c > 0)
        g_string_append_c (out, ',');
      append_cell (out, text != NULL ? text : "");
    }
  g_string_append (out, "\r\n");
}

static gboolean
flush (GOutputStream  *output,
       GString        *out,
       GCancellable   *cancellable,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (output, out->str, out->len, NULL, cancellable, error);

  g_string_truncate (out, 0);
  return ok;
}

static void
report (const KithExportOptions *options,
        double                   fraction)
{
  if (options->progress != NULL)
    options->progress (fraction, options->progress_data);
}

/**
 * kith_csv_export:
 *
 * The CSV format's export (kith-transfer.h): the records of @options' kind its query finds, in
 * the columns it names (all by default), by name.
 */
gboolean
kith_csv_export (KithStore                *store,
                 GOutputStream            *output,
                 const KithExportOptions  *options,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_auto(GStrv) all = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *specs = options->fields;

  if (specs == NULL && (specs = (const char * const *) (all = kith_csv_export_default_fields (store, options->kind, error))) == NULL)
    return FALSE;
  if ((columns = parse_columns (specs, options->kind, error)) == NULL)
    return FALSE;
  ids = kith_store_find (store, options->kind, options->query != NULL ? options->query : "", KITH_SORT_NAME,
                         KITH_GROUP_NONE, 0, G_MAXUINT, NULL, error);
  if (ids == NULL)
    return FALSE;

  for (guint c = 0; specs[c] != NULL; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_cell (out, specs[c]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) record = kith_store_get_record (store, g_array_index (ids, gint64, i), NULL);

      if (record != NULL)
        append_record (store, out, columns, record);
      if (out->len >= FLUSH_AT)
        {
          if (!flush (output, out, cancellable, error))
            return FALSE;
          report (options, (double) i / ids->len);
        }
    }

  report (options, 1.0);
  return flush (output, out, cancellable, error);
}
