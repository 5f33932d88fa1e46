/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Kith's JSON file of everything: exported, imported into an empty data dir, exported again;
 * bad files; kith-cli export/import */

#include <string.h>

#define LIBICAL_GLIB_UNSTABLE_API 1
#include <libical-glib/libical-glib.h>

#include "kith-test-util.h"
#include "kith-json-format.h"

/* What differs between two stores holding the same data: the ids, sync keys and times the
 * store gave on writing, and when the file was written */
static const char *store_given[] = { "id", "syncKey", "firstSeen", "lastChanged", "lastContact",
                                     "exported", "recordId", "added", NULL };

static void
add_field (KithTestStore       *t,
           KithFieldDefinition *definition)
{
  g_autoptr(KithFieldDefinition) field = definition;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kith_fields_add (t->store, field, &error), >, 0);
  g_assert_no_error (error);
}

/* A segment of the user's own, with a stage renamed, next steps and a cadence */
static void
add_segment (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *key = kith_relationship_add_segment (t->store, "Golf buddies", FALSE, &error);

  g_assert_no_error (error);
  g_ptr_array_add (steps, kith_step_new (NULL, "Book a tee time", NULL, 2));
  g_ptr_array_add (steps, kith_step_new (NULL, "Send the scores", "Scores", 1));
  g_assert_true (kith_relationship_set_steps (t->store, key, "lead", steps, &error));
  g_assert_true (kith_relationship_rename_stage (t->store, key, "lead", "Prospect", &error));
  g_assert_true (kith_relationship_set_cadence (t->store, key, 14, &error));
  g_assert_no_error (error);
}

/* Made by hand: a custom field of each type, app links, occasions, tags, a view, to-dos done
 * and not, a meeting with participants, a note, a file */
static void
add_edge_cases (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) todo = NULL;
  g_autoptr(JsonObject) done = NULL;
  KithFieldDefinition *scoped;
  g_autofree char *preset = kith_relationship_dup_preset (t->store);
  gint64 ann, todo_id;

  /* Segments as a user has them: a preset chosen (the demo's, or on the first run) */
  if (preset == NULL)
    g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));

  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "colour", "name", "Colour", "field-type", "text",
                              "section", "Personal", NULL));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "source", "name", "Source", "field-type", "pick",
                              "options", (const char *[]) { "Web", "Referral", NULL }, NULL));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "closing", "name", "Closing", "field-type", "date",
                              "remind-yearly", TRUE, NULL));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "rooms", "name", "Rooms", "field-type", "integer", NULL));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "rate", "name", "Rate", "field-type", "decimal", NULL));
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "budget", "name", "Budget", "field-type", "currency",
                              "currency", "usd", NULL));
  scoped = g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "wants", "name", "Wants", "field-type", "multipick",
                         "options", (const char *[]) { "Pool", "Garden", NULL }, NULL);
  kith_field_definition_add_scope (scoped, "customer", NULL);
  add_field (t, scoped);
  add_field (t, g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "region", "name", "Region", "field-type", "text",
                              "applies-to", KITH_RECORD_COMPANY, NULL));

  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Edge Works\", \"domains\": [\"edge.example\"], "
                    "\"customFields\": [{\"id\": \"region\", \"value\": \"North\"}], "
                    "\"appLinks\": [{\"source\": \"crm.example.com\", \"uniqueid\": \"c-1\"}]}");
  ann = kith_test_create (t, KITH_RECORD_PERSON,
                          "{\"name\": \"Ann Edge\", \"emails\": [{\"value\": \"ann@edge.example\", \"work\": true}], "
                          "\"company\": \"Edge Works\", \"segment\": \"customer\", \"stage\": \"current\", "
                          "\"keywords\": [\"vip\", \"golf\"], \"birthday\": \"1980-02-29\", \"private\": true, "
                          "\"anniversaries\": [{\"label\": \"Wedding\", \"date\": \"2010-06-12\"}], "
                          "\"addresses\": [{\"street\": \"1 Main St\", \"city\": \"Springfield\", \"home\": true, \"lat\": 1.5, \"lng\": -2.25}], "
                          "\"appLinks\": [{\"source\": \"crm.example.com\", \"uniqueid\": \"p-1\", \"label\": \"Old CRM\", \"url\": \"https://crm.example.com/p-1\"}], "
                          "\"notes\": \"Line one\\nLine two\", \"cadence\": 30, "
                          "\"customFields\": [{\"id\": \"colour\", \"value\": \"Teal\"}, {\"id\": \"source\", \"value\": \"Web\"}, "
                          "{\"id\": \"closing\", \"value\": \"2027-01-15\"}, {\"id\": \"rooms\", \"value\": 3}, "
                          "{\"id\": \"rate\", \"value\": 2.5}, {\"id\": \"budget\", \"value\": \"$1,250,000.50\"}, "
                          "{\"id\": \"wants\", \"value\": [\"Pool\", \"Garden\"]}]}");
  kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Edge deal\", \"value\": 5000, \"currency\": \"USD\", "
                    "\"participants\": [\"ann@edge.example\"], \"start\": \"2026-01-01\", "
                    "\"appLinks\": [{\"source\": \"crm.example.com\", \"uniqueid\": \"d-1\"}]}");
  add_segment (t);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bea Green\", \"emails\": [{\"value\": \"bea@green.example\"}], "
                    "\"segment\": \"Golf buddies\", \"stage\": \"lead\", \"step\": \"Book a tee time\"}");
  g_assert_cmpint (kith_store_save_view (t->store, "Golfers", KITH_RECORD_PERSON, "golf", &error), >, 0);
  g_assert_no_error (error);

  meeting = kith_test_json ("{\"style\": \"meeting\", \"date\": 1767398400000, \"subject\": \"Lunch\", "
                            "\"location\": \"Café\", \"duration\": 3600, "
                            "\"participants\": [{\"value\": \"ann@edge.example\"}, {\"value\": \"guest@else.example\", \"name\": \"Guest\"}]}");
  g_assert_cmpint (kith_store_add_timeline_item (t->store, meeting, NULL, &error), >, 0);
  note = kith_test_json ("{\"style\": \"note\", \"date\": 1767225600000, \"body\": \"About Ann\", \"references\": [\"ann@edge.example\"]}");
  g_assert_cmpint (kith_store_add_timeline_item (t->store, note, NULL, &error), >, 0);
  todo = kith_test_json ("{\"subject\": \"Ring back\", \"when\": \"2026-01-05\", \"participants\": [\"ann@edge.example\"]}");
  g_assert_cmpint (kith_store_add_todo (t->store, todo, &error), >, 0);
  done = kith_test_json ("{\"subject\": \"Done thing\", \"when\": \"someday\"}");
  todo_id = kith_store_add_todo (t->store, done, &error);
  g_assert_true (kith_store_set_todo_done (t->store, todo_id, TRUE, &error));
  g_assert_cmpint (kith_store_add_file (t->store, ann, "file:///tmp/brochure.pdf", "brochure.pdf", 1234,
                                        "application/pdf", FALSE, &error), >, 0);
  g_assert_no_error (error);
}

static char *
export_text (KithTestStore *t)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const KithTransferFormat *json = kith_transfer_format_lookup ("json");

  g_assert_nonnull (json);
  g_assert_true (json->export (t->store, out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static KithImport *
import_text (KithTestStore *t,
             const char    *text,
             gboolean       dry_run,
             GError       **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);
  g_autoptr(KithImport) import = kith_import_new (t->store, dry_run);

  if (!kith_json_import (import, in, NULL, NULL, error) || !kith_import_finish (import, error))
    {
      kith_import_abort (import);
      return NULL;
    }

  return g_steal_pointer (&import);
}

static gint
compare_field_ids (gconstpointer a,
                   gconstpointer b)
{
  return g_strcmp0 (json_object_get_string_member (json_node_get_object (*(JsonNode **) a), "id"),
                    json_object_get_string_member (json_node_get_object (*(JsonNode **) b), "id"));
}

/* A record's custom values come in the order of the fields' sections, which an import makes in
 * the order it meets them: compared by the field's key instead (which is kept) */
static void
sort_custom_fields (JsonArray *values)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < json_array_get_length (values); i++)
    g_ptr_array_add (nodes, json_node_ref (json_array_get_element (values, i)));
  g_ptr_array_sort (nodes, compare_field_ids);
  while (json_array_get_length (values) > 0)
    json_array_remove_element (values, 0);
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (values, json_node_ref (g_ptr_array_index (nodes, i)));
}

static void
strip_store_given (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = NULL;

      for (guint i = 0; store_given[i] != NULL; i++)
        json_object_remove_member (object, store_given[i]);
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        if (strcmp (l->data, "customFields") == 0)
          sort_custom_fields (json_object_get_array_member (object, l->data));
        else
          strip_store_given (json_object_get_member (object, l->data));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      strip_store_given (json_array_get_element (json_node_get_array (node), i));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* The file's sections with what the store gave taken out, each element as text, sorted (the
 * timeline is written by record, and the records' ids order them) */
static char *
normalize (const char *text)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GList) sections = NULL;

  g_assert_nonnull (root);
  strip_store_given (root);
  sections = json_object_get_members (json_node_get_object (root));
  for (GList *l = sections; l != NULL; l = l->next)
    {
      JsonNode *section = json_object_get_member (json_node_get_object (root), l->data);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      if (!JSON_NODE_HOLDS_ARRAY (section))
        {
          g_autofree char *value = json_to_string (section, FALSE);

          g_string_append_printf (out, "%s: %s\n", (char *) l->data, value);
          continue;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (section)); i++)
        g_ptr_array_add (lines, json_to_string (json_array_get_element (json_node_get_array (section), i), FALSE));
      g_ptr_array_sort (lines, compare_strings);
      g_string_append_printf (out, "%s:\n", (char *) l->data);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (lines, i));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_same_data (const char *a,
                  const char *b)
{
  g_autofree char *na = normalize (a);
  g_autofree char *nb = normalize (b);

  g_assert_cmpstr (na, ==, nb);
}

static char *
export_normalized (KithTestStore *t)
{
  g_autofree char *text = export_text (t);

  return normalize (text);
}

/* Exported, imported into an empty data dir and exported again, the data reads the same */
static void
test_round_trip (void)
{
  g_autoptr(KithTestStore) from = kith_test_store_new ();
  g_autoptr(KithTestStore) to = kith_test_store_new ();
  g_autoptr(KithImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint n_records;

  g_assert_true (kith_demo_generate (from->store, 60, 300, 7, NULL, NULL, &error));
  g_assert_no_error (error);
  add_edge_cases (from);
  first = export_text (from);
  g_assert_true (g_str_has_prefix (first, "{\"format\":\"kith-export\",\"version\":1,"));

  import = import_text (to, first, FALSE, &error);
  g_assert_no_error (error);
  n_records = kith_store_count (from->store, KITH_RECORD_PERSON, "", NULL) +
              kith_store_count (from->store, KITH_RECORD_COMPANY, "", NULL) +
              kith_store_count (from->store, KITH_RECORD_PROJECT, "", NULL);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_CREATED), ==, n_records);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_REJECTED), ==, 0);

  second = export_text (to);
  assert_same_data (first, second);
}

/* A second import of the same file into the store it filled changes nothing */
static void
test_second_import (void)
{
  g_autoptr(KithTestStore) from = kith_test_store_new ();
  g_autoptr(KithTestStore) to = kith_test_store_new ();
  g_autoptr(KithImport) first = NULL;
  g_autoptr(KithImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *export_before = NULL;
  g_autofree char *export_after = NULL;

  add_edge_cases (from);
  text = export_text (from);
  first = import_text (to, text, FALSE, &error);
  g_assert_no_error (error);

  to->now += 86400000;
  before = kith_test_dump (to);
  export_before = export_normalized (to);
  again = import_text (to, text, FALSE, &error);
  g_assert_no_error (error);
  after = kith_test_dump (to);
  export_after = export_normalized (to);

  g_assert_cmpuint (kith_import_get_count (first, KITH_IMPORT_REJECTED), ==, 0);
  g_assert_cmpuint (kith_import_get_count (again, KITH_IMPORT_UNCHANGED), ==, 4);
  g_assert_cmpuint (kith_import_get_count (again, KITH_IMPORT_CREATED), ==, 0);
  g_assert_cmpuint (kith_import_get_count (again, KITH_IMPORT_UPDATED), ==, 0);
  g_assert_cmpuint (kith_import_get_count (again, KITH_IMPORT_REJECTED), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (export_before, ==, export_after);
}

static guint
count_all (KithTestStore *t)
{
  return kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL) +
         kith_store_count (t->store, KITH_RECORD_COMPANY, "", NULL) +
         kith_store_count (t->store, KITH_RECORD_PROJECT, "", NULL);
}

/* A deal with no app link has no key but its sync key: imported into the data dir it came from,
 * or a second time into another, it is found again, not added twice */
static void
test_deal_without_app_link (void)
{
  g_autoptr(KithTestStore) from = kith_test_store_new ();
  g_autoptr(KithTestStore) to = kith_test_store_new ();
  g_autoptr(KithImport) home = NULL;
  g_autoptr(KithImport) first = NULL;
  g_autoptr(KithImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  kith_test_create (from, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\", \"emails\": [{\"value\": \"ann@example.com\"}]}");
  kith_test_create (from, KITH_RECORD_PROJECT, "{\"name\": \"Roof repair\", \"value\": 1200, "
                                               "\"participants\": [\"ann@example.com\"]}");
  kith_test_create (from, KITH_RECORD_PROJECT, "{\"name\": \"Roof repair\", \"value\": 800}");
  text = export_text (from);

  from->now += 86400000;
  before = kith_test_dump (from);
  home = import_text (from, text, FALSE, &error);
  g_assert_no_error (error);
  after = kith_test_dump (from);
  g_assert_cmpuint (kith_import_get_count (home, KITH_IMPORT_CREATED), ==, 0);
  g_assert_cmpuint (kith_import_get_count (home, KITH_IMPORT_UNCHANGED), ==, 3);
  g_assert_cmpuint (kith_store_count (from->store, KITH_RECORD_PROJECT, "", NULL), ==, 2);
  g_assert_cmpstr (before, ==, after);

  first = import_text (to, text, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_import_get_count (first, KITH_IMPORT_CREATED), ==, 3);
  to->now += 86400000;
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = kith_test_dump (to);
  again = import_text (to, text, FALSE, &error);
  g_assert_no_error (error);
  after = kith_test_dump (to);
  g_assert_cmpuint (kith_import_get_count (again, KITH_IMPORT_CREATED), ==, 0);
  g_assert_cmpuint (kith_import_get_count (again, KITH_IMPORT_UNCHANGED), ==, 3);
  g_assert_cmpuint (count_all (to), ==, 3);
  g_assert_cmpstr (before, ==, after);
}

/* A dry run counts, and writes nothing: not the records, nor the fields, views or timeline */
static void
test_dry_run (void)
{
  g_autoptr(KithTestStore) from = kith_test_store_new ();
  g_autoptr(KithTestStore) to = kith_test_store_new ();
  g_autoptr(KithImport) dry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_edge_cases (from);
  text = export_text (from);
  before = export_text (to);
  dry = import_text (to, text, TRUE, &error);
  g_assert_no_error (error);
  after = export_text (to);

  g_assert_cmpuint (kith_import_get_count (dry, KITH_IMPORT_CREATED), ==, 4);
  assert_same_data (before, after);
}

static void
assert_refused (const char *text,
                const char *expected)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithImport) import = NULL;
  g_autofree char *before = kith_test_dump (t);
  g_autofree char *after = NULL;

  import = import_text (t, text, FALSE, &error);
  if (import != NULL)
    g_error ("“%s” was read as an export", text);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);
}

/* A file that is not an export of this Kith is refused whole, saying why */
static void
test_bad_files (void)
{
  assert_refused ("", "empty");
  assert_refused ("this is not JSON\n", "");
  assert_refused ("\xff\xfe\x00\x01binary\n", "UTF-8");
  assert_refused ("{\"format\":\"something-else\",\"version\":1\n}\n", "format");
  assert_refused ("{\"format\":\"kith-export\",\"version\":99\n}\n", "newer");
  assert_refused ("[1, 2, 3]\n", "JSON object");
  assert_refused ("{\"format\":\"kith-export\",\"version\":1\n, \"people\": [\n    {\"name\": \"A\"}\n", "ends at line 3");
  assert_refused ("{\"format\":\"kith-export\",\"version\":1\n, \"people\": [\n  ]\nwhat\n}\n", "Line 4");
}

/* A record that fails a check is refused by its place in the file, and nothing of it is written;
 * the records around it are */
static void
test_bad_record (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = NULL;
  g_autoptr(GError) error = NULL;
  const KithImportRejection *r;
  const char *text =
    "{\"format\":\"kith-export\",\"version\":1\n"
    ", \"people\": [\n"
    "    {\"id\":1,\"name\":\"Ann\",\"emails\":[{\"value\":\"ann@example.com\"}]}\n"
    "  , {\"id\":2,\"name\":\"Cy\",\"birthday\":\"10000-01-01\"}\n"
    "  , {\"id\":3,\"name\":\"Bo\",\"emails\":[{\"value\":\"bo@example.com\"}]}\n"
    "  , not json\n"
    "  ]\n"
    "}\n";

  import = import_text (t, text, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_CREATED), ==, 2);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_REJECTED), ==, 2);
  r = kith_import_get_rejection (import, 0);
  /* A record's row is its line in the file */
  g_assert_cmpuint (r->row, ==, 4);
  g_assert_nonnull (strstr (r->reason, "10000"));
  r = kith_import_get_rejection (import, 1);
  g_assert_cmpuint (r->row, ==, 6);
  g_assert_nonnull (strstr (r->reason, "people #4"));
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "Cy", NULL), ==, 0);
}

/* A file pretty-printed by another tool is read whole, to the same effect */
static void
test_pretty_printed (void)
{
  g_autoptr(KithTestStore) from = kith_test_store_new ();
  g_autoptr(KithTestStore) to = kith_test_store_new ();
  g_autoptr(KithImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) root = NULL;

  add_edge_cases (from);
  text = export_text (from);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  pretty = json_to_string (root, TRUE);

  import = import_text (to, pretty, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_CREATED), ==, 4);
  again = export_text (to);
  assert_same_data (text, again);
}

/* The first component of @kind in @calendar whose SUMMARY is @summary (a new reference) */
static ICalComponent *
find_component (ICalComponent     *calendar,
                ICalComponentKind  kind,
                const char        *summary)
{
  for (ICalComponent *c = i_cal_component_get_first_component (calendar, kind); c != NULL;
       c = i_cal_component_get_next_component (calendar, kind))
    {
      if (g_strcmp0 (i_cal_component_get_summary (c), summary) == 0)
        return c;
      g_object_unref (c);
    }

  return NULL;
}

static char *
property_text (ICalComponent  *component,
               ICalPropertyKind kind)
{
  ICalProperty *p = i_cal_component_get_first_property (component, kind);
  char *text = p != NULL ? i_cal_property_get_value_as_string (p) : NULL;

  g_clear_object (&p);
  return text;
}

/* To-dos as VTODO and meetings as VEVENT, read back with libical */
static void
test_ical (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const KithTransferFormat *ical = kith_transfer_format_lookup ("ical");
  ICalComponent *calendar;
  ICalComponent *todo, *done, *meeting;
  ICalTime *due, *start;
  ICalDuration *duration;
  g_autofree char *text = NULL;
  g_autofree char *attendee = NULL;
  g_autofree char *todo_attendee = NULL;
  g_autofree char *location = NULL;
  guint n_events = 0;

  add_edge_cases (t);
  g_assert_nonnull (ical);
  g_assert_null (ical->import);
  g_assert_true (ical->export (t->store, out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  calendar = i_cal_parser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (i_cal_component_isa (calendar), ==, I_CAL_VCALENDAR_COMPONENT);

  todo = find_component (calendar, I_CAL_VTODO_COMPONENT, "Ring back");
  g_assert_nonnull (todo);
  due = i_cal_component_get_due (todo);
  g_assert_true (i_cal_time_is_date (due));
  g_assert_cmpint (i_cal_time_get_year (due), ==, 2026);
  g_assert_cmpint (i_cal_time_get_month (due), ==, 1);
  g_assert_cmpint (i_cal_time_get_day (due), ==, 5);
  g_assert_cmpint (i_cal_component_get_status (todo), ==, I_CAL_STATUS_NEEDSACTION);
  todo_attendee = property_text (todo, I_CAL_ATTENDEE_PROPERTY);
  g_assert_cmpstr (todo_attendee, ==, "mailto:ann@edge.example");
  g_assert_nonnull (strstr (i_cal_component_get_description (todo), "Ann Edge"));

  done = find_component (calendar, I_CAL_VTODO_COMPONENT, "Done thing");
  g_assert_nonnull (done);
  g_assert_cmpint (i_cal_component_get_status (done), ==, I_CAL_STATUS_COMPLETED);

  meeting = find_component (calendar, I_CAL_VEVENT_COMPONENT, "Lunch");
  g_assert_nonnull (meeting);
  start = i_cal_component_get_dtstart (meeting);
  g_assert_cmpint (i_cal_time_as_timet (start), ==, 1767398400);
  g_assert_true (i_cal_time_is_utc (start));
  duration = i_cal_component_get_duration (meeting);
  g_assert_cmpint (i_cal_duration_as_int (duration), ==, 3600);
  location = property_text (meeting, I_CAL_LOCATION_PROPERTY);
  g_assert_cmpstr (location, ==, "Café");
  attendee = property_text (meeting, I_CAL_ATTENDEE_PROPERTY);
  g_assert_cmpstr (attendee, ==, "mailto:ann@edge.example");
  g_assert_cmpint (i_cal_component_count_properties (meeting, I_CAL_ATTENDEE_PROPERTY), ==, 2);

  /* Only meetings: the note is not an event */
  for (ICalComponent *c = i_cal_component_get_first_component (calendar, I_CAL_VEVENT_COMPONENT); c != NULL;
       c = i_cal_component_get_next_component (calendar, I_CAL_VEVENT_COMPONENT))
    {
      n_events++;
      g_object_unref (c);
    }
  g_assert_cmpuint (n_events, ==, 1);

  g_object_unref (due);
  g_object_unref (start);
  g_object_unref (duration);
  g_object_unref (todo);
  g_object_unref (done);
  g_object_unref (meeting);
  g_object_unref (calendar);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* Both ways report how far they are, to the end; a cancelled import writes nothing */
static void
test_progress_and_cancel (void)
{
  g_autoptr(KithTestStore) from = kith_test_store_new ();
  g_autoptr(KithTestStore) to = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(KithImport) import = NULL;
  g_autoptr(KithImport) cancelled = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *path = g_build_filename (from->dir, "all.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  double exported = 0, imported = 0;
  KithExportOptions export_options = { .progress = on_progress, .progress_data = &exported };
  KithImportOptions import_options = { .progress = on_progress, .progress_data = &imported };

  add_edge_cases (from);
  file = g_file_new_for_path (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_true (kith_json_export (from->store, G_OUTPUT_STREAM (out), &export_options, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (exported, ==, 1.0);

  before = kith_test_dump (to);
  in = g_file_read (file, NULL, &error);
  cancelled = kith_import_new (to->store, FALSE);
  g_cancellable_cancel (cancel);
  g_assert_false (kith_json_import (cancelled, G_INPUT_STREAM (in), &import_options, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  kith_import_abort (cancelled);
  after = kith_test_dump (to);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_clear_object (&in);

  in = g_file_read (file, NULL, &error);
  import = kith_import_new (to->store, FALSE);
  g_assert_true (kith_json_import (import, G_INPUT_STREAM (in), &import_options, NULL, &error));
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (imported, ==, 1.0);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_CREATED), ==, 4);
}

static int
run_cli (const char *data_dir,
         char      **out,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KITH_CLI"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  va_start (args, out);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, out, NULL, &error));
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (proc);
}

/* kith-cli export --format json, then import of the file into another data dir */
static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-json-XXXXXX", NULL);
  g_autofree char *from = g_build_filename (dir, "from", NULL);
  g_autofree char *to = g_build_filename (dir, "to", NULL);
  g_autofree char *file = g_build_filename (dir, "all.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpint (run_cli (from, &out, "add", "person", "--name", "Ann", "--email", "ann@example.com", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (from, &out, "export", "--format", "json", "--output", file, NULL), ==, 0);
  g_assert_true (g_file_get_contents (file, &first, NULL, NULL));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (to, &out, "import", "--dry-run", file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 new"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (to, &out, "import", file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 new"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (to, &out, "import", file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 unchanged"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (to, &second, "export", "--format", "json", NULL), ==, 0);
  assert_same_data (first, second);

  kith_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/round-trip", test_round_trip);
  g_test_add_func ("/json/second-import", test_second_import);
  g_test_add_func ("/json/dry-run", test_dry_run);
  g_test_add_func ("/json/deal-without-app-link", test_deal_without_app_link);
  g_test_add_func ("/json/bad-files", test_bad_files);
  g_test_add_func ("/json/bad-record", test_bad_record);
  g_test_add_func ("/json/pretty-printed", test_pretty_printed);
  g_test_add_func ("/json/cli", test_cli);
  g_test_add_func ("/json/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/ical/export", test_ical);

  return g_test_run ();
}
