/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record.h"

G_BEGIN_DECLS

#define KITH_TYPE_COMPANY (kith_company_get_type ())
G_DECLARE_FINAL_TYPE (KithCompany, kith_company, KITH, COMPANY, KithRecord)

const char  *kith_company_get_description (KithCompany        *self);
void         kith_company_set_description (KithCompany        *self,
                                           const char         *description);
char       **kith_company_dup_domains     (KithCompany        *self);
void         kith_company_set_domains     (KithCompany        *self,
                                           const char * const *domains);

G_END_DECLS
