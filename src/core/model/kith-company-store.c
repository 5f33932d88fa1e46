/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-company-people.h"
#include "kith-company-store.h"
#include "kith-model-task.h"

/* The typed calls of a company's people, on the store's worker */

typedef struct {
  char   *person;      /* as typed: an email or a name */
  gint64  person_id;
  gint64  company_id;
} Job;

static void
job_free (Job *job)
{
  g_free (job->person);
  g_free (job);
}

static Job *
job_new (const char *person,
         gint64      person_id,
         gint64      company_id)
{
  Job *job = g_new0 (Job, 1);

  job->person = g_strdup (person);
  job->person_id = person_id;
  job->company_id = company_id;
  return job;
}

static gpointer
list_people_of_job (KithStore  *store,
                    gpointer    data,
                    GError    **error)
{
  return kith_store_read_people_of (store, ((Job *) data)->company_id, error);
}

/**
 * kith_store_list_people_of_async:
 * @company_id: a company
 *
 * Reads the people whose company @company_id is.
 */
void
kith_store_list_people_of_async (KithStore           *self,
                                 gint64               company_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_people_of_job, job_new (NULL, 0, company_id), (GDestroyNotify) job_free,
                  g_object_unref, cancellable, kith_store_list_people_of_async, callback, user_data);
}

/**
 * kith_store_list_people_of_finish:
 *
 * Returns: (transfer full): a list model of #KithPerson by name, or %NULL with @error set
 */
GListModel *
kith_store_list_people_of_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_list_people_of_async, error);
}

static gpointer
add_to_company_job (KithStore  *store,
                    gpointer    data,
                    GError    **error)
{
  Job *job = data;
  gint64 id = kith_store_find_person (store, job->person, error);

  if (id == 0 || !kith_store_set_company_of (store, id, job->company_id, error))
    return NULL;
  return g_memdup2 (&id, sizeof id);
}

/**
 * kith_store_add_to_company_async:
 * @person: the email or the full name of a person the store knows
 * @cancellable: (nullable): %NULL for a change the user asked for, so that it is written
 *
 * Makes @company_id the company of the person @person names. The store refuses a @person it does
 * not know, or one that names several people.
 */
void
kith_store_add_to_company_async (KithStore           *self,
                                 const char          *person,
                                 gint64               company_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (person != NULL);

  kith_model_run (self, self, add_to_company_job, job_new (person, 0, company_id), (GDestroyNotify) job_free,
                  g_free, cancellable, kith_store_add_to_company_async, callback, user_data);
}

/**
 * kith_store_add_to_company_finish:
 *
 * Returns: the id of the person added, or 0 with @error set
 */
gint64
kith_store_add_to_company_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autofree gint64 *id = kith_model_finish_pointer (self, result, kith_store_add_to_company_async, error);

  return id != NULL ? *id : 0;
}

static gpointer
set_company_of_job (KithStore  *store,
                    gpointer    data,
                    GError    **error)
{
  Job *job = data;

  return kith_store_set_company_of (store, job->person_id, job->company_id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/**
 * kith_store_set_company_of_async:
 * @person_id: a person
 * @company_id: their company, or 0 to take them off theirs
 * @cancellable: (nullable): %NULL for a change the user asked for, so that it is written
 */
void
kith_store_set_company_of_async (KithStore           *self,
                                 gint64               person_id,
                                 gint64               company_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, set_company_of_job, job_new (NULL, person_id, company_id), (GDestroyNotify) job_free,
                  NULL, cancellable, kith_store_set_company_of_async, callback, user_data);
}

gboolean
kith_store_set_company_of_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_set_company_of_async, error);
}
