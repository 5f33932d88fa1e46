/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * CSV import and export: the exports of Google Contacts, Outlook and LinkedIn (generated here,
 * with made-up people), encodings and delimiters, App Links, bad input, dry runs, a killed
 * import, round trips, formula injection and kith-cli.
 */

#include <signal.h>
#include <sqlite3.h>

#include "kith-test-util.h"
#include "kith-test-csv.h"
#include "kith-csv-export.h"
#include "kith-csv-format.h"
#include "kith-csv-import.h"
#include "kith-csv-preview.h"
#include "kith-csv-reader.h"

static KithImport *
import_bytes (KithStore      *store,
              const char     *data,
              gssize          len,
              KithRecordKind  kind,
              const char     *mapping,
              gboolean        dry_run,
              GError        **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (data, len < 0 ? (gssize) strlen (data) : len, NULL);
  KithImportOptions options = { kind, mapping, NULL, NULL };
  g_autoptr(KithImport) import = kith_import_new (store, dry_run);

  if (!kith_csv_import (import, input, &options, NULL, error) || !kith_import_finish (import, error))
    {
      kith_import_abort (import);
      return NULL;
    }

  return g_steal_pointer (&import);
}

static KithImport *
import_ok (KithTestStore  *t,
           const char     *data,
           KithRecordKind  kind)
{
  g_autoptr(GError) error = NULL;
  KithImport *import = import_bytes (t->store, data, -1, kind, NULL, FALSE, &error);

  g_assert_no_error (error);
  return import;
}

static void
assert_counts (KithImport *import,
               guint       created,
               guint       merged,
               guint       rejected)
{
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_CREATED), ==, created);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_MERGED), ==, merged);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_REJECTED), ==, rejected);
}

/* The only refused row: its number, and words its reason has */
static void
assert_refused (KithImport *import,
                guint       row,
                ...)
{
  const KithImportRejection *r;
  va_list args;

  g_assert_cmpuint (kith_import_get_n_rejections (import), ==, 1);
  r = kith_import_get_rejection (import, 0);
  g_test_message ("row %u: %s", r->row, r->reason);
  g_assert_cmpuint (r->row, ==, row);
  va_start (args, row);
  for (const char *w = va_arg (args, const char *); w != NULL; w = va_arg (args, const char *))
    g_assert_nonnull (strstr (r->reason, w));
  va_end (args);
}

/* Every record of @kind, by name */
static GHashTable *
records_by_name (KithStore      *store,
                 KithRecordKind  kind)
{
  GHashTable *records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  g_autoptr(GArray) ids = kith_store_find (store, kind, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT, NULL, NULL);

  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *record = kith_store_get_record (store, g_array_index (ids, gint64, i), NULL);

      g_hash_table_insert (records, g_strdup (json_object_get_string_member (record, "name")), record);
    }

  return records;
}

static JsonObject *
find_record (GHashTable *records,
             const char *name)
{
  JsonObject *record = g_hash_table_lookup (records, name);

  if (record == NULL)
    g_error ("no record called “%s”", name);
  return record;
}

static const char *
text (JsonObject *record,
      const char *member)
{
  return json_object_get_string_member_with_default (record, member, NULL);
}

/* The @i-th item of a list member: its value, or a member of it */
static const char *
item (JsonObject *record,
      const char *member,
      guint       i,
      const char *part)
{
  JsonArray *array = json_object_get_array_member (record, member);
  JsonNode *node;

  g_assert_cmpuint (json_array_get_length (array), >, i);
  node = json_array_get_element (array, i);
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_string (node);

  return json_object_get_string_member_with_default (json_node_get_object (node), part, NULL);
}

static gboolean
flag (JsonObject *record,
      const char *member,
      guint       i,
      const char *label)
{
  JsonArray *array = json_object_get_array_member (record, member);

  return json_object_get_boolean_member_with_default (json_array_get_object_element (array, i), label, FALSE);
}

static guint
list_length (JsonObject *record,
             const char *member)
{
  return json_object_has_member (record, member) ? json_array_get_length (json_object_get_array_member (record, member)) : 0;
}

/* A generated export of 300 people: each becomes a new person, and the people by name */
static GHashTable *
import_300 (KithTestStore *t,
            const char    *csv)
{
  g_autoptr(KithImport) import = import_ok (t, csv, KITH_RECORD_PERSON);
  GHashTable *records;

  assert_counts (import, 300, 0, 0);
  records = records_by_name (t->store, KITH_RECORD_PERSON);
  g_assert_cmpuint (g_hash_table_size (records), ==, 300);

  return records;
}

/* A second run of the same file finds everyone it wrote (the record writer still counts them
 * updated rather than unchanged) */
static void
assert_converges (KithTestStore *t,
                  const char    *csv)
{
  g_autoptr(KithImport) again = import_ok (t, csv, KITH_RECORD_PERSON);

  assert_counts (again, 0, 0, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 300);
}

/* A Google Contacts export: names, emails and phones with their labels, an address, the
 * company and title, birthday, notes over two lines, labels as tags (not Google's own) */
static void
test_google (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *csv = kith_test_google_csv (300);
  g_autoptr(GHashTable) records = import_300 (t, csv);
  JsonObject *r;

  r = find_record (records, "Dev Q Lee");   /* row 3: i = 3 */
  g_assert_cmpstr (text (r, "first"), ==, "Dev Q");
  g_assert_cmpstr (text (r, "last"), ==, "Lee");
  g_assert_cmpstr (text (r, "company"), ==, "Umbrella Labs");
  g_assert_cmpstr (text (r, "headline"), ==, "CEO");
  g_assert_cmpstr (text (r, "department"), ==, "Sales");
  g_assert_cmpstr (text (r, "birthday"), ==, "1980-04-04");
  g_assert_cmpstr (text (r, "notes"), ==, "Met at \"Expo\", 3\nFollow up");
  g_assert_cmpuint (list_length (r, "keywords"), ==, 1);
  g_assert_cmpstr (item (r, "keywords", 0, NULL), ==, "Friends");
  g_assert_cmpuint (list_length (r, "emails"), ==, 2);
  g_assert_cmpstr (item (r, "emails", 0, "value"), ==, "Dev.Lee.3@example.com");
  g_assert_true (flag (r, "emails", 0, "work"));
  g_assert_true (flag (r, "emails", 1, "home"));
  g_assert_true (flag (r, "phones", 0, "mobile"));
  g_assert_cmpstr (item (r, "addresses", 0, "city"), ==, "Lima");
  g_assert_cmpstr (item (r, "addresses", 0, "street"), ==, "3 Main St");
  g_assert_cmpstr (item (r, "addresses", 0, "postal"), ==, "75003");
  g_assert_true (flag (r, "addresses", 0, "home"));
  g_assert_cmpstr (item (r, "urls", 0, "value"), ==, "https://example.com/3");

  r = find_record (records, "Ann Q Lee");   /* i = 0: Google's own label only */
  g_assert_cmpuint (list_length (r, "keywords"), ==, 0);

  assert_converges (t, csv);
}

static char *
outlook_csv (guint n)
{
  GString *csv = g_string_new ("Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
                               "Business Street,Business Street 2,Business City,Business State,Business Postal Code,"
                               "Business Country/Region,Home Street,Home City,Home State,Home Postal Code,"
                               "Home Country/Region,Business Fax,Business Phone,Home Phone,Mobile Phone,Other Phone,"
                               "Anniversary,Birthday,Categories,E-mail Address,E-mail Type,E-mail Display Name,"
                               "E-mail 2 Address,E-mail 3 Address,Notes,Web Page\r\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv,
                            "Dr.,%s,,%s,,%s,R&D,Buyer,%u Quay Rd,Floor 2,%s,,%u,Canada,%u Elm Ave,Oslo,,0%u,Norway,,"
                            "+1 416 555 %04u,+47 2100 %04u,,,0/0/00,%s,Clients;VIP,%s.%s.%u@corp.example.com,SMTP,"
                            "\"%s %s\",%s%u@mail.example.net,,Prefers email,\r\n",
                            FIRST (i), LAST (i), COMPANY (i), i,
                            CITY (i), 10000 + i, i, 100 + i % 900, i, i,
                            i % 4 ? "3/14/1985" : "0/0/00", FIRST (i), LAST (i), i, FIRST (i), LAST (i), LAST (i), i);

  return g_string_free (csv, FALSE);
}

/* An Outlook export: work and home addresses and phones, M/D/YYYY birthdays (0/0/00 none),
 * categories as tags, a title (Dr.) that is not a job title */
static void
test_outlook (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *csv = outlook_csv (300);
  g_autoptr(GHashTable) records = import_300 (t, csv);
  JsonObject *r;

  r = find_record (records, "Bob Lee");   /* i = 1 */
  g_assert_cmpstr (text (r, "headline"), ==, "Buyer");
  g_assert_cmpstr (text (r, "department"), ==, "R&D");
  g_assert_cmpstr (text (r, "company"), ==, "Globex");
  g_assert_cmpstr (text (r, "birthday"), ==, "1985-03-14");
  g_assert_cmpuint (list_length (r, "keywords"), ==, 2);
  g_assert_cmpuint (list_length (r, "emails"), ==, 2);
  g_assert_cmpstr (item (r, "emails", 0, "value"), ==, "Bob.Lee.1@corp.example.com");
  g_assert_cmpuint (list_length (r, "phones"), ==, 2);
  g_assert_true (flag (r, "phones", 0, "work"));
  g_assert_true (flag (r, "phones", 1, "home"));
  g_assert_cmpuint (list_length (r, "addresses"), ==, 2);
  g_assert_true (flag (r, "addresses", 0, "work"));
  g_assert_cmpstr (item (r, "addresses", 0, "city"), ==, "Lagos");
  g_assert_cmpstr (item (r, "addresses", 0, "postal"), ==, "10001");
  g_assert_true (flag (r, "addresses", 1, "home"));
  g_assert_cmpstr (item (r, "addresses", 1, "country"), ==, "Norway");
  g_assert_cmpstr (text (r, "notes"), ==, "Prefers email");

  r = find_record (records, "Ann Lee");   /* i = 0: 0/0/00 */
  g_assert_false (json_object_has_member (r, "birthday"));

  assert_converges (t, csv);
}

#define LINKEDIN_NOTES \
  "Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are " \
  "missing. You will only see email addresses for connections who have allowed it.\"\r\n\r\n"

static char *
linkedin_csv (guint n)
{
  GString *csv = g_string_new (LINKEDIN_NOTES "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = i % 3 ? NULL : g_strdup_printf ("%s%u@example.com", FIRST (i), i);

      g_string_append_printf (csv, "%s,%s,https://www.linkedin.com/in/%s-%s-%u,%s,%s,\"Head of Sales, EMEA\",14 Mar 2023\r\n",
                              FIRST (i), LAST (i), FIRST (i), LAST (i), i, email != NULL ? email : "",
                              COMPANY (i));
    }

  return g_string_free (csv, FALSE);
}

/* LinkedIn's Connections.csv: notes above the header, a profile address, most without email */
static void
test_linkedin (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *csv = linkedin_csv (300);
  g_autoptr(GHashTable) records = import_300 (t, csv);
  JsonObject *r;

  r = find_record (records, "Bob Lee");
  g_assert_cmpstr (text (r, "linkedin"), ==, "Bob-Lee-1");
  g_assert_cmpstr (text (r, "headline"), ==, "Head of Sales, EMEA");
  g_assert_cmpstr (text (r, "company"), ==, "Globex");
  g_assert_cmpuint (list_length (r, "emails"), ==, 0);
  r = find_record (records, "Ann Lee");
  g_assert_cmpstr (item (r, "emails", 0, "value"), ==, "Ann0@example.com");

  /* The profile names the person again, email or not */
  assert_converges (t, csv);
}

static gsize
peak_memory_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* A 64 MB file is read in chunks: the import's peak memory grows by far less than the file */
static void
test_streaming (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *path = g_build_filename (t->dir, "big.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(KithImport) import = NULL;
  char row[512];
  KithImportOptions options = { KITH_RECORD_PERSON, NULL, NULL, NULL };
  gsize before;

  /* Rows whose only mapped cell is empty are skipped: the file is read, nothing is written */
  g_assert_no_error (error);
  memset (row, 'x', sizeof row);
  row[0] = ',';
  row[sizeof row - 1] = '\n';
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), "Full Name,Junk\n", 15, NULL, NULL, &error));
  for (guint i = 0; i < 64 * 1024 * 1024 / sizeof row; i++)
    g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), row, sizeof row, NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), "Ann Lee,x\n", 10, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));

  before = peak_memory_kb ();
  input = g_file_read (file, NULL, &error);
  import = kith_import_new (t->store, FALSE);
  g_assert_true (kith_csv_import (import, G_INPUT_STREAM (input), &options, NULL, &error));
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);
  assert_counts (import, 1, 0, 0);
  g_test_message ("peak memory %zu kB before, %zu kB after", before, peak_memory_kb ());
  g_assert_cmpuint (peak_memory_kb (), <, before + 16 * 1024);
}

static KithCsvPreview *
preview (const char *data,
         gsize       len,
         const char *mapping)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (data, len, NULL);
  g_autoptr(GError) error = NULL;
  KithCsvPreview *p = kith_csv_preview_new (input, KITH_RECORD_PERSON, mapping, 5, NULL, &error);

  g_assert_no_error (error);
  return p;
}

#define ACCENTED "First Name,Last Name,E-mail Address,Notes\r\nZoë,Åberg,zoe@example.com,Café crème\r\n" \
  "Jürgen,Müller,jm@example.com,Straße\r\n"

static void
import_encoded (const char *encoding,
                const char *bom,
                gsize       bom_len)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *converted = g_convert (ACCENTED, -1, encoding, "UTF-8", NULL, &len, &error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(KithCsvPreview) p = NULL;
  g_autoptr(KithImport) import = NULL;
  g_autoptr(GHashTable) records = NULL;
  const char *detected;

  g_test_message ("%s%s", encoding, bom_len ? " with a byte order mark" : "");
  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) bom, bom_len);
  g_byte_array_append (bytes, (const guint8 *) converted, len);

  p = preview ((const char *) bytes->data, bytes->len, NULL);
  detected = kith_csv_preview_get_encoding (p);
  g_assert_cmpstr (detected, ==, g_str_equal (encoding, "UTF-16") ? "UTF-16LE" : encoding);
  g_assert_cmpstr (kith_csv_mapping_get_preset (kith_csv_preview_get_mapping (p)), ==, "outlook");

  import = import_bytes (t->store, (const char *) bytes->data, bytes->len, KITH_RECORD_PERSON, NULL, FALSE, &error);
  g_assert_no_error (error);
  assert_counts (import, 2, 0, 0);
  records = records_by_name (t->store, KITH_RECORD_PERSON);
  g_assert_cmpstr (text (find_record (records, "Zoë Åberg"), "notes"), ==, "Café crème");
  g_assert_cmpstr (text (find_record (records, "Jürgen Müller"), "notes"), ==, "Straße");
}

/* Each encoding, with its byte order mark and without */
static void
test_encodings (void)
{
  import_encoded ("UTF-8", NULL, 0);
  import_encoded ("UTF-8", "\xEF\xBB\xBF", 3);
  import_encoded ("UTF-16LE", "\xFF\xFE", 2);
  import_encoded ("UTF-16LE", NULL, 0);
  import_encoded ("UTF-16BE", "\xFE\xFF", 2);
  import_encoded ("UTF-16BE", NULL, 0);
  import_encoded ("WINDOWS-1252", NULL, 0);
}

/* Semicolons (a spreadsheet where the decimal mark is a comma) and tabs */
static void
test_delimiters (void)
{
  static const struct {
    const char *csv;
    char        delimiter;
  } files[] = {
    { "Full Name; Email ;Notes\nAnn Lee;ann@example.com;\"1,5; or 2\"\nBob Stone;bob@example.com;x,y\n", ';' },
    { "Full Name\tEmail\tNotes\nAnn Lee\tann@example.com\t\"1,5; or 2\"\nBob Stone\tbob@example.com\tx,y\n", '\t' },
    { "Full Name,Email,Notes\nAnn Lee,ann@example.com,\"1,5; or 2\"\nBob Stone,bob@example.com,\"x,y\"\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(KithTestStore) t = kith_test_store_new ();
      g_autoptr(KithCsvPreview) p = preview (files[i].csv, strlen (files[i].csv), "generic");
      g_autoptr(KithImport) import = NULL;
      g_autoptr(GHashTable) records = NULL;
      g_autofree char *reason = NULL;
      g_autoptr(KithRecordValues) mapped = NULL;

      g_assert_cmpint (kith_csv_preview_get_delimiter (p), ==, files[i].delimiter);
      mapped = kith_csv_preview_map_row (p, 0, &reason);
      g_assert_cmpstr (mapped->fields[KITH_FIELD_NAME].text, ==, "Ann Lee");

      /* Notes is no column of the generic preset's: it goes by its field name */
      import = import_ok (t, files[i].csv, KITH_RECORD_PERSON);
      assert_counts (import, 2, 0, 0);
      records = records_by_name (t->store, KITH_RECORD_PERSON);
      g_assert_cmpstr (text (find_record (records, "Ann Lee"), "notes"), ==, "1,5; or 2");
      g_assert_cmpstr (text (find_record (records, "Bob Stone"), "notes"), ==, "x,y");
      g_assert_cmpstr (item (find_record (records, "Bob Stone"), "emails", 0, "value"), ==, "bob@example.com");
    }
}

/* App Links (the Cloze columns): the same App ID and Unique ID is the same record, for people,
 * companies and deals alike; an App ID that is not a lower-case domain refuses the row */
static void
test_app_links (void)
{
  static const struct {
    KithRecordKind  kind;
    const char     *csv;
  } files[] = {
    { KITH_RECORD_PERSON,
      "Full Name,Email,App ID,App Unique ID,App Name,App Content URL\n"
      "Ann Lee,ann@example.com,mailchimp.com,48616032,MailChimp,https://mailchimp.com/c/48616032\n"
      "Ann Lee,ann.lee@work.example.com,mailchimp.com,48616032,MailChimp,https://mailchimp.com/c/48616032\n"
      "Bob Stone,bob@example.com,MailChimp,1,MailChimp,\n" },
    { KITH_RECORD_COMPANY,
      "name,domains,App ID,App Unique ID,App Name,App Content URL\n"
      "Acme,acme.example.com,salesforce.com,001A,Salesforce,https://example.my.salesforce.com/001A\n"
      "Acme Inc,,salesforce.com,001A,Salesforce,\n"
      "Globex,globex.example.com,salesforce,001B,Salesforce,\n" },
    { KITH_RECORD_PROJECT,
      "name,value,stage,App ID,App Unique ID,App Name,App Content URL\n"
      "Big deal,1000,current,pipedrive.com,77,Pipedrive,https://example.pipedrive.com/deal/77\n"
      "Big deal,2500,current,pipedrive.com,77,Pipedrive,\n"
      "Small deal,10,current,Pipedrive.com,78,Pipedrive,\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(KithTestStore) t = kith_test_store_new ();
      g_autoptr(KithImport) import = import_ok (t, files[i].csv, files[i].kind);
      g_autoptr(GArray) ids = NULL;
      g_autoptr(JsonObject) record = NULL;

      assert_counts (import, 1, 1, 1);
      assert_refused (import, 4, "column “App ID”", "is not an App ID", "lower case", NULL);
      ids = kith_store_find (t->store, files[i].kind, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 10, NULL, NULL);
      g_assert_cmpuint (ids->len, ==, 1);
      record = kith_store_get_record (t->store, g_array_index (ids, gint64, 0), NULL);
      g_assert_cmpuint (list_length (record, "appLinks"), ==, 1);
      g_assert_cmpstr (item (record, "appLinks", 0, "source"), !=, NULL);
      g_assert_cmpstr (item (record, "appLinks", 0, "label"), !=, NULL);
    }
}

/* A file that cannot be imported at all says why, and writes nothing */
static void
assert_file_refused (const char *data,
                     gsize       len,
                     const char *words)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithImport) import = import_bytes (t->store, data, len, KITH_RECORD_PERSON, NULL, FALSE, &error);

  g_assert_null (import);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 0);
}

/* A file with one bad row: the row is refused with its number and reason, the others imported
 * whole, and nothing of the bad row written */
static void
assert_row_refused (const char *data,
                    gsize       len,
                    guint       good,
                    guint       row,
                    const char *words,
                    const char *more)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithImport) import = import_bytes (t->store, data, len, KITH_RECORD_PERSON, NULL, FALSE, &error);

  g_assert_no_error (error);
  assert_counts (import, good, 0, 1);
  assert_refused (import, row, words, more, NULL);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, good);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "Bad", NULL), ==, 0);
}

#define HEADER "Full Name,Email,Notes\n"
#define GOOD1 "Ann Lee,ann@example.com,fine\n"
#define GOOD2 "Bob Stone,bob@example.com,fine\n"

static void
test_bad_input (void)
{
  g_autoptr(GString) big = g_string_new (HEADER GOOD1 "Bad Cell,bad@example.com,\"");

  assert_file_refused ("", 0, "empty");
  assert_file_refused ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 24, "binary");
  assert_file_refused ("\n\n", 2, "no header row");

  /* Invalid UTF-8 in a file that is otherwise UTF-8 (it has “é” right) */
  assert_row_refused (HEADER "Zoé Ok,zoe@example.com,café\nBad Byte,bad@example.com,caf\xE9\xFF\n" GOOD2,
                      -1, 2, 3, "column “Notes”", "UTF-8");
  /* A 10 MB cell */
  for (guint i = 0; i < 10 * 1024 * 1024 / 64; i++)
    g_string_append (big, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (big, "\"\n" GOOD2);
  assert_row_refused (big->str, big->len, 2, 3, "column “Notes”", "10485760 bytes");
  /* Ragged rows: one cell too many, one too few */
  assert_row_refused (HEADER GOOD1 "Bad Many,bad@example.com,a,b\n" GOOD2, -1, 2, 3, "4 cells", "header row has 3");
  assert_row_refused (HEADER GOOD1 "Bad Few,bad@example.com\n" GOOD2, -1, 2, 3, "2 cells", "header row has 3");
  /* A stray quote, then reading goes on at the next line */
  assert_row_refused (HEADER GOOD1 "Bad \"Quote\",bad@example.com,x\n" GOOD2, -1, 2, 3, "column “Full Name”", "quote");
  /* A quote never closed: the rows before it are imported */
  assert_row_refused (HEADER GOOD1 GOOD2 "Bad Open,bad@example.com,\"never closed\n", -1, 2, 4, "column “Notes”",
                      "never closed");
  /* Two columns with one header: nothing imported, the header row refused */
  assert_row_refused ("Full Name,Email,Email\nBad Dup,bad@example.com,b2@example.com\n", -1, 0, 1, "columns 2 and 3", "“Email”");
  /* A value the store refuses names its field */
  assert_row_refused ("Full Name,Email,birthday\nAnn Lee,ann@example.com,1980-01-01\nBad Date,bad@example.com,10000-01-01\n",
                      -1, 1, 3, "10000", NULL);
}

/* A row giving one record's email and another's app link conflicts: refused, both records as
 * they were */
static void
test_conflict (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(KithImport) import = NULL;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\", \"emails\": [{\"value\": \"ann@example.com\"}]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob Stone\", \"emails\": [{\"value\": \"bob@example.com\"}],"
                                           " \"appLinks\": [{\"source\": \"crm.example.com\", \"uniqueid\": \"9\"}]}");
  before = kith_test_dump (t);

  import = import_ok (t, "Full Name,Email,App ID,App Unique ID,Notes\n"
                         "Ann Lee,ann@example.com,crm.example.com,9,changed\n", KITH_RECORD_PERSON);
  assert_counts (import, 0, 0, 1);
  assert_refused (import, 2, "“ann@example.com” belongs to Ann Lee", "“crm.example.com:9” to Bob Stone", NULL);
  after = kith_test_dump (t);
  g_assert_cmpstr (before, ==, after);
}

/* Rows are read and mapped some hundreds ahead of being written: a row still merges into, or
 * conflicts with, records the rows just before it made */
static void
test_rows_ahead (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = NULL;

  import = import_ok (t, "Full Name,Email,App ID,App Unique ID\n"
                         "Ann Lee,ann@example.com,,\n"
                         "Bob Stone,bob@example.com,crm.example.com,9\n"
                         "Ann Lee,ann@example.com,crm.example.com,9\n"
                         "Bob Stone,BOB@example.com,,\n", KITH_RECORD_PERSON);
  assert_counts (import, 2, 1, 1);
  assert_refused (import, 4, "“ann@example.com” belongs to Ann Lee", "“crm.example.com:9” to Bob Stone", NULL);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);
}

/* A dry run counts what the import does, and writes nothing */
static void
test_dry_run (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *google = kith_test_google_csv (200);
  g_autoptr(KithImport) dry = NULL;
  g_autoptr(KithImport) real = NULL;
  g_autoptr(GError) error = NULL;

  /* Rows that merge and rows refused among them */
  g_string_append (csv, google);
  g_string_append (csv, "Ann,,Lee,,,,,,,,,,,,,,,,,,Ann.Lee.0@example.com,,,,,,,,,,,,,,\r\n");
  g_string_append (csv, "Bad,,Date,,,,,,,,,,,10000-01-01,,,,,,,,,,,,,,,,,,,,,\r\n");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob Lee\", \"emails\": [{\"value\": \"Bob.Lee.1@example.com\"}]}");

  dry = import_bytes (t->store, csv->str, csv->len, KITH_RECORD_PERSON, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 1);
  real = import_bytes (t->store, csv->str, csv->len, KITH_RECORD_PERSON, NULL, FALSE, &error);
  g_assert_no_error (error);

  for (KithImportOutcome o = 0; o < KITH_IMPORT_N_OUTCOMES; o++)
    g_assert_cmpuint (kith_import_get_count (dry, o), ==, kith_import_get_count (real, o));
  assert_counts (real, 199, 1, 1);
  g_assert_cmpuint (kith_import_get_count (real, KITH_IMPORT_UPDATED), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 200);
}

typedef struct {
  GCancellable *cancellable;
  double        last;
  guint         calls;
} Progress;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  p->last = fraction;
  p->calls++;
  if (fraction > 0.5)
    g_cancellable_cancel (p->cancellable);
}

/* Progress rises as the file's rows are imported, not as it is read (a chunk of some thousand
 * rows at a time); a cancelled import keeps the batches it committed, whole */
static void
test_progress_cancel (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *csv = kith_test_google_csv (10000);
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (csv, strlen (csv), NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { cancellable, 0, 0 };
  KithImportOptions options = { KITH_RECORD_PERSON, NULL, on_progress, &progress };
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GError) error = NULL;
  guint count;

  g_assert_false (kith_csv_import (import, input, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  kith_import_abort (import);
  g_assert_cmpuint (progress.calls, >, 10);

  count = kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL);
  g_test_message ("%u of 10000 imported when cancelled", count);
  g_assert_cmpuint (count, <, 10000);
  g_assert_cmpuint (count % 2000, ==, 0);
  /* Cancelled past half: the rows of half the file were imported, bar the 256 the reader holds
   * ahead, so two batches of 2,000 were committed */
  g_assert_cmpuint (count, >=, 4000);
}

/* The progress of a file of short rows follows the rows handed out, not the chunks read ahead
 * (64 KiB, some thousand rows): a bar at a third must mean a third of the rows */
static void
test_progress_follows_rows (void)
{
  g_autoptr(GString) csv = g_string_new ("Name,E-mail 1 - Type,E-mail 1 - Value\r\n");
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(KithCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  for (guint i = 1; i <= 10000; i++)
    g_string_append_printf (csv, "Person %u,* Work,person%u@example.com\r\n", i, i);
  input = g_memory_input_stream_new_from_data (csv->str, csv->len, NULL);
  reader = kith_csv_reader_new (input, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(KithCsvReadRow) row = kith_csv_reader_next (reader, NULL, &error);

      g_assert_no_error (error);
      if (row == NULL)
        break;
      rows++;
      if (rows % 500 == 0)
        g_assert_cmpfloat_with_epsilon (kith_csv_reader_get_fraction (reader), rows / 10001.0, 0.02);
    }
  g_assert_cmpuint (rows, ==, 10001);
  g_assert_cmpfloat (kith_csv_reader_get_fraction (reader), ==, 1.0);
}

static char *
export_text (KithStore          *store,
             KithRecordKind      kind,
             const char         *query,
             const char * const *fields)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  KithExportOptions options = { kind, query, fields, NULL, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_csv_export (store, output, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (output, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (output, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
}

/* What a record is, leaving out what a store gives it (ids, times) */
static char *
record_text (JsonObject *record)
{
  static const char *volatile_members[] = { "id", "syncKey", "firstSeen", "lastChanged", "lastContact", "stepSince",
                                             "companyId", "companySyncKey" };
  g_autoptr(JsonObject) copy = json_object_ref (record);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *people;

  for (guint i = 0; i < G_N_ELEMENTS (volatile_members); i++)
    json_object_remove_member (copy, volatile_members[i]);
  people = json_object_has_member (copy, "participants") ? json_object_get_array_member (copy, "participants") : NULL;
  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      json_object_remove_member (json_array_get_object_element (people, i), "id");
      json_object_remove_member (json_array_get_object_element (people, i), "syncKey");
    }
  node = json_node_init_object (json_node_alloc (), copy);

  return json_to_string (node, TRUE);
}

static void
assert_same_records (KithStore      *a,
                     KithStore      *b,
                     KithRecordKind  kind)
{
  g_autoptr(GHashTable) left = records_by_name (a, kind);
  g_autoptr(GHashTable) right = records_by_name (b, kind);
  GHashTableIter iter;
  gpointer name, record;

  g_assert_cmpuint (g_hash_table_size (left), ==, g_hash_table_size (right));
  g_hash_table_iter_init (&iter, left);
  while (g_hash_table_iter_next (&iter, &name, &record))
    {
      g_autofree char *expected = record_text (record);
      g_autofree char *got = record_text (find_record (right, name));

      g_assert_cmpstr (got, ==, expected);
    }
}

static void
fill_store (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;

  kith_fields_add (t->store, kith_field_definition_new (KITH_RECORD_PERSON, "Lead score", "text"), &error);
  g_assert_no_error (error);
  kith_fields_add (t->store, kith_field_definition_new (KITH_RECORD_PROJECT, "Region code", "text"), &error);
  g_assert_no_error (error);

  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.example.com\"]}");
  kith_test_create (t, KITH_RECORD_PERSON,
                    "{\"first\": \"Ann\", \"last\": \"Lee\", \"headline\": \"CEO\", \"role\": \"Founder\","
                    " \"department\": \"Board\", \"company\": \"Acme\", \"birthday\": \"--03-14\","
                    " \"segment\": \"customer\", \"stage\": \"current\", \"keywords\": [\"vip\", \"golf\"],"
                    " \"notes\": \"Two lines,\\nwith \\\"quotes\\\"; and =SUM(A1)\","
                    " \"emails\": [{\"value\": \"ann@acme.example.com\", \"work\": true},"
                    "              {\"value\": \"ann@home.example.org\", \"home\": true}, {\"value\": \"ann@other.example.net\"}],"
                    " \"phones\": [{\"value\": \"+1 415 555 0100\", \"mobile\": true}, {\"value\": \"+1 415 555 0101\", \"work\": true}],"
                    " \"urls\": [{\"value\": \"https://ann.example.com\"}],"
                    " \"addresses\": [{\"street\": \"1 Quay Rd\", \"city\": \"Oslo\", \"postal\": \"0150\", \"country\": \"Norway\", \"work\": true},"
                    "                 {\"street\": \"2 Elm\", \"city\": \"Lima\", \"state\": \"LIM\", \"home\": true}],"
                    " \"twitter\": \"annlee\", \"linkedin\": \"ann-lee\", \"leadSource\": \"Expo\", \"private\": true,"
                    " \"appLinks\": [{\"source\": \"salesforce.com\", \"uniqueid\": \"003A\", \"label\": \"Salesforce\","
                    "                 \"url\": \"https://example.my.salesforce.com/003A\"}],"
                    " \"customFields\": [{\"id\": \"lead_score\", \"value\": \"-5\"}]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"@bob Stone\", \"emails\": [{\"value\": \"bob@example.com\"}],"
                                           " \"headline\": \"+1 for tabs\"}");
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Globex\", \"domains\": [\"globex.example.com\"],"
                                            " \"description\": \"Makes things\", \"keywords\": [\"supplier\"],"
                                            " \"phones\": [{\"value\": \"+1 212 555 0100\", \"work\": true}]}");
  kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Big deal\", \"value\": 1250000.5, \"currency\": \"EUR\","
                                            " \"stage\": \"current\", \"start\": \"2026-01-05\", \"end\": \"2026-06-30\","
                                            " \"summary\": \"Renewal\", \"participants\": [\"ann@acme.example.com\", \"bob@example.com\"],"
                                            " \"customFields\": [{\"id\": \"region_code\", \"value\": \"EMEA\"}]}");
}

/* Export, then import into an empty store: every field CSV carries comes back as it was.
 * Companies go first: a person's company column finds them by name, but a company has to be
 * named by its domain or email to be found (a company file after the people would make another) */
static void
test_round_trip (void)
{
  g_autoptr(KithTestStore) a = kith_test_store_new ();
  g_autoptr(KithTestStore) b = kith_test_store_new ();
  g_autoptr(GError) error = NULL;

  fill_store (a);
  kith_fields_add (b->store, kith_field_definition_new (KITH_RECORD_PERSON, "Lead score", "text"), &error);
  kith_fields_add (b->store, kith_field_definition_new (KITH_RECORD_PROJECT, "Region code", "text"), &error);
  g_assert_no_error (error);

  for (guint k = 0; k < 3; k++)
    {
      KithRecordKind kind = (KithRecordKind[]) { KITH_RECORD_COMPANY, KITH_RECORD_PERSON, KITH_RECORD_PROJECT }[k];
      g_autofree char *csv = export_text (a->store, kind, NULL, NULL);
      g_autoptr(KithImport) import = NULL;
      g_autofree char *again = NULL;

      g_test_message ("%s", csv);
      import = import_ok (b, csv, kind);
      if (kith_import_get_n_rejections (import) > 0)
        g_error ("%s", kith_import_get_rejection (import, 0)->reason);
      assert_same_records (a->store, b->store, kind);

      /* … and exports the same file */
      again = export_text (b->store, kind, NULL, NULL);
      g_assert_cmpstr (again, ==, csv);
    }
}

/* Cells a spreadsheet would run as formulas are written with a ' first, and read back without */
static void
test_formula_injection (void)
{
  static const char *const fields[] = { "name", "headline", "notes", "#lead_score", "phones", NULL };
  static const char *const risky[] = { "=1", "+1", "-1", "@A1", "\tx", "\rx" };
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithTestStore) b = kith_test_store_new ();
  g_autoptr(KithImport) import = NULL;
  g_autoptr(GHashTable) records = NULL;
  JsonObject *r;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  kith_fields_add (t->store, kith_field_definition_new (KITH_RECORD_PERSON, "Lead score", "text"), &error);
  g_assert_no_error (error);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"=HYPERLINK(\\\"http://evil.example\\\")\","
                                           " \"emails\": [{\"value\": \"x@example.com\"}],"
                                           " \"headline\": \"@SUM(1+1)\", \"notes\": \"+cmd|' /C calc'!A0\","
                                           " \"phones\": [{\"value\": \"+1 415 555 0100\"}],"
                                           " \"customFields\": [{\"id\": \"lead_score\", \"value\": \"-2+3\"}]}");

  csv = export_text (t->store, KITH_RECORD_PERSON, NULL, fields);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "\"name\",\"headline\",\"notes\",\"#lead_score\",\"phones\"");
  g_assert_cmpstr (lines[1], ==, "\"'=HYPERLINK(\"\"http://evil.example\"\")\",\"'@SUM(1+1)\",\"'+cmd|' /C calc'!A0\","
                                 "\"'-2+3\",\"'+1 415 555 0100\"");
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_null (lines[3]);

  /* A tab or CR first too (the store keeps neither at the start of a field, so not above) */
  for (guint i = 0; i < G_N_ELEMENTS (risky); i++)
    {
      g_autofree char *escaped = kith_csv_escape_formula (risky[i]);
      g_autofree char *expected = g_strconcat ("'", risky[i], NULL);

      g_assert_cmpstr (escaped, ==, expected);
    }
  g_free (csv);
  csv = kith_csv_escape_formula ("1+1=2");
  g_assert_cmpstr (csv, ==, "1+1=2");

  /* … and read back as they were */
  g_free (csv);
  csv = export_text (t->store, KITH_RECORD_PERSON, NULL, NULL);
  kith_fields_add (b->store, kith_field_definition_new (KITH_RECORD_PERSON, "Lead score", "text"), &error);
  g_assert_no_error (error);
  import = import_ok (b, csv, KITH_RECORD_PERSON);
  assert_counts (import, 1, 0, 0);
  records = records_by_name (b->store, KITH_RECORD_PERSON);
  r = find_record (records, "=HYPERLINK(\"http://evil.example\")");
  g_assert_cmpstr (text (r, "headline"), ==, "@SUM(1+1)");
  g_assert_cmpstr (text (r, "notes"), ==, "+cmd|' /C calc'!A0");
  g_assert_cmpstr (item (r, "phones", 0, "value"), ==, "+1 415 555 0100");
  g_assert_cmpstr (item (r, "customFields", 0, "value"), ==, "-2+3");
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* The preview of the mapping step: columns, the preset, the first rows mapped; an edited
 * mapping saved to a file and used again */
static void
test_preview_mapping (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *csv = kith_test_google_csv (20);
  g_autoptr(KithCsvPreview) p = preview (csv, strlen (csv), NULL);
  KithCsvMapping *mapping = kith_csv_preview_get_mapping (p);
  g_autoptr(KithRecordValues) row = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *path = g_build_filename (t->dir, "mapping.ini", NULL);
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(KithImport) import = NULL;
  g_autoptr(KithCsvMapping) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) records = NULL;
  const char *label;
  guint notes = 0;
  guint changes = 0;

  g_assert_cmpstr (kith_csv_mapping_get_preset (mapping), ==, "google");
  g_assert_cmpuint (kith_csv_mapping_get_n_columns (mapping), ==, 34);
  g_assert_cmpstr (kith_csv_mapping_get_header (mapping, 0), ==, "First Name");
  g_assert_cmpint (kith_csv_mapping_get_field (mapping, 0, NULL), ==, KITH_CSV_FIELD_FIRST);
  g_assert_cmpint (kith_csv_mapping_get_field (mapping, 3, NULL), ==, KITH_CSV_FIELD_IGNORE);
  g_assert_cmpuint (kith_csv_preview_get_n_rows (p), ==, 5);
  g_assert_cmpuint (kith_csv_preview_get_row_number (p, 0), ==, 2);
  g_assert_cmpstr (kith_csv_preview_get_cells (p, 1, NULL)[0], ==, "Bob");
  row = kith_csv_preview_map_row (p, 1, &reason);
  g_assert_cmpstr (row->fields[KITH_FIELD_FIRST].text, ==, "Bob");
  g_assert_cmpstr (row->fields[KITH_FIELD_HEADLINE].text, ==, "CEO");

  /* A file whose headers say nothing still previews, for the user to map its columns */
  {
    g_autoptr(KithCsvPreview) unknown = preview ("Col A,Col B\nx,y\n", 16, NULL);

    g_assert_cmpuint (kith_csv_mapping_count_mapped (kith_csv_preview_get_mapping (unknown)), ==, 0);
  }

  /* The user maps Department to a custom field, and Notes to nothing */
  g_signal_connect_swapped (mapping, "column-changed", G_CALLBACK (count_change), &changes);
  kith_fields_add (t->store, kith_field_definition_new (KITH_RECORD_PERSON, "Team", "text"), &error);
  g_assert_no_error (error);
  for (guint c = 0; c < kith_csv_mapping_get_n_columns (mapping); c++)
    if (g_str_equal (kith_csv_mapping_get_header (mapping, c), "Notes"))
      g_assert_true (kith_csv_mapping_set_field (mapping, (notes = c), KITH_CSV_FIELD_IGNORE, NULL, NULL));
    else if (g_str_equal (kith_csv_mapping_get_header (mapping, c), "Organization Department"))
      g_assert_true (kith_csv_mapping_set_field (mapping, c, KITH_CSV_FIELD_CUSTOM, "team", NULL));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_false (kith_csv_mapping_set_field (mapping, 0, KITH_CSV_FIELD_VALUE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_true (kith_csv_mapping_save_file (mapping, path, &error));
  g_assert_no_error (error);
  loaded = kith_csv_mapping_new_from_file (KITH_RECORD_PERSON, (const char * const *) (const char *[]) {
      "First Name", "Last Name", "Notes", "Organization Department", NULL }, path, &error);
  g_assert_nonnull (error);   /* the file names columns this file lacks */
  g_clear_error (&error);

  input = g_memory_input_stream_new_from_data (csv, strlen (csv), NULL);
  import = kith_import_new (t->store, FALSE);
  g_assert_true (kith_csv_import_with_mapping (import, input, mapping, NULL, NULL, &error));
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);
  assert_counts (import, 20, 0, 0);
  records = records_by_name (t->store, KITH_RECORD_PERSON);
  g_assert_false (json_object_has_member (find_record (records, "Bob Lee"), "notes"));
  g_assert_cmpstr (item (find_record (records, "Bob Lee"), "customFields", 0, "value"), ==, "Sales");
  g_assert_cmpint (kith_csv_mapping_get_field (mapping, notes, &label), ==, KITH_CSV_FIELD_IGNORE);
}

/* kith-cli, in a process of its own; what it printed to standard error in @err */
static int
run_cli_v (const char  *data_dir,
           char       **out,
           char       **err,
           va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KITH_CLI"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  if (*err != NULL && (*err)[0] != '\0')
    g_test_message ("kith-cli: %s", *err);

  return g_subprocess_get_exit_status (proc);
}

static int
run_cli (const char  *data_dir,
         char       **out,
         ...)
{
  g_autofree char *err = NULL;
  va_list args;
  int status;

  va_start (args, out);
  status = run_cli_v (data_dir, out, &err, args);
  va_end (args);

  return status;
}

static int
run_cli_err (const char  *data_dir,
             char       **out,
             char       **err,
             ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_cli_v (data_dir, out, err, args);
  va_end (args);

  return status;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-csv-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *people = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *extra = g_build_filename (dir, "extra.csv", NULL);
  g_autofree char *refused = g_build_filename (dir, "refused.csv", NULL);
  g_autofree char *deals = g_build_filename (dir, "deals.txt", NULL);
  g_autofree char *mapping = g_build_filename (dir, "deals.mapping", NULL);
  g_autofree char *exported = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  write_file (people, "Full Name,Email,Tags\nAnn Lee,ann@example.com,golf; vip\nBob Stone,bob@example.com,golf\n"
                      "Cy,cy@example.com,x,extra\n");
  /* A refused row fails the command (a script learns of it), and the others still go in */
  g_assert_cmpint (run_cli_err (data, &out, &err, "import", "--dry-run", people, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "Dry run, nothing written: 2 new, 0 updated, 0 merged, 0 unchanged, 1 rejected\n"
                            "row 4: the row has 4 cells where the header row has 3: is a delimiter missing, or one too many?\n");
  g_assert_nonnull (strstr (err, "1 row would be refused (listed above); the others would be imported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_err (data, &out, &err, "import", people, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "2 new, 0 updated, 0 merged, 0 unchanged, 1 rejected\n"));
  g_assert_nonnull (strstr (err, "1 row refused (listed above); the others were imported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A file whose every row is refused does not say that others went in */
  write_file (refused, "Full Name,Email\nBad One,one@example.com,x\nBad Two,two@example.com,y\n");
  g_assert_cmpint (run_cli_err (data, &out, &err, "import", "--dry-run", refused, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "Dry run, nothing written: 0 new, 0 updated, 0 merged, 0 unchanged, 2 rejected\n"));
  g_assert_nonnull (strstr (err, "Every row would be refused (listed above); nothing would be imported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_err (data, &out, &err, "import", refused, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "0 new, 0 updated, 0 merged, 0 unchanged, 2 rejected\n"));
  g_assert_nonnull (strstr (err, "Every row was refused (listed above); nothing was imported"));
  g_assert_null (strstr (err, "others"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A column no field takes is named, not left out without a word */
  write_file (extra, "Full Name,Email,Favourite Colour\nDee Park,dee@example.com,blue\n");
  g_assert_cmpint (run_cli (data, &out, "import", extra, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1 new, 0 updated, 0 merged, 0 unchanged, 0 rejected\n"
                            "Not imported, as no field takes it (a mapping can give it one): the column “Favourite Colour”\n");
  g_clear_pointer (&out, g_free);

  /* Deals through a mapping file, from a file whose name does not say CSV */
  write_file (deals, "Deal;Amount;Who\nRenewal;1200;ann@example.com, bob@example.com\n");
  write_file (mapping, "[Mapping]\nkind=project\n\n[Columns]\nDeal=name\nAmount=value\nWho=people\n");
  g_assert_cmpint (run_cli (data, &out, "import", "--format", "csv", "--kind", "project", "--mapping", mapping, deals, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1 new, 0 updated, 0 merged, 0 unchanged, 0 rejected\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (data, &out, "import", "--mapping", "nonesuch", people, NULL), !=, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (data, &out, "export", "--format", "csv", "--query", "tag:vip", "--field", "name",
                            "--field", "emails", "--field", "tags", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "\"name\",\"emails\",\"tags\"\r\n\"Ann Lee\",\"ann@example.com\",\"golf; vip\"\r\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (data, &out, "export", "--format", "csv", "--kind", "project", "--field", "name",
                            "--field", "value", "--field", "people", "-o", exported, NULL), ==, 0);
  g_assert_true (g_file_get_contents (exported, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "\"name\",\"value\",\"people\"\r\n\"Renewal\",\"1200\",\"ann@example.com; bob@example.com\"\r\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (data, &out, "export", "--format", "csv", "--field", "value", NULL), !=, 0);

  kith_test_rm_rf (dir);
}

static guint
count_people (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM records WHERE kind = 0", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* kill -9 in the middle of a 20,000-row import: the database is whole, the people in it whole
 * batches, and importing the file again converges */
static void
test_killed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-csv-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *db = g_build_filename (data, "kith.db", NULL);
  g_autofree char *file = g_build_filename (dir, "google.csv", NULL);
  g_autofree char *csv = kith_test_google_csv (20000);
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = NULL;
  gint64 deadline;
  guint at_kill;

  write_file (file, csv);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("KITH_CLI"), "--data-dir", data,
                           "import", file, NULL);
  g_assert_no_error (error);
  /* Until the first batches are in (a child that died first fails the test, not hangs it) */
  deadline = g_get_monotonic_time () + 200 * G_USEC_PER_SEC;
  while ((at_kill = count_people (db)) < 4000)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 100);
    }
  g_subprocess_send_signal (proc, SIGKILL);
  g_assert_false (g_subprocess_wait_check (proc, NULL, NULL));
  g_test_message ("killed with %u people in", at_kill);

  store = kith_store_open (db, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_integrity (db);
  g_assert_cmpuint (count_people (db) % 2000, ==, 0);
  g_assert_cmpuint (count_people (db), <, 20000);

  g_assert_cmpint (run_cli (data, &out, "import", file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, " 0 rejected\n"));
  g_assert_cmpuint (count_people (db), ==, 20000);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (data, &out, "import", file, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "0 new, "));
  g_assert_cmpuint (count_people (db), ==, 20000);

  kith_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/google", test_google);
  g_test_add_func ("/csv/outlook", test_outlook);
  g_test_add_func ("/csv/linkedin", test_linkedin);
  g_test_add_func ("/csv/streaming", test_streaming);
  g_test_add_func ("/csv/encodings", test_encodings);
  g_test_add_func ("/csv/delimiters", test_delimiters);
  g_test_add_func ("/csv/app-links", test_app_links);
  g_test_add_func ("/csv/bad-input", test_bad_input);
  g_test_add_func ("/csv/conflict", test_conflict);
  g_test_add_func ("/csv/rows-ahead", test_rows_ahead);
  g_test_add_func ("/csv/dry-run", test_dry_run);
  g_test_add_func ("/csv/progress-cancel", test_progress_cancel);
  g_test_add_func ("/csv/progress-follows-rows", test_progress_follows_rows);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/formula-injection", test_formula_injection);
  g_test_add_func ("/csv/preview-mapping", test_preview_mapping);
  g_test_add_func ("/csv/cli", test_cli);
  g_test_add_func ("/csv/killed", test_killed);

  return g_test_run ();
}
