/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_CONTACT_DETAILS (kith_contact_details_get_type ())
G_DECLARE_FINAL_TYPE (KithContactDetails, kith_contact_details, KITH, CONTACT_DETAILS, AdwBin)

GtkWidget *kith_contact_details_new (KithStore  *store,
                                     KithRecord *record);

G_END_DECLS
