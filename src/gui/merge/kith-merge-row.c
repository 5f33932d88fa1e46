/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMergeRow: one mail merge on the Mail Merges page (KithMailMerge, bound): its template's
 * name, a progress bar and where it is ("128 of 1,000 sent · finishes Thu 14:20", "Paused: …",
 * "Finished: 990 sent, 3 failed, 7 excluded"), and what can be done with it now: Pause or
 * Resume, Cancel (once confirmed), and once it has ended Export Report…; Failures shows the
 * recipients the server refused, with its text. Pause, Resume and Cancel are writes the user
 * asked for: they complete even if the row goes; the page reads the merge again on the
 * store's change.
 */

#define G_LOG_DOMAIN "KithMergeRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-confirm-dialog.h"
#include "kith-date-format.h"
#include "kith-gui-util.h"
#include "kith-merge-row.h"

struct _KithMergeRow
{
  GtkListBoxRow  parent_instance;

  GtkListBox    *failures_list;

  KithStore     *store;
  KithMailMerge *merge;
  GListStore    *failures;   /* KithMergeRecipient */
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (KithMergeRow, kith_merge_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MERGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Writes */

static void
show_write_error (KithMergeRow *self,
                  GError       *error)
{
  if (error != NULL && !g_cancellable_is_cancelled (self->cancellable))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

static void
on_paused_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithMergeRow) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_mail_merge_pause_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

static void
on_resumed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithMergeRow) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_mail_merge_resume_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

static void
on_cancelled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KithMergeRow) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_mail_merge_cancel_finish (KITH_STORE (source), result, &error);
  show_write_error (self, error);
}

static void
on_pause_clicked_cb (KithMergeRow *self)
{
  kith_store_mail_merge_pause_async (self->store, kith_mail_merge_get_id (self->merge), on_paused_cb,
                                     g_object_ref (self));
}

static void
on_resume_clicked_cb (KithMergeRow *self)
{
  kith_store_mail_merge_resume_async (self->store, kith_mail_merge_get_id (self->merge), on_resumed_cb,
                                      g_object_ref (self));
}

static void
cancel_merge (GtkWidget *widget,
              gpointer   merge)
{
  KithMergeRow *self = KITH_MERGE_ROW (widget);

  kith_store_mail_merge_cancel_async (self->store, kith_mail_merge_get_id (merge), on_cancelled_cb,
                                      g_object_ref (self));
}

static void
on_cancel_clicked_cb (KithMergeRow *self)
{
  kith_confirm_dialog_present (GTK_WIDGET (self), _("Cancel Mail Merge?"),
                               _("The messages not sent yet will not be sent. A cancelled merge cannot be resumed."),
                               _("_Stop Sending"), cancel_merge, self->merge);
}

/* Export Report… */

typedef struct {
  KithMergeRow *self;
  GFile        *file;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_object_unref (export->file);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
on_report_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *title = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      kith_widget_show_error (GTK_WIDGET (export->self), error->message);
      return;
    }
  /* Translators: the file's name */
  title = g_strdup_printf (_("Report saved as “%s”"), name);
  kith_widget_add_toast (GTK_WIDGET (export->self), adw_toast_new (title));
}

static void
on_report_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GError) error = NULL;
  char *csv = kith_store_mail_merge_report_csv_finish (KITH_STORE (source), result, &error);
  g_autoptr(GBytes) bytes = NULL;
  GFile *file = export->file;

  if (csv == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (export->self), error->message);
      return;
    }
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       on_report_saved_cb, g_steal_pointer (&export));
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(KithMergeRow) self = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;

  {
    Export *export = g_new0 (Export, 1);

    export->self = g_object_ref (self);
    export->file = g_steal_pointer (&file);
    /* The file the user asked for is written even if the row goes meanwhile */
    kith_store_mail_merge_report_csv_async (self->store, kith_mail_merge_get_id (self->merge), NULL, on_report_cb,
                                            export);
  }
}

static void
on_export_clicked_cb (KithMergeRow *self)
{
  const char *title = kith_mail_merge_get_title (self->merge);
  /* Translators: the name of a mail merge's report file; %s is the template's name */
  g_autofree char *name = g_strdup_printf (_("%s report.csv"), title != NULL ? title : _("Mail merge"));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Failures */

static void
on_failures_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithMergeRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) failed = kith_store_mail_merge_failures_finish (KITH_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (failed == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (failed); i++)
    g_ptr_array_add (items, g_list_model_get_item (failed, i));
  g_list_store_splice (self->failures, 0, g_list_model_get_n_items (G_LIST_MODEL (self->failures)), items->pdata,
                       items->len);
}

static void
load_failures (KithMergeRow *self)
{
  kith_store_mail_merge_failures_async (self->store, kith_mail_merge_get_id (self->merge), self->cancellable,
                                        on_failures_cb, g_object_ref (self));
}

static void
on_failures_toggled_cb (GtkToggleButton *button,
                        KithMergeRow    *self)
{
  if (gtk_toggle_button_get_active (button))
    load_failures (self);
}

/* A failure more while they show: read them again */
static void
on_failed_changed_cb (KithMailMerge *merge,
                      GParamSpec    *pspec,
                      KithMergeRow  *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->failures_list)))
    load_failures (self);
}

static GtkWidget *
create_failure_row (gpointer item,
                    gpointer user_data)
{
  KithMergeRecipient *recipient = item;
  const char *name = kith_merge_recipient_get_name (recipient);
  g_autofree char *who = g_strdup_printf ("%s <%s>", name != NULL ? name : "", kith_merge_recipient_get_address (recipient));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), who);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kith_merge_recipient_get_detail (recipient));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* Template callbacks */

static gboolean
can_pause (gpointer       this,
           KithMergeState state)
{
  return state == KITH_MERGE_RUNNING;
}

static gboolean
can_resume (gpointer       this,
            KithMergeState state)
{
  return state == KITH_MERGE_PAUSED;
}

static gboolean
can_cancel (gpointer       this,
            KithMergeState state)
{
  return state == KITH_MERGE_RUNNING || state == KITH_MERGE_PAUSED;
}

static gboolean
has_ended (gpointer       this,
           KithMergeState state)
{
  return state == KITH_MERGE_FINISHED || state == KITH_MERGE_CANCELLED;
}

static gboolean
has_some (gpointer this,
          guint    count)
{
  return count > 0;
}

static char *
title_text (gpointer    this,
            const char *title)
{
  return g_strdup (title != NULL && *title != '\0' ? title : _("Mail merge"));
}

/* "Today 14:20", "Thu 14:20" within the week, else "3 Dec 14:20" */
static char *
format_finish (gint64 finish)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (finish / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = kith_date_format_relative_day (time);
  g_autofree char *clock = kith_date_format (time, "%H:%M");

  if (day == NULL)
    day = kith_date_format (time, g_date_time_difference (time, now) < 6 * G_TIME_SPAN_DAY ? "%a" : "%-d %b");
  /* Translators: a day ("Today", "Thu", "3 Dec") and a time */
  return g_strdup_printf (C_("when", "%s %s"), day, clock);
}

static char *
status_text (gpointer        this,
             KithMergeState  state,
             guint           sent,
             guint           failed,
             guint           excluded,
             guint           total,
             gint64          finish)
{
  g_autofree char *progress = NULL;

  if (state == KITH_MERGE_FINISHED)
    /* Translators: counts of a finished mail merge's recipients */
    return g_strdup_printf (_("Finished: %'u sent, %'u failed, %'u excluded"), sent, failed, excluded);

  /* Translators: how many of a mail merge's recipients were sent, of all */
  progress = g_strdup_printf (_("%'u of %'u sent"), sent, total);
  if (state == KITH_MERGE_PAUSED)
    return g_strdup_printf (_("Paused: %s"), progress);
  if (state == KITH_MERGE_CANCELLED)
    return g_strdup_printf (_("Cancelled: %s"), progress);
  if (finish > g_get_real_time () / 1000)
    {
      g_autofree char *when = format_finish (finish);

      /* Translators: "128 of 1,000 sent" and when the last one leaves, "Thu 14:20" */
      return g_strdup_printf (_("%s · finishes %s"), progress, when);
    }
  return g_steal_pointer (&progress);
}

/* The object */

static void
kith_merge_row_constructed (GObject *object)
{
  KithMergeRow *self = KITH_MERGE_ROW (object);

  G_OBJECT_CLASS (kith_merge_row_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->failures_list, G_LIST_MODEL (self->failures), create_failure_row, NULL, NULL);
  g_signal_connect_object (self->merge, "notify::failed", G_CALLBACK (on_failed_changed_cb), self, 0);
}

static void
kith_merge_row_dispose (GObject *object)
{
  KithMergeRow *self = KITH_MERGE_ROW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MERGE_ROW);

  G_OBJECT_CLASS (kith_merge_row_parent_class)->dispose (object);
}

static void
kith_merge_row_finalize (GObject *object)
{
  KithMergeRow *self = KITH_MERGE_ROW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->merge);
  g_clear_object (&self->failures);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_merge_row_parent_class)->finalize (object);
}

static void
kith_merge_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithMergeRow *self = KITH_MERGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MERGE:
      g_value_set_object (value, self->merge);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_merge_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithMergeRow *self = KITH_MERGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_MERGE:
      self->merge = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_merge_row_class_init (KithMergeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_merge_row_constructed;
  object_class->dispose = kith_merge_row_dispose;
  object_class->finalize = kith_merge_row_finalize;
  object_class->get_property = kith_merge_row_get_property;
  object_class->set_property = kith_merge_row_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MERGE] = g_param_spec_object ("merge", NULL, NULL, KITH_TYPE_MAIL_MERGE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_MAIL_MERGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/merge/kith-merge-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMergeRow, failures_list);
  gtk_widget_class_bind_template_callback (widget_class, on_pause_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_resume_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_failures_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_text);
  gtk_widget_class_bind_template_callback (widget_class, title_text);
  gtk_widget_class_bind_template_callback (widget_class, can_pause);
  gtk_widget_class_bind_template_callback (widget_class, can_resume);
  gtk_widget_class_bind_template_callback (widget_class, can_cancel);
  gtk_widget_class_bind_template_callback (widget_class, has_ended);
  gtk_widget_class_bind_template_callback (widget_class, has_some);
}

static void
kith_merge_row_init (KithMergeRow *self)
{
  self->failures = g_list_store_new (KITH_TYPE_MERGE_RECIPIENT);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_merge_row_new:
 *
 * Returns: (transfer floating): a row showing @merge, steering it in @store
 */
GtkWidget *
kith_merge_row_new (KithStore     *store,
                    KithMailMerge *merge)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_MAIL_MERGE (merge), NULL);

  return g_object_new (KITH_TYPE_MERGE_ROW, "store", store, "merge", merge, NULL);
}
