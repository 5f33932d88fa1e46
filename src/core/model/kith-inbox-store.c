/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Inbox's store calls, typed: the messages in it, a message's body, Done and Snooze. Each
 * runs on the store's worker (kith_store_run_async()); core reads them typed, so that the GUI
 * sees only KithMessage. Writes take no cancellable: a Done the user asked for is
 * stored even when the page goes away first.
 */

#define G_LOG_DOMAIN "KithInboxStore"

#include "config.h"

#include "kith-inbox-store.h"
#include "kith-mail.h"
#include "kith-model-task.h"
#include "kith-timeline-reader.h"

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_store_list_inbox (store, error);
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

/* The body shown is the one read, or the preview when the item has none; with it, who else the
 * message went to, for Reply All */
static void
apply_body (gpointer message,
            gpointer item)
{
  kith_message_load_item (message, item);
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
  gint64 id;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  id = kith_message_get_id (message);
  kith_model_run_then (self, self, get_item_job, g_memdup2 (&id, sizeof id), g_free, g_object_unref,
                       apply_body, g_object_ref (message), g_object_unref, cancellable,
                       kith_store_load_message_body_async, callback, user_data);
}

gboolean
kith_store_load_message_body_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_load_message_body_async, error);
}

/* What Done, Undo or Snooze changes, and of which message */
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

static Change *
change_new (KithMessage *message)
{
  Change *change = g_new0 (Change, 1);

  change->message = g_object_ref (message);
  change->item = kith_message_get_id (message);

  return change;
}

/* What the job on the worker gets: the change without the message, which stays here */
static Change *
change_for_job (Change *change)
{
  Change *job = g_memdup2 (change, sizeof *change);

  job->message = NULL;

  return job;
}

/* What Done stored: where the message is to archive, if anywhere */
typedef struct {
  KithMailPlace *place;
} Done;

static void
done_free (Done *done)
{
  g_clear_pointer (&done->place, kith_mail_place_free);
  g_free (done);
}

static gpointer
done_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Change *change = data;
  Done *done = g_new0 (Done, 1);

  if (!kith_store_inbox_set_done (store, change->item, change->done, &done->place, error))
    g_clear_pointer (&done, done_free);

  return done;
}

static void
apply_done (gpointer data,
            gpointer where)
{
  Change *change = data;

  kith_message_set_done (change->message, change->done);
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
  Change *change;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  change = change_new (message);
  change->done = done;
  kith_model_run_then (self, self, done_job, change_for_job (change), g_free, (GDestroyNotify) done_free,
                       apply_done, change, (GDestroyNotify) change_free, NULL, kith_store_set_message_done_async,
                       callback, user_data);
}

/**
 * kith_store_set_message_done_finish:
 * @out_place: (out) (optional) (transfer full) (nullable): where the message is on the server,
 *   for kith_mail_service_archive(); %NULL when it is not to be archived there
 */
gboolean
kith_store_set_message_done_finish (KithStore      *self,
                                    GAsyncResult   *result,
                                    KithMailPlace **out_place,
                                    GError        **error)
{
  Done *done = kith_model_finish_pointer (self, result, kith_store_set_message_done_async, error);

  if (done == NULL)
    return FALSE;
  /* Where it is on the server, for the archive; nothing when there is nothing to move */
  if (out_place != NULL)
    *out_place = g_steal_pointer (&done->place);
  done_free (done);

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
apply_snooze (gpointer data,
              gpointer stored)
{
  Change *change = data;

  kith_message_set_snoozed_until (change->message, MAX (change->snooze_until, 0));
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
  Change *change;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_MESSAGE (message));

  change = change_new (message);
  change->snooze_until = until;
  kith_model_run_then (self, self, snooze_job, change_for_job (change), g_free, NULL, apply_snooze, change,
                       (GDestroyNotify) change_free, NULL, kith_store_snooze_message_async, callback, user_data);
}

gboolean
kith_store_snooze_message_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_snooze_message_async, error);
}
