/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_LIST_TEXT (kith_list_text_get_type ())

G_DECLARE_FINAL_TYPE (KithListText, kith_list_text, KITH, LIST_TEXT, GtkWidget)

GtkWidget  *kith_list_text_new      (float         xalign,
                                     gboolean      fit_text);
const char *kith_list_text_get_text (KithListText *self);
void        kith_list_text_set_text (KithListText *self,
                                     const char   *text);
void        kith_list_text_measure_line (GtkWidget  *widget,
                                         const char *text,
                                         int        *width,
                                         int        *height);

G_END_DECLS
