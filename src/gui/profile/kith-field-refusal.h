/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kith_field_refusal_set    (GtkWidget  *row,
                                const char *message);
void kith_field_refusal_update (GtkListBox *list);
void kith_field_refusal_clear  (GtkListBox *list);

G_END_DECLS
