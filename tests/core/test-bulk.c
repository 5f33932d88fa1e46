/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"
#include "kith-bulk.h"
#include "kith-synckey.h"
#include "kith-timeline-input.h"

/* ---- Rows ---- */

static void
add_channel (KithRecordValues *values,
             KithField         field,
             const char       *value,
             const char       *label)
{
  g_ptr_array_add (kith_record_values_list (values, field), kith_record_channel_new (value, label, FALSE));
}

static KithRecordValues *
person_row (const char *name,
            const char *email)
{
  KithRecordValues *values = kith_record_values_new ();

  kith_record_values_set_text (values, KITH_FIELD_NAME, name);
  if (email != NULL)
    add_channel (values, KITH_FIELD_EMAILS, email, "work");
  return values;
}

/* A person with every kind of field an import brings */
static KithRecordValues *
full_person_row (void)
{
  KithRecordValues *values = person_row ("Ada Lovelace", "ada@analytical.example");
  KithRecordAddress *address = kith_record_address_new ("12 St James's Square");
  KithRecordAppLink *link = g_new0 (KithRecordAppLink, 1);
  KithRecordOccasion *occasion = g_new0 (KithRecordOccasion, 1);
  KithRecordCustom *custom = kith_record_custom_new ("lead_source", NULL, NULL, FALSE);

  add_channel (values, KITH_FIELD_EMAILS, "ada@home.example", "home");
  add_channel (values, KITH_FIELD_PHONES, "(415) 555-0100", "mobile");
  add_channel (values, KITH_FIELD_URLS, "https://ada.example", NULL);
  kith_record_values_set_text (values, KITH_FIELD_HEADLINE, "Analyst");
  kith_record_values_set_text (values, KITH_FIELD_SEGMENT, "customer");
  kith_record_values_set_text (values, KITH_FIELD_STAGE, "current");
  kith_record_values_set_text (values, KITH_FIELD_BIRTHDAY, "1815-12-10");
  kith_record_values_set_text (values, KITH_FIELD_NOTES, "Met at the engine demo");
  kith_record_values_set_text (values, KITH_FIELD_COMPANY, "Analytical Engines");
  kith_record_values_take_strv (values, KITH_FIELD_KEYWORDS, g_strsplit ("vip,math", ",", -1));
  address->city = g_strdup ("London");
  address->label = g_strdup ("home");
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_ADDRESSES), address);
  link->source = g_strdup ("crm.example");
  link->uniqueid = g_strdup ("A-1");
  link->label = g_strdup ("Old CRM");
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_APP_LINKS), link);
  occasion->label = g_strdup ("Met");
  occasion->date = g_strdup ("2020-05-01");
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_ANNIVERSARIES), occasion);
  g_strfreev (custom->values);
  custom->values = g_strsplit ("Referral", ",", -1);
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_CUSTOM_FIELDS), custom);

  return values;
}

static KithRecordValues *
company_row (void)
{
  KithRecordValues *values = kith_record_values_new ();

  kith_record_values_set_text (values, KITH_FIELD_NAME, "Difference Works");
  kith_record_values_take_strv (values, KITH_FIELD_DOMAINS, g_strsplit ("difference.example", ",", -1));
  kith_record_values_set_text (values, KITH_FIELD_SEGMENT, "partner");
  return values;
}

static KithRecordValues *
deal_row (gint64 participant)
{
  KithRecordValues *values = kith_record_values_new ();
  KithRecordMember *member = g_new0 (KithRecordMember, 1);
  KithValue value = { .set = TRUE, .real = 250000 };

  kith_record_values_set_text (values, KITH_FIELD_NAME, "5 Oak Street");
  kith_record_values_set_text (values, KITH_FIELD_STAGE, "pending");
  kith_record_values_set_text (values, KITH_FIELD_CURRENCY, "USD");
  kith_record_values_assign (values, KITH_FIELD_VALUE, &value);
  member->id = participant;
  g_ptr_array_add (kith_record_values_list (values, KITH_FIELD_PARTICIPANTS), member);
  return values;
}

static void
add_lead_source (KithTestStore *t)
{
  g_autoptr(KithFieldDefinition) definition = NULL;
  g_autoptr(GError) error = NULL;
  const char *options[] = { "Referral", "Website", NULL };

  definition = g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Lead source", "field-type", "pick",
                             "applies-to", KITH_RECORD_PERSON, "options", options, NULL);
  g_assert_cmpint (kith_fields_add (t->store, definition, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
bulk_add (KithBulkLoader   *loader,
          KithRecordKind    kind,
          KithRecordValues *values,
          gboolean         *out_merged)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_bulk_loader_add_record (loader, kind, values, KITH_BULK_FIELDS_SET, out_merged, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
finish (KithBulkLoader *loader)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_bulk_loader_finish (loader, &error));
  g_assert_no_error (error);
}

/* @json without the sync keys, which are random */
static char *
without_sync_keys (const char *json)
{
  g_autoptr(GRegex) uuid = g_regex_new ("\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"",
                                        0, 0, NULL);

  return g_regex_replace_literal (uuid, json, -1, 0, "\"…\"", 0, NULL);
}

/* A record as the store gives it */
static char *
record_text (KithTestStore *t,
             gint64         id)
{
  g_autoptr(JsonObject) record = kith_store_get_record (t->store, id, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_assert_nonnull (record);
  node = json_node_init_object (json_node_alloc (), record);
  json = json_to_string (node, TRUE);
  return without_sync_keys (json);
}

static char *
audit_text (KithTestStore *t,
            gint64         id)
{
  g_autoptr(JsonArray) audit = kith_test_get_audit (t->store, id, 0, NULL);
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), audit);
  g_autofree char *json = json_to_string (node, FALSE);

  return without_sync_keys (json);
}

/* ---- Tests ---- */

/* The fields a row has */
static KithFieldMask
fields_of (const KithRecordValues *values)
{
  KithFieldMask mask = 0;

  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    mask |= values->fields[f].set ? KITH_FIELD_BIT (f) : 0;
  return mask;
}

/* Company, person, deal: through the loader (@loader) or one by one through the normal path */
static void
add_three (KithTestStore  *t,
           KithBulkLoader *loader,
           gint64          ids[3])
{
  g_autoptr(KithRecordValues) company = company_row ();
  g_autoptr(KithRecordValues) person = full_person_row ();
  g_autoptr(KithRecordValues) deal = NULL;
  g_autoptr(GError) error = NULL;

  if (loader != NULL)
    {
      ids[0] = bulk_add (loader, KITH_RECORD_COMPANY, company, NULL);
      ids[1] = bulk_add (loader, KITH_RECORD_PERSON, person, NULL);
      deal = deal_row (ids[1]);
      ids[2] = bulk_add (loader, KITH_RECORD_PROJECT, deal, NULL);
      finish (loader);
      return;
    }

  ids[0] = kith_store_create_record_from_values (t->store, KITH_RECORD_COMPANY, company, fields_of (company), NULL, &error);
  g_assert_no_error (error);
  ids[1] = kith_store_create_record_from_values (t->store, KITH_RECORD_PERSON, person, fields_of (person), NULL, &error);
  g_assert_no_error (error);
  deal = deal_row (ids[1]);
  ids[2] = kith_store_create_record_from_values (t->store, KITH_RECORD_PROJECT, deal, fields_of (deal), NULL, &error);
  g_assert_no_error (error);
}

/* The same rows, through the loader and one by one through the normal path, read back alike,
 * field by field, with the same audit log */
static void
test_same_as_normal_path (void)
{
  g_autoptr(KithTestStore) bulk = kith_test_store_new ();
  g_autoptr(KithTestStore) normal = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (bulk->store);
  gint64 bulk_ids[3], normal_ids[3];

  add_lead_source (bulk);
  add_lead_source (normal);
  add_three (bulk, loader, bulk_ids);
  add_three (normal, NULL, normal_ids);
  g_assert_cmpuint (kith_bulk_loader_get_n_rows (loader), ==, 3);

  /* The person's company was made from its name, as the normal path makes it */
  g_assert_cmpuint (kith_store_count (bulk->store, KITH_RECORD_COMPANY, "", NULL), ==, 2);
  g_assert_cmpuint (kith_store_count (normal->store, KITH_RECORD_COMPANY, "", NULL), ==, 2);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *b = record_text (bulk, bulk_ids[i]);
      g_autofree char *n = record_text (normal, normal_ids[i]);
      g_autofree char *ba = audit_text (bulk, bulk_ids[i]);
      g_autofree char *na = audit_text (normal, normal_ids[i]);

      g_assert_cmpint (bulk_ids[i], ==, normal_ids[i]);
      g_assert_cmpstr (b, ==, n);
      g_assert_cmpstr (ba, ==, na);
    }
  {
    g_autoptr(JsonObject) person = kith_store_get_record (bulk->store, bulk_ids[1], NULL);

    /* And what was given is there: not two empty records that agree */
    g_assert_cmpstr (kith_json_get_string (person, "name"), ==, "Ada Lovelace");
    g_assert_cmpstr (kith_json_get_string (person, "birthday"), ==, "1815-12-10");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (person, "emails")), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (person, "appLinks")), ==, 1);
    g_assert_cmpint (kith_store_lookup (bulk->store, "+14155550100", NULL), ==, bulk_ids[1]);
  }
}

/* A row whose email a stored person has is added to that person, never a second one */
static void
test_merge_by_email (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  g_autoptr(KithRecordValues) row = person_row ("Grace B. Hopper", "GRACE@navy.example");
  gint64 id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\", \"emails\": [\"grace@navy.example\"]}");
  gboolean merged = FALSE;
  g_autoptr(JsonObject) record = NULL;

  add_channel (row, KITH_FIELD_PHONES, "+1 202 555 0111", NULL);
  g_assert_cmpint (bulk_add (loader, KITH_RECORD_PERSON, row, &merged), ==, id);
  g_assert_true (merged);
  finish (loader);

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 1);
  record = kith_store_get_record (t->store, id, NULL);
  /* The name the user has is kept; what is new is added */
  g_assert_cmpstr (kith_json_get_string (record, "name"), ==, "Grace Hopper");
  g_assert_cmpint (kith_store_lookup (t->store, "+12025550111", NULL), ==, id);
}

/* Sync keys within one load and against stored records: the same key is the same record, and
 * a key of another record stays with it */
static void
test_sync_keys (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  gint64 grace = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\", \"emails\": [\"grace@navy.example\"]}");
  gint64 alan = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Alan Turing\", \"emails\": [\"alan@bletchley.example\"]}");
  g_autoptr(KithRecordValues) both = person_row ("Grace Hopper", "grace@navy.example");
  g_autoptr(KithRecordValues) first = person_row ("Edsger Dijkstra", "ewd@tue.example");
  g_autoptr(KithRecordValues) again = person_row ("E. W. Dijkstra", "ewd@tue.example");
  g_autoptr(KithRecordValues) linked = person_row ("Barbara Liskov", NULL);
  g_autoptr(KithRecordValues) linked_again = person_row ("B. Liskov", NULL);
  gboolean merged = FALSE;
  gint64 ewd, barbara;

  add_channel (both, KITH_FIELD_EMAILS, "alan@bletchley.example", NULL);
  g_assert_cmpint (bulk_add (loader, KITH_RECORD_PERSON, both, &merged), ==, grace);
  g_assert_true (merged);

  /* Rows of the same load, in the same batch */
  ewd = bulk_add (loader, KITH_RECORD_PERSON, first, &merged);
  g_assert_false (merged);
  g_assert_cmpint (bulk_add (loader, KITH_RECORD_PERSON, again, &merged), ==, ewd);
  g_assert_true (merged);

  /* App ID + Unique ID */
  for (guint i = 0; i < 2; i++)
    {
      KithRecordValues *row = i == 0 ? linked : linked_again;
      KithRecordAppLink *link = g_new0 (KithRecordAppLink, 1);

      link->source = g_strdup ("crm.example");
      link->uniqueid = g_strdup ("L-7");
      g_ptr_array_add (kith_record_values_list (row, KITH_FIELD_APP_LINKS), link);
    }
  barbara = bulk_add (loader, KITH_RECORD_PERSON, linked, &merged);
  g_assert_false (merged);
  g_assert_cmpint (bulk_add (loader, KITH_RECORD_PERSON, linked_again, &merged), ==, barbara);
  g_assert_true (merged);
  finish (loader);

  g_assert_cmpint (kith_store_lookup (t->store, "alan@bletchley.example", NULL), ==, alan);
  g_assert_cmpint (kith_store_lookup (t->store, "grace@navy.example", NULL), ==, grace);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 4);
}

/* A bad value is refused with the normal path's message, and nothing of its row is written,
 * while the rows around it are */
static void
test_refused_row (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  g_autoptr(KithRecordValues) before = person_row ("Ada Lovelace", "ada@example.com");
  g_autoptr(KithRecordValues) bad = person_row ("Charles Babbage", "charles@example.com");
  g_autoptr(KithRecordValues) after = person_row ("Alan Turing", "alan@example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) normal_error = NULL;

  kith_record_values_set_text (bad, KITH_FIELD_COMPANY, "Difference Engines");
  kith_record_values_take_strv (bad, KITH_FIELD_KEYWORDS, g_strsplit ("inventor", ",", -1));
  kith_record_values_set_text (bad, KITH_FIELD_STAGE, "bogus");

  bulk_add (loader, KITH_RECORD_PERSON, before, NULL);
  g_assert_cmpint (kith_bulk_loader_add_record (loader, KITH_RECORD_PERSON, bad, KITH_BULK_FIELDS_SET, NULL, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bogus"));
  bulk_add (loader, KITH_RECORD_PERSON, after, NULL);
  finish (loader);

  g_assert_cmpint (kith_store_create_record_from_values (t->store, KITH_RECORD_PERSON, bad, fields_of (bad), NULL, &normal_error), ==, 0);
  g_assert_cmpstr (error->message, ==, normal_error->message);

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);
  g_assert_cmpint (kith_store_lookup (t->store, "charles@example.com", NULL), ==, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_COMPANY, "", NULL), ==, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "tag:inventor", NULL), ==, 0);
  g_assert_cmpint (kith_store_lookup (t->store, "alan@example.com", NULL), >, 0);
}

/* Bulk-loaded people are found by name, email and company, across batches */
static void
test_search (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  g_autoptr(GArray) found = NULL;
  guint n = KITH_BULK_BATCH + 10;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person%u %s", i, i == 7 ? "Zanzibar" : "Smith");
      g_autofree char *email = g_strdup_printf ("p%u@%s.example", i, i % 2 ? "odd" : "even");
      g_autoptr(KithRecordValues) row = person_row (name, email);

      bulk_add (loader, KITH_RECORD_PERSON, row, NULL);
    }
  finish (loader);

  found = kith_store_find (t->store, KITH_RECORD_PERSON, "zanzibar", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 10, NULL, NULL);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, 8);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "email:@odd.example", NULL), ==, n / 2);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "person5009", NULL), ==, 1);
}

static void
set_call (KithTimelineInput *in,
          const char        *address,
          gint64             date)
{
  in->style = g_strdup ("call");
  in->subject = g_strdup ("Quarterly review");
  in->has_date = TRUE;
  in->date = date;
  in->participants = kith_party_input_list_new ();
  g_ptr_array_add (in->participants, kith_party_input_new (address, NULL, NULL));
}

static gint64
last_contact_of (KithTestStore *t,
                 gint64         id)
{
  g_autoptr(JsonObject) record = kith_store_get_record (t->store, id, NULL);

  g_assert_nonnull (record);
  return json_object_has_member (record, "lastContact") ? json_object_get_int_member (record, "lastContact") : 0;
}

static void
add_call (KithBulkLoader *loader,
          const char     *address,
          gint64          date)
{
  g_auto(KithTimelineInput) item = { NULL, };
  g_autoptr(GError) error = NULL;

  set_call (&item, address, date);
  g_assert_cmpint (kith_bulk_loader_add_timeline_item (loader, &item, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* Timeline items of a load link to the people of the same load, and set their last contact */
static void
test_timeline_items (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  g_autoptr(KithRecordValues) row = person_row ("Hedy Lamarr", "hedy@example.com");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) timeline = NULL;
  gint64 id = bulk_add (loader, KITH_RECORD_PERSON, row, NULL);
  gint64 date = t->now - 86400000;

  for (guint i = 0; i < 2; i++)
    add_call (loader, "hedy@example.com", date - i * 1000);
  {
    g_auto(KithTimelineInput) bad = { NULL, };

    set_call (&bad, "hedy@example.com", date);
    g_free (bad.style);
    bad.style = g_strdup ("telegram");
    g_assert_cmpint (kith_bulk_loader_add_timeline_item (loader, &bad, NULL, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  }
  finish (loader);

  timeline = kith_test_get_timeline (t->store, id, 0, 10, NULL);
  g_assert_cmpuint (json_array_get_length (timeline), ==, 2);
  g_assert_cmpint (last_contact_of (t, id), ==, date);
}

/* Calls with two people of one company in a batch: each person's last contact is their latest
 * call, and the company's the latest of both; a later batch's older call moves nobody */
static void
test_company_last_contact (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  g_autoptr(KithRecordValues) ada = person_row ("Ada Lovelace", "ada@example.com");
  g_autoptr(KithRecordValues) charles = person_row ("Charles Babbage", "charles@example.com");
  g_autoptr(GArray) companies = NULL;
  gint64 day = 86400000, ada_id, charles_id, company;

  kith_record_values_set_text (ada, KITH_FIELD_COMPANY, "Analytical Engines");
  kith_record_values_set_text (charles, KITH_FIELD_COMPANY, "Analytical Engines");
  ada_id = bulk_add (loader, KITH_RECORD_PERSON, ada, NULL);
  charles_id = bulk_add (loader, KITH_RECORD_PERSON, charles, NULL);
  add_call (loader, "ada@example.com", t->now - 5 * day);
  add_call (loader, "charles@example.com", t->now - 2 * day);
  add_call (loader, "ada@example.com", t->now - 3 * day);
  finish (loader);

  companies = kith_store_find (t->store, KITH_RECORD_COMPANY, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 10, NULL, NULL);
  g_assert_cmpuint (companies->len, ==, 1);
  company = g_array_index (companies, gint64, 0);
  g_assert_cmpint (last_contact_of (t, ada_id), ==, t->now - 3 * day);
  g_assert_cmpint (last_contact_of (t, charles_id), ==, t->now - 2 * day);
  g_assert_cmpint (last_contact_of (t, company), ==, t->now - 2 * day);

  add_call (loader, "ada@example.com", t->now - 9 * day);
  finish (loader);
  g_assert_cmpint (last_contact_of (t, ada_id), ==, t->now - 3 * day);
  g_assert_cmpint (last_contact_of (t, company), ==, t->now - 2 * day);
}

/* A loader freed before it finished leaves nothing of its open batch */
static void
test_unfinished (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  KithBulkLoader *loader = kith_bulk_loader_new (t->store);
  g_autoptr(KithRecordValues) row = person_row ("Ada Lovelace", "ada@example.com");

  bulk_add (loader, KITH_RECORD_PERSON, row, NULL);
  kith_bulk_loader_free (loader);

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 0);
}

/* In the caller's transaction, the loader's rows are the caller's to commit or roll back */
static void
test_callers_transaction (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;

  for (guint commit = 0; commit < 2; commit++)
    {
      g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
      g_autoptr(KithRecordValues) row = person_row ("Ada Lovelace", "ada@example.com");

      g_assert_true (kith_store_begin (t->store, &error));
      bulk_add (loader, KITH_RECORD_PERSON, row, NULL);
      finish (loader);
      if (commit)
        g_assert_true (kith_store_commit (t->store, &error));
      else
        kith_store_rollback (t->store);
      g_assert_no_error (error);
      g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, commit);
    }
}

/* The store remembers the numbers it normalized, for the many rows of a load that name the
 * same ones; a number read in another region is another number */
static void
test_phone_region (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  g_autoptr(KithRecordValues) us = person_row ("Ada Lovelace", NULL);
  g_autoptr(KithRecordValues) elsewhere = person_row ("Ada Lovelace", NULL);
  gboolean merged = TRUE;
  gint64 first;

  add_channel (us, KITH_FIELD_PHONES, "415 555 0100", NULL);
  add_channel (elsewhere, KITH_FIELD_PHONES, "415 555 0100", NULL);
  first = bulk_add (loader, KITH_RECORD_PERSON, us, NULL);
  finish (loader);
  g_assert_cmpint (kith_store_lookup (t->store, "415 555 0100", NULL), ==, first);

  kith_store_set_region (t->store, "DE");
  g_assert_cmpint (kith_store_lookup (t->store, "415 555 0100", NULL), ==, 0);
  g_assert_cmpint (bulk_add (loader, KITH_RECORD_PERSON, elsewhere, &merged), !=, first);
  g_assert_false (merged);
  finish (loader);
}

/* Numbers normalized ahead on the loader's second thread give each row the keys it gets without,
 * and a row whose number is none is refused the same */
static void
test_normalize_ahead (void)
{
  const char *phones[] = { "(415) 555-0101", "+1 415 555 0102", "+44 20 7946 0103", "415.555.0104" };
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithBulkLoader) loader = kith_bulk_loader_new (t->store);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_record_values_free);
  g_autoptr(KithRecordValues) no_number = person_row ("Nobody", NULL);
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (phones)];

  kith_store_set_region (t->store, "US");
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *name = g_strdup_printf ("Caller %u", i);
      KithRecordValues *row = person_row (name, NULL);

      add_channel (row, KITH_FIELD_PHONES, phones[i], "mobile");
      add_channel (row, KITH_FIELD_FAXES, "415 555 0199", NULL);
      kith_bulk_loader_normalize_ahead (loader, row);
      g_ptr_array_add (rows, row);
    }
  add_channel (no_number, KITH_FIELD_PHONES, "ext. 12", NULL);
  kith_bulk_loader_normalize_ahead (loader, no_number);

  for (guint i = 0; i < rows->len; i++)
    ids[i] = bulk_add (loader, KITH_RECORD_PERSON, g_ptr_array_index (rows, i), NULL);
  g_assert_cmpint (kith_bulk_loader_add_record (loader, KITH_RECORD_PERSON, no_number, KITH_BULK_FIELDS_SET,
                                                NULL, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  finish (loader);

  g_assert_cmpint (kith_store_lookup (t->store, "+14155550101", NULL), ==, ids[0]);
  g_assert_cmpint (kith_store_lookup (t->store, "+14155550102", NULL), ==, ids[1]);
  g_assert_cmpint (kith_store_lookup (t->store, "+442079460103", NULL), ==, ids[2]);
  g_assert_cmpint (kith_store_lookup (t->store, "+14155550104", NULL), ==, ids[3]);
  g_assert_cmpint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, G_N_ELEMENTS (phones));
}

typedef struct {
  const char *watched;
  guint       calls;   /* normalizations of @watched */
} Counting;

static char *
count_normalize (const char *phone,
                 const char *region,
                 gpointer    user_data)
{
  Counting *counting = user_data;

  if (g_str_equal (phone, counting->watched))
    counting->calls++;
  return kith_synckey_phone_digits (phone, region);
}

/* A load names more numbers than the store remembers (65,536), one of them all along, as the
 * calls of a timeline name the people they are with: that one is normalized once. The store
 * forgets the numbers it has not met for a while, not the ones in use */
static void
test_numbers_in_use_remembered (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  Counting counting = { "(415) 555-0100", 0 };

  kith_store_set_phone_normalizer (t->store, count_normalize, &counting, NULL);
  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *other = g_strdup_printf ("+1 212 %03u %04u", 200 + i / 10000, i % 10000);

      g_assert_cmpint (kith_store_lookup (t->store, other, NULL), ==, 0);
      if (i % 1000 == 0)
        g_assert_cmpint (kith_store_lookup (t->store, counting.watched, NULL), ==, 0);
    }
  g_assert_cmpuint (counting.calls, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bulk/same-as-normal-path", test_same_as_normal_path);
  g_test_add_func ("/bulk/merge-by-email", test_merge_by_email);
  g_test_add_func ("/bulk/sync-keys", test_sync_keys);
  g_test_add_func ("/bulk/refused-row", test_refused_row);
  g_test_add_func ("/bulk/search", test_search);
  g_test_add_func ("/bulk/timeline-items", test_timeline_items);
  g_test_add_func ("/bulk/company-last-contact", test_company_last_contact);
  g_test_add_func ("/bulk/unfinished", test_unfinished);
  g_test_add_func ("/bulk/callers-transaction", test_callers_transaction);
  g_test_add_func ("/bulk/phone-region", test_phone_region);
  g_test_add_func ("/bulk/normalize-ahead", test_normalize_ahead);
  g_test_add_func ("/bulk/numbers-in-use-remembered", test_numbers_in_use_remembered);

  return g_test_run ();
}
