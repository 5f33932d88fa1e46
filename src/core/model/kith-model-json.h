/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char      **kith_model_json_strv  (JsonNode   *node);
JsonArray  *kith_model_json_array (JsonObject *object,
                                   const char *member);

G_END_DECLS
