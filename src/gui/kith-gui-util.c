/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-gui-util.h"

/**
 * kith_widget_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the toast overlay @widget is in, if any.
 */
void
kith_widget_add_toast (GtkWidget *widget,
                       AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/**
 * kith_widget_show_error:
 *
 * Shows @message (what went wrong and with what) in a toast that stays until dismissed.
 */
void
kith_widget_show_error (GtkWidget  *widget,
                        const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  kith_widget_add_toast (widget, toast);
}
