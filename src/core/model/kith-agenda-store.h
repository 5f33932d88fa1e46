/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-agenda-model.h"
#include "kith-todo.h"

G_BEGIN_DECLS

/* The Agenda and to-dos, asynchronously: each runs on the store's worker. A read takes a
 * cancellable; a write the user asked for takes none, and always completes. */

void             kith_store_compute_agenda_async       (KithStore            *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KithAgendaModel *kith_store_compute_agenda_finish      (KithStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             kith_store_add_todo_async             (KithStore            *self,
                                                        KithTodo             *todo,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64           kith_store_add_todo_finish            (KithStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             kith_store_list_todos_async           (KithStore            *self,
                                                        gint64                record_id,
                                                        gboolean              include_done,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GListModel      *kith_store_list_todos_finish          (KithStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             kith_store_set_todo_done_async        (KithStore            *self,
                                                        gint64                todo_id,
                                                        gboolean              done,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void             kith_store_reschedule_todo_async      (KithStore            *self,
                                                        gint64                todo_id,
                                                        const char           *due,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         kith_store_change_todo_finish         (KithStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             kith_store_take_notifications_async   (KithStore            *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kith_store_take_notifications_finish  (KithStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             kith_store_snooze_notification_async  (KithStore            *self,
                                                        const char           *kind,
                                                        gint64                ref,
                                                        const char           *due,
                                                        gint64                until_ms,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         kith_store_snooze_notification_finish (KithStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
