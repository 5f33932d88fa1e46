/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-file.h"

G_BEGIN_DECLS

#define KITH_TYPE_FILE_ROW (kith_file_row_get_type ())
G_DECLARE_FINAL_TYPE (KithFileRow, kith_file_row, KITH, FILE_ROW, AdwActionRow)

GtkWidget *kith_file_row_new (KithFile *file);

G_END_DECLS
