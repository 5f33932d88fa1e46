/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* Undo of a delete or merge, by the id kith_store_*_with_undo() returned */
gboolean    kith_store_undo                (KithStore               *self,
                                            gint64                   undo_id,
                                            GError                 **error);
gboolean    kith_store_forget_undo         (KithStore               *self,
                                            gint64                   undo_id,
                                            GError                 **error);

G_END_DECLS
