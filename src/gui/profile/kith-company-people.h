/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_COMPANY_PEOPLE (kith_company_people_get_type ())
G_DECLARE_FINAL_TYPE (KithCompanyPeople, kith_company_people, KITH, COMPANY_PEOPLE, AdwBin)

G_END_DECLS
