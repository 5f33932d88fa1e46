/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kith-message.h"

G_BEGIN_DECLS

#define KITH_TYPE_MESSAGE_VIEW (kith_message_view_get_type ())
G_DECLARE_FINAL_TYPE (KithMessageView, kith_message_view, KITH, MESSAGE_VIEW, GtkWidget)

GtkWidget *kith_message_view_new                    (void);
void       kith_message_view_set_body               (KithMessageView *self,
                                                     const char      *body,
                                                     const char      *body_type);
gboolean   kith_message_view_get_has_remote_content (KithMessageView *self);
void       kith_message_view_load_remote_content    (KithMessageView *self);
void       kith_message_view_set_message            (KithMessageView *self,
                                                     KithMessage     *message);

G_END_DECLS
