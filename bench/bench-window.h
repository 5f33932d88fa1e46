/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the window benchmarks share: the People list, found by walking the window rather than
 * through the page's API, so that they measure whatever the People page is made of. */

#include <gtk/gtk.h>

/* The list view on screen, or NULL */
G_GNUC_UNUSED static GtkWidget *
find_mapped_list_view (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LIST_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}
