/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/gui: Kith's window on a large store against a bare AdwApplicationWindow started the same
 * way. Measured from inside the process: from the start of main() to the first painted frame
 * (for Kith, the first frame showing filled-in rows of the People list), the frame after that one
 * (where the list view makes the rows below the first screen), then, after a pause of PAUSE_MS,
 * the frame after jumping to the end of the list, the time until the rows there are filled in,
 * the longest gap between
 * two frames from the jump until then, and peak resident memory (VmHWM). With --while-writing a
 * big write (10,000 people updated in one transaction, as a capture batch holds the store)
 * starts just before the jump. The time from the jump to the frame after it includes the wait
 * for the frame clock's next tick (GDK starts a frame no sooner than a refresh interval after
 * the one before); so also each frame's own time, from its start (the clock's before-paint) to
 * painted: the frame after the jump's, and the longest from the jump until the rows are filled.
 * Also the main thread's own CPU time until the first frame and
 * from the jump to the frame after it: on a shared machine the wall-clock figures move with the
 * load, these much less. And the other threads' CPU time until the first frame: the store's
 * workers', which share the machine's cores with the main thread. Prints one line of JSON and
 * exits, so that hyperfine can repeat it.
 *
 * The bench's frame-clock handlers are connected when the window is realized, before the
 * window's own (KithListPage connects its after-paint handler when it is mapped): a frame is
 * timed when it has been painted, not after the work that the window's own after-paint handler
 * starts for the frames after it.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kith-record-item.h"
#include "kith-phone.h"
#include "kith-window.h"
#include "bench-window.h"

static gint64 t_main;
static gint64 t_first_frame;
static gint64 t_jump;
static gint64 cpu_first_frame_us;
static gint64 cpu_others_first_frame_us;
static gint64 cpu_jump_us;
static gint64 cpu_jump_frame_us = -1;
static gint64 jump_frame_us = -1;
static gint64 jump_filled_us = -1;
static gint64 last_paint;
static gint64 max_gap_us;
static gint64 frame_begin;          /* when the frame being drawn started */
static gint64 jump_frame_own_us = -1;
static gint64 second_frame_us = -1;     /* from the first frame with rows to the next */
static gint64 second_frame_own_us = -1;
static gint64 max_frame_own_us;
static gboolean bare;
static gboolean while_writing;
static gboolean first_frame_only;
static gint writing;   /* atomic: 1 while the big write holds the store */
static KithStore *store;
static char *data_dir;
static GtkWindow *window;
static GtkListView *people;   /* the People list, once on screen */
static GMainLoop *loop;
/* 0: waiting for rows, 5: for the frame after the first, 6: pausing, 2: jumped, 4: waiting for
 * the rows there, 3: done */
static int state;

static long
vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;

  return strtol (line + 6, NULL, 10);
}

/* The main thread's own CPU time, in µs */
static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* The other threads' CPU time so far, in µs: the store's and the reader's workers, and GTK's
 * and GLib's own. From each live thread's schedstat (ns); the main thread's id is the
 * process's. */
static gint64
other_threads_cpu_us (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  g_autofree char *main_tid = g_strdup_printf ("%d", (int) getpid ());
  const char *tid;
  gint64 total_ns = 0;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", tid, "schedstat", NULL);
      g_autofree char *text = NULL;

      if (!g_str_equal (tid, main_tid) && g_file_get_contents (path, &text, NULL, NULL))
        total_ns += g_ascii_strtoll (text, NULL, 10);
    }

  return total_ns / 1000;
}

static gboolean
finish (gpointer data)
{
  g_print ("{\"mode\": \"%s\", \"first_frame_ms\": %.2f, \"jump_frame_ms\": %.2f, \"jump_filled_ms\": %.2f, "
           "\"max_gap_ms\": %.2f, \"vm_hwm_kib\": %ld, \"cpu_first_frame_ms\": %.2f, \"cpu_jump_frame_ms\": %.2f, "
           "\"cpu_others_first_frame_ms\": %.2f, \"jump_frame_own_ms\": %.2f, \"max_frame_own_ms\": %.2f, "
           "\"second_frame_ms\": %.2f, \"second_frame_own_ms\": %.2f}\n",
           bare ? "bare" : "kith", (t_first_frame - t_main) / 1000.0, jump_frame_us / 1000.0, jump_filled_us / 1000.0,
           max_gap_us / 1000.0, vm_hwm_kib (), cpu_first_frame_us / 1000.0, cpu_jump_frame_us / 1000.0,
           cpu_others_first_frame_us / 1000.0, jump_frame_own_us / 1000.0, max_frame_own_us / 1000.0,
           second_frame_us / 1000.0, second_frame_own_us / 1000.0);
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* Whether the row at @position has its data yet */
static gboolean
row_filled (guint position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (people));
  g_autoptr(KithRecordItem) item = NULL;

  if (model == NULL || g_list_model_get_n_items (model) <= position)
    return FALSE;
  item = g_list_model_get_item (model, position);
  return kith_record_item_get_loaded (item);
}

/* The big write: what a capture batch does to the store's lock */
static gpointer
write_job (KithStore  *job_store,
           gpointer    data,
           GError    **error)
{
  g_autoptr(GArray) ids = NULL;

  g_atomic_int_set (&writing, 1);
  ids = kith_store_find (job_store, KITH_RECORD_PERSON, "", KITH_SORT_CREATED, KITH_GROUP_NONE, 0, 10000, NULL, error);
  if (ids == NULL || !kith_store_begin (job_store, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) change = json_object_new ();
      g_autofree char *headline = g_strdup_printf ("Benchmark %u", i);

      json_object_set_string_member (change, "headline", headline);
      kith_store_update_record (job_store, g_array_index (ids, gint64, i), change, NULL);
    }
  if (!kith_store_commit (job_store, error))
    return NULL;
  g_atomic_int_set (&writing, 0);

  return job_store;
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  kith_store_run_finish (KITH_STORE (source), result, NULL);
}

static void
jump (void)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (people));

  cpu_jump_us = thread_cpu_us ();
  /* As dragging the scrollbar to the bottom does */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  t_jump = g_get_monotonic_time ();
  /* Gaps count from the jump, not from the last frame before the pause */
  last_paint = t_jump;
  state = 2;
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

/* A pause after the frame after the first, before the jump, as a user's jump comes after the
 * window has drawn. Short, so that the jump and the frames after it end before the window's
 * own wait for rest does (REST_MS in kith-window.c: 50 ms without a frame), after which it reads
 * its other pages on the main thread: with 30 ms the jump's frame met that in some runs */
#define PAUSE_MS 10

static gboolean
on_paused_cb (gpointer data)
{
  if (!while_writing)
    {
      jump ();
      return G_SOURCE_REMOVE;
    }
  kith_store_run_async (store, write_job, NULL, NULL, NULL, NULL, on_written_cb, NULL);
  state = 1;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if ((state == 2 || state == 4) && last_paint > 0)
    max_gap_us = MAX (max_gap_us, now - last_paint);
  if ((state == 2 || state == 4) && frame_begin > 0)
    max_frame_own_us = MAX (max_frame_own_us, now - frame_begin);
  last_paint = now;

  if (state == 0)
    {
      /* Kith: the first frame with rows in the list, filled in */
      if (!bare && people == NULL)
        people = (GtkListView *) find_mapped_list_view (GTK_WIDGET (window));
      if (!bare && (people == NULL || !row_filled (0)))
        return;
      t_first_frame = now;
      cpu_first_frame_us = thread_cpu_us ();
      cpu_others_first_frame_us = other_threads_cpu_us ();
      if (bare || first_frame_only)
        {
          state = 3;
          g_idle_add (finish, NULL);
          return;
        }
      /* The frame after: where the list makes the rows below the first screen (KithListPage
       * gives its list view the first rows only until they have been drawn). The jump comes
       * after it and a pause, as a user's can only */
      state = 5;
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  else if (state == 5)
    {
      second_frame_us = now - t_first_frame;
      second_frame_own_us = now - frame_begin;
      state = 6;
      g_timeout_add (PAUSE_MS, on_paused_cb, NULL);
    }
  else if (state == 1)
    {
      /* The write holds the store: jump now */
      if (g_atomic_int_get (&writing))
        jump ();
      else
        gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  else if (state == 2)
    {
      jump_frame_us = now - t_jump;
      jump_frame_own_us = now - frame_begin;
      cpu_jump_frame_us = thread_cpu_us () - cpu_jump_us;
      state = 4;
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  else if (state == 4)
    {
      if (!row_filled (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (people))) - 1))
        {
          /* Keep frames coming, as an animation would, to see the longest gap */
          gtk_widget_queue_draw (GTK_WIDGET (window));
          return;
        }
      jump_filled_us = now - t_jump;
      state = 3;
      g_idle_add (finish, NULL);
    }
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  frame_begin = g_get_monotonic_time ();
}

static void
on_realize_cb (GtkWidget *widget,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "bare", 0, 0, G_OPTION_ARG_NONE, &bare, "A bare AdwApplicationWindow, the limit", NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Kith data dir with the large store", "DIR" },
    { "while-writing", 0, 0, G_OPTION_ARG_NONE, &while_writing, "Jump while a big write holds the store", NULL },
    /* For a count of instructions up to that frame (callgrind), or a profile of it */
    { "first-frame", 0, 0, G_OPTION_ARG_NONE, &first_frame_only, "Exit after the first frame", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  t_main = g_get_monotonic_time ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  gtk_init ();
  adw_init ();
  loop = g_main_loop_new (NULL, FALSE);

  if (bare)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      window = GTK_WINDOW (adw_application_window_new (NULL));
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }
  else
    {
      g_autofree char *path = g_build_filename (data_dir, "kith.db", NULL);

      store = kith_store_open (path, &error);
      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      kith_services_setup_store (store);
      window = GTK_WINDOW (kith_window_new (NULL, store));
      kith_window_show_page (KITH_WINDOW (window), "people");
    }

  gtk_window_set_default_size (window, 1180, 760);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (window);
  g_main_loop_run (loop);

  return 0;
}
