/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-calendar-service.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_SCHEDULE_DIALOG (kith_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithScheduleDialog, kith_schedule_dialog, KITH, SCHEDULE_DIALOG, AdwWindow)

GtkWidget *kith_schedule_dialog_new (KithStore           *store,
                                     KithCalendarService *calendars,
                                     gint64               record_id,
                                     GtkWindow           *parent);
GtkWidget *kith_schedule_dialog_new_for_event (KithStore           *store,
                                               KithCalendarService *calendars,
                                               const char          *calendar_uid,
                                               const char          *event_uid,
                                               GtkWindow           *parent);

G_END_DECLS
