/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_TODO (kith_todo_get_type ())
G_DECLARE_FINAL_TYPE (KithTodo, kith_todo, KITH, TODO, GObject)

KithTodo     *kith_todo_new              (const char *subject,
                                          const char *due);
gint64        kith_todo_get_id           (KithTodo   *self);
const char   *kith_todo_get_subject      (KithTodo   *self);
const char   *kith_todo_get_due          (KithTodo   *self);
gboolean      kith_todo_get_done         (KithTodo   *self);
const char * const *kith_todo_get_people (KithTodo   *self);
void          kith_todo_add_participant  (KithTodo   *self,
                                          gint64      record_id);
const gint64 *kith_todo_get_participants (KithTodo   *self,
                                          guint      *n_participants);
const char   *kith_todo_get_preview      (KithTodo   *self);
const char   *kith_todo_get_assigner     (KithTodo   *self);
const char   *kith_todo_get_assignee     (KithTodo   *self);
const char   *kith_todo_get_source       (KithTodo   *self);
const char   *kith_todo_get_unique_id    (KithTodo   *self);

G_END_DECLS
