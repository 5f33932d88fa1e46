/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GHashTable *kith_field_refusals_new   (void);
void        kith_field_refusal_set    (GHashTable *refusals,
                                       GtkWidget  *row,
                                       const char *message);
void        kith_field_refusal_update (GHashTable *refusals,
                                       GtkListBox *list);
void        kith_field_refusal_clear  (GHashTable *refusals,
                                       GtkListBox *list);

G_END_DECLS
