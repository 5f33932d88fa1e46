/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-tag.h"

G_BEGIN_DECLS

/* Made inside core from the JSON the store lists the tags as */
GListStore *kith_tags_from_json (JsonArray *tags);

G_END_DECLS
