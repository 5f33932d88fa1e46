/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-statement.h"
#include "kith-synckey.h"
#include "kith-timeline-input-json.h"
#include "kith-todo.h"
#include "kith-todos.h"
#include "kith-undo-private.h"

/* To-dos: a subject, a day (or someday), and the people they are about */

/* The records the to-do is about, each of which must be known */
static gboolean
get_participants (KithStore      *self,
                  KithTodoInput  *in,
                  GArray         *people,
                  GError        **error)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_party_free);

  if (!kith_timeline_add_parties (self, in->participants, "participant", NULL, parties, error) ||
      !kith_timeline_check_known (self, parties, NULL, error))
    return FALSE;

  for (guint i = 0; i < parties->len; i++)
    g_array_append_val (people, ((KithParty *) g_ptr_array_index (parties, i))->record_id);

  return TRUE;
}

/* The to-do from the same app with the same unique id, or 0 */
static gboolean
find_existing (KithStore      *self,
               KithTodoInput  *in,
               gint64         *out_id,
               GError        **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  *out_id = 0;
  if (in->unique_id == NULL)
    return TRUE;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM todos WHERE source = ? AND unique_id = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, in->source);
  kith_statement_bind_text (&st, 2, in->unique_id);
  *out_id = kith_statement_get_int64 (&st, NULL);

  return TRUE;
}

/* Inserts @in, or overwrites to-do @existing with it; the to-do's id, or 0 with @error set */
static gint64
write_todo_row (KithStore      *self,
                KithTodoInput  *in,
                gint64          existing,
                GError        **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO todos (id, subject, preview, due, assigner, "
                                          "assignee, source, unique_id, created) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                          "subject = excluded.subject, preview = excluded.preview, "
                                          "due = excluded.due, assigner = excluded.assigner, "
                                          "assignee = excluded.assignee", error))
    return 0;
  if (existing != 0)
    kith_statement_bind_int64 (&st, 1, existing);
  kith_statement_bind_text (&st, 2, in->subject);
  kith_statement_bind_text (&st, 3, in->preview);
  kith_statement_bind_text (&st, 4, in->due);
  kith_statement_bind_text (&st, 5, in->assigner);
  kith_statement_bind_text (&st, 6, in->assignee);
  kith_statement_bind_text (&st, 7, in->source);
  kith_statement_bind_text (&st, 8, in->unique_id);
  kith_statement_bind_int64 (&st, 9, kith_store_now (self));
  if (!kith_statement_run (&st, error))
    return 0;

  return existing != 0 ? existing : kith_statement_last_insert_id (&st);
}

/* @replace: the participants were given, so they replace the to-do's */
static gboolean
write_people (KithStore  *self,
              gint64      id,
              GArray     *people,
              gboolean    replace,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (replace && !kith_records_run_for_id (self, "DELETE FROM todo_people WHERE todo_id = ?", id, error))
    return FALSE;
  if (people->len == 0)
    return TRUE;

  if (!kith_statement_prepare (&st, self, "INSERT OR IGNORE INTO todo_people (todo_id, record_id) "
                                          "VALUES (?, ?)", error))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      kith_statement_bind_int64 (&st, 1, id);
      kith_statement_bind_int64 (&st, 2, g_array_index (people, gint64, i));
      if (!kith_statement_run (&st, error))
        return FALSE;
    }

  return TRUE;
}

static gint64
add_todo_locked (KithStore      *self,
                 KithTodoInput  *in,
                 GError        **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;

  if (!get_participants (self, in, people, error) ||
      !find_existing (self, in, &id, error) ||
      !kith_store_begin (self, error))
    return 0;

  if ((id = write_todo_row (self, in, id, error)) == 0 ||
      !write_people (self, id, people, in->participants != NULL, error))
    {
      kith_store_rollback (self);
      return 0;
    }

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return kith_store_commit (self, error) ? id : 0;
}

/**
 * kith_store_add_todo:
 * @data: {subject, preview?, when? (YYYY-MM-DD, or 1 / "someday"), participants?, assigner?,
 *   assignee?, source? + uniqueid?}
 *
 * Returns: the to-do's id, or 0 with @error set. A repeat with the same source and uniqueid
 *   updates the to-do.
 */
gint64
kith_store_add_todo (KithStore   *self,
                     JsonObject  *data,
                     GError     **error)
{
  g_auto(KithTodoInput) in = { NULL, };

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (!kith_todo_input_from_json (data, &in, error))
    return 0;

  return kith_todos_add_input (self, &in, error);
}

/**
 * kith_todos_add_input:
 * @in: the to-do, from JSON or from a typed draft; checked and cleaned here
 *
 * Returns: the to-do's id, or 0 with @error set
 */
gint64
kith_todos_add_input (KithStore      *self,
                      KithTodoInput  *in,
                      GError        **error)
{
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (!kith_todo_input_check (in, error))
    return 0;

  kith_store_lock (self);
  id = add_todo_locked (self, in, error);
  kith_store_unlock (self);

  return id;
}

/* Runs @st, an UPDATE of to-do @todo_id; a to-do that is not there is an error */
static gboolean
run_todo_update (KithStore      *self,
                 KithStatement  *st,
                 gint64          todo_id,
                 GError        **error)
{
  if (!kith_statement_run (st, error))
    return FALSE;

  if (kith_statement_changes (st) == 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no to-do #%" G_GINT64_FORMAT), todo_id);
      return FALSE;
    }

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return TRUE;
}

static gboolean
write_done (KithStore   *self,
            gint64       todo_id,
            gboolean     done,
            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "UPDATE todos SET done = ?, done_at = ? WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, done ? 1 : 0);
  if (done)
    kith_statement_bind_int64 (&st, 2, kith_store_now (self));
  kith_statement_bind_int64 (&st, 3, todo_id);

  return run_todo_update (self, &st, todo_id, error);
}

gboolean
kith_store_set_todo_done (KithStore   *self,
                          gint64       todo_id,
                          gboolean     done,
                          GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  ok = write_done (self, todo_id, done, error);
  kith_store_unlock (self);

  return ok;
}

static gboolean
write_due (KithStore   *self,
           gint64       todo_id,
           const char  *due,
           GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "UPDATE todos SET due = ? WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, due);
  kith_statement_bind_int64 (&st, 2, todo_id);

  return run_todo_update (self, &st, todo_id, error);
}

static gboolean
write_subject_due (KithStore      *self,
                   gint64          todo_id,
                   KithTodoInput  *in,
                   GError        **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "UPDATE todos SET subject = ?, due = ? WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, in->subject);
  kith_statement_bind_text (&st, 2, in->due);
  kith_statement_bind_int64 (&st, 3, todo_id);

  return run_todo_update (self, &st, todo_id, error);
}

static gboolean
update_todo_locked (KithStore      *self,
                    gint64          todo_id,
                    KithTodoInput  *in,
                    GError        **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!get_participants (self, in, people, error) || !kith_store_begin (self, error))
    return FALSE;

  if (!write_subject_due (self, todo_id, in, error) ||
      !write_people (self, todo_id, people, in->participants != NULL, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

/**
 * kith_todos_update_input:
 * @in: what to-do @todo_id says now: its subject, when it is due and, when given, who it is
 *   about; checked as a to-do added is. Its preview, assignee and source stay.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
kith_todos_update_input (KithStore      *self,
                         gint64          todo_id,
                         KithTodoInput  *in,
                         GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (!kith_todo_input_check (in, error))
    return FALSE;

  kith_store_lock (self);
  ok = update_todo_locked (self, todo_id, in, error);
  kith_store_unlock (self);

  return ok;
}

static gint64
delete_todo_locked (KithStore  *self,
                    gint64      todo_id,
                    GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(JsonObject) snapshot = NULL;
  gint64 undo_id;

  if (!kith_store_begin (self, error))
    return 0;

  /* Who it is about goes with it (ON DELETE CASCADE), after the snapshot kept them */
  if ((snapshot = kith_undo_snapshot_todo (self, todo_id, error)) == NULL ||
      !kith_statement_prepare (&st, self, "DELETE FROM todos WHERE id = ?", error))
    goto fail;
  kith_statement_bind_int64 (&st, 1, todo_id);
  if (!run_todo_update (self, &st, todo_id, error) ||
      (undo_id = kith_undo_save (self, "delete", snapshot, error)) == 0)
    goto fail;

  return kith_store_commit (self, error) ? undo_id : 0;

fail:
  kith_store_rollback (self);
  return 0;
}

/**
 * kith_store_delete_todo_with_undo:
 *
 * Deletes a to-do; until kith_store_forget_undo(), kith_store_undo() brings it back with its id
 * and the people it is about.
 *
 * Returns: the id to undo the delete with, or 0 with @error set
 */
gint64
kith_store_delete_todo_with_undo (KithStore  *self,
                                  gint64      todo_id,
                                  GError    **error)
{
  gint64 undo_id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_undo_forget_old (self);

  kith_store_lock (self);
  undo_id = delete_todo_locked (self, todo_id, error);
  kith_store_unlock (self);

  return undo_id;
}

/**
 * kith_todo_parse_due:
 * @due: (nullable): when a to-do is due as the store keeps it: a day, "YYYY-MM-DD", or a day
 *   and a local time of day, "YYYY-MM-DDTHH:MM"
 * @out_day: the day
 * @out_minute: (out) (optional): the minute of the day, or -1 when @due names only a day
 *
 * The day comes first so that due dates sort and compare by day as text.
 *
 * Returns: whether @due is one of the two forms
 */
gboolean
kith_todo_parse_due (const char *due,
                     GDate      *out_day,
                     int        *out_minute)
{
  char day[11];
  int hour, minute;

  if (out_minute != NULL)
    *out_minute = -1;
  if (due == NULL || strlen (due) < 10)
    return FALSE;

  g_strlcpy (day, due, sizeof day);
  if (!kith_parse_date (day, FALSE, out_day))
    return FALSE;
  if (due[10] == '\0')
    return TRUE;
  if (strlen (due) != 16 || due[10] != 'T' || due[13] != ':' ||
      !g_ascii_isdigit (due[11]) || !g_ascii_isdigit (due[12]) ||
      !g_ascii_isdigit (due[14]) || !g_ascii_isdigit (due[15]))
    return FALSE;
  hour = g_ascii_digit_value (due[11]) * 10 + g_ascii_digit_value (due[12]);
  minute = g_ascii_digit_value (due[14]) * 10 + g_ascii_digit_value (due[15]);
  if (hour > 23 || minute > 59)
    return FALSE;

  if (out_minute != NULL)
    *out_minute = hour * 60 + minute;
  return TRUE;
}

/**
 * kith_store_reschedule_todo:
 * @due: (nullable): the new day ("YYYY-MM-DD") or day and time ("YYYY-MM-DDTHH:MM"), or %NULL
 *   for someday
 */
gboolean
kith_store_reschedule_todo (KithStore   *self,
                            gint64       todo_id,
                            const char  *due,
                            GError     **error)
{
  gboolean ok;
  GDate date;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (due != NULL && !kith_todo_parse_due (due, &date, NULL))
    return kith_todo_invalid_date (due, error);

  kith_store_lock (self);
  ok = write_due (self, todo_id, due, error);
  kith_store_unlock (self);

  return ok;
}

/* Who a to-do is about, from a column of "id US name" joined by RS: their ids on @todo,
 * their names in @names */
static void
read_participants (KithStatement *st,
                   int            column,
                   GStrvBuilder  *names,
                   GArray        *ids)
{
  g_auto(GStrv) people = NULL;

  if (kith_statement_column_is_null (st, column))
    return;

  people = g_strsplit (kith_statement_column_text (st, column), "\x1e", -1);
  for (guint i = 0; people[i] != NULL; i++)
    {
      g_auto(GStrv) id_name = g_strsplit (people[i], "\x1f", 2);
      gint64 id = g_ascii_strtoll (id_name[0], NULL, 10);

      g_array_append_val (ids, id);
      g_strv_builder_add (names, id_name[1] != NULL ? id_name[1] : "");
    }
}

static KithTodo *
read_todo (KithStatement *st)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) people = NULL;
  KithTodo *todo;

  read_participants (st, 9, names, ids);
  people = g_strv_builder_end (names);
  todo = g_object_new (KITH_TYPE_TODO,
                       "id", kith_statement_column_int64 (st, 0),
                       "subject", kith_statement_column_text (st, 1),
                       "preview", kith_statement_column_text (st, 2),
                       "due", kith_statement_column_text (st, 3),
                       "done", kith_statement_column_int64 (st, 4) != 0,
                       "assigner", kith_statement_column_text (st, 5),
                       "assignee", kith_statement_column_text (st, 6),
                       "source", kith_statement_column_text (st, 7),
                       "unique-id", kith_statement_column_text (st, 8),
                       "people", people,
                       NULL);
  for (guint i = 0; i < ids->len; i++)
    kith_todo_add_participant (todo, g_array_index (ids, gint64, i));

  return todo;
}

static GPtrArray *
read_todos (KithStore  *self,
            gint64      record_id,
            gboolean    include_done,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *todos;

  if (!kith_statement_prepare (&st, self,
                               "SELECT t.id, t.subject, t.preview, t.due, t.done, t.assigner, t.assignee, "
                               "  t.source, t.unique_id, "
                               "  (SELECT group_concat(r.id || char(31) || coalesce(r.name, ''), char(30)) "
                               "   FROM todo_people tp JOIN records r ON r.id = tp.record_id "
                               "   WHERE tp.todo_id = t.id) "
                               "FROM todos t WHERE (?1 = 0 OR t.id IN "
                               "  (SELECT todo_id FROM todo_people WHERE record_id = ?1)) "
                               "AND (?2 OR t.done = 0) ORDER BY t.done, t.due IS NULL, t.due, t.id",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);
  kith_statement_bind_int64 (&st, 2, include_done);

  todos = g_ptr_array_new_with_free_func (g_object_unref);
  while (kith_statement_step (&st, NULL))
    g_ptr_array_add (todos, read_todo (&st));

  return todos;
}

/**
 * kith_store_list_todos:
 * @record_id: a record, or 0 for every to-do
 *
 * Returns: (transfer full) (element-type KithTodo): to-dos by due date (someday last), with
 *   their participants; %NULL with @error set
 */
GPtrArray *
kith_store_list_todos (KithStore  *self,
                       gint64      record_id,
                       gboolean    include_done,
                       GError    **error)
{
  GPtrArray *todos;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  todos = read_todos (self, record_id, include_done, error);
  kith_store_unlock (self);

  return todos;
}
