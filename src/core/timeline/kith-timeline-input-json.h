/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-timeline-input.h"

G_BEGIN_DECLS

gboolean kith_timeline_input_from_json (JsonObject         *data,
                                        KithTimelineInput  *in,
                                        GError            **error);
gboolean kith_todo_input_from_json     (JsonObject         *data,
                                        KithTodoInput      *in,
                                        GError            **error);

G_END_DECLS
