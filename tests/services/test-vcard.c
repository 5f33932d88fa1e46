/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * vCard import and export: cards as Apple Contacts, Google, Outlook and Evolution write them
 * (generated here), merging by email, the properties Kith has no field for kept, export →
 * import field by field, bad input refused card by card, and kith-cli import / export.
 */

#include "kith-test-util.h"
#include "kith-vcard.h"

/* A 1×1 PNG: a picture's bytes, generated for the test */
#define PNG_BASE64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

static KithImport *
import_text (KithTestStore *t,
             const char    *text,
             gsize          len,
             gboolean       dry_run)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_memdup2 (text, len), len, g_free);
  g_autoptr(GError) error = NULL;
  KithImport *import = kith_import_new (t->store, dry_run);

  g_assert_true (kith_vcard_import (import, input, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);

  return import;
}

static KithImport *
import_cards (KithTestStore *t,
              const char    *text)
{
  return import_text (t, text, strlen (text), FALSE);
}

static char *
export_text (KithTestStore    *t,
             KithRecordKind    kind,
             KithVCardVersion  version)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  KithExportOptions options = { kind, NULL, NULL, NULL, NULL };

  g_assert_true (kith_vcard_export (t->store, output, version, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (output, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (output, NULL, &error));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
}

static JsonObject *
get_record (KithTestStore *t,
            const char    *identifier)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_lookup (t->store, identifier, &error);
  JsonObject *record;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  record = kith_store_get_record (t->store, id, &error);
  g_assert_no_error (error);

  return record;
}

static void
assert_counts (KithImport *import,
               guint       created,
               guint       updated,
               guint       rejected)
{
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_CREATED), ==, created);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_UPDATED), ==, updated);
  g_assert_cmpuint (kith_import_get_count (import, KITH_IMPORT_REJECTED), ==, rejected);
}

/* The @i-th item of list @member, as "value" and its labels, for comparing in one line */
static char *
list_item (JsonObject *record,
           const char *member,
           guint       i)
{
  JsonArray *list = json_object_get_array_member (record, member);
  g_autoptr(JsonNode) node = NULL;

  if (i >= json_array_get_length (list))
    return g_strdup ("(none)");
  node = json_node_copy (json_array_get_element (list, i));

  return json_to_string (node, FALSE);
}

static void
assert_item (JsonObject *record,
             const char *member,
             guint       i,
             const char *expected)
{
  g_autofree char *got = list_item (record, member, i);

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_text (JsonObject *record,
             const char *member,
             const char *expected)
{
  g_assert_cmpstr (json_object_get_string_member_with_default (record, member, NULL), ==, expected);
}

static void
assert_picture_is_png (JsonObject *record)
{
  const char *path = json_object_get_string_member_with_default (record, "picture", NULL);
  g_autofree char *contents = NULL;
  g_autofree guchar *png = NULL;
  gsize len = 0, png_len = 0;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  png = g_base64_decode (PNG_BASE64, &png_len);
  g_assert_cmpmem (contents, len, png, png_len);
}

/* Apple Contacts: 3.0, folded lines, grouped labels, an inline photo, a company card (before
 * its people: a person's ORG finds a company by name, a company card finds one by its email) */
static const char apple[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "N:;;;;\r\n"
  "FN:Acme Widgets\r\n"
  "ORG:Acme Widgets;\r\n"
  "item1.EMAIL;type=INTERNET;type=WORK:hello@acme-widgets.example\r\n"
  "X-ABShowAs:COMPANY\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "PRODID:-//Apple Inc.//macOS 14.1//EN\r\n"
  "N:Lee;Ann;;;\r\n"
  "FN:Ann Lee\r\n"
  "ORG:Acme Widgets;Sales\r\n"
  "TITLE:Regional Director of Sales for the Northern Territories and the\r\n"
  "  Islands\r\n"
  "item1.EMAIL;type=INTERNET;type=pref:ann.lee@acme-widg\r\n"
  " ets.example\r\n"
  "item1.X-ABLabel:_$!<Work>!$_\r\n"
  "item2.EMAIL;type=INTERNET:ann@home.example\r\n"
  "item2.X-ABLabel:_$!<Home>!$_\r\n"
  "item3.TEL:+1 415 555 0100\r\n"
  "item3.X-ABLabel:_$!<Mobile>!$_\r\n"
  "item4.ADR;type=HOME;type=pref:;;1 Infinite Loop;Cupertino;CA;95014;United States\r\n"
  "item4.X-ABADR:us\r\n"
  "item5.X-ABRELATEDNAMES;type=pref:Bob Lee\r\n"
  "item5.X-ABLabel:_$!<Spouse>!$_\r\n"
  "NICKNAME:Annie\r\n"
  "BDAY;VALUE=date:1990-05-17\r\n"
  "X-SOCIALPROFILE;type=twitter:https://twitter.com/annlee\r\n"
  "NOTE:Met at the trade fair\\, booth 12\r\n"
  "PHOTO;ENCODING=b;TYPE=PNG:" PNG_BASE64 "\r\n"
  "END:VCARD\r\n";

static void
test_apple (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = import_cards (t, apple);
  g_autoptr(JsonObject) ann = get_record (t, "ann@home.example");
  g_autoptr(JsonObject) acme = get_record (t, "hello@acme-widgets.example");

  assert_counts (import, 2, 0, 0);
  assert_text (ann, "kind", "person");
  assert_text (ann, "name", "Ann Lee");
  assert_text (ann, "first", "Ann");
  assert_text (ann, "last", "Lee");
  assert_text (ann, "company", "Acme Widgets");
  assert_text (ann, "department", "Sales");
  assert_text (ann, "role", "Regional Director of Sales for the Northern Territories and the Islands");
  assert_text (ann, "birthday", "1990-05-17");
  assert_text (ann, "twitter", "annlee");
  assert_text (ann, "notes", "Met at the trade fair, booth 12");
  assert_item (ann, "emails", 0, "{\"value\":\"ann.lee@acme-widgets.example\",\"work\":true,\"preferred\":true}");
  assert_item (ann, "emails", 1, "{\"value\":\"ann@home.example\",\"home\":true}");
  assert_item (ann, "phones", 0, "{\"value\":\"+1 415 555 0100\",\"mobile\":true}");
  assert_item (ann, "addresses", 0, "{\"street\":\"1 Infinite Loop\",\"city\":\"Cupertino\",\"state\":\"CA\","
                                    "\"country\":\"United States\",\"postal\":\"95014\",\"home\":true}");
  assert_picture_is_png (ann);

  assert_text (acme, "kind", "company");
  assert_text (acme, "name", "Acme Widgets");
  g_assert_cmpint (json_object_get_int_member (ann, "companyId"), ==, json_object_get_int_member (acme, "id"));
}

/* Google Contacts: 3.0, TYPE parameters, a photo by URL, groups as CATEGORIES */
static const char google[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Carl Jung\r\n"
  "N:Jung;Carl;;;\r\n"
  "EMAIL;TYPE=INTERNET;TYPE=HOME:carl@example.org\r\n"
  "TEL;TYPE=CELL:+41 44 555 01 23\r\n"
  "TEL;TYPE=WORK,FAX:+41 44 555 01 24\r\n"
  "ADR;TYPE=WORK:;;Seestrasse 228;Küsnacht;ZH;8700;Switzerland\r\n"
  "ORG:Institute\r\n"
  "URL:https\\://carl.example.org\r\n"
  "BDAY:18750726\r\n"
  "PHOTO:https://lh3.googleusercontent.example/a/photo.jpg\r\n"
  "CATEGORIES:myContacts,Friends\r\n"
  "END:VCARD\r\n";

static void
test_google (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = import_cards (t, google);
  g_autoptr(JsonObject) carl = get_record (t, "carl@example.org");

  assert_counts (import, 1, 0, 0);
  assert_text (carl, "name", "Carl Jung");
  assert_text (carl, "birthday", "1875-07-26");
  assert_text (carl, "picture", "https://lh3.googleusercontent.example/a/photo.jpg");
  assert_item (carl, "emails", 0, "{\"value\":\"carl@example.org\",\"home\":true}");
  assert_item (carl, "phones", 0, "{\"value\":\"+41 44 555 01 23\",\"mobile\":true}");
  assert_item (carl, "faxes", 0, "{\"value\":\"+41 44 555 01 24\"}");
  assert_item (carl, "urls", 0, "{\"value\":\"https://carl.example.org\"}");
  assert_item (carl, "addresses", 0, "{\"street\":\"Seestrasse 228\",\"city\":\"Küsnacht\",\"state\":\"ZH\","
                                     "\"country\":\"Switzerland\",\"postal\":\"8700\",\"work\":true}");
  assert_item (carl, "keywords", 0, "\"Friends\"");
  assert_item (carl, "keywords", 1, "\"myContacts\"");
}

/* Outlook: a byte order mark, 2.1, bare types, QUOTED-PRINTABLE with soft line breaks and a
 * charset */
static const char outlook[] =
  "\xef\xbb\xbf" "BEGIN:VCARD\r\n"
  "VERSION:2.1\r\n"
  "N;LANGUAGE=en-us:Doe;John\r\n"
  "FN:John Doe\r\n"
  "ORG:Contoso\r\n"
  "TITLE:Buyer\r\n"
  "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=utf-8:Prefers calls before noon.=0D=0AOrders ca=\r\n"
  "f=C3=A9 cr=C3=A8me.\r\n"
  "TEL;WORK;VOICE:(425) 555-0199\r\n"
  "EMAIL;PREF;INTERNET:john.doe@contoso.example\r\n"
  "X-MS-OL-DEFAULT-POSTAL-ADDRESS:0\r\n"
  "X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns=\"http://schemas.microsoft.com/office/outlook/12/electronicbusinesscards\"/>\r\n"
  "END:VCARD\r\n";

static void
test_outlook (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = import_cards (t, outlook);
  g_autoptr(JsonObject) john = get_record (t, "john.doe@contoso.example");

  assert_counts (import, 1, 0, 0);
  assert_text (john, "first", "John");
  assert_text (john, "last", "Doe");
  assert_text (john, "role", "Buyer");
  assert_text (john, "notes", "Prefers calls before noon.\nOrders café crème.");
  assert_item (john, "emails", 0, "{\"value\":\"john.doe@contoso.example\",\"preferred\":true}");
  assert_item (john, "phones", 0, "{\"value\":\"(425) 555-0199\",\"work\":true}");
}

/* Evolution / GNOME Contacts: 3.0 with X-EVOLUTION-* properties; and a 4.0 company card */
static const char evolution[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "UID:pas-id-5F3A1C2B00000001\r\n"
  "X-EVOLUTION-FILE-AS:Stone\\, Bob\r\n"
  "FN:Bob Stone\r\n"
  "N:Stone;Bob;;;\r\n"
  "EMAIL;X-EVOLUTION-UI-SLOT=1;TYPE=WORK:bob@stone.example\r\n"
  "TEL;X-EVOLUTION-UI-SLOT=1;TYPE=HOME,VOICE:+44 20 7946 0000\r\n"
  "BDAY:--0229\r\n"
  "REV:2026-11-01T10:00:00Z\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "KIND:org\r\n"
  "FN:Initech\r\n"
  "ORG:Initech\r\n"
  "EMAIL;TYPE=work;PREF=1:sales@initech.example\r\n"
  "TEL;VALUE=uri;TYPE=work:tel:+1-555-555-0134\r\n"
  "PHOTO:data:image/png;base64," PNG_BASE64 "\r\n"
  "END:VCARD\r\n";

static void
test_evolution (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = import_cards (t, evolution);
  g_autoptr(JsonObject) bob = get_record (t, "bob@stone.example");
  g_autoptr(JsonObject) initech = get_record (t, "sales@initech.example");

  assert_counts (import, 2, 0, 0);
  assert_text (bob, "birthday", "--02-29");
  assert_item (bob, "emails", 0, "{\"value\":\"bob@stone.example\",\"work\":true}");
  assert_item (bob, "phones", 0, "{\"value\":\"+44 20 7946 0000\",\"home\":true}");

  assert_text (initech, "kind", "company");
  assert_item (initech, "emails", 0, "{\"value\":\"sales@initech.example\",\"work\":true,\"preferred\":true}");
  assert_item (initech, "phones", 0, "{\"value\":\"+1-555-555-0134\",\"work\":true}");
  assert_picture_is_png (initech);
}

/* A company's card after its people (Apple's order is by name): the company their ORG made is
 * the company of the card, completed by it, not a second one */
static const char company_last[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Ann Lee\r\n"
  "ORG:Acme Widgets;Sales\r\n"
  "EMAIL:ann@acme-widgets.example\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "FN:Bob Stone\r\n"
  "ORG:Acme Widgets\r\n"
  "EMAIL:bob@acme-widgets.example\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "KIND:org\r\n"
  "FN:Acme Widgets\r\n"
  "EMAIL;TYPE=work:hello@acme-widgets.example\r\n"
  "NOTE:Supplier of widgets\r\n"
  "END:VCARD\r\n";

static void
test_company_after_people (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = import_cards (t, company_last);
  g_autoptr(KithImport) again = NULL;
  g_autoptr(JsonObject) ann = get_record (t, "ann@acme-widgets.example");
  g_autoptr(JsonObject) bob = get_record (t, "bob@acme-widgets.example");
  g_autoptr(JsonObject) acme = get_record (t, "hello@acme-widgets.example");

  assert_counts (import, 2, 1, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_COMPANY, "", NULL), ==, 1);
  assert_text (acme, "name", "Acme Widgets");
  assert_text (acme, "notes", "Supplier of widgets");
  g_assert_cmpint (json_object_get_int_member (ann, "companyId"), ==, json_object_get_int_member (acme, "id"));
  g_assert_cmpint (json_object_get_int_member (bob, "companyId"), ==, json_object_get_int_member (acme, "id"));

  /* A company of that name with a key of its own is another company: only one Kith made from a
   * name is completed so */
  again = import_cards (t, "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Acme Widgets\r\n"
                           "EMAIL:info@acme-widgets.example\r\nEND:VCARD\r\n");
  assert_counts (again, 1, 0, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_COMPANY, "", NULL), ==, 2);
}

/* A card with the email of a person Kith has is that person: added to, not duplicated */
static void
test_merge_by_email (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) import = NULL;
  g_autoptr(JsonObject) carl = NULL;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Carl Jung\", \"emails\": [{\"value\": \"CARL@example.org\"}],"
                                           " \"headline\": \"Analyst\"}");
  import = import_cards (t, google);
  assert_counts (import, 0, 1, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 1);

  carl = get_record (t, "carl@example.org");
  assert_text (carl, "headline", "Analyst");
  assert_item (carl, "phones", 0, "{\"value\":\"+41 44 555 01 23\",\"mobile\":true}");
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” should not be in:\n%s", part, text);
}

/* Properties Kith has no field for go out again as they came in, groups and all */
static void
test_unknown_kept (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithTestStore) again = kith_test_store_new ();
  g_autoptr(KithImport) first = import_cards (t, apple);
  g_autoptr(KithImport) imported = NULL;
  g_autofree char *exported = export_text (t, KITH_RECORD_PERSON, KITH_VCARD_30);
  g_autofree char *reexported = NULL;
  g_autofree char *evolution_out = NULL;
  g_autoptr(KithImport) evo = import_cards (t, evolution);

  assert_contains (exported, "NICKNAME:Annie\r\n");
  assert_contains (exported, "item5.X-ABRELATEDNAMES;type=pref:Bob Lee\r\n");
  assert_contains (exported, "item5.X-ABLabel:_$!<Spouse>!$_\r\n");
  assert_contains (exported, "item4.X-ABADR:us\r\n");
  /* read into fields, so not written twice */
  assert_lacks (exported, "item1.X-ABLabel");
  assert_lacks (exported, "Apple Inc.");

  imported = import_cards (again, exported);
  assert_counts (imported, 1, 0, 0);
  reexported = export_text (again, KITH_RECORD_PERSON, KITH_VCARD_30);
  g_assert_cmpstr (reexported, ==, exported);

  evolution_out = export_text (t, KITH_RECORD_PERSON, KITH_VCARD_30);
  assert_contains (evolution_out, "UID:pas-id-5F3A1C2B00000001\r\n");
  assert_contains (evolution_out, "X-EVOLUTION-FILE-AS:Stone\\, Bob\r\n");
}

static void
add_fields (KithTestStore *t)
{
  g_autoptr(KithFieldDefinition) budget = g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "budget", "name", "Budget",
                                                        "field-type", "text", NULL);
  g_autoptr(KithFieldDefinition) interests =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "key", "interests", "name", "Interests", "field-type", "multipick",
                  "options", (const char *[]) { "Poetry", "Engines", "Music", NULL }, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  g_assert_cmpint (kith_fields_add (t->store, budget, &error), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, interests, &error), >, 0);
  g_assert_no_error (error);
}

/* Every field of a person and of a company */
static void
fill_store (KithTestStore *t)
{
  g_autofree char *png_path = g_build_filename (t->dir, "ada.png", NULL);
  g_autofree guchar *png = NULL;
  g_autofree char *person = NULL;
  gsize png_len;

  png = g_base64_decode (PNG_BASE64, &png_len);
  g_assert_true (g_file_set_contents (png_path, (const char *) png, png_len, NULL));

  kith_test_create (t, KITH_RECORD_COMPANY,
    "{\"name\": \"Analytical Engines\", \"description\": \"Engines\\nthat compute\", \"domains\": [\"engines.example\"],"
    " \"emails\": [{\"value\": \"info@engines.example\", \"work\": true}], \"segment\": \"partner\", \"stage\": \"current\","
    " \"keywords\": [\"supplier\"], \"notes\": \"Since 1834\", \"cadence\": 60, \"leadSource\": \"Fair\","
    " \"phones\": [{\"value\": \"+44 20 7946 0001\", \"work\": true}], \"urls\": [{\"value\": \"https://engines.example\"}],"
    " \"addresses\": [{\"street\": \"1 Dorset Street\", \"city\": \"London\", \"country\": \"UK\", \"postal\": \"W1U\", \"work\": true}],"
    " \"appLinks\": [{\"source\": \"hubspot.com\", \"uniqueid\": \"c-42\", \"label\": \"Company\", \"url\": \"https://hs.example/c-42\"}]}");
  person = g_strdup_printf (
    "{\"name\": \"Ada Lovelace\", \"first\": \"Ada\", \"last\": \"Lovelace\", \"headline\": \"Analyst; poet, of sorts\","
    " \"role\": \"Countess\", \"department\": \"Mathematics\", \"company\": \"engines.example\","
    " \"birthday\": \"1815-12-10\", \"anniversaries\": [{\"label\": \"Wedding\", \"date\": \"1835-07-08\"}],"
    " \"emails\": [{\"value\": \"ada@engines.example\", \"work\": true, \"preferred\": true}, {\"value\": \"ada@home.example\", \"home\": true}],"
    " \"phones\": [{\"value\": \"+1 415 555 0100\", \"mobile\": true}, {\"value\": \"+1 415 555 0101\", \"work\": true}],"
    " \"faxes\": [{\"value\": \"+1 415 555 0102\"}], \"urls\": [{\"value\": \"https://ada.example\"}],"
    " \"addresses\": [{\"street\": \"12 St James's Square\", \"city\": \"London\", \"state\": \"Westminster\", \"country\": \"UK\","
    " \"postal\": \"SW1Y 4JH\", \"home\": true, \"lat\": 51.5074, \"lng\": -0.1344}],"
    " \"twitter\": \"ada\", \"facebook\": \"ada.lovelace\", \"linkedin\": \"adalovelace\","
    " \"segment\": \"customer\", \"stage\": \"current\", \"step\": \"s-00005\", \"cadence\": 30, \"private\": true,"
    " \"leadSource\": \"Referral; friend, of Babbage\", \"assignee\": \"me@kith.example\","
    " \"keywords\": [\"vip\", \"math, science\"], \"notes\": \"Line one\\nLine two; with, punctuation\","
    " \"customFields\": [{\"id\": \"budget\", \"value\": \"1200\"}, {\"id\": \"interests\", \"value\": [\"Poetry\", \"Engines\"]}],"
    " \"appLinks\": [{\"source\": \"salesforce.com\", \"uniqueid\": \"003j000000AbCd\", \"label\": \"Contact\", \"url\": \"https://sf.example/003j\"}],"
    " \"picture\": \"%s\"}", png_path);
  kith_test_create (t, KITH_RECORD_PERSON, person);
}

/* Without what differs between two stores by nature: ids, keys, times, the picture's copy */
static char *
comparable (KithTestStore *t,
            const char    *identifier)
{
  g_autoptr(JsonObject) record = get_record (t, identifier);
  g_autoptr(JsonNode) node = NULL;
  static const char *const volatile_members[] = {
    "id", "syncKey", "firstSeen", "lastChanged", "lastContact", "companyId", "companySyncKey", "picture",
  };

  if (json_object_has_member (record, "picture"))
    assert_picture_is_png (record);
  for (guint i = 0; i < G_N_ELEMENTS (volatile_members); i++)
    json_object_remove_member (record, volatile_members[i]);
  node = json_node_init_object (json_node_alloc (), record);

  return json_to_string (node, TRUE);
}

static void
round_trip (KithVCardVersion version)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithTestStore) copy = kith_test_store_new ();
  g_autofree char *people = NULL, *companies = NULL;
  g_autoptr(KithImport) companies_in = NULL, people_in = NULL;
  static const char *const identifiers[] = { "ada@engines.example", "engines.example" };

  add_fields (t);
  add_fields (copy);
  fill_store (t);
  people = export_text (t, KITH_RECORD_PERSON, version);
  companies = export_text (t, KITH_RECORD_COMPANY, version);
  assert_contains (people, version == KITH_VCARD_40 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
  assert_contains (companies, version == KITH_VCARD_40 ? "KIND:org\r\n" : "X-ABShowAs:COMPANY\r\n");

  companies_in = import_cards (copy, companies);
  assert_counts (companies_in, 1, 0, 0);
  people_in = import_cards (copy, people);
  assert_counts (people_in, 1, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    {
      g_autofree char *before = comparable (t, identifiers[i]);
      g_autofree char *after = comparable (copy, identifiers[i]);

      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_round_trip_30 (void)
{
  round_trip (KITH_VCARD_30);
}

static void
test_round_trip_40 (void)
{
  round_trip (KITH_VCARD_40);
}

/* What test_export_text () writes as 3.0, byte for byte (EVCard folds the long lines) */
#define CARD_30 "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Kith//Kith//EN\r\n"

static const char people_30[] =
  CARD_30
  "N:Lovelace;Ada;;;\r\n"
  "FN:Ada Lovelace\r\n"
  "ORG:Analytical Engines;Mathematics\r\n"
  "TITLE:Countess\r\n"
  "BDAY:1815-12-10\r\n"
  "EMAIL;TYPE=WORK,PREF:ada@engines.example\r\n"
  "EMAIL;TYPE=HOME:ada@home.example\r\n"
  "TEL;TYPE=CELL:+1 415 555 0100\r\n"
  "TEL;TYPE=WORK:+1 415 555 0101\r\n"
  "TEL;TYPE=FAX:+1 415 555 0102\r\n"
  "ADR;X-KITH-LNG=\"-0.13439999999999999\";X-KITH-LAT=\"51.507399999999997\";TYPE=\r\n"
  " HOME:;;12 St James's Square;London;Westminster;SW1Y 4JH;UK\r\n"
  "URL:https://ada.example\r\n"
  "NOTE:Line one\\nLine two\\; with\\, punctuation\r\n"
  "CATEGORIES:math\\, science,vip\r\n"
  "PHOTO;TYPE=png;ENCODING=b:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAD\r\n"
  " UlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\r\n"
  "X-SOCIALPROFILE;X-USER=ada;TYPE=twitter:https://twitter.com/ada\r\n"
  "X-SOCIALPROFILE;X-USER=\"ada.lovelace\";TYPE=facebook:https://www.facebook.co\r\n"
  " m/ada.lovelace\r\n"
  "X-SOCIALPROFILE;X-USER=adalovelace;TYPE=linkedin:https://www.linkedin.com/i\r\n"
  " n/adalovelace\r\n"
  "X-KITH-OCCASION;X-LABEL=Wedding:1835-07-08\r\n"
  "X-KITH-HEADLINE:Analyst\\; poet\\, of sorts\r\n"
  "X-KITH-SEGMENT:customer\r\n"
  "X-KITH-STAGE:current\r\n"
  "X-KITH-STEP:s-00005\r\n"
  "X-KITH-CADENCE:30\r\n"
  "X-KITH-PRIVATE:TRUE\r\n"
  "X-KITH-LEAD-SOURCE:Referral\\; friend\\, of Babbage\r\n"
  "X-KITH-ASSIGNEE:me@kith.example\r\n"
  "X-KITH-FIELD;X-KEY=budget:1200\r\n"
  "X-KITH-FIELD;X-MULTI=TRUE;X-KEY=interests:Poetry;Engines\r\n"
  "X-KITH-APPLINK:salesforce.com;003j000000AbCd;Contact;https://sf.example/003\r\n"
  " j\r\n"
  "END:VCARD\r\n"
  CARD_30
  "N:Lee;Ann;;;\r\n"
  "FN:Ann Lee\r\n"
  "ORG:Acme Widgets;Sales\r\n"
  "TITLE:Regional Director of Sales for the Northern Territories and the Islan\r\n"
  " ds\r\n"
  "BDAY:1990-05-17\r\n"
  "EMAIL;TYPE=WORK,PREF:ann.lee@acme-widgets.example\r\n"
  "EMAIL;TYPE=HOME:ann@home.example\r\n"
  "TEL;TYPE=CELL:+1 415 555 0100\r\n"
  "ADR;TYPE=HOME:;;1 Infinite Loop;Cupertino;CA;95014;United States\r\n"
  "NOTE:Met at the trade fair\\, booth 12\r\n"
  "PHOTO;TYPE=png;ENCODING=b:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAD\r\n"
  " UlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\r\n"
  "X-SOCIALPROFILE;X-USER=annlee;TYPE=twitter:https://twitter.com/annlee\r\n"
  "item4.X-ABADR:us\r\n"
  "item5.X-ABRELATEDNAMES;type=pref:Bob Lee\r\n"
  "item5.X-ABLabel:_$!<Spouse>!$_\r\n"
  "NICKNAME:Annie\r\n"
  "END:VCARD\r\n"
  CARD_30
  "N:;Charles;;;\r\n"
  "FN:Charles Babbage\r\n"
  "ORG:Difference Engines;\r\n"
  "EMAIL:charles@babbage.example\r\n"
  "TEL;TYPE=WORK,PREF:+44 20 7946 0002\r\n"
  "TEL;TYPE=HOME:+44 20 7946 0003\r\n"
  "TEL;TYPE=WORK,FAX:+44 20 7946 0004\r\n"
  "ADR;TYPE=WORK:;;1 Dorset Street;London;;;\r\n"
  "ADR:;;;;;;UK\r\n"
  "URL:https://babbage.example\r\n"
  "PHOTO;VALUE=uri:https://babbage.example/me.jpg\r\n"
  "X-KITH-OCCASION;X-LABEL=Anniversary:--12-26\r\n"
  "X-KITH-FIELD;X-MULTI=TRUE;X-KEY=interests:Engines\r\n"
  "END:VCARD\r\n"
  CARD_30
  "N:;Zed;;;\r\n"
  "FN:Zed\r\n"
  "END:VCARD\r\n";

static const char companies_30[] =
  CARD_30
  "X-ABShowAs:COMPANY\r\n"
  "N:;;;;\r\n"
  "FN:Acme Widgets\r\n"
  "ORG:Acme Widgets\r\n"
  "EMAIL;TYPE=WORK:hello@acme-widgets.example\r\n"
  "END:VCARD\r\n"
  CARD_30
  "X-ABShowAs:COMPANY\r\n"
  "N:;;;;\r\n"
  "FN:Analytical Engines\r\n"
  "ORG:Analytical Engines\r\n"
  "EMAIL;TYPE=WORK:info@engines.example\r\n"
  "TEL;TYPE=WORK:+44 20 7946 0001\r\n"
  "ADR;TYPE=WORK:;;1 Dorset Street;London;;W1U;UK\r\n"
  "URL:https://engines.example\r\n"
  "X-KITH-DOMAIN:engines.example\r\n"
  "NOTE:Since 1834\r\n"
  "CATEGORIES:supplier\r\n"
  "X-KITH-SEGMENT:partner\r\n"
  "X-KITH-STAGE:current\r\n"
  "X-KITH-CADENCE:60\r\n"
  "X-KITH-LEAD-SOURCE:Fair\r\n"
  "X-KITH-DESCRIPTION:Engines\\nthat compute\r\n"
  "X-KITH-APPLINK:hubspot.com;c-42;Company;https://hs.example/c-42\r\n"
  "END:VCARD\r\n"
  CARD_30
  "X-ABShowAs:COMPANY\r\n"
  "N:;;;;\r\n"
  "FN:Difference Engines\r\n"
  "ORG:Difference Engines\r\n"
  "END:VCARD\r\n";

/* …and as 4.0: it differs in these properties only */
static const char *const changes_40[][2] = {
  { "VERSION:3.0\r\n", "VERSION:4.0\r\n" },
  { "X-ABShowAs:COMPANY\r\n", "KIND:org\r\n" },
  { "EMAIL;TYPE=WORK,PREF:", "EMAIL;PREF=1;TYPE=WORK:" },
  { "TEL;TYPE=WORK,PREF:", "TEL;PREF=1;TYPE=WORK:" },
  { "PHOTO;TYPE=png;ENCODING=b:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAD\r\n"
    " UlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\r\n",
    "PHOTO:data:image/png\\;base64\\,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJA\r\n"
    " AAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\r\n" },
  { "PHOTO;VALUE=uri:", "PHOTO:" },
};

static char *
as_40 (const char *text_30)
{
  GString *text = g_string_new (text_30);

  for (guint i = 0; i < G_N_ELEMENTS (changes_40); i++)
    g_string_replace (text, changes_40[i][0], changes_40[i][1], 0);

  return g_string_free (text, FALSE);
}

/* People with what fill_store () leaves out: a picture by URI, a preferred phone, a work fax,
 * a label the card has no type for, addresses with no position, an anniversary the store
 * labels, a flag off; and one with a name only */
static void
fill_edge_cases (KithTestStore *t)
{
  kith_test_create (t, KITH_RECORD_PERSON,
    "{\"name\": \"Charles Babbage\", \"first\": \"Charles\", \"picture\": \"https://babbage.example/me.jpg\","
    " \"emails\": [{\"value\": \"charles@babbage.example\", \"other\": true}],"
    " \"phones\": [{\"value\": \"+44 20 7946 0002\", \"work\": true, \"preferred\": true}, {\"value\": \"+44 20 7946 0003\", \"home\": true}],"
    " \"faxes\": [{\"value\": \"+44 20 7946 0004\", \"work\": true}],"
    " \"urls\": [{\"value\": \"https://babbage.example\", \"work\": true}],"
    " \"addresses\": [{\"street\": \"1 Dorset Street\", \"city\": \"London\", \"work\": true}, {\"country\": \"UK\"}],"
    " \"anniversaries\": [{\"date\": \"--12-26\"}], \"company\": \"Difference Engines\", \"private\": false,"
    " \"customFields\": [{\"id\": \"interests\", \"value\": [\"Engines\"]}]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Zed\"}");
}

/* The text of an export, byte for byte: every field the writer writes, of a person and a
 * company, in 3.0 and 4.0, with the properties kept from an imported card */
static void
test_export_text (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) imported = NULL;
  struct { KithRecordKind kind; const char *expected; } exports[] = {
    { KITH_RECORD_PERSON, people_30 },
    { KITH_RECORD_COMPANY, companies_30 },
  };

  add_fields (t);
  fill_store (t);
  fill_edge_cases (t);
  imported = import_cards (t, apple);
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *text_30 = export_text (t, exports[i].kind, KITH_VCARD_30);
      g_autofree char *text_40 = export_text (t, exports[i].kind, KITH_VCARD_40);
      g_autofree char *expected_40 = as_40 (exports[i].expected);

      g_assert_cmpstr (text_30, ==, exports[i].expected);
      g_assert_cmpstr (text_40, ==, expected_40);
    }
}

/* A second import of the same file leaves the data as the first did */
static void
test_second_run_converges (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithImport) first = import_cards (t, apple);
  g_autofree char *before = kith_test_dump (t);
  g_autofree char *exported = export_text (t, KITH_RECORD_PERSON, KITH_VCARD_40);
  g_autoptr(KithImport) second = import_cards (t, apple);
  g_autofree char *after = NULL;
  g_autofree char *reexported = export_text (t, KITH_RECORD_PERSON, KITH_VCARD_40);

  g_assert_cmpuint (kith_import_get_count (second, KITH_IMPORT_CREATED), ==, 0);
  g_assert_cmpuint (kith_import_get_count (second, KITH_IMPORT_REJECTED), ==, 0);
  g_assert_cmpstr (reexported, ==, exported);
  after = kith_test_dump (t);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 1);
  g_assert_cmpuint (strlen (after), ==, strlen (before));
}

/* A dry run counts, and writes nothing: no record, no picture */
static void
test_dry_run (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *before = kith_test_dump (t);
  g_autoptr(KithImport) import = import_text (t, apple, strlen (apple), TRUE);
  g_autofree char *after = kith_test_dump (t);
  g_autofree char *pictures = g_build_filename (t->dir, "files", "pictures", NULL);

  assert_counts (import, 2, 0, 0);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (pictures, G_FILE_TEST_EXISTS));
}

static void
assert_rejection (KithImport *import,
                  guint       i,
                  guint       row,
                  const char *part)
{
  const KithImportRejection *r = kith_import_get_rejection (import, i);

  g_assert_cmpuint (r->row, ==, row);
  assert_contains (r->reason, part);
}

static void
assert_file_refused (const char *text,
                     gsize       len,
                     const char *part)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (text, len, NULL);
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_false (kith_vcard_import (import, input, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_contains (error->message, part);
  kith_import_abort (import);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 0);
}

static void
test_not_vcard (void)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";

  assert_file_refused ("", 0, "holds no vCard");
  assert_file_refused ("\r\n\r\n", 4, "holds no vCard");
  assert_file_refused (binary, sizeof binary, "not a vCard file");
  assert_file_refused ("name,email\nAnn,ann@example.com\n", 31, "not a vCard file");
}

#define GOOD(name, email) \
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" name "\r\nEMAIL:" email "\r\nNICKNAME:kept\r\nEND:VCARD\r\n"

/* Each bad card is refused with its number and reason; the good ones around it are imported */
static void
test_bad_cards (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GString) file = g_string_new (GOOD ("Ann Lee", "ann@example.com"));
  g_autoptr(KithImport) import = NULL;
  g_autofree char *exported = NULL;

  /* 2: invalid UTF-8 */
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Bytes\r\nNOTE:caf\xe9 au lait\r\nEMAIL:bad@example.com\r\nEND:VCARD\r\n");
  /* 3: a 10 MB photo on one line */
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge Photo\r\nEMAIL:huge@example.com\r\nPHOTO;ENCODING=b;TYPE=JPEG:");
  for (guint i = 0; i < 10 * 1024 * 1024 / 64; i++)
    g_string_append (file, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_string_append (file, "\r\nEND:VCARD\r\n");
  /* 4: a 10 MB photo folded, as writers fold it */
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Folded Photo\r\nEMAIL:folded@example.com\r\nPHOTO;ENCODING=b;TYPE=JPEG:");
  for (guint i = 0; i < 10 * 1024 * 1024 / 64; i++)
    g_string_append (file, "\r\n AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_string_append (file, "\r\nEND:VCARD\r\n");
  /* 5: no name */
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:noname@example.com\r\nEND:VCARD\r\n");
  /* 6: a date the store refuses */
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Far Future\r\nBDAY:10000-01-01\r\nEMAIL:far@example.com\r\nEND:VCARD\r\n");
  /* 7: a photo that is no image */
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Not Image\r\nEMAIL:notimage@example.com\r\nPHOTO;ENCODING=b:aGVsbG8gd29ybGQ=\r\nEND:VCARD\r\n");
  /* 8: no END:VCARD before the next card, 9: good, 10: no END:VCARD at the end of the file */
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\nEMAIL:noend@example.com\r\n");
  g_string_append (file, GOOD ("Bob Stone", "bob@example.com"));
  g_string_append (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\nEMAIL:cut@example.com\r\n");

  import = import_text (t, file->str, file->len, FALSE);
  assert_counts (import, 2, 0, 8);
  assert_rejection (import, 0, 2, "“Bad Bytes”: NOTE on line 10 is not UTF-8 text");
  assert_rejection (import, 1, 3, "“Huge Photo”: PHOTO makes the card larger than Kith takes");
  assert_rejection (import, 2, 4, "“Folded Photo”: PHOTO makes the card larger than Kith takes");
  assert_rejection (import, 3, 5, "no name");
  assert_rejection (import, 4, 6, "10000");
  assert_rejection (import, 5, 7, "PHOTO is not an image");
  assert_rejection (import, 6, 8, "“No End”: no END:VCARD before the next BEGIN:VCARD");
  assert_rejection (import, 7, 10, "“Cut Short”: the file ends before END:VCARD");

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2);
  exported = export_text (t, KITH_RECORD_PERSON, KITH_VCARD_30);
  assert_contains (exported, "FN:Ann Lee\r\n");
  assert_contains (exported, "FN:Bob Stone\r\n");
  assert_contains (exported, "NICKNAME:kept\r\n");
}

static void
cancel_after_first (double   fraction,
                    gpointer data)
{
  g_cancellable_cancel (data);
}

/* A cancelled import stops between cards; what it had not committed is not written */
static void
test_cancel (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) file = g_string_new (NULL);
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) path = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  KithImportOptions options = { KITH_RECORD_PERSON, NULL, cancel_after_first, cancellable };

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %u\r\nEMAIL:p%u@example.com\r\nEND:VCARD\r\n", i, i);
  /* A file, so that the import knows its size and reports progress */
  path = g_file_new_tmp ("kith-vcard-XXXXXX.vcf", &io, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (path, file->str, file->len, NULL, FALSE, 0, NULL, NULL, &error));
  input = G_INPUT_STREAM (g_file_read (path, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (kith_vcard_import (import, input, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  kith_import_abort (import);
  g_file_delete (path, NULL, NULL);

  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 0);
}

typedef struct {
  guint  calls;
  double last;
} Progress;

static void
count_progress (double   fraction,
                gpointer data)
{
  Progress *progress = data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  progress->last = fraction;
  progress->calls++;
}

/* A file of @n generated cards on disk, opened: read a block at a time, its size known */
static GInputStream *
open_many_cards (KithTestStore *t,
                 guint          n)
{
  g_autofree char *path = g_build_filename (t->dir, "many.vcf", NULL);
  g_autoptr(GString) file = g_string_new (NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GInputStream *input;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (file, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person;Number %u;;;\r\nFN:Number %u Person\r\n"
                                  "EMAIL;TYPE=WORK:n%u@many.example\r\nNICKNAME:n%u\r\nEND:VCARD\r\n", i, i, i, i);
  g_assert_true (g_file_set_contents (path, file->str, file->len, NULL));
  input = G_INPUT_STREAM (g_file_read (gfile, NULL, &error));
  g_assert_no_error (error);

  return input;
}

/* A file of more cards than a batch holds, read from disk a block at a time, with progress */
static void
test_many_cards (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GInputStream) input = open_many_cards (t, 2500);
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0.0 };
  KithImportOptions options = { KITH_RECORD_PERSON, NULL, count_progress, &progress };

  g_assert_true (kith_vcard_import (import, input, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kith_import_finish (import, &error));
  g_assert_no_error (error);

  assert_counts (import, 2500, 0, 0);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "", NULL), ==, 2500);
  g_assert_cmpuint (progress.calls, >, 2500);
  g_assert_cmpfloat (progress.last, ==, 1.0);
}

static void
cancel_near_end (double   fraction,
                 gpointer data)
{
  if (fraction > 0.9)
    g_cancellable_cancel (data);
}

/* Cancelled after a batch (2,000 rows, kith-import.c) was committed: those cards are there, each
 * whole (its email and the properties kept with it), the rest are not */
static void
test_cancel_after_batch (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) input = open_many_cards (t, 2500);
  g_autoptr(KithImport) import = kith_import_new (t->store, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  KithImportOptions options = { KITH_RECORD_PERSON, NULL, cancel_near_end, cancellable };

  g_assert_false (kith_vcard_import (import, input, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  kith_import_abort (import);

  ids = kith_store_find (t->store, KITH_RECORD_PERSON, "", KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT, NULL, NULL);
  g_assert_cmpuint (ids->len, >, 0);
  g_assert_cmpuint (ids->len, <, 2500);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(JsonObject) record = kith_store_get_record (t->store, id, NULL);
      g_autofree char *extra = kith_store_dup_vcard_extra (t->store, id, NULL);
      g_autofree char *email = list_item (record, "emails", 0);

      g_assert_nonnull (strstr (email, "@many.example"));
      g_assert_nonnull (extra);
      assert_contains (extra, "NICKNAME:n");
    }
}

/* kith-cli import x.vcf [--dry-run] and kith-cli export --format vcard */
static char *
run_cli (const char *data_dir,
         int         expected_status,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KITH_CLI"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  va_start (args, expected_status);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (proc) != expected_status)
    g_error ("kith-cli exited with %d: %s%s", g_subprocess_get_exit_status (proc), out, err);

  return out;
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-vcard-cli-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *file = g_build_filename (dir, "contacts.vcf", NULL);
  g_autofree char *exported_file = g_build_filename (dir, "out.vcf", NULL);
  g_autofree char *dry = NULL, *real = NULL, *exported = NULL, *companies = NULL, *written = NULL;
  g_autofree char *contents = g_strconcat (apple, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n", NULL);

  g_assert_true (g_file_set_contents (file, contents, -1, NULL));

  /* The card cut short fails the command, and the others still go in */
  dry = run_cli (data, 1, "import", file, "--dry-run", NULL);
  g_assert_cmpstr (dry, ==, "Dry run, nothing written: 2 new, 0 updated, 0 merged, 0 unchanged, 1 rejected\n"
                            "row 3: “Cut Short”: the file ends before END:VCARD\n");
  exported = run_cli (data, 0, "export", "--format", "vcard", NULL);
  g_assert_cmpstr (exported, ==, "");
  g_clear_pointer (&exported, g_free);

  real = run_cli (data, 1, "import", file, NULL);
  g_assert_cmpstr (real, ==, "2 new, 0 updated, 0 merged, 0 unchanged, 1 rejected\n"
                             "row 3: “Cut Short”: the file ends before END:VCARD\n");
  exported = run_cli (data, 0, "export", "--format", "vcard", NULL);
  assert_contains (exported, "FN:Ann Lee\r\n");
  assert_lacks (exported, "FN:Acme Widgets\r\n");
  companies = run_cli (data, 0, "export", "--format", "vcard", "--kind", "company", "--output", exported_file, NULL);
  g_assert_true (g_file_get_contents (exported_file, &written, NULL, NULL));
  assert_contains (written, "X-ABShowAs:COMPANY\r\n");
  assert_contains (written, "FN:Acme Widgets\r\n");

  kith_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* EVCard warns of what real files hold (Google's "https\\://") and reads on: so does the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/vcard/apple", test_apple);
  g_test_add_func ("/vcard/google", test_google);
  g_test_add_func ("/vcard/outlook", test_outlook);
  g_test_add_func ("/vcard/evolution", test_evolution);
  g_test_add_func ("/vcard/merge-by-email", test_merge_by_email);
  g_test_add_func ("/vcard/company-after-people", test_company_after_people);
  g_test_add_func ("/vcard/unknown-kept", test_unknown_kept);
  g_test_add_func ("/vcard/round-trip-30", test_round_trip_30);
  g_test_add_func ("/vcard/round-trip-40", test_round_trip_40);
  g_test_add_func ("/vcard/export-text", test_export_text);
  g_test_add_func ("/vcard/second-run-converges", test_second_run_converges);
  g_test_add_func ("/vcard/dry-run", test_dry_run);
  g_test_add_func ("/vcard/not-vcard", test_not_vcard);
  g_test_add_func ("/vcard/bad-cards", test_bad_cards);
  g_test_add_func ("/vcard/cancel", test_cancel);
  g_test_add_func ("/vcard/many-cards", test_many_cards);
  g_test_add_func ("/vcard/cancel-after-batch", test_cancel_after_batch);
  g_test_add_func ("/vcard/cli", test_cli);

  return g_test_run ();
}
