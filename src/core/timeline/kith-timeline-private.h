/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/* kith-timeline-input.h */
typedef struct _KithTimelineInput KithTimelineInput;
typedef struct _KithTodoInput KithTodoInput;

/* kith-timeline-writer.c */
gint64        kith_timeline_add_input    (KithStore     *self,
                                          KithTimelineInput *in,
                                          GHashTable    *unlinked,
                                          gboolean      *out_existed,
                                          GError       **error);
gboolean      kith_timeline_update_input (KithStore     *self,
                                          gint64         item_id,
                                          KithTimelineInput *in,
                                          GError       **error);
gboolean      kith_timeline_update_input_people (KithStore *self,
                                          gint64         item_id,
                                          KithTimelineInput *in,
                                          GError       **error);
gboolean      kith_timeline_item_restored (KithStore    *self,
                                          gint64        item_id,
                                          GError      **error);

/* kith-todos.c */
gint64        kith_todos_add_input       (KithStore     *self,
                                          KithTodoInput *in,
                                          GError       **error);
gboolean      kith_todos_update_input    (KithStore     *self,
                                          gint64         todo_id,
                                          KithTodoInput *in,
                                          GError       **error);

G_END_DECLS
