/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record.h"

G_BEGIN_DECLS

#define KITH_TYPE_PERSON (kith_person_get_type ())
G_DECLARE_FINAL_TYPE (KithPerson, kith_person, KITH, PERSON, KithRecord)

const char *kith_person_get_headline   (KithPerson *self);
void        kith_person_set_headline   (KithPerson *self,
                                        const char *headline);
const char *kith_person_get_company    (KithPerson *self);
void        kith_person_set_company    (KithPerson *self,
                                        const char *company);
gint64      kith_person_get_company_id (KithPerson *self);
const char *kith_person_get_birthday   (KithPerson *self);
gint64      kith_person_get_cadence    (KithPerson *self);
void        kith_person_set_cadence    (KithPerson *self,
                                        gint64      cadence);

G_END_DECLS
