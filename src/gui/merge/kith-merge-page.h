/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_MERGE_PAGE (kith_merge_page_get_type ())
G_DECLARE_FINAL_TYPE (KithMergePage, kith_merge_page, KITH, MERGE_PAGE, GtkWidget)

GtkWidget *kith_merge_page_new           (KithStore     *store);
gboolean   kith_merge_page_get_busy      (KithMergePage *self);
double     kith_merge_page_get_fraction  (KithMergePage *self);
void       kith_merge_page_set_show_back (KithMergePage *self,
                                          gboolean       show_back);

G_END_DECLS
