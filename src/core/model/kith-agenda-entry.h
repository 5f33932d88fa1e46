/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-types.h"

G_BEGIN_DECLS

/* What an Agenda entry is about; docs/agenda.md has the rules of each */
typedef enum {
  KITH_AGENDA_ENTRY_TODO,
  KITH_AGENDA_ENTRY_REMINDER,       /* a record's next step whose reminder delay ran out */
  KITH_AGENDA_ENTRY_MEETING,
  KITH_AGENDA_ENTRY_NEEDS_REPLY,
  KITH_AGENDA_ENTRY_STAY_IN_TOUCH,
  KITH_AGENDA_ENTRY_OCCASION,
} KithAgendaEntryKind;

#define KITH_TYPE_AGENDA_ENTRY (kith_agenda_entry_get_type ())
G_DECLARE_FINAL_TYPE (KithAgendaEntry, kith_agenda_entry, KITH, AGENDA_ENTRY, GObject)

KithAgendaEntry     *kith_agenda_entry_new             (KithAgendaEntryKind  kind,
                                                        gint64               id);
KithAgendaEntryKind  kith_agenda_entry_get_kind        (KithAgendaEntry     *self);
gint64               kith_agenda_entry_get_id          (KithAgendaEntry     *self);
gint64               kith_agenda_entry_get_record_id   (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_title       (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_detail      (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_template    (KithAgendaEntry     *self);
gint64               kith_agenda_entry_get_template_id (KithAgendaEntry     *self);
const char * const  *kith_agenda_entry_get_people      (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_day         (KithAgendaEntry     *self);
gint64               kith_agenda_entry_get_time        (KithAgendaEntry     *self);
int                  kith_agenda_entry_get_in_days     (KithAgendaEntry     *self);
int                  kith_agenda_entry_get_cadence     (KithAgendaEntry     *self);
int                  kith_agenda_entry_get_overdue_days (KithAgendaEntry    *self);
int                  kith_agenda_entry_get_years       (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_preview     (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_assignee    (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_segment     (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_stage       (KithAgendaEntry     *self);
const char          *kith_agenda_entry_get_step        (KithAgendaEntry     *self);
KithRecordKind       kith_agenda_entry_get_record_kind (KithAgendaEntry     *self);
gint64               kith_agenda_entry_get_duration    (KithAgendaEntry     *self);
gint64               kith_agenda_entry_get_person_id   (KithAgendaEntry     *self,
                                                        guint                index,
                                                        KithRecordKind      *out_kind);
const char          *kith_agenda_entry_get_link       (KithAgendaEntry     *self);
gboolean             kith_agenda_entry_get_next       (KithAgendaEntry     *self);
gboolean             kith_agenda_entry_is_same         (KithAgendaEntry     *self,
                                                        KithAgendaEntry     *other);
void                 kith_agenda_entry_update          (KithAgendaEntry     *self,
                                                        KithAgendaEntry     *from);

G_END_DECLS
