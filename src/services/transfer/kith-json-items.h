/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"

G_BEGIN_DECLS

/* Called once for each timeline item; %FALSE with @error set stops the walk */
typedef gboolean (*KithItemFunc) (KithTimelineItem  *item,
                                  gpointer           user_data,
                                  GError           **error);

GArray   *kith_json_all_ids    (KithStore       *store,
                                KithRecordKind   kind,
                                GError         **error);
gboolean  kith_json_each_item  (KithStore       *store,
                                KithItemFunc     func,
                                gpointer         user_data,
                                GError         **error);

G_END_DECLS
