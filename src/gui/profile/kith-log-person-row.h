/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-timeline-person.h"

G_BEGIN_DECLS

#define KITH_TYPE_LOG_PERSON_ROW (kith_log_person_row_get_type ())
G_DECLARE_FINAL_TYPE (KithLogPersonRow, kith_log_person_row, KITH, LOG_PERSON_ROW, AdwActionRow)

GtkWidget *kith_log_person_row_new (KithTimelinePerson *person,
                                    gboolean            removable);

G_END_DECLS
