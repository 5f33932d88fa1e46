/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* To-dos */
gint64      kith_store_add_todo            (KithStore               *self,
                                            JsonObject              *data,
                                            GError                 **error);
gboolean    kith_store_set_todo_done       (KithStore               *self,
                                            gint64                   todo_id,
                                            gboolean                 done,
                                            GError                 **error);
gboolean    kith_store_reschedule_todo     (KithStore               *self,
                                            gint64                   todo_id,
                                            const char              *due,
                                            GError                 **error);
gint64      kith_store_delete_todo_with_undo (KithStore             *self,
                                              gint64                 todo_id,
                                              GError               **error);
gboolean    kith_todo_parse_due            (const char              *due,
                                            GDate                   *out_day,
                                            int                     *out_minute);
GPtrArray  *kith_store_list_todos          (KithStore               *self,
                                            gint64                   record_id,
                                            gboolean                 include_done,
                                            GError                 **error);

G_END_DECLS
