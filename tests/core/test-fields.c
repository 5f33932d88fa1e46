/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

/* Adds @definition (taking it), which must be accepted */
static gint64
add_field (KithTestStore       *t,
           KithFieldDefinition *definition)
{
  g_autoptr(KithFieldDefinition) def = definition;
  g_autoptr(GError) error = NULL;
  gint64 id = kith_fields_add (t->store, def, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
add_all_fields (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  KithFieldDefinition *must_haves;

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Favourite colour", "field-type", "text",
                              "section", "Personal", NULL));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Lead source", "field-type", "pick",
                              "options", (const char *[]) { "Zillow", "Referral", "Open house", NULL }, NULL));
  must_haves = g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Must haves", "field-type", "multipick",
                             "options", (const char *[]) { "Pool", "Garage", "Garden", NULL },
                             "section", "Home search", NULL);
  /* Segments and stages by name or key */
  kith_field_definition_add_scope (must_haves, "Buyers", NULL);
  kith_field_definition_add_scope (must_haves, "custom1", "Hot");
  add_field (t, must_haves);
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "closing_date", "name", "Closing date",
                              "field-type", "date", "remind-yearly", TRUE, NULL));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Bedrooms", "field-type", "integer",
                              "section", "Home search", NULL));
  add_field (t, kith_field_definition_new (KITH_RECORD_PERSON, "Commission rate", "decimal"));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Price", "field-type", "currency",
                              "currency", "usd", NULL));
}

static void
test_all_types_round_trip (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) rec = NULL;
  JsonArray *values;
  gint64 id;
  struct { const char *id; const char *value; } expected[] = {
    { "favourite_colour", "Teal" },
    { "lead_source", "Zillow" },
    { "must_haves", NULL },
    { "closing_date", "2027-01-15" },
    { "bedrooms", "3" },
    { "commission_rate", "2.5" },
    { "price", "1250000.50" },
  };

  add_all_fields (t);
  id = kith_test_create (t, KITH_RECORD_PERSON,
                         "{\"name\": \"Buyer\", \"segment\": \"Buyers\", \"customFields\": ["
                         " {\"id\": \"favourite_colour\", \"value\": \"Teal\"},"
                         " {\"id\": \"lead_source\", \"value\": \"zillow\"},"
                         " {\"id\": \"must_haves\", \"value\": [\"pool\", \"Garden\"]},"
                         " {\"id\": \"closing_date\", \"value\": \"2027-01-15\"},"
                         " {\"id\": \"bedrooms\", \"value\": 3},"
                         " {\"id\": \"commission_rate\", \"value\": \"2.5\"},"
                         " {\"id\": \"price\", \"value\": \"$1,250,000.50\"}]}");

  rec = kith_store_get_record (t->store, id, NULL);
  values = json_object_get_array_member (rec, "customFields");
  g_assert_cmpuint (json_array_get_length (values), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *v = json_array_get_object_element (values, i);

      g_assert_cmpstr (json_object_get_string_member (v, "id"), ==, expected[i].id);
      if (expected[i].value != NULL)
        g_assert_cmpstr (json_object_get_string_member (v, "value"), ==, expected[i].value);
      else
        {
          JsonArray *picked = json_object_get_array_member (v, "value");
          g_assert_cmpuint (json_array_get_length (picked), ==, 2);
          g_assert_cmpstr (json_array_get_string_element (picked, 0), ==, "Pool");
          g_assert_cmpstr (json_array_get_string_element (picked, 1), ==, "Garden");
        }
    }

  /* null clears one field; the others stay */
  {
    g_autoptr(JsonObject) patch = kith_test_json ("{\"customFields\": [{\"id\": \"price\", \"value\": null}]}");
    g_autoptr(JsonObject) again = NULL;
    g_autoptr(GError) error = NULL;
    gboolean merged;

    /* update replaces the list: only what is named stays */
    g_assert_true (kith_store_update_record (t->store, id, patch, &error));
    g_assert_no_error (error);
    again = kith_store_get_record (t->store, id, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (again, "customFields")), ==, 0);
    (void) merged;
  }
}

static void
test_bad_values (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *before = NULL;
  static const struct { const char *field; const char *value; const char *in_message; } cases[] = {
    { "lead_source", "\"Billboard\"", "Billboard" },
    { "must_haves", "[\"Pool\", \"Moat\"]", "Moat" },
    { "closing_date", "\"next Tuesday\"", "next Tuesday" },
    { "closing_date", "\"2027-02-29\"", "2027-02-29" },
    { "bedrooms", "\"three\"", "three" },
    { "bedrooms", "\"2.5\"", "2.5" },
    { "commission_rate", "\"2,5%\"", "2,5%" },
    { "price", "\"a lot\"", "a lot" },
    { "price", "{\"amount\": 5}", "Price" },
  };

  add_all_fields (t);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Existing\", \"customFields\": [{\"id\": \"bedrooms\", \"value\": 2}]}");
  before = kith_test_dump (t);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"New\", \"customFields\": [{\"id\": \"%s\", \"value\": %s}]}",
                                               cases[i].field, cases[i].value);
      g_autoptr(JsonObject) obj = kith_test_json (json);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (kith_store_create_record (t->store, KITH_RECORD_PERSON, obj, NULL, &error), ==, 0);
      g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
      g_test_message ("%s → %s", json, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
      after = kith_test_dump (t);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A definition the store must refuse; @scope_segment: (nullable): with this scope */
static KithFieldDefinition *
bad_definition (const char *name,
                const char *type,
                const char *key,
                const char *scope_segment,
                const char *scope_stage)
{
  KithFieldDefinition *definition = g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", name, "field-type", type,
                                                  "key", key, NULL);

  if (scope_segment != NULL)
    kith_field_definition_add_scope (definition, scope_segment, scope_stage);
  return definition;
}

static void
test_definitions (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithFieldDefinition) last = NULL;
  KithFieldDefinition *bad[] = {
    bad_definition ("Colour", "colour", NULL, NULL, NULL),
    bad_definition ("Choice", "pick", NULL, NULL, NULL),
    bad_definition ("Scoped", "text", NULL, "martians", NULL),
    bad_definition ("Scoped", "text", NULL, "customer", "sleepy"),
    bad_definition ("Bedrooms", "integer", NULL, NULL, NULL),
    bad_definition ("Keyed", "text", "Not a key", NULL, NULL),
    bad_definition (NULL, "text", NULL, NULL, NULL),
  };

  add_all_fields (t);
  fields = kith_fields_list (t->store, KITH_RECORD_PERSON, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 7);

  /* Sections order the list: fields without a section first */
  last = g_list_model_get_item (fields, 6);
  g_assert_cmpstr (kith_field_definition_get_section (last), ==, "Home search");
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(KithFieldDefinition) f = g_list_model_get_item (fields, i);
      const char *segment, *stage;

      g_assert_cmpint (kith_field_definition_get_field_id (f), >, 0);
      if (g_strcmp0 (kith_field_definition_get_key (f), "must_haves") == 0)
        {
          g_assert_cmpuint (kith_field_definition_get_n_scopes (f), ==, 2);
          kith_field_definition_get_scope (f, 0, &segment, &stage);
          g_assert_cmpstr (segment, ==, "customer");
          g_assert_null (stage);
          kith_field_definition_get_scope (f, 1, &segment, &stage);
          g_assert_cmpstr (segment, ==, "custom1");
          g_assert_cmpstr (stage, ==, "future");
          g_assert_true (kith_field_definition_applies_in (f, "custom1", "future"));
          g_assert_false (kith_field_definition_applies_in (f, "custom1", "lead"));
        }
      if (g_strcmp0 (kith_field_definition_get_key (f), "closing_date") == 0)
        g_assert_true (kith_field_definition_get_remind_yearly (f));
      if (g_strcmp0 (kith_field_definition_get_key (f), "price") == 0)
        g_assert_cmpstr (kith_field_definition_get_currency (f), ==, "USD");
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(KithFieldDefinition) def = bad[i];
      g_autoptr(GError) local = NULL;

      g_assert_cmpint (kith_fields_add (t->store, def, &local), ==, 0);
      g_assert_error (local, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
      g_test_message ("%s → %s", kith_field_definition_get_name (def), local->message);
    }

  g_clear_object (&fields);
  fields = kith_fields_list (t->store, KITH_RECORD_PERSON, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 7);

  g_assert_true (kith_fields_remove (t->store, "bedrooms", &error));
  g_assert_false (kith_fields_remove (t->store, "bedrooms", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
}

static void
test_presets_and_steps (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *preset = kith_relationship_dup_preset (t->store);
  g_autofree char *kept_key = NULL;
  g_autoptr(KithSegment) buyers = NULL;
  g_autoptr(KithStage) contract = NULL;
  g_autoptr(KithStep) first = NULL;
  g_autoptr(KithStep) second = NULL;
  KithStage *lead;
  gint64 id;

  g_assert_null (preset);
  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  g_assert_no_error (error);
  g_clear_pointer (&preset, g_free);
  preset = kith_relationship_dup_preset (t->store);
  g_assert_cmpstr (preset, ==, "realestate");

  segments = kith_relationship_list_segments (t->store, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);

      if (g_strcmp0 (kith_segment_get_key (segment), "customer") == 0)
        g_set_object (&buyers, segment);
    }
  g_assert_nonnull (buyers);
  g_assert_cmpstr (kith_segment_get_name (buyers), ==, "Buyers");
  g_assert_cmpint (kith_segment_get_cadence (buyers), ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (kith_segment_get_stages (buyers)), ==, 5);
  contract = g_list_model_get_item (kith_segment_get_stages (buyers), 2);
  g_assert_cmpstr (kith_stage_get_name (contract), ==, "In Contract");
  lead = kith_segment_find_stage (buyers, "lead");
  g_assert_cmpuint (kith_stage_get_n_steps (lead), ==, 2);
  first = g_list_model_get_item (kith_stage_get_steps (lead), 0);
  second = g_list_model_get_item (kith_stage_get_steps (lead), 1);
  g_assert_cmpint (kith_step_get_reminder_days (first), ==, 1);
  kept_key = g_strdup (kith_step_get_key (second));

  /* A buyer on the second step; the steps are reordered and the first removed */
  {
    g_autofree char *json = g_strdup_printf ("{\"name\": \"Buyer\", \"segment\": \"customer\", \"step\": \"%s\"}", kept_key);
    id = kith_test_create (t, KITH_RECORD_PERSON, json);
  }
  g_ptr_array_add (steps, kith_step_new (kept_key, "Book the consultation", NULL, 2));
  g_ptr_array_add (steps, kith_step_new (NULL, "Send pre-approval checklist", "Pre-approval", 0));
  g_assert_true (kith_relationship_set_steps (t->store, "customer", "lead", steps, &error));
  g_assert_no_error (error);
  /* The new step is given the key it was saved under */
  g_assert_cmpstr (kith_step_get_key (g_ptr_array_index (steps, 0)), ==, kept_key);
  g_assert_nonnull (kith_step_get_key (g_ptr_array_index (steps, 1)));
  g_assert_cmpstr (kith_step_get_key (g_ptr_array_index (steps, 1)), !=, kept_key);
  {
    g_autoptr(JsonObject) rec = kith_store_get_record (t->store, id, NULL);
    g_assert_cmpstr (json_object_get_string_member (rec, "step"), ==, kept_key);
  }

  g_assert_true (kith_relationship_set_cadence (t->store, "customer", 14, &error));
  g_assert_false (kith_relationship_set_cadence (t->store, "martians", 14, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kith_relationship_rename_stage (t->store, "customer", "future", "Very hot", &error));
  g_assert_no_error (error);

  /* The renamed stage is a name a user may type */
  {
    g_autoptr(JsonObject) patch = kith_test_json ("{\"stage\": \"very HOT\"}");
    g_autoptr(JsonObject) rec = NULL;

    g_assert_true (kith_store_update_record (t->store, id, patch, &error));
    g_assert_no_error (error);
    rec = kith_store_get_record (t->store, id, NULL);
    g_assert_cmpstr (json_object_get_string_member (rec, "stage"), ==, "future");
  }

  /* A custom segment, named and turned on, is one a record can be in */
  g_assert_true (kith_relationship_update_segment (t->store, "custom3", "Landlords", TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) landlord = kith_test_json ("{\"name\": \"Landlord\", \"segment\": \"Landlords\"}");
    g_autoptr(JsonObject) rec = NULL;
    gint64 lid = kith_store_create_record (t->store, KITH_RECORD_PERSON, landlord, NULL, &error);

    g_assert_no_error (error);
    rec = kith_store_get_record (t->store, lid, NULL);
    g_assert_cmpstr (json_object_get_string_member (rec, "segment"), ==, "custom3");
  }
  g_assert_false (kith_relationship_update_segment (t->store, "custom3", "", TRUE, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kith_relationship_apply_preset (t->store, "farming", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
}

/* How many people @query finds */
static guint
count_people (KithTestStore *t,
              const char    *query)
{
  g_autoptr(GArray) ids = kith_store_find (t->store, KITH_RECORD_PERSON, query, KITH_SORT_NAME, KITH_GROUP_NONE,
                                           0, G_MAXUINT, NULL, NULL);

  g_assert_nonnull (ids);
  return ids->len;
}

/* Several records tagged at once, and untagged; a tag told apart without case; a bad tag or a
 * record that is not there changes nothing */
static void
test_tags_apply (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) untagged = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *long_tag = g_strnfill (300, 'x');
  gint64 ids[3];
  gint64 with_missing[2];

  ids[0] = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"A\", \"keywords\": [\"VIP\"]}");
  ids[1] = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"B\", \"keywords\": [\"golf\"]}");
  ids[2] = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"C\", \"domains\": [\"c.example\"]}");
  with_missing[0] = ids[1];
  with_missing[1] = ids[2] + 100;
  before = kith_test_dump (t);

  g_assert_null (kith_tags_apply (t->store, ids, 3, "  ", TRUE, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kith_tags_apply (t->store, ids, 3, long_tag, TRUE, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kith_tags_apply (t->store, with_missing, 2, "vip", TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  after = kith_test_dump (t);
  g_assert_cmpstr (after, ==, before);

  /* A already has it, as "VIP" */
  changed = kith_tags_apply (t->store, ids, 3, "vip", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, ids[1]);
  g_assert_cmpint (g_array_index (changed, gint64, 1), ==, ids[2]);
  g_assert_cmpuint (count_people (t, "tag:vip"), ==, 2);
  record = kith_store_get_record (t->store, ids[1], &error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "keywords")), ==, 2);

  /* Undone as the list's Undo does: taken from those it was added to */
  untagged = kith_tags_apply (t->store, (gint64 *) (gpointer) changed->data, changed->len, "vip", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (untagged->len, ==, 2);
  g_assert_cmpuint (count_people (t, "tag:vip"), ==, 1);
  g_assert_cmpuint (count_people (t, "tag:golf"), ==, 1);
}

static void
test_tags (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tags = NULL;
  g_autoptr(KithTag) golf = NULL;
  gint64 a, b;

  a = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"A\", \"keywords\": [\"VIP\", \"golf\"]}");
  b = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"B\", \"keywords\": [\"vip\", \"golfer\"]}");

  /* Tags are case-insensitive: one "VIP" */
  tags = kith_tags_list (t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 3);

  /* Renaming onto an existing tag merges them */
  g_assert_true (kith_tags_rename (t->store, "golfer", "golf", &error));
  g_assert_no_error (error);
  g_clear_object (&tags);
  tags = kith_tags_list (t->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (tags), ==, 2);
  golf = g_list_model_get_item (tags, 0);
  g_assert_cmpstr (kith_tag_get_name (golf), ==, "golf");
  g_assert_cmpuint (kith_tag_get_count (golf), ==, 2);

  g_assert_true (kith_tags_delete (t->store, "vip", &error));
  {
    g_autoptr(JsonObject) ra = kith_store_get_record (t->store, a, NULL);
    g_autoptr(JsonObject) rb = kith_store_get_record (t->store, b, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ra, "keywords")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rb, "keywords")), ==, 1);
  }
  g_assert_false (kith_tags_delete (t->store, "vip", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
}

/* The stored value of the custom field @key given @json as its value, or the error's message */
static char *
store_value (KithTestStore *t,
             const char    *key,
             const char    *json,
             gboolean      *out_ok)
{
  g_autofree char *record = g_strdup_printf ("{\"name\": \"New\", \"customFields\": [{\"id\": \"%s\", \"value\": %s}]}",
                                             key, json);
  g_autoptr(JsonObject) obj = kith_test_json (record);
  g_autoptr(JsonObject) rec = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_create_record (t->store, KITH_RECORD_PERSON, obj, NULL, &error);
  JsonArray *values;

  *out_ok = id != 0;
  if (id == 0)
    {
      g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
      return g_strdup (error->message);
    }

  rec = kith_store_get_record (t->store, id, NULL);
  values = json_object_get_array_member (rec, "customFields");
  g_assert_cmpuint (json_array_get_length (values), ==, 1);
  g_assert_true (kith_store_delete_record (t->store, id, NULL));
  return g_strdup (json_object_get_string_member (json_array_get_object_element (values, 0), "value"));
}

static void
test_amounts (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  static const struct { const char *value; const char *stored; } good[] = {
    { "\"$1,250,000.50\"", "1250000.50" },
    { "\"1250000.5 USD\"", "1250000.50" },
    { "\"usd 12\"", "12.00" },
    { "\"1 250 000,50\"", "1250000.50" },
    { "\"1.250.000,50 $\"", "1250000.50" },
    { "\"1'250'000.5\"", "1250000.50" },
    { "\"-$5\"", "-5.00" },
    { "\"12,5\"", "12.50" },
    { "\"1,250\"", "1250.00" },
    { "\"US$ 7\"", "7.00" },
    { "42", "42.00" },
    { "0.5", "0.50" },
    { "\"$.5\"", "0.50" },
  };
  static const struct { const char *value; const char *in_message; } bad[] = {
    { "\"1e3\"", "“1e3” is not an amount of money" },
    { "\"0x10\"", "“0x10” is not an amount of money" },
    { "\"12abc34\"", "“12abc34” is not an amount of money" },
    { "\"100 EUR\"", "“100 EUR” is not in USD" },
    { "\"€100\"", "“€100” is not in USD" },
    { "\"£ 3\"", "“£ 3” is not in USD" },
    { "\"1,25,000\"", "“1,25,000” is not an amount of money" },
    { "\"1.2.3,4.5\"", "“1.2.3,4.5” is not an amount of money" },
    { "\"12 34\"", "“12 34” is not an amount of money" },
    { "\"$\"", "“$” is not an amount of money" },
    { "\"5 USD USD\"", "“5 USD USD” is not an amount of money" },
    { "\"USD 5 USD\"", "“USD 5 USD” is not an amount of money" },
    { "\"1-2\"", "“1-2” is not an amount of money" },
    { "\".\"", "“.” is not an amount of money" },
    { "\"1,\"", "“1,” is not an amount of money" },
    { "\"12 xyz\"", "“12 xyz” is not an amount of money" },
    /* more than a double holds to the cent: it would be stored as another amount */
    { "\"9999999999999999999999\"", "“9999999999999999999999” is too large an amount" },
    { "\"-$90,071,992,547,410\"", "is too large an amount" },
  };

  add_all_fields (t);
  add_field (t, kith_field_definition_new (KITH_RECORD_PERSON, "Budget", "currency"));

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gboolean ok;
      g_autofree char *stored = store_value (t, "price", good[i].value, &ok);

      g_test_message ("%s → %s", good[i].value, stored);
      g_assert_true (ok);
      g_assert_cmpstr (stored, ==, good[i].stored);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gboolean ok;
      g_autofree char *message = store_value (t, "price", bad[i].value, &ok);

      g_test_message ("%s → %s", bad[i].value, message);
      g_assert_false (ok);
      g_assert_nonnull (strstr (message, "Price"));
      g_assert_nonnull (strstr (message, bad[i].in_message));
    }

  /* A field without a currency takes any known one, but still only a number */
  {
    gboolean ok;
    g_autofree char *euros = store_value (t, "budget", "\"€100\"", &ok);
    g_autofree char *garbage = NULL;

    g_assert_true (ok);
    g_assert_cmpstr (euros, ==, "100.00");
    garbage = store_value (t, "budget", "\"1e3\"", &ok);
    g_assert_false (ok);
    g_assert_nonnull (strstr (garbage, "“1e3” is not an amount of money"));
    g_clear_pointer (&garbage, g_free);

    /* Letters after the number are a currency code only when they are one */
    garbage = store_value (t, "budget", "\"12abc\"", &ok);
    g_assert_false (ok);
    g_assert_nonnull (strstr (garbage, "“12abc” is not an amount of money"));
    g_clear_pointer (&euros, g_free);
    euros = store_value (t, "budget", "\"12 chf\"", &ok);
    g_assert_true (ok);
    g_assert_cmpstr (euros, ==, "12.00");
  }
}

/* A decimal field takes numbers, not hex, infinity or what a double cannot hold; a deal's value
 * takes amounts of money */
static void
test_decimals (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  static const struct { const char *value; const char *stored; } cases[] = {
    { "\"2.5\"", "2.5" },
    { "\"-.5\"", "-0.5" },
    { "\"1e3\"", "1000" },
    { "0.25", "0.25" },
    { "\"0x10\"", NULL },
    { "\"0x1p3\"", NULL },
    { "\"inf\"", NULL },
    { "\"1e-400\"", NULL },
    { "\"1e400\"", NULL },
    { "\"12abc\"", NULL },
  };

  add_all_fields (t);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ok;
      g_autofree char *result = store_value (t, "commission_rate", cases[i].value, &ok);

      g_test_message ("%s → %s", cases[i].value, result);
      g_assert_cmpint (ok, ==, cases[i].stored != NULL);
      if (ok)
        g_assert_cmpstr (result, ==, cases[i].stored);
      else
        g_assert_nonnull (strstr (result, "is not a number"));
    }

  {
    /* A deal's value is money: text is read as a currency field reads it */
    static const char *bad_values[] = { "\"0x10\"", "\"1e3\"", "\"12abc34\"", "\"9999999999999999999999\"", "1e22" };
    static const char *messages[] = { "“0x10” is not an amount of money", "“1e3” is not an amount of money",
                                      "“12abc34” is not an amount of money",
                                      "“9999999999999999999999” is not an amount of money", "1e+22 is out of range" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"name\": \"Deal\", \"value\": %s}", bad_values[i]);
        g_autoptr(JsonObject) obj = kith_test_json (json);
        g_autoptr(GError) error = NULL;

        g_assert_cmpint (kith_store_create_record (t->store, KITH_RECORD_PROJECT, obj, NULL, &error), ==, 0);
        g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
        g_test_message ("%s → %s", bad_values[i], error->message);
        g_assert_nonnull (strstr (error->message, messages[i]));
      }
  }

  {
    g_autoptr(JsonObject) obj = kith_test_json ("{\"name\": \"Elm St\", \"value\": \"$500,000\"}");
    g_autoptr(JsonObject) record = NULL;
    g_autoptr(GError) error = NULL;
    gint64 id = kith_store_create_record (t->store, KITH_RECORD_PROJECT, obj, NULL, &error);

    g_assert_no_error (error);
    record = kith_store_get_record (t->store, id, NULL);
    g_assert_cmpfloat (json_object_get_double_member (record, "value"), ==, 500000.0);
  }
}

static void
test_integer_range (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  static const struct { const char *value; const char *stored; } cases[] = {
    { "\"9007199254740992\"", "9007199254740992" },
    { "\"-9007199254740992\"", "-9007199254740992" },
    { "-9007199254740992", "-9007199254740992" },
    { "\"9007199254740993\"", NULL },
    { "\"-9007199254740993\"", NULL },
    { "\"-9223372036854775808\"", NULL },
    { "-9223372036854775808", NULL },
    { "\"9223372036854775808\"", NULL },
  };

  add_all_fields (t);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ok;
      g_autofree char *result = store_value (t, "bedrooms", cases[i].value, &ok);

      g_test_message ("%s → %s", cases[i].value, result);
      g_assert_cmpint (ok, ==, cases[i].stored != NULL);
      if (ok)
        g_assert_cmpstr (result, ==, cases[i].stored);
      else
        g_assert_nonnull (strstr (result, "is out of range"));
    }
}

static void
test_text_controls (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gboolean ok;
  g_autofree char *text = NULL;

  add_all_fields (t);
  text = store_value (t, "favourite_colour", "\"\\u001b[2JTeal\\u009b\\nand\\tblue\"", &ok);
  g_assert_true (ok);
  g_assert_cmpstr (text, ==, "Teal\nand\tblue");
}

/* The customer segment's lead stage as the store has it now */
static KithStage *
read_lead_stage (KithTestStore *t)
{
  g_autoptr(GListModel) segments = kith_relationship_list_segments (t->store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);

      if (g_strcmp0 (kith_segment_get_key (segment), "customer") == 0)
        return g_object_ref (kith_segment_find_stage (segment, "lead"));
    }

  g_assert_not_reached ();
}

/* A step added to a stage is given the key it was saved under, so that saving the stage again
 * keeps that step instead of adding it a second time */
static void
test_stage_save_steps (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStage) lead = NULL;
  g_autoptr(KithStage) again = NULL;
  g_autoptr(GListStore) steps = NULL;
  g_autoptr(KithStep) added = kith_step_new (NULL, "Call back", NULL, 5);
  g_autoptr(KithStep) read = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  lead = read_lead_stage (t);
  g_assert_cmpuint (kith_stage_get_n_steps (lead), ==, 2);
  steps = kith_stage_dup_steps (lead);
  g_list_store_append (steps, added);

  for (guint round = 0; round < 2; round++)
    {
      kith_stage_save_steps_async (lead, t->store, G_LIST_MODEL (steps), kith_test_result_cb, &result);
      g_assert_true (kith_stage_save_steps_finish (lead, kith_test_wait_result (&result), &error));
      g_assert_no_error (error);
      g_clear_object (&result);
      g_assert_nonnull (kith_step_get_key (added));
      if (key == NULL)
        key = g_strdup (kith_step_get_key (added));
      g_assert_cmpstr (kith_step_get_key (added), ==, key);
      g_assert_cmpuint (kith_stage_get_n_steps (lead), ==, 3);
    }

  again = read_lead_stage (t);
  g_assert_cmpuint (kith_stage_get_n_steps (again), ==, 3);
  read = g_list_model_get_item (kith_stage_get_steps (again), 2);
  g_assert_cmpstr (kith_step_get_key (read), ==, key);
  g_assert_cmpstr (kith_step_get_name (read), ==, "Call back");
  g_assert_cmpint (kith_step_get_reminder_days (read), ==, 5);
  g_assert_null (kith_step_get_template (read));
}

/* A create the store may refuse: the record's id, or 0 */
static gint64
create_json (KithTestStore  *t,
             const char     *json,
             GError        **error)
{
  g_autoptr(JsonObject) obj = kith_test_json (json);

  return kith_store_create_record (t->store, KITH_RECORD_PERSON, obj, NULL, error);
}

static gboolean
update_json (KithTestStore  *t,
             gint64          id,
             const char     *json,
             GError        **error)
{
  g_autoptr(JsonObject) patch = kith_test_json (json);

  return kith_store_update_record (t->store, id, patch, error);
}

/* The typed path: a record read, its value set and saved, as the profile does */
static gboolean
save_typed_value (KithTestStore  *t,
                  gint64          id,
                  const char     *key,
                  const char     *value,
                  GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KithRecord) record = NULL;

  kith_store_get_record_async (t->store, id, NULL, kith_test_result_cb, &result);
  record = kith_store_get_record_finish (t->store, kith_test_wait_result (&result), NULL);
  g_clear_object (&result);
  g_assert_nonnull (record);
  kith_record_set_custom_value (record, key, value);
  kith_store_save_record_async (t->store, record, NULL, kith_test_result_cb, &result);
  return kith_store_save_record_finish (t->store, kith_test_wait_result (&result), error);
}

static void
assert_refused (GError     *error,
                const char *field,
                const char *segment)
{
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, field));
  g_assert_nonnull (strstr (error->message, segment));
}

/* A field limited to some segments and stages takes values only on records in them, whether
 * the value comes as JSON or from a typed record; a value a record holds may stay */
static void
test_scope_enforced (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 seller, buyer;

  add_all_fields (t);
  seller = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Seller\", \"segment\": \"Sellers\"}");
  before = kith_test_dump (t);

  /* must_haves: Buyers at any stage, Sellers when Hot */
  g_assert_cmpint (create_json (t, "{\"name\": \"Renter\", \"segment\": \"Renters\", "
                                                             "\"customFields\": [{\"id\": \"must_haves\", \"value\": [\"Pool\"]}]}", &error), ==, 0);
  assert_refused (error, "Must haves", "Renters");
  g_clear_error (&error);
  g_assert_cmpint (create_json (t, "{\"name\": \"Nobody\", "
                                                             "\"customFields\": [{\"id\": \"must_haves\", \"value\": [\"Pool\"]}]}", &error), ==, 0);
  assert_refused (error, "Must haves", "none");
  g_clear_error (&error);
  g_assert_false (update_json (t, seller, "{\"customFields\": [{\"id\": \"must_haves\", \"value\": \"Garage\"}]}", &error));
  assert_refused (error, "Must haves", "“Sellers” at stage “Warm”");
  g_clear_error (&error);
  g_assert_false (save_typed_value (t, seller, "must_haves", "Garage", &error));
  assert_refused (error, "Must haves", "Sellers");
  g_clear_error (&error);
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);

  /* In scope: written; the same write moving the record into scope is too */
  g_assert_true (update_json (t, seller, "{\"stage\": \"Hot\", \"customFields\": [{\"id\": \"must_haves\", \"value\": \"Garage\"}]}",
                              &error));
  g_assert_no_error (error);
  buyer = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Buyer\", \"segment\": \"Buyers\", "
                                                   "\"customFields\": [{\"id\": \"must_haves\", \"value\": [\"Pool\"]}]}");

  /* Moved out of scope, the record keeps its value, and saving its other values keeps it too;
   * changing it is refused, clearing it is not */
  g_assert_true (update_json (t, buyer, "{\"segment\": \"Renters\"}", &error));
  g_assert_no_error (error);
  g_assert_true (save_typed_value (t, buyer, "bedrooms", "3", &error));
  g_assert_no_error (error);
  g_assert_false (save_typed_value (t, buyer, "must_haves", "Garden", &error));
  assert_refused (error, "Must haves", "Renters");
  g_clear_error (&error);
  g_assert_true (save_typed_value (t, buyer, "must_haves", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) rec = kith_store_get_record (t->store, buyer, NULL);
    g_autofree char *json = json_to_string (json_node_init_object (json_node_alloc (), rec), FALSE);

    g_assert_null (strstr (json, "must_haves"));
    g_assert_nonnull (strstr (json, "bedrooms"));
  }
}

static KithFieldDefinition *
find_field (KithTestStore *t,
            const char    *key)
{
  g_autoptr(GListModel) fields = kith_fields_list (t->store, KITH_RECORD_PERSON, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(KithFieldDefinition) f = g_list_model_get_item (fields, i);

      if (g_strcmp0 (kith_field_definition_get_key (f), key) == 0)
        return g_steal_pointer (&f);
    }

  return NULL;
}

/* A field's name, section, choices and scope change; its key and type, which its values are
 * stored by, do not; values recorded stay */
static void
test_field_update (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithFieldDefinition) edited = NULL;
  g_autoptr(KithFieldDefinition) retyped = NULL;
  g_autoptr(KithFieldDefinition) unknown = NULL;
  g_autoptr(KithFieldDefinition) read = NULL;
  g_autoptr(JsonObject) rec = NULL;
  const char *segment, *stage;
  gint64 id;

  add_all_fields (t);
  id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Buyer\", \"segment\": \"Buyers\", "
                                                "\"customFields\": [{\"id\": \"lead_source\", \"value\": \"Zillow\"}]}");

  edited = g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "lead_source", "name", "Source", "field-type", "pick",
                         "section", "Listing", "options", (const char *[]) { "Zillow", "Billboard", NULL }, NULL);
  kith_field_definition_add_scope (edited, "Buyers", NULL);
  g_assert_true (kith_fields_update (t->store, edited, &error));
  g_assert_no_error (error);

  read = find_field (t, "lead_source");
  g_assert_cmpstr (kith_field_definition_get_name (read), ==, "Source");
  g_assert_cmpstr (kith_field_definition_get_section (read), ==, "Listing");
  g_assert_cmpstrv (kith_field_definition_get_options (read), ((const char *[]) { "Zillow", "Billboard", NULL }));
  g_assert_cmpuint (kith_field_definition_get_n_scopes (read), ==, 1);
  kith_field_definition_get_scope (read, 0, &segment, &stage);
  g_assert_cmpstr (segment, ==, "customer");
  g_assert_null (stage);
  rec = kith_store_get_record (t->store, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (rec, "customFields"), 0), "value"), ==, "Zillow");
  /* The new choice is one a value may take */
  g_assert_true (update_json (t, id, "{\"customFields\": [{\"id\": \"lead_source\", \"value\": \"billboard\"}]}", &error));
  g_assert_no_error (error);

  retyped = g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "lead_source", "name", "Source", "field-type", "text", NULL);
  g_assert_false (kith_fields_update (t->store, retyped, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "type"));
  g_clear_error (&error);
  unknown = g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "shoe_size", "name", "Shoe size", "field-type", "text", NULL);
  g_assert_false (kith_fields_update (t->store, unknown, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&read);
  read = find_field (t, "lead_source");
  g_assert_cmpstr (kith_field_definition_get_name (read), ==, "Source");
}

/* Segments are added with their stages, and removed only when nothing needs them */
static void
test_segments_add_remove (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(KithFieldDefinition) scoped = NULL;
  g_autofree char *landlords = NULL;
  g_autofree char *auctions = NULL;
  g_autofree char *again = NULL;
  gint64 id;
  gboolean found = FALSE;

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  landlords = kith_relationship_add_segment (t->store, "Landlords", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (landlords);
  auctions = kith_relationship_add_segment (t->store, "Auctions", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (auctions, !=, landlords);
  again = kith_relationship_add_segment (t->store, "landlords", FALSE, &error);
  g_assert_null (again);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kith_relationship_add_segment (t->store, "", FALSE, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);

  segments = kith_relationship_list_segments (t->store, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);

      if (g_strcmp0 (kith_segment_get_key (segment), auctions) != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (kith_segment_get_name (segment), ==, "Auctions");
      g_assert_true (kith_segment_get_for_deals (segment));
      g_assert_true (kith_segment_get_enabled (segment));
      g_assert_cmpuint (g_list_model_get_n_items (kith_segment_get_stages (segment)), ==, 5);
      g_assert_nonnull (kith_segment_find_stage (segment, "won"));
    }
  g_assert_true (found);

  /* A record in it by its name; while it is there, the segment stays */
  id = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Landlord\", \"segment\": \"Landlords\", \"stage\": \"Active\"}");
  g_assert_false (kith_relationship_remove_segment (t->store, landlords, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Landlords"));
  g_assert_nonnull (strstr (error->message, "1 record"));
  g_clear_error (&error);

  /* A field limited to it keeps it too */
  g_assert_true (update_json (t, id, "{\"segment\": \"Buyers\"}", &error));
  scoped = g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Units", "field-type", "integer", NULL);
  kith_field_definition_add_scope (scoped, "Landlords", NULL);
  g_assert_cmpint (kith_fields_add (t->store, scoped, &error), >, 0);
  g_assert_false (kith_relationship_remove_segment (t->store, landlords, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Units"));
  g_clear_error (&error);
  g_assert_true (kith_fields_remove (t->store, "units", &error));

  g_assert_true (kith_relationship_remove_segment (t->store, landlords, &error));
  g_assert_no_error (error);
  g_assert_false (kith_relationship_remove_segment (t->store, landlords, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kith_relationship_remove_segment (t->store, "project", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Its name no longer names a segment */
  g_assert_cmpint (create_json (t, "{\"name\": \"Other\", \"segment\": \"Landlords\"}", &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fields/all-types-round-trip", test_all_types_round_trip);
  g_test_add_func ("/fields/bad-values", test_bad_values);
  g_test_add_func ("/fields/definitions", test_definitions);
  g_test_add_func ("/fields/amounts", test_amounts);
  g_test_add_func ("/fields/integer-range", test_integer_range);
  g_test_add_func ("/fields/decimals", test_decimals);
  g_test_add_func ("/fields/text-controls", test_text_controls);
  g_test_add_func ("/relationship/presets-and-steps", test_presets_and_steps);
  g_test_add_func ("/tags/rename-merge-delete", test_tags);
  g_test_add_func ("/tags/apply", test_tags_apply);
  g_test_add_func ("/relationship/stage-save-steps", test_stage_save_steps);
  g_test_add_func ("/fields/scope-enforced", test_scope_enforced);
  g_test_add_func ("/fields/update", test_field_update);
  g_test_add_func ("/relationship/segments-add-remove", test_segments_add_remove);

  return g_test_run ();
}
