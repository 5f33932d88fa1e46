/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef void (*KithConfirmedFunc) (GtkWidget *widget,
                                   gpointer   item);

void kith_confirm_dialog_present (GtkWidget         *widget,
                                  const char        *heading,
                                  const char        *body,
                                  const char        *confirm_label,
                                  KithConfirmedFunc  confirmed,
                                  gpointer           item);

G_END_DECLS
