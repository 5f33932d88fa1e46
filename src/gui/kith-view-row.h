/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-view.h"

G_BEGIN_DECLS

#define KITH_TYPE_VIEW_ROW (kith_view_row_get_type ())
G_DECLARE_FINAL_TYPE (KithViewRow, kith_view_row, KITH, VIEW_ROW, GtkListBoxRow)

GtkWidget *kith_view_row_new      (KithView    *view);
KithView  *kith_view_row_get_view (KithViewRow *self);

G_END_DECLS
