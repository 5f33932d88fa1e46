/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithDemo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-demo.h"
#include "kith-bulk.h"
#include "kith-relationship.h"
#include "kith-store-private.h"
#include "kith-timeline-input.h"

/*
 * Realistic, deterministic demo data: the same seed gives the same records on every machine
 * (a PRNG of our own, not g_random, whose sequence is not promised).
 */

#define PROGRESS_EVERY 2000   /* rows between two progress reports */
#define DAY_MS G_GINT64_CONSTANT (86400000)

typedef struct {
  guint64 state;
} Rng;

static guint64
next (Rng *rng)
{
  /* splitmix64 */
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint
below (Rng   *rng,
       guint  n)
{
  return n == 0 ? 0 : (guint) (next (rng) % n);
}

#define PICK(rng, array) (array[below ((rng), G_N_ELEMENTS (array))])

static const char *first_names[] = {
  "Ada", "Alan", "Grace", "Charles", "Hedy", "Linus", "Margaret", "Tim", "Barbara", "Dennis",
  "Frances", "Ken", "Radia", "Vint", "Katherine", "John", "Mary", "James", "Patricia", "Robert",
  "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Susan", "Richard", "Jessica",
  "Joseph", "Sarah", "Thomas", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty",
  "Mark", "Sandra", "Paul", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Joshua", "Donna",
  "José", "Zoë", "Søren", "Łukasz", "Amélie", "Björn", "Chloé", "Mateo", "Aiko", "Priya", "Wei",
  "Fatima", "Olusegun", "Ingrid", "Mikhail", "Siobhán", "Nikolaj", "Renée", "Joaquín", "Ana",
};

static const char *last_names[] = {
  "Lovelace", "Turing", "Hopper", "Babbage", "Lamarr", "Torvalds", "Hamilton", "Berners-Lee",
  "Liskov", "Ritchie", "Allen", "Thompson", "Perlman", "Cerf", "Johnson", "Smith", "Williams",
  "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
  "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson",
  "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "King", "Wright", "Scott",
  "Müller", "Schröder", "Nørgaard", "Kowalski", "Dubois", "Johansson", "Ferreira", "Tanaka",
  "Patel", "Chen", "Okafor", "Ivanova", "O'Brien", "Van der Berg", "Núñez", "Åberg", "Kovačević",
};

static const char *company_words[] = {
  "Acme", "Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne",
  "Tyrell", "Cyberdyne", "Soylent", "Vandelay", "Pied Piper", "Aperture", "Oceanic", "Wonka",
  "Gringotts", "Monarch", "Blue Sun", "Nakatomi", "Massive Dynamic", "Dunder Mifflin", "Prestige",
  "Sterling", "Cooper", "Bluth", "Oscorp", "Rekall", "Weyland", "Zorg", "Virtucon", "Spacely",
  "Cogswell", "Krusty", "Lunar", "Harbor", "Summit", "Riverside", "Maple", "Cedar", "Granite",
};

static const char *company_kinds[] = {
  "Realty", "Homes", "Properties", "Partners", "Group", "Holdings", "Labs", "Systems", "Consulting",
  "Capital", "Logistics", "Studio", "Works", "Ventures", "Associates",
};

static const char *mail_domains[] = { "gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "posteo.de" };

static const char *headlines[] = {
  "Sales Director", "Account Executive", "CFO", "Head of Operations", "Founder", "Product Manager",
  "Software Engineer", "Office Manager", "Marketing Lead", "Procurement", "Attorney", "Loan Officer",
  "Home Inspector", "Mortgage Broker", "Property Manager", "Architect", "Teacher", "Nurse",
};

static const char *segments[] = {
  "customer", "customer", "customer", "customer", "custom1", "partner", "supplier", "friend",
  "family", "network", "investor", "advisor",
};

static const char *stages[] = { "lead", "lead", "future", "future", "current", "current", "current", "past", "out" };

static const char *tags[] = {
  "vip", "holiday-card", "newsletter", "referral-source", "first-time-buyer", "investor",
  "downsizing", "relocating", "golf", "board", "conference-2026", "needs-follow-up",
};

static const char *cities[] = {
  "Springfield", "Portland", "Austin", "Denver", "Boston", "Seattle", "Madison", "Raleigh", "Boise",
  "Berlin", "Lyon", "Copenhagen", "Kraków", "Toronto",
};

static const char *streets[] = { "Oak Street", "Maple Avenue", "Elm Road", "Cedar Lane", "Pine Court", "Birch Way", "Lake Drive" };

static const char *subjects[] = {
  "Offer on %s", "Showing this weekend at %s", "Inspection report for %s", "Next steps on %s",
  "Proposal for %s", "Contract draft: %s", "Quick question about %s", "Closing date for %s",
  "Photos of %s", "Appraisal for %s", "Follow-up on %s", "Invoice for %s",
};

static const char *bodies[] = {
  "Hi,\n\nThanks for your time today. I have attached the documents we talked about. Let me know if anything is missing.\n\nBest,",
  "Hello,\n\nCould we move our call to Thursday afternoon? Something came up on Wednesday.\n\nThanks!",
  "Good morning,\n\nThe sellers accepted the offer. We should schedule the inspection within ten days.\n\nKind regards,",
  "Hi there,\n\nJust following up on my last email. Are you still interested in seeing the property?\n\nCheers,",
  "Dear all,\n\nPlease find the updated figures below. The numbers look better than last quarter.\n\nRegards,",
  "Hey,\n\nGreat seeing you at the open house! Here is the listing I mentioned.\n\nTalk soon,",
};

static const char *notes[] = {
  "Prefers text over calls", "Looking for three bedrooms near good schools", "Budget flexible for a garden",
  "Met at the chamber of commerce breakfast", "Referred by a past client", "Wants to close before summer",
  "Allergic to cats — mention in showings", "Interested in investment properties",
};

static const char *todo_subjects[] = {
  "Call back about the offer", "Send the comparative market analysis", "Book the inspection",
  "Prepare listing photos", "Follow up on financing", "Send a thank-you card", "Confirm the closing date",
  "Ask for a review", "Schedule a check-in call", "Update the contract draft",
};

static const char *lead_sources[] = { "Zillow", "Referral", "Website", "Open house", "LinkedIn" };
static const char *features[] = { "Pool", "Garage", "Garden", "Fireplace", "Basement" };

static char *
slug (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *ascii = g_str_to_ascii (folded, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static gboolean
ensure_fields (KithStore  *store,
               GError    **error)
{
  static const struct {
    const char     *name;
    const char     *type;
    KithRecordKind  kind;
    const char     *section;
    const char     *currency;
    gboolean        remind_yearly;
    const char     *options[6];
  } definitions[] = {
    { "Lead source", "pick", KITH_RECORD_PERSON, NULL, NULL, FALSE,
      { "Zillow", "Referral", "Website", "Open house", "LinkedIn", NULL } },
    { "Price", "currency", KITH_RECORD_PERSON, "Home search", "USD", FALSE, { NULL } },
    { "Closing date", "date", KITH_RECORD_PERSON, "Home search", NULL, TRUE, { NULL } },
    { "Bedrooms", "integer", KITH_RECORD_PERSON, "Home search", NULL, FALSE, { NULL } },
    { "Must haves", "multipick", KITH_RECORD_PERSON, "Home search", NULL, FALSE,
      { "Pool", "Garage", "Garden", "Fireplace", "Basement", NULL } },
    { "Has pool", "text", KITH_RECORD_PROJECT, NULL, NULL, FALSE, { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (definitions); i++)
    {
      g_autofree char *key = g_ascii_strdown (definitions[i].name, -1);
      g_autoptr(KithFieldDefinition) definition = NULL;

      /* Idempotent: a second demo run adds records, not fields */
      g_strdelimit (key, " ", '_');
      if (kith_fields_lookup (store, key, NULL, NULL, NULL, NULL, NULL))
        continue;
      definition = g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", definitions[i].name,
                                 "field-type", definitions[i].type, "applies-to", definitions[i].kind,
                                 "section", definitions[i].section, "currency", definitions[i].currency,
                                 "remind-yearly", definitions[i].remind_yearly,
                                 "options", definitions[i].options[0] != NULL ? definitions[i].options : NULL, NULL);
      if (kith_fields_add (store, definition, error) == 0)
        return FALSE;
    }

  return TRUE;
}

static JsonArray *
string_array (const char *first,
              ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    json_array_add_string_element (array, s);
  va_end (args);

  return array;
}

/* One run of kith_demo_generate() */
typedef struct {
  KithStore            *store;
  KithBulkLoader       *loader;
  Rng                   rng;
  guint32               seed;
  gint64                now;
  GArray               *people;      /* ids, gint64 */
  GPtrArray            *emails;      /* each person's address */
  GPtrArray            *domains;     /* each company's domain */
  guint                 done;
  guint                 total;
  KithDemoProgressFunc  progress;
  gpointer              user_data;
} Demo;

static const char *me = "alex@kith.example";

/* Counts one more thing added, and tells the caller every PROGRESS_EVERY of them */
static void
count_done (Demo *d)
{
  if (++d->done % PROGRESS_EVERY == 0 && d->progress != NULL)
    d->progress (d->done, d->total, d->user_data);
}

/* A reference to a person added, picked at random */
static char *
pick_person_ref (Demo *d)
{
  return g_strdup_printf ("#%" G_GINT64_FORMAT, g_array_index (d->people, gint64, below (&d->rng, d->people->len)));
}

/* A record of the demo, as a row of the bulk path */
static gint64
add_record (Demo              *d,
            KithRecordKind     kind,
            KithRecordValues  *values,
            GError           **error)
{
  return kith_bulk_loader_add_record (d->loader, kind, values, KITH_BULK_FIELDS_SET, NULL, error);
}

static void
add_channel (KithRecordValues *values,
             KithField         field,
             const char       *value)
{
  g_ptr_array_add (kith_record_values_list (values, field), kith_record_channel_new (value, NULL, FALSE));
}

static gboolean
add_companies (Demo     *d,
               guint     n_companies,
               GError  **error)
{
  for (guint i = 0; i < n_companies; i++)
    {
      g_autoptr(KithRecordValues) company = kith_record_values_new ();
      const char *word = PICK (&d->rng, company_words);
      const char *kind = PICK (&d->rng, company_kinds);
      g_autofree char *name = i >= G_N_ELEMENTS (company_words) * G_N_ELEMENTS (company_kinds) / 4
                              ? g_strdup_printf ("%s %s %u", word, kind, i)
                              : g_strdup_printf ("%s %s", word, kind);
      g_autofree char *base = slug (name);
      g_autofree char *domain = g_strdup_printf ("%s%u.example", base, i);

      kith_record_values_set_text (company, KITH_FIELD_NAME, name);
      kith_record_values_take_strv (company, KITH_FIELD_DOMAINS, g_strdupv ((char *[]) { domain, NULL }));
      kith_record_values_set_text (company, KITH_FIELD_SEGMENT, below (&d->rng, 4) == 0 ? "partner" : "customer");
      kith_record_values_set_text (company, KITH_FIELD_STAGE, PICK (&d->rng, stages));
      if (add_record (d, KITH_RECORD_COMPANY, company, error) == 0)
        return FALSE;
      g_ptr_array_add (d->domains, g_steal_pointer (&domain));
      if (d->progress != NULL && ++d->done % 1000 == 0)
        d->progress (d->done, d->total, d->user_data);
    }

  return TRUE;
}

/* A custom value of field @key, in @values: one text, or for a multi-pick field one choice */
static void
add_custom_value (KithRecordValues *values,
                  const char       *key,
                  gboolean          multi,
                  char             *text)
{
  KithRecordCustom *c = kith_record_custom_new (key, NULL, NULL, multi);

  g_strfreev (c->values);
  c->values = g_new0 (char *, 2);
  c->values[0] = text;
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_CUSTOM_FIELDS), c);
}

/* The custom fields of a customer: what they look for in a home */
static void
customer_fields (Demo             *d,
                 KithRecordValues *person)
{
  add_custom_value (person, "lead_source", FALSE, g_strdup (PICK (&d->rng, lead_sources)));
  add_custom_value (person, "price", FALSE,
                    g_strdup_printf ("%" G_GINT64_FORMAT, 150000 + 5000 * (gint64) below (&d->rng, 300)));
  add_custom_value (person, "bedrooms", FALSE, g_strdup_printf ("%u", 1 + below (&d->rng, 5)));
  if (below (&d->rng, 3) == 0)
    add_custom_value (person, "must_haves", TRUE, g_strdup (PICK (&d->rng, features)));
  if (below (&d->rng, 4) == 0)
    {
      g_autoptr(GDateTime) base = g_date_time_new_from_unix_utc (d->now / 1000);
      g_autoptr(GDateTime) when = g_date_time_add_days (base, (int) below (&d->rng, 120) - 30);

      add_custom_value (person, "closing_date", FALSE, g_date_time_format (when, "%Y-%m-%d"));
    }
}

static void
home_address (Demo             *d,
              KithRecordValues *person)
{
  g_autofree char *street = g_strdup_printf ("%u %s", 1 + below (&d->rng, 400), PICK (&d->rng, streets));
  KithRecordAddress *address = kith_record_address_new (street);

  address->city = g_strdup (PICK (&d->rng, cities));
  address->label = g_strdup ("home");
  g_ptr_array_add (kith_record_values_list (person, KITH_FIELD_ADDRESSES), address);
}

/* Person @i, who works at one of the companies four times in five; returns their address */
static KithRecordValues *
new_person (Demo   *d,
            guint   i,
            char  **out_email)
{
  KithRecordValues *person = kith_record_values_new ();
  const char *first = PICK (&d->rng, first_names);
  const char *last = PICK (&d->rng, last_names);
  g_autofree char *first_slug = slug (first);
  g_autofree char *last_slug = slug (last);
  guint company = below (&d->rng, d->domains->len);
  gboolean works = below (&d->rng, 5) != 0;
  g_autofree char *email = works
                           ? g_strdup_printf ("%s.%s%u@%s", first_slug, last_slug, i, (char *) g_ptr_array_index (d->domains, company))
                           : g_strdup_printf ("%s%s%u@%s", first_slug, last_slug, i, PICK (&d->rng, mail_domains));
  g_autofree char *phone = g_strdup_printf ("+1 %03u 555 %04u", 200 + below (&d->rng, 700), i % 10000);
  const char *segment = PICK (&d->rng, segments);
  g_autoptr(GStrvBuilder) tag_list = g_strv_builder_new ();

  kith_record_values_set_text (person, KITH_FIELD_FIRST, first);
  kith_record_values_set_text (person, KITH_FIELD_LAST, last);
  kith_record_values_set_text (person, KITH_FIELD_HEADLINE, PICK (&d->rng, headlines));
  add_channel (person, KITH_FIELD_EMAILS, email);
  add_channel (person, KITH_FIELD_PHONES, phone);
  kith_record_values_set_text (person, KITH_FIELD_SEGMENT, segment);
  kith_record_values_set_text (person, KITH_FIELD_STAGE, PICK (&d->rng, stages));
  if (works)
    kith_record_values_set_text (person, KITH_FIELD_COMPANY, g_ptr_array_index (d->domains, company));
  if (below (&d->rng, 4) == 0)
    kith_record_values_set_text (person, KITH_FIELD_NOTES, PICK (&d->rng, notes));
  if (below (&d->rng, 3) == 0)
    home_address (d, person);
  if (below (&d->rng, 3) == 0)
    {
      g_autofree char *birthday = g_strdup_printf ("%04u-%02u-%02u", 1950 + below (&d->rng, 50),
                                                   1 + below (&d->rng, 12), 1 + below (&d->rng, 28));
      kith_record_values_set_text (person, KITH_FIELD_BIRTHDAY, birthday);
    }
  for (guint t = below (&d->rng, 3); t > 0; t--)
    g_strv_builder_add (tag_list, PICK (&d->rng, tags));
  kith_record_values_take_strv (person, KITH_FIELD_KEYWORDS, g_strv_builder_end (tag_list));
  if (g_str_equal (segment, "customer") || g_str_equal (segment, "custom1"))
    customer_fields (d, person);

  *out_email = g_steal_pointer (&email);
  return person;
}

static gboolean
add_people (Demo    *d,
            guint    n_people,
            GError **error)
{
  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *email = NULL;
      g_autoptr(KithRecordValues) person = new_person (d, i, &email);
      gint64 id = add_record (d, KITH_RECORD_PERSON, person, error);

      if (id == 0)
        return FALSE;
      g_array_append_val (d->people, id);
      g_ptr_array_add (d->emails, g_steal_pointer (&email));
      count_done (d);
    }

  return TRUE;
}

/* A list of one address */
static GPtrArray *
party_list (const char *address)
{
  GPtrArray *list = kith_party_input_list_new ();

  g_ptr_array_add (list, kith_party_input_new (address, NULL, NULL));
  return list;
}

/* Email, often in a thread with the few before it */
static void
set_email (Demo              *d,
           KithTimelineInput *item,
           guint              i,
           guint              who,
           const char        *address,
           const char        *subject)
{
  gboolean outbound = below (&d->rng, 2) == 0;

  item->message_id = g_strdup_printf ("<demo-%u-%u@kith.example>", d->seed, i);
  item->thread_id = g_strdup_printf ("<demo-thread-%u-%u@kith.example>", d->seed, who * 7 + below (&d->rng, 3));
  item->style = g_strdup ("email");
  item->from = g_strdup (outbound ? me : address);
  item->recipients = party_list (outbound ? address : me);
  item->direction = g_strdup (outbound ? "outbound" : "inbound");
  item->subject = g_strdup (subject);
  item->body = g_strdup (PICK (&d->rng, bodies));
}

static void
set_duration (KithTimelineInput *item,
              gint64             seconds)
{
  item->has_duration = TRUE;
  item->duration = seconds;
}

/* A call, meeting, text or note (by @kind, 12 to 19) with @address, at @place */
static void
set_other_interaction (Demo              *d,
                       KithTimelineInput *item,
                       guint              kind,
                       const char        *address,
                       const char        *subject,
                       const char        *place)
{
  static const char *outcomes[] = { "connected", "connected", "leftvm", "noanswer" };

  if (kind < 16)
    {
      item->style = g_strdup ("call");
      item->participants = party_list (address);
      item->subject = g_strdup (subject);
      set_duration (item, 60 * (1 + below (&d->rng, 40)));
      item->outcome = g_strdup (PICK (&d->rng, outcomes));
      item->direction = g_strdup (below (&d->rng, 2) ? "inbound" : "outbound");
    }
  else if (kind < 18)
    {
      item->style = g_strdup ("meeting");
      item->participants = party_list (address);
      item->subject = g_strdup (subject);
      item->location = g_strdup (place);
      set_duration (item, 1800 * (1 + below (&d->rng, 4)));
    }
  else if (kind < 19)
    {
      item->style = g_strdup ("text");
      item->from = g_strdup (below (&d->rng, 2) ? address : me);
      item->recipients = party_list (address);
      item->body = g_strdup ("Running 10 minutes late, see you there!");
    }
  else
    {
      item->style = g_strdup ("note");
      item->references = party_list (address);
      item->subject = g_strdup (PICK (&d->rng, notes));
    }
}

/* Interactions over the last two years, more of them recently */
static gboolean
add_interactions (Demo    *d,
                  guint    n_interactions,
                  GError **error)
{
  for (guint i = 0; i < n_interactions && d->people->len > 0; i++)
    {
      g_auto(KithTimelineInput) item = { NULL, };
      guint who = below (&d->rng, d->people->len);
      const char *address = g_ptr_array_index (d->emails, who);
      guint kind = below (&d->rng, 20);
      guint64 r = next (&d->rng);
      gint64 age = (gint64) ((r % 730) * (r % 730) / 730) * DAY_MS + (gint64) below (&d->rng, 86400) * 1000;
      g_autofree char *place = g_strdup_printf ("%u %s", 1 + below (&d->rng, 200), PICK (&d->rng, streets));
      g_autofree char *subject = g_strdup_printf (PICK (&d->rng, subjects), place);

      item.has_date = TRUE;
      item.date = d->now - age;
      if (kind < 12)
        set_email (d, &item, i, who, address, subject);
      else
        set_other_interaction (d, &item, kind, address, subject, place);

      if (kith_bulk_loader_add_timeline_item (d->loader, &item, NULL, error) == 0)
        return FALSE;
      count_done (d);
    }

  return TRUE;
}

/* Deals and properties, with the people on them */
static gboolean
add_projects (Demo    *d,
              guint    n_projects,
              GError **error)
{
  static const char *project_stages[] = { "future", "current", "current", "pending", "won", "lost" };

  for (guint i = 0; i < n_projects && d->people->len > 0; i++)
    {
      g_autoptr(KithRecordValues) project = kith_record_values_new ();
      g_autofree char *name = g_strdup_printf ("%u %s, %s", 1 + below (&d->rng, 400), PICK (&d->rng, streets), PICK (&d->rng, cities));
      KithRecordMember *member = g_new0 (KithRecordMember, 1);
      KithValue value = { .set = TRUE };

      member->id = g_array_index (d->people, gint64, below (&d->rng, d->people->len));
      kith_record_values_set_text (project, KITH_FIELD_NAME, name);
      kith_record_values_set_text (project, KITH_FIELD_STAGE, PICK (&d->rng, project_stages));
      value.real = 200000 + 10000 * (double) below (&d->rng, 100);
      kith_record_values_assign (project, KITH_FIELD_VALUE, &value);
      kith_record_values_set_text (project, KITH_FIELD_CURRENCY, "USD");
      kith_record_values_set_text (project, KITH_FIELD_TYPE, below (&d->rng, 2) ? "Sale" : "Listing");
      kith_record_values_set_text (project, KITH_FIELD_SUMMARY, PICK (&d->rng, notes));
      g_ptr_array_add (kith_record_values_list (project, KITH_FIELD_ADDRESS), kith_record_address_new (name));
      g_ptr_array_add (kith_record_values_list (project, KITH_FIELD_PARTICIPANTS), member);
      if (add_record (d, KITH_RECORD_PROJECT, project, error) == 0)
        return FALSE;
    }

  return TRUE;
}

/* To-dos: overdue, today, this week, later, someday */
static gboolean
add_todos (Demo    *d,
           guint    n_todos,
           GError **error)
{
  for (guint i = 0; i < n_todos && d->people->len > 0; i++)
    {
      g_autoptr(JsonObject) todo = json_object_new ();
      int offset = (int) below (&d->rng, 30) - 5;
      g_autofree char *ref = pick_person_ref (d);

      json_object_set_string_member (todo, "subject", PICK (&d->rng, todo_subjects));
      if (below (&d->rng, 6) == 0)
        json_object_set_string_member (todo, "when", "someday");
      else
        {
          g_autoptr(GDateTime) base = g_date_time_new_from_unix_local (d->now / 1000);
          g_autoptr(GDateTime) day = g_date_time_add_days (base, offset);
          g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

          json_object_set_string_member (todo, "when", text);
        }
      json_object_set_array_member (todo, "participants", string_array (ref, NULL));
      if (kith_store_add_todo (d->store, todo, error) == 0)
        return FALSE;
      d->done++;
    }

  return TRUE;
}

/**
 * kith_demo_generate:
 * @n_people: people to add; companies are added too, one for about twenty people
 * @n_interactions: timeline items (emails in threads, calls, meetings, texts, notes)
 * @seed: the same seed gives the same data
 *
 * Fills @store with realistic demo data: records and timeline items through the bulk path
 * (kith-bulk.h), to-dos through the store's API, in large transactions.
 */
gboolean
kith_demo_generate (KithStore            *store,
                    guint                 n_people,
                    guint                 n_interactions,
                    guint32               seed,
                    KithDemoProgressFunc  progress,
                    gpointer              user_data,
                    GError              **error)
{
  g_autofree char *preset = NULL;
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KithBulkLoader) loader = NULL;
  guint n_companies = MAX (1, n_people / 20);
  gboolean loaded;
  Demo d = {
    .store = store,
    .rng = { ((guint64) seed << 32) ^ G_GUINT64_CONSTANT (0x4b697468) },
    .seed = seed,
    .people = people,
    .emails = emails,
    .domains = domains,
    .total = n_companies + n_people + n_interactions + n_people / 10,
    .progress = progress,
    .user_data = user_data,
  };

  g_return_val_if_fail (KITH_IS_STORE (store), FALSE);

  d.now = kith_store_now (store);
  preset = kith_relationship_dup_preset (store);
  if (preset == NULL && !kith_relationship_apply_preset (store, "realestate", error))
    return FALSE;
  if (!kith_store_set_setting (store, "me", me, error) || !ensure_fields (store, error))
    return FALSE;

  /* Records and items through the bulk path, in its batches, set for it as an import is
   * (kith_store_hold_bulk ()); a failure rolls back the open one */
  d.loader = loader = kith_bulk_loader_new (store);
  kith_store_hold_bulk (store);
  loaded = add_companies (&d, n_companies, error) &&
           add_people (&d, n_people, error) &&
           add_interactions (&d, n_interactions, error) &&
           add_projects (&d, n_people / 40, error) &&
           kith_bulk_loader_finish (loader, error);
  kith_store_release_bulk (store);
  if (!loaded)
    return FALSE;

  if (!kith_store_begin (store, error))
    return FALSE;
  if (!add_todos (&d, n_people / 10, error))
    {
      kith_store_rollback (store);
      return FALSE;
    }
  if (!kith_store_commit (store, error))
    return FALSE;
  if (progress != NULL)
    progress (d.total, d.total, user_data);

  return TRUE;
}
