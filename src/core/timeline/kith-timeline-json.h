/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-audit-entry.h"
#include "kith-timeline-item.h"
#include "kith-todo.h"

G_BEGIN_DECLS

/* Makes the JSON of one object, for kith_json_array_of_objects() */
typedef JsonObject *(*KithToJson) (gpointer object);

JsonArray  *kith_json_array_of_objects (GPtrArray        *objects,
                                        KithToJson        to_json);
JsonObject *kith_timeline_item_to_json (KithTimelineItem *item);
JsonObject *kith_todo_to_json          (KithTodo         *todo);
JsonObject *kith_audit_entry_to_json   (KithAuditEntry   *entry);

G_END_DECLS
