/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-field.h"
#include "kith-segment.h"
#include "kith-stage.h"
#include "kith-step.h"

G_BEGIN_DECLS

/* The relationship settings' objects, made inside core from the JSON the store lists them as */
KithStep    *kith_step_new_from_json    (JsonObject *json);
KithStage   *kith_stage_new_from_json   (JsonObject *json);
KithSegment *kith_segment_new_from_json (JsonObject *json);
KithField   *kith_field_new_from_json   (JsonObject *json);

/* The strings of a JSON array member, or an empty list */
char       **kith_model_json_strv       (JsonObject *json,
                                         const char *member);

G_END_DECLS
