/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_LOG_PEOPLE (kith_log_people_get_type ())
G_DECLARE_FINAL_TYPE (KithLogPeople, kith_log_people, KITH, LOG_PEOPLE, AdwPreferencesGroup)

void     kith_log_people_add_participants (KithLogPeople *self,
                                           GListModel    *people);
void     kith_log_people_load_for         (KithLogPeople *self,
                                           gint64         record_id);
GStrv    kith_log_people_dup_values       (KithLogPeople *self);
gboolean kith_log_people_is_empty         (KithLogPeople *self);
void     kith_log_people_refuse           (KithLogPeople *self,
                                           const char    *message);

G_END_DECLS
