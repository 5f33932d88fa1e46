/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_ADDRESS_ENTRY (kith_address_entry_get_type ())
G_DECLARE_FINAL_TYPE (KithAddressEntry, kith_address_entry, KITH, ADDRESS_ENTRY, GtkWidget)

GtkWidget   *kith_address_entry_new            (KithStore          *store);
GStrv        kith_address_entry_get_addresses  (KithAddressEntry   *self);
void         kith_address_entry_set_addresses  (KithAddressEntry   *self,
                                                const char * const *addresses);
const char  *kith_address_entry_get_invalid    (KithAddressEntry   *self);

G_END_DECLS
