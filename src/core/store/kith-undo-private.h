/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/* kith-undo.c */
JsonObject   *kith_undo_snapshot         (KithStore     *self,
                                          const gint64  *ids,
                                          guint          n_ids,
                                          GError       **error);
JsonObject   *kith_undo_snapshot_item    (KithStore     *self,
                                          gint64         item_id,
                                          GError       **error);
JsonObject   *kith_undo_snapshot_todo    (KithStore     *self,
                                          gint64         todo_id,
                                          GError       **error);
JsonObject   *kith_undo_snapshot_template (KithStore   *self,
                                          gint64         template_id,
                                          GError       **error);
char         *kith_undo_fingerprint      (KithStore     *self,
                                          gint64         id);
gint64        kith_undo_save             (KithStore     *self,
                                          const char    *kind,
                                          JsonObject    *data,
                                          GError       **error);
void          kith_undo_forget_old       (KithStore     *self);

G_END_DECLS
