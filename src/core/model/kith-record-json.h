/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-record.h"
#include "kith-store.h"

G_BEGIN_DECLS

JsonObject *kith_record_to_json    (KithRecord  *record);
JsonObject *kith_store_get_record  (KithStore   *self,
                                    gint64       id,
                                    GError     **error);

G_END_DECLS
