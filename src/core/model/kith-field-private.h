/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-field.h"

G_BEGIN_DECLS

/* Made inside core from the JSON the store lists it as */
KithField *kith_field_new_from_json (JsonObject *json);

G_END_DECLS
