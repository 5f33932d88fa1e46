/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kith-store-changes.h"
#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_TYPE_STORE (kith_store_get_type ())
G_DECLARE_FINAL_TYPE (KithStore, kith_store, KITH, STORE, GObject)

/**
 * KithPhoneNormalizeFunc:
 * @phone: the phone number as the user typed it
 * @region: (nullable): ISO 3166 country code used when @phone has no country code
 * @user_data: closure
 *
 * Returns: (transfer full) (nullable): the number in E.164 (`+14155552671`),
 *   or %NULL when @phone is not a phone number.
 */
typedef char *(*KithPhoneNormalizeFunc) (const char *phone,
                                         const char *region,
                                         gpointer    user_data);

/* Called inside the store's lock, on whatever thread runs the job. */
typedef gpointer (*KithStoreJobFunc) (KithStore  *store,
                                      gpointer    job_data,
                                      GError    **error);

KithStore  *kith_store_open                (const char              *path,
                                            GError                 **error);
KithStore  *kith_store_open_reader         (KithStore               *self,
                                            GError                 **error);
const char *kith_store_get_path            (KithStore               *self);
int         kith_store_get_schema_version  (KithStore               *self);
void        kith_store_set_phone_normalizer (KithStore              *self,
                                            KithPhoneNormalizeFunc   func,
                                            gpointer                 user_data,
                                            GDestroyNotify           destroy);
void        kith_store_set_region          (KithStore               *self,
                                            const char              *region);
const char *kith_store_get_region          (KithStore               *self);
void        kith_store_set_clock           (KithStore               *self,
                                            KithClockFunc            clock,
                                            gpointer                 user_data);
gint64      kith_store_now                 (KithStore               *self);

/* Settings (key/value in the database) */
char       *kith_store_dup_setting         (KithStore               *self,
                                            const char              *key);
gboolean    kith_store_set_setting         (KithStore               *self,
                                            const char              *key,
                                            const char              *value,
                                            GError                 **error);

/* Transactions: nestable; the outermost commit writes. */
gboolean    kith_store_begin               (KithStore               *self,
                                            GError                 **error);
gboolean    kith_store_commit              (KithStore               *self,
                                            GError                 **error);
void        kith_store_rollback            (KithStore               *self);

/* Running work off the main thread: jobs run one at a time on the store's worker. */
void        kith_store_run_async           (KithStore               *self,
                                            KithStoreJobFunc         func,
                                            gpointer                 job_data,
                                            GDestroyNotify           job_data_free,
                                            GDestroyNotify           result_free,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
gpointer    kith_store_run_finish          (KithStore               *self,
                                            GAsyncResult            *result,
                                            GError                 **error);

/* Records. @data uses the JSON shape of docs/json.md (the local API's shape). */
gint64      kith_store_create_record       (KithStore               *self,
                                            KithRecordKind           kind,
                                            JsonObject              *data,
                                            gboolean                *out_merged,
                                            GError                 **error);
gboolean    kith_store_update_record       (KithStore               *self,
                                            gint64                   id,
                                            JsonObject              *data,
                                            GError                 **error);
JsonObject *kith_store_get_record          (KithStore               *self,
                                            gint64                   id,
                                            GError                 **error);
gboolean    kith_store_delete_record       (KithStore               *self,
                                            gint64                   id,
                                            GError                 **error);
gboolean    kith_store_merge_records       (KithStore               *self,
                                            gint64                   survivor_id,
                                            gint64                   merged_id,
                                            GError                 **error);
gint64      kith_store_delete_record_with_undo (KithStore           *self,
                                            gint64                   id,
                                            GError                 **error);
gint64      kith_store_merge_records_with_undo (KithStore           *self,
                                            gint64                   survivor_id,
                                            gint64                   merged_id,
                                            GError                 **error);
gboolean    kith_store_undo                (KithStore               *self,
                                            gint64                   undo_id,
                                            GError                 **error);
gboolean    kith_store_forget_undo         (KithStore               *self,
                                            gint64                   undo_id,
                                            GError                 **error);
GArray     *kith_store_find_merge_candidates (KithStore             *self,
                                            gint64                   id,
                                            GError                 **error);
gint64      kith_store_lookup              (KithStore               *self,
                                            const char              *identifier,
                                            GError                 **error);
KithRecordKind kith_store_get_record_kind  (KithStore               *self,
                                            gint64                   id);
KithRecordRow *kith_store_get_row          (KithStore               *self,
                                            gint64                   id);
GPtrArray  *kith_store_get_rows            (KithStore               *self,
                                            const gint64            *ids,
                                            guint                    n_ids);

/* Find: a query in the query language (docs/query-language.md). */
GArray     *kith_store_find                (KithStore               *self,
                                            KithRecordKind           kind,
                                            const char              *query,
                                            KithSort                 sort,
                                            KithGroup                group,
                                            guint                    offset,
                                            guint                    limit,
                                            guint                   *out_total,
                                            GError                 **error);
guint       kith_store_count               (KithStore               *self,
                                            KithRecordKind           kind,
                                            const char              *query,
                                            GError                 **error);

/* Timeline */
gint64      kith_store_add_timeline_item   (KithStore               *self,
                                            JsonObject              *data,
                                            gboolean                *out_existed,
                                            GError                 **error);
JsonObject *kith_store_get_timeline_item   (KithStore               *self,
                                            gint64                   item_id,
                                            GError                 **error);
JsonArray  *kith_store_get_timeline        (KithStore               *self,
                                            gint64                   record_id,
                                            guint                    offset,
                                            guint                    limit,
                                            GError                 **error);
gboolean    kith_store_delete_timeline_item (KithStore              *self,
                                            gint64                   item_id,
                                            GError                 **error);

/* To-dos */
gint64      kith_store_add_todo            (KithStore               *self,
                                            JsonObject              *data,
                                            GError                 **error);
gboolean    kith_store_set_todo_done       (KithStore               *self,
                                            gint64                   todo_id,
                                            gboolean                 done,
                                            GError                 **error);
gboolean    kith_store_reschedule_todo     (KithStore               *self,
                                            gint64                   todo_id,
                                            const char              *due,
                                            GError                 **error);
JsonArray  *kith_store_list_todos          (KithStore               *self,
                                            gint64                   record_id,
                                            gboolean                 include_done,
                                            GError                 **error);

/* Audit log */
JsonArray  *kith_store_get_audit           (KithStore               *self,
                                            gint64                   record_id,
                                            gint64                   since_ms,
                                            GError                 **error);

/* Files */
gint64      kith_store_add_file            (KithStore               *self,
                                            gint64                   record_id,
                                            const char              *uri,
                                            const char              *name,
                                            gint64                   size,
                                            const char              *content_type,
                                            gboolean                 copied,
                                            GError                 **error);
JsonArray  *kith_store_list_files          (KithStore               *self,
                                            gint64                   record_id,
                                            GError                 **error);

/* Saved views: a named query of one kind of record */
JsonArray  *kith_store_list_views          (KithStore               *self,
                                            GError                 **error);
gint64      kith_store_save_view           (KithStore               *self,
                                            const char              *name,
                                            KithRecordKind           kind,
                                            const char              *query,
                                            GError                 **error);
gboolean    kith_store_rename_view         (KithStore               *self,
                                            gint64                   view_id,
                                            const char              *name,
                                            GError                 **error);
gboolean    kith_store_delete_view         (KithStore               *self,
                                            gint64                   view_id,
                                            GError                 **error);

/* JSON members that may be absent: NULL then, instead of a critical warning */
JsonArray  *kith_json_get_array            (JsonObject              *object,
                                            const char              *member);
JsonObject *kith_json_get_object           (JsonObject              *object,
                                            const char              *member);
const char *kith_json_get_string           (JsonObject              *object,
                                            const char              *member);
JsonNode   *kith_json_parse_input          (const char              *data,
                                            gsize                    length,
                                            GError                 **error);

/* Statistics for kith-cli stats */
JsonObject *kith_store_get_stats           (KithStore               *self,
                                            GError                 **error);

G_END_DECLS
