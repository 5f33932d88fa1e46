/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"
#include "kith-todo.h"

G_BEGIN_DECLS

#define KITH_TYPE_TODO_DIALOG (kith_todo_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithTodoDialog, kith_todo_dialog, KITH, TODO_DIALOG, AdwWindow)

GtkWidget *kith_todo_dialog_new             (KithStore      *store,
                                             GtkWindow      *parent,
                                             gint64          participant);
GtkWidget *kith_todo_dialog_new_for_todo    (KithStore      *store,
                                             GtkWindow      *parent,
                                             KithTodo       *todo);
void       kith_todo_dialog_add_participant (KithTodoDialog *self,
                                             gint64          record_id);

G_END_DECLS
