/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

static const char *full_person =
  "{\"name\": \"Ada Lovelace\", \"headline\": \"Analyst\", \"picture\": \"file:///tmp/ada.png\","
  " \"private\": true, \"notes\": \"Met at the Analytical Society\", \"role\": \"Mathematician\","
  " \"department\": \"Research\", \"leadSource\": \"Referral\", \"birthday\": \"1815-12-10\","
  " \"assignee\": \"Me@Kith.Example\", \"cadence\": 45,"
  " \"segment\": \"customer\", \"stage\": \"future\","
  " \"keywords\": [\"vip\", \"holiday-card\"],"
  " \"emails\": [{\"value\": \"Ada@Example.com\", \"work\": true, \"preferred\": true},"
  "              {\"value\": \"ada@home.example\", \"home\": true}],"
  " \"phones\": [{\"value\": \"(415) 555-2671\", \"mobile\": true}],"
  " \"faxes\": [{\"value\": \"+44 20 7946 0958\"}],"
  " \"urls\": [{\"value\": \"https://ada.example\"}],"
  " \"addresses\": [{\"street\": \"12 St James's Square\", \"city\": \"London\", \"state\": \"LDN\","
  "                  \"country\": \"GB\", \"postal\": \"SW1Y 4JH\", \"home\": true, \"lat\": 51.507, \"lng\": -0.135}],"
  " \"appLinks\": [{\"source\": \"Salesforce.com\", \"uniqueid\": \"006j000000AbCd\", \"label\": \"Salesforce\","
  "                 \"url\": \"https://example.my.salesforce.com/006j000000AbCd\"}],"
  " \"twitter\": \"@AdaL\", \"facebook\": \"ada.lovelace\", \"linkedin\": \"in/ada\","
  " \"anniversaries\": [{\"label\": \"Wedding\", \"date\": \"1835-07-08\"}],"
  " \"company\": \"Analytical Engines Ltd\"}";

static void
assert_member_str (JsonObject *obj,
                   const char *member,
                   const char *expected)
{
  g_assert_true (json_object_has_member (obj, member));
  g_assert_cmpstr (json_object_get_string_member (obj, member), ==, expected);
}

static void
test_person_round_trip (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *a;
  JsonObject *o;
  gint64 id;

  id = kith_test_create (t, KITH_RECORD_PERSON, full_person);
  rec = kith_store_get_record (t->store, id, &error);
  g_assert_no_error (error);

  assert_member_str (rec, "kind", "person");
  assert_member_str (rec, "name", "Ada Lovelace");
  assert_member_str (rec, "first", "Ada");
  assert_member_str (rec, "last", "Lovelace");
  assert_member_str (rec, "headline", "Analyst");
  assert_member_str (rec, "picture", "file:///tmp/ada.png");
  g_assert_true (json_object_get_boolean_member (rec, "private"));
  assert_member_str (rec, "notes", "Met at the Analytical Society");
  assert_member_str (rec, "role", "Mathematician");
  assert_member_str (rec, "department", "Research");
  assert_member_str (rec, "leadSource", "Referral");
  assert_member_str (rec, "birthday", "1815-12-10");
  assert_member_str (rec, "assignee", "me@kith.example");
  g_assert_cmpint (json_object_get_int_member (rec, "cadence"), ==, 45);
  assert_member_str (rec, "segment", "customer");
  assert_member_str (rec, "stage", "future");
  assert_member_str (rec, "twitter", "@AdaL");
  assert_member_str (rec, "facebook", "ada.lovelace");
  assert_member_str (rec, "linkedin", "in/ada");
  assert_member_str (rec, "company", "Analytical Engines Ltd");
  g_assert_cmpint (json_object_get_int_member (rec, "firstSeen"), ==, t->now);
  g_assert_nonnull (json_object_get_string_member (rec, "syncKey"));

  a = json_object_get_array_member (rec, "keywords");
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (a, 0), ==, "holiday-card");
  g_assert_cmpstr (json_array_get_string_element (a, 1), ==, "vip");

  a = json_object_get_array_member (rec, "emails");
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  o = json_array_get_object_element (a, 0);
  assert_member_str (o, "value", "Ada@Example.com");
  g_assert_true (json_object_get_boolean_member (o, "work"));
  g_assert_true (json_object_get_boolean_member (o, "preferred"));
  o = json_array_get_object_element (a, 1);
  g_assert_true (json_object_get_boolean_member (o, "home"));

  a = json_object_get_array_member (rec, "phones");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  o = json_array_get_object_element (a, 0);
  assert_member_str (o, "value", "(415) 555-2671");
  g_assert_true (json_object_get_boolean_member (o, "mobile"));

  a = json_object_get_array_member (rec, "faxes");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  a = json_object_get_array_member (rec, "urls");
  assert_member_str (json_array_get_object_element (a, 0), "value", "https://ada.example");

  a = json_object_get_array_member (rec, "addresses");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  o = json_array_get_object_element (a, 0);
  assert_member_str (o, "street", "12 St James's Square");
  assert_member_str (o, "city", "London");
  assert_member_str (o, "state", "LDN");
  assert_member_str (o, "country", "GB");
  assert_member_str (o, "postal", "SW1Y 4JH");
  g_assert_true (json_object_get_boolean_member (o, "home"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "lat"), 51.507, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "lng"), -0.135, 1e-9);

  a = json_object_get_array_member (rec, "appLinks");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  o = json_array_get_object_element (a, 0);
  assert_member_str (o, "source", "salesforce.com");
  assert_member_str (o, "uniqueid", "006j000000AbCd");
  assert_member_str (o, "label", "Salesforce");

  a = json_object_get_array_member (rec, "anniversaries");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  assert_member_str (json_array_get_object_element (a, 0), "label", "Wedding");
  assert_member_str (json_array_get_object_element (a, 0), "date", "1835-07-08");

  /* The company was created by name */
  g_assert_cmpint (kith_store_get_record_kind (t->store, json_object_get_int_member (rec, "companyId")),
                   ==, KITH_RECORD_COMPANY);
}

static void
test_company_and_project_round_trip (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) company = NULL;
  g_autoptr(JsonObject) project = NULL;
  gint64 company_id, project_id, ada;
  JsonArray *a;

  company_id = kith_test_create (t, KITH_RECORD_COMPANY,
                                 "{\"name\": \"Acme\", \"description\": \"Anvils\","
                                 " \"domains\": [\"https://www.Acme.com/about\"],"
                                 " \"emails\": [\"info@acme.com\"], \"phones\": [\"+1 212 555 0100\"],"
                                 " \"segment\": \"supplier\", \"stage\": \"current\", \"keywords\": [\"tools\"],"
                                 " \"addresses\": [{\"city\": \"Phoenix\", \"work\": true}]}");
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"], \"company\": \"acme.com\"}");
  project_id = kith_test_create (t, KITH_RECORD_PROJECT,
                                 "{\"name\": \"12 Oak Street\", \"summary\": \"Three bedrooms\","
                                 " \"stage\": \"pending\", \"start\": \"2026-01-15\", \"end\": \"2026-03-01\","
                                 " \"value\": 525000.5, \"currency\": \"usd\", \"type\": \"Sale\","
                                 " \"forecast\": \"best case\", \"leadSource\": \"Zillow\","
                                 " \"address\": {\"street\": \"12 Oak Street\", \"city\": \"Springfield\"},"
                                 " \"participants\": [\"ada@acme.com\"], \"dealTeam\": [\"acme.com\"]}");

  company = kith_store_get_record (t->store, company_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (company, "description"), ==, "Anvils");
  a = json_object_get_array_member (company, "domains");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (a, 0), ==, "https://www.Acme.com/about");
  g_assert_cmpstr (json_object_get_string_member (company, "stage"), ==, "current");

  /* "company": "acme.com" found the company by its domain rather than making another */
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_COMPANY, "", NULL), ==, 1);
  {
    g_autoptr(JsonObject) person = kith_store_get_record (t->store, ada, NULL);
    g_assert_cmpint (json_object_get_int_member (person, "companyId"), ==, company_id);
  }

  project = kith_store_get_record (t->store, project_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (project, "kind"), ==, "project");
  g_assert_cmpstr (json_object_get_string_member (project, "summary"), ==, "Three bedrooms");
  g_assert_cmpstr (json_object_get_string_member (project, "segment"), ==, "project");
  g_assert_cmpstr (json_object_get_string_member (project, "stage"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (project, "start"), ==, "2026-01-15");
  g_assert_cmpstr (json_object_get_string_member (project, "end"), ==, "2026-03-01");
  g_assert_cmpfloat (json_object_get_double_member (project, "value"), ==, 525000.5);
  g_assert_cmpstr (json_object_get_string_member (project, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (project, "type"), ==, "Sale");
  g_assert_cmpstr (json_object_get_string_member (project, "forecast"), ==, "bestcase");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (project, "address"), "city"),
                   ==, "Springfield");
  a = json_object_get_array_member (project, "participants");
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "id"), ==, ada);
  a = json_object_get_array_member (project, "dealTeam");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (a, 0), "id"), ==, company_id);
}

static void
test_names (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  gint64 id;

  id = kith_test_create (t, KITH_RECORD_PERSON, "{\"first\": \"Søren\", \"last\": \"Kierkegaard\"}");
  a = kith_store_get_record (t->store, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (a, "name"), ==, "Søren Kierkegaard");

  id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Mary Ann Evans\"}");
  b = kith_store_get_record (t->store, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (b, "first"), ==, "Mary Ann");
  g_assert_cmpstr (json_object_get_string_member (b, "last"), ==, "Evans");
}

typedef struct {
  const char     *json;
  KithRecordKind  kind;
  const char     *in_message;
} BadInput;

static void
test_bad_input_changes_nothing (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *before = NULL;
  g_autofree char *overlong = NULL;
  g_autofree char *overlong_json = NULL;
  static const BadInput cases[] = {
    { "{\"name\": \"Bob\", \"emails\": [\"bob@\"]}", KITH_RECORD_PERSON, "bob@" },
    { "{\"name\": \"Bob\", \"emails\": [\"bob at example.com\"]}", KITH_RECORD_PERSON, "bob at example.com" },
    { "{\"name\": \"Bob\", \"phones\": [\"call me maybe\"]}", KITH_RECORD_PERSON, "call me maybe" },
    { "{\"name\": \"Bob\", \"phones\": [\"12\"]}", KITH_RECORD_PERSON, "12" },
    { "{\"name\": \"Bob\", \"stage\": \"sleepy\"}", KITH_RECORD_PERSON, "sleepy" },
    { "{\"name\": \"Bob\", \"segment\": \"aliens\"}", KITH_RECORD_PERSON, "aliens" },
    { "{\"name\": \"Bob\", \"stage\": \"pending\"}", KITH_RECORD_PERSON, "pending" },
    { "{\"name\": \"Bob\", \"birthday\": \"1990-02-30\"}", KITH_RECORD_PERSON, "1990-02-30" },
    { "{\"name\": \"Bob\", \"favourite\": \"colour\"}", KITH_RECORD_PERSON, "favourite" },
    { "{\"name\": \"Bob\", \"value\": 12}", KITH_RECORD_PERSON, "value" },
    { "{\"name\": \"\"}", KITH_RECORD_PERSON, "name" },
    { "{\"headline\": \"no name\"}", KITH_RECORD_PERSON, "name" },
    { "{\"name\": \"Bob\", \"keywords\": \"vip\"}", KITH_RECORD_PERSON, "keywords" },
    { "{\"name\": \"Bob\", \"customFields\": [{\"id\": \"nope\", \"value\": 1}]}", KITH_RECORD_PERSON, "nope" },
    { "{\"name\": \"Bob\", \"appLinks\": [{\"source\": \"not a domain\", \"uniqueid\": \"1\"}]}", KITH_RECORD_PERSON, "not a domain" },
    { "{\"name\": \"Bob\", \"addresses\": [{\"lat\": 100, \"lng\": 0}]}", KITH_RECORD_PERSON, "100" },
    { "{\"name\": \"Deal\", \"value\": \"lots\"}", KITH_RECORD_PROJECT, "lots" },
    { "{\"name\": \"Deal\", \"currency\": \"dollars\"}", KITH_RECORD_PROJECT, "dollars" },
    { "{\"name\": \"Deal\", \"forecast\": \"maybe\"}", KITH_RECORD_PROJECT, "maybe" },
    { "{\"name\": \"Deal\", \"participants\": [\"nobody@example.com\"]}", KITH_RECORD_PROJECT, "nobody@example.com" },
    { "{\"name\": \"Acme\"}", KITH_RECORD_COMPANY, "domain" },
    { "{\"name\": \"Acme\", \"domains\": [\"not_a_domain\"]}", KITH_RECORD_COMPANY, "not_a_domain" },
  };

  kith_test_create (t, KITH_RECORD_PERSON, full_person);
  before = kith_test_dump (t);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) obj = kith_test_json (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      gint64 id;

      g_test_message ("case %u: %s", i, cases[i].json);
      id = kith_store_create_record (t->store, cases[i].kind, obj, NULL, &error);
      g_assert_cmpint (id, ==, 0);
      g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
      g_test_message ("  → %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));

      after = kith_test_dump (t);
      g_assert_cmpstr (before, ==, after);
    }

  /* Invalid UTF-8 cannot come through json-glib's parser, but can through the API */
  {
    g_autoptr(JsonObject) obj = json_object_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    json_object_set_string_member (obj, "name", "Bad \xff\xfe name");
    g_assert_cmpint (kith_store_create_record (t->store, KITH_RECORD_PERSON, obj, NULL, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
    after = kith_test_dump (t);
    g_assert_cmpstr (before, ==, after);
  }

  /* Overlong text */
  overlong = g_strnfill (70 * 1024, 'x');
  overlong_json = g_strdup_printf ("{\"name\": \"Bob\", \"headline\": \"%s\"}", overlong);
  {
    g_autoptr(JsonObject) obj = kith_test_json (overlong_json);
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    g_assert_cmpint (kith_store_create_record (t->store, KITH_RECORD_PERSON, obj, NULL, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "headline"));
    g_assert_nonnull (strstr (error->message, "too long"));
    after = kith_test_dump (t);
    g_assert_cmpstr (before, ==, after);
  }
}

static gint64
create_merged (KithTestStore *t,
               const char    *json,
               gboolean      *merged)
{
  g_autoptr(JsonObject) obj = kith_test_json (json);
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_create_record (t->store, KITH_RECORD_PERSON, obj, merged, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_sync_keys_merge_on_create (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) rec = NULL;
  gboolean merged = FALSE;
  gint64 ada, id;

  ada = kith_test_create (t, KITH_RECORD_PERSON, full_person);

  /* Emails are case-folded */
  id = create_merged (t, "{\"name\": \"A. Lovelace\", \"emails\": [\"  ADA@example.COM \"], \"keywords\": [\"newsletter\"]}", &merged);
  g_assert_cmpint (id, ==, ada);
  g_assert_true (merged);

  /* Phones match in E.164, whatever the notation — with the same name (any case, any accents) */
  id = create_merged (t, "{\"name\": \"ada lovelace\", \"phones\": [\"+1 415-555-2671\"]}", &merged);
  g_assert_cmpint (id, ==, ada);
  g_assert_true (merged);

  /* Social handles ignore "@" and case */
  id = create_merged (t, "{\"name\": \"Ada Lovelacé\", \"twitter\": \"adal\"}", &merged);
  g_assert_cmpint (id, ==, ada);

  /* App links: lower-case app id + unique id */
  id = create_merged (t, "{\"name\": \"Ada\", \"appLinks\": [{\"source\": \"SALESFORCE.COM\", \"uniqueid\": \"006j000000AbCd\"}]}", &merged);
  g_assert_cmpint (id, ==, ada);

  /* A different unique id is someone else */
  id = create_merged (t, "{\"name\": \"Charles Babbage\", \"appLinks\": [{\"source\": \"salesforce.com\", \"uniqueid\": \"006j000000XyZ\"}]}", &merged);
  g_assert_cmpint (id, !=, ada);
  g_assert_false (merged);

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);

  /* The match kept the name and added the tag */
  rec = kith_store_get_record (t->store, ada, NULL);
  g_assert_cmpstr (json_object_get_string_member (rec, "name"), ==, "Ada Lovelace");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "keywords")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "emails")), ==, 2);

  /* Companies match by domain */
  {
    g_autoptr(JsonObject) c1 = kith_test_json ("{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");
    g_autoptr(JsonObject) c2 = kith_test_json ("{\"name\": \"ACME Inc.\", \"domains\": [\"http://WWW.ACME.COM\"]}");
    gint64 a = kith_store_create_record (t->store, KITH_RECORD_COMPANY, c1, NULL, NULL);
    gint64 b = kith_store_create_record (t->store, KITH_RECORD_COMPANY, c2, &merged, NULL);

    g_assert_cmpint (a, >, 0);
    g_assert_cmpint (a, ==, b);
    g_assert_true (merged);
  }
}

/* A phone number or handle names a person only with their name: a couple sharing a home phone
 * are two people, however they are created or edited */
static void
test_shared_phone (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) share = NULL;
  g_autoptr(JsonObject) rec = NULL;
  gboolean merged = TRUE;
  gint64 pat, sam, alex, id;

  pat = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Pat Smith\", \"phones\": [\"+1 415 555 0100\"],"
                                                 " \"twitter\": \"@smiths\"}");

  /* Same phone, or same handle, another name: someone else */
  sam = create_merged (t, "{\"name\": \"Sam Smith\", \"phones\": [\"(415) 555-0100\"]}", &merged);
  g_assert_cmpint (sam, !=, pat);
  g_assert_false (merged);
  id = create_merged (t, "{\"name\": \"Jo Smith\", \"twitter\": \"smiths\"}", &merged);
  g_assert_cmpint (id, !=, pat);
  g_assert_cmpint (id, !=, sam);
  g_assert_false (merged);
  /* A phone alone, with no name, names nobody: a new person needs a name */
  {
    g_autoptr(JsonObject) nameless = kith_test_json ("{\"phones\": [\"+14155550100\"]}");

    g_assert_cmpint (kith_store_create_record (t->store, KITH_RECORD_PERSON, nameless, NULL, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Same phone and same name: the same person */
  id = create_merged (t, "{\"name\": \"PAT SMITH\", \"phones\": [\"+14155550100\"], \"keywords\": [\"neighbour\"]}", &merged);
  g_assert_cmpint (id, ==, pat);
  g_assert_true (merged);
  /* also written with two spaces */
  id = create_merged (t, "{\"name\": \"Pat  Smith\", \"phones\": [\"+14155550100\"]}", &merged);
  g_assert_cmpint (id, ==, pat);
  g_assert_true (merged);

  /* Giving someone a phone another person has is no conflict */
  alex = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Alex Smith\", \"emails\": [\"alex@example.com\"]}");
  share = kith_test_json ("{\"phones\": [\"+1 415 555 0100\"], \"twitter\": \"smiths\"}");
  g_assert_true (kith_store_update_record (t->store, alex, share, &error));
  g_assert_no_error (error);
  rec = kith_store_get_record (t->store, alex, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "phones")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (rec, "twitter"), ==, "smiths");
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 4);

  /* A number several people share names none of them alone; a call from it with a name is
   * filed under that person */
  {
    g_autoptr(GError) shared = NULL;

    g_assert_cmpint (kith_store_lookup (t->store, "+14155550100", &shared), ==, 0);
    g_assert_error (shared, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
    /* The message says why, instead of that nobody has it */
    g_assert_nonnull (strstr (shared->message, "“+14155550100” belongs to 3 records"));
  }
  /* and so does a to-do with it */
  {
    g_autoptr(JsonObject) todo = kith_test_json ("{\"subject\": \"Call back\", \"participants\": [\"+14155550100\"]}");
    g_autoptr(GError) shared = NULL;

    g_assert_cmpint (kith_store_add_todo (t->store, todo, &shared), ==, 0);
    g_assert_nonnull (shared);
    g_assert_nonnull (strstr (shared->message, "“+14155550100” belongs to 3 records"));
  }
  {
    g_autoptr(JsonObject) call = kith_test_json ("{\"style\": \"call\", \"date\": \"2026-05-01T00:00:00Z\","
                                                 " \"participants\": [{\"value\": \"+14155550100\", \"name\": \"Sam Smith\"}]}");
    g_autoptr(JsonArray) timeline = NULL;

    g_assert_cmpint (kith_store_add_timeline_item (t->store, call, NULL, &error), >, 0);
    g_assert_no_error (error);
    timeline = kith_test_get_timeline (t->store, sam, 0, 10, NULL);
    g_assert_cmpuint (json_array_get_length (timeline), ==, 1);
    g_clear_pointer (&timeline, json_array_unref);
    timeline = kith_test_get_timeline (t->store, pat, 0, 10, NULL);
    g_assert_cmpuint (json_array_get_length (timeline), ==, 0);
  }

  /* Emails still identify on their own, whatever the name */
  id = create_merged (t, "{\"name\": \"A. Smith\", \"emails\": [\"ALEX@example.com\"]}", &merged);
  g_assert_cmpint (id, ==, alex);
  g_assert_true (merged);

  /* The two who share a phone are merge candidates for each other */
  {
    g_autoptr(GArray) ids = kith_store_find_merge_candidates (t->store, sam, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
  }
}

static void
test_lookup (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_ref = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, full_person);
  gint64 acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");

  rec = kith_store_get_record (t->store, ada, NULL);
  id_ref = g_strdup_printf ("#%" G_GINT64_FORMAT, ada);

  g_assert_cmpint (kith_store_lookup (t->store, "ADA@example.com", NULL), ==, ada);
  g_assert_cmpint (kith_store_lookup (t->store, "+14155552671", NULL), ==, ada);
  g_assert_cmpint (kith_store_lookup (t->store, "415.555.2671", NULL), ==, ada);
  g_assert_cmpint (kith_store_lookup (t->store, "twitter:AdaL", NULL), ==, ada);
  g_assert_cmpint (kith_store_lookup (t->store, "salesforce.com:006j000000AbCd", NULL), ==, ada);
  g_assert_cmpint (kith_store_lookup (t->store, json_object_get_string_member (rec, "syncKey"), NULL), ==, ada);
  g_assert_cmpint (kith_store_lookup (t->store, id_ref, NULL), ==, ada);
  g_assert_cmpint (kith_store_lookup (t->store, "www.acme.com", NULL), ==, acme);
  /* "#" and digits only, as a to-do's or deal's participant too */
  {
    static const char *not_ids[] = { "# 1", "#+1", "#-1", "#1x", "#", "# 2" };

    g_assert_cmpint (ada, ==, 1);
    for (guint i = 0; i < G_N_ELEMENTS (not_ids); i++)
      g_assert_cmpint (kith_store_lookup (t->store, not_ids[i], NULL), ==, 0);
  }

  g_assert_cmpint (kith_store_lookup (t->store, "nobody@example.com", &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nobody@example.com"));
}

static void
test_update_and_conflict (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonObject) steal = NULL;
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ada, bob;

  ada = kith_test_create (t, KITH_RECORD_PERSON, full_person);
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [\"bob@example.com\"]}");

  t->now += 1000;
  patch = kith_test_json ("{\"headline\": null, \"emails\": [\"ada@new.example\"], \"keywords\": []}");
  g_assert_true (kith_store_update_record (t->store, ada, patch, &error));
  g_assert_no_error (error);

  rec = kith_store_get_record (t->store, ada, NULL);
  g_assert_false (json_object_has_member (rec, "headline"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "emails")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rec, "keywords")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (rec, "lastChanged"), ==, t->now);
  /* The old address no longer finds her */
  g_assert_cmpint (kith_store_lookup (t->store, "ada@example.com", NULL), ==, 0);

  /* Taking another person's email is a conflict, and changes nothing */
  before = kith_test_dump (t);
  steal = kith_test_json ("{\"name\": \"Ada L.\", \"emails\": [\"BOB@example.com\"]}");
  g_assert_false (kith_store_update_record (t->store, ada, steal, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bob"));
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (kith_store_lookup (t->store, "bob@example.com", NULL), ==, bob);

  g_clear_error (&error);
  g_assert_false (kith_store_update_record (t->store, 999999, patch, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

static void
test_delete (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, full_person);

  g_assert_true (kith_store_delete_record (t->store, ada, &error));
  g_assert_no_error (error);
  g_assert_null (kith_store_get_record (t->store, ada, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (kith_store_lookup (t->store, "ada@example.com", NULL), ==, 0);

  /* Her email is free again */
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Again\", \"emails\": [\"ada@example.com\"]}");

  g_assert_false (kith_store_delete_record (t->store, ada, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

static char *
copied_file_path (KithTestStore *t,
                  gint64         id)
{
  g_autoptr(GListModel) files = kith_store_list_files (t->store, id, NULL);
  g_autoptr(KithFile) attached = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
  attached = g_list_model_get_item (files, 0);
  file = g_file_new_for_uri (kith_file_get_uri (attached));
  return g_file_get_path (file);
}

/* Several records deleted in one transaction, a record named twice once, and brought back as
 * they were by one undo; a record that is not there, none or too many: nothing is deleted */
static void
test_delete_several_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *before = NULL, *after = NULL, *refused = NULL;
  gint64 ada, bob, cid, undo_id;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@example.com\"], \"keywords\": [\"vip\"]}");
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [\"bob@example.com\"]}");
  cid = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Cid Co\", \"domains\": [\"cid.example\"]}");
  kith_test_add (t, "item", "{\"style\": \"email\", \"date\": \"2026-05-01T00:00:00Z\", \"from\": \"ada@example.com\","
                          " \"recipients\": [\"bob@example.com\"], \"subject\": \"Notes\"}");
  before = kith_test_dump (t);

  /* Refused whole */
  {
    gint64 with_missing[] = { ada, cid + 100 };

    g_assert_cmpint (kith_store_delete_records_with_undo (t->store, with_missing, 2, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_cmpint (kith_store_delete_records_with_undo (t->store, &ada, 0, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  for (gint64 id = 1; id <= KITH_MAX_DELETED_AT_ONCE + 1; id++)
    g_array_append_val (many, id);
  g_assert_cmpint (kith_store_delete_records_with_undo (t->store, (gint64 *) (gpointer) many->data, many->len, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  refused = kith_test_dump (t);
  g_assert_cmpstr (refused, ==, before);

  {
    gint64 ids[] = { ada, cid, ada };

    t->now += 1000;
    undo_id = kith_store_delete_records_with_undo (t->store, ids, G_N_ELEMENTS (ids), &error);
    g_assert_no_error (error);
    g_assert_cmpint (undo_id, >, 0);
  }
  g_assert_cmpint (kith_store_get_record_kind (t->store, ada), ==, KITH_RECORD_KIND_INVALID);
  g_assert_cmpint (kith_store_get_record_kind (t->store, cid), ==, KITH_RECORD_KIND_INVALID);
  g_assert_cmpint (kith_store_get_record_kind (t->store, bob), ==, KITH_RECORD_PERSON);
  g_assert_cmpint (kith_store_lookup (t->store, "ada@example.com", NULL), ==, 0);

  g_assert_true (kith_store_undo (t->store, undo_id, &error));
  g_assert_no_error (error);
  after = kith_test_dump (t);
  g_assert_cmpstr (after, ==, before);
}

/* Undo brings a deleted person back exactly: same id, every field, files on disk, shared to-dos,
 * timeline, deals and audit log */
static void
test_delete_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *source = g_build_filename (t->dir, "contract.pdf", NULL);
  g_autoptr(GFile) source_file = g_file_new_for_path (source);
  g_autoptr(GSList) files = NULL;
  g_autofree char *person_before = NULL, *person_after = NULL;
  g_autofree char *bob_before = NULL, *bob_after = NULL;
  g_autofree char *deal_before = NULL, *deal_after = NULL;
  g_autofree char *acme_before = NULL, *acme_after = NULL;
  g_autofree char *copy = NULL;
  gint64 acme, ada, bob, deal, undo_id, newcomer;

  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  {
    g_autoptr(KithFieldDefinition) field = kith_field_definition_new (KITH_RECORD_PERSON, "Budget", "integer");
    g_assert_cmpint (kith_fields_add (t->store, field, &error), >, 0);
  }
  acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");
  ada = kith_test_create (t, KITH_RECORD_PERSON, full_person);
  {
    g_autoptr(JsonObject) patch = kith_test_json ("{\"company\": \"acme.com\", \"stage\": \"current\","
                                                  " \"customFields\": [{\"id\": \"budget\", \"value\": 900000}]}");
    t->now += 1000;
    g_assert_true (kith_store_update_record (t->store, ada, patch, &error));
  }
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [\"bob@example.com\"]}");
  deal = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Engine\", \"participants\": [\"ada@example.com\", \"bob@example.com\"],"
                                                   " \"dealTeam\": [\"ada@example.com\"]}");
  kith_test_add (t, "item", "{\"style\": \"email\", \"date\": \"2026-05-01T00:00:00Z\", \"from\": \"ada@example.com\","
                          " \"recipients\": [\"bob@example.com\"], \"subject\": \"Engine notes\"}");
  kith_test_add (t, "item", "{\"style\": \"call\", \"date\": \"2026-06-01T00:00:00Z\", \"participants\": [\"+14155552671\"], \"subject\": \"Call\"}");
  kith_test_add (t, "todo", "{\"subject\": \"Send the contract\", \"participants\": [\"ada@example.com\", \"bob@example.com\"]}");

  g_assert_true (g_file_set_contents (source, "%PDF-1.4", -1, NULL));
  files = g_slist_prepend (NULL, source_file);
  result = kith_files_attach (t->store, ada, files, KITH_FILES_COPY, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, 1);
  copy = copied_file_path (t, ada);

  person_before = kith_test_dump_record (t, ada);
  bob_before = kith_test_dump_record (t, bob);
  deal_before = kith_test_dump_record (t, deal);
  acme_before = kith_test_dump_record (t, acme);

  t->now += 1000;
  undo_id = kith_store_delete_record_with_undo (t->store, ada, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo_id, >, 0);
  g_assert_cmpint (kith_store_get_record_kind (t->store, ada), ==, KITH_RECORD_KIND_INVALID);
  g_assert_cmpint (kith_store_lookup (t->store, "ada@example.com", NULL), ==, 0);
  /* The copy waits on disk while the delete can be undone */
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* Someone created meanwhile gets an id of their own, not hers */
  newcomer = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Newcomer\"}");
  g_assert_cmpint (newcomer, !=, ada);

  g_assert_true (kith_store_undo (t->store, undo_id, &error));
  g_assert_no_error (error);

  person_after = kith_test_dump_record (t, ada);
  bob_after = kith_test_dump_record (t, bob);
  deal_after = kith_test_dump_record (t, deal);
  acme_after = kith_test_dump_record (t, acme);
  g_assert_cmpstr (person_after, ==, person_before);
  g_assert_cmpstr (bob_after, ==, bob_before);
  g_assert_cmpstr (deal_after, ==, deal_before);
  g_assert_cmpstr (acme_after, ==, acme_before);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpint (kith_store_lookup (t->store, "+14155552671", NULL), ==, ada);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "lovelace", NULL), ==, 1);

  /* The newest record's id is not handed out again while its delete can be undone */
  {
    gint64 last = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Last One\"}");
    gint64 last_undo = kith_store_delete_record_with_undo (t->store, last, &error);
    gint64 next = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Next One\"}");

    g_assert_cmpint (last_undo, >, 0);
    g_assert_cmpint (next, >, last);
    g_assert_true (kith_store_undo (t->store, last_undo, &error));
    g_assert_no_error (error);
    g_assert_cmpint (kith_store_get_record_kind (t->store, last), ==, KITH_RECORD_PERSON);
  }

  /* Undone once; not twice */
  g_assert_false (kith_store_undo (t->store, undo_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A delete made final takes the copy of the file with it */
  undo_id = kith_store_delete_record_with_undo (t->store, ada, &error);
  g_assert_cmpint (undo_id, >, 0);
  g_assert_true (kith_store_forget_undo (t->store, undo_id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (kith_store_undo (t->store, undo_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* Kith closed while a delete could still be undone: opened again within the hour, the delete can
 * still be undone; opened later, it is final, and the copies of the person's files are gone
 * without waiting for another delete */
static void
test_delete_undo_after_restart (void)
{
  for (guint late = 0; late <= 1; late++)
    {
      g_autoptr(KithTestStore) t = kith_test_store_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) result = NULL;
      g_autofree char *source = g_build_filename (t->dir, "contract.pdf", NULL);
      g_autoptr(GFile) source_file = g_file_new_for_path (source);
      g_autoptr(GSList) files = g_slist_prepend (NULL, source_file);
      g_autofree char *copy = NULL;
      gint64 ada, undo_id;

      /* Reopened below with the real clock: the delete happens now, or two hours ago */
      t->now = g_get_real_time () / 1000 - (late ? 2 * 60 * 60 * 1000 : 0);
      ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@example.com\"]}");
      g_assert_true (g_file_set_contents (source, "%PDF-1.4", -1, NULL));
      result = kith_files_attach (t->store, ada, files, KITH_FILES_COPY, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      copy = copied_file_path (t, ada);
      undo_id = kith_store_delete_record_with_undo (t->store, ada, &error);
      g_assert_no_error (error);

      g_clear_object (&t->store);
      t->store = kith_store_open (t->path, &error);
      g_assert_no_error (error);

      if (late)
        {
          g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
          g_assert_false (kith_store_undo (t->store, undo_id, &error));
          g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
        }
      else
        {
          g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
          g_assert_true (kith_store_undo (t->store, undo_id, &error));
          g_assert_no_error (error);
          g_assert_cmpint (kith_store_lookup (t->store, "ada@example.com", NULL), ==, ada);
        }
    }
}

/* An email taken by someone else since the delete: undo says so and changes nothing */
static void
test_delete_undo_conflict (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@example.com\"]}");
  gint64 undo_id = kith_store_delete_record_with_undo (t->store, ada, &error);

  g_assert_cmpint (undo_id, >, 0);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Again\", \"emails\": [\"ada@example.com\"]}");

  before = kith_test_dump (t);
  g_assert_false (kith_store_undo (t->store, undo_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "ada@example.com"));
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);
}

/* Two deletes that link to each other — a company and one of its people, a deal and one of its
 * participants — undone in either order bring back the links between them too */
static void
test_delete_undo_linked (void)
{
  static const struct { gboolean company; gboolean other_first; gboolean undo_other_first; } cases[] = {
    { TRUE, TRUE, TRUE }, { TRUE, TRUE, FALSE }, { TRUE, FALSE, TRUE }, { TRUE, FALSE, FALSE },
    { FALSE, TRUE, TRUE }, { FALSE, TRUE, FALSE }, { FALSE, FALSE, TRUE }, { FALSE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KithTestStore) t = kith_test_store_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *ada_before = NULL, *other_before = NULL, *all_before = NULL;
      g_autofree char *ada_after = NULL, *other_after = NULL, *all_after = NULL;
      gint64 other, ada, ada_undo, other_undo;

      g_test_message ("%s; deleted %s first; undone %s first", cases[i].company ? "company" : "deal",
                      cases[i].other_first ? "it" : "the person", cases[i].undo_other_first ? "it" : "the person");
      other = cases[i].company
              ? kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}")
              : kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Engine\"}");
      ada = kith_test_create (t, KITH_RECORD_PERSON, cases[i].company
                              ? "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"], \"company\": \"acme.com\"}"
                              : "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
      if (!cases[i].company)
        {
          g_autoptr(JsonObject) patch = kith_test_json ("{\"participants\": [\"ada@acme.com\"], \"dealTeam\": [\"ada@acme.com\"]}");
          g_assert_true (kith_store_update_record (t->store, other, patch, &error));
          g_assert_no_error (error);
        }
      kith_test_add (t, "item", "{\"style\": \"email\", \"date\": \"2026-05-01T00:00:00Z\", \"from\": \"ada@acme.com\","
                              " \"subject\": \"Engine notes\"}");
      ada_before = kith_test_dump_record (t, ada);
      other_before = kith_test_dump_record (t, other);
      all_before = kith_test_dump (t);

      t->now += 1000;
      if (cases[i].other_first)
        {
          other_undo = kith_store_delete_record_with_undo (t->store, other, &error);
          ada_undo = kith_store_delete_record_with_undo (t->store, ada, &error);
        }
      else
        {
          ada_undo = kith_store_delete_record_with_undo (t->store, ada, &error);
          other_undo = kith_store_delete_record_with_undo (t->store, other, &error);
        }
      g_assert_no_error (error);

      g_assert_true (kith_store_undo (t->store, cases[i].undo_other_first ? other_undo : ada_undo, &error));
      g_assert_no_error (error);
      g_assert_true (kith_store_undo (t->store, cases[i].undo_other_first ? ada_undo : other_undo, &error));
      g_assert_no_error (error);

      ada_after = kith_test_dump_record (t, ada);
      other_after = kith_test_dump_record (t, other);
      all_after = kith_test_dump (t);
      g_assert_cmpstr (ada_after, ==, ada_before);
      g_assert_cmpstr (other_after, ==, other_before);
      g_assert_cmpstr (all_after, ==, all_before);
      if (cases[i].company)
        g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "acme", NULL), ==, 1);
    }
}

static void
test_stage_audit (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) audit = NULL;
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(JsonObject) to_step = NULL;
  g_autoptr(JsonObject) to_stage = NULL;
  g_autofree char *first_step = NULL;
  gint64 ada;

  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  g_assert_no_error (error);

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"segment\": \"Customers\"}");
  rec = kith_store_get_record (t->store, ada, NULL);
  g_assert_cmpstr (json_object_get_string_member (rec, "segment"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (rec, "stage"), ==, "lead");

  /* The first step of customer/lead, by name */
  to_step = kith_test_json ("{\"step\": \"qualify the need\"}");
  t->now += 60000;
  g_assert_true (kith_store_update_record (t->store, ada, to_step, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rec, json_object_unref);
  rec = kith_store_get_record (t->store, ada, NULL);
  first_step = g_strdup (json_object_get_string_member (rec, "step"));
  g_assert_true (g_str_has_prefix (first_step, "s-"));
  g_assert_cmpint (json_object_get_int_member (rec, "stepSince"), ==, t->now);

  /* Moving stage by display name clears the step */
  to_stage = kith_test_json ("{\"stage\": \"Active\"}");
  t->now += 60000;
  g_assert_true (kith_store_update_record (t->store, ada, to_stage, &error));
  g_clear_pointer (&rec, json_object_unref);
  rec = kith_store_get_record (t->store, ada, NULL);
  g_assert_cmpstr (json_object_get_string_member (rec, "stage"), ==, "current");
  g_assert_false (json_object_has_member (rec, "step"));

  audit = kith_test_get_audit (t->store, ada, 0, &error);
  g_assert_no_error (error);
  /* segment and stage on create, step, then stage and step */
  g_assert_cmpuint (json_array_get_length (audit), ==, 5);
  {
    JsonObject *e = json_array_get_object_element (audit, 3);
    g_assert_cmpstr (json_object_get_string_member (e, "field"), ==, "stage");
    g_assert_cmpstr (json_object_get_string_member (e, "before"), ==, "lead");
    g_assert_cmpstr (json_object_get_string_member (e, "after"), ==, "current");
    g_assert_cmpint (json_object_get_int_member (e, "at"), ==, t->now);
    e = json_array_get_object_element (audit, 4);
    g_assert_cmpstr (json_object_get_string_member (e, "field"), ==, "step");
    g_assert_cmpstr (json_object_get_string_member (e, "before"), ==, first_step);
    g_assert_true (json_object_get_null_member (e, "after"));
  }

  /* A step of another stage is refused */
  {
    g_autoptr(JsonObject) wrong = kith_test_json ("{\"step\": \"Send proposal\"}");
    g_clear_error (&error);
    g_assert_false (kith_store_update_record (t->store, ada, wrong, &error));
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Send proposal"));
  }

  segments = kith_relationship_list_segments (t->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (segments), >, 10);
}

/* A hostile sender's name or subject must not carry terminal escapes into Kith; notes and
 * bodies keep their lines */
static void
test_control_characters_stripped (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(JsonObject) item_data = NULL;
  g_autoptr(JsonObject) todo_data = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonArray) todos = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *item;
  gint64 id;

  id = kith_test_create (t, KITH_RECORD_PERSON,
                         "{\"name\": \"Eve\\u001b]0;owned\\u0007\\u001b[2J\\tSmith\\u009b\", \"headline\": \"CEO\\r\\nof \\u007fAcme\","
                         " \"emails\": [\"eve@evil.example\"], \"keywords\": [\"v\\u001bip\"],"
                         " \"notes\": \"Line one\\r\\n\\tLine two\\u001b[0m\"}");
  rec = kith_store_get_record (t->store, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (rec, "name"), ==, "Eve Smith");
  g_assert_cmpstr (json_object_get_string_member (rec, "headline"), ==, "CEO  of Acme");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (rec, "keywords"), 0), ==, "vip");
  g_assert_cmpstr (json_object_get_string_member (rec, "notes"), ==, "Line one\n\tLine two");

  item_data = kith_test_json ("{\"style\": \"email\", \"date\": \"2026-11-20T10:00:00Z\", \"from\": \"eve@evil.example\","
                              " \"name\": \"Eve\\u001b[31m\", \"subject\": \"Re:\\u001b[2J\\nurgent\","
                              " \"recipients\": [{\"value\": \"bob@elsewhere.example\", \"name\": \"Bob\\u0085\\u001b\"}],"
                              " \"body\": \"Hi\\r\\n\\u001b[5mthere\\tfriend\", \"bodytype\": \"text\"}");
  g_assert_cmpint (kith_store_add_timeline_item (t->store, item_data, NULL, &error), >, 0);
  g_assert_no_error (error);
  items = kith_test_get_timeline (t->store, id, 0, 10, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "subject"), ==, "Re: urgent");
  g_assert_cmpstr (json_object_get_string_member (item, "body"), ==, "Hi\nthere\tfriend");
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (item, "people")); i++)
    {
      JsonObject *person = json_array_get_object_element (json_object_get_array_member (item, "people"), i);
      const char *name = json_object_get_string_member_with_default (person, "name", "");

      g_assert_null (strchr (name, '\033'));
      g_assert_null (strstr (name, "\302\205"));
    }

  /* A to-do's text is a single line too; one of controls only is no subject at all */
  todo_data = kith_test_json ("{\"subject\": \"Call\\u001b[8m\\u0007 back\"}");
  g_assert_cmpint (kith_store_add_todo (t->store, todo_data, &error), >, 0);
  g_assert_no_error (error);
  todos = kith_test_list_todos (t->store, 0, TRUE, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (todos, 0), "subject"), ==, "Call back");
  {
    g_autoptr(JsonObject) empty = kith_test_json ("{\"subject\": \"\\u001b\\u0007\"}");

    g_assert_cmpint (kith_store_add_todo (t->store, empty, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  }
}

/* Dates past the year 9999 are refused where they come in, with the input in the message */
static void
test_dates_bounded (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const struct { const char *date; const char *in_message; } cases[] = {
    { "9223372036854775807", "9223372036854775807" },
    { "253402300800000", "253402300800000" },
    { "\"9223372036854775807\"", "9223372036854775807" },
    { "\"253402300800000\"", "253402300800000" },
  };

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  before = kith_test_dump (t);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"style\": \"call\", \"date\": %s, \"participants\": [\"ada@acme.com\"]}",
                                               cases[i].date);
      g_autoptr(JsonObject) data = kith_test_json (json);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (kith_store_add_timeline_item (t->store, data, NULL, &error), ==, 0);
      g_test_message ("%s → %s", cases[i].date, error->message);
      g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);

  /* The last millisecond of 9999 is still a date */
  g_assert_cmpint (kith_parse_time ("253402300799999"), ==, KITH_MAX_TIME);
  g_assert_cmpint (kith_parse_time ("9999-12-31T23:59:59.999Z"), ==, KITH_MAX_TIME);
  g_assert_cmpint (kith_parse_time ("253402300800000"), ==, -1);
}

/* JSON from outside: what json-glib would crash on or silently change is refused */
static void
test_json_input (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  static const struct { const char *json; const char *in_message; } cases[] = {
    { "{\"name\": \"Ann\\u0000Evil\"}", "\\u0000" },
    { "{\"name\": \"Ann\\U0000\"}", "\\u0000" },
    { "{\"cadence\": 18446744073709551615}", "18446744073709551615" },
    { "{\"cadence\": -9223372036854775809}", "-9223372036854775809" },
  };
  static const char *fine[] = {
    "{\"name\": \"Ann \\\\u0000 \\\"[[[[\\\" {{{{\", \"n\": 9223372036854775807, \"m\": -9223372036854775808, \"d\": 1e400}",
    "{\"name\": \"Ann\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = kith_json_parse_input (cases[i].json, strlen (cases[i].json), &error);

      g_test_message ("%s → %s", cases[i].json, error ? error->message : "(no error)");
      g_assert_null (node);
      g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }

  {
    const char nul[] = "{\"name\": \"Ann\0\"}";
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = kith_json_parse_input (nul, sizeof nul - 1, &error);

    g_assert_null (node);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "NUL"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = kith_json_parse_input (fine[i], strlen (fine[i]), &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
    }

  /* 64 levels parse; 65 and 80,000 are refused before the parser recurses */
  for (guint depth = 64; depth <= 80000; depth = depth == 64 ? 65 : 80000)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_string_truncate (deep, 0);
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < depth; i++)
        g_string_append_c (deep, ']');
      node = kith_json_parse_input (deep->str, deep->len, &error);
      if (depth == 64)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
        }
      else
        {
          g_assert_null (node);
          g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "64"));
        }
      if (depth == 80000)
        break;
    }
}

/* Sync keys are random: each becomes its name, in its place, so that the rest compares whole */
static void
mask_sync_keys (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        mask_sync_keys (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &value))
        if (g_str_has_suffix (member, "yncKey"))
          json_node_set_string (value, member);
        else
          mask_sync_keys (value);
    }
}

static char *
record_text (KithTestStore *t,
             gint64         id)
{
  g_autoptr(JsonObject) rec = kith_store_get_record (t->store, id, NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), rec);

  mask_sync_keys (node);
  return json_to_string (node, FALSE);
}

static const char *person_json =
  "{\"id\":1,\"kind\":\"person\",\"syncKey\":\"syncKey\",\"name\":\"Ada Lovelace\","
  "\"first\":\"Ada\",\"last\":\"Lovelace\",\"headline\":\"Analyst\","
  "\"picture\":\"file:///tmp/ada.png\",\"private\":true,\"segment\":\"customer\","
  "\"stage\":\"future\",\"notes\":\"Met at the Analytical Society\",\"role\":\"Mathematician\","
  "\"department\":\"Research\",\"leadSource\":\"Referral\",\"birthday\":\"1815-12-10\","
  "\"company\":\"Analytical Engines Ltd\",\"companyId\":2,"
  "\"companySyncKey\":\"companySyncKey\",\"assignee\":\"me@kith.example\",\"cadence\":45,"
  "\"firstSeen\":1795435200000,\"lastChanged\":1795435200000,\"lastContact\":1767225600000,"
  "\"emails\":[{\"value\":\"Ada@Example.com\",\"work\":true,\"preferred\":true},"
  "{\"value\":\"ada@home.example\",\"home\":true}],\"phones\":[{\"value\":\"(415) 555-2671\","
  "\"mobile\":true}],\"faxes\":[{\"value\":\"+44 20 7946 0958\"}],"
  "\"urls\":[{\"value\":\"https://ada.example\"}],\"twitter\":\"@AdaL\","
  "\"facebook\":\"ada.lovelace\",\"linkedin\":\"in/ada\","
  "\"addresses\":[{\"street\":\"12 St James's Square\",\"city\":\"London\",\"state\":\"LDN\","
  "\"country\":\"GB\",\"postal\":\"SW1Y 4JH\",\"home\":true,\"lat\":51.506999999999998,"
  "\"lng\":-0.13500000000000001}],\"appLinks\":[{\"source\":\"salesforce.com\","
  "\"uniqueid\":\"006j000000AbCd\",\"label\":\"Salesforce\","
  "\"url\":\"https://example.my.salesforce.com/006j000000AbCd\"}],"
  "\"keywords\":[\"holiday-card\",\"vip\"],\"customFields\":[{\"id\":\"rooms\","
  "\"type\":\"integer\",\"name\":\"Rooms\",\"value\":\"3\"},{\"id\":\"features\","
  "\"type\":\"multipick\",\"name\":\"Features\",\"value\":[\"pool\",\"garage\"]}],"
  "\"anniversaries\":[{\"label\":\"Wedding\",\"date\":\"1835-07-08\"}]}";

static const char *company_json =
  "{\"id\":3,\"kind\":\"company\",\"syncKey\":\"syncKey\",\"name\":\"Acme\","
  "\"description\":\"Anvils\\nand more\",\"segment\":\"customer\",\"stage\":\"lead\","
  "\"step\":\"s-00001\",\"cadence\":0,\"firstSeen\":1795435200000,"
  "\"lastChanged\":1795435260000,\"stepSince\":1795435260000,"
  "\"emails\":[{\"value\":\"info@acme.com\"}],\"domains\":[\"acme.com\",\"acme.example\"],"
  "\"phones\":[{\"value\":\"+1 212 555 0100\"}],\"faxes\":[],\"urls\":[],"
  "\"addresses\":[{\"city\":\"Phoenix\",\"work\":true},{\"street\":\"1 Main St\"}],"
  "\"appLinks\":[],\"keywords\":[],\"customFields\":[]}";

static const char *deal_json =
  "{\"id\":4,\"kind\":\"project\",\"syncKey\":\"syncKey\",\"name\":\"12 Oak Street\","
  "\"summary\":\"Three bedrooms\",\"segment\":\"project\",\"stage\":\"pending\","
  "\"leadSource\":\"Zillow\",\"start\":\"2026-01-15\",\"end\":\"2026-03-01\","
  "\"value\":525000.5,\"currency\":\"USD\",\"type\":\"Sale\",\"forecast\":\"bestcase\","
  "\"firstSeen\":1795435200000,\"lastChanged\":1795435200000,\"phones\":[],\"faxes\":[],"
  "\"urls\":[{\"value\":\"https://oak.example\"}],\"address\":{\"street\":\"12 Oak Street\","
  "\"city\":\"Springfield\",\"lat\":40.0,\"lng\":-89.599999999999994},\"appLinks\":[],"
  "\"keywords\":[],\"customFields\":[{\"id\":\"budget\",\"type\":\"currency\","
  "\"name\":\"Budget\",\"value\":\"500000.00\"}],\"participants\":[{\"id\":3,"
  "\"syncKey\":\"syncKey\",\"name\":\"Acme\",\"kind\":\"company\"},{\"id\":1,"
  "\"syncKey\":\"syncKey\",\"name\":\"Ada Lovelace\",\"kind\":\"person\"}],"
  "\"dealTeam\":[{\"id\":3,\"syncKey\":\"syncKey\",\"name\":\"Acme\",\"kind\":\"company\"}]}";

/* The JSON of a whole record (kith-cli get --json, the local API) member for member, in order */
static void
test_record_json (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithFieldDefinition) rooms = kith_field_definition_new (KITH_RECORD_PERSON, "Rooms", "integer");
  g_autoptr(KithFieldDefinition) features =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "applies-to", KITH_RECORD_PERSON, "name", "Features",
                  "field-type", "multipick", "options", (const char *[]) { "pool", "garden", "garage", NULL },
                  NULL);
  g_autoptr(KithFieldDefinition) budget =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "applies-to", KITH_RECORD_PROJECT, "name", "Budget",
                  "field-type", "currency", "currency", "USD", NULL);
  g_autofree char *person = NULL;
  g_autofree char *company = NULL;
  g_autofree char *deal = NULL;
  g_autoptr(JsonObject) step = NULL;
  gint64 ada, acme, oak;

  g_assert_cmpint (kith_fields_add (t->store, rooms, NULL), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, features, NULL), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, budget, NULL), >, 0);
  ada = kith_test_create (t, KITH_RECORD_PERSON, full_person);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@home.example\"], "
                                           "\"customFields\": [{\"id\": \"rooms\", \"value\": 3}, "
                                           "{\"id\": \"features\", \"value\": [\"pool\", \"garage\"]}]}");
  acme = kith_test_create (t, KITH_RECORD_COMPANY,
                           "{\"name\": \"Acme\", \"description\": \"Anvils\\nand more\","
                           " \"domains\": [\"acme.com\", \"acme.example\"], \"emails\": [\"info@acme.com\"],"
                           " \"phones\": [\"+1 212 555 0100\"], \"cadence\": 0, \"segment\": \"supplier\","
                           " \"addresses\": [{\"city\": \"Phoenix\", \"work\": true}, {\"value\": \"1 Main St\"}]}");
  oak = kith_test_create (t, KITH_RECORD_PROJECT,
                          "{\"name\": \"12 Oak Street\", \"summary\": \"Three bedrooms\","
                          " \"stage\": \"pending\", \"start\": \"2026-01-15\", \"end\": \"2026-03-01\","
                          " \"value\": 525000.5, \"currency\": \"usd\", \"type\": \"Sale\","
                          " \"forecast\": \"best case\", \"leadSource\": \"Zillow\", \"private\": false,"
                          " \"address\": {\"street\": \"12 Oak Street\", \"city\": \"Springfield\", \"lat\": 40, \"lng\": -89.6},"
                          " \"urls\": [\"https://oak.example\"], \"customFields\": [{\"id\": \"budget\", \"value\": \"$500,000\"}],"
                          " \"participants\": [\"ada@home.example\", \"acme.com\"], \"dealTeam\": [\"acme.com\"]}");

  kith_test_add (t, "item", "{\"style\": \"email\", \"date\": \"2026-01-01T00:00:00Z\", \"from\": \"ada@home.example\", "
                            "\"subject\": \"Numbers\"}");
  g_assert_true (kith_relationship_apply_preset (t->store, "business", NULL));
  step = kith_test_json ("{\"segment\": \"Customers\", \"step\": \"qualify the need\"}");
  t->now += 60000;
  g_assert_true (kith_store_update_record (t->store, acme, step, NULL));

  person = record_text (t, ada);
  company = record_text (t, acme);
  deal = record_text (t, oak);
  g_assert_cmpstr (person, ==, person_json);
  g_assert_cmpstr (company, ==, company_json);
  g_assert_cmpstr (deal, ==, deal_json);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/records/person-round-trip", test_person_round_trip);
  g_test_add_func ("/records/company-project-round-trip", test_company_and_project_round_trip);
  g_test_add_func ("/records/names", test_names);
  g_test_add_func ("/records/bad-input-changes-nothing", test_bad_input_changes_nothing);
  g_test_add_func ("/records/sync-keys-merge-on-create", test_sync_keys_merge_on_create);
  g_test_add_func ("/records/shared-phone", test_shared_phone);
  g_test_add_func ("/records/lookup", test_lookup);
  g_test_add_func ("/records/update-and-conflict", test_update_and_conflict);
  g_test_add_func ("/records/delete", test_delete);
  g_test_add_func ("/records/delete-undo", test_delete_undo);
  g_test_add_func ("/records/delete-several-undo", test_delete_several_undo);
  g_test_add_func ("/records/delete-undo-conflict", test_delete_undo_conflict);
  g_test_add_func ("/records/delete-undo-linked", test_delete_undo_linked);
  g_test_add_func ("/records/delete-undo-after-restart", test_delete_undo_after_restart);
  g_test_add_func ("/records/stage-audit", test_stage_audit);
  g_test_add_func ("/records/control-characters-stripped", test_control_characters_stripped);
  g_test_add_func ("/records/dates-bounded", test_dates_bounded);
  g_test_add_func ("/records/json-input", test_json_input);
  g_test_add_func ("/records/record-json", test_record_json);

  return g_test_run ();
}
