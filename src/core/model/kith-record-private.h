/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record.h"
#include "kith-record-values.h"

G_BEGIN_DECLS

/* How a property of a record class maps onto one of the record's fields */
typedef struct {
  const char *property;
  KithField   field;
  gboolean    read_only;
} KithRecordProperty;

void                    kith_record_install_properties (GObjectClass             *klass,
                                                        guint                     first_id,
                                                        const KithRecordProperty *table,
                                                        guint                     n_properties,
                                                        GParamSpec              **pspecs);
void                    kith_record_get_field_property (KithRecord               *self,
                                                        GParamSpec               *pspec,
                                                        GValue                   *value);
void                    kith_record_set_field_property (KithRecord               *self,
                                                        GParamSpec               *pspec,
                                                        const GValue             *value);
const char             *kith_record_get_text           (KithRecord               *self,
                                                        KithField                 field);
gboolean                kith_record_has_field          (KithRecord               *self,
                                                        KithField                 field);
void                    kith_record_clear_field        (KithRecord               *self,
                                                        KithField                 field);
GPtrArray              *kith_record_dup_list           (KithRecord               *self,
                                                        KithField                 field);
void                    kith_record_set_list           (KithRecord               *self,
                                                        KithField                 field,
                                                        GPtrArray                *list);

KithRecord             *kith_record_new_from_values    (KithRecordKind            kind,
                                                        KithRecordValues         *values);
const KithRecordValues *kith_record_get_values         (KithRecord               *self);
KithFieldMask           kith_record_get_changed_fields (KithRecord               *self);
void                    kith_record_load               (KithRecord               *self,
                                                        KithRecord               *stored,
                                                        KithFieldMask             saved);

G_END_DECLS
