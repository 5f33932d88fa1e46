/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A template as the composer inserts it: merged for the person the message goes to when the
 * first recipient's address is a person's in Kith, else with its fallbacks (the fields
 * without one left empty), read and rendered on the store's worker.
 */

#define G_LOG_DOMAIN "KithTemplateInsert"

#include "config.h"

#include "kith-record-identity.h"
#include "kith-template-insert.h"
#include "kith-templates.h"

typedef struct {
  KithTemplate *template;
  char         *address;
} InsertJob;

static void
insert_job_free (gpointer data)
{
  InsertJob *job = data;

  g_clear_object (&job->template);
  g_free (job->address);
  g_free (job);
}

void
kith_template_insert_free (KithTemplateInsert *self)
{
  g_free (self->subject);
  g_free (self->body);
  g_strfreev (self->attachments);
  g_free (self->account);
  g_free (self);
}

/* The person @address is, or 0: a company's address or one Kith does not know merges no one */
static gint64
person_of (KithStore  *store,
           const char *address)
{
  g_autoptr(GError) not_found = NULL;
  gint64 id = address != NULL ? kith_store_lookup (store, address, &not_found) : 0;

  return id != 0 && kith_store_get_record_kind (store, id) == KITH_RECORD_PERSON ? id : 0;
}

static gpointer
insert_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  InsertJob *job = data;
  g_autoptr(KithCompiledTemplate) compiled = kith_store_template_compile (store, job->template, NULL, NULL, error);
  g_autoptr(KithTemplateValues) values = NULL;
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  gint64 person_id;
  KithTemplateInsert *insert;

  if (compiled == NULL)
    return NULL;
  values = kith_template_values_new (kith_compiled_template_get_fields (compiled));
  person_id = person_of (store, job->address);
  if (person_id != 0 && !kith_store_template_fill_person (store, person_id, values, error))
    return NULL;

  kith_compiled_template_render (compiled, values, subject, body, empty);
  insert = g_new0 (KithTemplateInsert, 1);
  insert->subject = g_string_free (g_steal_pointer (&subject), FALSE);
  insert->body = g_string_free (g_steal_pointer (&body), FALSE);
  insert->html = kith_compiled_template_is_html (compiled);
  insert->attachments = g_strdupv ((GStrv) kith_template_get_attachments (job->template));
  insert->account = g_strdup (kith_template_get_account (job->template));
  return insert;
}

/**
 * kith_template_insert_async:
 * @address: (nullable): the first recipient's address
 *
 * Merges @template for the person @address is, on the store's worker. A read: @cancellable
 * stops it.
 */
void
kith_template_insert_async (KithStore           *store,
                            KithTemplate        *template,
                            const char          *address,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  InsertJob *job = g_new0 (InsertJob, 1);

  job->template = g_object_ref (template);
  job->address = g_strdup (address);
  kith_store_run_async (store, insert_job, job, insert_job_free, (GDestroyNotify) kith_template_insert_free,
                        cancellable, callback, user_data);
}

/**
 * kith_template_insert_finish:
 *
 * Returns: (transfer full): the merged subject, body and attachments, and the template's
 *   account, or %NULL with @error set
 */
KithTemplateInsert *
kith_template_insert_finish (KithStore     *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return kith_store_run_finish (store, result, error);
}
