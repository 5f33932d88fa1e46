/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-calendar-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_CALENDARS_PAGE (kith_calendars_page_get_type ())
G_DECLARE_FINAL_TYPE (KithCalendarsPage, kith_calendars_page, KITH, CALENDARS_PAGE, AdwPreferencesPage)

GtkWidget *kith_calendars_page_new (KithCalendarService *service);

G_END_DECLS
