/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Opening an address book or calendar through evolution-data-server. A source the registry has
 * just announced (a book added in Contacts, a calendar added in Settings) may not have reached
 * the factory's own registry yet: the factory then answers "No such source for UID" for a
 * moment. That answer is waited out, not shown as the book's or calendar's error.
 */

#define G_LOG_DOMAIN "KithEds"

#include "config.h"

#include <libebook/libebook.h>
#include <libecal/libecal.h>

#include "kith-eds.h"

/* How long a factory may not know a source the registry knows */
#define UNKNOWN_SOURCE_WAIT_US (15 * G_USEC_PER_SEC)
#define FIRST_PAUSE_US         (50 * 1000)
#define LONGEST_PAUSE_US       (500 * 1000)

static EClient *
connect_once (ESource           *source,
              KithEdsClientKind  kind,
              guint32            wait_seconds,
              GCancellable      *cancellable,
              GError           **error)
{
  switch (kind)
    {
    case KITH_EDS_ADDRESS_BOOK:
      return e_book_client_connect_sync (source, wait_seconds, cancellable, error);
    case KITH_EDS_EVENTS:
      return e_cal_client_connect_sync (source, E_CAL_CLIENT_SOURCE_TYPE_EVENTS, wait_seconds,
                                        cancellable, error);
    default:
      g_assert_not_reached ();
    }
}

/* Sleeps @us unless @cancellable is cancelled first */
static void
pause_unless_cancelled (gint64        us,
                        GCancellable *cancellable)
{
  GCond cond;
  GMutex mutex;
  gint64 until = g_get_monotonic_time () + us;

  g_cond_init (&cond);
  g_mutex_init (&mutex);
  g_mutex_lock (&mutex);
  while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < until)
    g_cond_wait_until (&cond, &mutex, MIN (until, g_get_monotonic_time () + FIRST_PAUSE_US));
  g_mutex_unlock (&mutex);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
}

/**
 * kith_eds_connect_sync:
 * @wait_seconds: how long the backend may take to come online, as e_client's connect calls take it
 *
 * Opens @source in its factory. It blocks until the client is online, which it learns on the
 * main context: call it from a worker thread, never the main one. While the factory does not know
 * the source yet, it is asked again, for up to 15 s.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
EClient *
kith_eds_connect_sync (ESource           *source,
                       KithEdsClientKind  kind,
                       guint32            wait_seconds,
                       GCancellable      *cancellable,
                       GError           **error)
{
  gint64 give_up = g_get_monotonic_time () + UNKNOWN_SOURCE_WAIT_US;
  gint64 pause = FIRST_PAUSE_US;

  g_return_val_if_fail (E_IS_SOURCE (source), NULL);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      EClient *client = connect_once (source, kind, wait_seconds, cancellable, &local_error);

      if (client != NULL)
        return client;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_get_monotonic_time () + pause > give_up)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_debug ("%s is not known to its factory yet: %s", e_source_get_uid (source), local_error->message);
      pause_unless_cancelled (pause, cancellable);
      pause = MIN (pause * 2, LONGEST_PAUSE_US);
    }
}

typedef struct {
  ESource           *source;
  KithEdsClientKind  kind;
  guint32            wait_seconds;
} Connect;

static void
connect_free (Connect *connect)
{
  g_object_unref (connect->source);
  g_free (connect);
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Connect *connect = task_data;
  GError *error = NULL;
  EClient *client = kith_eds_connect_sync (connect->source, connect->kind, connect->wait_seconds,
                                           cancellable, &error);

  if (client == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, client, g_object_unref);
}

/**
 * kith_eds_connect:
 *
 * Opens @source as kith_eds_connect_sync () does, in a worker thread. The client learns that it
 * is online on the calling thread's main context, which must run meanwhile.
 */
void
kith_eds_connect (ESource             *source,
                  KithEdsClientKind    kind,
                  guint32              wait_seconds,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Connect *connect = g_new0 (Connect, 1);

  g_return_if_fail (E_IS_SOURCE (source));

  connect->source = g_object_ref (source);
  connect->kind = kind;
  connect->wait_seconds = wait_seconds;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kith_eds_connect);
  g_task_set_task_data (task, connect, (GDestroyNotify) connect_free);
  g_task_run_in_thread (task, connect_thread);
}

/**
 * kith_eds_connect_finish:
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
EClient *
kith_eds_connect_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
