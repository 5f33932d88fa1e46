/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithCalendar"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-calendar-events.h"
#include "kith-calendar-watch.h"
#include "kith-eds.h"
#include "kith-meetings.h"

/*
 * KithCalendarWatch: one calendar Kith follows. It opens the calendar in a worker thread,
 * watches it through a view over the window, and after each change puts the meetings of the
 * events that changed on the timeline (expanded in a worker thread, written on the store's).
 * Changes are gathered for a moment, so that a calendar that changes a hundred events at once
 * is read once. What it can and cannot do shows on its KithCalendarSource.
 */

#define GATHER_MS 150
/* A server's calendar changes without telling: EDS is asked to look every minute */
#define REFRESH_SECONDS 60
#define CONNECT_WAIT_SECONDS 30
/* From this many events changed at once (the first read of a calendar), the whole window is
 * read with one call rather than one per event */
#define READ_WINDOW_FROM 20
/* Meetings written in one transaction: each commit waits for the disk */
#define WRITE_BATCH 500
/* A read that failed is tried again after 2 s, then twice as long each time, up to a minute */
#define RETRY_MIN_SECONDS 2
#define RETRY_MAX_SECONDS 60
/* The factory starts the calendar's backend again when asked: after the old one died, the
 * calendar is opened again after a moment */
#define RECONNECT_SECONDS 1

struct _KithCalendarWatch
{
  GObject             parent_instance;

  KithStore          *store;
  ESourceRegistry    *registry;
  ESource            *source;
  KithCalendarSource *item;
  char               *timeline_source;   /* "calendar:<uid>" */
  time_t              start, end;
  GCancellable       *cancellable;
  ECalClient         *client;
  ECalClientView     *view;
  gulong              credentials_id;
  gulong              status_id;
  GStrv               own_domains; /* set when people are made of outside attendees */

  GHashTable         *pending;    /* UIDs that changed since the last flush */
  GHashTable         *known;      /* every UID the view has shown */
  gboolean            complete;   /* the view has shown everything in the window */
  gboolean            reconcile;  /* after it has: drop what Kith has of events no longer there */
  gboolean            flushing;
  gboolean            read_failed; /* the last read failed: its events wait for a retry */
  gboolean            reopening;   /* the backend died: opened again until it opens */
  gboolean            reconnecting; /* Retry: the backend is to be asked to reach its server */
  guint               retry_seconds;
  guint               reopen_seconds;
  guint               flush_id;
  guint               refresh_id;
  guint               retry_id;
  guint               reconnect_id;
};

G_DEFINE_FINAL_TYPE (KithCalendarWatch, kith_calendar_watch, G_TYPE_OBJECT)

static void schedule_flush (KithCalendarWatch *self);
static void schedule_flush_in (KithCalendarWatch *self,
                               guint              gather_ms);
static char *window_query (KithCalendarWatch *self);

/* What a flush read in its worker thread, for the store's */
typedef struct {
  ECalClient *client;     /* read with it, though the watch may have dropped it since */
  char       *timeline_source;
  char       *query;      /* the window's */
  GHashTable *uids;       /* UID → GPtrArray of KithMeeting */
  GHashTable *known;      /* for a reconcile: every UID the calendar has; else NULL */
  GStrv       own_domains; /* when people are made of outside attendees; else NULL */
  GHashTable *streamed;   /* the UIDs whose meetings went to the store in parts while the
                           * window was read */
  GHashTable *parted;     /* their meetings' unique ids */
  GPtrArray  *part;       /* meetings read for the next part */
  KithMeetingMatcher **matcher; /* the addresses looked up, for the parts and the write: only
                                 * on the store's one worker thread, one job after another */
} Flush;

static void
matcher_clear (KithMeetingMatcher **matcher)
{
  g_clear_pointer (matcher, kith_meeting_matcher_free);
}

static KithMeetingMatcher **
matcher_new (void)
{
  KithMeetingMatcher **matcher = g_atomic_rc_box_new0 (KithMeetingMatcher *);

  *matcher = kith_meeting_matcher_new ();
  return matcher;
}

static void
matcher_unref (KithMeetingMatcher **matcher)
{
  g_atomic_rc_box_release_full (matcher, (GDestroyNotify) matcher_clear);
}

/* Meetings written while the rest of the window is read */
typedef struct {
  GPtrArray    *meetings;
  GStrv         own_domains;
  GCancellable *cancellable; /* the watch's: nothing is written once it has stopped */
  char         *timeline_source;
  KithMeetingMatcher **matcher;
} Part;

static void
part_free (Part *part)
{
  g_ptr_array_unref (part->meetings);
  g_strfreev (part->own_domains);
  g_object_unref (part->cancellable);
  g_free (part->timeline_source);
  matcher_unref (part->matcher);
  g_free (part);
}

static void
flush_free (Flush *flush)
{
  g_clear_object (&flush->client);
  g_free (flush->timeline_source);
  g_free (flush->query);
  g_clear_pointer (&flush->uids, g_hash_table_unref);
  g_clear_pointer (&flush->known, g_hash_table_unref);
  g_strfreev (flush->own_domains);
  g_clear_pointer (&flush->streamed, g_hash_table_unref);
  g_clear_pointer (&flush->parted, g_hash_table_unref);
  g_clear_pointer (&flush->part, g_ptr_array_unref);
  g_clear_pointer (&flush->matcher, matcher_unref);
  g_free (flush);
}

/* Whether Kith keeps @unique_id, of the meetings in the store, after @flush */
static gboolean
keeps (Flush      *flush,
       const char *unique_id,
       GHashTable *written)
{
  g_autofree char *uid = kith_calendar_events_uid_of (unique_id);

  if (g_hash_table_contains (flush->uids, uid))
    return g_hash_table_contains (written, unique_id);

  return flush->known == NULL || g_hash_table_contains (flush->known, uid);
}

typedef enum {
  PUT_OK,
  PUT_REFUSED,  /* the store did not take this meeting (a title too long) */
  PUT_FAILED,
} PutResult;

static PutResult
put_one (KithStore          *store,
         const char * const *own_domains,
         KithMeeting        *meeting,
         KithMeetingMatcher *matcher,
         gboolean            warn,
         GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  guint created = 0;

  if (own_domains != NULL &&
      (created = kith_store_meeting_add_people (store, meeting, own_domains, error)) == (guint) -1)
    return PUT_FAILED;
  /* Someone who had no record has one now */
  if (created > 0)
    kith_meeting_matcher_forget (matcher);
  if (kith_store_put_meeting_matched (store, meeting, matcher, NULL, &local_error))
    return PUT_OK;

  if (warn)
    g_warning ("Meeting %s not on the timeline: %s", meeting->unique_id, local_error->message);
  return PUT_REFUSED;
}

/* Writes @n meetings in one transaction. One event Kith cannot take does not stop the others:
 * a batch with one the store refuses is written again a meeting at a time. */
static gboolean
put_batch (KithStore          *store,
           const char * const *own_domains,
           KithMeeting       **meetings,
           guint               n,
           KithMeetingMatcher *matcher,
           GError            **error)
{
  PutResult result = PUT_OK;

  if (!kith_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n && result == PUT_OK; i++)
    result = put_one (store, own_domains, meetings[i], matcher, FALSE, error);
  if (result == PUT_OK)
    return kith_store_commit (store, error);

  kith_store_rollback (store);
  /* People made in the batch are gone with it */
  kith_meeting_matcher_forget (matcher);
  if (result == PUT_FAILED)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (put_one (store, own_domains, meetings[i], matcher, TRUE, error) == PUT_FAILED)
      return FALSE;

  return TRUE;
}

static gpointer
write_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  Flush *flush = data;
  KithMeetingMatcher *matcher = *flush->matcher;
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_auto(GStrv) stored = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, flush->uids);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *meetings = value;

      for (guint i = 0; i < meetings->len; i++)
        {
          KithMeeting *meeting = g_ptr_array_index (meetings, i);

          g_hash_table_add (written, meeting->unique_id);
          g_ptr_array_add (all, meeting);
        }
    }

  for (guint i = 0; i < all->len; i += WRITE_BATCH)
    if (!put_batch (store, (const char * const *) flush->own_domains, (KithMeeting **) all->pdata + i,
                    MIN (WRITE_BATCH, all->len - i), matcher, error))
      return NULL;
  /* What went in parts is written too */
  if (flush->parted != NULL)
    {
      g_hash_table_iter_init (&iter, flush->parted);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        g_hash_table_add (written, value);
    }

  if ((stored = kith_store_list_meetings (store, flush->timeline_source, error)) == NULL)
    return NULL;
  for (guint i = 0; stored[i] != NULL; i++)
    if (!keeps (flush, stored[i], written) &&
        !kith_store_remove_meeting (store, flush->timeline_source, stored[i], error))
      return NULL;

  return GUINT_TO_POINTER (TRUE);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithCalendarWatch) self = user_data;
  g_autoptr(GError) error = NULL;

  if (kith_store_run_finish (KITH_STORE (source), result, &error) == NULL)
    g_warning ("Meetings of %s not written: %s", self->timeline_source, error->message);
  else if (self->read_failed)
    {
      /* Read again after a failure: the calendar is ready again */
      self->read_failed = FALSE;
      self->retry_seconds = 0;
      if (kith_calendar_source_get_state (self->item) == KITH_CALENDAR_STATE_ERROR)
        kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_READY, NULL);
    }

  self->flushing = FALSE;
  if (g_hash_table_size (self->pending) > 0 || self->reconcile)
    schedule_flush (self);
}

static GHashTable *
strings_copy (GHashTable *set)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy, g_strdup (key));

  return copy;
}

/* On the store's worker: a part of the window's meetings */
static gpointer
write_part_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  Part *part = data;

  /* Left (not followed any more, or opened again) since: its meetings are not written */
  if (g_cancellable_is_cancelled (part->cancellable))
    return GUINT_TO_POINTER (TRUE);
  if (!put_batch (store, (const char * const *) part->own_domains, (KithMeeting **) part->meetings->pdata,
                  part->meetings->len, *part->matcher, error))
    return NULL;

  return GUINT_TO_POINTER (TRUE);
}

static void
on_part_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (kith_store_run_finish (KITH_STORE (source), result, &error) == NULL)
    g_warning ("Meetings of %s not written: %s", (char *) user_data, error->message);
  g_free (user_data);
}

/* In the expansion thread: the meetings read so far go to the store's worker, which writes
 * them while the next are expanded */
static void
send_part (KithCalendarWatch *self,
           Flush             *flush)
{
  Part *part;

  if (flush->part->len == 0)
    return;
  part = g_new0 (Part, 1);
  part->meetings = g_steal_pointer (&flush->part);
  part->own_domains = g_strdupv (flush->own_domains);
  part->cancellable = g_object_ref (self->cancellable);
  part->matcher = g_atomic_rc_box_acquire (flush->matcher);
  flush->part = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_meeting_free);
  kith_store_run_async (self->store, write_part_job, part, (GDestroyNotify) part_free, NULL, NULL,
                        on_part_written_cb, g_strdup (flush->timeline_source));
}

typedef struct {
  KithCalendarWatch *self;
  Flush             *flush;
} Stream;

static void
on_window_event (const char *uid,
                 GPtrArray  *meetings,
                 gpointer    user_data)
{
  Stream *stream = user_data;
  Flush *flush = stream->flush;

  /* In the window, but unchanged since the last read */
  if (!g_hash_table_contains (flush->uids, uid))
    {
      g_ptr_array_unref (meetings);
      return;
    }

  g_hash_table_add (flush->streamed, g_strdup (uid));
  for (guint i = 0; i < meetings->len; i++)
    g_hash_table_add (flush->parted, g_strdup (((KithMeeting *) g_ptr_array_index (meetings, i))->unique_id));
  g_ptr_array_extend_and_steal (flush->part, meetings);
  if (flush->part->len >= WRITE_BATCH)
    send_part (stream->self, flush);
}

/* In a worker thread: the meetings of every UID of the flush */
static void
expand_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KithCalendarWatch *self = source_object;
  Flush *flush = task_data;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (flush->uids) >= READ_WINDOW_FROM)
    {
      g_autoptr(GError) error = NULL;
      Stream stream = { self, flush };

      flush->streamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      flush->parted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      flush->part = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_meeting_free);
      if (!kith_calendar_events_expand_window (flush->client, flush->timeline_source, flush->query,
                                               self->start, self->end, on_window_event, &stream,
                                               cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      send_part (self, flush);
    }

  /* What the window did not have (an event removed, or only its detached instances in the
   * window) is read on its own */
  g_hash_table_iter_init (&iter, flush->uids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *meetings = NULL;

      if (flush->streamed != NULL && g_hash_table_contains (flush->streamed, key))
        continue;
      meetings = kith_calendar_events_expand (flush->client, flush->timeline_source, key,
                                              self->start, self->end, cancellable, &error);
      if (meetings == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_hash_table_iter_replace (&iter, meetings);
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
retry_cb (gpointer user_data)
{
  KithCalendarWatch *self = user_data;

  self->retry_id = 0;
  schedule_flush_in (self, 0);
  return G_SOURCE_REMOVE;
}

/* The events of @flush could not be read (the backend failed, or died): the meetings Kith has
 * of them stay as they are, the calendar's row says why, and they are read again later */
static void
read_failed (KithCalendarWatch *self,
             Flush             *flush,
             const GError      *error)
{
  g_autofree char *message = g_strdup_printf (_("The calendar’s events could not be read: %s"), error->message);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, flush->uids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (self->pending, g_strdup (key));
  if (flush->known != NULL)
    self->reconcile = TRUE;

  self->read_failed = TRUE;
  kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_ERROR, message);
  self->retry_seconds = CLAMP (self->retry_seconds * 2, RETRY_MIN_SECONDS, RETRY_MAX_SECONDS);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add_seconds (self->retry_seconds, retry_cb, self);
}

static void
on_expanded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KithCalendarWatch *self = KITH_CALENDAR_WATCH (source);
  Flush *flush = user_data;
  g_autoptr(GError) error = NULL;

  /* Read just before the calendar was left: what was read is not written any more */
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    {
      self->flushing = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Events of %s not read: %s", self->timeline_source, error->message);
          read_failed (self, flush, error);
        }
      flush_free (flush);
      g_object_unref (self);
      return;
    }

  g_clear_object (&flush->client);
  kith_store_run_async (self->store, write_job, flush, (GDestroyNotify) flush_free, NULL,
                        NULL, on_written_cb, self);
}

static gboolean
flush_cb (gpointer user_data)
{
  KithCalendarWatch *self = user_data;
  g_autoptr(GTask) task = NULL;
  Flush *flush = g_new0 (Flush, 1);
  GHashTableIter iter;
  gpointer key;

  self->flush_id = 0;
  self->flushing = TRUE;
  flush->client = g_object_ref (self->client);
  flush->timeline_source = g_strdup (self->timeline_source);
  flush->query = window_query (self);
  flush->uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_insert (flush->uids, g_strdup (key), g_ptr_array_new ());
  g_hash_table_remove_all (self->pending);
  if (self->reconcile)
    flush->known = strings_copy (self->known);
  flush->own_domains = g_strdupv (self->own_domains);
  flush->matcher = matcher_new ();
  self->reconcile = FALSE;

  /* The write completes even when the calendar is no longer followed: a write is never
   * cancelled halfway; only the reading is */
  task = g_task_new (self, self->cancellable, on_expanded_cb, flush);
  g_task_set_source_tag (task, flush_cb);
  g_task_set_task_data (task, flush, NULL);
  g_object_ref (self);
  g_task_run_in_thread (task, expand_thread);

  return G_SOURCE_REMOVE;
}

/* @gather_ms: how long to wait for more changes */
static void
schedule_flush_in (KithCalendarWatch *self,
                   guint              gather_ms)
{
  /* The view shows the window in parts: it is read once, when the view has shown it all */
  if (!self->complete || self->flush_id != 0 || self->flushing || self->client == NULL ||
      self->retry_id != 0 || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->flush_id = g_timeout_add (gather_ms, flush_cb, self);
}

static void
schedule_flush (KithCalendarWatch *self)
{
  schedule_flush_in (self, GATHER_MS);
}

static void
note_uid (KithCalendarWatch *self,
          const char        *uid)
{
  if (uid == NULL)
    return;

  g_hash_table_add (self->pending, g_strdup (uid));
  g_hash_table_add (self->known, g_strdup (uid));
}

static void
on_objects_changed_cb (ECalClientView    *view,
                       const GSList      *objects,
                       KithCalendarWatch *self)
{
  for (const GSList *l = objects; l != NULL; l = l->next)
    note_uid (self, i_cal_component_get_uid (l->data));
  schedule_flush (self);
}

static void
on_objects_removed_cb (ECalClientView    *view,
                       const GSList      *ids,
                       KithCalendarWatch *self)
{
  /* Expanding the UID again finds what is left of the event, if anything */
  for (const GSList *l = ids; l != NULL; l = l->next)
    g_hash_table_add (self->pending, g_strdup (e_cal_component_id_get_uid (l->data)));
  schedule_flush (self);
}

static void
on_complete_cb (ECalClientView    *view,
                const GError      *error,
                KithCalendarWatch *self)
{
  if (self->complete)
    return;

  self->complete = TRUE;
  if (error != NULL)
    {
      kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_ERROR, error->message);
      schedule_flush (self);
      return;
    }

  /* Events deleted while Kith was not running leave the timeline now; the whole window is
   * there, with nothing more to wait for */
  self->reconcile = TRUE;
  schedule_flush_in (self, 0);
}

static void
on_refreshed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* What changed comes through the view; a server out of reach says so on the source */
  if (!e_client_refresh_finish (E_CLIENT (source), result, &error))
    g_debug ("Calendar not refreshed: %s", error->message);
}

static gboolean
refresh_cb (gpointer user_data)
{
  KithCalendarWatch *self = user_data;

  e_client_refresh (E_CLIENT (self->client), self->cancellable, on_refreshed_cb, NULL);
  return G_SOURCE_CONTINUE;
}

/* "(occur-in-time-range? …)" over the window */
static char *
window_query (KithCalendarWatch *self)
{
  g_autofree char *start = isodate_from_time_t (self->start);
  g_autofree char *end = isodate_from_time_t (self->end);

  return g_strdup_printf ("(occur-in-time-range? (make-time \"%s\") (make-time \"%s\"))", start, end);
}

static void
on_view_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithCalendarWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  ECalClientView *view = NULL;

  if (!e_cal_client_get_view_finish (E_CAL_CLIENT (source), result, &view, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->client == (ECalClient *) source)
        kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_ERROR, error->message);
      return;
    }
  /* The backend died while the view was made: the calendar is being opened again */
  if (self->client != (ECalClient *) source)
    {
      g_object_unref (view);
      return;
    }

  self->view = view;
  g_signal_connect (view, "objects-added", G_CALLBACK (on_objects_changed_cb), self);
  g_signal_connect (view, "objects-modified", G_CALLBACK (on_objects_changed_cb), self);
  g_signal_connect (view, "objects-removed", G_CALLBACK (on_objects_removed_cb), self);
  g_signal_connect (view, "complete", G_CALLBACK (on_complete_cb), self);
  e_cal_client_view_start (view, &error);
  if (error != NULL)
    kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_ERROR, error->message);
  else if (e_client_check_refresh_supported (E_CLIENT (self->client)))
    self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

/* The state an error of opening the calendar means */
static KithCalendarState
state_for_error (const GError *error)
{
  if (g_error_matches (error, E_CLIENT_ERROR, E_CLIENT_ERROR_AUTHENTICATION_REQUIRED) ||
      g_error_matches (error, E_CLIENT_ERROR, E_CLIENT_ERROR_AUTHENTICATION_FAILED))
    return KITH_CALENDAR_STATE_NEEDS_PASSWORD;
  if (g_error_matches (error, E_CLIENT_ERROR, E_CLIENT_ERROR_REPOSITORY_OFFLINE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return KITH_CALENDAR_STATE_OFFLINE;

  return KITH_CALENDAR_STATE_ERROR;
}

static void
on_reconnected_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithCalendarWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean refreshed = e_client_refresh_finish (E_CLIENT (source), result, &error);

  /* Left, or opened again since */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->client != (ECalClient *) source)
    return;
  if (!refreshed)
    kith_calendar_source_set_state (self->item, state_for_error (error), error->message);
  /* What the server has comes through the view; a server still out of reach, or one that wants
   * a password, says so through the registry (credentials-required, connection-status) */
  else if (kith_calendar_source_get_state (self->item) == KITH_CALENDAR_STATE_CONNECTING)
    kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_READY, NULL);
}

/* Retry: a backend that could not reach its server stays disconnected until it is asked to look
 * again: at its next refresh, or now. Opening the calendar again is not enough: the factory
 * shares one backend per calendar among its clients, and a new client may get the one it has
 * (after waiting up to CONNECT_WAIT_SECONDS for it to connect, which it does not). */
static void
reconnect_backend (KithCalendarWatch *self)
{
  self->reconnecting = FALSE;
  if (e_client_check_refresh_supported (E_CLIENT (self->client)))
    e_client_refresh (E_CLIENT (self->client), self->cancellable, on_reconnected_cb, g_object_ref (self));
  else if (kith_calendar_source_get_state (self->item) == KITH_CALENDAR_STATE_CONNECTING)
    kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_READY, NULL);
}

/* The backend learns whether the calendar is writable when it reaches the server, which may be
 * after the calendar opened */
static void
on_readonly_cb (EClient           *client,
                GParamSpec        *pspec,
                KithCalendarWatch *self)
{
  kith_calendar_source_set_writable (self->item, !e_client_is_readonly (client));
}

/* In a worker thread: evolution-data-server's calendar factory opens the calendar */
static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KithCalendarWatch *self = source_object;
  g_autoptr(GError) error = NULL;
  EClient *client;

  client = kith_eds_connect_sync (self->source, KITH_EDS_EVENTS, CONNECT_WAIT_SECONDS, cancellable, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Floating times and all-day events are the user's own time */
  e_cal_client_set_default_timezone (E_CAL_CLIENT (client), e_cal_util_get_system_timezone ());
  g_task_return_pointer (task, client, g_object_unref);
}

static void on_backend_died_cb (EClient           *client,
                                KithCalendarWatch *self);
static gboolean reconnect_cb (gpointer user_data);

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KithCalendarWatch *self = KITH_CALENDAR_WATCH (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  ECalClient *client = g_task_propagate_pointer (G_TASK (result), &error);

  if (client == NULL)
    {
      /* Left. An error that only says "cancelled" without this watch's cancellable being
       * cancelled came from the factory's side, and is a failure like any other */
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      kith_calendar_source_set_state (self->item, state_for_error (error), error->message);
      /* The factory may not be back yet (D-Bus starts it again when asked); or this open was a
       * Retry's, and failed where it should have opened the calendar disconnected (the call
       * timed out while the backend waited for its server): opened again, each time later,
       * until it opens, the backend is then asked to connect */
      if (self->reopening || self->reconnecting)
        {
          self->reopen_seconds = CLAMP (self->reopen_seconds * 2, RECONNECT_SECONDS, RETRY_MAX_SECONDS);
          self->reconnect_id = g_timeout_add_seconds (self->reopen_seconds, reconnect_cb, self);
        }
      return;
    }

  self->reopening = FALSE;
  self->reopen_seconds = 0;
  self->client = client;
  g_signal_connect (client, "backend-died", G_CALLBACK (on_backend_died_cb), self);
  g_signal_connect (client, "notify::readonly", G_CALLBACK (on_readonly_cb), self);
  kith_calendar_source_set_writable (self->item, !e_client_is_readonly (E_CLIENT (client)));
  if (self->reconnecting)
    reconnect_backend (self);
  /* A server that wants a password may have said so while the calendar opened */
  else if (kith_calendar_source_get_state (self->item) == KITH_CALENDAR_STATE_CONNECTING)
    kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_READY, NULL);

  query = window_query (self);
  e_cal_client_get_view (client, query, self->cancellable, on_view_ready_cb, g_object_ref (self));
}

static void
connect_calendar (KithCalendarWatch *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_connected_cb, NULL);

  g_task_set_source_tag (task, connect_calendar);
  g_task_run_in_thread (task, connect_thread);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  KithCalendarWatch *self = user_data;

  self->reconnect_id = 0;
  /* Connecting again, not failed, until this open answers: once it opens, the state it shows is
   * what its backend says (ready once refreshed, after a Retry) */
  kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_CONNECTING, NULL);
  connect_calendar (self);
  return G_SOURCE_REMOVE;
}

/* Leaves the client and its view: their backend is gone */
static void
drop_client (KithCalendarWatch *self)
{
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_clear_object (&self->view);
    }
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
}

/* The calendar's backend died (its process was killed, or the factory stopped): the calendar
 * is opened again, and its view shows the whole window again, which is then read as at the
 * start; until then what Kith has of it stays */
static void
on_backend_died_cb (EClient           *client,
                    KithCalendarWatch *self)
{
  g_debug ("The backend of %s died; opening it again", self->timeline_source);
  drop_client (self);
  self->complete = FALSE;
  g_hash_table_remove_all (self->known);
  kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_CONNECTING, NULL);
  self->reopening = TRUE;
  self->reopen_seconds = RECONNECT_SECONDS;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_id = g_timeout_add_seconds (RECONNECT_SECONDS, reconnect_cb, self);
}

/* The registry asks for a password the server wants, or refused, or reports a failure */
static void
on_credentials_required_cb (ESourceRegistry          *registry,
                            ESource                  *source,
                            ESourceCredentialsReason  reason,
                            const char               *certificate_pem,
                            GTlsCertificateFlags      certificate_errors,
                            const GError             *op_error,
                            KithCalendarWatch        *self)
{
  const char *message = op_error != NULL ? op_error->message : NULL;

  if (!e_source_equal (source, self->source))
    return;
  /* A server that cannot be reached comes as a refused password (REJECTED) with the network's
   * error: it is offline, and the row says why */
  if (op_error != NULL && state_for_error (op_error) == KITH_CALENDAR_STATE_OFFLINE)
    {
      kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_OFFLINE, message);
      return;
    }

  switch (reason)
    {
    case E_SOURCE_CREDENTIALS_REASON_REQUIRED:
      kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_NEEDS_PASSWORD,
                                      message ? message : _("The calendar needs a password"));
      break;
    case E_SOURCE_CREDENTIALS_REASON_REJECTED:
      kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_NEEDS_PASSWORD,
                                      message ? message : _("The server did not accept the password"));
      break;
    case E_SOURCE_CREDENTIALS_REASON_SSL_FAILED:
      kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_ERROR,
                                      message ? message : _("The server’s certificate is not trusted"));
      break;
    case E_SOURCE_CREDENTIALS_REASON_ERROR:
      kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_ERROR,
                                      message ? message : _("The calendar cannot be read"));
      break;
    case E_SOURCE_CREDENTIALS_REASON_UNKNOWN:
    default:
      break;
    }
}

/* The backend's own view of the connection, for a calendar that opened from its cache */
static void
on_connection_status_cb (ESource           *source,
                         GParamSpec        *pspec,
                         KithCalendarWatch *self)
{
  switch (e_source_get_connection_status (source))
    {
    case E_SOURCE_CONNECTION_STATUS_DISCONNECTED:
      if (self->client != NULL)
        kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_OFFLINE,
                                        _("The server cannot be reached"));
      break;
    case E_SOURCE_CONNECTION_STATUS_CONNECTED:
      if (self->client != NULL)
        kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_READY, NULL);
      break;
    default:
      break;
    }
}

static void
kith_calendar_watch_dispose (GObject *object)
{
  KithCalendarWatch *self = KITH_CALENDAR_WATCH (object);

  kith_calendar_watch_stop (self);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->registry);
  g_clear_object (&self->source);
  g_clear_object (&self->item);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_calendar_watch_parent_class)->dispose (object);
}

static void
kith_calendar_watch_finalize (GObject *object)
{
  KithCalendarWatch *self = KITH_CALENDAR_WATCH (object);

  g_free (self->timeline_source);
  g_strfreev (self->own_domains);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->known);

  G_OBJECT_CLASS (kith_calendar_watch_parent_class)->finalize (object);
}

static void
kith_calendar_watch_class_init (KithCalendarWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_calendar_watch_dispose;
  object_class->finalize = kith_calendar_watch_finalize;
}

static void
kith_calendar_watch_init (KithCalendarWatch *self)
{
  self->cancellable = g_cancellable_new ();
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * kith_calendar_watch_new:
 * @item: the calendar as Preferences shows it; its state follows what happens here
 * @start: (not nullable): the window Kith reads, from @start to @end
 *
 * Opens the calendar and starts watching it.
 */
KithCalendarWatch *
kith_calendar_watch_new (KithStore          *store,
                         ESourceRegistry    *registry,
                         ESource            *source,
                         KithCalendarSource *item,
                         time_t              start,
                         time_t              end)
{
  KithCalendarWatch *self = g_object_new (KITH_TYPE_CALENDAR_WATCH, NULL);

  self->store = g_object_ref (store);
  self->registry = g_object_ref (registry);
  self->source = g_object_ref (source);
  self->item = g_object_ref (item);
  self->timeline_source = g_strconcat ("calendar:", e_source_get_uid (source), NULL);
  self->start = start;
  self->end = end;

  kith_calendar_source_set_state (item, KITH_CALENDAR_STATE_CONNECTING, NULL);
  self->credentials_id = g_signal_connect (registry, "credentials-required",
                                           G_CALLBACK (on_credentials_required_cb), self);
  self->status_id = g_signal_connect (source, "notify::connection-status",
                                      G_CALLBACK (on_connection_status_cb), self);

  connect_calendar (self);

  return self;
}

/**
 * kith_calendar_watch_stop:
 *
 * Stops watching: nothing more is read. A write already begun completes.
 */
void
kith_calendar_watch_stop (KithCalendarWatch *self)
{
  g_return_if_fail (KITH_IS_CALENDAR_WATCH (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_signal_handler (&self->credentials_id, self->registry);
  g_clear_signal_handler (&self->status_id, self->source);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      e_cal_client_view_stop (self->view, NULL);
      g_clear_object (&self->view);
    }
}

/**
 * kith_calendar_watch_is_open:
 *
 * Returns: whether the calendar is open and watched (not failed to open, nor opening)
 */
gboolean
kith_calendar_watch_is_open (KithCalendarWatch *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_WATCH (self), FALSE);

  return self->client != NULL && self->view != NULL;
}

/**
 * kith_calendar_watch_reconnect:
 *
 * Retry: asks the calendar's backend to connect to its server again and read what changed there,
 * now rather than at its next refresh (once the calendar is open, if it is not yet). The calendar
 * is connecting until the backend has answered; what the server has comes through the view.
 */
void
kith_calendar_watch_reconnect (KithCalendarWatch *self)
{
  g_return_if_fail (KITH_IS_CALENDAR_WATCH (self));

  kith_calendar_source_set_state (self->item, KITH_CALENDAR_STATE_CONNECTING, NULL);
  self->reconnecting = TRUE;
  if (self->client != NULL)
    reconnect_backend (self);
}

/**
 * kith_calendar_watch_set_create_people:
 * @own_domains: (nullable): the domains of the user's own addresses, to make people of the
 *   outside attendees of the meetings read from now on; %NULL to make none
 */
void
kith_calendar_watch_set_create_people (KithCalendarWatch  *self,
                                       const char * const *own_domains)
{
  g_return_if_fail (KITH_IS_CALENDAR_WATCH (self));

  g_strfreev (self->own_domains);
  self->own_domains = g_strdupv ((char **) own_domains);
}
