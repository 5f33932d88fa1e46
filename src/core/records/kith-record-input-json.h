/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record-input.h"

G_BEGIN_DECLS

void     kith_input_value_of_node (JsonNode          *node,
                                   KithInputValue    *out);
gboolean kith_record_input_parse  (KithStore         *store,
                                   KithRecordInput   *in,
                                   JsonObject        *data,
                                   GError           **error);

G_END_DECLS
