/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-record.h"

G_BEGIN_DECLS

/* How a property of a record class maps onto a member of the record JSON (docs/json.md): the
 * model keeps that JSON inside core, so that a save can send just the members that changed. */
typedef enum {
  KITH_MEMBER_STRING,
  KITH_MEMBER_STRV,      /* a list of strings */
  KITH_MEMBER_INT,       /* int64; -1 when absent */
  KITH_MEMBER_DOUBLE,
  KITH_MEMBER_BOOLEAN,
} KithMemberType;

typedef struct {
  const char     *property;
  const char     *member;
  KithMemberType  type;
  gboolean        read_only;
} KithRecordMember;

void        kith_record_install_members     (GObjectClass           *klass,
                                             guint                   first_id,
                                             const KithRecordMember *members,
                                             guint                   n_members,
                                             GParamSpec            **pspecs);
void        kith_record_get_member          (KithRecord             *self,
                                             GParamSpec             *pspec,
                                             GValue                 *value);
void        kith_record_set_member          (KithRecord             *self,
                                             GParamSpec             *pspec,
                                             const GValue           *value);
const char *kith_record_get_string_member   (KithRecord             *self,
                                             const char             *member);
void        kith_record_clear_member        (KithRecord             *self,
                                             GParamSpec             *pspec);
gboolean    kith_record_has_member          (KithRecord             *self,
                                             const char             *member);

KithRecord *kith_record_new_from_json       (JsonObject             *json);
void        kith_record_load                (KithRecord             *self,
                                             JsonObject             *json,
                                             JsonObject             *saved);
JsonObject *kith_record_dup_changes         (KithRecord             *self);

G_END_DECLS
