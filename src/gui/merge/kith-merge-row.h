/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_MERGE_ROW (kith_merge_row_get_type ())
G_DECLARE_FINAL_TYPE (KithMergeRow, kith_merge_row, KITH, MERGE_ROW, GtkListBoxRow)

GtkWidget *kith_merge_row_new (KithStore     *store,
                               KithMailMerge *merge);

G_END_DECLS
