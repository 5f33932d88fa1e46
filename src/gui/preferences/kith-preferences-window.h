/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-mail-service.h"
#include "kith-book-service.h"
#include "kith-calendar-service.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_PREFERENCES_WINDOW (kith_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KithPreferencesWindow, kith_preferences_window, KITH, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *kith_preferences_window_new    (KithStore             *store,
                                           GtkWindow             *parent);
void       kith_preferences_window_set_mail_service (KithPreferencesWindow *self,
                                                     KithMailService       *mail);
void       kith_preferences_window_set_calendar_service (KithPreferencesWindow *self,
                                                          KithCalendarService   *calendar);
void       kith_preferences_window_set_book_service     (KithPreferencesWindow *self,
                                                          KithBookService       *books);
void       kith_preferences_window_add_mail_account (KithPreferencesWindow *self);

G_END_DECLS
