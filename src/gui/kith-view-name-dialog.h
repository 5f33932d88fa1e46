/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_VIEW_NAME_DIALOG (kith_view_name_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithViewNameDialog, kith_view_name_dialog, KITH, VIEW_NAME_DIALOG, AdwMessageDialog)

GtkWidget *kith_view_name_dialog_new      (GtkWindow          *parent,
                                           const char         *heading,
                                           const char         *body,
                                           const char         *confirm_label,
                                           const char         *name);
char      *kith_view_name_dialog_dup_name (KithViewNameDialog *self);

G_END_DECLS
