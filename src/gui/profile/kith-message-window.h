/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-timeline-item.h"

G_BEGIN_DECLS

#define KITH_TYPE_MESSAGE_WINDOW (kith_message_window_get_type ())
G_DECLARE_FINAL_TYPE (KithMessageWindow, kith_message_window, KITH, MESSAGE_WINDOW, AdwWindow)

GtkWidget *kith_message_window_new (KithTimelineItem *item);

G_END_DECLS
