/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithAuditEntry: one change to a record's segment, stage or next step, as the audit log keeps
 * it (kith_store_get_audit()).
 */

#define G_LOG_DOMAIN "KithAuditEntry"

#include "config.h"

#include "kith-audit-entry.h"

struct _KithAuditEntry
{
  GObject  parent_instance;

  gint64   id;
  gint64   record_id;
  char    *sync_key;
  char    *field;
  char    *before;
  char    *after;
  gint64   at;
};

G_DEFINE_FINAL_TYPE (KithAuditEntry, kith_audit_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_RECORD_ID,
  PROP_SYNC_KEY,
  PROP_FIELD,
  PROP_BEFORE,
  PROP_AFTER,
  PROP_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_audit_entry_finalize (GObject *object)
{
  KithAuditEntry *self = KITH_AUDIT_ENTRY (object);

  g_free (self->sync_key);
  g_free (self->field);
  g_free (self->before);
  g_free (self->after);

  G_OBJECT_CLASS (kith_audit_entry_parent_class)->finalize (object);
}

static void
kith_audit_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithAuditEntry *self = KITH_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_RECORD_ID: g_value_set_int64 (value, self->record_id); break;
    case PROP_SYNC_KEY: g_value_set_string (value, self->sync_key); break;
    case PROP_FIELD: g_value_set_string (value, self->field); break;
    case PROP_BEFORE: g_value_set_string (value, self->before); break;
    case PROP_AFTER: g_value_set_string (value, self->after); break;
    case PROP_AT: g_value_set_int64 (value, self->at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_audit_entry_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithAuditEntry *self = KITH_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_RECORD_ID: self->record_id = g_value_get_int64 (value); break;
    case PROP_SYNC_KEY: self->sync_key = g_value_dup_string (value); break;
    case PROP_FIELD: self->field = g_value_dup_string (value); break;
    case PROP_BEFORE: self->before = g_value_dup_string (value); break;
    case PROP_AFTER: self->after = g_value_dup_string (value); break;
    case PROP_AT: self->at = g_value_get_int64 (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_audit_entry_class_init (KithAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_audit_entry_finalize;
  object_class->get_property = kith_audit_entry_get_property;
  object_class->set_property = kith_audit_entry_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* 0 once the record is gone; its sync key still names it */
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SYNC_KEY] = g_param_spec_string ("sync-key", NULL, NULL, NULL, flags);
  /* "segment", "stage" or "step" */
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, flags);
  /* The keys before and after; %NULL for none */
  properties[PROP_BEFORE] = g_param_spec_string ("before", NULL, NULL, NULL, flags);
  properties[PROP_AFTER] = g_param_spec_string ("after", NULL, NULL, NULL, flags);
  /* When, in ms since the epoch */
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_audit_entry_init (KithAuditEntry *self)
{
}

gint64
kith_audit_entry_get_id (KithAuditEntry *self)
{
  g_return_val_if_fail (KITH_IS_AUDIT_ENTRY (self), 0);

  return self->id;
}

gint64
kith_audit_entry_get_record_id (KithAuditEntry *self)
{
  g_return_val_if_fail (KITH_IS_AUDIT_ENTRY (self), 0);

  return self->record_id;
}

const char *
kith_audit_entry_get_sync_key (KithAuditEntry *self)
{
  g_return_val_if_fail (KITH_IS_AUDIT_ENTRY (self), NULL);

  return self->sync_key;
}

const char *
kith_audit_entry_get_field (KithAuditEntry *self)
{
  g_return_val_if_fail (KITH_IS_AUDIT_ENTRY (self), NULL);

  return self->field;
}

const char *
kith_audit_entry_get_before (KithAuditEntry *self)
{
  g_return_val_if_fail (KITH_IS_AUDIT_ENTRY (self), NULL);

  return self->before;
}

const char *
kith_audit_entry_get_after (KithAuditEntry *self)
{
  g_return_val_if_fail (KITH_IS_AUDIT_ENTRY (self), NULL);

  return self->after;
}

gint64
kith_audit_entry_get_at (KithAuditEntry *self)
{
  g_return_val_if_fail (KITH_IS_AUDIT_ENTRY (self), 0);

  return self->at;
}
