/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_SEGMENT_DIALOG (kith_segment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithSegmentDialog, kith_segment_dialog, KITH, SEGMENT_DIALOG, AdwMessageDialog)

GtkWidget  *kith_segment_dialog_new           (GtkWindow         *parent);
char       *kith_segment_dialog_dup_name      (KithSegmentDialog *self);
gboolean    kith_segment_dialog_get_for_deals (KithSegmentDialog *self);

G_END_DECLS
