/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-tag.h"

G_BEGIN_DECLS

/* Tags: KithTags */
GListModel *kith_tags_list                   (KithStore   *store,
                                              GError     **error);
gboolean    kith_tags_rename                 (KithStore   *store,
                                              const char  *from,
                                              const char  *to,
                                              GError     **error);
gboolean    kith_tags_delete                 (KithStore   *store,
                                              const char  *name,
                                              GError     **error);

GArray     *kith_tags_apply                  (KithStore     *store,
                                              const gint64  *ids,
                                              guint          n_ids,
                                              const char    *tag,
                                              gboolean       add,
                                              GError       **error);

G_END_DECLS
