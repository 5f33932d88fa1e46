/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-agenda-page.h"
#include "kith-inbox-page.h"
#include "kith-list-page.h"
#include "kith-profile-page.h"
#include "kith-calendar-service.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_WINDOW (kith_window_get_type ())
G_DECLARE_FINAL_TYPE (KithWindow, kith_window, KITH, WINDOW, AdwApplicationWindow)

KithWindow      *kith_window_new          (AdwApplication *application,
                                           KithStore      *store);
void             kith_window_show_page    (KithWindow     *self,
                                           const char     *name);
void             kith_window_open_record  (KithWindow     *self,
                                           gint64          id);
void             kith_window_add_toast    (KithWindow     *self,
                                           AdwToast       *toast);
void             kith_window_set_mail_service (KithWindow  *self,
                                           KithMailService *mail);
void             kith_window_set_calendar_service (KithWindow          *self,
                                                   KithCalendarService *calendar);

G_END_DECLS
