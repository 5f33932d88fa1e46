/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithFieldSectionGroup: one section of a profile's custom fields — a group titled with the
 * section's name ("Details" for the fields without one) and the rows of its fields in scope,
 * with the reasons the store refused values under them (kith-field-refusal.c). Hidden while
 * none of its fields applies to the record.
 */

#define G_LOG_DOMAIN "KithFieldSectionGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-field-refusal.h"
#include "kith-field-section-group.h"

struct _KithFieldSectionGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *fields_list;
  GHashTable          *refusals;      /* its owner's rows refused (kith_field_refusals_new()) */
};

G_DEFINE_FINAL_TYPE (KithFieldSectionGroup, kith_field_section_group, ADW_TYPE_PREFERENCES_GROUP)

static void
on_items_changed_cb (KithFieldSectionGroup *self,
                     guint                  position,
                     guint                  removed,
                     guint                  added,
                     GListModel            *fields)
{
  gtk_widget_set_visible (GTK_WIDGET (self), g_list_model_get_n_items (fields) > 0);
  if (self->refusals != NULL)
    kith_field_refusal_update (self->refusals, self->fields_list);
}

/**
 * kith_field_section_group_bind:
 * @fields: the section's fields (KithFieldDefinition) that apply to the record
 * @create_row: makes the row of a field
 * @refusals: the rows refused, kept by the owner of the rows (kith_field_refusals_new())
 *
 * Shows @fields as the group's rows.
 */
void
kith_field_section_group_bind (KithFieldSectionGroup      *self,
                               GListModel                 *fields,
                               GtkListBoxCreateWidgetFunc  create_row,
                               gpointer                    user_data,
                               GHashTable                 *refusals)
{
  g_return_if_fail (KITH_IS_FIELD_SECTION_GROUP (self));

  g_clear_pointer (&self->refusals, g_hash_table_unref);
  self->refusals = g_hash_table_ref (refusals);
  gtk_list_box_bind_model (self->fields_list, fields, create_row, user_data, NULL);
  /* After the list box made its rows */
  g_signal_connect_object (fields, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  on_items_changed_cb (self, 0, 0, 0, fields);
}

/**
 * kith_field_section_group_get_list:
 *
 * Returns: (transfer none): the list box of the fields' rows
 */
GtkListBox *
kith_field_section_group_get_list (KithFieldSectionGroup *self)
{
  g_return_val_if_fail (KITH_IS_FIELD_SECTION_GROUP (self), NULL);

  return self->fields_list;
}

static void
kith_field_section_group_dispose (GObject *object)
{
  KithFieldSectionGroup *self = KITH_FIELD_SECTION_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_FIELD_SECTION_GROUP);
  g_clear_pointer (&self->refusals, g_hash_table_unref);

  G_OBJECT_CLASS (kith_field_section_group_parent_class)->dispose (object);
}

static void
kith_field_section_group_class_init (KithFieldSectionGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_field_section_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-field-section-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KithFieldSectionGroup, fields_list);
}

static void
kith_field_section_group_init (KithFieldSectionGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_field_section_group_new:
 * @section: (nullable): the section's name, or %NULL (or empty) for the fields without one
 */
GtkWidget *
kith_field_section_group_new (const char *section)
{
  return g_object_new (KITH_TYPE_FIELD_SECTION_GROUP,
                       "title", section != NULL && *section != '\0' ? section : _("Details"),
                       NULL);
}
