/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Acting on a next step's reminder: the step's template (docs/templates.md) merged for the
 * person, as a draft the composer opens — To the person's first address, From the template's
 * account, the template's attachments. Nothing is stored: the composer saves the draft.
 */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-mail-merge-private.h"
#include "kith-model-task.h"
#include "kith-step-compose.h"

/* The template of @person_id's current step, and the step's key in *out_step; 0 with @error
 * set when there is none */
static gint64
step_template_locked (KithStore  *store,
                      gint64      person_id,
                      char      **out_step,
                      GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 template_id;

  if (!kith_statement_prepare (&st, store,
                               "SELECT ifnull (s.template_id, 0), s.name, s.key FROM records r "
                               "JOIN steps s ON s.key = r.step WHERE r.id = ?", error))
    return 0;
  kith_statement_bind_int64 (&st, 1, person_id);
  if (!kith_statement_has_row (&st, error))
    {
      if (!kith_statement_failed (&st))
        g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                     _("Person #%" G_GINT64_FORMAT " has no next step"), person_id);
      return 0;
    }

  template_id = kith_statement_column_int64 (&st, 0);
  *out_step = kith_statement_dup_text (&st, 2);
  if (template_id == 0)
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                 _("The step “%s” has no template"), kith_statement_column_text (&st, 1));
  return template_id;
}

static KithOutgoing *
draft_of (KithTemplate  *template,
          const char    *address,
          const char    *subject,
          const char    *body,
          gboolean       html)
{
  KithOutgoing *msg = kith_outgoing_new ();
  const char *to[] = { address, NULL };

  kith_outgoing_set_account (msg, kith_template_get_account (template));
  kith_outgoing_set_to (msg, address != NULL && address[0] != '\0' ? to : NULL);
  kith_outgoing_set_subject (msg, subject);
  if (html)
    {
      g_autofree char *text = kith_merge_html_to_text (body);

      kith_outgoing_set_body_html (msg, body);
      kith_outgoing_set_body_text (msg, text);
    }
  else
    kith_outgoing_set_body_text (msg, body);
  kith_outgoing_set_attachments (msg, kith_template_get_attachments (template));

  return msg;
}

static KithOutgoing *
compose_locked (KithStore   *store,
                gint64       person_id,
                const char  *my_name,
                const char  *my_email,
                const char  *my_signature,
                GError     **error)
{
  g_autoptr(KithTemplate) template = NULL;
  g_autoptr(KithCompiledTemplate) compiled = NULL;
  g_autoptr(KithTemplateValues) values = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *step = NULL;
  gint64 template_id = step_template_locked (store, person_id, &step, error);
  KithOutgoing *msg;

  if (template_id == 0 || (template = kith_store_template_get (store, template_id, error)) == NULL ||
      (compiled = kith_store_template_compile (store, template, NULL, NULL, error)) == NULL)
    return NULL;

  values = kith_template_values_new (kith_compiled_template_get_fields (compiled));
  kith_template_values_set_sender (values, my_name, my_email, my_signature);
  if (!kith_store_template_fill_person (store, person_id, values, error) ||
      !kith_compiled_template_render_strings (compiled, values, &subject, &body, error))
    return NULL;

  msg = draft_of (template, kith_template_values_get (values, KITH_TEMPLATE_EMAIL), subject, body,
                  kith_compiled_template_is_html (compiled));
  /* Sent, it completes the step (kith-step-complete.c); the composer may say otherwise */
  kith_outgoing_set_completes_step (msg, person_id, step);
  return msg;
}

/**
 * kith_store_step_compose:
 * @my_name: (nullable): the sender's name, for the my.* fields
 * @my_email: (nullable): the sender's address
 * @my_signature: (nullable): the signature
 *
 * Merges the template of person @person_id's next step for them: a draft, not saved, with
 * To, subject, body, attachments and the template's account, which completes the step once
 * sent (kith_outgoing_get_completes_step_key()).
 *
 * Returns: (transfer full) (nullable): the draft; %NULL with @error set — NOT_FOUND when the
 *   person has no step or the step no template
 */
KithOutgoing *
kith_store_step_compose (KithStore   *self,
                         gint64       person_id,
                         const char  *my_name,
                         const char  *my_email,
                         const char  *my_signature,
                         GError     **error)
{
  KithOutgoing *msg;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  msg = compose_locked (self, person_id, my_name, my_email, my_signature, error);
  kith_store_unlock (self);

  return msg;
}

typedef struct {
  gint64  person_id;
  char   *my_name;
  char   *my_email;
  char   *my_signature;
} ComposeJob;

static void
compose_job_free (ComposeJob *job)
{
  g_free (job->my_name);
  g_free (job->my_email);
  g_free (job->my_signature);
  g_free (job);
}

static gpointer
compose_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  ComposeJob *job = data;

  return kith_store_step_compose (store, job->person_id, job->my_name, job->my_email, job->my_signature, error);
}

/**
 * kith_store_step_compose_async:
 *
 * kith_store_step_compose() on the store's worker. A read: @cancellable stops it.
 */
void
kith_store_step_compose_async (KithStore            *self,
                               gint64                person_id,
                               const char           *my_name,
                               const char           *my_email,
                               const char           *my_signature,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  ComposeJob *job = g_new0 (ComposeJob, 1);

  g_return_if_fail (KITH_IS_STORE (self));

  job->person_id = person_id;
  job->my_name = g_strdup (my_name);
  job->my_email = g_strdup (my_email);
  job->my_signature = g_strdup (my_signature);
  kith_model_run (self, self, compose_job, job, (GDestroyNotify) compose_job_free, g_object_unref,
                  cancellable, kith_store_step_compose_async, callback, user_data);
}

/**
 * kith_store_step_compose_finish:
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL with @error set
 */
KithOutgoing *
kith_store_step_compose_finish (KithStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_step_compose_async, error);
}
