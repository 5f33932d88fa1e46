/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_LIST_AVATAR (kith_list_avatar_get_type ())

G_DECLARE_FINAL_TYPE (KithListAvatar, kith_list_avatar, KITH, LIST_AVATAR, GtkWidget)

GtkWidget *kith_list_avatar_new      (int             size);
void       kith_list_avatar_set_text (KithListAvatar *self,
                                      const char     *text);
void       kith_list_avatar_set_icon_name (KithListAvatar *self,
                                           const char     *icon_name);
void       kith_list_avatar_set_picture   (KithListAvatar *self,
                                           const char     *picture);

G_END_DECLS
