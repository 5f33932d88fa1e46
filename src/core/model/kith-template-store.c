/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTemplateStore"

#include "config.h"

#include "kith-model-task.h"
#include "kith-template-store.h"
#include "kith-templates.h"

/*
 * The template library's store calls (src/core/templates/kith-templates.c) in the GIO shape,
 * each a job on the store's worker. A save works on a copy, and gives the template asked of
 * what the store made of it: its id, its attachments' copies and its times.
 */

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  g_autoptr(GPtrArray) templates = kith_store_templates_list (store, error);
  GListStore *list;

  if (templates == NULL)
    return NULL;

  list = g_list_store_new (KITH_TYPE_TEMPLATE);
  g_list_store_splice (list, 0, 0, templates->pdata, templates->len);
  return list;
}

/**
 * kith_store_templates_list_async:
 *
 * Lists every template of the library (kith_store_templates_list()). A read.
 */
void
kith_store_templates_list_async (KithStore           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_job, NULL, NULL, g_object_unref, cancellable,
                  kith_store_templates_list_async, callback, user_data);
}

/**
 * kith_store_templates_list_finish:
 *
 * Returns: (transfer full) (nullable): a list model of KithTemplate, by name, or %NULL with
 *   @error set
 */
GListModel *
kith_store_templates_list_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_templates_list_async, error);
}

static gpointer
get_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  return kith_store_template_get (store, *(gint64 *) data, error);
}

/**
 * kith_store_template_get_async:
 *
 * Reads template @id (kith_store_template_get()). A read.
 */
void
kith_store_template_get_async (KithStore           *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, get_job, g_memdup2 (&id, sizeof id), g_free, g_object_unref, cancellable,
                  kith_store_template_get_async, callback, user_data);
}

/**
 * kith_store_template_get_finish:
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set
 */
KithTemplate *
kith_store_template_get_finish (KithStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_template_get_async, error);
}

static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  if (kith_store_template_save (store, data, error) == 0)
    return NULL;

  return g_object_ref (data);
}

/* On the calling thread: what the store made of the copy, on the template itself */
static void
apply_saved (gpointer apply_data,
             gpointer value)
{
  g_object_set (apply_data, "id", kith_template_get_id (value), "attachments", kith_template_get_attachments (value),
                "created", kith_template_get_created (value), "changed", kith_template_get_changed (value), NULL);
}

/**
 * kith_store_template_save_async:
 *
 * Saves @template (kith_store_template_save()): a template that does not parse is refused with
 * a %KITH_TEMPLATE_ERROR naming the part, line and column. A write: it completes even when
 * whoever asked goes away.
 */
void
kith_store_template_save_async (KithStore           *self,
                                KithTemplate        *template,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_TEMPLATE (template));

  kith_model_run_then (self, self, save_job, kith_template_copy (template), g_object_unref, g_object_unref,
                       apply_saved, g_object_ref (template), g_object_unref, NULL,
                       kith_store_template_save_async, callback, user_data);
}

/**
 * kith_store_template_save_finish:
 *
 * Returns: the template's id, or 0 with @error set
 */
gint64
kith_store_template_save_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(KithTemplate) saved = kith_model_finish_pointer (self, result, kith_store_template_save_async, error);

  return saved != NULL ? kith_template_get_id (saved) : 0;
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  gint64 undo_id = kith_store_template_delete_with_undo (store, *(gint64 *) data, error);

  return undo_id != 0 ? g_memdup2 (&undo_id, sizeof undo_id) : NULL;
}

/**
 * kith_store_template_delete_with_undo_async:
 *
 * Deletes template @id (kith_store_template_delete_with_undo()); a write.
 */
void
kith_store_template_delete_with_undo_async (KithStore           *self,
                                            gint64               id,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, delete_job, g_memdup2 (&id, sizeof id), g_free, g_free, NULL,
                  kith_store_template_delete_with_undo_async, callback, user_data);
}

/**
 * kith_store_template_delete_with_undo_finish:
 *
 * Returns: the id to undo the delete with (kith_store_undo_async()), or 0 with @error set
 */
gint64
kith_store_template_delete_with_undo_finish (KithStore     *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_autofree gint64 *undo_id = kith_model_finish_pointer (self, result, kith_store_template_delete_with_undo_async,
                                                          error);

  return undo_id != NULL ? *undo_id : 0;
}

/* What a render asks */
typedef struct {
  gint64  template_id;
  gint64  person_id;
  char   *my_name;
  char   *my_email;
  char   *my_signature;
} RenderJob;

/* What it gives */
typedef struct {
  char   *subject;
  char   *body;
  GStrv   empty;
} Rendering;

static void
render_job_free (RenderJob *job)
{
  g_free (job->my_name);
  g_free (job->my_email);
  g_free (job->my_signature);
  g_free (job);
}

static void
rendering_free (Rendering *rendering)
{
  g_free (rendering->subject);
  g_free (rendering->body);
  g_strfreev (rendering->empty);
  g_free (rendering);
}

static gpointer
render_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  RenderJob *job = data;
  g_autoptr(KithTemplate) template = kith_store_template_get (store, job->template_id, error);
  g_autoptr(KithCompiledTemplate) compiled = NULL;
  g_autoptr(KithTemplateValues) values = NULL;
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  Rendering *rendering;

  if (template == NULL || (compiled = kith_store_template_compile (store, template, NULL, NULL, error)) == NULL)
    return NULL;
  values = kith_template_values_new (kith_compiled_template_get_fields (compiled));
  kith_template_values_set_sender (values, job->my_name, job->my_email, job->my_signature);
  if (!kith_store_template_fill_person (store, job->person_id, values, error))
    return NULL;

  kith_compiled_template_render (compiled, values, subject, body, empty);
  g_ptr_array_add (empty, NULL);
  rendering = g_new0 (Rendering, 1);
  rendering->subject = g_string_free (g_steal_pointer (&subject), FALSE);
  rendering->body = g_string_free (g_steal_pointer (&body), FALSE);
  rendering->empty = g_strdupv ((char **) empty->pdata);
  return rendering;
}

/**
 * kith_store_template_render_async:
 * @my_name: (nullable): the sender's name, for my.name, my.first_name and my.last_name
 * @my_email: (nullable): the sender's address
 * @my_signature: (nullable): the signature, plain text
 *
 * Renders template @template_id for person @person_id, as the composer inserts it and the
 * merge previews it. A read: @cancellable stops it.
 */
void
kith_store_template_render_async (KithStore           *self,
                                  gint64               template_id,
                                  gint64               person_id,
                                  const char          *my_name,
                                  const char          *my_email,
                                  const char          *my_signature,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  RenderJob *job = g_new0 (RenderJob, 1);

  g_return_if_fail (KITH_IS_STORE (self));

  job->template_id = template_id;
  job->person_id = person_id;
  job->my_name = g_strdup (my_name);
  job->my_email = g_strdup (my_email);
  job->my_signature = g_strdup (my_signature);
  kith_model_run (self, self, render_job, job, (GDestroyNotify) render_job_free, (GDestroyNotify) rendering_free,
                  cancellable, kith_store_template_render_async, callback, user_data);
}

/**
 * kith_store_template_render_finish:
 * @out_subject: (out) (transfer full): the subject
 * @out_body: (out) (transfer full): the body, HTML when the template's is
 * @out_empty: (out) (transfer full): the fields without fallback that were empty for the
 *   person (the merge leaves such a recipient out); empty when there is none
 *
 * Returns: %TRUE with the three set, or %FALSE with @error set (no such template or person, a
 *   template that no longer parses because a custom field it names was removed)
 */
gboolean
kith_store_template_render_finish (KithStore     *self,
                                   GAsyncResult  *result,
                                   char         **out_subject,
                                   char         **out_body,
                                   GStrv         *out_empty,
                                   GError       **error)
{
  Rendering *rendering = kith_model_finish_pointer (self, result, kith_store_template_render_async, error);

  if (rendering == NULL)
    return FALSE;

  *out_subject = g_steal_pointer (&rendering->subject);
  *out_body = g_steal_pointer (&rendering->body);
  *out_empty = g_steal_pointer (&rendering->empty);
  rendering_free (rendering);
  return TRUE;
}
