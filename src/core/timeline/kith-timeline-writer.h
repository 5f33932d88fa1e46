/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Timeline items: emails, calls, texts, meetings, notes, events */
gint64      kith_store_add_timeline_item   (KithStore               *self,
                                            JsonObject              *data,
                                            gboolean                *out_existed,
                                            GError                 **error);
gboolean    kith_store_delete_timeline_item (KithStore              *self,
                                            gint64                   item_id,
                                            GError                 **error);

gint64      kith_store_delete_timeline_item_with_undo (KithStore    *self,
                                                      gint64        item_id,
                                                      GError      **error);

G_END_DECLS
