/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithExportDialog: File → Export…. The format (those of kith-transfer-formats.c that write
 * files) and which records, then the file in a file chooser; the export runs on the store's
 * worker with a progress bar and Cancel, which leaves the file as it was (it is replaced only
 * once written whole). The window shows a toast when it is done; a file that cannot be written
 * is explained in the dialog, naming it.
 */

#define G_LOG_DOMAIN "KithExportDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-enums.h"
#include "kith-export-dialog.h"
#include "kith-export-run.h"
#include "kith-transfer.h"

typedef enum {
  PHASE_CHOOSING,
  PHASE_EXPORTING,
  PHASE_STOPPING,
  PHASE_OUTCOME,
} Phase;

struct _KithExportDialog
{
  AdwWindow       parent_instance;

  GtkButton      *cancel_button;
  GtkStack       *stack;
  AdwComboRow    *format_row;
  GtkStringList  *format_titles;
  AdwComboRow    *kind_row;
  GtkStringList  *kind_titles;
  GtkLabel       *exporting_label;
  GtkProgressBar *progress_bar;
  AdwStatusPage  *outcome_page;

  KithStore      *store;
  KithKindNames  *names;
  KithRecordKind  kind;        /* chosen first: the list shown */
  GPtrArray      *formats;     /* const KithTransferFormat*, as format_titles lists them */
  GFile          *file;
  GCancellable   *stop;
  Phase           phase;
};

G_DEFINE_FINAL_TYPE (KithExportDialog, kith_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NAMES,
  PROP_KIND,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_phase (KithExportDialog *self,
           Phase             phase)
{
  static const char *pages[] = { "choose", "exporting", "exporting", "outcome" };

  self->phase = phase;
  gtk_stack_set_visible_child_name (self->stack, pages[phase]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", phase == PHASE_CHOOSING && self->formats->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", phase != PHASE_STOPPING);
  gtk_button_set_label (self->cancel_button, phase == PHASE_OUTCOME ? _("_Close") : _("_Cancel"));
}

static const KithTransferFormat *
chosen_format (KithExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return i < self->formats->len ? g_ptr_array_index (self->formats, i) : NULL;
}

static const char *
chosen_title (KithExportDialog *self)
{
  return kith_kind_names_get (self->names, adw_combo_row_get_selected (self->kind_row), KITH_KIND_WORD_TITLE);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = NULL;

  if (!kith_export_run_finish (KITH_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: the title of an export dialog that could not write its file, with its name */
      g_autofree char *title = g_strdup_printf (_("Cannot Export to “%s”"), name);

      adw_status_page_set_title (self->outcome_page, title);
      adw_status_page_set_description (self->outcome_page, error->message);
      set_phase (self, PHASE_OUTCOME);
      return;
    }

  if (error != NULL)
    /* Translators: a toast after Cancel in the export dialog, with the file's name */
    text = g_strdup_printf (_("Export stopped: “%s” is as it was"), name);
  else
    /* Translators: a toast after an export: what was exported (“People”), and the file's name */
    text = g_strdup_printf (_("Exported %s to “%s”"), chosen_title (self), name);
  g_signal_emit (self, signals[FINISHED], 0, text);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_export (KithExportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = g_strdup_printf (_("Exporting to “%s”…"), name);

  gtk_label_set_text (self->exporting_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_phase (self, PHASE_EXPORTING);

  self->stop = g_cancellable_new ();
  kith_export_run_async (self->store, self->file, chosen_format (self), adw_combo_row_get_selected (self->kind_row),
                         kith_transfer_progress_relay_new (self->progress_bar), self->stop,
                         on_exported_cb, g_object_ref (self));
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(KithExportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    self->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (self->file != NULL && gtk_widget_get_visible (GTK_WIDGET (self)))
    start_export (self);
}

/* "people.vcf": what is exported, in the format's extension */
static char *
suggested_name (KithExportDialog *self)
{
  g_autofree char *title = g_utf8_strdown (chosen_title (self), -1);

  return g_strconcat (title, chosen_format (self)->extensions[0], NULL);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (widget);
  g_autofree char *name = suggested_name (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (widget);

  if (self->phase == PHASE_EXPORTING)
    {
      set_phase (self, PHASE_STOPPING);
      gtk_label_set_text (self->exporting_label, _("Stopping…"));
      g_cancellable_cancel (self->stop);
      return;
    }
  if (self->phase != PHASE_STOPPING)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing the window while exporting is Cancel */
static gboolean
on_close_request_cb (KithExportDialog *self)
{
  if (self->phase != PHASE_EXPORTING && self->phase != PHASE_STOPPING)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "export.cancel", NULL);
  return TRUE;
}

static void
fill_choices (KithExportDialog *self)
{
  for (guint i = 0; i < kith_transfer_format_count (); i++)
    {
      const KithTransferFormat *format = kith_transfer_format_get (i);

      if (format->export == NULL)
        continue;
      g_ptr_array_add (self->formats, (gpointer) format);
      gtk_string_list_append (self->format_titles, _(format->title));
    }

  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    gtk_string_list_append (self->kind_titles, kith_kind_names_get (self->names, kind, KITH_KIND_WORD_TITLE));
  adw_combo_row_set_selected (self->kind_row, self->kind);
}

static void
kith_export_dialog_constructed (GObject *object)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (kith_export_dialog_parent_class)->constructed (object);

  fill_choices (self);
  set_phase (self, PHASE_CHOOSING);
}

/* Enter chooses the file: the keyboard starts on Export… */
static void
kith_export_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kith_export_dialog_parent_class)->map (widget);

  gtk_widget_grab_focus (gtk_window_get_default_widget (GTK_WINDOW (widget)));
}

static void
kith_export_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (kith_export_dialog_parent_class)->dispose (object);
}

static void
kith_export_dialog_finalize (GObject *object)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->names);
  g_clear_object (&self->file);
  g_clear_object (&self->stop);
  g_ptr_array_unref (self->formats);

  G_OBJECT_CLASS (kith_export_dialog_parent_class)->finalize (object);
}

static void
kith_export_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_export_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NAMES:
      self->names = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_export_dialog_class_init (KithExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_export_dialog_constructed;
  object_class->dispose = kith_export_dialog_dispose;
  object_class->finalize = kith_export_dialog_finalize;
  object_class->get_property = kith_export_dialog_get_property;
  object_class->set_property = kith_export_dialog_set_property;
  widget_class->map = kith_export_dialog_map;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What the preset calls each kind of record, for the Records row */
  properties[PROP_NAMES] = g_param_spec_object ("names", NULL, NULL, KITH_TYPE_KIND_NAMES,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The records chosen to start with */
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* What became of the export, for a toast */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/transfer/kith-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, format_titles);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, kind_titles);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, exporting_label);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, outcome_page);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
kith_export_dialog_init (KithExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->formats = g_ptr_array_new ();
}

/**
 * kith_export_dialog_new:
 * @kind: the records chosen to start with
 *
 * Returns: (transfer none): the export dialog over @parent
 */
GtkWidget *
kith_export_dialog_new (GtkWindow      *parent,
                        KithStore      *store,
                        KithKindNames  *names,
                        KithRecordKind  kind)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_EXPORT_DIALOG, "transient-for", parent, "store", store, "names", names,
                       "kind", kind, NULL);
}
