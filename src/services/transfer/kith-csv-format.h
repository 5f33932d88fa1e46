/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-transfer.h"

G_BEGIN_DECLS

extern const KithTransferFormat kith_csv_format;

G_END_DECLS
