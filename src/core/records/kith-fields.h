/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-field-definition.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* Custom fields: KithFieldDefinitions */
gint64      kith_fields_add                  (KithStore   *store,
                                              KithFieldDefinition *definition,
                                              GError     **error);
gboolean    kith_fields_update               (KithStore   *store,
                                              KithFieldDefinition *definition,
                                              GError     **error);
gboolean    kith_fields_remove               (KithStore   *store,
                                              const char  *key,
                                              GError     **error);
GListModel *kith_fields_list                 (KithStore   *store,
                                              KithRecordKind kind,
                                              GError     **error);

G_END_DECLS
