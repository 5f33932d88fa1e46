/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-calendar-service.h"

G_BEGIN_DECLS

void kith_meeting_delete (GtkWidget           *widget,
                          KithCalendarService *calendars,
                          const char          *calendar_uid,
                          const char          *event_uid);

G_END_DECLS
