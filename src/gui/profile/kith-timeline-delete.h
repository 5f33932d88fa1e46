/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"

G_BEGIN_DECLS

void kith_timeline_delete_item (GtkWidget  *widget,
                                KithStore  *store,
                                gint64      item_id);
void kith_timeline_delete_todo (GtkWidget  *widget,
                                KithStore  *store,
                                gint64      todo_id);

G_END_DECLS
