/* SPDX-License-Identifier: GPL-3.0-or-later */

/* kith-cli as a script uses it: exit codes, stderr, stable JSON. */

#include <sqlite3.h>

#include "kith-test-util.h"

static const char *cli;

#define TYPED_OUTPUT_TIMELINE \
  "[{\"id\":4,\"date\":1767484800000,\"style\":\"note\",\"preview\":\"About Acme\",\"body\":\"About Acme\",\"people\":[{\"role\":\"about\",\"value\":\"#1\",\"name\":\"Acme\",\"recordId\":1}]}," \
  "{\"id\":3,\"date\":1767398400000,\"style\":\"meeting\",\"subject\":\"Lunch\",\"location\":\"Caf\303\251\",\"people\":[{\"role\":\"participant\",\"value\":\"ada@acme.com\",\"name\":\"Ada Lovelace\",\"recordId\":2}]}," \
  "{\"id\":2,\"date\":1767348000000,\"style\":\"call\",\"direction\":\"outbound\",\"outcome\":\"leftvm\",\"duration\":300,\"people\":[{\"role\":\"participant\",\"value\":\"#2\",\"name\":\"Ada Lovelace\",\"recordId\":2}]}," \
  "{\"id\":1,\"date\":1767225600000,\"style\":\"email\",\"subject\":\"Plans\",\"preview\":\"Hi\",\"body\":\"<p>Hi</p>\",\"bodytype\":\"html\",\"direction\":\"inbound\",\"threadid\":\"t1\",\"messageid\":\"<m1@acme.com>\",\"source\":\"org.example.app\",\"uniqueid\":\"u1\",\"account\":\"acct\",\"links\":[\"https://acme.com/a\"]," \
  "\"people\":[{\"role\":\"from\",\"value\":\"ada@acme.com\",\"name\":\"Ada Lovelace\",\"recordId\":2}," \
  "{\"role\":\"to\",\"value\":\"bob@example.org\",\"name\":\"Bob\"}," \
  "{\"role\":\"cc\",\"value\":\"cc@example.org\"}]}]"
#define TYPED_OUTPUT_TODOS \
  "[{\"id\":1,\"subject\":\"Ring back\",\"when\":\"2026-01-05\",\"done\":false,\"participants\":[{\"id\":2,\"name\":\"Ada Lovelace\"}]}," \
  "{\"id\":2,\"subject\":\"Someday thing\",\"when\":\"someday\",\"done\":true,\"participants\":[]}]"
#define TYPED_OUTPUT_AGENDA \
  "{\"date\":\"2026-01-03\",\"todos\":{\"overdue\":[],\"today\":[]," \
  "\"upcoming\":[{\"id\":1,\"subject\":\"Ring back\",\"when\":\"2026-01-05\",\"participants\":[{\"id\":2,\"name\":\"Ada Lovelace\",\"kind\":0}]," \
  "\"inDays\":2}],\"someday\":[]},\"reminders\":[]," \
  "\"occasions\":[{\"recordId\":2,\"name\":\"Ada Lovelace\",\"label\":\"Birthday\",\"date\":\"2026-01-10\",\"inDays\":7,\"years\":211}]," \
  "\"stayInTouch\":[]," \
  "\"needsReply\":[{\"itemId\":1,\"subject\":\"Plans\",\"date\":1767225600000,\"preview\":\"Hi\",\"recordId\":2,\"name\":\"Ada Lovelace\"}]," \
  "\"meetings\":[{\"itemId\":3,\"subject\":\"Lunch\",\"date\":1767398400000,\"location\":\"Caf\303\251\",\"people\":[{\"id\":2,\"name\":\"Ada Lovelace\"}]}]," \
  "\"upcomingMeetings\":[]," \
  "\"counts\":{\"todos\":0,\"reminders\":0,\"occasions\":1,\"stayInTouch\":0,\"needsReply\":1,\"meetings\":1}}"
#define TYPED_OUTPUT_AUDIT \
  "[{\"id\":1,\"recordId\":2,\"syncKey\":0,\"field\":\"segment\",\"before\":null,\"after\":\"customer\",\"at\":0}," \
  "{\"id\":2,\"recordId\":2,\"syncKey\":0,\"field\":\"stage\",\"before\":null,\"after\":\"current\",\"at\":0}]"

static int
run (const char  *data_dir,
     const char  *input,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  va_start (args, err);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                            (input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0), &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input, NULL, out, err, &error));
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (proc);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) got = NULL;
  JsonObject *person;

  g_assert_cmpint (run (dir, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"], \"keywords\": [\"vip\"]}",
                        &out, &err, "add", "person", "--json", "-", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "get", "ada@acme.com", "--json", NULL), ==, 0);
  got = parse (out);
  person = json_node_get_object (got);
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Ada Lovelace");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (person, "keywords"), 0), ==, "vip");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "update", "ada@acme.com", "--headline", "Countess", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "tag:vip", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) found = parse (out);
    JsonArray *records = json_node_get_array (found);

    g_assert_cmpuint (json_array_get_length (records), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 0), "headline"), ==, "Countess");
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "delete", "ada@acme.com", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "get", "ada@acme.com", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "ada@acme.com"));

  kith_test_rm_rf (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;

  /* A bad query: exit 1, the term named on stderr */
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "stage:active colour:red", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "kith-cli: "));
  g_assert_nonnull (strstr (err, "colour"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An unknown member: refused, nothing written */
  g_assert_cmpint (run (dir, "{\"name\": \"Bob\", \"favourite\": \"colour\"}", &out, &err, "add", "person", "--json", "-", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "favourite"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--count", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "0\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: exit 2 */
  g_assert_cmpint (run (dir, NULL, &out, &err, "frobnicate", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--sort", "colour", NULL), ==, 2);

  kith_test_rm_rf (dir);
}

static char *
records_without_volatile (const char *dir)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *records;

  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--limit", "0", "--json", NULL), ==, 0);
  node = parse (out);
  records = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *r = json_array_get_object_element (records, i);
      static const char *volatile_members[] = { "syncKey", "firstSeen", "lastChanged", "lastContact", "stepSince",
                                                "companySyncKey" };

      for (guint m = 0; m < G_N_ELEMENTS (volatile_members); m++)
        if (json_object_has_member (r, volatile_members[m]))
          json_object_remove_member (r, volatile_members[m]);
    }

  return json_to_string (node, FALSE);
}

static void
test_demo_merge_stats (void)
{
  g_autofree char *a = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *b = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *first = NULL, *second = NULL;

  g_assert_cmpint (run (a, NULL, &out, &err, "demo", "--people", "60", "--interactions", "300", "--seed", "9", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (b, NULL, &out, &err, "demo", "--people", "60", "--interactions", "300", "--seed", "9", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same seed, the same records */
  first = records_without_volatile (a);
  second = records_without_volatile (b);
  g_assert_cmpstr (first, ==, second);

  g_assert_cmpint (run (a, NULL, &out, &err, "stats", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) stats = parse (out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (stats), "people"), ==, 60);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (stats), "timeline"), ==, 300);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The demo makes its three companies first */
  g_assert_cmpint (run (a, NULL, &out, &err, "merge", "#1", "#2", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (a, NULL, &out, &err, "find", "--kind", "company", "--count", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "2\n");

  kith_test_rm_rf (a);
  kith_test_rm_rf (b);
}

/* Hostile JSON input is refused with a message; it neither crashes kith-cli nor is changed */
static void
test_hostile_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *deep = g_strnfill (80000, '[');
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (dir, deep, &out, &err, "add", "person", "--json", "-", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "kith-cli: "));
  g_assert_nonnull (strstr (err, "nested more than 64 deep"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, "{\"name\": \"Ann\\u0000Evil\"}", &out, &err, "add", "person", "--json", "-", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "\\u0000"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, "{\"style\": \"call\", \"duration\": 18446744073709551615}", &out, &err, "log", "--json", "-", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "18446744073709551615"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A negative duration is refused, not taken for none */
  g_assert_cmpint (run (dir, NULL, &out, &err, "log", "--style", "call", "--duration", "-5", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "The duration must be a number of seconds up to a week"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A date after the year 9999 is refused; sorting by last contact then still prints dates */
  g_assert_cmpint (run (dir, "{\"name\": \"Ann\", \"emails\": [\"ann@example.com\"]}", &out, &err, "add", "person", "--json", "-", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, "{\"style\": \"call\", \"date\": 9223372036854775807, \"participants\": [\"ann@example.com\"]}",
                        &out, &err, "log", "--json", "-", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "9223372036854775807"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "log", "--style", "call", "--with", "ann@example.com", "--date", "9223372036854775807", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "9223372036854775807"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--sort", "last-contact", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Ann"));
  g_assert_null (strstr (out, "(null)"));
  g_assert_cmpstr (err, ==, "");

  kith_test_rm_rf (dir);
}

/* A sender's name with terminal escapes does not reach the terminal of whoever lists contacts */
static void
test_control_characters (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (dir, "{\"name\": \"Eve\\u001b]0;owned\\u0007\\u001b[2J\\u009b Smith\"}", &out, &err,
                        "add", "person", "--json", "-", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "add", "person", "--name", "Mallory\033[31m", "--headline", "Red\033[0m", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "add", "Ring\033[2J back", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "find", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Eve Smith"));
  g_assert_nonnull (strstr (out, "Mallory"));
  g_assert_null (strstr (out, "owned"));
  g_assert_null (strstr (out, "[31m"));
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\007'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Ring back"));
  g_assert_null (strchr (out, '\033'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A name stored before control characters were refused (from a hostile mail) and an
   * identifier typed with one are printed without them */
  {
    g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE records SET name = 'Old\033]0;owned\007\033[2JName', "
                                       "headline = 'Head\033[5m' WHERE name = 'Mallory'", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_changes (db), ==, 1);
    sqlite3_close (db);
  }
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "OldName"));
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\007'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "get", "#2", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "OldName"));
  g_assert_nonnull (strstr (out, "Head"));
  g_assert_null (strchr (out, '\033'));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "get", "nobody\033[2J", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nobody"));
  g_assert_null (strchr (err, '\033'));

  kith_test_rm_rf (dir);
}

/* "update --field key=value" changes that custom field and leaves the others as they were */
static void
test_update_one_field (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) got = NULL;
  JsonArray *fields;

  {
    g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(KithStore) store = kith_store_open (path, &error);
    g_autoptr(KithFieldDefinition) rooms = kith_field_definition_new (KITH_RECORD_PERSON, "Rooms", "integer");
    g_autoptr(KithFieldDefinition) budget =
      g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Budget", "field-type", "currency", "currency", "USD", NULL);

    g_assert_no_error (error);
    g_assert_cmpint (kith_fields_add (store, rooms, &error), >, 0);
    g_assert_cmpint (kith_fields_add (store, budget, &error), >, 0);
    g_assert_no_error (error);
  }

  g_assert_cmpint (run (dir, NULL, &out, &err, "add", "person", "--name", "Ada", "--email", "ada@example.com",
                        "--field", "rooms=3", "--field", "budget=$500", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "update", "ada@example.com", "--field", "Rooms=4", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "get", "ada@example.com", "--json", NULL), ==, 0);
  got = parse (out);
  fields = json_object_get_array_member (json_node_get_object (got), "customFields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      g_assert_cmpstr (json_object_get_string_member (field, "value"), ==,
                       g_str_equal (json_object_get_string_member (field, "id"), "rooms") ? "4" : "500.00");
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&got, json_node_unref);

  /* An empty value clears that field only */
  g_assert_cmpint (run (dir, NULL, &out, &err, "update", "ada@example.com", "--field", "budget=", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "get", "ada@example.com", "--json", NULL), ==, 0);
  got = parse (out);
  fields = json_object_get_array_member (json_node_get_object (got), "customFields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "id"), ==, "rooms");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "value"), ==, "4");

  kith_test_rm_rf (dir);
}

static void
test_strict_arguments (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *wal = g_build_filename (dir, "kith.db-wal", NULL);
  g_autofree char *out = NULL, *err = NULL;
  static const char *bad_ids[] = { "1abc", "#1x", "", "#", "+1", "0", " 1", "99999999999999999999" };
  GStatBuf st;

  g_assert_cmpint (run (dir, NULL, &out, &err, "add", "person", "--name", "Vic", "--tag", "vip", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The store is closed after a write: its log is folded into the database */
  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);

  g_assert_cmpint (run (dir, NULL, &out, &err, "add", "person", "--name", "Nora", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "add", "Call", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "done", bad_ids[i], NULL), ==, 2);
      g_assert_nonnull (strstr (err, "is not a to-do number"));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "list", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) todos = parse (out);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (todos)), ==, 1);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "done", "#1", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autofree char *record = g_strconcat ("#", bad_ids[i][0] == '#' ? bad_ids[i] + 1 : bad_ids[i], NULL);

      g_assert_cmpint (run (dir, NULL, &out, &err, "get", record, NULL), ==, 1);
      g_assert_nonnull (strstr (err, record));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
  g_assert_cmpint (run (dir, NULL, &out, &err, "get", "#1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Vic"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A term that leaves something out needs no “--”; with it, the same */
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "-tag:vip", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nora"));
  g_assert_null (strstr (out, "Vic"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--count", "--", "-tag:vip", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "nora", "OR", "-name:nora", "--count", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "2\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An option's value that starts with “-” is the option's, not a term */
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--limit", "-1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "cannot be negative"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--limit", "1", "-tag:vip", "--count", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A misspelt option is still one */
  g_assert_cmpint (run (dir, NULL, &out, &err, "find", "--cuont", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--cuont"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A lone “-”, too many terms, too deep: errors with a position, not SQLite's */
  {
    g_autoptr(GString) words = g_string_new (NULL);
    g_autoptr(GString) nested = g_string_new (NULL);
    const char *queries[3];

    for (guint i = 0; i < 2000; i++)
      g_string_append (words, "a ");
    for (guint i = 0; i < 1300; i++)
      g_string_append (nested, "-(");
    g_string_append (nested, "a");
    for (guint i = 0; i < 1300; i++)
      g_string_append_c (nested, ')');
    queries[0] = "vic -";
    queries[1] = words->str;
    queries[2] = nested->str;

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_assert_cmpint (run (dir, NULL, &out, &err, "find", queries[i], NULL), ==, 1);
        g_test_message ("%.20s… → %s", queries[i], err);
        g_assert_nonnull (strstr (err, "at position"));
        g_assert_null (strstr (err, "Database error"));
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
      }
  }

  kith_test_rm_rf (dir);
}

/* The settings kith-cli prints: a store with every kind of segment, stage, step and custom
 * field, printed exactly as the expected files in tests/core/cli/ say */
static void
fill_settings (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = kith_store_open (path, &error);
  g_autoptr(KithFieldDefinition) must_haves =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Must haves", "field-type", "multipick",
                  "options", (const char *[]) { "Pool", "Garage", NULL }, "section", "Home search", NULL);
  KithFieldDefinition *fields[] = {
    kith_field_definition_new (KITH_RECORD_PERSON, "Rooms", "integer"),
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Budget", "field-type", "currency", "currency", "usd",
                  "section", "Home search", NULL),
    g_object_ref (must_haves),
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "closing", "name", "Closing date", "field-type", "date",
                  "remind-yearly", TRUE, NULL),
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Size", "field-type", "pick", "applies-to", KITH_RECORD_COMPANY,
                  "options", (const char *[]) { "Small", "Large", NULL }, NULL),
    kith_field_definition_new (KITH_RECORD_PROJECT, "Has pool", "text"),
  };
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  g_assert_true (kith_relationship_apply_preset (store, "realestate", &error));
  kith_field_definition_add_scope (must_haves, "Buyers", NULL);
  kith_field_definition_add_scope (must_haves, "custom1", "Hot");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(KithFieldDefinition) definition = fields[i];

      g_assert_cmpint (kith_fields_add (store, definition, &error), >, 0);
    }
  g_ptr_array_add (steps, kith_step_new (NULL, "Call", NULL, 3));
  g_ptr_array_add (steps, kith_step_new (NULL, "Write", "Hello", 0));
  g_assert_true (kith_relationship_set_steps (store, "partner", "future", steps, &error));
  g_assert_true (kith_relationship_set_cadence (store, "family", 0, &error));
  g_assert_true (kith_relationship_update_segment (store, "friend", "Pals", FALSE, &error));
  g_assert_true (kith_relationship_rename_stage (store, "project", "won", "Done", &error));
  g_assert_no_error (error);
}

static void
assert_prints (const char *dir,
               const char *command,
               const char *expected_file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "cli", expected_file, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (dir, NULL, &out, &err, command, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, expected);
}

static void
test_settings_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);

  fill_settings (dir);
  assert_prints (dir, "segments", "segments.json");
  assert_prints (dir, "fields", "fields.json");

  kith_test_rm_rf (dir);
}

/* The JSON the cli prints, with @masked members (times, random keys) set to 0, compact */
static char *
run_json (const char  *dir,
          const char **masked,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  va_list args;

  va_start (args, masked);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_assert_cmpuint (argv->len, <=, 4);
  g_ptr_array_set_size (argv, 5);

  g_assert_cmpint (run (dir, NULL, &out, &err, argv->pdata[0], argv->pdata[1], argv->pdata[2], argv->pdata[3],
                        NULL), ==, 0);
  node = parse (out);
  for (guint i = 0; JSON_NODE_HOLDS_ARRAY (node) && i < json_array_get_length (json_node_get_array (node)); i++)
    for (const char **m = masked; *m != NULL; m++)
      {
        JsonObject *entry = json_array_get_object_element (json_node_get_array (node), i);

        if (json_object_has_member (entry, *m))
          json_object_set_int_member (entry, *m, 0);
      }

  return json_to_string (node, FALSE);
}

static void
log_item (const char *dir,
          const char *json)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (dir, json, &out, &err, "log", "--json", "-", NULL), ==, 0);
}

/* What `timeline`, `todo list --json` and `audit` print stays as it was when they were read
 * from the store as JSON: member names, order, nulls and absent members */
static void
test_typed_output (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *timeline = NULL, *todos = NULL, *audit = NULL, *agenda = NULL;
  const char *no_mask[] = { NULL };
  const char *audit_mask[] = { "at", "syncKey", NULL };

  g_assert_cmpint (run (dir, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}", &out, &err,
                        "add", "company", "--json", "-", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"], \"company\": \"#1\", "
                        "\"birthday\": \"1815-01-10\"}",
                        &out, &err, "add", "person", "--json", "-", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  log_item (dir, "{\"style\": \"email\", \"date\": 1767225600000, \"from\": \"ada@acme.com\", "
                 "\"recipients\": [{\"value\": \"bob@example.org\", \"name\": \"Bob\", \"role\": \"to\"}, "
                 "{\"value\": \"cc@example.org\", \"role\": \"cc\"}], \"subject\": \"Plans\", "
                 "\"body\": \"<p>Hi</p>\", \"bodytype\": \"html\", \"threadid\": \"t1\", \"messageid\": \"<m1@acme.com>\", "
                 "\"direction\": \"inbound\", \"links\": [\"https://acme.com/a\"], \"source\": \"org.example.app\", "
                 "\"uniqueid\": \"u1\", \"account\": \"acct\"}");
  log_item (dir, "{\"style\": \"call\", \"date\": \"2026-01-02T10:00:00Z\", \"participants\": [\"#2\"], "
                 "\"duration\": 300, \"outcome\": \"leftvm\", \"direction\": \"outbound\"}");
  log_item (dir, "{\"style\": \"meeting\", \"date\": 1767398400000, \"participants\": [\"ada@acme.com\"], "
                 "\"subject\": \"Lunch\", \"location\": \"Café\"}");
  log_item (dir, "{\"style\": \"note\", \"date\": 1767484800000, \"references\": [\"#1\"], \"body\": \"About Acme\"}");
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "add", "Ring back", "--when", "2026-01-05", "--with", "#2", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "add", "Someday thing", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "todo", "done", "#2", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "preset", "business", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "update", "#2", "--segment", "Customers", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "update", "#2", "--stage", "Active", NULL), ==, 0);

  timeline = run_json (dir, no_mask, "timeline", "#1", NULL);
  g_assert_cmpstr (timeline, ==, TYPED_OUTPUT_TIMELINE);
  todos = run_json (dir, no_mask, "todo", "list", "--all", "--json", NULL);
  g_assert_cmpstr (todos, ==, TYPED_OUTPUT_TODOS);
  audit = run_json (dir, audit_mask, "audit", "#2", NULL);
  g_assert_cmpstr (audit, ==, TYPED_OUTPUT_AUDIT);
  /* The day, and the time zone where it begins (main ()), are given: nothing depends on now */
  agenda = run_json (dir, no_mask, "agenda", "--json", "--date", "2026-01-03", NULL);
  g_assert_cmpstr (agenda, ==, TYPED_OUTPUT_AGENDA);

  kith_test_rm_rf (dir);
}

/* `templates`: add from standard input, a refusal saying where, list, show, render for a
 * person (an empty field without fallback refused, naming it), delete */
static void
test_templates (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-cli-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) list = NULL;

  g_assert_cmpint (run (dir, NULL, &out, &err, "add", "person", "--name", "Ada <b>Lovelace</b>", "--email",
                        "ada@example.com", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "add", "person", "--name", "Nobody", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, "<p>Hi {{first_name|there}},</p>\n<p>{{my.name}}</p>", &out, &err, "templates", "add",
                        "Welcome", "--subject", "For {{name}} ({{email}})", "--body-file", "-", "--html", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "templates", "add", "Broken", "--body", "ok\n{{frist_name}}", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "kith-cli: Body: Line 2, column 3: there is no field “frist_name”; "
                            "did you mean “first_name”, “last_name”?\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "templates", "list", NULL), ==, 0);
  list = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "template", "render", "welcome", "--person", "1",
                        "--my-name", "Grace Hopper", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Subject: For Ada <b>Lovelace</b> (ada@example.com)\n\n"
                            "<p>Hi Ada,</p>\n<p>Grace Hopper</p>\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "template", "render", "#1", "--person", "2", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“email”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (dir, NULL, &out, &err, "templates", "delete", "Welcome", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (dir, NULL, &out, &err, "templates", "show", "Welcome", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "kith-cli: There is no template “Welcome”\n");

  kith_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli = g_getenv ("KITH_CLI");
  g_setenv ("TZ", "UTC", TRUE);
  g_assert_nonnull (cli);

  g_test_add_func ("/cli/round-trip", test_round_trip);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/demo-merge-stats", test_demo_merge_stats);
  g_test_add_func ("/cli/hostile-json", test_hostile_json);
  g_test_add_func ("/cli/control-characters", test_control_characters);
  g_test_add_func ("/cli/strict-arguments", test_strict_arguments);
  g_test_add_func ("/cli/update-one-field", test_update_one_field);
  g_test_add_func ("/cli/settings-json", test_settings_json);
  g_test_add_func ("/cli/typed-output", test_typed_output);
  g_test_add_func ("/cli/templates", test_templates);

  return g_test_run ();
}
