/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-todo.h"

G_BEGIN_DECLS

/* Edit and delete of a to-do: writes on the store's worker that take no cancellable */

void     kith_store_update_todo_async            (KithStore            *self,
                                                  gint64                todo_id,
                                                  KithTodo             *todo,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean kith_store_update_todo_finish           (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void     kith_store_delete_todo_with_undo_async  (KithStore            *self,
                                                  gint64                todo_id,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gint64   kith_store_delete_todo_with_undo_finish (KithStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
