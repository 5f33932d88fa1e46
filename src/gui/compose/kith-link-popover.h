/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_LINK_POPOVER (kith_link_popover_get_type ())
G_DECLARE_FINAL_TYPE (KithLinkPopover, kith_link_popover, KITH, LINK_POPOVER, GtkPopover)

GtkWidget *kith_link_popover_new     (void);
void       kith_link_popover_set_url (KithLinkPopover *self,
                                      const char      *url);

G_END_DECLS
