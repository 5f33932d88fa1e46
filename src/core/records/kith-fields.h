/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Custom fields. @definition: {key?, name, type, appliesTo: person|company|project,
 * section?, options?: [string], currency?, remindYearly?, scopes?: [{segment, stage?}]} */
gint64      kith_fields_add                  (KithStore   *store,
                                              JsonObject  *definition,
                                              GError     **error);
gboolean    kith_fields_remove               (KithStore   *store,
                                              const char  *key,
                                              GError     **error);
JsonArray  *kith_fields_list                 (KithStore   *store,
                                              KithRecordKind kind,
                                              GError     **error);

G_END_DECLS
