/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The typed records (KithPerson, KithCompany, KithDeal) and their async store calls, over a
 * store on disk: load, change properties, save, load again.
 */

#include <string.h>

#include "kith-object-util.h"
#include "kith-test-util.h"

static KithRecord *
get_record (KithTestStore *t,
            gint64         id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KithRecord *record;

  kith_store_get_record_async (t->store, id, NULL, kith_test_result_cb, &result);
  record = kith_store_get_record_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static gboolean
save_record (KithTestStore  *t,
             KithRecord     *record,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kith_store_save_record_async (t->store, record, NULL, kith_test_result_cb, &result);
  return kith_store_save_record_finish (t->store, kith_test_wait_result (&result), error);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

static void
test_person (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 id = kith_test_create (t, KITH_RECORD_PERSON,
                                "{\"name\": \"Ada Lovelace\", \"headline\": \"Mathematician\", "
                                "\"company\": \"Analytical Engines\", \"emails\": [{\"value\": \"ada@acme.com\", \"work\": true}], "
                                "\"keywords\": [\"vip\"]}");
  g_autoptr(KithRecord) record = get_record (t, id);
  g_autoptr(KithRecord) again = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithRecordEntry) email = NULL;
  g_auto(GStrv) keywords = NULL;
  GListModel *emails;

  g_assert_true (KITH_IS_PERSON (record));
  g_assert_cmpint (kith_record_get_id (record), ==, id);
  g_assert_cmpint (kith_record_get_kind (record), ==, KITH_RECORD_PERSON);
  g_assert_cmpstr (kith_record_get_name (record), ==, "Ada Lovelace");
  g_assert_cmpstr (kith_person_get_headline (KITH_PERSON (record)), ==, "Mathematician");
  g_assert_cmpstr (kith_person_get_company (KITH_PERSON (record)), ==, "Analytical Engines");
  g_assert_cmpint (kith_person_get_company_id (KITH_PERSON (record)), >, 0);
  g_assert_cmpint (kith_person_get_cadence (KITH_PERSON (record)), ==, -1);
  emails = kith_record_get_list (record, KITH_RECORD_EMAILS);
  g_assert_cmpuint (g_list_model_get_n_items (emails), ==, 1);
  email = g_list_model_get_item (emails, 0);
  g_assert_cmpstr (kith_record_entry_get_value (email), ==, "ada@acme.com");
  g_assert_cmpstr (kith_record_entry_get_label (email), ==, "work");
  g_assert_false (kith_record_has_changes (record));

  /* Change properties: each notifies once, and only what changed is saved */
  g_signal_connect (record, "notify", G_CALLBACK (on_notify_cb), log);
  kith_person_set_headline (KITH_PERSON (record), "Mathematician and writer");
  kith_person_set_headline (KITH_PERSON (record), "Mathematician and writer");
  g_object_set (record, "cadence", (gint64) 30, NULL);
  kith_record_set_entry (record, KITH_RECORD_EMAILS, 1, "ada@home.example");
  g_assert_cmpstr (log->str, ==, "headline cadence ");
  g_assert_cmpuint (g_list_model_get_n_items (emails), ==, 2);
  g_assert_true (kith_record_has_changes (record));

  g_assert_true (save_record (t, record, &error));
  g_assert_no_error (error);
  g_assert_false (kith_record_has_changes (record));
  /* The entry shown before the save is the same object after it */
  g_assert_true (g_list_model_get_item (emails, 0) == (gpointer) email && G_OBJECT (email)->ref_count > 1);
  g_object_unref (email);

  stored = kith_store_get_record (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (stored, "headline"), ==, "Mathematician and writer");
  g_assert_cmpint (json_object_get_int_member (stored, "cadence"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (stored, "company"), ==, "Analytical Engines");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stored, "emails")), ==, 2);

  /* Loaded again: the same */
  again = get_record (t, id);
  g_assert_cmpstr (kith_person_get_headline (KITH_PERSON (again)), ==, "Mathematician and writer");
  g_assert_cmpint (kith_person_get_cadence (KITH_PERSON (again)), ==, 30);
  keywords = kith_record_dup_keywords (again);
  g_assert_cmpstrv (keywords, ((const char *[]) { "vip", NULL }));

  /* Removing an entry, clearing a value */
  kith_record_set_entry (again, KITH_RECORD_EMAILS, 0, "");
  kith_person_set_headline (KITH_PERSON (again), NULL);
  g_assert_true (save_record (t, again, &error));
  g_clear_pointer (&stored, json_object_unref);
  stored = kith_store_get_record (t->store, id, NULL);
  g_assert_false (json_object_has_member (stored, "headline") &&
                  !json_object_get_null_member (stored, "headline"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stored, "emails")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (stored, "emails"), 0), "value"),
                   ==, "ada@home.example");
}

/* A refused value stays in the record, unsaved; a reload keeps it */
static void
test_refused (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  g_autoptr(KithRecord) record = get_record (t, id);
  g_autoptr(KithRecord) other = get_record (t, id);
  g_autoptr(GError) error = NULL;

  g_object_set (record, "birthday", "not a date", NULL);
  g_assert_false (save_record (t, record, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_true (kith_record_has_changes (record));
  g_assert_cmpstr (kith_person_get_birthday (KITH_PERSON (record)), ==, "not a date");

  kith_record_set_name (other, "Ada King");
  g_assert_true (save_record (t, other, NULL));
  kith_record_update_from (record, other);
  g_assert_cmpstr (kith_record_get_name (record), ==, "Ada King");
  g_assert_cmpstr (kith_person_get_birthday (KITH_PERSON (record)), ==, "not a date");

  kith_record_discard_changes (record);
  g_assert_null (kith_person_get_birthday (KITH_PERSON (record)));
  g_assert_false (kith_record_has_changes (record));
}

static gint64
create_record (KithTestStore  *t,
               KithRecord     *draft,
               gboolean       *out_merged,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kith_store_create_record_async (t->store, draft, NULL, kith_test_result_cb, &result);
  return kith_store_create_record_finish (t->store, kith_test_wait_result (&result), out_merged, error);
}

static const char *
first_email (KithRecord *record)
{
  g_autoptr(KithRecordEntry) entry = g_list_model_get_item (kith_record_get_list (record, KITH_RECORD_EMAILS), 0);

  return entry != NULL ? kith_record_entry_get_value (entry) : NULL;
}

/* A draft filled through its properties is written as a new record; the same email again goes
 * into that record; an email that is not one is refused and nothing is written */
static void
test_create (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithRecord) draft = g_object_new (KITH_TYPE_PERSON, NULL);
  g_autoptr(KithRecord) again = g_object_new (KITH_TYPE_PERSON, NULL);
  g_autoptr(KithRecord) wrong = g_object_new (KITH_TYPE_PERSON, NULL);
  g_autoptr(KithRecord) deal = g_object_new (KITH_TYPE_DEAL, NULL);
  g_autoptr(KithRecord) record = NULL;
  g_autoptr(KithRecord) stored_deal = NULL;
  g_autoptr(KithDealParticipant) with = kith_deal_participant_new_named ("grace@navy.mil", KITH_DEAL_ROLE_PARTICIPANT);
  g_autoptr(KithDealParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  gboolean merged = TRUE;
  gint64 id, deal_id;

  kith_record_set_name (draft, "Grace Hopper");
  kith_record_set_entry (draft, KITH_RECORD_EMAILS, 0, "grace@navy.mil");
  kith_person_set_company (KITH_PERSON (draft), "US Navy");
  id = create_record (t, draft, &merged, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (merged);

  record = get_record (t, id);
  g_assert_true (KITH_IS_PERSON (record));
  g_assert_cmpstr (kith_record_get_name (record), ==, "Grace Hopper");
  g_assert_cmpstr (first_email (record), ==, "grace@navy.mil");
  g_assert_cmpstr (kith_person_get_company (KITH_PERSON (record)), ==, "US Navy");

  kith_record_set_name (again, "Grace Hopper");
  kith_record_set_entry (again, KITH_RECORD_EMAILS, 0, "grace@navy.mil");
  g_assert_cmpint (create_record (t, again, &merged, NULL), ==, id);
  g_assert_true (merged);

  kith_record_set_name (wrong, "Ada Lovelace");
  kith_record_set_entry (wrong, KITH_RECORD_EMAILS, 0, "not-an-email");
  g_assert_cmpint (create_record (t, wrong, NULL, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not-an-email"));
  g_clear_error (&error);

  kith_record_set_name (deal, "Compiler");
  g_assert_false (kith_deal_set_value_text (KITH_DEAL (deal), "a lot", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The value “a lot” is not an amount of money (such as 500000 or $500,000)");
  g_clear_error (&error);
  g_assert_true (kith_deal_set_value_text (KITH_DEAL (deal), "$500,000", NULL));
  kith_deal_add_participant (KITH_DEAL (deal), with);
  g_assert_cmpuint (g_list_model_get_n_items (kith_deal_get_participants (KITH_DEAL (deal))), ==, 1);
  deal_id = create_record (t, deal, NULL, NULL);
  g_assert_cmpint (deal_id, >, 0);
  stored_deal = get_record (t, deal_id);
  g_assert_true (KITH_IS_DEAL (stored_deal));
  g_assert_cmpfloat (kith_deal_get_value (KITH_DEAL (stored_deal)), ==, 500000);

  /* The participant named by email is the person of that email */
  g_assert_cmpuint (g_list_model_get_n_items (kith_deal_get_participants (KITH_DEAL (stored_deal))), ==, 1);
  participant = g_list_model_get_item (kith_deal_get_participants (KITH_DEAL (stored_deal)), 0);
  g_assert_cmpint (kith_deal_participant_get_id (participant), ==, id);
  g_assert_cmpstr (kith_deal_participant_get_name (participant), ==, "Grace Hopper");
  g_assert_cmpint (kith_deal_participant_get_kind (participant), ==, KITH_RECORD_PERSON);
  g_assert_cmpint (kith_deal_participant_get_role (participant), ==, KITH_DEAL_ROLE_PARTICIPANT);
  g_assert_null (kith_deal_participant_get_identifier (participant));
}

static void
test_deal (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 id = kith_test_create (t, KITH_RECORD_PROJECT,
                                "{\"name\": \"Engine order\", \"value\": 1250.5, \"currency\": \"EUR\"}");
  g_autoptr(KithRecord) record = get_record (t, id);
  g_autoptr(KithRecord) again = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (KITH_IS_DEAL (record));
  g_assert_cmpint (kith_record_get_kind (record), ==, KITH_RECORD_PROJECT);
  g_assert_true (kith_deal_has_value (KITH_DEAL (record)));
  g_assert_cmpfloat (kith_deal_get_value (KITH_DEAL (record)), ==, 1250.5);
  g_assert_cmpstr (kith_deal_get_currency (KITH_DEAL (record)), ==, "EUR");

  kith_deal_set_value (KITH_DEAL (record), 99000);
  kith_deal_set_currency (KITH_DEAL (record), "USD");
  kith_deal_set_summary (KITH_DEAL (record), "Two engines");
  g_assert_true (save_record (t, record, &error));
  g_assert_no_error (error);

  stored = kith_store_get_record (t->store, id, NULL);
  g_assert_cmpfloat (json_object_get_double_member (stored, "value"), ==, 99000);
  g_assert_cmpstr (json_object_get_string_member (stored, "currency"), ==, "USD");
  again = get_record (t, id);
  g_assert_cmpfloat (kith_deal_get_value (KITH_DEAL (again)), ==, 99000);
  g_assert_cmpstr (kith_deal_get_summary (KITH_DEAL (again)), ==, "Two engines");

  kith_deal_clear_value (KITH_DEAL (again));
  g_assert_false (kith_deal_has_value (KITH_DEAL (again)));
  g_assert_true (save_record (t, again, &error));
  g_assert_no_error (error);
  g_clear_object (&record);
  record = get_record (t, id);
  g_assert_false (kith_deal_has_value (KITH_DEAL (record)));
}

static void
test_company (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 id = kith_test_create (t, KITH_RECORD_COMPANY,
                                "{\"name\": \"Analytical Engines\", \"domains\": [\"engines.example\"]}");
  g_autoptr(KithRecord) record = get_record (t, id);
  g_autoptr(KithRecord) again = NULL;
  g_auto(GStrv) domains = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;

  g_assert_true (KITH_IS_COMPANY (record));
  domains = kith_company_dup_domains (KITH_COMPANY (record));
  g_assert_cmpstrv (domains, ((const char *[]) { "engines.example", NULL }));
  list = kith_record_get_list (record, KITH_RECORD_DOMAINS);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  kith_record_set_entry (record, KITH_RECORD_DOMAINS, 1, "engines.test");
  kith_company_set_description (KITH_COMPANY (record), "Difference and analytical engines");
  g_assert_true (save_record (t, record, &error));
  g_assert_no_error (error);

  again = get_record (t, id);
  g_clear_pointer (&domains, g_strfreev);
  domains = kith_company_dup_domains (KITH_COMPANY (again));
  g_assert_cmpstrv (domains, ((const char *[]) { "engines.example", "engines.test", NULL }));
  g_assert_cmpstr (kith_company_get_description (KITH_COMPANY (again)), ==, "Difference and analytical engines");
  g_assert_cmpuint (g_list_model_get_n_items (kith_record_get_list (again, KITH_RECORD_DOMAINS)), ==, 2);
}

static void
test_custom_fields (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithFieldDefinition) definition = kith_field_definition_new (KITH_RECORD_PERSON, "Notes", "text");
  g_autoptr(KithFieldDefinition) features =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Features", "field-type", "multipick",
                  "options", (const char *[]) { "pool", "garden", "garage", NULL }, NULL);
  g_autoptr(GError) error = NULL;
  KithCustomValue *notes;
  gint64 id;
  g_autoptr(KithRecord) record = NULL;
  g_autoptr(KithRecord) again = NULL;
  g_autofree char *value = NULL;
  g_autofree char *saved = NULL;

  g_assert_cmpint (kith_fields_add (t->store, definition, NULL), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, features, NULL), >, 0);
  id = kith_test_create (t, KITH_RECORD_PERSON,
                         "{\"name\": \"Ada Lovelace\", \"customFields\": [{\"id\": \"notes\", \"value\": \"Met at the fair\"}]}");
  record = get_record (t, id);
  value = kith_record_dup_custom_value (record, "notes");
  g_assert_cmpstr (value, ==, "Met at the fair");

  /* A value handed out follows the record */
  notes = kith_record_get_custom (record, "notes");
  g_assert_cmpstr (kith_custom_value_get_value (notes), ==, "Met at the fair");
  kith_record_set_custom_value (record, "notes", "Met at the fair in spring");
  g_assert_cmpstr (kith_custom_value_get_value (notes), ==, "Met at the fair in spring");
  kith_record_set_custom_values (record, "features", (const char * const []) { "pool", "garden", NULL });
  g_assert_cmpstrv (kith_custom_value_get_values (kith_record_get_custom (record, "features")),
                    ((const char * const []) { "pool", "garden", NULL }));
  g_assert_true (save_record (t, record, &error));
  g_assert_no_error (error);

  again = get_record (t, id);
  saved = kith_record_dup_custom_value (again, "notes");
  g_assert_cmpstr (saved, ==, "Met at the fair in spring");
  g_assert_cmpstrv (kith_custom_value_get_values (kith_record_get_custom (again, "features")),
                    ((const char * const []) { "pool", "garden", NULL }));
}

/* Delete and merge come back with Undo */
static void
test_delete_merge_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"phones\": [\"+1 202 555 0100\"]}");
  gint64 twin = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@twin.example\"]}");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(JsonObject) back = NULL;
  gint64 undo_id;

  kith_store_find_merge_candidates_async (t->store, ada, NULL, kith_test_result_cb, &result);
  rows = kith_store_find_merge_candidates_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((KithRecordRow *) g_ptr_array_index (rows, 0))->id, ==, twin);
  g_clear_object (&result);

  kith_store_merge_records_async (t->store, ada, twin, NULL, kith_test_result_cb, &result);
  undo_id = kith_store_merge_records_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo_id, >, 0);
  g_clear_object (&result);
  gone = kith_store_get_record (t->store, twin, NULL);
  g_assert_null (gone);

  kith_store_undo_async (t->store, undo_id, TRUE, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_undo_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  back = kith_store_get_record (t->store, twin, NULL);
  g_assert_nonnull (back);

  kith_store_delete_record_async (t->store, ada, NULL, kith_test_result_cb, &result);
  undo_id = kith_store_delete_record_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  kith_store_undo_async (t->store, undo_id, FALSE, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_undo_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  kith_store_get_record_async (t->store, ada, NULL, kith_test_result_cb, &result);
  g_assert_null (kith_store_get_record_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

static guint
n_files (KithTestStore *t,
         gint64         id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  kith_store_list_files_async (t->store, id, NULL, kith_test_result_cb, &result);
  files = kith_store_list_files_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (files);
}

/* Files: attached (one of two cannot be), listed as KithFile, removed and put back */
static void
test_files (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Seller\"}");
  g_autofree char *path = g_build_filename (t->dir, "listing.txt", NULL);
  g_autofree char *missing_path = g_build_filename (t->dir, "missing.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GSList) files = g_slist_prepend (g_slist_prepend (NULL, missing), file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(KithFile) attached = NULL;
  g_autoptr(GError) error = NULL;
  KithFilesMode mode;
  guint n_attached = 0;

  g_assert_true (g_file_set_contents (path, "3 bedrooms", -1, NULL));

  kith_store_get_files_mode_async (t->store, NULL, kith_test_result_cb, &result);
  mode = kith_store_get_files_mode_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mode, ==, KITH_FILES_COPY);
  g_clear_object (&result);

  kith_store_attach_files_async (t->store, id, files, mode, NULL, NULL, NULL, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_attach_files_finish (t->store, kith_test_wait_result (&result), &n_attached, &failures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_attached, ==, 1);
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_true (g_str_has_suffix (((KithFileFailure *) g_ptr_array_index (failures, 0))->name, "missing.txt"));
  g_clear_object (&result);

  kith_store_list_files_async (t->store, id, NULL, kith_test_result_cb, &result);
  listed = kith_store_list_files_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);
  attached = g_list_model_get_item (listed, 0);
  g_assert_cmpstr (kith_file_get_name (attached), ==, "listing.txt");
  g_assert_cmpint (kith_file_get_size (attached), ==, 10);
  g_assert_cmpint (kith_file_get_added (attached), >, 0);
  g_clear_object (&result);

  kith_store_remove_file_async (t->store, attached, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_remove_file_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (n_files (t, id), ==, 0);

  kith_store_restore_file_async (t->store, attached, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_restore_file_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files (t, id), ==, 1);
}

/* What a relationship is edited with: segments with stages and steps, fields in scope, tags */
static void
test_relationship (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithFieldDefinition) definition = kith_field_definition_new (KITH_RECORD_PERSON, "Budget", "currency");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(GListModel) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithFieldDefinition) budget = NULL;
  g_autoptr(KithTag) vip = NULL;
  KithSegment *customer = NULL;

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", NULL));
  kith_field_definition_add_scope (definition, "customer", NULL);
  g_assert_cmpint (kith_fields_add (t->store, definition, NULL), >, 0);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"keywords\": [\"vip\"]}");

  kith_store_load_relationship_async (t->store, KITH_RECORD_PERSON, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_load_relationship_finish (t->store, kith_test_wait_result (&result), &segments, &fields,
                                                      &tags, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);

      if (g_strcmp0 (kith_segment_get_key (segment), "customer") == 0)
        customer = segment;
    }
  g_assert_nonnull (customer);
  g_assert_false (kith_segment_get_for_deals (customer));
  g_assert_cmpuint (g_list_model_get_n_items (kith_segment_get_stages (customer)), >, 0);
  g_assert_nonnull (kith_segment_find_stage (customer, "lead"));

  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 1);
  budget = g_list_model_get_item (fields, 0);
  g_assert_cmpstr (kith_field_definition_get_field_type (budget), ==, "currency");
  g_assert_true (kith_field_definition_applies_in (budget, "customer", "lead"));
  g_assert_false (kith_field_definition_applies_in (budget, "friend", NULL));
  /* The tags in use are the KithTags Preferences lists */
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 1);
  vip = g_list_model_get_item (tags, 0);
  g_assert_cmpstr (kith_tag_get_name (vip), ==, "vip");
  g_assert_cmpuint (kith_tag_get_count (vip), ==, 1);
}

static GListModel *
list_field_definitions (KithTestStore  *t,
                        KithRecordKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *fields;

  kith_field_definition_list_async (t->store, kind, NULL, kith_test_result_cb, &result);
  fields = kith_field_definition_list_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (fields);
  return fields;
}

static void
assert_same_definition (KithFieldDefinition *a,
                        KithFieldDefinition *b)
{
  const char *properties[] = { "key", "name", "field-type", "applies-to", "section", "currency", "remind-yearly",
                               "scope-segment" };

  g_assert_cmpstrv (kith_field_definition_get_options (a), kith_field_definition_get_options (b));

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (a), properties[i]);
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspec->value_type);
      g_value_init (&vb, pspec->value_type);
      g_object_get_property (G_OBJECT (a), properties[i], &va);
      g_object_get_property (G_OBJECT (b), properties[i], &vb);
      if (g_param_values_cmp (pspec, &va, &vb) != 0)
        g_error ("The definitions differ in %s", properties[i]);
    }
}

/* One custom field definition, read once, serves the profile (its scopes, its currency) and
 * Preferences (listing, adding, removing): the same class with the same values either way */
static void
test_field_definition (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  const char *options[] = { "small", "large", NULL };
  g_autoptr(KithFieldDefinition) added = g_object_new (KITH_TYPE_FIELD_DEFINITION,
                                                       "applies-to", KITH_RECORD_PERSON, "name", "Size",
                                                       "field-type", "pick", "options", options,
                                                       "scope-segment", "customer", NULL);
  g_autoptr(KithFieldDefinition) budget = g_object_new (KITH_TYPE_FIELD_DEFINITION,
                                                        "applies-to", KITH_RECORD_PERSON, "name", "Budget",
                                                        "field-type", "currency", "currency", "EUR", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(GListModel) in_profile = NULL;
  g_autoptr(GListModel) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithFieldDefinition) size = NULL;
  g_autoptr(KithFieldDefinition) money = NULL;

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", NULL));
  /* Added from Preferences */
  kith_field_definition_add_async (added, t->store, kith_test_result_cb, &result);
  g_assert_true (kith_field_definition_add_finish (added, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  kith_field_definition_add_async (budget, t->store, kith_test_result_cb, &result);
  g_assert_true (kith_field_definition_add_finish (budget, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Listed for Preferences, and loaded for a profile */
  listed = list_field_definitions (t, KITH_RECORD_PERSON);
  kith_store_load_relationship_async (t->store, KITH_RECORD_PERSON, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_load_relationship_finish (t->store, kith_test_wait_result (&result), &segments,
                                                      &in_profile, &tags, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (g_list_model_get_item_type (in_profile) == KITH_TYPE_FIELD_DEFINITION);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (in_profile), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KithFieldDefinition) a = g_list_model_get_item (listed, i);
      g_autoptr(KithFieldDefinition) b = g_list_model_get_item (in_profile, i);

      assert_same_definition (a, b);
    }

  size = g_list_model_get_item (in_profile, 0);
  g_assert_cmpstr (kith_field_definition_get_name (size), ==, "Size");
  g_assert_nonnull (kith_field_definition_get_key (size));
  g_assert_cmpstrv (kith_field_definition_get_options (size), options);
  g_assert_cmpstr (kith_field_definition_get_scope_segment (size), ==, "customer");
  g_assert_true (kith_field_definition_applies_in (size, "customer", "lead"));
  g_assert_false (kith_field_definition_applies_in (size, "friend", NULL));
  money = g_list_model_get_item (in_profile, 1);
  g_assert_cmpstr (kith_field_definition_get_currency (money), ==, "EUR");
  g_assert_null (kith_field_definition_get_scope_segment (money));
  g_assert_true (kith_field_definition_applies_in (money, "friend", NULL));

  /* The profile's definition is the one Preferences removes */
  kith_field_definition_remove_async (size, t->store, kith_test_result_cb, &result);
  g_assert_true (kith_field_definition_remove_finish (size, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&listed);
  listed = list_field_definitions (t, KITH_RECORD_PERSON);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);
}

/* A thing with a list of strings that notifies on every set, as a plain property does */
#define TEST_TYPE_THING (test_thing_get_type ())
G_DECLARE_FINAL_TYPE (TestThing, test_thing, TEST, THING, GObject)

struct _TestThing
{
  GObject   parent_instance;
  char    **tags;
};

G_DEFINE_FINAL_TYPE (TestThing, test_thing, G_TYPE_OBJECT)

static void
test_thing_finalize (GObject *object)
{
  g_strfreev (TEST_THING (object)->tags);
  G_OBJECT_CLASS (test_thing_parent_class)->finalize (object);
}

static void
test_thing_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  g_value_set_boxed (value, TEST_THING (object)->tags);
}

static void
test_thing_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  g_strfreev (TEST_THING (object)->tags);
  TEST_THING (object)->tags = g_value_dup_boxed (value);
}

static void
test_thing_class_init (TestThingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = test_thing_finalize;
  object_class->get_property = test_thing_get_property;
  object_class->set_property = test_thing_set_property;
  g_object_class_install_property (object_class, 1, g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                                                                        G_PARAM_READWRITE));
}

static void
test_thing_init (TestThing *self)
{
}

/* An object updated from the same thing read again notifies only what differs: a list of
 * strings by its strings, not by where it is */
static void
test_object_update (void)
{
  const char * const tags[] = { "vip", "holiday-card", NULL };
  const char * const other_tags[] = { "vip", NULL };
  g_autoptr(TestThing) thing = g_object_new (TEST_TYPE_THING, "tags", tags, NULL);
  g_autoptr(TestThing) again = g_object_new (TEST_TYPE_THING, "tags", tags, NULL);
  g_autoptr(TestThing) changed = g_object_new (TEST_TYPE_THING, "tags", other_tags, NULL);
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (thing, "notify", G_CALLBACK (on_notify_cb), log);
  kith_object_update (G_OBJECT (thing), G_OBJECT (again), NULL);
  g_assert_cmpstr (log->str, ==, "");
  kith_object_update (G_OBJECT (thing), G_OBJECT (changed), NULL);
  g_assert_cmpstr (log->str, ==, "tags ");
  g_assert_cmpstrv (thing->tags, other_tags);
}

/* What the store says when it refuses @json as an update of record @id */
static char *
json_refusal (KithTestStore *t,
              gint64         id,
              const char    *json)
{
  g_autoptr(JsonObject) data = kith_test_json (json);
  g_autoptr(GError) error = NULL;

  g_assert_false (kith_store_update_record (t->store, id, data, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  return g_strdup (error->message);
}

/* What the store says when it refuses the changes of @record */
static char *
typed_refusal (KithTestStore *t,
               KithRecord    *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (save_record (t, record, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  kith_record_discard_changes (record);
  return g_strdup (error->message);
}

/* A typed record's change is checked as the same change in JSON is, and refused in the same
 * words */
static void
test_refusals_read_the_same (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithFieldDefinition) rooms = kith_field_definition_new (KITH_RECORD_PERSON, "Rooms", "integer");
  gint64 ada, deal;
  g_autoptr(KithRecord) person = NULL;
  g_autoptr(KithRecord) project = NULL;
  g_autoptr(KithDealParticipant) nobody = kith_deal_participant_new_named ("nobody@example.com",
                                                                           KITH_DEAL_ROLE_PARTICIPANT);
  struct {
    gint64      *id;
    const char  *json;
  } cases[] = {
    { &ada, "{\"birthday\": \"not a date\"}" },
    { &ada, "{\"emails\": [\"not-an-email\"]}" },
    { &ada, "{\"cadence\": 5000}" },
    { &ada, "{\"customFields\": [{\"id\": \"rooms\", \"value\": \"three\"}]}" },
    { &ada, "{\"name\": \"\"}" },
    { &deal, "{\"currency\": \"EURO\"}" },
    { &deal, "{\"participants\": [\"nobody@example.com\"]}" },
  };
  char *typed[G_N_ELEMENTS (cases)];

  g_assert_cmpint (kith_fields_add (t->store, rooms, NULL), >, 0);
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  deal = kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Engine order\"}");
  person = get_record (t, ada);
  project = get_record (t, deal);

  g_object_set (person, "birthday", "not a date", NULL);
  typed[0] = typed_refusal (t, person);
  kith_record_set_entry (person, KITH_RECORD_EMAILS, 0, "not-an-email");
  typed[1] = typed_refusal (t, person);
  kith_person_set_cadence (KITH_PERSON (person), 5000);
  typed[2] = typed_refusal (t, person);
  kith_record_set_custom_value (person, "rooms", "three");
  typed[3] = typed_refusal (t, person);
  kith_record_set_name (person, "");
  typed[4] = typed_refusal (t, person);
  kith_deal_set_currency (KITH_DEAL (project), "EURO");
  typed[5] = typed_refusal (t, project);
  kith_deal_add_participant (KITH_DEAL (project), nobody);
  typed[6] = typed_refusal (t, project);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *in_json = json_refusal (t, *cases[i].id, cases[i].json);

      g_assert_cmpstr (typed[i], ==, in_json);
      g_free (typed[i]);
    }
}

/* What the store says when it refuses @item, added to record @record */
static char *
item_refusal (KithTestStore    *t,
              KithTimelineItem *item,
              gint64            record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kith_store_add_timeline_item_async (t->store, item, record, kith_test_result_cb, &result);
  g_assert_cmpint (kith_store_add_timeline_item_finish (t->store, kith_test_wait_result (&result), &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  return g_strdup (error->message);
}

/* What the store says when it refuses @todo */
static char *
todo_refusal (KithTestStore *t,
              KithTodo      *todo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kith_store_add_todo_async (t->store, todo, kith_test_result_cb, &result);
  g_assert_cmpint (kith_store_add_todo_finish (t->store, kith_test_wait_result (&result), &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  return g_strdup (error->message);
}

/* What the store says when it refuses @json as a timeline item (@todo: as a to-do) */
static char *
json_item_refusal (KithTestStore *t,
                   gboolean       todo,
                   const char    *json)
{
  g_autoptr(JsonObject) data = kith_test_json (json);
  g_autoptr(GError) error = NULL;

  if (todo)
    g_assert_cmpint (kith_store_add_todo (t->store, data, &error), ==, 0);
  else
    g_assert_cmpint (kith_store_add_timeline_item (t->store, data, NULL, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  return g_strdup (error->message);
}

static KithTimelineItem *
item_with (KithTimelineStyle  style,
           const char        *property,
           ...)
{
  KithTimelineItem *item = kith_timeline_item_new (style);
  va_list args;

  va_start (args, property);
  g_object_set_valist (G_OBJECT (item), property, args);
  va_end (args);
  return item;
}

/* A timeline item or a to-do drafted in the window is checked as the same one in JSON (the
 * cli, mail capture, import) is, and refused in the same words */
static void
test_item_refusals_read_the_same (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  g_autofree char *long_text = g_strnfill (70000, 'x');
  g_autoptr(KithTodo) stranger = kith_todo_new ("Call", NULL);
  struct {
    KithTimelineItem *item;    /* or a to-do */
    KithTodo         *todo;
    gint64            record;
    const char       *json;
  } cases[] = {
    { item_with (KITH_TIMELINE_STYLE_NOTE, "subject", long_text, NULL), NULL, ada, NULL },
    { item_with (KITH_TIMELINE_STYLE_CALL, "date", KITH_MAX_TIME + 1, NULL), NULL, ada,
      "{\"style\": \"call\", \"date\": 253402300800000, \"duration\": 0, \"participants\": [\"#%1$" G_GINT64_FORMAT "\"]}" },
    { item_with (KITH_TIMELINE_STYLE_MEETING, "duration", (gint64) 8 * 24 * 3600, NULL), NULL, ada,
      "{\"style\": \"meeting\", \"duration\": 691200, \"participants\": [\"#%1$" G_GINT64_FORMAT "\"]}" },
    { item_with (KITH_TIMELINE_STYLE_MEETING, "location", long_text, NULL), NULL, ada, NULL },
    { item_with (KITH_TIMELINE_STYLE_NOTE, "body", "Met at the gallery", NULL), NULL, 999999,
      "{\"body\": \"Met at the gallery\", \"references\": [\"#999999\"]}" },
    { NULL, kith_todo_new ("", NULL), 0, "{\"subject\": \"\"}" },
    { NULL, kith_todo_new ("Call", "2026-13-45"), 0, "{\"subject\": \"Call\", \"when\": \"2026-13-45\"}" },
    { NULL, g_object_ref (stranger), 0, "{\"subject\": \"Call\", \"participants\": [\"#999999\"]}" },
    { NULL, g_object_new (KITH_TYPE_TODO, "subject", "Call", "source", "org.example.Tasks", NULL), 0,
      "{\"subject\": \"Call\", \"source\": \"org.example.Tasks\"}" },
  };
  g_autofree char *long_note = g_strdup_printf ("{\"subject\": \"%s\", \"references\": [\"#%" G_GINT64_FORMAT "\"]}",
                                                long_text, ada);
  g_autofree char *long_place = g_strdup_printf ("{\"style\": \"meeting\", \"location\": \"%s\", "
                                                 "\"participants\": [\"#%" G_GINT64_FORMAT "\"]}", long_text, ada);

  kith_todo_add_participant (stranger, 999999);
  cases[0].json = long_note;
  cases[3].json = long_place;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (cases[i].json, ada);
      g_autofree char *typed = cases[i].item != NULL ? item_refusal (t, cases[i].item, cases[i].record)
                                                     : todo_refusal (t, cases[i].todo);
      g_autofree char *in_json = json_item_refusal (t, cases[i].todo != NULL, json);

      g_test_message ("%u: %s", i, typed);
      g_assert_cmpstr (typed, ==, in_json);
      g_clear_object (&cases[i].item);
      g_clear_object (&cases[i].todo);
    }
}

/* A deal's participants and team, as the store has them */
static void
test_deal_participants (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  gint64 acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");
  gint64 id = kith_test_create (t, KITH_RECORD_PROJECT,
                                "{\"name\": \"Engine order\", \"participants\": [\"ada@acme.com\"], "
                                "\"dealTeam\": [\"acme.com\"]}");
  g_autoptr(KithRecord) deal = get_record (t, id);
  g_autoptr(KithDealParticipant) first = NULL;
  g_autoptr(KithDealParticipant) second = NULL;
  g_autoptr(KithDealParticipant) team = kith_deal_participant_new (ada, "Ada Lovelace", KITH_RECORD_PERSON,
                                                                   KITH_DEAL_ROLE_TEAM);
  g_autoptr(KithRecord) again = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *participants = kith_deal_get_participants (KITH_DEAL (deal));

  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 2);
  first = g_list_model_get_item (participants, 0);
  second = g_list_model_get_item (participants, 1);
  g_assert_cmpint (kith_deal_participant_get_id (first), ==, ada);
  g_assert_cmpint (kith_deal_participant_get_role (first), ==, KITH_DEAL_ROLE_PARTICIPANT);
  g_assert_cmpint (kith_deal_participant_get_id (second), ==, acme);
  g_assert_cmpint (kith_deal_participant_get_kind (second), ==, KITH_RECORD_COMPANY);
  g_assert_cmpstr (kith_deal_participant_get_name (second), ==, "Acme");
  g_assert_cmpint (kith_deal_participant_get_role (second), ==, KITH_DEAL_ROLE_TEAM);

  /* Ada joins the team too */
  kith_deal_add_participant (KITH_DEAL (deal), team);
  g_assert_true (save_record (t, deal, &error));
  g_assert_no_error (error);
  again = get_record (t, id);
  g_assert_cmpuint (g_list_model_get_n_items (kith_deal_get_participants (KITH_DEAL (again))), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (kith_deal_get_participants (KITH_DEAL (deal))), ==, 3);
}

/* Addresses, app links and anniversaries changed as a whole on a typed record are saved and
 * read back in their parts; an app link the store would not keep is refused, naming it; a
 * deal's one address is its list of addresses */
static void
test_structured_lists (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");
  gint64 deal_id = kith_test_create (t, KITH_RECORD_PROJECT,
                                     "{\"name\": \"Loft\", \"address\": {\"street\": \"12 Elm Street\"}}");
  g_autoptr(KithRecord) record = get_record (t, id);
  g_autoptr(KithRecord) deal = get_record (t, deal_id);
  g_autoptr(KithRecord) stored = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  KithRecordAddress *a = kith_record_address_new ("12 Elm Street");
  KithRecordAppLink *l = g_new0 (KithRecordAppLink, 1);
  KithRecordOccasion *o = g_new0 (KithRecordOccasion, 1);

  a->city = g_strdup ("Springfield");
  items = kith_record_dup_items (record, KITH_RECORD_ADDRESSES);
  g_ptr_array_add (items, a);
  kith_record_set_items (record, KITH_RECORD_ADDRESSES, g_steal_pointer (&items));
  o->label = g_strdup ("Wedding");
  o->date = g_strdup ("1835-07-08");
  items = kith_record_dup_items (record, KITH_RECORD_ANNIVERSARIES);
  g_ptr_array_add (items, o);
  kith_record_set_items (record, KITH_RECORD_ANNIVERSARIES, g_steal_pointer (&items));
  g_assert_true (save_record (t, record, &error));
  g_assert_no_error (error);

  stored = get_record (t, id);
  items = kith_record_dup_items (stored, KITH_RECORD_ADDRESSES);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((KithRecordAddress *) g_ptr_array_index (items, 0))->city, ==, "Springfield");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = kith_record_dup_items (stored, KITH_RECORD_ANNIVERSARIES);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((KithRecordOccasion *) g_ptr_array_index (items, 0))->date, ==, "1835-07-08");
  g_clear_pointer (&items, g_ptr_array_unref);

  l->source = g_strdup ("sales force");
  l->uniqueid = g_strdup ("42");
  items = kith_record_dup_items (record, KITH_RECORD_APP_LINKS);
  g_ptr_array_add (items, l);
  kith_record_set_items (record, KITH_RECORD_APP_LINKS, g_steal_pointer (&items));
  g_assert_false (save_record (t, record, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“sales force”"));
  g_clear_object (&stored);
  stored = get_record (t, id);
  items = kith_record_dup_items (stored, KITH_RECORD_APP_LINKS);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = kith_record_dup_items (deal, KITH_RECORD_ADDRESSES);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (kith_record_get_list (deal, KITH_RECORD_ADDRESSES)), ==, 1);
  ((KithRecordAddress *) g_ptr_array_index (items, 0))->city = g_strdup ("Shelbyville");
  kith_record_set_items (deal, KITH_RECORD_ADDRESSES, g_steal_pointer (&items));
  g_assert_cmpstr (kith_deal_get_address (KITH_DEAL (deal)), ==, "12 Elm Street, Shelbyville");
  g_assert_true (save_record (t, deal, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/person", test_person);
  g_test_add_func ("/model/refused", test_refused);
  g_test_add_func ("/model/deal", test_deal);
  g_test_add_func ("/model/create", test_create);
  g_test_add_func ("/model/company", test_company);
  g_test_add_func ("/model/custom-fields", test_custom_fields);
  g_test_add_func ("/model/delete-merge-undo", test_delete_merge_undo);
  g_test_add_func ("/model/files", test_files);
  g_test_add_func ("/model/relationship", test_relationship);
  g_test_add_func ("/model/field-definition", test_field_definition);
  g_test_add_func ("/model/object-update", test_object_update);
  g_test_add_func ("/model/refusals-read-the-same", test_refusals_read_the_same);
  g_test_add_func ("/model/deal-participants", test_deal_participants);
  g_test_add_func ("/model/item-refusals-read-the-same", test_item_refusals_read_the_same);
  g_test_add_func ("/model/structured-lists", test_structured_lists);

  return g_test_run ();
}
