/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-record-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_LIST_ROW (kith_list_row_get_type ())
G_DECLARE_FINAL_TYPE (KithListRow, kith_list_row, KITH, LIST_ROW, GtkWidget)

GtkWidget *kith_list_row_new      (void);
void       kith_list_row_set_item (KithListRow    *self,
                                   KithRecordItem *item);
KithRecordItem *kith_list_row_get_item (KithListRow *self);

G_END_DECLS
