/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_COMPANY_PERSON_ROW (kith_company_person_row_get_type ())
G_DECLARE_FINAL_TYPE (KithCompanyPersonRow, kith_company_person_row, KITH, COMPANY_PERSON_ROW, AdwActionRow)

GtkWidget *kith_company_person_row_new (KithPerson *person);

G_END_DECLS
