/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/stall: how long the main loop stalls while mail capture runs. Kith's window shows People
 * (the real KithWindow on a store, under Xvfb) and scrolls it by a fixed step on every frame;
 * the longest gap between two frame-clock ticks and the longest lateness of a 1 ms timeout are
 * measured first for a while without capture, then while a first sync of the generated mailbox
 * (bench-mailbox.c: 10,000 messages, its correspondents people in Kith) runs from the private
 * Dovecot in the same process, on the same store, as the app's capture does. The first
 * seconds after the rows show (the rest of the window's start-up) are scrolled, not measured.
 * Goal: no stall longer than a frame at 60 Hz (16.7 ms). Prints a table and one line of JSON.
 *
 * With --bare the window is the limit instead: a bare libadwaita window whose list view shows
 * 100,000 rows of plain labels, as tall as People's, scrolled and measured the same way while
 * the same capture runs into the same store, which no window shows. What GTK and the X server
 * do under Xvfb for a scrolled list at all is in its figures; Kith's are read against them.
 */

#define G_LOG_DOMAIN "KithBench"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>
#include <time.h>

#include "kith-mail-capture.h"
#include "kith-phone.h"
#include "kith-window.h"
#include "bench-mailbox.h"
#include "bench-window.h"

#define GOAL_US 16667
/* Scrolled per frame: 2,400 px/s at 60 Hz, a brisk flick that keeps binding unseen rows */
#define SCROLL_STEP 40.0
/* Anything slower than this is a failed run, not a figure */
#define TIMEOUT_S 900

static int n_messages = 10000;
static int n_people = 300;
static int seed = 1;
static int idle_seconds = 10;
static int settle_seconds = 2;
static char *data_dir = NULL;
static gboolean bare = FALSE;

/* The bare window's rows, and their height: People's (an avatar of 36 px, 6 px around it) */
#define BARE_ROWS   100000
#define BARE_ROW_PX 48

typedef struct {
  const char *name;
  GArray     *gaps;       /* gint64 µs between two frame-clock ticks */
  gint64      worst;      /* the longest gap */
  gint64      worst_at;   /* when it ended, µs into the phase */
  GArray     *late;       /* gint64 µs a 1 ms timeout came after it was due */
  GArray     *cpu;        /* gint64 µs of the main thread's own CPU time between two ticks */
  gint64      start;
  gint64      end;
} Phase;

typedef enum {
  WAITING_FOR_ROWS,
  SETTLING,          /* scrolled, not measured: the rest of the window's start-up */
  WITHOUT_CAPTURE,
  WITH_CAPTURE,
  DONE,
} State;

typedef struct {
  GMainLoop       *loop;
  GtkWidget       *window;
  GtkAdjustment   *adjustment;   /* of the People list's scrolled window */
  int              direction;    /* of scrolling: 1 down, -1 up */
  KithMailCapture *capture;
  char            *account;
  State            state;
  Phase            phases[2];
  gint64           last_tick;
  gint64           last_tick_cpu;
  gint64           last_timeout;
  GError          *error;
} Bench;

static Phase *
current_phase (Bench *b)
{
  if (b->state == WITHOUT_CAPTURE)
    return &b->phases[0];
  if (b->state == WITH_CAPTURE)
    return &b->phases[1];
  return NULL;
}

static void
phase_init (Phase      *phase,
            const char *name)
{
  phase->name = name;
  phase->gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  phase->late = g_array_new (FALSE, FALSE, sizeof (gint64));
  phase->cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
phase_clear (Phase *phase)
{
  g_clear_pointer (&phase->gaps, g_array_unref);
  g_clear_pointer (&phase->late, g_array_unref);
  g_clear_pointer (&phase->cpu, g_array_unref);
}

/* The People list's scrollbar once it shows rows, else NULL */
static GtkAdjustment *
people_shown (Bench *b)
{
  GtkWidget *list = find_mapped_list_view (b->window);
  GtkListBase *base = list != NULL ? GTK_LIST_BASE (list) : NULL;
  GtkWidget *scrolled = list != NULL ? gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  GListModel *model = list != NULL ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))) : NULL;

  if (base == NULL || scrolled == NULL || model == NULL || g_list_model_get_n_items (model) == 0 ||
      gtk_widget_get_first_child (list) == NULL)
    return NULL;

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* The main thread's own CPU time, µs: a gap between frames that it did not spend working was
 * the machine's other load (the frame clock waits for its turn on a shared core too) */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
start_phase (Bench *b,
             State  state)
{
  b->state = state;
  b->last_tick = 0;
  b->last_timeout = g_get_monotonic_time ();
  current_phase (b)->start = g_get_monotonic_time ();
}

static void
end_phase (Bench *b)
{
  current_phase (b)->end = g_get_monotonic_time ();
}

/* A step each frame, down and, at the end, back up, as a user goes through the list */
static void
scroll (Bench *b)
{
  double value = gtk_adjustment_get_value (b->adjustment) + b->direction * SCROLL_STEP;
  double end = gtk_adjustment_get_upper (b->adjustment) - gtk_adjustment_get_page_size (b->adjustment);

  if (end <= 0)
    return;
  if (value >= end || value <= 0)
    {
      b->direction = -b->direction;
      value = CLAMP (value, 0, end);
    }
  gtk_adjustment_set_value (b->adjustment, value);
}

static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bench *b = user_data;

  end_phase (b);
  b->state = DONE;
  kith_mail_capture_sync_finish (KITH_MAIL_CAPTURE (source), result, &b->error);
  g_main_loop_quit (b->loop);
}

static gboolean
end_without_capture_cb (gpointer user_data);

static gboolean
end_settling_cb (gpointer user_data)
{
  Bench *b = user_data;

  start_phase (b, WITHOUT_CAPTURE);
  g_timeout_add_seconds (idle_seconds, end_without_capture_cb, b);

  return G_SOURCE_REMOVE;
}

static gboolean
end_without_capture_cb (gpointer user_data)
{
  Bench *b = user_data;

  end_phase (b);
  start_phase (b, WITH_CAPTURE);
  kith_mail_capture_sync_async (b->capture, b->account, NULL, on_synced_cb, b);

  return G_SOURCE_REMOVE;
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Bench *b = user_data;
  Phase *phase = current_phase (b);
  gint64 now = g_get_monotonic_time ();

  if (b->state == WAITING_FOR_ROWS && (b->adjustment = people_shown (b)) != NULL)
    {
      b->state = SETTLING;
      g_timeout_add_seconds (settle_seconds, end_settling_cb, b);
    }
  if (b->state == SETTLING)
    scroll (b);
  if (phase == NULL)
    return G_SOURCE_CONTINUE;

  if (b->last_tick > 0)
    {
      gint64 gap = now - b->last_tick;
      gint64 cpu = thread_cpu_us () - b->last_tick_cpu;

      if (gap > phase->worst)
        {
          phase->worst = gap;
          phase->worst_at = now - phase->start;
        }
      g_array_append_val (phase->gaps, gap);
      g_array_append_val (phase->cpu, cpu);
    }
  b->last_tick = now;
  b->last_tick_cpu = thread_cpu_us ();
  scroll (b);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  Bench *b = user_data;
  Phase *phase = current_phase (b);
  gint64 now = g_get_monotonic_time ();

  if (phase != NULL)
    g_array_append_val (phase->late, (gint64) { MAX (0, now - b->last_timeout - 1000) });
  b->last_timeout = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
on_too_long_cb (gpointer user_data)
{
  Bench *b = user_data;

  g_set_error (&b->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no result within %d s", TIMEOUT_S);
  g_main_loop_quit (b->loop);

  return G_SOURCE_REMOVE;
}

/* ---- Figures ---- */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

typedef struct {
  double max_ms;
  double p99_ms;
  double median_ms;
  guint  over_goal;
  guint  count;
} Summary;

static Summary
summarise (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  Summary s = { 0 };

  s.count = sorted->len;
  if (sorted->len == 0)
    return s;
  g_array_sort (sorted, compare_gint64);
  s.max_ms = g_array_index (sorted, gint64, sorted->len - 1) / 1000.0;
  s.p99_ms = g_array_index (sorted, gint64, (sorted->len - 1) * 99 / 100) / 1000.0;
  s.median_ms = g_array_index (sorted, gint64, (sorted->len - 1) / 2) / 1000.0;
  for (guint i = 0; i < sorted->len; i++)
    s.over_goal += g_array_index (sorted, gint64, i) > GOAL_US;

  return s;
}

static gint64
count_timeline (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM timeline", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static const char *
verdict (double ms)
{
  return ms <= GOAL_US / 1000.0 ? "PASS" : "MISS";
}

static void
print_figures (Bench  *b,
               gint64  entries)
{
  Summary gaps[2], late[2], cpu[2];
  g_autofree char *loadavg = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *load = NULL;

  for (guint i = 0; i < 2; i++)
    {
      gaps[i] = summarise (b->phases[i].gaps);
      late[i] = summarise (b->phases[i].late);
      cpu[i] = summarise (b->phases[i].cpu);
    }
  /* The machine's load, to read the gaps by: 1, 5 and 15 minutes */
  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL) &&
      g_strv_length (fields = g_strsplit (loadavg, " ", 4)) >= 3)
    load = g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
  else
    load = g_strdup ("");

  g_print ("\n%-46s %14s %14s %10s %6s\n", "", "without capture", "with capture", "goal", "");
  g_print ("%-46s %12.1f s %12.1f s\n", "measured for",
           (b->phases[0].end - b->phases[0].start) / 1e6, (b->phases[1].end - b->phases[1].start) / 1e6);
  g_print ("%-46s %29s\n", "machine's load at the end (1, 5, 15 min)", load);
  g_print ("%-46s %14u %14u\n", "frames", gaps[0].count + 1, gaps[1].count + 1);
  g_print ("%-46s %11.1f ms %11.1f ms %10s %6s\n", "longest frame-clock gap", gaps[0].max_ms, gaps[1].max_ms,
           "≤ 16.7 ms", verdict (gaps[1].max_ms));
  g_print ("%-46s %12.1f s %12.1f s\n", "the longest gap ended, into the phase",
           b->phases[0].worst_at / 1e6, b->phases[1].worst_at / 1e6);
  g_print ("%-46s %11.1f ms %11.1f ms\n", "frame-clock gap, 99th percentile", gaps[0].p99_ms, gaps[1].p99_ms);
  g_print ("%-46s %11.1f ms %11.1f ms\n", "frame-clock gap, median", gaps[0].median_ms, gaps[1].median_ms);
  g_print ("%-46s %14u %14u\n", "gaps longer than 16.7 ms", gaps[0].over_goal, gaps[1].over_goal);
  g_print ("%-46s %11.1f ms %11.1f ms %10s %6s\n", "main thread's CPU time between frames, longest",
           cpu[0].max_ms, cpu[1].max_ms, "≤ 16.7 ms", verdict (cpu[1].max_ms));
  g_print ("%-46s %11.1f ms %11.1f ms\n", "main thread's CPU time between frames, 99th pct",
           cpu[0].p99_ms, cpu[1].p99_ms);
  g_print ("%-46s %11.1f ms %11.1f ms\n", "main thread's CPU time between frames, median",
           cpu[0].median_ms, cpu[1].median_ms);
  g_print ("%-46s %11.1f ms %11.1f ms %10s %6s\n", "longest lateness of a 1 ms timeout", late[0].max_ms,
           late[1].max_ms, "≤ 16.7 ms", verdict (late[1].max_ms));
  g_print ("%-46s %11.1f ms %11.1f ms\n", "1 ms timeout lateness, 99th percentile", late[0].p99_ms, late[1].p99_ms);
  g_print ("%-46s %14s %14" G_GINT64_FORMAT " %10d\n", "timeline entries after the capture", "", entries, n_messages);

  g_print ("\n{\"window\": \"%s\", \"messages\": %d, \"correspondents\": %d, \"idle_s\": %.2f, \"capture_s\": %.2f, "
           "\"gap_max_ms\": [%.2f, %.2f], \"gap_p99_ms\": [%.2f, %.2f], \"gap_median_ms\": [%.2f, %.2f], "
           "\"gaps_over_goal\": [%u, %u], \"frames\": [%u, %u], "
           "\"timeout_late_max_ms\": [%.2f, %.2f], \"timeout_late_p99_ms\": [%.2f, %.2f], "
           "\"cpu_max_ms\": [%.2f, %.2f], \"cpu_p99_ms\": [%.2f, %.2f], \"cpu_median_ms\": [%.2f, %.2f], "
           "\"load\": \"%s\", \"entries\": %" G_GINT64_FORMAT "}\n",
           bare ? "bare" : "kith", n_messages, n_people, (b->phases[0].end - b->phases[0].start) / 1e6, (b->phases[1].end - b->phases[1].start) / 1e6,
           gaps[0].max_ms, gaps[1].max_ms, gaps[0].p99_ms, gaps[1].p99_ms, gaps[0].median_ms, gaps[1].median_ms,
           gaps[0].over_goal, gaps[1].over_goal, gaps[0].count + 1, gaps[1].count + 1,
           late[0].max_ms, late[1].max_ms, late[0].p99_ms, late[1].p99_ms,
           cpu[0].max_ms, cpu[1].max_ms, cpu[0].p99_ms, cpu[1].p99_ms, cpu[0].median_ms, cpu[1].median_ms,
           load, entries);
}

/* ---- Set-up ---- */

/* The mailbox in the private Dovecot, its correspondents in the store, its account added */
static gboolean
set_up_mail (KithTestDovecot  *dovecot,
             KithStore        *store,
             KithMailSession  *session,
             char            **account,
             GError          **error)
{
  g_autoptr(Mailbox) mb = mailbox_new (n_people, seed);
  guint64 bytes = 0;
  double t = now_s ();

  generate_history (mb, n_messages, g_get_real_time () / G_USEC_PER_SEC);
  if (!deliver_range (dovecot, mb, 0, mb->messages->len, &bytes, error) ||
      !mailbox_warm_up (kith_test_dovecot_get_port (dovecot), error) ||
      !mailbox_store_people (mb, store, error))
    return FALSE;
  *account = mailbox_add_account (session, store, kith_test_dovecot_get_port (dovecot), error);
  if (*account == NULL)
    return FALSE;

  g_print ("Main-loop stalls while capturing %d messages (%.1f MiB) from %d correspondents in %u threads, "
           "%s shown and scrolled by %.0f px a frame (%.1f s to set up)\n",
           n_messages, bytes / 1048576.0, n_people, mb->threads->len,
           bare ? "a bare window's list of 100,000 labels (the limit)" : "People", SCROLL_STEP, now_s () - t);

  return TRUE;
}

static void
setup_bare_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_size_request (label, -1, BARE_ROW_PX);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_item_set_child (item, label);
}

static void
bind_bare_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* The limit: a header bar over a list view of plain labels, nothing else */
static GtkWidget *
bare_window_new (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;

  for (guint i = 0; i < BARE_ROWS; i++)
    {
      char name[32];

      g_snprintf (name, sizeof name, "Person %u", i + 1);
      gtk_string_list_append (names, name);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_bare_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_bare_row_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (names))), factory);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  return window;
}

static void
show_people (Bench     *b,
             KithStore *store)
{
  if (bare)
    {
      b->window = bare_window_new ();
    }
  else
    {
      b->window = GTK_WIDGET (kith_window_new (NULL, store));
      kith_window_show_page (KITH_WINDOW (b->window), "people");
    }
  gtk_window_set_default_size (GTK_WINDOW (b->window), 1180, 760);
  gtk_widget_add_tick_callback (b->window, on_tick_cb, b, NULL);
  g_timeout_add (1, on_timeout_cb, b);
  g_timeout_add_seconds (TIMEOUT_S, on_too_long_cb, b);
  gtk_window_present (GTK_WINDOW (b->window));
}

static int
run (const char *work)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTestDovecot) dovecot = NULL;
  g_autoptr(KithStore) store = NULL;
  g_autoptr(ESourceRegistry) registry = NULL;
  g_autoptr(KithMailSession) session = NULL;
  g_autofree char *db_path = g_build_filename (data_dir != NULL ? data_dir : work, "kith.db", NULL);
  g_autofree char *camel_dir = g_build_filename (work, "camel", NULL);
  g_autofree char *cache_dir = g_build_filename (camel_dir, "cache", NULL);
  Bench b = { .direction = 1 };

  dovecot = kith_test_dovecot_start (users, &error);
  if (dovecot == NULL)
    {
      g_printerr ("bench: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ? 77 : 1;
    }
  store = kith_store_open (db_path, &error);
  registry = store != NULL ? e_source_registry_new_sync (NULL, &error) : NULL;
  if (registry == NULL)
    goto out;
  kith_services_setup_store (store);
  session = kith_mail_session_new (registry, camel_dir, cache_dir);
  if (!set_up_mail (dovecot, store, session, &b.account, &error))
    goto out;

  phase_init (&b.phases[0], "without capture");
  phase_init (&b.phases[1], "with capture");
  b.loop = g_main_loop_new (NULL, FALSE);
  b.capture = kith_mail_capture_new (store, session);
  show_people (&b, store);
  g_main_loop_run (b.loop);
  if (b.error != NULL)
    g_propagate_error (&error, g_steal_pointer (&b.error));
  else
    print_figures (&b, count_timeline (db_path));

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_clear_object (&b.capture);
  g_clear_pointer (&b.loop, g_main_loop_unref);
  phase_clear (&b.phases[0]);
  phase_clear (&b.phases[1]);

out:
  g_free (b.account);
  if (error != NULL)
    {
      g_printerr ("bench: %s\n", error->message);
      return 1;
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_INT, &n_messages, "Messages in the mailbox (10,000)", "N" },
    { "people", 0, 0, G_OPTION_ARG_INT, &n_people, "Correspondents, all of them people in Kith (300)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated mailbox (1)", "N" },
    { "settle-seconds", 0, 0, G_OPTION_ARG_INT, &settle_seconds, "Scrolled, not measured, once rows show (2)", "S" },
    { "idle-seconds", 0, 0, G_OPTION_ARG_INT, &idle_seconds, "Then measured without capture (10)", "S" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Store to use (kith.db in DIR), e.g. with demo people", "DIR" },
    { "bare", 0, 0, G_OPTION_ARG_NONE, &bare, "The limit: a bare window's list of 100,000 labels, not Kith's", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  int rc;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_messages < 1 || n_people < 1 || idle_seconds < 1 || settle_seconds < 0)
    {
      g_printerr ("bench: --messages, --people and --idle-seconds must be at least 1\n");
      return 2;
    }
  /* What is measured is the stall itself, as a release build has it: without the debug builds'
   * check for store calls on the main thread, which adds its own cost to every call */
  g_setenv ("KITH_STORE_THREAD_CHECK", "0", FALSE);

  gtk_init ();
  adw_init ();
  work = g_dir_make_tmp ("kith-bench-stall-XXXXXX", &error);
  if (work == NULL)
    {
      g_printerr ("bench: %s\n", error->message);
      return 1;
    }
  rc = run (work);
  rm_rf (work);

  return rc;
}
