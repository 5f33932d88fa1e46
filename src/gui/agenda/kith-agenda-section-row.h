/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-agenda-section.h"

G_BEGIN_DECLS

#define KITH_TYPE_AGENDA_SECTION_ROW (kith_agenda_section_row_get_type ())
G_DECLARE_FINAL_TYPE (KithAgendaSectionRow, kith_agenda_section_row, KITH, AGENDA_SECTION_ROW, GtkListBoxRow)

GtkWidget *kith_agenda_section_row_new (KithAgendaSection *section);

G_END_DECLS
