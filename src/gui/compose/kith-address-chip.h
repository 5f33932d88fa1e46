/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_ADDRESS_CHIP (kith_address_chip_get_type ())
G_DECLARE_FINAL_TYPE (KithAddressChip, kith_address_chip, KITH, ADDRESS_CHIP, GtkWidget)

GtkWidget  *kith_address_chip_new           (const char      *address);
void        kith_address_chip_set_selected  (KithAddressChip *self,
                                             gboolean         selected);

G_END_DECLS
