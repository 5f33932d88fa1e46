/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_AUDIT_ENTRY (kith_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (KithAuditEntry, kith_audit_entry, KITH, AUDIT_ENTRY, GObject)

gint64      kith_audit_entry_get_id        (KithAuditEntry *self);
gint64      kith_audit_entry_get_record_id (KithAuditEntry *self);
const char *kith_audit_entry_get_sync_key  (KithAuditEntry *self);
const char *kith_audit_entry_get_field     (KithAuditEntry *self);
const char *kith_audit_entry_get_before    (KithAuditEntry *self);
const char *kith_audit_entry_get_after     (KithAuditEntry *self);
gint64      kith_audit_entry_get_at        (KithAuditEntry *self);

G_END_DECLS
