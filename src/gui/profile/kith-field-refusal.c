/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFieldRefusal"

#include "config.h"

#include "kith-field-refusal.h"

/*
 * How a profile shows a value the store refused: the field's row is marked (the "error" style,
 * and invalid to assistive technologies) and keeps its title, which says what the field is; the
 * reason shows in full under the field's list, in the wrapping label that follows the list box
 * in its template. A row's title would cut a long reason off, and lose the field's name.
 *
 * Which rows stand refused, and why, is a table the widget that owns the rows keeps
 * (kith_field_refusals_new()): a row it holds stays alive until it is no longer refused, or no
 * longer in a list (a row of a list model, gone with its item).
 */

/**
 * kith_field_refusals_new:
 *
 * Returns: (transfer full): a table of refused rows (GtkWidget → why), for the other calls here
 */
GHashTable *
kith_field_refusals_new (void)
{
  return g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
}

/* The label under @list that says why its fields were refused, or NULL for a list that shows
 * nothing that can be refused */
static GtkLabel *
reasons_label (GtkListBox *list)
{
  GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (list));

  return GTK_IS_LABEL (next) ? GTK_LABEL (next) : NULL;
}

static gboolean
is_gone (gpointer key,
         gpointer value,
         gpointer user_data)
{
  return gtk_widget_get_parent (key) == NULL;
}

/**
 * kith_field_refusal_update:
 * @refusals: the rows refused (kith_field_refusals_new())
 *
 * Shows under @list why the store refused the values of its rows, one reason a line in the
 * rows' order; hides the label when none was refused. For after rows came or went: a row that
 * went forgets its refusal.
 */
void
kith_field_refusal_update (GHashTable *refusals,
                           GtkListBox *list)
{
  GtkLabel *label = reasons_label (list);
  g_autoptr(GString) reasons = g_string_new (NULL);

  g_hash_table_foreach_remove (refusals, is_gone, NULL);
  if (label == NULL)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const char *message = g_hash_table_lookup (refusals, row);

      if (message == NULL)
        continue;
      if (reasons->len > 0)
        g_string_append_c (reasons, '\n');
      g_string_append (reasons, message);
    }
  gtk_label_set_text (label, reasons->str);
  gtk_widget_set_visible (GTK_WIDGET (label), reasons->len > 0);
}

/**
 * kith_field_refusal_set:
 * @refusals: the rows refused (kith_field_refusals_new())
 * @row: the row of a field, in a list box or not yet
 * @message: (nullable): why the store refused its value, or %NULL once it took one
 *
 * Marks @row refused for @message, or no longer; shows the reason under its list.
 */
void
kith_field_refusal_set (GHashTable *refusals,
                        GtkWidget  *row,
                        const char *message)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  if (message != NULL)
    g_hash_table_replace (refusals, g_object_ref (row), g_strdup (message));
  else
    g_hash_table_remove (refusals, row);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  if (GTK_IS_LIST_BOX (list))
    kith_field_refusal_update (refusals, GTK_LIST_BOX (list));
}

/**
 * kith_field_refusal_clear:
 * @refusals: the rows refused (kith_field_refusals_new())
 *
 * No row of @list stands refused: for when it shows another record.
 */
void
kith_field_refusal_clear (GHashTable *refusals,
                          GtkListBox *list)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_hash_table_contains (refusals, row))
      kith_field_refusal_set (refusals, row, NULL);
  kith_field_refusal_update (refusals, list);
}
