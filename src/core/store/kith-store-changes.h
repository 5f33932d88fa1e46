/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kith-types.h"

G_BEGIN_DECLS

/* What one or more committed transactions changed, as KithStore::changed reports it */
typedef struct _KithStoreChanges KithStoreChanges;

/**
 * KithStoreArea:
 * @KITH_STORE_AREA_OUTGOING: messages written or sent: the Drafts, the Outbox and mail merges
 * @KITH_STORE_AREA_SIGNATURES: mail signatures
 * @KITH_STORE_AREA_TEMPLATES: email templates
 *
 * What changed that belongs to no record, for the lists that show it
 */
typedef enum {
  KITH_STORE_AREA_OUTGOING   = 1 << 0,
  KITH_STORE_AREA_SIGNATURES = 1 << 1,
  KITH_STORE_AREA_TEMPLATES  = 1 << 2,
} KithStoreArea;

#define KITH_TYPE_STORE_CHANGES (kith_store_changes_get_type ())

GType             kith_store_changes_get_type     (void) G_GNUC_CONST;
KithStoreChanges *kith_store_changes_new          (void);
KithStoreChanges *kith_store_changes_ref          (KithStoreChanges *self);
void              kith_store_changes_unref        (KithStoreChanges *self);

guint             kith_store_changes_get_kinds    (KithStoreChanges *self);
gboolean          kith_store_changes_has_kind     (KithStoreChanges *self,
                                                   KithRecordKind    kind);
gboolean          kith_store_changes_has_many     (KithStoreChanges *self);
gboolean          kith_store_changes_contains     (KithStoreChanges *self,
                                                   gint64            id);
gboolean          kith_store_changes_is_reshaped  (KithStoreChanges *self,
                                                   KithRecordKind    kind);
gboolean          kith_store_changes_only_rows    (KithStoreChanges *self,
                                                   KithRecordKind    kind);
gboolean          kith_store_changes_column_changed (KithStoreChanges *self,
                                                   KithRecordKind    kind,
                                                   const char       *column);
gboolean          kith_store_changes_has_shared   (KithStoreChanges *self,
                                                   KithRecordKind    kind);
GArray           *kith_store_changes_dup_ids      (KithStoreChanges *self);
gboolean          kith_store_changes_has_area     (KithStoreChanges *self,
                                                   KithStoreArea     area);

/* Filled in by the store */
void              kith_store_changes_add_kinds    (KithStoreChanges *self,
                                                   guint             kinds);
void              kith_store_changes_add_row      (KithStoreChanges *self,
                                                   KithRecordKind    kind,
                                                   gint64            id,
                                                   gboolean          added_or_removed,
                                                   guint64           columns);
void              kith_store_changes_add_detail   (KithStoreChanges *self,
                                                   gint64            id);
void              kith_store_changes_add_named    (KithStoreChanges *self,
                                                   gint64            id);
void              kith_store_changes_add_shared   (KithStoreChanges *self);
void              kith_store_changes_add_many     (KithStoreChanges *self);
void              kith_store_changes_add_area     (KithStoreChanges *self,
                                                   KithStoreArea     area);
void              kith_store_changes_seal         (KithStoreChanges *self);
void              kith_store_changes_merge        (KithStoreChanges *self,
                                                   KithStoreChanges *other);
gboolean          kith_store_changes_is_empty     (KithStoreChanges *self);
void              kith_store_changes_set_columns  (char            **names);
int               kith_store_changes_get_column   (const char       *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithStoreChanges, kith_store_changes_unref)

G_END_DECLS
