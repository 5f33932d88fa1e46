/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/books: a local evolution-data-server address book of N contacts (10,000 unless told)
 * followed by KithBookService from scratch — from "keep in sync" turned on to every contact a
 * person in Kith — against evolution-data-server reading the same book itself with
 * e_book_client_get_contacts_sync () (the better of three reads). Goal (issue 15): ≤ 2×. Runs in a private session with
 * the registry and the address-book factory: build-aux/test-session _build/bench/books. Also
 * told: the store's "changed" announcements during the sync (each refreshes the window's
 * lists), the CPU time of Kith's process in it, the longest the main loop did not turn, the
 * longest another job waited for the store's worker, and the load average, since the
 * machine's other work moves the times. Beside them, the floor (bench-floor.h): the sqlite3
 * shell writing the rows Kith's sync wrote into an empty store.
 */

#include <libebook/libebook.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "bench-floor.h"
#include "kith-book-service.h"
#include "kith-core.h"

static int n_contacts = 10000;

/* What one following of the book took */
typedef struct {
  double wall_s;
  double cpu_s;       /* of this process: Kith's main thread and the store's worker */
  guint  changed;     /* the store's "changed" announcements */
  double stall_s;     /* the longest the main loop did not turn (a 5 ms tick late) */
  double wait_s;      /* the longest another job waited for the store's worker */
  double probe_t0;    /* when the probe job in flight was handed over, or 0 */
} Follow;

static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
load_average (void)
{
  double load = 0;

  return getloadavg (&load, 1) == 1 ? load : -1;
}

static gpointer
probe_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  return GINT_TO_POINTER (1);
}

static void
on_probe_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Follow *follow = user_data;

  kith_store_run_finish (KITH_STORE (source), result, NULL);
  follow->wait_s = MAX (follow->wait_s, now_s () - follow->probe_t0);
  follow->probe_t0 = 0;
}

/* Another writer's job, such as an edit the user makes during the sync: one at a time, every
 * tick of the main loop the sync leaves */
static void
probe (KithStore *store,
       Follow    *follow)
{
  if (follow->probe_t0 != 0)
    return;
  follow->probe_t0 = now_s ();
  kith_store_run_async (store, probe_job, NULL, NULL, NULL, NULL, on_probe_done_cb, follow);
}

static void
on_changed_cb (KithStore *store,
               gpointer   changes,
               guint     *count)
{
  (*count)++;
}

static gboolean
wake_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate (void)
{
  gboolean woken = FALSE;

  g_timeout_add (5, wake_cb, &woken);
  while (!woken)
    g_main_context_iteration (NULL, TRUE);
}

static ESource *
add_book (ESourceRegistry *registry)
{
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = g_strdup (e_source_get_uid (scratch));
  ESource *source;

  e_source_set_display_name (scratch, "Kith bench");
  e_source_set_parent (scratch, "local-stub");
  e_source_backend_set_backend_name (e_source_get_extension (scratch, E_SOURCE_EXTENSION_ADDRESS_BOOK), "local");
  if (!e_source_registry_commit_source_sync (registry, scratch, NULL, &error))
    g_error ("bench: could not add an address book: %s", error->message);
  while ((source = e_source_registry_ref_source (registry, uid)) == NULL)
    g_main_context_iteration (NULL, TRUE);

  return source;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Asynchronously: the client learns it is connected on this thread's main loop */
static EBookClient *
connect_book (ESource *source)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  EClient *client;

  e_book_client_connect (source, 30, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  client = e_book_client_connect_finish (result, &error);
  if (client == NULL)
    g_error ("bench: could not open the address book: %s", error->message);

  return E_BOOK_CLIENT (client);
}

/* Made-up people: a name, a work address, a mobile number, a company of 200 */
static void
fill (EBookClient *client,
      int          n)
{
  Rng rng = { 42 };

  for (int start = 0; start < n; start += 1000)
    {
      GSList *contacts = NULL;
      g_autoptr(GError) error = NULL;

      for (int i = start; i < MIN (start + 1000, n); i++)
        {
          g_autofree char *vcard = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person%06d Example\r\n"
                                                    "N:Example;Person%06d;;;\r\n"
                                                    "EMAIL;TYPE=WORK:person%06d@example.com\r\n"
                                                    "TEL;TYPE=CELL:+1 202 555 %04u\r\nORG:Company%03u Ltd\r\n"
                                                    "END:VCARD\r\n", i, i, i, rnd (&rng, 10000), rnd (&rng, 200));

          contacts = g_slist_prepend (contacts, e_contact_new_from_vcard (vcard));
        }
      if (!e_book_client_add_contacts_sync (client, contacts, E_BOOK_OPERATION_FLAG_NONE, NULL, NULL, &error))
        g_error ("bench: filling the book failed: %s", error->message);
      g_slist_free_full (contacts, g_object_unref);
    }
}

static double
eds_read (EBookClient *client)
{
  EBookQuery *query = e_book_query_any_field_contains ("");
  g_autofree char *sexp = e_book_query_to_string (query);
  g_autoptr(GError) error = NULL;
  GSList *contacts = NULL;
  double t0 = now_s (), elapsed;

  if (!e_book_client_get_contacts_sync (client, sexp, &contacts, NULL, &error))
    g_error ("bench: EDS could not read the book: %s", error->message);
  elapsed = now_s () - t0;
  e_book_query_unref (query);
  g_assert_cmpuint (g_slist_length (contacts), ==, (guint) n_contacts);
  g_slist_free_full (contacts, g_object_unref);

  return elapsed;
}

static Follow
kith_follow (ESource    *source,
             const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = kith_store_open (path, &error);
  g_autoptr(KithBookService) service = NULL;
  KithAddressBook *book = NULL;
  Follow follow = { 0, };
  double t0, c0;

  if (store == NULL)
    g_error ("bench: %s", error->message);
  service = kith_book_service_new (store);
  kith_book_service_start (service);
  while (!kith_book_service_is_ready (service) ||
         (book = kith_book_service_find_book (service, e_source_get_uid (source))) == NULL)
    iterate ();

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &follow.changed);
  t0 = now_s ();
  c0 = cpu_s ();
  kith_book_service_set_followed (service, e_source_get_uid (source), TRUE);
  while (kith_address_book_get_state (book) != KITH_ADDRESS_BOOK_STATE_READY)
    {
      double tick = now_s ();

      probe (store, &follow);
      iterate ();
      follow.stall_s = MAX (follow.stall_s, now_s () - tick - 0.005);
    }
  follow.wall_s = now_s () - t0;
  while (follow.probe_t0 != 0)
    iterate ();
  follow.cpu_s = cpu_s () - c0;
  g_signal_handlers_disconnect_by_data (store, &follow.changed);
  g_object_run_dispose (G_OBJECT (service));

  return follow;
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Contacts in the book (10000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— following an address book against EDS reading it");
  g_autoptr(GError) error = NULL;
  g_autoptr(ESourceRegistry) registry = NULL;
  g_autoptr(ESource) source = NULL;
  EBookClient *client = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *kith_db = NULL;
  g_autofree char *floor_db = NULL;
  double fill_s, eds_s, load, floor_s, floor_cpu = 0;
  Follow kith;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  registry = e_source_registry_new_sync (NULL, &error);
  if (registry == NULL)
    g_error ("bench: no evolution-data-server registry (run it in build-aux/test-session): %s", error->message);
  source = add_book (registry);
  client = connect_book (source);
  fill_s = now_s ();
  fill (client, n_contacts);
  fill_s = now_s () - fill_s;

  load = load_average ();
  /* The better of three: the floor, on a machine whose other work moves the times */
  eds_s = eds_read (client);
  for (int i = 0; i < 2; i++)
    eds_s = MIN (eds_s, eds_read (client));
  dir = g_dir_make_tmp ("kith-bench-books-XXXXXX", NULL);
  kith = kith_follow (source, dir);
  kith_db = g_build_filename (dir, "kith.db", NULL);
  floor_db = g_build_filename (dir, "floor.db", NULL);
  floor_s = bench_floor_copy (kith_db, floor_db, &floor_cpu);
  rm_rf (dir);
  if (floor_s < 0)
    return 1;
  g_object_unref (client);
  e_source_remove_sync (source, NULL, NULL);

  printf ("| | time | × EDS |\n| --- | --- | --- |\n");
  printf ("| EDS: e_book_client_get_contacts_sync () of %d contacts | %.2f s | 1× |\n", n_contacts, eds_s);
  printf ("| Kith: the book followed from scratch, to every contact a person | %.2f s | %.2f× %s |\n",
           kith.wall_s, kith.wall_s / eds_s, kith.wall_s / eds_s <= 2.0 ? "PASS (≤ 2×)" : "MISS (goal ≤ 2×)");
  printf ("| the floor: the sqlite3 shell copying the rows Kith wrote into an empty store | %.2f s | %.2f× |\n",
          floor_s, floor_s / eds_s);
  printf ("\n{\"contacts\": %d, \"fill_s\": %.2f, \"eds_s\": %.3f, \"kith_s\": %.3f, \"ratio\": %.2f, "
          "\"kith_cpu_s\": %.3f, \"changed\": %u, \"main_stall_s\": %.3f, \"store_wait_s\": %.3f, \"load\": %.1f, "
          "\"floor_s\": %.3f, \"floor_cpu_s\": %.3f}\n",
           n_contacts, fill_s, eds_s, kith.wall_s, kith.wall_s / eds_s, kith.cpu_s, kith.changed, kith.stall_s,
           kith.wait_s, load, floor_s, floor_cpu);

  return 0;
}
