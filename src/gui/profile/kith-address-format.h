/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"
#include "kith-record-values.h"

G_BEGIN_DECLS

char *kith_address_format_for_locale (const KithRecordAddress *a);
char *kith_address_dup_map_uri       (const KithRecordAddress *a);

G_END_DECLS
