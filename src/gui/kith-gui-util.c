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

/* A row of Preferences that shows the user's own text (a segment's name, an account's address)
 * keeps use-markup on and is given the text escaped: libadwaita 1.2 copies a row's title into
 * the window's search results, which read it as markup whatever the row's use-markup says, and
 * "Agents & Partners" would be found but shown without a title. */

/**
 * kith_markup_escape:
 * @text: (nullable): plain text
 *
 * Returns: (transfer full): @text as Pango markup; "" for %NULL
 */
char *
kith_markup_escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/**
 * kith_preferences_row_set_text_title:
 * @text: (nullable): plain text
 *
 * Sets @text as the title of @row, whose use-markup is on.
 */
void
kith_preferences_row_set_text_title (AdwPreferencesRow *row,
                                     const char        *text)
{
  g_autofree char *markup = kith_markup_escape (text);

  adw_preferences_row_set_title (row, markup);
}

static gboolean
escape_markup (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  g_value_take_string (to, kith_markup_escape (g_value_get_string (from)));
  return TRUE;
}

/**
 * kith_preferences_row_bind_text_title:
 * @source: the object whose string @property is the title
 *
 * Keeps the title of @row, whose use-markup is on, the plain text of @source's @property.
 *
 * Returns: (transfer none): the binding
 */
GBinding *
kith_preferences_row_bind_text_title (AdwPreferencesRow *row,
                                      gpointer           source,
                                      const char        *property)
{
  return g_object_bind_property_full (source, property, row, "title", G_BINDING_SYNC_CREATE,
                                      escape_markup, NULL, NULL, NULL);
}
