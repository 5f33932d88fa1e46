/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/calendar: reading a calendar into the timelines, against evolution-data-server's own
 * floor in the same run. Needs the private session (build-aux/test-session): the registry and
 * the calendar factory.
 *
 * N events (10,000) over two years around now, written into a new local EDS calendar: a fifth
 * recur (weekly ten times, or monthly six times), each of those with an EXDATE, and one in
 * twenty of those with a detached instance moved by an hour. Each event has one or two of
 * ATTENDEES people (300) of the store as attendees, and a stranger. The store is a new one, or
 * --data-dir's (e.g. 100,000 demo people, bench/run-calendar), with the attendees added.
 *
 * (a) the first read: from kith_calendar_service_start() until every instance is a meeting on
 *     the timelines, against EDS's floor: e_cal_client_get_object_list_as_comps_sync() over
 *     the same window and e_cal_client_generate_instances_for_object_sync() of every series
 *     (goal ≤ 2× the floor).
 * (b) the Agenda (kith_agenda_compute_model()) p50 / p95 with the meetings (goal ≤ 50 ms p95).
 * (c) an event changed through EDS: from EDS taking the write to the store's next "changed",
 *     an upper bound of the delay after EDS's own signal (goal ≤ 1 s); several changes, median
 *     and max; and from the bench's own view's objects-modified (started and shown in full
 *     before the changes) when it came before the store's.
 */

#define G_LOG_DOMAIN "KithBench"

#include "config.h"

#include <libecal/libecal.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "kith-calendar-ical.h"
#include "kith-calendar-service.h"
#include "kith-core.h"
#include "kith-meetings.h"

#define DAY (G_GINT64_CONSTANT (86400))
#define PAST_DAYS 730      /* the service's default window */
#define FUTURE_DAYS 365
#define WAIT_SECONDS 600
/* The first read is over when the store has said nothing for this long */
#define QUIET_SECONDS 10
#define GOAL_RATIO 2.0
#define GOAL_AGENDA_MS 50.0
#define GOAL_CHANGE_MS 1000.0
#define CHANGE_WAIT_SECONDS 10

static int n_events = 10000;
static int n_attendees = 300;
static int agenda_iterations = 50;
static int n_changes = 5;
static char *data_dir;

typedef struct {
  KithStore       *store;
  ESourceRegistry *registry;
  ESource         *source;
  ECalClient      *client;
  char            *timeline_source;
  time_t           start, end;
  /* (c) */
  gboolean         view_complete; /* the bench's view has shown the whole window */
  gint64           written_at;    /* µs, when EDS took the change; 0 while none is made */
  gint64           modified_at;   /* µs, when the bench's view saw the change; 0 before */
  gint64           changed_at;    /* µs, the store's first "changed" after the write */
  gint64           last_changed;  /* µs, the store's last "changed" */
} Bench;

/* Seconds of CPU this process (every thread of it) has used: the calendar factory's, in its own
 * process, is not counted, on either side */
static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static char *
ical_utc (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The @pct percentile of @values (sorted here) */
static double
percentile (GArray *values,
            double  pct)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, MIN ((guint) (values->len * pct / 100), values->len - 1));
}

static void
add_attendees (KithStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!kith_store_begin (store, &error))
    g_error ("bench: %s", error->message);
  for (int i = 0; i < n_attendees; i++)
    {
      g_autoptr(JsonObject) data = json_object_new ();
      g_autoptr(JsonArray) emails = json_array_new ();
      g_autofree char *name = g_strdup_printf ("Attendee %d", i);
      g_autofree char *email = g_strdup_printf ("attendee%d@bench.example", i);

      json_object_set_string_member (data, "name", name);
      json_array_add_string_element (emails, email);
      json_object_set_array_member (data, "emails", json_array_ref (emails));
      if (kith_store_create_record (store, KITH_RECORD_PERSON, data, NULL, &error) == 0)
        g_error ("bench: %s", error->message);
    }
  if (!kith_store_commit (store, &error))
    g_error ("bench: %s", error->message);
}

/* Event @i: its VEVENT text */
static char *
event_ical (Rng    *rng,
            int     i,
            gint64  start)
{
  g_autofree char *dtstart = ical_utc (start);
  g_autofree char *dtend = ical_utc (start + 3600);
  g_autofree char *rule = NULL;
  int a = rnd (rng, n_attendees), b = rnd (rng, n_attendees);

  if (i % 5 == 0)
    {
      gboolean weekly = i % 10 == 0;
      g_autofree char *exdate = ical_utc (start + (weekly ? 7 : 28) * DAY * 2);

      /* The third week's instance, or the first month's, is an exception */
      rule = g_strdup_printf ("RRULE:FREQ=%s;COUNT=%d\r\nEXDATE:%s\r\n", weekly ? "WEEKLY" : "MONTHLY",
                              weekly ? 10 : 6, weekly ? exdate : dtstart);
    }

  return g_strdup_printf ("BEGIN:VEVENT\r\nUID:bench-%d\r\nSUMMARY:Meeting %d\r\nDTSTART:%s\r\nDTEND:%s\r\n"
                          "ORGANIZER;CN=Me:mailto:me@kith.example\r\n"
                          "ATTENDEE;CN=Attendee %d:mailto:attendee%d@bench.example\r\n"
                          "ATTENDEE;ROLE=OPT-PARTICIPANT:mailto:attendee%d@bench.example\r\n"
                          "ATTENDEE:mailto:stranger%d@elsewhere.example\r\n%sEND:VEVENT\r\n",
                          i, i, dtstart, dtend, a, a, b, i, rule != NULL ? rule : "");
}

/* Moves the fourth instance of weekly series bench-@i by an hour: a detached instance */
static void
detach_instance (Bench  *b,
                 int     i,
                 gint64  start)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rid = ical_utc (start + 21 * DAY);
  g_autofree char *dtstart = ical_utc (start + 21 * DAY + 3600);
  g_autofree char *dtend = ical_utc (start + 21 * DAY + 7200);
  g_autofree char *text = g_strdup_printf ("BEGIN:VEVENT\r\nUID:bench-%d\r\nRECURRENCE-ID:%s\r\n"
                                           "SUMMARY:Meeting %d, moved\r\nDTSTART:%s\r\nDTEND:%s\r\n"
                                           "ATTENDEE:mailto:attendee0@bench.example\r\nEND:VEVENT\r\n",
                                           i, rid, i, dtstart, dtend);
  g_autoptr(ICalComponent) icomp = i_cal_component_new_from_string (text);

  if (!e_cal_client_modify_object_sync (b->client, icomp, E_CAL_OBJ_MOD_THIS, E_CAL_OPERATION_FLAG_NONE,
                                        NULL, &error))
    g_error ("bench: detached instance: %s", error->message);
}

static void
write_events (Bench *b)
{
  Rng rng = { 42 };
  GSList *comps = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uids = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first = (now / DAY - 365) * DAY;
  double t0 = now_s ();

  for (int i = 0; i < n_events; i++)
    {
      g_autofree char *text = event_ical (&rng, i, first + (gint64) i * 730 * DAY / n_events + 9 * 3600);

      comps = g_slist_prepend (comps, i_cal_component_new_from_string (text));
    }
  if (!e_cal_client_create_objects_sync (b->client, comps, E_CAL_OPERATION_FLAG_NONE, &uids, NULL, &error))
    g_error ("bench: events not written: %s", error->message);
  g_slist_free_full (comps, g_object_unref);
  g_slist_free_full (uids, g_free);
  /* The weekly series, one in twenty */
  for (int i = 0; i < n_events; i += 100)
    detach_instance (b, i, first + (gint64) i * 730 * DAY / n_events + 9 * 3600);
  g_printerr ("bench: %d events written in %.1f s\n", n_events, now_s () - t0);
}

static gboolean
count_instance_cb (ICalComponent *icomp,
                   ICalTime      *start,
                   ICalTime      *end,
                   gpointer       user_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static char *
window_query (Bench *b)
{
  g_autofree char *start = isodate_from_time_t (b->start);
  g_autofree char *end = isodate_from_time_t (b->end);

  return g_strdup_printf ("(occur-in-time-range? (make-time \"%s\") (make-time \"%s\"))", start, end);
}

/* EDS's floor: the window's events listed and their instances generated; the instances, and
 * the CPU it took in @out_cpu */
static double
floor_read (Bench  *b,
            guint  *out_instances,
            double *out_cpu)
{
  g_autofree char *query = window_query (b);
  g_autoptr(GError) error = NULL;
  GSList *list = NULL;
  double t0 = now_s ();
  double cpu0 = cpu_s ();

  *out_instances = 0;
  if (!e_cal_client_get_object_list_as_comps_sync (b->client, query, &list, NULL, &error))
    g_error ("bench: %s", error->message);
  for (GSList *l = list; l != NULL; l = l->next)
    if (!e_cal_component_is_instance (l->data))
      e_cal_client_generate_instances_for_object_sync (b->client, e_cal_component_get_icalcomponent (l->data),
                                                       b->start, b->end, NULL, count_instance_cb,
                                                       out_instances);
  g_slist_free_full (list, g_object_unref);
  *out_cpu = cpu_s () - cpu0;

  return now_s () - t0;
}

static guint
count_meetings (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = kith_store_list_meetings (b->store, b->timeline_source, &error);

  if (ids == NULL)
    g_error ("bench: %s", error->message);
  return g_strv_length (ids);
}

static gboolean
tick_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for about @ms; store calls are made between, never inside it */
static void
spin (guint ms)
{
  gboolean woken = FALSE;

  g_timeout_add (ms, tick_cb, &woken);
  while (!woken)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_read_changed_cb (KithStore        *store,
                    KithStoreChanges *changes,
                    gboolean         *changed)
{
  *changed = TRUE;
}

/* (a): a new service's read of the calendar until @expected meetings are on the timelines. The
 * meetings are counted after each "changed" of the store, not on a timer: a count takes the
 * store's lock, which the writes of the read need. Should Kith have fewer (the service reads
 * a window that began a little later than the floor's), the read is over when the store has
 * been quiet for QUIET_SECONDS, at its last change, and the bench says so */
static double
kith_read (Bench                *b,
           guint                 expected,
           KithCalendarService **out_service,
           double               *out_cpu)
{
  KithCalendarService *service = kith_calendar_service_new (b->store);
  gboolean changed = FALSE;
  gulong changed_id = g_signal_connect (b->store, "changed", G_CALLBACK (on_read_changed_cb), &changed);
  double t0 = now_s ();
  double cpu0 = cpu_s ();
  double last = t0, cpu_last = cpu0;
  guint n;

  kith_calendar_service_start (service);
  while ((n = count_meetings (b)) < expected)
    {
      last = now_s ();
      cpu_last = cpu_s ();
      while (!changed && now_s () - last < QUIET_SECONDS)
        spin (5);
      if (!changed && n > 0)
        {
          g_printerr ("bench: Kith has %u meetings of the floor's %u instances\n", n, expected);
          break;
        }
      if (now_s () - t0 > WAIT_SECONDS)
        g_error ("bench: %u meetings of %u after %d s", n, expected, WAIT_SECONDS);
      changed = FALSE;
    }
  g_signal_handler_disconnect (b->store, changed_id);
  *out_service = service;
  if (n >= expected)
    last = now_s (), cpu_last = cpu_s ();
  *out_cpu = cpu_last - cpu0;

  return last - t0;
}

static void
on_modified_cb (ECalClientView *view,
                const GSList   *objects,
                Bench          *b)
{
  if (b->written_at != 0 && b->modified_at == 0)
    b->modified_at = g_get_monotonic_time ();
}

static void
on_view_complete_cb (ECalClientView *view,
                     const GError   *error,
                     Bench          *b)
{
  b->view_complete = TRUE;
}

/* The store announces the change when it comes after the write, whether or not the bench's own
 * view has said so yet: a view that is still showing a large window to the bench says so late,
 * and waiting for a "changed" after the view's signal waited for ever at 2,000 events */
static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     Bench            *b)
{
  b->last_changed = g_get_monotonic_time ();
  if (b->written_at != 0 && b->changed_at == 0)
    b->changed_at = b->last_changed;
}

/* Runs the main loop until the store has said nothing for two seconds: the first read's last
 * writes (the stale meetings removed) are not taken for a change's */
static void
wait_quiet (Bench *b)
{
  b->last_changed = g_get_monotonic_time ();
  while (g_get_monotonic_time () - b->last_changed < 2 * G_USEC_PER_SEC)
    spin (50);
}

/* (c): event bench-@i renamed through EDS; ms from EDS taking the write to the store's
 * "changed" (an upper bound of the delay after EDS's signal), and from the bench's view's
 * signal when it came first (else -1 in @out_from_view) */
static double
change_latency (Bench  *b,
                int     i,
                double *out_from_view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ICalComponent) icomp = NULL;
  g_autofree char *summary = g_strdup_printf ("Meeting %d, renamed", i);
  g_autofree char *uid = g_strdup_printf ("bench-%d", i);

  if (!e_cal_client_get_object_sync (b->client, uid, NULL, &icomp, NULL, &error))
    g_error ("bench: %s", error->message);
  i_cal_component_set_summary (icomp, summary);
  wait_quiet (b);
  b->written_at = b->modified_at = b->changed_at = 0;
  if (!e_cal_client_modify_object_sync (b->client, icomp, E_CAL_OBJ_MOD_ALL, E_CAL_OPERATION_FLAG_NONE,
                                        NULL, &error))
    g_error ("bench: %s", error->message);
  b->written_at = g_get_monotonic_time ();
  /* A change that never arrives counts as the wait given up on, not as a hang */
  for (double t0 = now_s (); b->changed_at == 0 && now_s () - t0 < CHANGE_WAIT_SECONDS;)
    spin (5);
  if (b->changed_at == 0)
    {
      g_printerr ("bench: bench-%d changed, %s after %d s\n", i,
                  b->modified_at == 0 ? "neither the view nor the store said so" : "the store did not announce it",
                  CHANGE_WAIT_SECONDS);
      *out_from_view = -1;
      return CHANGE_WAIT_SECONDS * 1000.0;
    }

  *out_from_view = b->modified_at != 0 ? (b->changed_at - b->modified_at) / 1000.0 : -1;
  return (b->changed_at - b->written_at) / 1000.0;
}

static ESource *
add_local_calendar (ESourceRegistry *registry)
{
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = g_strdup (e_source_get_uid (scratch));
  ESourceBackend *backend;
  ESource *source;

  e_source_set_display_name (scratch, "Kith bench");
  e_source_set_parent (scratch, "local-stub");
  backend = e_source_get_extension (scratch, E_SOURCE_EXTENSION_CALENDAR);
  e_source_backend_set_backend_name (backend, "local");
  if (!e_source_registry_commit_source_sync (registry, scratch, NULL, &error))
    g_error ("bench: %s", error->message);
  while ((source = e_source_registry_ref_source (registry, uid)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  return source;
}

static void
open_calendar (Bench *b)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  b->registry = e_source_registry_new_sync (NULL, &error);
  if (b->registry == NULL)
    g_error ("bench: no registry (run in build-aux/test-session): %s", error->message);
  b->source = add_local_calendar (b->registry);
  b->timeline_source = g_strconcat ("calendar:", e_source_get_uid (b->source), NULL);
  b->client = E_CAL_CLIENT (e_cal_client_connect_sync (b->source, E_CAL_CLIENT_SOURCE_TYPE_EVENTS, 30, NULL, &error));
  if (b->client == NULL)
    g_error ("bench: %s", error->message);
  e_cal_client_set_default_timezone (b->client, e_cal_util_get_system_timezone ());
  /* The service's window, as kith-calendar-service.c computes it. Up to the day's end, as this
   * bench had it, the floor counted instances a year ahead that Kith does not read, and the
   * first read waited for them for ever */
  b->start = now - PAST_DAYS * DAY;
  b->end = now + FUTURE_DAYS * DAY;
}

static const char *
verdict (gboolean pass)
{
  return pass ? "PASS" : "MISS";
}

/* The Agenda's p50 and p95 over agenda_iterations computations, in ms */
static void
time_agenda (Bench  *b,
             double *out_p50,
             double *out_p95)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < agenda_iterations; i++)
    {
      g_autoptr(GError) error = NULL;
      double t0 = now_s ();
      g_autoptr(KithAgendaModel) agenda = kith_agenda_compute_model (b->store, NULL, NULL, &error);
      double t = (now_s () - t0) * 1000;

      if (agenda == NULL)
        g_error ("bench: %s", error->message);
      g_array_append_val (ms, t);
    }
  *out_p50 = percentile (ms, 50);
  *out_p95 = percentile (ms, 95);
}

/* (b), with the Agenda of the same store before the calendar was read (@without_p50 /
 * @without_p95) as its peer: what the meetings add */
static void
bench_agenda (Bench  *b,
              double  without_p50,
              double  without_p95)
{
  double p50, p95;

  time_agenda (b, &p50, &p95);
  g_print ("(b) Agenda with meetings, p50 / p95:   %.1f / %.1f ms   goal ≤ %.0f ms p95   %s\n",
           p50, p95, GOAL_AGENDA_MS, verdict (p95 <= GOAL_AGENDA_MS));
  g_print ("    the same Agenda before the calendar was read: %.1f / %.1f ms\n", without_p50, without_p95);
}

/* The bench's own view of the window, shown in full before anything is changed */
static ECalClientView *
start_view (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *query = window_query (b);
  ECalClientView *view = NULL;

  if (!e_cal_client_get_view_sync (b->client, query, &view, NULL, &error))
    g_error ("bench: %s", error->message);
  g_signal_connect (view, "objects-modified", G_CALLBACK (on_modified_cb), b);
  g_signal_connect (view, "complete", G_CALLBACK (on_view_complete_cb), b);
  e_cal_client_view_start (view, &error);
  if (error != NULL)
    g_error ("bench: %s", error->message);
  for (double t0 = now_s (); !b->view_complete && now_s () - t0 < WAIT_SECONDS;)
    spin (20);

  return view;
}

static void
bench_changes (Bench *b)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) from_view = g_array_new (FALSE, FALSE, sizeof (double));
  ECalClientView *view = start_view (b);
  gulong changed_id;

  changed_id = g_signal_connect (b->store, "changed", G_CALLBACK (on_store_changed_cb), b);
  /* Events that do not recur: one meeting each */
  for (int c = 0; c < n_changes; c++)
    {
      double v, t = change_latency (b, 1 + c * 5, &v);

      g_array_append_val (ms, t);
      if (v >= 0)
        g_array_append_val (from_view, v);
    }
  g_signal_handler_disconnect (b->store, changed_id);
  e_cal_client_view_stop (view, NULL);
  g_object_unref (view);
  g_print ("(c) change, EDS's write → store, median / max: %.0f / %.0f ms   goal ≤ %.0f ms   %s\n",
           percentile (ms, 50), percentile (ms, 100), GOAL_CHANGE_MS,
           verdict (percentile (ms, 100) <= GOAL_CHANGE_MS));
  if (from_view->len > 0)
    g_print ("    from the bench's view's signal, median / max of %u: %.0f / %.0f ms\n",
             from_view->len, percentile (from_view, 50), percentile (from_view, 100));
}

static void
print_load (void)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    g_print ("load average: %s", load);
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events, "Events in the calendar (10000)", "N" },
    { "attendees", 0, 0, G_OPTION_ARG_INT, &n_attendees, "People of the store who attend (300)", "N" },
    { "agenda-iterations", 0, 0, G_OPTION_ARG_INT, &agenda_iterations, "Agenda computations (50)", "N" },
    { "changes", 0, 0, G_OPTION_ARG_INT, &n_changes, "Events changed one after another (5)", "N" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Store to use (kith.db in DIR), e.g. with demo people", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the calendar benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  g_autofree char *db_path = NULL;
  KithCalendarService *service = NULL;
  Bench b = { NULL, };
  double floor_s, first_s, without_p50, without_p95, floor_cpu, floor_cpu2, first_cpu;
  guint instances;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("bench: %s", error->message);
  n_changes = CLAMP (n_changes, 1, n_events / 5);

  work = g_dir_make_tmp ("kith-bench-calendar-XXXXXX", &error);
  db_path = g_build_filename (data_dir != NULL ? data_dir : work, "kith.db", NULL);
  if ((b.store = kith_store_open (db_path, &error)) == NULL)
    g_error ("bench: %s", error->message);
  add_attendees (b.store);
  open_calendar (&b);
  write_events (&b);

  print_load ();
  time_agenda (&b, &without_p50, &without_p95);
  floor_s = floor_read (&b, &instances, &floor_cpu);
  first_s = kith_read (&b, instances, &service, &first_cpu);
  /* The floor again, after Kith: neither side has EDS's warm cache to itself */
  floor_s = MIN (floor_s, floor_read (&b, &instances, &floor_cpu2));
  floor_cpu = MIN (floor_cpu, floor_cpu2);

  g_print ("%d events, %u instances in the window, %d attendees\n", n_events, instances, n_attendees);
  g_print ("(a) first read: Kith %.2f s, EDS floor %.2f s: %.1f×   goal ≤ %.0f×   %s\n",
           first_s, floor_s, first_s / floor_s, GOAL_RATIO, verdict (first_s <= GOAL_RATIO * floor_s));
  g_print ("    CPU of this process: Kith %.2f s, EDS floor %.2f s: %.1f×\n", first_cpu, floor_cpu, first_cpu / floor_cpu);
  bench_agenda (&b, without_p50, without_p95);
  bench_changes (&b);
  print_load ();

  g_object_run_dispose (G_OBJECT (service));
  g_object_unref (service);
  e_source_remove_sync (b.source, NULL, NULL);
  g_clear_object (&b.client);
  g_clear_object (&b.source);
  g_clear_object (&b.registry);
  g_clear_object (&b.store);
  g_free (b.timeline_source);
  rm_rf (work);

  return EXIT_SUCCESS;
}
