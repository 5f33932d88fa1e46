/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A list model shown as the rows of a preferences group. libadwaita 1.2 has no
 * adw_preferences_group_bind_model(), and the rows of a GtkListBox of our own in the group
 * are not found by the Preferences window's search, which looks at the group's own list of
 * rows: the model is bound to that list.
 */

#include "config.h"

#include "kith-group-model.h"

static GtkListBox *
find_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return GTK_LIST_BOX (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *list = find_list (child);

      if (list != NULL)
        return list;
    }
  return NULL;
}

/* The group shows its list only when rows were added through it */
static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GtkWidget  *list)
{
  gtk_widget_set_visible (list, g_list_model_get_n_items (model) > 0);
}

/**
 * kith_preferences_group_bind_model:
 * @create_row: makes an #AdwPreferencesRow for an item
 *
 * Shows @model as the rows of @group (which has no other rows), as gtk_list_box_bind_model()
 * does; without items, the group shows its title and description only.
 */
void
kith_preferences_group_bind_model (AdwPreferencesGroup        *group,
                                   GListModel                 *model,
                                   GtkListBoxCreateWidgetFunc  create_row,
                                   gpointer                    user_data)
{
  GtkListBox *list = find_list (GTK_WIDGET (group));

  g_return_if_fail (list != NULL);

  gtk_list_box_bind_model (list, model, create_row, user_data, NULL);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), list, 0);
  on_items_changed_cb (model, 0, 0, 0, GTK_WIDGET (list));
}
