/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-tag.h"

G_BEGIN_DECLS

#define KITH_TYPE_TAG_ROW (kith_tag_row_get_type ())
G_DECLARE_FINAL_TYPE (KithTagRow, kith_tag_row, KITH, TAG_ROW, AdwEntryRow)

GtkWidget *kith_tag_row_new (KithTag *tag);

G_END_DECLS
