/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record-input.h"
#include "kith-record-values.h"

G_BEGIN_DECLS

gboolean kith_record_input_fill (KithStore               *store,
                                 KithRecordInput         *in,
                                 const KithRecordValues  *values,
                                 KithFieldMask            fields,
                                 GError                 **error);

G_END_DECLS
