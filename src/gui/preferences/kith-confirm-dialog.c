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
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  Confirm *confirm = g_new0 (Confirm, 1);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "confirm", confirm_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  confirm->widget = g_object_ref (widget);
  confirm->item = g_object_ref (item);
  confirm->confirmed = confirmed;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), confirm, confirm_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
