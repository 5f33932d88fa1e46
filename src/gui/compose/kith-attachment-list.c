/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KithAttachmentList: the files a message carries, each with its name, its size and a button
 * that takes it off, and a warning when they come to more than most servers take. A file is
 * listed once it is known to be a file that can be read; one that is not is named in the
 * "problem" signal, for the window to show. */

#define G_LOG_DOMAIN "KithAttachmentList"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kith-attachment-list.h"

/* What most providers take in one message; the banner says so above it */
#define USUAL_SIZE_LIMIT (25 * 1000 * 1000)

/* The attribute of a file's GFileInfo that holds its path */
#define ATTRIBUTE_PATH "kith::path"

#define FILE_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                        G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ

struct _KithAttachmentList
{
  GtkWidget     parent_instance;

  GtkRevealer  *size_revealer;
  GtkLabel     *size_label;
  GtkListBox   *list_box;

  GListStore   *files;      /* GFileInfo, with ATTRIBUTE_PATH */
  GCancellable *cancellable;
  guint         n_pending;  /* files being looked at before they are listed */
};

G_DEFINE_FINAL_TYPE (KithAttachmentList, kith_attachment_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
path_of (GFileInfo *info)
{
  return g_file_info_get_attribute_byte_string (info, ATTRIBUTE_PATH);
}

/* The position of the file at @path, or -1 */
static int
find_path (KithAttachmentList *self,
           const char         *path)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->files)); i++)
    {
      g_autoptr(GFileInfo) info = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      if (g_strcmp0 (path_of (info), path) == 0)
        return i;
    }
  return -1;
}

static gint64
total_size (KithAttachmentList *self)
{
  gint64 total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->files)); i++)
    {
      g_autoptr(GFileInfo) info = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      total += g_file_info_get_size (info);
    }
  return total;
}

static void
on_files_changed_cb (KithAttachmentList *self)
{
  gint64 total = total_size (self);

  gtk_widget_set_visible (GTK_WIDGET (self->list_box), g_list_model_get_n_items (G_LIST_MODEL (self->files)) > 0);
  if (total > USUAL_SIZE_LIMIT)
    {
      g_autofree char *size = g_format_size (total);
      g_autofree char *text = g_strdup_printf (_("The attachments come to %s, above the usual limit of 25 MB: "
                                                 "the server may refuse the message"), size);

      gtk_label_set_text (self->size_label, text);
    }
  gtk_revealer_set_reveal_child (self->size_revealer, total > USUAL_SIZE_LIMIT);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GFileInfo *info = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  g_autofree char *size = g_format_size (g_file_info_get_size (info));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_file_info_get_display_name (info));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Attachment"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "attachments.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", path_of (info));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithAttachmentList *self = KITH_ATTACHMENT_LIST (widget);
  int position = find_path (self, g_variant_get_string (parameter, NULL));

  if (position >= 0)
    g_list_store_remove (self->files, position);
}

/* Why @file cannot be sent as an attachment, or %NULL */
static const char *
file_problem (GFile     *file,
              GFileInfo *info)
{
  if (g_file_peek_path (file) == NULL)
    return _("it is not on this computer");
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return _("it is a folder");
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    return _("it cannot be read");
  return NULL;
}

static void
on_file_info_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GFile *file = G_FILE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (file, result, &error);
  KithAttachmentList *self;
  const char *problem;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  self->n_pending--;
  problem = info != NULL ? file_problem (file, info) : error->message;
  if (problem != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      /* Translators: the first %s is a file, the second why it cannot be attached */
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be attached: %s"), name, problem);

      g_signal_emit (self, signals[PROBLEM], 0, message);
      return;
    }

  /* A file dropped twice goes once */
  if (find_path (self, g_file_peek_path (file)) >= 0)
    return;
  g_file_info_set_attribute_byte_string (info, ATTRIBUTE_PATH, g_file_peek_path (file));
  g_list_store_append (self->files, info);
}

static void
kith_attachment_list_dispose (GObject *object)
{
  KithAttachmentList *self = KITH_ATTACHMENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_ATTACHMENT_LIST);

  G_OBJECT_CLASS (kith_attachment_list_parent_class)->dispose (object);
}

static void
kith_attachment_list_finalize (GObject *object)
{
  KithAttachmentList *self = KITH_ATTACHMENT_LIST (object);

  g_clear_object (&self->files);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_attachment_list_parent_class)->finalize (object);
}

static void
kith_attachment_list_class_init (KithAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_attachment_list_dispose;
  object_class->finalize = kith_attachment_list_finalize;

  /* A file was listed or taken off */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A file could not be attached: the message names it and says why */
  signals[PROBLEM] = g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/compose/kith-attachment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KithAttachmentList, size_revealer);
  gtk_widget_class_bind_template_child (widget_class, KithAttachmentList, size_label);
  gtk_widget_class_bind_template_child (widget_class, KithAttachmentList, list_box);
  gtk_widget_class_install_action (widget_class, "attachments.remove", "s", remove_action);
}

static void
kith_attachment_list_init (KithAttachmentList *self)
{
  self->files = g_list_store_new (G_TYPE_FILE_INFO);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->files), create_row, NULL, NULL);
  g_signal_connect_object (self->files, "items-changed", G_CALLBACK (on_files_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * kith_attachment_list_add:
 *
 * Lists @file once it is known to be a file that can be read; "problem" says why it is not.
 */
void
kith_attachment_list_add (KithAttachmentList *self,
                          GFile              *file)
{
  g_return_if_fail (KITH_IS_ATTACHMENT_LIST (self));
  g_return_if_fail (G_IS_FILE (file));

  self->n_pending++;
  g_file_query_info_async (file, FILE_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           on_file_info_cb, self);
}

static void
on_chooser_response_cb (GtkNativeDialog    *chooser,
                        int                 response,
                        KithAttachmentList *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          kith_attachment_list_add (self, file);
        }
    }
  g_object_unref (chooser);
}

/**
 * kith_attachment_list_choose:
 * @parent: the window the file chooser is modal over
 *
 * Asks for files to attach, as Attach Files… does, and lists those chosen.
 */
void
kith_attachment_list_choose (KithAttachmentList *self,
                             GtkWindow          *parent)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Attach Files"), parent,
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL);

  g_return_if_fail (KITH_IS_ATTACHMENT_LIST (self));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Lists the files at @paths (a draft's), each once it has been looked at */
void
kith_attachment_list_set_paths (KithAttachmentList *self,
                                const char * const *paths)
{
  g_return_if_fail (KITH_IS_ATTACHMENT_LIST (self));

  g_list_store_remove_all (self->files);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      kith_attachment_list_add (self, file);
    }
}

/**
 * kith_attachment_list_dup_paths:
 *
 * Returns: (transfer full): the paths of the files listed
 */
GStrv
kith_attachment_list_dup_paths (KithAttachmentList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KITH_IS_ATTACHMENT_LIST (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->files)); i++)
    {
      g_autoptr(GFileInfo) info = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      g_strv_builder_add (builder, path_of (info));
    }
  return g_strv_builder_end (builder);
}

/* Whether a file added is still being looked at: the list is not yet what the user asked for */
gboolean
kith_attachment_list_is_busy (KithAttachmentList *self)
{
  g_return_val_if_fail (KITH_IS_ATTACHMENT_LIST (self), FALSE);

  return self->n_pending > 0;
}
