/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-agenda-section.h"

G_BEGIN_DECLS

#define KITH_TYPE_AGENDA_MODEL (kith_agenda_model_get_type ())
G_DECLARE_FINAL_TYPE (KithAgendaModel, kith_agenda_model, KITH, AGENDA_MODEL, GObject)

KithAgendaModel   *kith_agenda_model_new         (const char            *date);
const char        *kith_agenda_model_get_date    (KithAgendaModel       *self);
KithAgendaSection *kith_agenda_model_get_section (KithAgendaModel       *self,
                                                  KithAgendaSectionKind  kind);
guint              kith_agenda_model_get_count   (KithAgendaModel       *self);
guint              kith_agenda_model_get_total   (KithAgendaModel       *self);
gboolean           kith_agenda_model_get_loaded  (KithAgendaModel       *self);
KithAgendaEntry   *kith_agenda_model_find_todo   (KithAgendaModel       *self,
                                                  gint64                 todo_id);
void               kith_agenda_model_update      (KithAgendaModel       *self,
                                                  KithAgendaModel       *from);

G_END_DECLS
