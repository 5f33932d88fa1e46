/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

/* The button an entry's row has to get in touch through it */
typedef enum {
  KITH_CONTACT_DETAILS_CONTACT_NONE,
  KITH_CONTACT_DETAILS_CONTACT_EMAIL,  /* Write Email */
  KITH_CONTACT_DETAILS_CONTACT_PHONE,  /* Call */
} KithContactDetailsContact;

#define KITH_TYPE_CONTACT_DETAILS_ENTRY_ROW (kith_contact_details_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (KithContactDetailsEntryRow, kith_contact_details_entry_row, KITH, CONTACT_DETAILS_ENTRY_ROW,
                      AdwEntryRow)

GtkWidget       *kith_contact_details_entry_row_new       (KithRecordEntry            *entry,
                                                           const char                 *kind,
                                                           GMenuModel                 *labels,
                                                           KithContactDetailsContact   contact);
KithRecordEntry *kith_contact_details_entry_row_get_entry (KithContactDetailsEntryRow *self);
const char      *kith_contact_details_label_text          (const char                 *label);

G_END_DECLS
