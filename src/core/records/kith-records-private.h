/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/* kith-record-input.h */
typedef struct _KithRecordInput KithRecordInput;

/* Inside core: what records/ offers the rest of the store (timeline, mail, undo) and shares
 * between its files. */

/* kith-record-identity.c */
gboolean      kith_records_key_needs_name (const char    *type);
gint64        kith_records_find_by_key   (KithStore     *self,
                                          const char    *type,
                                          const char    *key);
gint64        kith_records_find_by_key_and_name (KithStore *self,
                                          const char    *type,
                                          const char    *key,
                                          const char    *name);
char         *kith_records_key_for_identifier (KithStore *self,
                                          const char    *identifier,
                                          const char   **out_type);
char         *kith_records_no_match_message (KithStore  *self,
                                            const char *identifier);
const char   *kith_records_name_of       (KithStore     *self,
                                          gint64         id,
                                          char         **out);
gint64        kith_records_match_existing (KithStore    *self,
                                          KithRecordInput *in);
gboolean      kith_records_check_conflicts (KithStore   *self,
                                          KithRecordInput *in,
                                          gint64         id,
                                          GError       **error);
gboolean      kith_records_check_one_record (KithStore  *self,
                                          KithRecordInput *in,
                                          GError       **error);

/* kith-record-writer.c */
gint64        kith_records_create_one_record (KithStore  *self,
                                          KithRecordKind kind,
                                          const KithRecordValues *values,
                                          KithFieldMask  fields,
                                          gboolean      *out_merged,
                                          GError       **error);

/* kith-record-index.c */
gint64        kith_records_add_audit     (KithStore     *self,
                                          gint64         id,
                                          const char    *field,
                                          const char    *old_value,
                                          const char    *new_value,
                                          GError       **error);
gboolean      kith_records_write_audit   (KithStore     *self,
                                          gint64         id,
                                          const char    *field,
                                          const char    *old_value,
                                          const char    *new_value,
                                          GError       **error);
gboolean      kith_records_update_fts    (KithStore     *self,
                                          gint64         id,
                                          GError       **error);
gboolean      kith_records_refresh_last_contact (KithStore *self,
                                          gint64         id,
                                          GError       **error);
gboolean      kith_records_queue_fts_people_of (KithStore *self,
                                          gint64         company,
                                          GError       **error);

/* kith-record-lists.c */
gboolean      kith_records_run_for_id   (KithStore     *self,
                                          const char    *sql,
                                          gint64         id,
                                          GError       **error);
gboolean      kith_records_write_lists   (KithStore     *self,
                                          KithRecordInput *in,
                                          gint64         id,
                                          gboolean       replace,
                                          gboolean      *out_adopted,
                                          GError       **error);

G_END_DECLS
