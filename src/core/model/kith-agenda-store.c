/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaStore"

#include "config.h"

#include "kith-agenda.h"
#include "kith-agenda-store.h"
#include "kith-timeline-input-typed.h"
#include "kith-todos.h"
#include "kith-model-task.h"

/*
 * The Agenda's and the to-dos' store calls in the GIO shape, each a job on the store's worker
 * (kith_store_run_async()), so the main loop never waits for SQLite.
 */

static gpointer
compute_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  return kith_agenda_compute_model (store, NULL, NULL, error);
}

/**
 * kith_store_compute_agenda_async:
 *
 * Computes today's Agenda (kith_agenda_compute_model()) on the worker.
 */
void
kith_store_compute_agenda_async (KithStore           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, compute_job, NULL, NULL, g_object_unref, cancellable, kith_store_compute_agenda_async,
                  callback, user_data);
}

/**
 * kith_store_compute_agenda_finish:
 *
 * Returns: (transfer full) (nullable): the Agenda, or %NULL with @error set
 */
KithAgendaModel *
kith_store_compute_agenda_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_compute_agenda_async, error);
}

static gpointer
add_todo_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  gint64 id = kith_todos_add_input (store, data, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/**
 * kith_store_add_todo_async:
 * @todo: a to-do not stored yet
 *
 * Stores @todo. A write: it completes even when whoever asked goes away.
 */
void
kith_store_add_todo_async (KithStore           *self,
                           KithTodo            *todo,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_TODO (todo));

  kith_model_run (self, self, add_todo_job, kith_todo_input_new_for_todo (todo), (GDestroyNotify) kith_todo_input_free,
                  g_free, NULL,
                  kith_store_add_todo_async, callback, user_data);
}

/**
 * kith_store_add_todo_finish:
 *
 * Returns: the new to-do's id, or 0 with @error set
 */
gint64
kith_store_add_todo_finish (KithStore     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autofree gint64 *id = kith_model_finish_pointer (self, result, kith_store_add_todo_async, error);

  return id != NULL ? *id : 0;
}

typedef struct {
  gint64   record;
  gboolean include_done;
} TodoQuery;

static gpointer
list_todos_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  TodoQuery *query = data;
  g_autoptr(GPtrArray) todos = kith_store_list_todos (store, query->record, query->include_done, error);
  GListStore *list;

  if (todos == NULL)
    return NULL;

  list = g_list_store_new (KITH_TYPE_TODO);
  g_list_store_splice (list, 0, 0, todos->pdata, todos->len);
  return list;
}

/**
 * kith_store_list_todos_async:
 * @record_id: a record, or 0 for every to-do
 *
 * Reads a record's to-dos (kith_store_list_todos()).
 */
void
kith_store_list_todos_async (KithStore           *self,
                             gint64               record_id,
                             gboolean             include_done,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TodoQuery *query = g_new0 (TodoQuery, 1);

  g_return_if_fail (KITH_IS_STORE (self));

  query->record = record_id;
  query->include_done = include_done;
  kith_model_run (self, self, list_todos_job, query, g_free, g_object_unref, cancellable, kith_store_list_todos_async,
                  callback, user_data);
}

/**
 * kith_store_list_todos_finish:
 *
 * Returns: (transfer full) (nullable): a list model of KithTodo, by due date (someday last),
 *   or %NULL with @error set
 */
GListModel *
kith_store_list_todos_finish (KithStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_list_todos_async, error);
}

typedef struct {
  gint64    todo;
  gboolean  reschedule;   /* else mark done or not */
  gboolean  done;
  char     *due;          /* NULL for someday */
} TodoChange;

static void
todo_change_free (TodoChange *change)
{
  g_free (change->due);
  g_free (change);
}

static gpointer
change_todo_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  TodoChange *change = data;
  gboolean ok = change->reschedule ? kith_store_reschedule_todo (store, change->todo, change->due, error)
                                   : kith_store_set_todo_done (store, change->todo, change->done, error);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
change_todo (KithStore           *self,
             TodoChange          *change,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  /* Both report to kith_store_change_todo_finish(): one source tag */
  kith_model_run (self, self, change_todo_job, change, (GDestroyNotify) todo_change_free, NULL, NULL,
                  kith_store_change_todo_finish, callback, user_data);
}

/**
 * kith_store_set_todo_done_async:
 *
 * Marks a to-do done or not done; finish with kith_store_change_todo_finish(). A write.
 */
void
kith_store_set_todo_done_async (KithStore           *self,
                                gint64               todo_id,
                                gboolean             done,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TodoChange *change = g_new0 (TodoChange, 1);

  g_return_if_fail (KITH_IS_STORE (self));

  change->todo = todo_id;
  change->done = done;
  change_todo (self, change, callback, user_data);
}

/**
 * kith_store_reschedule_todo_async:
 * @due: (nullable): "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" (a local time of day), or %NULL for someday
 *
 * Moves a to-do to another day; finish with kith_store_change_todo_finish(). A write.
 */
void
kith_store_reschedule_todo_async (KithStore           *self,
                                  gint64               todo_id,
                                  const char          *due,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  TodoChange *change = g_new0 (TodoChange, 1);

  g_return_if_fail (KITH_IS_STORE (self));

  change->todo = todo_id;
  change->reschedule = TRUE;
  change->due = g_strdup (due);
  change_todo (self, change, callback, user_data);
}

gboolean
kith_store_change_todo_finish (KithStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_change_todo_finish, error);
}

static gpointer
take_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_agenda_take_notifications (store, NULL, error);
}

/**
 * kith_store_take_notifications_async:
 *
 * Takes what came due and was not notified yet (kith_agenda_take_notifications()).
 */
void
kith_store_take_notifications_async (KithStore           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, take_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, cancellable,
                  kith_store_take_notifications_async, callback, user_data);
}

/**
 * kith_store_take_notifications_finish:
 *
 * Returns: (transfer container) (element-type KithAgendaEntry) (nullable): the entries to
 *   raise, or %NULL with @error set
 */
GPtrArray *
kith_store_take_notifications_finish (KithStore     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_take_notifications_async, error);
}

typedef struct {
  char   *kind;
  gint64  ref;
  char   *due;
  gint64  until;
} Snooze;

static void
snooze_free (Snooze *snooze)
{
  g_free (snooze->kind);
  g_free (snooze->due);
  g_free (snooze);
}

static gpointer
snooze_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Snooze *snooze = data;

  return kith_agenda_snooze_notification (store, snooze->kind, snooze->ref, snooze->due, snooze->until, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

/**
 * kith_store_snooze_notification_async:
 * @kind: "todo" or "reminder"
 * @ref: the to-do's or the record's id
 * @due: the day it came due
 * @until_ms: when to raise it again
 *
 * Raises a notification again later (kith_agenda_snooze_notification()). A write.
 */
void
kith_store_snooze_notification_async (KithStore           *self,
                                      const char          *kind,
                                      gint64               ref,
                                      const char          *due,
                                      gint64               until_ms,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  Snooze *snooze = g_new0 (Snooze, 1);

  g_return_if_fail (KITH_IS_STORE (self));

  snooze->kind = g_strdup (kind);
  snooze->ref = ref;
  snooze->due = g_strdup (due);
  snooze->until = until_ms;
  kith_model_run (self, self, snooze_job, snooze, (GDestroyNotify) snooze_free, NULL, NULL,
                  kith_store_snooze_notification_async, callback, user_data);
}

gboolean
kith_store_snooze_notification_finish (KithStore     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_snooze_notification_async, error);
}
