/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_RECORD_ENTRY (kith_record_entry_get_type ())
G_DECLARE_FINAL_TYPE (KithRecordEntry, kith_record_entry, KITH, RECORD_ENTRY, GObject)

KithRecordEntry *kith_record_entry_new       (const char      *value,
                                              const char      *label);
const char      *kith_record_entry_get_value (KithRecordEntry *self);
void             kith_record_entry_set_value (KithRecordEntry *self,
                                              const char      *value);
const char      *kith_record_entry_get_label (KithRecordEntry *self);
void             kith_record_entry_set_label (KithRecordEntry *self,
                                              const char      *label);
const char      *kith_record_entry_get_uri   (KithRecordEntry *self);
void             kith_record_entry_set_uri   (KithRecordEntry *self,
                                              const char      *uri);
guint            kith_record_entry_get_position (KithRecordEntry *self);
void             kith_record_entry_set_position (KithRecordEntry *self,
                                                 guint            position);

G_END_DECLS
