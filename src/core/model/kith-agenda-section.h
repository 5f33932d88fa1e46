/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-agenda-entry.h"

G_BEGIN_DECLS

/* The Agenda's sections, in the order it shows them */
typedef enum {
  KITH_AGENDA_SECTION_OVERDUE,
  KITH_AGENDA_SECTION_TODAY,
  KITH_AGENDA_SECTION_MEETINGS,
  KITH_AGENDA_SECTION_REMINDERS,
  KITH_AGENDA_SECTION_NEEDS_REPLY,
  KITH_AGENDA_SECTION_STAY_IN_TOUCH,
  KITH_AGENDA_SECTION_OCCASIONS,
  KITH_AGENDA_SECTION_UPCOMING,
  KITH_AGENDA_SECTION_SOMEDAY,
} KithAgendaSectionKind;

#define KITH_AGENDA_N_SECTIONS (KITH_AGENDA_SECTION_SOMEDAY + 1)

#define KITH_TYPE_AGENDA_SECTION (kith_agenda_section_get_type ())
G_DECLARE_FINAL_TYPE (KithAgendaSection, kith_agenda_section, KITH, AGENDA_SECTION, GObject)

KithAgendaSection     *kith_agenda_section_new      (KithAgendaSectionKind  kind);
KithAgendaSectionKind  kith_agenda_section_get_kind (KithAgendaSection     *self);
const char            *kith_agenda_section_get_title (KithAgendaSection    *self);
void                   kith_agenda_section_append   (KithAgendaSection     *self,
                                                     KithAgendaEntry      **entries,
                                                     guint                  n_entries);
KithAgendaEntry       *kith_agenda_section_find     (KithAgendaSection     *self,
                                                     KithAgendaEntryKind    kind,
                                                     gint64                 id);
void                   kith_agenda_section_update   (KithAgendaSection     *self,
                                                     KithAgendaSection     *from);

G_END_DECLS
