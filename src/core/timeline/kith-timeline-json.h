/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-timeline-item.h"

G_BEGIN_DECLS

/* Makes the JSON of one object, for kith_json_array_of_objects() */
typedef JsonObject *(*KithToJson) (gpointer object);

JsonArray  *kith_json_array_of_objects (GPtrArray        *objects,
                                        KithToJson        to_json);
JsonObject *kith_timeline_item_to_json (KithTimelineItem *item);

G_END_DECLS
