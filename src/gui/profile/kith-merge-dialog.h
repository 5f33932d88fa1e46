/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_MERGE_DIALOG (kith_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithMergeDialog, kith_merge_dialog, KITH, MERGE_DIALOG, AdwMessageDialog)

GtkWidget *kith_merge_dialog_new (GtkWindow *parent,
                                  GPtrArray *candidates);

G_END_DECLS
