/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-field-definition.h"

G_BEGIN_DECLS

/* Made inside core from the JSON the store lists the fields as */
GListStore *kith_field_definitions_from_json (JsonArray *fields);

G_END_DECLS
