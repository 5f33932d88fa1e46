/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef gpointer (*KithModelFromJson) (JsonObject *object);

const char *kith_model_json_string     (JsonObject        *object,
                                        const char        *member);
JsonArray  *kith_model_json_array      (JsonObject        *object,
                                        const char        *member);
GPtrArray  *kith_model_json_objects    (JsonArray         *array,
                                        KithModelFromJson  from_json);
GListStore *kith_model_json_list_store (JsonArray         *array,
                                        GType              item_type,
                                        KithModelFromJson  from_json);

G_END_DECLS
