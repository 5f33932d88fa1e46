/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Meetings linked to deals by the address their location names (src/core/timeline/
 * kith-deal-places.c), at many deals: M meetings (a fifth at a deal's address) written as the
 * calendar service writes them (one KithMeetingMatcher, 500 a transaction) into a store with D
 * deals that have street addresses, against the same meetings into the same kind of store whose
 * deals have no address (nothing for the index to find: the cost of the meetings alone). Runs
 * alternate, the better of each kind is kept; the ratio is the figure (goal ≤ 1.25×). Also the
 * time of one changed event, whose read reads the deals' addresses again.
 *
 *   _build/bench/deal-places [--deals 10000] [--meetings 5000] [--runs 3]
 */

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "bench-common.h"
#include "kith-deal-places.h"
#include "kith-meetings.h"
#include "kith-record-writer.h"
#include "kith-store.h"
#include "kith-store-private.h"

#define BATCH 500
#define N_PEOPLE 300
#define HOUR_MS (G_GINT64_CONSTANT (3600000))

static const char *streets[] = {
  "Oak", "Elm", "Harbour", "Mill", "Church", "Station", "Park", "Victoria", "Green", "Manor",
  "Kings", "Queens", "Grange", "Chapel", "Bridge", "Orchard", "Meadow", "Cedar", "Willow", "Maple",
};
static const char *kinds[] = { "Street", "Road", "Avenue", "Lane", "Drive" };

static char *
street_of (guint i)
{
  return g_strdup_printf ("%u %s %s", 1 + i / (guint) (G_N_ELEMENTS (streets) * G_N_ELEMENTS (kinds)),
                          streets[i % G_N_ELEMENTS (streets)],
                          kinds[(i / G_N_ELEMENTS (streets)) % G_N_ELEMENTS (kinds)]);
}

static void
create (KithStore      *store,
        KithRecordKind  kind,
        const char     *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  if (node == NULL || kith_store_create_record (store, kind, json_node_get_object (node), NULL, &error) == 0)
    g_error ("bench: %s", error->message);
}

/* A store with the people and @n_deals deals, with street addresses when @addressed */
static KithStore *
make_store (const char *dir,
            const char *name,
            guint       n_deals,
            gboolean    addressed)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  KithStore *store = kith_store_open (path, &error);

  if (store == NULL)
    g_error ("bench: %s", error->message);
  kith_store_begin (store, NULL);
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Person %u\", \"emails\": [\"p%u@people.example\"]}", i, i);

      create (store, KITH_RECORD_PERSON, json);
    }
  for (guint i = 0; i < n_deals; i++)
    {
      g_autofree char *street = street_of (i);
      g_autofree char *json = addressed ?
        g_strdup_printf ("{\"name\": \"Deal %u\", \"address\": {\"street\": \"%s\", \"city\": \"Springfield\"}}", i, street) :
        g_strdup_printf ("{\"name\": \"Deal %u\"}", i);

      create (store, KITH_RECORD_PROJECT, json);
    }
  if (!kith_store_commit (store, &error))
    g_error ("bench: %s", error->message);

  return store;
}

static GPtrArray *
make_meetings (guint n_meetings,
               guint n_deals,
               guint run)
{
  GPtrArray *meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_meeting_free);
  Rng r = { 11 };

  for (guint i = 0; i < n_meetings; i++)
    {
      g_autofree char *uid = g_strdup_printf ("run%u-%u#", run, i);
      g_autofree char *person = g_strdup_printf ("p%u@people.example", rnd (&r, N_PEOPLE));
      KithMeeting *meeting = kith_meeting_new ("calendar:bench", uid);

      meeting->title = g_strdup ("Viewing");
      if (i % 5 == 0)
        {
          g_autofree char *street = street_of (rnd (&r, n_deals));

          meeting->location = g_strdup_printf ("Viewing at %s, Springfield", street);
        }
      else
        meeting->location = g_strdup ("Office, 3rd floor");
      meeting->start = (gint64) i * HOUR_MS;
      meeting->duration = 3600;
      kith_meeting_add_person (meeting, "me@agency.example", NULL, "from");
      kith_meeting_add_person (meeting, person, NULL, "to");
      kith_meeting_add_person (meeting, "stranger@else.example", NULL, "to");
      g_ptr_array_add (meetings, meeting);
    }

  return meetings;
}

/* Seconds to write @meetings as the calendar service does */
static double
put_all (KithStore *store,
         GPtrArray *meetings)
{
  g_autoptr(KithMeetingMatcher) matcher = kith_meeting_matcher_new ();
  g_autoptr(GError) error = NULL;
  double t0 = now_s ();

  for (guint i = 0; i < meetings->len; i += BATCH)
    {
      kith_store_begin (store, NULL);
      for (guint j = i; j < MIN (i + BATCH, meetings->len); j++)
        if (!kith_store_put_meeting_matched (store, g_ptr_array_index (meetings, j), matcher, NULL, &error))
          g_error ("bench: %s", error->message);
      if (!kith_store_commit (store, &error))
        g_error ("bench: %s", error->message);
    }

  return now_s () - t0;
}

/* Seconds to read the deals' addresses and look up the locations and titles of @meetings: the
 * part of put_all () that the addresses cost */
static double
match_all (KithStore *store,
           GPtrArray *meetings,
           guint     *out_found)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KithDealPlaces) index = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = now_s ();

  kith_store_lock (store);
  if ((index = kith_deal_places_new (store, &error)) == NULL)
    g_error ("bench: %s", error->message);
  kith_store_unlock (store);
  for (guint i = 0; i < meetings->len; i++)
    {
      KithMeeting *meeting = g_ptr_array_index (meetings, i);

      kith_deal_places_match (index, meeting->location, found);
      kith_deal_places_match (index, meeting->title, found);
    }
  *out_found = found->len;

  return now_s () - t0;
}

/* How many meetings the deals' timelines hold in all: that the addresses were found */
static guint
deal_links (KithStore *store,
            guint      n_deals)
{
  guint n = 0;

  for (guint i = 0; i < n_deals; i++)
    {
      g_autoptr(GPtrArray) items = kith_store_get_timeline (store, N_PEOPLE + 1 + i, 0, 100000, NULL);

      n += items != NULL ? items->len : 0;
    }

  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int n_deals = 10000, n_meetings = 5000, runs = 3;
  GOptionEntry entries[] = {
    { "deals", 0, 0, G_OPTION_ARG_INT, &n_deals, "Deals with an address", "N" },
    { "meetings", 0, 0, G_OPTION_ARG_INT, &n_meetings, "Meetings written per run", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each kind", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- meetings linked to deals by address");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kith-bench-places-XXXXXX", NULL);
  g_autoptr(KithStore) places = NULL;
  g_autoptr(KithStore) plain = NULL;
  double best_places = G_MAXDOUBLE, best_plain = G_MAXDOUBLE;
  double one_places = G_MAXDOUBLE, one_plain = G_MAXDOUBLE, matching = G_MAXDOUBLE;
  guint found = 0;
  double load[3] = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_deals < 1 || n_meetings < 1 || runs < 1)
    {
      g_printerr ("bench: %s\n", error != NULL ? error->message : "--deals, --meetings and --runs must be at least 1");
      return 2;
    }

  places = make_store (dir, "places.db", n_deals, TRUE);
  plain = make_store (dir, "plain.db", n_deals, FALSE);
  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) meetings = make_meetings (n_meetings, n_deals, run);

      g_autoptr(GPtrArray) one = make_meetings (1, n_deals, runs + run);

      best_places = MIN (best_places, put_all (places, meetings));
      best_plain = MIN (best_plain, put_all (plain, meetings));
      /* One event changed while Kith runs: a read of its own, whose matcher reads the deals'
       * addresses again */
      one_places = MIN (one_places, put_all (places, one));
      one_plain = MIN (one_plain, put_all (plain, one));
      matching = MIN (matching, match_all (places, meetings, &found));
    }

  if (getloadavg (load, 3) < 0)
    load[0] = load[1] = load[2] = -1;
  g_print ("%d meetings, %d deals, better of %d runs; load average %.2f %.2f %.2f\n",
           n_meetings, n_deals, runs, load[0], load[1], load[2]);
  g_print ("deals with addresses: %.3f s (%.1f us a meeting); %u meetings on the deals' timelines "
           "(%d runs of %d at an address)\n", best_places, best_places * 1e6 / n_meetings,
           deal_links (places, n_deals), runs, (n_meetings + 4) / 5);
  g_print ("deals without:        %.3f s (%.1f us a meeting); %u meetings on the deals' timelines\n",
           best_plain, best_plain * 1e6 / n_meetings, deal_links (plain, n_deals));
  g_print ("ratio %.2fx (goal <= 1.25x): %s\n", best_places / best_plain,
           best_places / best_plain <= 1.25 ? "PASS" : "MISS");
  g_print ("of which reading the addresses and looking up the texts: %.1f ms (%u found), %.1f%% of the write\n",
           matching * 1e3, found, 100 * matching / best_places);
  g_print ("one changed event, with / without addresses: %.1f / %.1f ms\n", one_places * 1e3, one_plain * 1e3);

  g_clear_object (&places);
  g_clear_object (&plain);
  remove_dir (dir);
  return 0;
}
