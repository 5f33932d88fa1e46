/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Inbox's store calls, typed: the messages in it, a message's body, Done and Snooze. Each
 * runs on the store's worker (kith_store_run_async()) and reads the store's JSON here, so that
 * the GUI sees only KithMessage. Writes take no cancellable: a Done the user asked for is
 * stored even when the page goes away first.
 */

#define G_LOG_DOMAIN "KithInboxStore"

#include "config.h"

#include "kith-inbox-store.h"
#include "kith-mail.h"
#include "kith-model-json.h"
#include "kith-model-task.h"

/* A row of kith_store_list_inbox() */
static KithMessage *
message_from_json (JsonObject *row)
{
  return g_object_new (KITH_TYPE_MESSAGE,
                       "id", json_object_get_int_member (row, "itemId"),
                       "subject", kith_model_json_string (row, "subject"),
                       "preview", kith_model_json_string (row, "preview"),
                       "date", json_object_get_int_member_with_default (row, "date", 0),
                       "sender-name", kith_model_json_string (row, "name"),
                       "sender-address", kith_model_json_string (row, "from"),
                       "record-id", json_object_get_int_member_with_default (row, "recordId", 0),
                       "account", kith_model_json_string (row, "account"),
                       NULL);
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  g_autoptr(JsonArray) rows = kith_store_list_inbox (store, error);

  return rows != NULL ? kith_model_json_objects (rows, (KithModelFromJson) message_from_json) : NULL;
}

/**
 * kith_store_list_inbox_async:
 *
 * Lists the Inbox: inbound mail from contacts, still in INBOX, neither done nor snoozed,
 * newest first.
 */
void
kith_store_list_inbox_async (KithStore           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, cancellable,
                  kith_store_list_inbox_async, callback, user_data);
}

/**
 * kith_store_list_inbox_finish:
 *
 * Returns: (transfer full) (element-type KithMessage): the messages, without their bodies;
 *   %NULL with @error set
 */
GPtrArray *
kith_store_list_inbox_finish (KithStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_list_inbox_async, error);
}

static gpointer
get_item_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  return kith_store_get_timeline_item (store, *(gint64 *) data, error);
}

static void
on_item_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) item = kith_store_run_finish (KITH_STORE (source), result, &error);
  KithMessage *message = g_task_get_task_data (task);

  if (item == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  kith_message_set_body (message, kith_model_json_string (item, "body") != NULL ? kith_model_json_string (item, "body")
                                                                     : kith_model_json_string (item, "preview"),
                         kith_model_json_string (item, "bodytype"));
  g_task_return_boolean (task, TRUE);
}

/**
 * kith_store_load_message_body_async:
 *
 * Reads @message's body and sets it on @message (#KithMessage:body) before @callback runs.
 */
void
kith_store_load_message_body_async (KithStore           *self,
                                    KithMessage         *message,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  gint64 id;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kith_store_load_message_body_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);

  id = kith_message_get_id (message);
  kith_store_run_async (self, get_item_job, g_memdup2 (&id, sizeof id), g_free, (GDestroyNotify) json_object_unref,
                        cancellable, on_item_loaded_cb, task);
}

gboolean
kith_store_load_message_body_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_store_load_message_body_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What Done, Undo or Snooze changes; the outer task's data */
typedef struct {
  KithMessage *message;
  gint64       item;
  gboolean     done;
  gint64       snooze_until;   /* 0: back now */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->message);
  g_free (change);
}

static GTask *
change_task_new (KithStore           *self,
                 KithMessage         *message,
                 gpointer             source_tag,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  Change *change = g_new0 (Change, 1);

  change->message = g_object_ref (message);
  change->item = kith_message_get_id (message);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);

  return task;
}

static gpointer
done_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Change *change = data;

  return kith_store_inbox_set_done (store, change->item, change->done, error);
}

static void
on_done_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;
  JsonObject *where = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (where == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  kith_message_set_done (change->message, change->done);
  /* Where it is on the server, for the archive; nothing when there is nothing to move */
  if (!json_object_get_boolean_member_with_default (where, "archive", FALSE))
    g_clear_pointer (&where, json_object_unref);
  g_task_return_pointer (task, where, where != NULL ? (GDestroyNotify) json_object_unref : NULL);
}

/**
 * kith_store_set_message_done_async:
 * @done: %FALSE to bring the message back (Undo)
 *
 * Marks @message Done, or not, and sets #KithMessage:done once stored. Not cancellable: what
 * the user did is stored even when nobody waits for it any more.
 */
void
kith_store_set_message_done_async (KithStore           *self,
                                   KithMessage         *message,
                                   gboolean             done,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  Change *change;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  task = change_task_new (self, message, kith_store_set_message_done_async, callback, user_data);
  change = g_task_get_task_data (task);
  change->done = done;
  kith_store_run_async (self, done_job, g_memdup2 (change, sizeof *change), g_free, (GDestroyNotify) json_object_unref,
                        NULL, on_done_stored_cb, task);
}

/**
 * kith_store_set_message_done_finish:
 * @out_where: (out) (optional) (transfer full) (nullable): where the message is on the server,
 *   for kith_mail_service_archive(); %NULL when it is not to be archived there
 */
gboolean
kith_store_set_message_done_finish (KithStore     *self,
                                    GAsyncResult  *result,
                                    JsonObject   **out_where,
                                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *where;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_store_set_message_done_async, FALSE);

  where = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (out_where != NULL)
    *out_where = where;
  else if (where != NULL)
    json_object_unref (where);

  return TRUE;
}

static gpointer
snooze_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Change *change = data;

  return GINT_TO_POINTER (kith_store_inbox_snooze (store, change->item, MAX (change->snooze_until, 0), error));
}

static void
on_snooze_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  if (kith_store_run_finish (KITH_STORE (source), result, &error) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  kith_message_set_snoozed_until (change->message, MAX (change->snooze_until, 0));
  g_task_return_boolean (task, TRUE);
}

/**
 * kith_store_snooze_message_async:
 * @until: when @message comes back to the Inbox (ms); 0 to bring it back now (Undo)
 *
 * Snoozes @message and sets #KithMessage:snoozed-until once stored. Not cancellable, as Done.
 */
void
kith_store_snooze_message_async (KithStore           *self,
                                 KithMessage         *message,
                                 gint64               until,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Change *change;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  task = change_task_new (self, message, kith_store_snooze_message_async, callback, user_data);
  change = g_task_get_task_data (task);
  change->snooze_until = until;
  kith_store_run_async (self, snooze_job, g_memdup2 (change, sizeof *change), g_free, NULL, NULL, on_snooze_stored_cb,
                        task);
}

gboolean
kith_store_snooze_message_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kith_store_snooze_message_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
