/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kith_import_chooser_show (GtkWidget *widget);

G_END_DECLS
