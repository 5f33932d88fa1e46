/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Capture's threads give way to the window. A first sync reads, parses and writes for minutes
 * on end; on a machine with few cores its threads would take the core the main thread and the
 * display server need to draw the next frame in time.
 *
 * GLib has no API for a thread's scheduling. On Linux each thread is a task of its own, and
 * SCHED_BATCH set from the thread itself (pid 0: the calling thread, not the process) marks it
 * as a batch job: it keeps its share of the CPU, but it no longer preempts the interactive
 * threads when it wakes, which capture's threads do for every message they fetch and write.
 * Measured with bench/stall and bench/mail (bench/README.md, "2026-12-01, late: capture's
 * threads as batch jobs"): while capturing, the 99th percentile of the frame gaps fell by about
 * a fifth, and capture was no slower. A nice value of 10 as well made capture 20–60% slower on
 * a busy machine, so it is not used; nor is SCHED_IDLE, which starves capture whenever
 * anything else runs. Nor is the store's worker changed: capture writes from its own threads,
 * and the worker runs the window's reads, which must not wait behind anything.
 *
 * Only threads capture owns are changed, never one of GLib's shared pool, which would go on
 * to run the window's work as a batch job.
 */

#define G_LOG_DOMAIN "KithMail"
#define _GNU_SOURCE   /* SCHED_BATCH */

#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sched.h>
#endif

#include "kith-mail-thread.h"

/**
 * kith_mail_thread_lower_priority:
 *
 * Makes the calling thread a batch job for good, where the system has them. Only for threads
 * capture owns (see above).
 */
void
kith_mail_thread_lower_priority (void)
{
#ifdef SCHED_BATCH
  struct sched_param param = { 0 };

  if (sched_getscheduler (0) == SCHED_OTHER && sched_setscheduler (0, SCHED_BATCH, &param) != 0)
    g_debug ("Could not make a capture thread a batch job: %s", g_strerror (errno));
#endif
}

typedef struct {
  GTask           *task;
  GTaskThreadFunc  func;
} Run;

static gboolean
release_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static gpointer
run_task_thread (gpointer data)
{
  Run *run = data;
  g_autoptr(GSource) source = g_idle_source_new ();

  kith_mail_thread_lower_priority ();
  run->func (run->task, g_task_get_source_object (run->task), g_task_get_task_data (run->task),
             g_task_get_cancellable (run->task));

  /* The task's last reference goes in its context, as with g_task_run_in_thread(): with it
   * may go the capture, which must not be disposed in this thread */
  g_source_set_callback (source, release_cb, run->task, g_object_unref);
  g_source_set_static_name (source, "[kith] mail capture thread");
  g_source_attach (source, g_task_get_context (run->task));
  g_free (run);

  return NULL;
}

/**
 * kith_mail_thread_run_task:
 * @func: returns @task's result, as with g_task_run_in_thread()
 *
 * g_task_run_in_thread(), in a new thread of lower priority that ends with @func.
 */
void
kith_mail_thread_run_task (GTask           *task,
                           GTaskThreadFunc  func)
{
  Run *run = g_new0 (Run, 1);

  run->task = g_object_ref (task);
  run->func = func;
  g_thread_unref (g_thread_new ("kith-capture", run_task_thread, run));
}
