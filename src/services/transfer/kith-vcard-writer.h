/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-vcard.h"

G_BEGIN_DECLS

char *kith_vcard_write_record (KithRecordKind          kind,
                               const KithRecordValues *values,
                               const char             *extra,
                               KithVCardVersion        version);

G_END_DECLS
