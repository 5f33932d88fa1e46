/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTodoStore"

#include "config.h"

#include "kith-model-task.h"
#include "kith-timeline-input-typed.h"
#include "kith-todo-store.h"
#include "kith-todos.h"

/*
 * A to-do edited or deleted on a profile, in the GIO shape: each a job on the store's worker.
 * The edit goes through the same typed input as a new to-do (KithTodoInput), checked the same
 * way; the delete can be undone (kith_store_undo_async()). Writes the user asked for: they
 * complete even when whoever asked goes away.
 */

typedef struct {
  gint64         todo_id;
  KithTodoInput *in;
} Update;

static void
update_free (Update *update)
{
  kith_todo_input_free (update->in);
  g_free (update);
}

static gpointer
update_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Update *update = data;

  return GINT_TO_POINTER (kith_todos_update_input (store, update->todo_id, update->in, error));
}

/**
 * kith_store_update_todo_async:
 * @todo_id: the to-do written over
 * @todo: what it says now: its subject, due day and time, and who it is about
 *
 * Writes @todo over to-do @todo_id; its preview, assignee and source stay.
 */
void
kith_store_update_todo_async (KithStore           *self,
                              gint64               todo_id,
                              KithTodo            *todo,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Update *update;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_TODO (todo));

  update = g_new0 (Update, 1);
  update->todo_id = todo_id;
  update->in = kith_todo_input_new_for_todo (todo);
  kith_model_run (self, self, update_job, update, (GDestroyNotify) update_free, NULL, NULL,
                  kith_store_update_todo_async, callback, user_data);
}

gboolean
kith_store_update_todo_finish (KithStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_update_todo_async, error);
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  gint64 undo_id = kith_store_delete_todo_with_undo (store, *(gint64 *) data, error);

  return undo_id != 0 ? g_memdup2 (&undo_id, sizeof undo_id) : NULL;
}

/**
 * kith_store_delete_todo_with_undo_async:
 *
 * Deletes a to-do so that kith_store_undo_async() can bring it back.
 */
void
kith_store_delete_todo_with_undo_async (KithStore           *self,
                                        gint64               todo_id,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, delete_job, g_memdup2 (&todo_id, sizeof todo_id), g_free, g_free, NULL,
                  kith_store_delete_todo_with_undo_async, callback, user_data);
}

/**
 * kith_store_delete_todo_with_undo_finish:
 *
 * Returns: the id to undo the delete with (kith_store_undo_async()), or 0 with @error set
 */
gint64
kith_store_delete_todo_with_undo_finish (KithStore     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_autofree gint64 *undo_id = kith_model_finish_pointer (self, result, kith_store_delete_todo_with_undo_async, error);

  return undo_id != NULL ? *undo_id : 0;
}
