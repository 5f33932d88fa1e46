/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Completing a next step by sending its email (docs/merge.md, "A next step's email"): the
 * draft kith_store_step_compose() gives names the person and the step; the Outbox keeps both
 * on the outgoing row (completes_step_person, completes_step_key), and when the row is marked
 * sent — by whichever sender, before or after a restart — the person moves to the next step
 * of that stage's checklist, or to none after the last. Only when they are still on the step
 * the message was written for: a person moved on by hand meanwhile stays where they are.
 */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kith-model-task.h"
#include "kith-record-writer.h"
#include "kith-statement.h"
#include "kith-step-complete.h"

/* The step @outgoing_id completes for its person, when that person is still on it: the
 * person's id (0: nothing to do), and the key of the step that follows it in *out_next
 * (%NULL after the last) */
static gint64
read_completion (KithStore   *store,
                 gint64       outgoing_id,
                 char       **out_next,
                 GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 person_id;

  if (!kith_statement_prepare (&st, store,
                               "SELECT o.completes_step_person, "
                               "  (SELECT n.key FROM steps n WHERE n.segment = s.segment AND n.stage = s.stage "
                               "   AND n.position > s.position ORDER BY n.position LIMIT 1) "
                               "FROM outgoing o JOIN records r ON r.id = o.completes_step_person "
                               "JOIN steps s ON s.key = o.completes_step_key "
                               "WHERE o.id = ? AND r.step = o.completes_step_key", error))
    return 0;
  kith_statement_bind_int64 (&st, 1, outgoing_id);
  if (!kith_statement_has_row (&st, error))
    return 0;

  person_id = kith_statement_column_int64 (&st, 0);
  *out_next = kith_statement_dup_text (&st, 1);
  return person_id;
}

/**
 * kith_step_complete_sent_locked:
 *
 * With the store's lock held, in the transaction that marks outgoing message @outgoing_id
 * sent: moves the person it was written for to the next step, through the record writer, so
 * that the audit log has the change. A person no longer on the step is left alone.
 *
 * Returns: %FALSE with @error set only when the database failed: a step that can no longer
 *   be written (its stage changed under it) is only logged, for the message has left
 */
gboolean
kith_step_complete_sent_locked (KithStore  *store,
                                gint64      outgoing_id,
                                GError    **error)
{
  g_autofree char *next = NULL;
  g_autoptr(JsonObject) change = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 person_id = read_completion (store, outgoing_id, &next, &local_error);

  if (person_id == 0)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  change = json_object_new ();
  if (next != NULL)
    json_object_set_string_member (change, "step", next);
  else
    json_object_set_null_member (change, "step");
  if (kith_store_update_record (store, person_id, change, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_warning ("Message #%" G_GINT64_FORMAT " was sent, but its next step was not completed: %s",
             outgoing_id, local_error->message);
  return TRUE;
}

/**
 * kith_store_step_get_name:
 *
 * Returns: (transfer full) (nullable): the name of next step @step_key; %NULL with NOT_FOUND
 *   when there is no such step
 */
char *
kith_store_step_get_name (KithStore   *self,
                          const char  *step_key,
                          GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  char *name = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (step_key != NULL, NULL);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self, "SELECT name FROM steps WHERE key = ?", error))
    {
      kith_statement_bind_text (&st, 1, step_key);
      if (kith_statement_has_row (&st, error))
        name = kith_statement_dup_text (&st, 0);
      else if (!kith_statement_failed (&st))
        g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                     _("There is no next step “%s”"), step_key);
    }
  kith_store_unlock (self);

  return name;
}

static gpointer
get_name_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  return kith_store_step_get_name (store, data, error);
}

/**
 * kith_store_step_get_name_async:
 *
 * kith_store_step_get_name() on the store's worker. A read: @cancellable stops it.
 */
void
kith_store_step_get_name_async (KithStore           *self,
                                const char          *step_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (step_key != NULL);

  kith_model_run (self, self, get_name_job, g_strdup (step_key), g_free, g_free,
                  cancellable, kith_store_step_get_name_async, callback, user_data);
}

char *
kith_store_step_get_name_finish (KithStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_step_get_name_async, error);
}
