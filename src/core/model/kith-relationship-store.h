/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-field-definition.h"
#include "kith-segment.h"
#include "kith-store.h"
#include "kith-tag.h"

G_BEGIN_DECLS

void     kith_store_load_relationship_async  (KithStore            *self,
                                              KithRecordKind        kind,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean kith_store_load_relationship_finish (KithStore            *self,
                                              GAsyncResult         *result,
                                              GListModel          **out_segments,
                                              GListModel          **out_fields,
                                              GListModel          **out_tags,
                                              GError              **error);

G_END_DECLS
