/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithCsvMappingPage: the import dialog's mapping step for a CSV file. Each column of the file,
 * by its header, with the cells of its first rows beneath and the field it goes to beside it,
 * as the preset recognised (Google Contacts, Outlook, LinkedIn, Kith's own) or the columns'
 * names suggested; choosing another field edits the preview's mapping, which the import then
 * uses. "Don't Import" leaves a column out.
 */

#define G_LOG_DOMAIN "KithCsvMappingPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-mapping-page.h"
#include "kith-csv-presets.h"

struct _KithCsvMappingPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *detected_label;
  GtkListBox     *columns_list;

  KithCsvPreview *preview;
  GtkStringList  *headers;   /* the columns, in the file's order */
  GPtrArray      *choices;   /* per column, the KithCsvFields its row offers, in its order */
};

G_DEFINE_FINAL_TYPE (KithCsvMappingPage, kith_csv_mapping_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the column's first rows hold, one after another */
static char *
sample_cells (KithCsvMappingPage *self,
              guint               column)
{
  g_autoptr(GStrvBuilder) samples = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  for (guint i = 0; i < kith_csv_preview_get_n_rows (self->preview); i++)
    {
      guint n_cells = 0;
      const char * const *cells = kith_csv_preview_get_cells (self->preview, i, &n_cells);

      if (column < n_cells && cells[column] != NULL && *cells[column] != '\0')
        g_strv_builder_add (samples, cells[column]);
    }
  joined = g_strv_builder_end (samples);

  return g_strjoinv (" · ", joined);
}

/* The fields a column of this kind of record can go to, "Don't Import" first; a custom field
 * only where the mapping already names one (its key comes from there) */
static GArray *
choices_for (KithCsvMappingPage *self,
             KithCsvField        current)
{
  KithCsvMapping *mapping = kith_csv_preview_get_mapping (self->preview);
  KithRecordKind kind = kith_csv_mapping_get_kind (mapping);
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (KithCsvField));

  for (KithCsvField field = KITH_CSV_FIELD_IGNORE; field < KITH_CSV_N_FIELDS; field++)
    if ((field == KITH_CSV_FIELD_IGNORE || kith_csv_field_applies_to (field, kind)) &&
        (field != KITH_CSV_FIELD_CUSTOM || current == KITH_CSV_FIELD_CUSTOM))
      g_array_append_val (fields, field);

  return fields;
}

static void
on_field_chosen_cb (AdwComboRow        *row,
                    GParamSpec         *pspec,
                    KithCsvMappingPage *self)
{
  KithCsvMapping *mapping = kith_csv_preview_get_mapping (self->preview);
  /* The list's rows are the columns, in order */
  guint column = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GArray *fields = g_ptr_array_index (self->choices, column);
  guint chosen = adw_combo_row_get_selected (row);
  KithCsvField before = kith_csv_mapping_get_field (mapping, column, NULL);
  KithCsvField field;
  g_autoptr(GError) error = NULL;

  if (chosen >= fields->len)
    return;
  field = g_array_index (fields, KithCsvField, chosen);
  /* A label (work, home, a custom field's key) belongs to the field it came with: unchanged,
   * it stays */
  if (field == before)
    return;
  if (!kith_csv_mapping_set_field (mapping, column, field, NULL, &error))
    g_warning ("Column %u: %s", column, error->message);
}

static GtkWidget *
create_column_row (gpointer item,
                   gpointer user_data)
{
  KithCsvMappingPage *self = user_data;
  KithCsvMapping *mapping = kith_csv_preview_get_mapping (self->preview);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autofree char *samples = NULL;
  KithCsvField current;
  GtkWidget *row = adw_combo_row_new ();
  guint column = 0;
  GArray *fields;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->headers)); i++)
    {
      g_autoptr(GObject) header = g_list_model_get_item (G_LIST_MODEL (self->headers), i);

      if (header == item)
        {
          column = i;
          break;
        }
    }

  current = kith_csv_mapping_get_field (mapping, column, NULL);
  fields = choices_for (self, current);
  for (guint i = 0; i < fields->len; i++)
    {
      KithCsvField field = g_array_index (fields, KithCsvField, i);

      gtk_string_list_append (titles, field == KITH_CSV_FIELD_IGNORE ? _("Don’t Import")
                                                                     : kith_csv_field_get_title (field));
    }

  samples = sample_cells (self, column);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_string_object_get_string (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
  g_clear_pointer (&g_ptr_array_index (self->choices, column), g_array_unref);
  g_ptr_array_index (self->choices, column) = fields;
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (titles));
  for (guint i = 0; i < fields->len; i++)
    if (g_array_index (fields, KithCsvField, i) == current)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_chosen_cb), self, 0);

  return row;
}

static void
kith_csv_mapping_page_constructed (GObject *object)
{
  KithCsvMappingPage *self = KITH_CSV_MAPPING_PAGE (object);
  KithCsvMapping *mapping = kith_csv_preview_get_mapping (self->preview);
  const char *preset = kith_csv_mapping_get_preset (mapping);
  g_autofree char *detected = NULL;

  G_OBJECT_CLASS (kith_csv_mapping_page_parent_class)->constructed (object);

  for (guint i = 0; i < kith_csv_mapping_get_n_columns (mapping); i++)
    gtk_string_list_append (self->headers, kith_csv_mapping_get_header (mapping, i));
  g_ptr_array_set_size (self->choices, kith_csv_mapping_get_n_columns (mapping));

  if (preset != NULL && !g_str_equal (preset, "generic"))
    /* Translators: above a CSV file's columns: the export it was recognised as ("Google Contacts") */
    detected = g_strdup_printf (_("Read as an export of %s. Choose where each column goes."), kith_csv_preset_title (preset));
  else
    detected = g_strdup (_("Choose where each column goes."));
  gtk_label_set_text (self->detected_label, detected);

  gtk_list_box_bind_model (self->columns_list, G_LIST_MODEL (self->headers), create_column_row, self, NULL);
}

static void
kith_csv_mapping_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_CSV_MAPPING_PAGE);

  G_OBJECT_CLASS (kith_csv_mapping_page_parent_class)->dispose (object);
}

static void
kith_csv_mapping_page_finalize (GObject *object)
{
  KithCsvMappingPage *self = KITH_CSV_MAPPING_PAGE (object);

  g_clear_object (&self->preview);
  g_clear_object (&self->headers);
  g_clear_pointer (&self->choices, g_ptr_array_unref);

  G_OBJECT_CLASS (kith_csv_mapping_page_parent_class)->finalize (object);
}

static void
kith_csv_mapping_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PREVIEW:
      g_value_set_object (value, KITH_CSV_MAPPING_PAGE (object)->preview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_csv_mapping_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PREVIEW:
      KITH_CSV_MAPPING_PAGE (object)->preview = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_csv_mapping_page_class_init (KithCsvMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_csv_mapping_page_constructed;
  object_class->dispose = kith_csv_mapping_page_dispose;
  object_class->finalize = kith_csv_mapping_page_finalize;
  object_class->get_property = kith_csv_mapping_page_get_property;
  object_class->set_property = kith_csv_mapping_page_set_property;

  /* The file's columns and first rows, and the mapping this page edits */
  properties[PROP_PREVIEW] = g_param_spec_object ("preview", NULL, NULL, KITH_TYPE_CSV_PREVIEW,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/transfer/kith-csv-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCsvMappingPage, box);
  gtk_widget_class_bind_template_child (widget_class, KithCsvMappingPage, detected_label);
  gtk_widget_class_bind_template_child (widget_class, KithCsvMappingPage, columns_list);
}

static void
kith_csv_mapping_page_init (KithCsvMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->headers = gtk_string_list_new (NULL);
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

GtkWidget *
kith_csv_mapping_page_new (KithCsvPreview *preview)
{
  g_return_val_if_fail (KITH_IS_CSV_PREVIEW (preview), NULL);

  return g_object_new (KITH_TYPE_CSV_MAPPING_PAGE, "preview", preview, NULL);
}

/* How many rows of the file the page shows under each column */
#define N_SAMPLE_ROWS 3

typedef struct {
  GFile          *file;
  KithRecordKind  kind;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_object_unref (job->file);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GFile *file = job->file;
  KithRecordKind kind = job->kind;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  KithCsvPreview *preview = NULL;

  input = g_file_read (file, cancellable, &error);
  if (input != NULL)
    preview = kith_csv_preview_new (G_INPUT_STREAM (input), kind, NULL, N_SAMPLE_ROWS, cancellable, &error);

  if (preview != NULL)
    g_task_return_pointer (task, preview, g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * kith_csv_mapping_page_read_async:
 * @kind: what the file's rows are
 *
 * Reads the start of the CSV file @file off the main loop (no store is involved): its columns,
 * its first rows and the mapping a preset or the columns' names suggest, for the page.
 */
void
kith_csv_mapping_page_read_async (GFile               *file,
                                  KithRecordKind       kind,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadJob *job = g_new0 (ReadJob, 1);

  job->file = g_object_ref (file);
  job->kind = kind;
  g_task_set_source_tag (task, kith_csv_mapping_page_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * kith_csv_mapping_page_read_finish:
 *
 * Returns: (transfer full) (nullable): the file's preview, or %NULL when it could not be read
 */
KithCsvPreview *
kith_csv_mapping_page_read_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
