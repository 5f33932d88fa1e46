/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON members that may be absent: NULL then, instead of a critical warning */
JsonArray  *kith_json_get_array            (JsonObject              *object,
                                            const char              *member);
JsonObject *kith_json_get_object           (JsonObject              *object,
                                            const char              *member);
const char *kith_json_get_string           (JsonObject              *object,
                                            const char              *member);
JsonNode   *kith_json_parse_input          (const char              *data,
                                            gsize                    length,
                                            GError                 **error);
void        kith_json_set_string           (JsonObject              *object,
                                            const char              *member,
                                            const char              *value);
char       *kith_json_month_days           (const GDate             *first,
                                            int                      n_days);
/* Lists of strings kept as JSON in TEXT columns */
GStrv       kith_json_text_to_strv         (const char              *text);
char       *kith_json_strv_to_text         (const char * const      *strv);

G_END_DECLS
