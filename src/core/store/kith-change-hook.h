/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* What the store's connection writes, gathered for KithStore::changed */
typedef struct _KithChangeHook KithChangeHook;

KithChangeHook   *kith_change_hook_new     (sqlite3        *db);
void              kith_change_hook_free    (KithChangeHook *self);
void              kith_change_hook_mark    (KithChangeHook *self,
                                            KithRecordKind  kind);
void              kith_change_hook_add_indexed (KithChangeHook *self,
                                            gint64          id);
gboolean          kith_change_hook_is_empty (KithChangeHook *self);
KithStoreChanges *kith_change_hook_take    (KithChangeHook *self,
                                            KithStore      *store);
void              kith_change_hook_reset   (KithChangeHook *self);
void              kith_change_hook_set_contact_update (KithChangeHook *self,
                                                       gboolean        contact_update);
gboolean          kith_change_hook_get_names_moved  (KithChangeHook *self);
void              kith_change_hook_clear_names_moved (KithChangeHook *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithChangeHook, kith_change_hook_free)

G_END_DECLS
