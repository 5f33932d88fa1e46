/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_TAG_CHIP (kith_tag_chip_get_type ())
G_DECLARE_FINAL_TYPE (KithTagChip, kith_tag_chip, KITH, TAG_CHIP, GtkButton)

GtkWidget *kith_tag_chip_new (const char *tag);

G_END_DECLS
