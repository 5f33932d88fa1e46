/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"
#include "kith-timeline-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_ITEM_DIALOG (kith_item_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithItemDialog, kith_item_dialog, KITH, ITEM_DIALOG, AdwWindow)

GtkWidget *kith_item_dialog_new (KithStore        *store,
                                 GtkWindow        *parent,
                                 KithTimelineItem *item);
GtkWidget *kith_item_dialog_new_log (KithStore         *store,
                                     GtkWindow         *parent,
                                     KithTimelineStyle  style,
                                     gint64             record_id);
GtkWidget *kith_item_dialog_new_meeting_notes (KithStore        *store,
                                               GtkWindow        *parent,
                                               KithTimelineItem *meeting);

G_END_DECLS
