/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-mail-merge-item.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* The merges as a whole, and the failures of one (docs/merge.md, "Mail Merges page") */
GPtrArray  *kith_store_mail_merge_list          (KithStore         *self,
                                                 GError           **error);
GPtrArray  *kith_store_mail_merge_failures      (KithStore         *self,
                                                 gint64             merge_id,
                                                 GError           **error);

G_END_DECLS
