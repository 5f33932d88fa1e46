/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithCsvMapping: which field each column of a CSV file holds, made from a preset recognised by
 * the file's headers (kith-csv-presets.c), a preset named, or a mapping file (docs/import-export.md),
 * and editable column by column (the import's mapping step). It turns a row's cells into a
 * record's typed values.
 */

#define G_LOG_DOMAIN "KithCsv"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-mapping.h"
#include "kith-csv-row.h"

struct _KithCsvMapping
{
  GObject         parent_instance;

  KithRecordKind  kind;
  char           *preset;
  GStrv           headers;
  GArray         *columns;   /* KithCsvColumnRule */
};

G_DEFINE_FINAL_TYPE (KithCsvMapping, kith_csv_mapping, G_TYPE_OBJECT)

enum {
  COLUMN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAPPING_GROUP "Mapping"
#define COLUMNS_GROUP "Columns"

static void
rule_clear (gpointer data)
{
  KithCsvColumnRule *rule = data;

  g_clear_pointer (&rule->label, g_free);
  g_clear_pointer (&rule->group, g_free);
}

static void
kith_csv_mapping_finalize (GObject *object)
{
  KithCsvMapping *self = KITH_CSV_MAPPING (object);

  g_free (self->preset);
  g_strfreev (self->headers);
  g_array_unref (self->columns);

  G_OBJECT_CLASS (kith_csv_mapping_parent_class)->finalize (object);
}

static void
kith_csv_mapping_class_init (KithCsvMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kith_csv_mapping_finalize;

  /**
   * KithCsvMapping::column-changed:
   * @column: the column whose field changed
   *
   * A column now holds another field (kith_csv_mapping_set_field ()): a preview maps its rows
   * again.
   */
  signals[COLUMN_CHANGED] = g_signal_new ("column-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kith_csv_mapping_init (KithCsvMapping *self)
{
  self->columns = g_array_new (FALSE, TRUE, sizeof (KithCsvColumnRule));
  g_array_set_clear_func (self->columns, rule_clear);
}

static KithCsvMapping *
mapping_new (KithRecordKind      kind,
             const char * const *headers,
             const char         *preset)
{
  KithCsvMapping *self = g_object_new (KITH_TYPE_CSV_MAPPING, NULL);
  guint n = g_strv_length ((GStrv) headers);

  self->kind = kind;
  self->preset = g_strdup (preset);
  self->headers = g_strdupv ((GStrv) headers);
  g_array_set_size (self->columns, n);
  for (guint i = 0; i < n; i++)
    {
      KithCsvColumnRule *rule = &g_array_index (self->columns, KithCsvColumnRule, i);

      if (!kith_csv_preset_column (preset, headers, i, rule) || !kith_csv_field_applies_to (rule->field, kind))
        {
          rule_clear (rule);
          *rule = (KithCsvColumnRule) { KITH_CSV_FIELD_IGNORE, NULL, NULL, -1 };
        }
    }

  return self;
}

/**
 * kith_csv_mapping_new:
 * @headers: the file's header row
 *
 * Returns: (transfer full): the mapping of the preset that recognises most of @headers
 */
KithCsvMapping *
kith_csv_mapping_new (KithRecordKind      kind,
                      const char * const *headers)
{
  g_return_val_if_fail (headers != NULL, NULL);

  return mapping_new (kind, headers, kith_csv_preset_detect (headers));
}

/**
 * kith_csv_mapping_new_for_preset:
 * @preset: a name of kith_csv_presets_list ()
 *
 * Returns: (transfer full) (nullable): @preset's mapping of @headers, or %NULL when there is no
 *   such preset
 */
KithCsvMapping *
kith_csv_mapping_new_for_preset (KithRecordKind       kind,
                                 const char * const  *headers,
                                 const char          *preset,
                                 GError             **error)
{
  g_return_val_if_fail (headers != NULL, NULL);

  if (kith_csv_preset_title (preset) == NULL)
    {
      g_autofree char *names = g_strjoinv (", ", (GStrv) kith_csv_presets_list ());

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is neither a mapping file nor a preset (%s)"), preset, names);
      return NULL;
    }

  return mapping_new (kind, headers, preset);
}

static int
header_index (KithCsvMapping *self,
              const char     *header)
{
  for (guint i = 0; self->headers[i] != NULL; i++)
    if (strcmp (self->headers[i], header) == 0)
      return i;
  return -1;
}

static gboolean
load_columns (KithCsvMapping  *self,
              GKeyFile        *file,
              const char      *path,
              GError         **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (file, COLUMNS_GROUP, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *spec = g_key_file_get_string (file, COLUMNS_GROUP, keys[i], NULL);
      g_autofree char *label = NULL;
      g_autoptr(GError) local = NULL;
      KithCsvField field;
      int column = header_index (self, keys[i]);

      if (column < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: the file has no column “%s”"), path, keys[i]);
          return FALSE;
        }
      if (!kith_csv_field_parse (g_strstrip (spec), &field, &label, &local) ||
          !kith_csv_mapping_set_field (self, column, field, label, &local))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: column “%s”: %s"), path, keys[i],
                       local->message);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * kith_csv_mapping_new_from_file:
 * @path: a mapping file (docs/import-export.md)
 *
 * Returns: (transfer full) (nullable): the mapping @path gives @headers
 */
KithCsvMapping *
kith_csv_mapping_new_from_file (KithRecordKind       kind,
                                const char * const  *headers,
                                const char          *path,
                                GError             **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(KithCsvMapping) self = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *kind_name = NULL;

  g_return_val_if_fail (headers != NULL, NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return NULL;
  if ((kind_name = g_key_file_get_string (file, MAPPING_GROUP, "kind", NULL)) != NULL &&
      (kind = kith_record_kind_from_string (kind_name)) == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: kind “%s” is not person, company or project"), path, kind_name);
      return NULL;
    }

  preset = g_key_file_get_string (file, MAPPING_GROUP, "preset", NULL);
  if (preset == NULL)
    self = mapping_new (kind, headers, "generic");
  else if ((self = kith_csv_mapping_new_for_preset (kind, headers, preset, error)) == NULL)
    return NULL;
  g_clear_pointer (&self->preset, g_free);

  /* Without a preset, the file says every column imported */
  if (preset == NULL)
    for (guint i = 0; i < self->columns->len; i++)
      kith_csv_mapping_set_field (self, i, KITH_CSV_FIELD_IGNORE, NULL, NULL);

  return load_columns (self, file, path, error) ? g_steal_pointer (&self) : NULL;
}

/**
 * kith_csv_mapping_save_file:
 *
 * Writes the mapping as a file kith_csv_mapping_new_from_file () reads back: every column by
 * its header.
 */
gboolean
kith_csv_mapping_save_file (KithCsvMapping  *self,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), FALSE);

  g_key_file_set_string (file, MAPPING_GROUP, "kind", kith_record_kind_to_string (self->kind));
  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autofree char *spec = kith_csv_mapping_dup_spec (self, i);

      g_key_file_set_string (file, COLUMNS_GROUP, self->headers[i], spec);
    }

  return g_key_file_save_to_file (file, path, error);
}

KithRecordKind
kith_csv_mapping_get_kind (KithCsvMapping *self)
{
  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), KITH_RECORD_KIND_INVALID);

  return self->kind;
}

/**
 * kith_csv_mapping_get_preset:
 *
 * Returns: (transfer none) (nullable): the preset the mapping came from, %NULL for a file's
 */
const char *
kith_csv_mapping_get_preset (KithCsvMapping *self)
{
  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), NULL);

  return self->preset;
}

guint
kith_csv_mapping_get_n_columns (KithCsvMapping *self)
{
  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), 0);

  return self->columns->len;
}

/**
 * kith_csv_mapping_get_header:
 *
 * Returns: (transfer none): the header of @column
 */
const char *
kith_csv_mapping_get_header (KithCsvMapping *self,
                             guint           column)
{
  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return self->headers[column];
}

/**
 * kith_csv_mapping_get_field:
 * @out_label: (out) (optional) (transfer none): its label, or custom field key
 *
 * Returns: what @column holds
 */
KithCsvField
kith_csv_mapping_get_field (KithCsvMapping  *self,
                            guint            column,
                            const char     **out_label)
{
  const KithCsvColumnRule *rule;

  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), KITH_CSV_FIELD_IGNORE);
  g_return_val_if_fail (column < self->columns->len, KITH_CSV_FIELD_IGNORE);

  rule = &g_array_index (self->columns, KithCsvColumnRule, column);
  if (out_label != NULL)
    *out_label = rule->label;

  return rule->field;
}

/**
 * kith_csv_mapping_dup_spec:
 *
 * Returns: (transfer full): what @column holds, as a mapping file says it (`emails:work`)
 */
char *
kith_csv_mapping_dup_spec (KithCsvMapping *self,
                           guint           column)
{
  const char *label = NULL;
  KithCsvField field = kith_csv_mapping_get_field (self, column, &label);

  return kith_csv_field_to_spec (field, label);
}

/**
 * kith_csv_mapping_set_field:
 * @label: (nullable): for emails, phones and address parts `work`, `home` (phones `mobile`);
 *   the key of a custom field
 *
 * Returns: %FALSE when @field does not apply to the mapping's kind of record
 */
gboolean
kith_csv_mapping_set_field (KithCsvMapping  *self,
                            guint            column,
                            KithCsvField     field,
                            const char      *label,
                            GError         **error)
{
  KithCsvColumnRule *rule;

  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (column < self->columns->len, FALSE);
  g_return_val_if_fail (field < KITH_CSV_N_FIELDS, FALSE);

  if (!kith_csv_field_applies_to (field, self->kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("a %s has no field “%s”"),
                   kith_record_kind_to_string (self->kind), kith_csv_field_get_name (field));
      return FALSE;
    }
  if (field == KITH_CSV_FIELD_CUSTOM && (label == NULL || label[0] == '\0'))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("a custom field needs its key"));
      return FALSE;
    }

  rule = &g_array_index (self->columns, KithCsvColumnRule, column);
  if (rule->field == field && rule->label_column < 0 && g_strcmp0 (rule->label, label) == 0)
    return TRUE;
  rule_clear (rule);
  *rule = (KithCsvColumnRule) { field, g_strdup (label), g_strdup (label), -1 };
  g_signal_emit (self, signals[COLUMN_CHANGED], 0, column);

  return TRUE;
}

/**
 * kith_csv_mapping_count_mapped:
 *
 * Returns: how many columns are imported
 */
guint
kith_csv_mapping_count_mapped (KithCsvMapping *self)
{
  guint n = 0;

  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), 0);

  for (guint i = 0; i < self->columns->len; i++)
    n += g_array_index (self->columns, KithCsvColumnRule, i).field != KITH_CSV_FIELD_IGNORE;

  return n;
}

/**
 * kith_csv_mapping_is_used:
 *
 * Returns: whether @column's cells go into records: it has a field, or it labels another
 *   column's values ("E-mail 1 - Label")
 */
gboolean
kith_csv_mapping_is_used (KithCsvMapping *self,
                          guint           column)
{
  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), FALSE);
  g_return_val_if_fail (column < self->columns->len, FALSE);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const KithCsvColumnRule *rule = &g_array_index (self->columns, KithCsvColumnRule, i);

      if ((i == column && rule->field != KITH_CSV_FIELD_IGNORE) ||
          (rule->field != KITH_CSV_FIELD_IGNORE && rule->label_column == (int) column))
        return TRUE;
    }

  return FALSE;
}

/**
 * kith_csv_mapping_map_row:
 * @cells: the row's cells, valid UTF-8
 * @out_reason: (out) (transfer full): why the row cannot be a record, naming column and value
 *
 * Returns: (transfer full) (nullable): the row as a record's typed values (with no field set
 *   when every mapped cell is empty), or %NULL with @out_reason set
 */
KithRecordValues *
kith_csv_mapping_map_row (KithCsvMapping      *self,
                          const char * const  *cells,
                          guint                n_cells,
                          char               **out_reason)
{
  g_autoptr(KithCsvRow) row = NULL;

  g_return_val_if_fail (KITH_IS_CSV_MAPPING (self), NULL);
  g_return_val_if_fail (out_reason != NULL, NULL);

  row = kith_csv_row_new (self->kind);
  for (guint c = 0; c < self->columns->len && c < n_cells; c++)
    {
      const KithCsvColumnRule *rule = &g_array_index (self->columns, KithCsvColumnRule, c);
      const char *label = rule->label;

      if (rule->field == KITH_CSV_FIELD_IGNORE)
        continue;
      if (rule->label_column >= 0 && (guint) rule->label_column < n_cells)
        label = cells[rule->label_column];
      if (!kith_csv_row_add (row, rule->field, label, rule->group, self->headers[c], cells[c], out_reason))
        return NULL;
    }

  return kith_csv_row_finish (row, out_reason);
}
