/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-model-task.h"
#include "kith-record-private.h"
#include "kith-record-store.h"
#include "kith-tags.h"

/*
 * The typed record calls: each runs its kith_store_* counterpart on the store's worker
 * (kith_store_run_async ()) and hands back objects. A save sends only the fields that changed,
 * typed, and then takes into the record what the store made of them.
 */

typedef struct {
  gint64            id;
  gint64            other;
  KithRecordValues *values;   /* a copy, for the worker: the record stays the main thread's */
  KithFieldMask     fields;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->values, kith_record_values_free);
  g_free (job);
}

static Job *
job_new (gint64 id,
         gint64 other)
{
  Job *job = g_new0 (Job, 1);

  job->id = id;
  job->other = other;
  return job;
}

/* A job that writes the fields @record changed */
static Job *
job_new_changes (KithRecord    *record,
                 gint64         id,
                 KithFieldMask  fields)
{
  Job *job = job_new (id, 0);

  job->values = kith_record_values_copy (kith_record_get_values (record));
  job->fields = fields;
  return job;
}

/* Reading */

static gpointer
get_record_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  return kith_store_read_record (store, ((Job *) data)->id, error);
}

/**
 * kith_store_get_record_async:
 *
 * Loads record @id as a #KithPerson, #KithCompany or #KithDeal.
 */
void
kith_store_get_record_async (KithStore           *self,
                             gint64               id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, get_record_job, job_new (id, 0), (GDestroyNotify) job_free, g_object_unref,
                  cancellable, kith_store_get_record_async, callback, user_data);
}

/**
 * kith_store_get_record_finish:
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
KithRecord *
kith_store_get_record_finish (KithStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_get_record_async, error);
}

/* Creating */

/* The id of the record written, and whether it went into one the store already had */
typedef struct {
  gint64   id;
  gboolean merged;
} Created;

static gpointer
create_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Job *job = data;
  Created created = { 0, FALSE };

  created.id = kith_store_create_record_from_values (store, (KithRecordKind) job->id, job->values, job->fields,
                                                     &created.merged, error);
  return created.id != 0 ? g_memdup2 (&created, sizeof created) : NULL;
}

/**
 * kith_store_create_record_async:
 * @draft: a new #KithPerson, #KithCompany or #KithDeal, filled through its properties (a deal's
 *   participants with kith_deal_add_participant ())
 * @cancellable: (nullable): %NULL for a record the user asked for, so that it is written whatever
 *   becomes of the widget that asked
 *
 * Writes @draft as a new record. The store may refuse it (an email that is not one), or merge it
 * into a record it already has (the same email): see kith_store_create_record_finish ().
 */
void
kith_store_create_record_async (KithStore           *self,
                                KithRecord          *draft,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_RECORD (draft));

  kith_model_run (self, self, create_job,
                  job_new_changes (draft, kith_record_get_kind (draft), kith_record_get_changed_fields (draft)),
                  (GDestroyNotify) job_free, g_free, cancellable, kith_store_create_record_async, callback, user_data);
}

/**
 * kith_store_create_record_finish:
 * @out_merged: (out) (optional): whether the draft went into a record the store already had
 *
 * Returns: the id of the new (or merged into) record, or 0 with @error set
 */
gint64
kith_store_create_record_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 gboolean      *out_merged,
                                 GError       **error)
{
  g_autofree Created *created = kith_model_finish_pointer (self, result, kith_store_create_record_async, error);

  if (out_merged != NULL)
    *out_merged = created != NULL && created->merged;
  return created != NULL ? created->id : 0;
}

/* Saving */

static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Job *job = data;

  if (!kith_store_update_record_from_values (store, job->id, job->values, job->fields, error))
    return NULL;
  return kith_store_read_record (store, job->id, error);
}

/* The record saved, and the fields sent */
typedef struct {
  KithRecord    *record;
  KithFieldMask  fields;
} Saved;

static void
saved_free (Saved *saved)
{
  g_clear_object (&saved->record);
  g_free (saved);
}

/* What was saved as the store keeps it; changes made meanwhile stay */
static void
apply_saved (gpointer data,
             gpointer stored)
{
  Saved *saved = data;

  kith_record_load (saved->record, stored, saved->fields);
}

/**
 * kith_store_save_record_async:
 * @record: a record changed through its properties
 * @cancellable: (nullable): %NULL for a change the user made, so that it is written whatever
 *   becomes of the widget that asked
 *
 * Writes the properties of @record changed since it was loaded, and then loads into @record what
 * the store made of them (a company found by name, a phone number normalised). When the store
 * refuses a value, @record keeps it, changed and unsaved.
 */
void
kith_store_save_record_async (KithStore           *self,
                              KithRecord          *record,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  KithFieldMask fields;
  Saved *saved;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_RECORD (record));

  fields = kith_record_get_changed_fields (record);
  if (fields == 0)
    {
      kith_model_return_now (self, kith_store_save_record_async, callback, user_data);
      return;
    }
  saved = g_new0 (Saved, 1);
  saved->record = g_object_ref (record);
  saved->fields = fields;
  kith_model_run_then (self, self, save_job, job_new_changes (record, kith_record_get_id (record), fields),
                       (GDestroyNotify) job_free, g_object_unref, apply_saved, saved, (GDestroyNotify) saved_free, cancellable,
                       kith_store_save_record_async, callback, user_data);
}

gboolean
kith_store_save_record_finish (KithStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_save_record_async, error);
}

/* Delete, merge and their undo */

/* Deletes and merges return the id of their undo, boxed (0 when there is none) */
static gint64
finish_int (KithStore    *self,
            GAsyncResult *result,
            gpointer      source_tag,
            GError      **error)
{
  g_autofree gint64 *undo_id = kith_model_finish_pointer (self, result, source_tag, error);

  return undo_id != NULL ? *undo_id : 0;
}

static gpointer
undo_id_or_null (gint64 undo_id)
{
  return undo_id != 0 ? g_memdup2 (&undo_id, sizeof undo_id) : NULL;
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return undo_id_or_null (kith_store_delete_record_with_undo (store, ((Job *) data)->id, error));
}

/**
 * kith_store_delete_record_async:
 *
 * Deletes record @id so that it can be undone with kith_store_undo_async ().
 */
void
kith_store_delete_record_async (KithStore           *self,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, delete_job, job_new (id, 0), (GDestroyNotify) job_free, g_free, cancellable,
                  kith_store_delete_record_async, callback, user_data);
}

static gpointer
delete_many_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  GArray *ids = data;

  return undo_id_or_null (kith_store_delete_records_with_undo (store, (const gint64 *) (gpointer) ids->data,
                                                               ids->len, error));
}

/**
 * kith_store_delete_records_async:
 * @ids: (element-type gint64): the records to delete, at most %KITH_MAX_DELETED_AT_ONCE
 *
 * Deletes records @ids, all or none, so that one kith_store_undo_async () brings them all back.
 */
void
kith_store_delete_records_async (KithStore           *self,
                                 GArray              *ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (ids != NULL);

  kith_model_run (self, self, delete_many_job, g_array_ref (ids), (GDestroyNotify) g_array_unref, g_free,
                  cancellable, kith_store_delete_records_async, callback, user_data);
}

/**
 * kith_store_delete_records_finish:
 *
 * Returns: the id that undoes the delete, or 0 with @error set
 */
gint64
kith_store_delete_records_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_int (self, result, kith_store_delete_records_async, error);
}

typedef struct {
  GArray *ids;
  char   *tag;
  gboolean add;
} Tagging;

static void
tagging_free (Tagging *tagging)
{
  g_array_unref (tagging->ids);
  g_free (tagging->tag);
  g_free (tagging);
}

static gpointer
tag_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  Tagging *tagging = data;

  return kith_tags_apply (store, (const gint64 *) (gpointer) tagging->ids->data, tagging->ids->len,
                          tagging->tag, tagging->add, error);
}

/**
 * kith_store_tag_records_async:
 * @ids: (element-type gint64): the records
 * @add: %TRUE to add @tag to them, %FALSE to take it away
 *
 * Tags or untags records @ids, all or none (kith_tags_apply ()).
 */
void
kith_store_tag_records_async (KithStore           *self,
                              GArray              *ids,
                              const char          *tag,
                              gboolean             add,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Tagging *tagging;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (ids != NULL);

  tagging = g_new0 (Tagging, 1);
  tagging->ids = g_array_ref (ids);
  tagging->tag = g_strdup (tag);
  tagging->add = add;
  kith_model_run (self, self, tag_job, tagging, (GDestroyNotify) tagging_free, (GDestroyNotify) g_array_unref,
                  cancellable, kith_store_tag_records_async, callback, user_data);
}

/**
 * kith_store_tag_records_finish:
 *
 * Returns: (transfer full) (element-type gint64): the records that changed, or %NULL with
 *   @error set
 */
GArray *
kith_store_tag_records_finish (KithStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_tag_records_async, error);
}

/**
 * kith_store_delete_record_finish:
 *
 * Returns: the id that undoes the delete, or 0 with @error set
 */
gint64
kith_store_delete_record_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_int (self, result, kith_store_delete_record_async, error);
}

static gpointer
merge_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  Job *job = data;

  return undo_id_or_null (kith_store_merge_records_with_undo (store, job->id, job->other, error));
}

/**
 * kith_store_merge_records_async:
 *
 * Merges @merged_id into @survivor_id so that it can be undone with kith_store_undo_async ().
 */
void
kith_store_merge_records_async (KithStore           *self,
                                gint64               survivor_id,
                                gint64               merged_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, merge_job, job_new (survivor_id, merged_id), (GDestroyNotify) job_free, g_free,
                  cancellable, kith_store_merge_records_async, callback, user_data);
}

/**
 * kith_store_merge_records_finish:
 *
 * Returns: the id that undoes the merge, or 0 with @error set
 */
gint64
kith_store_merge_records_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_int (self, result, kith_store_merge_records_async, error);
}

static gpointer
undo_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Job *job = data;

  if (job->other)
    return GINT_TO_POINTER (kith_store_undo (store, job->id, error));
  return GINT_TO_POINTER (kith_store_forget_undo (store, job->id, error));
}

/**
 * kith_store_undo_async:
 * @undo_id: what kith_store_delete_record_finish () or kith_store_merge_records_finish () gave
 * @undo: whether to undo the change, or to make it final (forgetting what would undo it)
 */
void
kith_store_undo_async (KithStore           *self,
                       gint64               undo_id,
                       gboolean             undo,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, undo_job, job_new (undo_id, undo), (GDestroyNotify) job_free, NULL, cancellable,
                  kith_store_undo_async, callback, user_data);
}

gboolean
kith_store_undo_finish (KithStore     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_undo_async, error);
}

/* Merge candidates */

static gpointer
candidates_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  g_autoptr(GArray) ids = kith_store_find_merge_candidates (store, ((Job *) data)->id, error);
  GPtrArray *rows;

  if (ids == NULL)
    return NULL;
  rows = kith_store_get_rows (store, (const gint64 *) (gpointer) ids->data, ids->len);
  /* A candidate deleted meanwhile has no row */
  for (guint i = rows->len; i > 0; i--)
    if (g_ptr_array_index (rows, i - 1) == NULL)
      g_ptr_array_remove_index (rows, i - 1);
  return rows;
}

/**
 * kith_store_find_merge_candidates_async:
 *
 * Finds the likely duplicates of record @id: the same full name, or a shared phone or handle.
 */
void
kith_store_find_merge_candidates_async (KithStore           *self,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, candidates_job, job_new (id, 0), (GDestroyNotify) job_free,
                  (GDestroyNotify) g_ptr_array_unref, cancellable, kith_store_find_merge_candidates_async,
                  callback, user_data);
}

/**
 * kith_store_find_merge_candidates_finish:
 *
 * Returns: (transfer full) (element-type KithRecordRow): the candidates' list rows
 */
GPtrArray *
kith_store_find_merge_candidates_finish (KithStore     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_find_merge_candidates_async, error);
}
