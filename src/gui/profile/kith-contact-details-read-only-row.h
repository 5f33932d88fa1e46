/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_CONTACT_DETAILS_READ_ONLY_ROW (kith_contact_details_read_only_row_get_type ())
G_DECLARE_FINAL_TYPE (KithContactDetailsReadOnlyRow, kith_contact_details_read_only_row, KITH,
                      CONTACT_DETAILS_READ_ONLY_ROW, AdwActionRow)

GtkWidget *kith_contact_details_read_only_row_new (KithRecordEntry *entry,
                                                   const char      *kind,
                                                   const char      *icon_name);

G_END_DECLS
