/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"

G_BEGIN_DECLS

JsonArray *kith_cli_segments_to_json (GListModel *segments);
void       kith_cli_fields_to_json   (GListModel *fields,
                                      JsonArray  *array);

G_END_DECLS
