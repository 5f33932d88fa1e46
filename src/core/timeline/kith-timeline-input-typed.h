/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-timeline-input.h"
#include "kith-timeline-item.h"
#include "kith-todo.h"

G_BEGIN_DECLS

KithTimelineInput *kith_timeline_input_new_for_item (KithTimelineItem *item,
                                                     gint64            record_id);
KithTimelineInput *kith_timeline_input_new_with_people (KithTimelineItem   *item,
                                                        const char * const *people);
KithTodoInput     *kith_todo_input_new_for_todo     (KithTodo         *todo);

G_END_DECLS
