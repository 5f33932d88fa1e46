/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * File → Import…: the file chooser, with a filter for each format Kith reads (from the table of
 * kith-transfer-formats.c) and one for all of them. The file chosen goes to win.import-file,
 * where a file dropped on a list goes too.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kith-import-chooser.h"
#include "kith-transfer.h"

static void
on_response_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  uri = g_file_get_uri (file);
  gtk_widget_activate_action (widget, "win.import-file", "(si)", uri, KITH_RECORD_PERSON);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All Supported Files"));
  gtk_file_chooser_add_filter (chooser, all);

  for (guint i = 0; i < kith_transfer_format_count (); i++)
    {
      const KithTransferFormat *format = kith_transfer_format_get (i);
      g_autoptr(GtkFileFilter) filter = NULL;

      if (format->import == NULL)
        continue;
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _(format->title));
      for (guint j = 0; format->extensions[j] != NULL; j++)
        {
          /* Without the dot */
          gtk_file_filter_add_suffix (filter, format->extensions[j] + 1);
          gtk_file_filter_add_suffix (all, format->extensions[j] + 1);
        }
      gtk_file_chooser_add_filter (chooser, filter);
    }
  gtk_file_chooser_set_filter (chooser, all);
}

/**
 * kith_import_chooser_show:
 * @widget: in the window to import into; its win.import-file gets the file chosen
 */
void
kith_import_chooser_show (GtkWidget *widget)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (on_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
