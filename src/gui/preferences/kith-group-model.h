/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void        kith_preferences_group_bind_model (AdwPreferencesGroup               *group,
                                               GListModel                        *model,
                                               GtkListBoxCreateWidgetFunc         create_row,
                                               gpointer                           user_data);

G_END_DECLS
