/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-files-group.h"
#include "kith-relationship-editor.h"
#include "kith-calendar-service.h"
#include "kith-core.h"
#include "kith-timeline-view.h"

G_BEGIN_DECLS

#define KITH_TYPE_PROFILE_PAGE (kith_profile_page_get_type ())
G_DECLARE_FINAL_TYPE (KithProfilePage, kith_profile_page, KITH, PROFILE_PAGE, GtkWidget)

GtkWidget              *kith_profile_page_new              (KithStore       *store);
void                    kith_profile_page_set_record       (KithProfilePage *self,
                                                            KithStore       *store,
                                                            gint64           record_id);
KithRecord             *kith_profile_page_get_record       (KithProfilePage *self);
void                    kith_profile_page_set_show_back    (KithProfilePage *self,
                                                            gboolean         show);
void                    kith_profile_page_set_calendar_service (KithProfilePage     *self,
                                                                KithCalendarService *calendar);
void                    kith_profile_page_set_list_kind    (KithProfilePage *self,
                                                            KithRecordKind   kind);

G_END_DECLS
