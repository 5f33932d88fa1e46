/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * What the user logs by hand from a profile: a call, a text, a meeting in no calendar or a
 * direct message, each with the people who took part (records, "#id"), and notes on a meeting.
 * Typed calls on the store's worker; the writes go through the writer's input, checked as
 * any item is, and take no cancellable: what the user logged is stored.
 *
 * A meeting's notes are a note item in the meeting's "thread": thread_id "meeting:<id>". No
 * migration is needed for it: the thread column is indexed, the timeline folds threads of
 * email only, and a meeting (from a calendar or logged here) has no thread of its own. The note
 * is about every record the meeting names when it is written, so it is on each of their
 * timelines, dated as the meeting so that it shows beside it.
 */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-company-people.h"
#include "kith-model-task.h"
#include "kith-statement.h"
#include "kith-timeline-input-typed.h"
#include "kith-timeline-manual.h"
#include "kith-timeline-private.h"
#include "kith-timeline-reader.h"

static KithTimelinePerson *
participant_new (gint64      record_id,
                 const char *name)
{
  g_autofree char *value = g_strdup_printf ("#%" G_GINT64_FORMAT, record_id);

  return kith_timeline_person_new ("participant", value, name, record_id);
}

/* The people a statement's rows name (id, name) */
static gboolean
append_people (KithStatement  *st,
               GListStore     *people,
               GError        **error)
{
  while (kith_statement_step (st, error))
    {
      g_autoptr(KithTimelinePerson) person = participant_new (kith_statement_column_int64 (st, 0),
                                                              kith_statement_column_text (st, 1));

      g_list_store_append (people, person);
    }

  return !kith_statement_failed (st);
}

static gpointer
log_people_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  g_auto(KithStatement) members = KITH_STATEMENT_INIT;
  g_auto(KithStatement) record = KITH_STATEMENT_INIT;
  g_autoptr(GListStore) people = g_list_store_new (KITH_TYPE_TIMELINE_PERSON);
  gint64 record_id = *(gint64 *) data;

  /* A deal's people took part in what is logged about it; anyone else, themselves */
  if (!kith_statement_prepare (&members, store, "SELECT r.id, r.name FROM project_members m "
                                                "JOIN records r ON r.id = m.record_id "
                                                "WHERE m.project_id = ? AND m.role = 'participant' "
                                                "ORDER BY r.name", error))
    return NULL;
  kith_statement_bind_int64 (&members, 1, record_id);
  if (!append_people (&members, people, error))
    return NULL;
  if (g_list_model_get_n_items (G_LIST_MODEL (people)) > 0)
    return g_steal_pointer (&people);

  if (!kith_statement_prepare (&record, store, "SELECT id, name FROM records WHERE id = ?", error))
    return NULL;
  kith_statement_bind_int64 (&record, 1, record_id);

  return append_people (&record, people, error) ? g_steal_pointer (&people) : NULL;
}

/**
 * kith_store_list_log_people_async:
 * @record_id: the profile something is logged from
 *
 * Reads who took part in what is logged from @record_id's profile, to start the form with: a
 * deal's people, or the record itself.
 */
void
kith_store_list_log_people_async (KithStore           *self,
                                  gint64               record_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, log_people_job, g_memdup2 (&record_id, sizeof record_id), g_free, g_object_unref,
                  cancellable, kith_store_list_log_people_async, callback, user_data);
}

/**
 * kith_store_list_log_people_finish:
 *
 * Returns: (transfer full): a list of KithTimelinePerson, participants; %NULL with @error set
 */
GListModel *
kith_store_list_log_people_finish (KithStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_list_log_people_async, error);
}

static gpointer
find_participant_job (KithStore  *store,
                      gpointer    data,
                      GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 id = kith_store_find_person (store, data, error);
  g_autofree char *name = NULL;

  if (id == 0 || !kith_statement_prepare (&st, store, "SELECT name FROM records WHERE id = ?", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, id);
  name = kith_statement_dup_string (&st, NULL);

  return participant_new (id, name);
}

/**
 * kith_store_find_participant_async:
 * @text: a person's full name or email, as typed
 *
 * Finds the one person @text names (kith_store_find_person()).
 */
void
kith_store_find_participant_async (KithStore           *self,
                                   const char          *text,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (text != NULL);

  kith_model_run (self, self, find_participant_job, g_strdup (text), g_free, g_object_unref,
                  cancellable, kith_store_find_participant_async, callback, user_data);
}

/**
 * kith_store_find_participant_finish:
 *
 * Returns: (transfer full): the person, a participant; %NULL with @error set (nobody, or
 *   several people of that name)
 */
KithTimelinePerson *
kith_store_find_participant_finish (KithStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_find_participant_async, error);
}

typedef struct {
  gint64             item_id;
  KithTimelineInput *in;
} Write;

static void
write_free (Write *write)
{
  kith_timeline_input_free (write->in);
  g_free (write);
}

static Write *
write_new (KithTimelineItem   *item,
           const char * const *people)
{
  Write *write = g_new0 (Write, 1);

  write->item_id = kith_timeline_item_get_id (item);
  write->in = kith_timeline_input_new_with_people (item, people);

  return write;
}

static gpointer
log_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  Write *write = data;
  gint64 id = kith_timeline_add_input (store, write->in, NULL, NULL, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/**
 * kith_store_log_item_async:
 * @item: a new call, text, meeting or direct message (kith_timeline_item_new()), with its date
 * @people: (array zero-terminated=1): who took part: records ("#id") or addresses
 *
 * Adds @item to the timeline of everyone in @people. Not cancellable.
 */
void
kith_store_log_item_async (KithStore           *self,
                           KithTimelineItem    *item,
                           const char * const  *people,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (item));

  kith_model_run (self, self, log_job, write_new (item, people), (GDestroyNotify) write_free,
                  g_free, NULL, kith_store_log_item_async, callback, user_data);
}

/**
 * kith_store_log_item_finish:
 *
 * Returns: the new item's id; 0 with @error set
 */
gint64
kith_store_log_item_finish (KithStore     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autofree gint64 *id = kith_model_finish_pointer (self, result, kith_store_log_item_async, error);

  return id != NULL ? *id : 0;
}

static gpointer
update_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Write *write = data;

  return GINT_TO_POINTER (kith_timeline_update_input_people (store, write->item_id, write->in, error));
}

/**
 * kith_store_update_logged_item_async:
 * @item: the item as it is to be: its id names the one written over
 * @people: (array zero-terminated=1): who took part now, as kith_store_log_item_async() takes them
 *
 * Writes what @item says (as kith_store_update_timeline_item_async()) and who took part over
 * the stored item. Not cancellable.
 */
void
kith_store_update_logged_item_async (KithStore           *self,
                                     KithTimelineItem    *item,
                                     const char * const  *people,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (item));

  kith_model_run (self, self, update_job, write_new (item, people), (GDestroyNotify) write_free,
                  NULL, NULL, kith_store_update_logged_item_async, callback, user_data);
}

gboolean
kith_store_update_logged_item_finish (KithStore     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_update_logged_item_async, error);
}

/**
 * kith_timeline_meeting_note_thread:
 *
 * Returns: (transfer full): the thread id of the notes on meeting @meeting_id
 */
char *
kith_timeline_meeting_note_thread (gint64 meeting_id)
{
  return g_strdup_printf ("meeting:%" G_GINT64_FORMAT, meeting_id);
}

/**
 * kith_timeline_item_is_meeting_note:
 *
 * Returns: whether @item is notes on a meeting (kith_store_add_meeting_note_async())
 */
gboolean
kith_timeline_item_is_meeting_note (KithTimelineItem *item)
{
  const char *thread = kith_timeline_item_get_thread_id (item);

  return kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_NOTE &&
         thread != NULL && g_str_has_prefix (thread, "meeting:");
}

/* The records @meeting names, each once, as "#id" */
static GStrv
meeting_records (KithTimelineItem *meeting)
{
  GListModel *people = kith_timeline_item_get_people (meeting);
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_null_terminated (n, g_free, TRUE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);
      gint64 id = kith_timeline_person_get_record_id (person);
      g_autofree char *ref = g_strdup_printf ("#%" G_GINT64_FORMAT, id);

      if (id != 0 && !g_strv_contains ((const char * const *) refs->pdata, ref))
        g_ptr_array_add (refs, g_steal_pointer (&ref));
    }
  return (GStrv) g_ptr_array_steal (refs, NULL);
}

typedef struct {
  gint64  meeting_id;
  char   *text;
} Note;

static void
note_free (Note *note)
{
  g_free (note->text);
  g_free (note);
}

static gpointer
meeting_note_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  Note *note = data;
  g_autoptr(KithTimelineItem) meeting = kith_store_get_timeline_item (store, note->meeting_id, error);
  g_autoptr(KithTimelineItem) item = NULL;
  g_auto(GStrv) records = NULL;
  KithTimelineInput *in;
  gint64 id;

  if (meeting == NULL)
    return NULL;
  if (kith_timeline_item_get_style (meeting) != KITH_TIMELINE_STYLE_MEETING)
    return kith_invalid (error, _("Notes can only be added to a meeting")), NULL;
  records = meeting_records (meeting);
  if (records[0] == NULL)
    return kith_invalid (error, _("The meeting names no one in Kith")), NULL;

  item = g_object_new (KITH_TYPE_TIMELINE_ITEM, "style", KITH_TIMELINE_STYLE_NOTE,
                       "date", kith_timeline_item_get_date (meeting),
                       "subject", kith_timeline_item_get_subject (meeting), "body", note->text, NULL);
  in = kith_timeline_input_new_with_people (item, (const char * const *) records);
  in->thread_id = kith_timeline_meeting_note_thread (note->meeting_id);
  id = kith_timeline_add_input (store, in, NULL, NULL, error);
  kith_timeline_input_free (in);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/**
 * kith_store_add_meeting_note_async:
 * @meeting_id: a meeting on the timeline, from a calendar or logged by hand
 * @text: the notes
 *
 * Adds a note on the meeting, on the timeline of every record the meeting names, dated as the
 * meeting and titled as it is. Not cancellable.
 */
void
kith_store_add_meeting_note_async (KithStore           *self,
                                   gint64               meeting_id,
                                   const char          *text,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Note *note;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (text != NULL);

  note = g_new0 (Note, 1);
  note->meeting_id = meeting_id;
  note->text = g_strdup (text);
  kith_model_run (self, self, meeting_note_job, note, (GDestroyNotify) note_free, g_free, NULL,
                  kith_store_add_meeting_note_async, callback, user_data);
}

/**
 * kith_store_add_meeting_note_finish:
 *
 * Returns: the note's id; 0 with @error set
 */
gint64
kith_store_add_meeting_note_finish (KithStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autofree gint64 *id = kith_model_finish_pointer (self, result, kith_store_add_meeting_note_async, error);

  return id != NULL ? *id : 0;
}
