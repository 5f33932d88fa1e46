/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-custom-value.h"
#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_TYPE_RECORD (kith_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (KithRecord, kith_record, KITH, RECORD, GObject)

struct _KithRecordClass
{
  GObjectClass parent_class;

  /* The record's values changed (loaded, or set): a subclass updates what it shows of them */
  void (*values_changed) (KithRecord *self);
};

/* The repeated contact details a record has, each a list of KithRecordEntry. Addresses, app
 * links and anniversaries are structured: their entries' values are the text a profile shows,
 * and they change as a whole with kith_record_set_items (). */
typedef enum {
  KITH_RECORD_EMAILS,
  KITH_RECORD_PHONES,
  KITH_RECORD_FAXES,
  KITH_RECORD_URLS,
  KITH_RECORD_DOMAINS,
  KITH_RECORD_ADDRESSES,
  KITH_RECORD_APP_LINKS,
  KITH_RECORD_ANNIVERSARIES,
} KithRecordList;

gint64          kith_record_get_id           (KithRecord     *self);
KithRecordKind  kith_record_get_kind         (KithRecord     *self);
const char     *kith_record_get_name         (KithRecord     *self);
void            kith_record_set_name         (KithRecord     *self,
                                              const char     *name);
const char     *kith_record_get_segment      (KithRecord     *self);
void            kith_record_set_segment      (KithRecord     *self,
                                              const char     *segment);
const char     *kith_record_get_stage        (KithRecord     *self);
void            kith_record_set_stage        (KithRecord     *self,
                                              const char     *stage);
const char     *kith_record_get_step         (KithRecord     *self);
void            kith_record_set_step         (KithRecord     *self,
                                              const char     *step);
gboolean        kith_record_get_private      (KithRecord     *self);
void            kith_record_set_private      (KithRecord     *self,
                                              gboolean        private_);
char          **kith_record_dup_keywords     (KithRecord     *self);
void            kith_record_set_keywords     (KithRecord     *self,
                                              const char * const *keywords);

GListModel     *kith_record_get_list         (KithRecord     *self,
                                              KithRecordList  list);
void            kith_record_set_entry        (KithRecord     *self,
                                              KithRecordList  list,
                                              guint           position,
                                              const char     *value);
void            kith_record_set_entry_label  (KithRecord     *self,
                                              KithRecordList  list,
                                              guint           position,
                                              const char     *label);
GPtrArray      *kith_record_dup_items        (KithRecord     *self,
                                              KithRecordList  list);
void            kith_record_set_items        (KithRecord     *self,
                                              KithRecordList  list,
                                              GPtrArray      *items);

char           *kith_record_dup_custom_value (KithRecord     *self,
                                              const char     *key);
void            kith_record_set_custom_value (KithRecord     *self,
                                              const char     *key,
                                              const char     *value);
void            kith_record_set_custom_values (KithRecord    *self,
                                              const char     *key,
                                              const char * const *values);
KithCustomValue *kith_record_get_custom      (KithRecord     *self,
                                              const char     *key);

gboolean        kith_record_has_changes      (KithRecord     *self);
void            kith_record_discard_changes  (KithRecord     *self);
void            kith_record_update_from      (KithRecord     *self,
                                              KithRecord     *other);

G_END_DECLS
