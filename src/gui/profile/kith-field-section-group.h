/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_FIELD_SECTION_GROUP (kith_field_section_group_get_type ())
G_DECLARE_FINAL_TYPE (KithFieldSectionGroup, kith_field_section_group, KITH, FIELD_SECTION_GROUP, AdwPreferencesGroup)

GtkWidget  *kith_field_section_group_new      (const char                 *section);
void        kith_field_section_group_bind     (KithFieldSectionGroup      *self,
                                               GListModel                 *fields,
                                               GtkListBoxCreateWidgetFunc  create_row,
                                               gpointer                    user_data,
                                               GHashTable                 *refusals);
GtkListBox *kith_field_section_group_get_list (KithFieldSectionGroup      *self);

G_END_DECLS
