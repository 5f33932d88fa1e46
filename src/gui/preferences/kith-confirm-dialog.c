/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Asks before a change that cannot be undone (a field or a tag removed from every record) */

#include "config.h"

#include <glib/gi18n.h>

#include "kith-confirm-dialog.h"

typedef struct {
  GtkWidget         *widget;
  GObject           *item;
  KithConfirmedFunc  confirmed;
} Confirm;

static void
confirm_free (gpointer  data,
              GClosure *closure)
{
  Confirm *confirm = data;

  g_object_unref (confirm->widget);
  g_object_unref (confirm->item);
  g_free (confirm);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Confirm          *confirm)
{
  if (g_str_equal (response, "confirm"))
    confirm->confirmed (confirm->widget, confirm->item);
}

/**
 * kith_confirm_dialog_present:
 * @widget: what asks, in the window the dialog is over
 * @confirm_label: the destructive response ("_Delete")
 * @confirmed: called with @widget and @item if the user confirms
 * @item: (type GObject): what it is about
 *
 * Asks the user, Cancel being the default.
 */
void
kith_confirm_dialog_present (GtkWidget         *widget,
                             const char        *heading,
                             const char        *body,
                             const char        *confirm_label,
                             KithConfirmedFunc  confirmed,
                             gpointer           item)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/kithcrm/Kith/ui/preferences/kith-confirm-dialog.ui");
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  Confirm *confirm = g_new0 (Confirm, 1);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_label (dialog, "confirm", confirm_label);
  confirm->widget = g_object_ref (widget);
  confirm->item = g_object_ref (item);
  confirm->confirmed = confirmed;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), confirm, confirm_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
