/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-agenda-entry.h"

G_BEGIN_DECLS

#define KITH_TYPE_AGENDA_ROW (kith_agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (KithAgendaRow, kith_agenda_row, KITH, AGENDA_ROW, AdwActionRow)

GtkWidget       *kith_agenda_row_new       (KithAgendaEntry *entry);

G_END_DECLS
