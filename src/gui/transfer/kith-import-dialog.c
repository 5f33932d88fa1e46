/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithImportDialog: a file imported, in two steps (three for a CSV file, whose columns are first
 * mapped to fields: KithCsvMappingPage). First a dry run on the store's worker (it
 * writes nothing): what the import would make of the file — new, updated, merged, unchanged and
 * rejected rows, each rejected row with its number and reason. Then Import runs it for real with
 * a progress bar; Cancel stops it between records (whole records stay, as the dialog says) and
 * the window shows a toast with the summary once it is done. A file Kith cannot read, or not in
 * the format its name says, is explained in the dialog, naming the file.
 *
 * File → Import… (after the file chooser) and a file dropped on a list open it the same way.
 */

#define G_LOG_DOMAIN "KithImportDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-mapping-page.h"
#include "kith-enums.h"
#include "kith-import-dialog.h"
#include "kith-import-problem.h"
#include "kith-import-run.h"
#include "kith-transfer.h"

typedef enum {
  PHASE_CHECKING,    /* the dry run, or reading the start of a CSV file */
  PHASE_MAPPING,     /* a CSV file's columns mapped to fields, waiting for Continue */
  PHASE_SUMMARY,     /* its counts, waiting for Import */
  PHASE_IMPORTING,
  PHASE_STOPPING,    /* Cancel pressed while importing: the batch under way is rolled back */
  PHASE_OUTCOME,     /* stopped, or the file could not be read */
} Phase;

struct _KithImportDialog
{
  AdwWindow                 parent_instance;

  AdwWindowTitle           *window_title;
  GtkButton                *cancel_button;
  GtkButton                *import_button;
  GtkStack                 *stack;
  GtkLabel                 *checking_label;
  GtkProgressBar           *checking_bar;
  GtkLabel                 *counts_label;
  GtkWidget                *problems_heading;
  GListStore               *problems;
  GtkLabel                 *importing_label;
  GtkProgressBar           *progress_bar;
  AdwStatusPage            *outcome_page;

  KithStore                *store;
  GFile                    *file;
  KithRecordKind            kind;
  const KithTransferFormat *format;
  KithCsvMapping           *mapping;       /* a CSV file's, as the mapping step edits it */
  GCancellable             *cancellable;   /* the dry run: goes with the dialog */
  GCancellable             *stop;          /* the import: Cancel */
  Phase                     phase;
};

G_DEFINE_FINAL_TYPE (KithImportDialog, kith_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILE,
  PROP_KIND,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
file_name (KithImportDialog *self)
{
  return g_file_get_basename (self->file);
}

static void
set_phase (KithImportDialog *self,
           Phase             phase)
{
  static const char *pages[] = { "checking", "mapping", "summary", "importing", "importing", "outcome" };
  gboolean done = phase == PHASE_OUTCOME;

  self->phase = phase;
  gtk_stack_set_visible_child_name (self->stack, pages[phase]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", phase == PHASE_SUMMARY || phase == PHASE_MAPPING);
  gtk_button_set_label (self->import_button, phase == PHASE_MAPPING ? _("_Continue") : _("_Import"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", phase != PHASE_STOPPING);
  gtk_button_set_label (self->cancel_button, done ? _("_Close") : _("_Cancel"));
}

/* What went wrong, naming the file, in the dialog; Cancel becomes Close */
static void
show_outcome (KithImportDialog *self,
              const char       *title,
              const char       *description)
{
  adw_status_page_set_title (self->outcome_page, title);
  adw_status_page_set_description (self->outcome_page, description);
  set_phase (self, PHASE_OUTCOME);
}

static void
show_unreadable (KithImportDialog *self,
                 const GError     *error)
{
  g_autofree char *name = file_name (self);
  /* Translators: the title of an import dialog that cannot read its file, with the file's name */
  g_autofree char *title = g_strdup_printf (_("Cannot Import “%s”"), name);

  adw_status_page_set_icon_name (self->outcome_page, "dialog-error-symbolic");
  show_outcome (self, title, error->message);
}

static void
show_problems (KithImportDialog *self,
               KithImport       *import)
{
  guint n = kith_import_get_n_rejections (import);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      const KithImportRejection *rejection = kith_import_get_rejection (import, i);

      g_ptr_array_add (items, kith_import_problem_new (rejection->row, rejection->reason));
    }
  g_list_store_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       items->pdata, items->len);
  gtk_widget_set_visible (self->problems_heading, n > 0);
}

/* Enter imports: the keyboard goes to Import once it can (the dry run may end before the dialog
 * shows, or after) */
static void
focus_import (KithImportDialog *self)
{
  if ((self->phase == PHASE_SUMMARY || self->phase == PHASE_MAPPING) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (gtk_window_get_default_widget (GTK_WINDOW (self)));
}

static void
on_dry_run_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithImport) import = kith_import_run_finish (KITH_STORE (source), result, &error);
  KithImportDialog *self = user_data;
  g_autofree char *counts = NULL;

  /* Gone with its dialog */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (import == NULL)
    {
      show_unreadable (self, error);
      return;
    }

  counts = kith_import_describe (import);
  gtk_label_set_text (self->counts_label, counts);
  show_problems (self, import);
  set_phase (self, PHASE_SUMMARY);
  focus_import (self);
}

static void
on_import_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithImport) import = kith_import_run_finish (KITH_STORE (source), result, &error);
  g_autofree char *name = file_name (self);
  g_autofree char *counts = NULL;
  g_autofree char *summary = NULL;

  if (import == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_status_page_set_icon_name (self->outcome_page, "dialog-information-symbolic");
      show_outcome (self, _("Import Stopped"),
                    _("The records imported before it stopped are kept, each one whole. "
                      "Importing the file again adds the rest."));
      return;
    }
  if (import == NULL)
    {
      show_unreadable (self, error);
      return;
    }

  counts = kith_import_describe (import);
  /* Translators: a toast once a file is imported: its name, then what became of its rows */
  summary = g_strdup_printf (_("Imported “%s”: %s"), name, counts);
  g_signal_emit (self, signals[FINISHED], 0, summary);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void start_dry_run (KithImportDialog *self);

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (widget);
  g_autofree char *name = file_name (self);
  g_autofree char *text = NULL;

  /* A CSV file's columns are mapped: what the import would make of them */
  if (self->phase == PHASE_MAPPING)
    {
      start_dry_run (self);
      return;
    }

  text = g_strdup_printf (_("Importing “%s”…"), name);

  gtk_label_set_text (self->importing_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_phase (self, PHASE_IMPORTING);

  /* A write: it answers whatever becomes of the dialog, and stops only for Cancel */
  self->stop = g_cancellable_new ();
  kith_import_run_async (self->store, self->file, self->format, self->kind, self->mapping, FALSE,
                         kith_transfer_progress_relay_new (self->progress_bar), self->stop, NULL,
                         on_import_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (widget);

  if (self->phase == PHASE_IMPORTING)
    {
      set_phase (self, PHASE_STOPPING);
      gtk_label_set_text (self->importing_label, _("Stopping after the record under way…"));
      g_cancellable_cancel (self->stop);
      return;
    }
  if (self->phase != PHASE_STOPPING)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing the window while importing is Cancel: the dialog stays to say what was kept */
static gboolean
on_close_request_cb (KithImportDialog *self)
{
  if (self->phase != PHASE_IMPORTING && self->phase != PHASE_STOPPING)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "import.cancel", NULL);
  return TRUE;
}

/* The formats Kith reads, for a file it cannot tell: "vCard (.vcf), CSV (.csv)" */
static char *
describe_formats (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < kith_transfer_format_count (); i++)
    {
      const KithTransferFormat *format = kith_transfer_format_get (i);

      if (format->import == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s (%s)", _(format->title), format->extensions[0]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_reading (KithImportDialog *self)
{
  g_autofree char *name = file_name (self);
  g_autofree char *checking = g_strdup_printf (_("Reading “%s”…"), name);

  gtk_label_set_text (self->checking_label, checking);
  gtk_progress_bar_set_fraction (self->checking_bar, 0);
  set_phase (self, PHASE_CHECKING);
}

static void
start_dry_run (KithImportDialog *self)
{
  show_reading (self);
  /* Writes nothing: closing the dialog stops it where it is */
  kith_import_run_async (self->store, self->file, self->format, self->kind, self->mapping, TRUE,
                         kith_transfer_progress_relay_new (self->checking_bar), self->cancellable,
                         self->cancellable, on_dry_run_cb, self);
}

static void
on_csv_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCsvPreview) preview = kith_csv_mapping_page_read_finish (result, &error);
  KithImportDialog *self = user_data;

  /* Gone with its dialog */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (preview == NULL)
    {
      show_unreadable (self, error);
      return;
    }

  self->mapping = g_object_ref (kith_csv_preview_get_mapping (preview));
  gtk_stack_add_named (self->stack, kith_csv_mapping_page_new (preview), "mapping");
  set_phase (self, PHASE_MAPPING);
  focus_import (self);
}

/* A CSV file's columns and first rows, for the mapping step before the dry run */
static void
start_mapping (KithImportDialog *self)
{
  show_reading (self);
  kith_csv_mapping_page_read_async (self->file, self->kind, self->cancellable, on_csv_read_cb, self);
}

static void
start (KithImportDialog *self)
{
  g_autofree char *name = file_name (self);
  g_autofree char *path = g_file_get_path (self->file);

  adw_window_title_set_subtitle (self->window_title, name);
  self->format = kith_transfer_format_for_file (path != NULL ? path : name);
  if (self->format == NULL || self->format->import == NULL)
    {
      g_autofree char *formats = describe_formats ();
      g_autoptr(GError) error = NULL;

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: the file's name, then the formats Kith reads, with their extensions */
                   _("Kith cannot tell the format of “%s” from its name. It imports %s."), name,
                   *formats != '\0' ? formats : _("no files yet"));
      show_unreadable (self, error);
      return;
    }

  if (g_str_equal (self->format->name, "csv"))
    start_mapping (self);
  else
    start_dry_run (self);
}

static void
kith_import_dialog_constructed (GObject *object)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (kith_import_dialog_parent_class)->constructed (object);

  start (self);
}

static void
kith_import_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kith_import_dialog_parent_class)->map (widget);

  focus_import (KITH_IMPORT_DIALOG (widget));
}

static void
kith_import_dialog_dispose (GObject *object)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (kith_import_dialog_parent_class)->dispose (object);
}

static void
kith_import_dialog_finalize (GObject *object)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stop);
  g_clear_object (&self->mapping);

  G_OBJECT_CLASS (kith_import_dialog_parent_class)->finalize (object);
}

static void
kith_import_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_import_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_import_dialog_class_init (KithImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_import_dialog_constructed;
  object_class->dispose = kith_import_dialog_dispose;
  object_class->finalize = kith_import_dialog_finalize;
  object_class->get_property = kith_import_dialog_get_property;
  object_class->set_property = kith_import_dialog_set_property;
  widget_class->map = kith_import_dialog_map;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What a CSV file's rows are */
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The summary for a toast, once the file is imported */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (KITH_TYPE_IMPORT_PROBLEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/transfer/kith-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, checking_label);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, checking_bar);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, problems);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, importing_label);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, outcome_page);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
kith_import_dialog_init (KithImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * kith_import_dialog_new:
 * @kind: what the rows of a CSV file are
 *
 * Returns: (transfer none): a dialog over @parent importing @file, reading it first
 */
GtkWidget *
kith_import_dialog_new (GtkWindow      *parent,
                        KithStore      *store,
                        GFile          *file,
                        KithRecordKind  kind)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (KITH_TYPE_IMPORT_DIALOG, "transient-for", parent, "store", store, "file", file,
                       "kind", kind, NULL);
}
