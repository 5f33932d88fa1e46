/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void kith_widget_add_toast  (GtkWidget  *widget,
                             AdwToast   *toast);
void kith_widget_show_error (GtkWidget  *widget,
                             const char *message);
void kith_widget_focus_without_selecting (GtkWidget *widget,
                                          int        position);

char     *kith_markup_escape                   (const char        *text);
void      kith_preferences_row_set_text_title  (AdwPreferencesRow *row,
                                                const char        *text);
GBinding *kith_preferences_row_bind_text_title (AdwPreferencesRow *row,
                                                gpointer           source,
                                                const char        *property);

G_END_DECLS
