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

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *text = find_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/**
 * kith_widget_focus_without_selecting:
 * @position: where the cursor goes in @widget's text, -1 for its end
 *
 * Gives @widget the keyboard focus; a text field in it gets it with the cursor at @position and
 * nothing selected — for putting the focus back where the user was after rows were rebuilt.
 */
void
kith_widget_focus_without_selecting (GtkWidget *widget,
                                     int        position)
{
  GtkWidget *text = find_text (widget);

  if (text == NULL)
    {
      gtk_widget_grab_focus (widget);
      return;
    }
  gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  gtk_editable_set_position (GTK_EDITABLE (text), position);
}
