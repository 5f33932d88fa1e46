/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <libedataserver/libedataserver.h>

#include "kith-calendar-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_CALENDAR_ROW (kith_calendar_row_get_type ())
G_DECLARE_FINAL_TYPE (KithCalendarRow, kith_calendar_row, KITH, CALENDAR_ROW, AdwActionRow)

GtkWidget *kith_calendar_row_new (KithCalendarService *service,
                                  KithCalendarSource  *source,
                                  ESourceRegistry     *registry);

G_END_DECLS
