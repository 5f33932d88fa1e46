/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The mail merge's store calls (kith-mail-merge.c) as GIO-style calls: each a job on the
 * store's worker, so the GUI never waits for SQLite. Reads take a cancellable; writes (create,
 * set_excluded, set_limits, delete) take none: what the user asked for always completes.
 *
 * The summary is a boxed copy of KithMergeSummary rather than a GObject: it is a snapshot of
 * counts read in one go, never changed in place; a new one replaces it whole.
 */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include "kith-mail-merge-async.h"
#include "kith-model-task.h"

G_DEFINE_BOXED_TYPE (KithMergeSummary, kith_merge_summary, kith_merge_summary_copy, kith_merge_summary_free)

KithMergeSummary *
kith_merge_summary_copy (const KithMergeSummary *summary)
{
  return g_memdup2 (summary, sizeof *summary);
}

void
kith_merge_summary_free (KithMergeSummary *summary)
{
  g_free (summary);
}

/**
 * kith_merge_summary_to_send:
 *
 * Returns: how many recipients are still to send (pending or queued)
 */
guint
kith_merge_summary_to_send (const KithMergeSummary *summary)
{
  return summary->by_state[KITH_MERGE_RECIPIENT_PENDING] + summary->by_state[KITH_MERGE_RECIPIENT_QUEUED];
}

/* What a job that answers TRUE or FALSE returns: non-NULL for TRUE (kith_model_finish_boolean) */
#define JOB_BOOLEAN(ok) ((ok) ? GINT_TO_POINTER (TRUE) : NULL)

typedef struct {
  gint64           merge_id;
  gint64           template_id;
  guint            offset;
  guint            limit;
  gboolean         flag;
  char            *query;
  char            *account;
  char            *from_address;
  char            *from_name;
  GArray          *ids;
  KithMergeLimits  limits;
} MergeJob;

static void
merge_job_free (MergeJob *job)
{
  g_free (job->query);
  g_free (job->account);
  g_free (job->from_address);
  g_free (job->from_name);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static MergeJob *
merge_job_new (gint64 merge_id)
{
  MergeJob *job = g_new0 (MergeJob, 1);

  job->merge_id = merge_id;
  return job;
}

static void
run (KithStore           *store,
     KithStoreJobFunc     func,
     MergeJob            *job,
     GDestroyNotify       result_free,
     GCancellable        *cancellable,
     gpointer             source_tag,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  kith_model_run (store, store, func, job, (GDestroyNotify) merge_job_free, result_free, cancellable, source_tag,
                  callback, user_data);
}

static gpointer
resolve_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  MergeJob *job = data;

  return kith_store_mail_merge_resolve (store, job->ids != NULL ? (gint64 *) job->ids->data : NULL,
                                        job->ids != NULL ? job->ids->len : 0, job->query, error);
}

/**
 * kith_store_mail_merge_resolve_async:
 *
 * kith_store_mail_merge_resolve() on the store's worker; a read.
 */
void
kith_store_mail_merge_resolve_async (KithStore           *self,
                                     const gint64        *record_ids,
                                     guint                n_ids,
                                     const char          *query,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MergeJob *job = merge_job_new (0);

  g_return_if_fail (KITH_IS_STORE (self));

  job->query = g_strdup (query);
  if (record_ids != NULL)
    {
      job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
      g_array_append_vals (job->ids, record_ids, n_ids);
    }
  run (self, resolve_job, job, (GDestroyNotify) g_array_unref, cancellable, kith_store_mail_merge_resolve_async,
       callback, user_data);
}

/**
 * kith_store_mail_merge_resolve_finish:
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the people, or %NULL with @error set
 */
GArray *
kith_store_mail_merge_resolve_finish (KithStore     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_mail_merge_resolve_async, error);
}

static gpointer
create_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  MergeJob *job = data;
  gint64 id = kith_store_mail_merge_create (store, job->template_id, job->account, job->from_address,
                                            job->from_name, job->ids, &job->limits, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/**
 * kith_store_mail_merge_create_async:
 *
 * kith_store_mail_merge_create() on the store's worker; a write, always completed.
 */
void
kith_store_mail_merge_create_async (KithStore              *self,
                                    gint64                  template_id,
                                    const char             *account,
                                    const char             *from_address,
                                    const char             *from_name,
                                    GArray                 *person_ids,
                                    const KithMergeLimits  *limits,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  MergeJob *job = merge_job_new (0);

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (person_ids != NULL);

  job->template_id = template_id;
  job->account = g_strdup (account);
  job->from_address = g_strdup (from_address);
  job->from_name = g_strdup (from_name);
  job->ids = g_array_ref (person_ids);
  job->limits = *limits;
  run (self, create_job, job, g_free, NULL, kith_store_mail_merge_create_async, callback, user_data);
}

/**
 * kith_store_mail_merge_create_finish:
 *
 * Returns: the new merge's id, or 0 with @error set
 */
gint64
kith_store_mail_merge_create_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autofree gint64 *id = kith_model_finish_pointer (self, result, kith_store_mail_merge_create_async, error);

  return id != NULL ? *id : 0;
}

static gpointer
recipients_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  MergeJob *job = data;

  return kith_store_mail_merge_recipients (store, job->merge_id, job->offset, job->limit, job->flag, error);
}

/**
 * kith_store_mail_merge_recipients_async:
 *
 * kith_store_mail_merge_recipients() on the store's worker: a page; a read.
 */
void
kith_store_mail_merge_recipients_async (KithStore           *self,
                                        gint64               merge_id,
                                        guint                offset,
                                        guint                limit,
                                        gboolean             preview,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  MergeJob *job = merge_job_new (merge_id);

  g_return_if_fail (KITH_IS_STORE (self));

  job->offset = offset;
  job->limit = limit;
  job->flag = preview;
  run (self, recipients_job, job, (GDestroyNotify) g_ptr_array_unref, cancellable,
       kith_store_mail_merge_recipients_async, callback, user_data);
}

/**
 * kith_store_mail_merge_recipients_finish:
 *
 * Returns: (transfer full) (element-type KithMergeRecipient) (nullable): the page, or %NULL
 *   with @error set
 */
GPtrArray *
kith_store_mail_merge_recipients_finish (KithStore     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_mail_merge_recipients_async, error);
}

static gpointer
set_excluded_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  MergeJob *job = data;

  return JOB_BOOLEAN (kith_store_mail_merge_set_excluded (store, job->merge_id, job->offset, job->flag, error));
}

/**
 * kith_store_mail_merge_set_excluded_async:
 *
 * kith_store_mail_merge_set_excluded() on the store's worker; a write, always completed.
 */
void
kith_store_mail_merge_set_excluded_async (KithStore           *self,
                                          gint64               merge_id,
                                          guint                position,
                                          gboolean             excluded,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  MergeJob *job = merge_job_new (merge_id);

  g_return_if_fail (KITH_IS_STORE (self));

  job->offset = position;
  job->flag = excluded;
  run (self, set_excluded_job, job, NULL, NULL, kith_store_mail_merge_set_excluded_async, callback, user_data);
}

gboolean
kith_store_mail_merge_set_excluded_finish (KithStore     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_mail_merge_set_excluded_async, error);
}

static gpointer
set_limits_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  MergeJob *job = data;

  return JOB_BOOLEAN (kith_store_mail_merge_set_limits (store, job->merge_id, &job->limits, error));
}

/**
 * kith_store_mail_merge_set_limits_async:
 *
 * kith_store_mail_merge_set_limits() on the store's worker; a write, always completed.
 */
void
kith_store_mail_merge_set_limits_async (KithStore              *self,
                                        gint64                  merge_id,
                                        const KithMergeLimits  *limits,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  MergeJob *job = merge_job_new (merge_id);

  g_return_if_fail (KITH_IS_STORE (self));

  job->limits = *limits;
  run (self, set_limits_job, job, NULL, NULL, kith_store_mail_merge_set_limits_async, callback, user_data);
}

gboolean
kith_store_mail_merge_set_limits_finish (KithStore     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_mail_merge_set_limits_async, error);
}

static gpointer
summary_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  MergeJob *job = data;
  KithMergeSummary summary;

  if (!kith_store_mail_merge_get_summary (store, job->merge_id, &summary, error))
    return NULL;
  return kith_merge_summary_copy (&summary);
}

/**
 * kith_store_mail_merge_get_summary_async:
 *
 * kith_store_mail_merge_get_summary() on the store's worker; a read.
 */
void
kith_store_mail_merge_get_summary_async (KithStore           *self,
                                         gint64               merge_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  run (self, summary_job, merge_job_new (merge_id), (GDestroyNotify) kith_merge_summary_free, cancellable,
       kith_store_mail_merge_get_summary_async, callback, user_data);
}

/**
 * kith_store_mail_merge_get_summary_finish:
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error set
 */
KithMergeSummary *
kith_store_mail_merge_get_summary_finish (KithStore     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_mail_merge_get_summary_async, error);
}

static gpointer
empty_fields_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  MergeJob *job = data;

  return kith_store_mail_merge_empty_fields (store, job->merge_id, error);
}

/**
 * kith_store_mail_merge_empty_fields_async:
 *
 * kith_store_mail_merge_empty_fields() on the store's worker; a read.
 */
void
kith_store_mail_merge_empty_fields_async (KithStore           *self,
                                          gint64               merge_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  run (self, empty_fields_job, merge_job_new (merge_id), (GDestroyNotify) g_strfreev, cancellable,
       kith_store_mail_merge_empty_fields_async, callback, user_data);
}

/**
 * kith_store_mail_merge_empty_fields_finish:
 *
 * Returns: (transfer full) (nullable): the fields, or %NULL with @error set
 */
GStrv
kith_store_mail_merge_empty_fields_finish (KithStore     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_mail_merge_empty_fields_async, error);
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  MergeJob *job = data;

  return JOB_BOOLEAN (kith_store_mail_merge_delete (store, job->merge_id, error));
}

/**
 * kith_store_mail_merge_delete_async:
 *
 * kith_store_mail_merge_delete() on the store's worker; a write, always completed.
 */
void
kith_store_mail_merge_delete_async (KithStore           *self,
                                    gint64               merge_id,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  run (self, delete_job, merge_job_new (merge_id), NULL, NULL, kith_store_mail_merge_delete_async, callback,
       user_data);
}

gboolean
kith_store_mail_merge_delete_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_mail_merge_delete_async, error);
}
