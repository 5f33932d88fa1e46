/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_TYPE_ADDRESS_MATCH (kith_address_match_get_type ())
G_DECLARE_FINAL_TYPE (KithAddressMatch, kith_address_match, KITH, ADDRESS_MATCH, GObject)

KithAddressMatch *kith_address_match_new            (gint64            record_id,
                                                     KithRecordKind    kind,
                                                     const char       *name,
                                                     const char       *address);
gint64            kith_address_match_get_record_id  (KithAddressMatch *self);
KithRecordKind    kith_address_match_get_kind       (KithAddressMatch *self);
const char       *kith_address_match_get_name       (KithAddressMatch *self);
const char       *kith_address_match_get_address    (KithAddressMatch *self);
char             *kith_address_match_dup_mailbox    (KithAddressMatch *self);

G_END_DECLS
