/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * bench/store: Kith's store against its peers, side by side in one run.
 *
 *  (a) inserting N people and M timeline items through the store's API, against the sqlite3
 *      shell loading the same rows into bare tables in one transaction, and against
 *      evolution-data-server's own address book importing the same people in batches of 1,000;
 *  (b) p50/p95 latency of kith_store_find() for representative queries against the equivalent
 *      hand-written SQL run on the same database (through SQLite's C API in this process, so
 *      the peer pays no process start-up), and the Agenda against its hand-written SQL;
 *  (c) the database's size per 1,000 people and per 1,000 items.
 *
 * Goals are printed with each figure, with PASS or MISS. This is a benchmark, not a test.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libebook/libebook.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "kith-core.h"

static int n_people = 100000;
static int n_items = 1000000;
static int eds_sample = 10000;
static gboolean skip_eds = FALSE;
static gboolean reuse = FALSE;
static char *work_dir = NULL;

typedef struct {
  guint64 s;
} Rng;

static guint
rnd (Rng   *r,
     guint  n)
{
  guint64 z = (r->s += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return (guint) ((z ^ (z >> 31)) % n);
}

static const char *firsts[] = { "Ada", "Alan", "Grace", "Charles", "Hedy", "Linus", "Margaret", "Tim", "Barbara", "Dennis",
                                "José", "Zoë", "Søren", "Priya", "Wei", "Fatima", "Ingrid", "Mateo", "Aiko", "Olusegun" };
static const char *lasts[] = { "Lovelace", "Turing", "Hopper", "Babbage", "Lamarr", "Torvalds", "Hamilton", "Berners-Lee",
                               "Liskov", "Ritchie", "Müller", "Nørgaard", "Kowalski", "Dubois", "Tanaka", "Patel", "Chen",
                               "Okafor", "Ivanova", "Núñez" };
static const char *stages[] = { "lead", "future", "current", "past", "out" };
static const char *tags[] = { "vip", "holiday-card", "newsletter", "investor", "golf", "board" };

typedef struct {
  char   *name;
  char   *email;
  char   *phone;
  const char *stage;
  const char *tag;
  gint64  price;
} Person;

static void
person_clear (Person *p)
{
  g_free (p->name);
  g_free (p->email);
  g_free (p->phone);
}

static GArray *
make_people (void)
{
  GArray *people = g_array_sized_new (FALSE, TRUE, sizeof (Person), n_people);
  Rng r = { 42 };

  g_array_set_clear_func (people, (GDestroyNotify) person_clear);
  for (int i = 0; i < n_people; i++)
    {
      Person p = { 0 };
      const char *first = firsts[rnd (&r, G_N_ELEMENTS (firsts))];
      const char *last = lasts[rnd (&r, G_N_ELEMENTS (lasts))];

      p.name = g_strdup_printf ("%s %s %d", first, last, i);
      p.email = g_strdup_printf ("p%d@company%u.example", i, rnd (&r, 5000));
      p.phone = g_strdup_printf ("+1415%07d", i);
      p.stage = stages[rnd (&r, G_N_ELEMENTS (stages))];
      p.tag = tags[rnd (&r, G_N_ELEMENTS (tags))];
      p.price = 100000 + 1000 * (gint64) rnd (&r, 900);
      g_array_append_val (people, p);
    }

  return people;
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
report (const char *what,
        double      value,
        const char *unit,
        const char *peer,
        const char *goal,
        gboolean    pass)
{
  g_print ("%-44s %12.2f %-10s %-40s %-24s %s\n", what, value, unit, peer, goal, pass ? "PASS" : "MISS");
}

/* (a) Kith */
static double
load_kith (KithStore *store,
           GArray    *people,
           double    *out_items_s)
{
  Rng r = { 7 };
  gint64 base = g_get_real_time () / 1000 - G_GINT64_CONSTANT (2) * 365 * 86400000;
  g_autoptr(GError) error = NULL;
  double t0 = now_s (), t1;

  kith_store_begin (store, NULL);
  for (guint i = 0; i < people->len; i++)
    {
      Person *p = &g_array_index (people, Person, i);
      g_autoptr(JsonObject) o = json_object_new ();
      JsonArray *emails = json_array_new ();
      JsonArray *phones = json_array_new ();
      JsonArray *keywords = json_array_new ();
      JsonArray *custom = json_array_new ();
      JsonObject *price = json_object_new ();

      json_object_set_string_member (o, "name", p->name);
      json_array_add_string_element (emails, p->email);
      json_object_set_array_member (o, "emails", emails);
      json_array_add_string_element (phones, p->phone);
      json_object_set_array_member (o, "phones", phones);
      json_object_set_string_member (o, "segment", "customer");
      json_object_set_string_member (o, "stage", p->stage);
      json_array_add_string_element (keywords, p->tag);
      json_object_set_array_member (o, "keywords", keywords);
      json_object_set_string_member (price, "id", "price");
      json_object_set_int_member (price, "value", p->price);
      json_array_add_object_element (custom, price);
      json_object_set_array_member (o, "customFields", custom);
      if (kith_store_create_record (store, KITH_RECORD_PERSON, o, NULL, &error) == 0)
        g_error ("%s", error->message);
      if (i % 5000 == 4999)
        {
          kith_store_commit (store, NULL);
          kith_store_begin (store, NULL);
        }
    }
  kith_store_commit (store, NULL);
  t1 = now_s ();

  kith_store_begin (store, NULL);
  for (int i = 0; i < n_items; i++)
    {
      Person *p = &g_array_index (people, Person, rnd (&r, people->len));
      g_autoptr(JsonObject) o = json_object_new ();
      JsonArray *to = json_array_new ();
      gboolean inbound = rnd (&r, 2);
      char subject[80];

      g_snprintf (subject, sizeof subject, "Offer on %u Oak Street", rnd (&r, 1000));
      json_object_set_string_member (o, "style", rnd (&r, 4) ? "email" : "call");
      json_object_set_int_member (o, "date", base + (gint64) rnd (&r, 730 * 86400) * 1000);
      json_object_set_string_member (o, "from", inbound ? p->email : "me@kith.example");
      json_array_add_string_element (to, inbound ? "me@kith.example" : p->email);
      json_object_set_array_member (o, "recipients", to);
      json_object_set_string_member (o, "direction", inbound ? "inbound" : "outbound");
      json_object_set_string_member (o, "subject", subject);
      json_object_set_string_member (o, "body", "Hello, thanks for the showing today. We would like to make an offer on the house.");
      if (kith_store_add_timeline_item (store, o, NULL, &error) == 0)
        g_error ("%s", error->message);
      if (i % 20000 == 19999)
        {
          kith_store_commit (store, NULL);
          kith_store_begin (store, NULL);
        }
    }
  kith_store_commit (store, NULL);

  *out_items_s = now_s () - t1;
  return t1 - t0;
}

/* (a) the sqlite3 shell, bare tables, one transaction */
static double
load_sqlite_shell (GArray *people)
{
  g_autofree char *sql_path = g_build_filename (work_dir, "load.sql", NULL);
  g_autofree char *db_path = g_build_filename (work_dir, "bare.db", NULL);
  g_autofree char *command = NULL;
  FILE *f = fopen (sql_path, "w");
  Rng r = { 7 };
  gint64 base = g_get_real_time () / 1000 - G_GINT64_CONSTANT (2) * 365 * 86400000;
  double t0;
  int status;

  fprintf (f, "PRAGMA journal_mode=WAL;\nBEGIN;\n"
              "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT, phone TEXT, stage TEXT, tag TEXT, price INTEGER);\n"
              "CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT, date INTEGER, sender TEXT, recipient TEXT, direction TEXT, subject TEXT, body TEXT);\n");
  for (guint i = 0; i < people->len; i++)
    {
      Person *p = &g_array_index (people, Person, i);
      fprintf (f, "INSERT INTO people VALUES (%u, '%s', '%s', '%s', '%s', '%s', %" G_GINT64_FORMAT ");\n",
               i + 1, p->name, p->email, p->phone, p->stage, p->tag, p->price);
    }
  for (int i = 0; i < n_items; i++)
    {
      Person *p = &g_array_index (people, Person, rnd (&r, people->len));
      gboolean inbound;
      guint subject;
      const char *kind = NULL;
      gint64 date;

      inbound = rnd (&r, 2);
      subject = rnd (&r, 1000);
      kind = rnd (&r, 4) ? "email" : "call";
      date = base + (gint64) rnd (&r, 730 * 86400) * 1000;
      fprintf (f, "INSERT INTO items VALUES (%d, '%s', %" G_GINT64_FORMAT ", '%s', '%s', '%s', 'Offer on %u Oak Street', "
                  "'Hello, thanks for the showing today. We would like to make an offer on the house.');\n",
               i + 1, kind, date, inbound ? p->email : "me@kith.example", inbound ? "me@kith.example" : p->email,
               inbound ? "inbound" : "outbound", subject);
    }
  fprintf (f, "COMMIT;\n");
  fclose (f);

  g_unlink (db_path);
  command = g_strdup_printf ("sqlite3 '%s' < '%s' > /dev/null", db_path, sql_path);
  t0 = now_s ();
  status = system (command);
  if (status != 0)
    g_printerr ("bench: the sqlite3 shell failed (%d)\n", status);

  return now_s () - t0;
}

typedef struct {
  ESource  *source;
  EClient  *client;
  GError   *error;
  gboolean  done;
} Connect;

static gpointer
connect_thread (gpointer data)
{
  Connect *c = data;

  c->client = e_book_client_connect_sync (c->source, 30, NULL, &c->error);
  g_atomic_int_set (&c->done, TRUE);
  g_main_context_wakeup (NULL);

  return NULL;
}

/* The synchronous connect waits for the backend's status, which comes through this thread's
 * main context: call it from another thread while this one keeps dispatching. */
static EClient *
connect_in_thread (ESource  *source,
                   GError  **error)
{
  Connect c = { source, NULL, NULL, FALSE };
  GThread *thread = g_thread_new ("eds-connect", connect_thread, &c);

  while (!g_atomic_int_get (&c.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  if (c.error != NULL)
    g_propagate_error (error, c.error);
  return c.client;
}

/* (a) evolution-data-server's address book, batches of 1,000 */
static double
load_eds (GArray *people,
          int     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, &error);
  g_autoptr(ESource) scratch = NULL;
  g_autoptr(ESource) source = NULL;
  g_autoptr(EClient) client = NULL;
  ESourceAddressBook *extension;
  double t0;
  const char *uid;

  if (registry == NULL)
    {
      g_printerr ("bench: no evolution-data-server registry: %s\n", error->message);
      return -1;
    }

  scratch = e_source_new (NULL, NULL, &error);
  e_source_set_parent (scratch, "local-stub");
  e_source_set_display_name (scratch, "Kith bench");
  extension = e_source_get_extension (scratch, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  e_source_backend_set_backend_name (E_SOURCE_BACKEND (extension), "local");
  if (!e_source_registry_commit_source_sync (registry, scratch, NULL, &error))
    {
      g_printerr ("bench: could not add an address book: %s\n", error->message);
      return -1;
    }
  uid = e_source_get_uid (scratch);
  /* The registry learns of the new source through D-Bus signals on this thread's main context */
  for (int tries = 0; tries < 2000 && (source = e_source_registry_ref_source (registry, uid)) == NULL; tries++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  if (source == NULL)
    return -1;

  client = connect_in_thread (source, &error);
  if (client == NULL)
    {
      g_printerr ("bench: could not open the address book: %s\n", error->message);
      return -1;
    }

  t0 = now_s ();
  for (int start = 0; start < n; start += 1000)
    {
      GSList *contacts = NULL;

      for (int i = start; i < MIN (start + 1000, n); i++)
        {
          Person *p = &g_array_index (people, Person, i);
          EContact *contact = e_contact_new ();

          e_contact_set (contact, E_CONTACT_FULL_NAME, p->name);
          e_contact_set (contact, E_CONTACT_EMAIL_1, p->email);
          e_contact_set (contact, E_CONTACT_PHONE_MOBILE, p->phone);
          contacts = g_slist_prepend (contacts, contact);
        }
      if (!e_book_client_add_contacts_sync (E_BOOK_CLIENT (client), contacts, E_BOOK_OPERATION_FLAG_NONE, NULL, NULL, &error))
        g_error ("bench: EDS import failed: %s", error->message);
      g_slist_free_full (contacts, g_object_unref);
    }

  {
    double elapsed = now_s () - t0;
    e_source_remove_sync (source, NULL, NULL);
    return elapsed;
  }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
percentiles (GArray *samples,
             double *p50,
             double *p95)
{
  g_array_sort (samples, compare_doubles);
  *p50 = g_array_index (samples, double, samples->len / 2);
  *p95 = g_array_index (samples, double, MIN (samples->len - 1, (guint) ceil (samples->len * 0.95) - 1));
}

typedef struct {
  const char *label;
  const char *query;        /* Kith's query; %s is replaced by a varied input */
  const char *sql;          /* the hand-written equivalent; ?1 is the same input */
  const char *inputs[6];
  KithSort    sort;
  double      goal_ms;
} Case;

static double
run_sql (sqlite3    *db,
         const char *sql,
         const char *input,
         gint64      now)
{
  sqlite3_stmt *stmt;
  double t0 = now_s ();
  int rows = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("bench: %s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, input, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (stmt);

  return (now_s () - t0) * 1000;
}

static void
bench_queries (KithStore  *store,
               const char *db_path)
{
  static const Case cases[] = {
    { "type-ahead, name prefix (3+ letters)", "%s", 
      "SELECT r.id FROM records r WHERE r.kind = 0 AND r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?1) ORDER BY r.sort_name LIMIT 50",
      { "lov", "turi", "hopp", "babb", "lama", "torv" }, KITH_SORT_NAME, 5 },
    { "type-ahead, one or two letters", "%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 AND r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?1) ORDER BY r.sort_name LIMIT 50",
      { "a", "t", "gr", "ch", "li", "ma" }, KITH_SORT_NAME, 20 },
    { "type-ahead, email prefix", "email:%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 AND r.id IN (SELECT record_id FROM channels WHERE type = 'email' AND key >= ?1 AND key < ?1 || x'f48fbfbf') ORDER BY r.sort_name LIMIT 50",
      { "p123", "p4567", "p999", "p1", "p77", "p5000" }, KITH_SORT_NAME, 5 },
    { "free word", "%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 AND r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?1) ORDER BY r.sort_name LIMIT 50",
      { "lovelace", "hopper", "nørgaard", "patel", "okafor", "ivanova" }, KITH_SORT_NAME, 20 },
    { "email:@domain", "email:@%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 AND r.id IN (SELECT record_id FROM channels WHERE type = 'email' AND substr(key, instr(key, '@') + 1) = ?1) ORDER BY r.sort_name LIMIT 50",
      { "company1.example", "company42.example", "company999.example", "company2500.example", "company4999.example", "company7.example" }, KITH_SORT_NAME, 20 },
    { "stage:current tag:x", "stage:current tag:%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 AND r.stage = 'current' AND EXISTS (SELECT 1 FROM record_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = r.id AND t.name = ?1) ORDER BY r.sort_name LIMIT 50",
      { "vip", "golf", "board", "investor", "newsletter", "holiday-card" }, KITH_SORT_NAME, 20 },
    { "#price>N", "#price>%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 AND r.id IN (SELECT record_id FROM custom_values WHERE field_id = (SELECT id FROM custom_fields WHERE key = 'price') AND num > CAST(?1 AS REAL)) ORDER BY r.sort_name LIMIT 50",
      { "500000", "900000", "950000", "300000", "990000", "750000" }, KITH_SORT_NAME, 20 },
    { "last-contact>Nd", "last-contact>%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 AND (r.last_contact IS NULL OR r.last_contact < ?2 - CAST(?1 AS INTEGER) * 86400000) ORDER BY r.sort_name LIMIT 50",
      { "30", "60", "90", "180", "365", "400" }, KITH_SORT_NAME, 20 },
    { "sort by last contact", "%s",
      "SELECT r.id FROM records r WHERE r.kind = 0 ORDER BY r.last_contact DESC NULLS LAST, r.id LIMIT 50",
      { "", "", "", "", "", "" }, KITH_SORT_LAST_CONTACT, 20 },
  };
  sqlite3 *db;
  gint64 now = g_get_real_time () / 1000;

  sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) kith = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) hand = g_array_new (FALSE, FALSE, sizeof (double));
      double k50, k95, h50, h95;
      char goal[64];

      for (int round = 0; round < 30; round++)
        for (guint i = 0; i < G_N_ELEMENTS (cases[c].inputs); i++)
          {
            const char *input = cases[c].inputs[i];
            g_autofree char *query = g_strdup_printf (cases[c].query, input);
            g_autofree char *fts = NULL;
            double t0 = now_s (), ms;
            g_autoptr(GArray) ids = kith_store_find (store, KITH_RECORD_PERSON, query, cases[c].sort, KITH_GROUP_NONE,
                                                     0, 50, NULL, NULL);

            ms = (now_s () - t0) * 1000;
            g_array_append_val (kith, ms);

            /* the hand-written SQL gets its input in the form it needs */
            if (strstr (cases[c].sql, "MATCH") != NULL)
              input = fts = g_strdup_printf ("\"%s\"*", input);
            ms = run_sql (db, cases[c].sql, input, now);
            g_array_append_val (hand, ms);
          }

      percentiles (kith, &k50, &k95);
      percentiles (hand, &h50, &h95);
      g_print ("%-44s p50 %7.2f ms  p95 %7.2f ms   hand-written SQL p50 %7.2f ms  p95 %7.2f ms\n",
               cases[c].label, k50, k95, h50, h95);
      g_snprintf (goal, sizeof goal, "p95 <= %.0f ms, <= 2x SQL", cases[c].goal_ms);
      report ("  p95", k95, "ms", "vs hand-written SQL p95", goal,
              k95 <= cases[c].goal_ms && k95 <= 2 * MAX (h95, 0.5));
    }

  sqlite3_close (db);
}

static void
bench_agenda (KithStore  *store,
              const char *db_path)
{
  /* The same sections, written by hand */
  static const char *sql[] = {
    "SELECT id, subject, due FROM todos WHERE done = 0 AND (due IS NULL OR due <= date('now', '+7 days')) ORDER BY due IS NULL, due, id",
    "SELECT r.id FROM records r JOIN steps st ON st.key = r.step WHERE r.step IS NOT NULL AND st.reminder_days IS NOT NULL "
    "AND r.step_since + st.reminder_days * 86400000 < ?2 ORDER BY 1 LIMIT 200",
    "SELECT id, name, birthday FROM records WHERE birthday IS NOT NULL AND substr(birthday, -5) IN "
    "(SELECT value FROM json_each(?1))",
    "SELECT r.id, r.name FROM (SELECT r.id AS id, (?2 - coalesce(r.last_contact, r.created)) / 86400000 "
    "- coalesce(r.cadence_days, s.cadence_days, 0) AS overdue FROM records r LEFT JOIN segments s ON s.key = r.segment "
    "WHERE r.kind = 0 AND coalesce(r.cadence_days, s.cadence_days, 0) > 0 AND r.stage IS NOT 'out' "
    "AND coalesce(r.last_contact, r.created) < ?2 - coalesce(r.cadence_days, s.cadence_days, 0) * 86400000 "
    "ORDER BY overdue DESC, r.id LIMIT 200) o JOIN records r ON r.id = o.id",
    "SELECT t.id FROM timeline t JOIN timeline_people tp ON tp.item_id = t.id AND tp.role = 'from' JOIN records r ON r.id = tp.record_id "
    "WHERE t.kind = 'email' AND t.direction = 'inbound' AND t.date >= ?2 - 14 * 86400000 AND NOT EXISTS "
    "(SELECT 1 FROM timeline o WHERE o.thread_id = t.thread_id AND o.date > t.date AND o.kind = 'email') ORDER BY t.date DESC LIMIT 200",
    "SELECT id FROM timeline WHERE kind = 'meeting' AND date >= ?2 - 86400000 AND date < ?2",
  };
  g_autoptr(GArray) kith = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hand = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 now = g_get_real_time () / 1000;
  g_autoptr(GString) days = g_string_new ("[");
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  double k50, k95, h50, h95;
  sqlite3 *db;

  for (int i = 0; i <= 14; i++)
    {
      g_autoptr(GDateTime) d = g_date_time_add_days (today, i);
      g_autofree char *md = g_date_time_format (d, "%m-%d");
      g_string_append_printf (days, "%s\"%s\"", i ? "," : "", md);
    }
  g_string_append_c (days, ']');

  sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL);
  for (int round = 0; round < 30; round++)
    {
      double t0 = now_s (), total = 0;
      g_autoptr(JsonObject) agenda = kith_agenda_compute (store, NULL, NULL, NULL);
      double ms = (now_s () - t0) * 1000;

      g_array_append_val (kith, ms);
      for (guint s = 0; s < G_N_ELEMENTS (sql); s++)
        {
          double one = run_sql (db, sql[s], days->str, now);

          if (round == 0 && g_getenv ("KITH_BENCH_VERBOSE"))
            g_print ("  hand-written section %u: %.2f ms\n", s, one);
          total += one;
        }
      g_array_append_val (hand, total);
    }
  sqlite3_close (db);

  percentiles (kith, &k50, &k95);
  percentiles (hand, &h50, &h95);
  g_print ("%-44s p50 %7.2f ms  p95 %7.2f ms   hand-written SQL p50 %7.2f ms  p95 %7.2f ms\n",
           "Agenda", k50, k95, h50, h95);
  report ("  Agenda p50", k50, "ms", "vs the same sections in hand-written SQL", "<= 50 ms, <= 3x SQL",
          k50 <= 50 && k50 <= 3 * MAX (h50, 0.5));
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "people", 0, 0, G_OPTION_ARG_INT, &n_people, "People to generate", "N" },
    { "items", 0, 0, G_OPTION_ARG_INT, &n_items, "Timeline items to generate", "N" },
    { "eds-sample", 0, 0, G_OPTION_ARG_INT, &eds_sample, "People to import into evolution-data-server", "N" },
    { "no-eds", 0, 0, G_OPTION_ARG_NONE, &skip_eds, "Skip the evolution-data-server peer", NULL },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse, "Measure queries on the database a previous run left in --dir", NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &work_dir, "Where to put the databases", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— Kith's store against its peers");
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = NULL;
  g_autoptr(GArray) people = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(JsonObject) field = NULL;
  double people_s, items_s, shell_s, eds_s = -1;
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (work_dir == NULL)
    work_dir = g_dir_make_tmp ("kith-bench-XXXXXX", NULL);
  g_mkdir_with_parents (work_dir, 0700);

  people = make_people ();
  db_path = g_build_filename (work_dir, "kith.db", NULL);
  if (reuse)
    {
      store = kith_store_open (db_path, &error);
      if (store == NULL)
        g_error ("%s", error->message);
      bench_queries (store, db_path);
      bench_agenda (store, db_path);
      return 0;
    }
  g_unlink (db_path);
  store = kith_store_open (db_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  kith_relationship_apply_preset (store, "business", NULL);
  field = json_object_new ();
  json_object_set_string_member (field, "name", "Price");
  json_object_set_string_member (field, "type", "currency");
  kith_fields_add (store, field, NULL);

  g_print ("Kith store benchmark: %d people, %d timeline items (%s)\n\n", n_people, n_items, work_dir);

  people_s = load_kith (store, people, &items_s);
  shell_s = load_sqlite_shell (people);
  if (!skip_eds && eds_sample > 0)
    eds_s = load_eds (people, MIN (eds_sample, n_people));

  g_print ("%-44s %12s %-10s %-40s %-24s %s\n", "", "figure", "unit", "peer", "goal", "");
  report ("(a) Kith: people inserted", n_people / people_s, "/s", "", "", TRUE);
  report ("(a) Kith: timeline items inserted", n_items / items_s, "/s", "", "", TRUE);
  report ("(a) Kith: total load time", people_s + items_s, "s", "", "", TRUE);
  report ("(a) sqlite3 shell, bare tables", shell_s, "s", "same rows, one transaction", "", TRUE);
  report ("(a) Kith / sqlite3 shell", (people_s + items_s) / shell_s, "x", "load time ratio", "<= 3x", (people_s + items_s) / shell_s <= 3);
  if (eds_s > 0)
    {
      double eds_rate = MIN (eds_sample, n_people) / eds_s;

      report ("(a) EDS address book import", eds_rate, "/s", "batches of 1,000", "", TRUE);
      report ("(a) Kith people / EDS import rate", (n_people / people_s) / eds_rate, "x", "insert rate ratio", ">= 20x",
              (n_people / people_s) / eds_rate >= 20);
    }

  g_print ("\n");
  bench_queries (store, db_path);
  bench_agenda (store, db_path);

  g_clear_object (&store);
  if (g_stat (db_path, &st) == 0)
    {
      g_print ("\n");
      report ("(c) database size per 1,000 people", st.st_size / (n_people / 1000.0) / 1024 / 1024, "MiB",
              "with their share of the timeline", "", TRUE);
      report ("(c) database size", st.st_size / 1024.0 / 1024.0, "MiB", "", "", TRUE);
    }

  return 0;
}
