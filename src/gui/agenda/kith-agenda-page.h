/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_AGENDA_PAGE (kith_agenda_page_get_type ())
G_DECLARE_FINAL_TYPE (KithAgendaPage, kith_agenda_page, KITH, AGENDA_PAGE, GtkWidget)

GtkWidget       *kith_agenda_page_new           (KithStore      *store);
guint            kith_agenda_page_get_count     (KithAgendaPage *self);
void             kith_agenda_page_load          (KithAgendaPage *self);
gboolean         kith_agenda_page_get_loaded    (KithAgendaPage *self);
void             kith_agenda_page_set_show_back (KithAgendaPage *self,
                                                 gboolean        show);

G_END_DECLS
