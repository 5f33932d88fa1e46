/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-message.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_INBOX_MODEL (kith_inbox_model_get_type ())
G_DECLARE_FINAL_TYPE (KithInboxModel, kith_inbox_model, KITH, INBOX_MODEL, GObject)

KithInboxModel *kith_inbox_model_new        (KithStore      *store);
KithStore      *kith_inbox_model_get_store  (KithInboxModel *self);
gboolean        kith_inbox_model_get_loaded (KithInboxModel *self);
void            kith_inbox_model_set_shown  (KithInboxModel *self,
                                             gboolean        shown);
guint           kith_inbox_model_get_count  (KithInboxModel *self);
void            kith_inbox_model_refresh    (KithInboxModel *self);
gboolean        kith_inbox_model_find       (KithInboxModel *self,
                                             gint64          id,
                                             guint          *out_position);
void            kith_inbox_model_remove     (KithInboxModel *self,
                                             KithMessage    *message);
void            kith_inbox_model_restore    (KithInboxModel *self,
                                             KithMessage    *message);

G_END_DECLS
