/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-todo.h"

G_BEGIN_DECLS

#define KITH_TYPE_TODO_ROW (kith_todo_row_get_type ())
G_DECLARE_FINAL_TYPE (KithTodoRow, kith_todo_row, KITH, TODO_ROW, AdwActionRow)

GtkWidget *kith_todo_row_new (KithTodo *todo);

G_END_DECLS
