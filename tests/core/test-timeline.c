/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

static gint64
add_item (KithTestStore *t,
          const char    *json,
          gboolean      *existed)
{
  g_autoptr(JsonObject) obj = kith_test_json (json);
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_add_timeline_item (t->store, obj, existed, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
last_contact (KithTestStore *t,
              gint64         id)
{
  g_autoptr(JsonObject) rec = kith_store_get_record (t->store, id, NULL);

  return json_object_get_int_member_with_default (rec, "lastContact", 0);
}

static void
test_email_links_participants (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonArray) items = NULL;
  JsonObject *item;
  JsonArray *people;
  gint64 acme, ada, bob, mail;

  acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.com\"]}");
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"], \"company\": \"acme.com\"}");
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"phones\": [\"+1 415 555 0199\"]}");

  mail = add_item (t, "{\"style\": \"email\", \"date\": \"2026-11-20T10:00:00Z\", \"from\": \"Ada <ADA@acme.com>\","
                      " \"recipients\": [{\"value\": \"me@kith.example\", \"role\": \"to\"},"
                      "                  {\"value\": \"carol@elsewhere.example\", \"role\": \"cc\"}],"
                      " \"subject\": \"Offer on Oak Street\", \"body\": \"Hello,\\n\\nWe would like to make an offer.\","
                      " \"direction\": \"inbound\", \"messageid\": \"<m1@acme.com>\"}", NULL);
  add_item (t, "{\"style\": \"call\", \"date\": 1795348800000, \"participants\": [\"(415) 555-0199\"],"
               " \"duration\": 300, \"outcome\": \"connected\", \"direction\": \"outbound\", \"subject\": \"Call\"}", NULL);

  g_assert_cmpint (last_contact (t, ada), ==, G_GINT64_CONSTANT (1795168800000));
  g_assert_cmpint (last_contact (t, acme), ==, G_GINT64_CONSTANT (1795168800000));
  g_assert_cmpint (last_contact (t, bob), ==, G_GINT64_CONSTANT (1795348800000));

  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpint (json_object_get_int_member (item, "id"), ==, mail);
  g_assert_cmpstr (json_object_get_string_member (item, "style"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (item, "preview"), ==, "Hello, We would like to make an offer.");
  g_assert_cmpstr (json_object_get_string_member (item, "threadid"), ==, "<m1@acme.com>");
  people = json_object_get_array_member (item, "people");
  g_assert_cmpuint (json_array_get_length (people), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (people, 0), "role"), ==, "from");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (people, 0), "recordId"), ==, ada);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (people, 2), "role"), ==, "cc");
  g_assert_false (json_object_has_member (json_array_get_object_element (people, 2), "recordId"));

  /* The company's timeline holds its people's items */
  g_clear_pointer (&items, json_array_unref);
  items = kith_test_get_timeline (t->store, acme, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);

  /* Searching the mail's words finds the person */
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "offer", NULL), ==, 1);
}

/* An item reads back typed from its row: who took part in order, the sender's name, links,
 * an email's Reply-To, and no duration when none was given */
static void
test_typed_item (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithTimelineItem) item = NULL;
  g_autoptr(KithTimelineItem) note = NULL;
  g_autoptr(KithTimelineItem) fresh = kith_timeline_item_new (KITH_TIMELINE_STYLE_CALL);
  g_autoptr(KithTimelinePerson) from = NULL, to = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *people;
  gint64 ada, mail, memo, odd;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  mail = add_item (t, "{\"style\": \"email\", \"date\": 1795168800000, \"from\": \"ada@acme.com\","
                      " \"recipients\": [{\"value\": \"me@kith.example\", \"name\": \"Me\", \"role\": \"to\"}],"
                      " \"subject\": \"Hi\", \"body\": \"<b>Hi</b>\", \"bodytype\": \"html\", \"direction\": \"inbound\","
                      " \"links\": [\"https://acme.com\"], \"location\": \"Here\", \"account\": \"work\","
                      " \"replyto\": [\"\\\"Holt, Zoë\\\" <zoe@acme.com>\", \"desk@acme.com\"]}", NULL);
  memo = add_item (t, "{\"style\": \"note\", \"references\": [\"ada@acme.com\"], \"body\": \"Likes tea\"}", NULL);
  /* What is not an address in a list of links is not read back as one */
  odd = add_item (t, "{\"style\": \"note\", \"references\": [\"ada@acme.com\"], \"links\": [1, \"https://b.example\", {}]}", NULL);

  item = kith_store_get_timeline_item (t->store, mail, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_timeline_item_get_id (item), ==, mail);
  g_assert_cmpint (kith_timeline_item_get_style (item), ==, KITH_TIMELINE_STYLE_EMAIL);
  g_assert_cmpint (kith_timeline_item_get_direction (item), ==, KITH_DIRECTION_INBOUND);
  g_assert_cmpint (kith_timeline_item_get_date (item), ==, G_GINT64_CONSTANT (1795168800000));
  g_assert_cmpstr (kith_timeline_item_get_body_type (item), ==, "html");
  g_assert_cmpstr (kith_timeline_item_get_location (item), ==, "Here");
  g_assert_cmpstr (kith_timeline_item_get_account (item), ==, "work");
  g_assert_cmpstr (kith_timeline_item_get_sender_name (item), ==, "Ada");
  g_assert_cmpint (kith_timeline_item_get_duration (item), ==, -1);
  g_assert_cmpstrv (kith_timeline_item_get_links (item), ((const char *[]) { "https://acme.com", NULL }));
  g_assert_cmpstrv (kith_timeline_item_get_reply_to (item),
                    ((const char *[]) { "\"Holt, Zoë\" <zoe@acme.com>", "desk@acme.com", NULL }));

  people = kith_timeline_item_get_people (item);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  from = g_list_model_get_item (people, 0);
  to = g_list_model_get_item (people, 1);
  g_assert_cmpstr (kith_timeline_person_get_role (from), ==, "from");
  g_assert_cmpint (kith_timeline_person_get_record_id (from), ==, ada);
  g_assert_cmpstr (kith_timeline_person_get_role (to), ==, "to");
  g_assert_cmpstr (kith_timeline_person_get_name (to), ==, "Me");
  g_assert_cmpint (kith_timeline_person_get_record_id (to), ==, 0);

  note = kith_store_get_timeline_item (t->store, memo, &error);
  g_assert_no_error (error);
  g_assert_null (kith_timeline_item_get_body_type (note));
  g_assert_null (kith_timeline_item_get_links (note));
  g_assert_null (kith_timeline_item_get_reply_to (note));
  g_assert_null (kith_timeline_item_get_sender_name (note));

  g_clear_object (&note);
  note = kith_store_get_timeline_item (t->store, odd, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (kith_timeline_item_get_links (note), ((const char *[]) { "https://b.example", NULL }));
  g_assert_cmpint (kith_timeline_item_get_duration (note), ==, -1);
  g_assert_cmpint (kith_timeline_item_get_duration (fresh), ==, -1);

  g_assert_null (kith_store_get_timeline_item (t->store, odd + 100, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

static void
test_idempotent (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonArray) items = NULL;
  gboolean existed = TRUE;
  gint64 ada, first, again, note, note_again;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");

  first = add_item (t, "{\"style\": \"email\", \"from\": \"ada@acme.com\", \"messageid\": \"<same@acme.com>\", \"subject\": \"Hi\"}", &existed);
  g_assert_false (existed);
  again = add_item (t, "{\"style\": \"email\", \"from\": \"ada@acme.com\", \"messageid\": \"<same@acme.com>\", \"subject\": \"Hi\"}", &existed);
  g_assert_true (existed);
  g_assert_cmpint (first, ==, again);

  note = add_item (t, "{\"style\": \"note\", \"source\": \"notes.example.com\", \"uniqueid\": \"n-1\","
                      " \"subject\": \"First draft\", \"references\": [\"ada@acme.com\"]}", &existed);
  g_assert_false (existed);
  note_again = add_item (t, "{\"style\": \"note\", \"source\": \"notes.example.com\", \"uniqueid\": \"n-1\","
                            " \"subject\": \"Second draft\", \"references\": [\"ada@acme.com\"]}", &existed);
  g_assert_true (existed);
  g_assert_cmpint (note, ==, note_again);

  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "second", NULL), ==, 1);
  g_assert_cmpuint (kith_store_count (t->store, KITH_RECORD_PERSON, "first", NULL), ==, 0);

  /* A note is not contact */
  g_assert_cmpint (last_contact (t, ada), ==, t->now);
}

static void
test_history_adopted_by_new_email (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada;

  add_item (t, "{\"style\": \"email\", \"date\": \"2026-01-05T09:00:00Z\", \"from\": \"ada.private@home.example\", \"subject\": \"Old mail\"}", NULL);
  add_item (t, "{\"style\": \"email\", \"date\": \"2026-03-05T09:00:00Z\", \"from\": \"me@kith.example\","
               " \"recipients\": [\"ADA.PRIVATE@home.example\"], \"subject\": \"Reply\"}", NULL);

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  g_assert_cmpint (last_contact (t, ada), ==, 0);

  patch = kith_test_json ("{\"emails\": [\"ada@acme.com\", \"ada.private@home.example\"]}");
  g_assert_true (kith_store_update_record (t->store, ada, patch, &error));
  g_assert_no_error (error);

  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "subject"), ==, "Reply");
  g_assert_cmpint (last_contact (t, ada), ==, kith_parse_time ("2026-03-05T09:00:00Z"));
}

static void
test_delete_item_recomputes_last_contact (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 ada, newer;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  add_item (t, "{\"style\": \"text\", \"date\": \"2026-01-01T00:00:00Z\", \"from\": \"ada@acme.com\"}", NULL);
  newer = add_item (t, "{\"style\": \"meeting\", \"date\": \"2026-06-01T00:00:00Z\", \"participants\": [\"ada@acme.com\"], \"location\": \"Café\"}", NULL);
  g_assert_cmpint (last_contact (t, ada), ==, kith_parse_time ("2026-06-01"));

  g_assert_true (kith_store_delete_timeline_item (t->store, newer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_contact (t, ada), ==, kith_parse_time ("2026-01-01"));

  g_assert_false (kith_store_delete_timeline_item (t->store, newer, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* A deleted item comes back with Undo: the same id, on its people's timeline, counting for
 * their last contact again; an undo done cannot be done twice */
static void
test_delete_item_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  gint64 ada, call, undo_id;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  call = add_item (t, "{\"style\": \"call\", \"subject\": \"The offer\", \"date\": \"2026-06-01T00:00:00Z\", "
                      "\"duration\": 600, \"participants\": [\"ada@acme.com\"]}", NULL);

  undo_id = kith_store_delete_timeline_item_with_undo (t->store, call, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo_id, >, 0);
  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
  g_assert_cmpint (last_contact (t, ada), ==, 0);

  g_assert_true (kith_store_undo (t->store, undo_id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, json_array_unref);
  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), ==, call);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "subject"), ==, "The offer");
  g_assert_cmpint (last_contact (t, ada), ==, kith_parse_time ("2026-06-01"));

  g_assert_false (kith_store_undo (t->store, undo_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* An item edited says what it says now, with the same id and the same people */
static void
test_update_item (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(KithTimelineItem) item = NULL;
  JsonObject *shown;
  gint64 ada, note;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  note = add_item (t, "{\"style\": \"note\", \"subject\": \"Likes tea\", \"body\": \"Likes tea\", "
                      "\"date\": \"2026-06-01T00:00:00Z\", \"references\": [\"ada@acme.com\"]}", NULL);

  item = kith_store_get_timeline_item (t->store, note, &error);
  g_assert_no_error (error);
  kith_timeline_item_set_subject (item, "Likes coffee");
  kith_timeline_item_set_body (item, "Likes coffee, black");
  kith_store_update_timeline_item_async (t->store, item, kith_test_result_cb, &result);
  g_assert_true (kith_store_update_timeline_item_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);

  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  shown = json_array_get_object_element (items, 0);
  g_assert_cmpint (json_object_get_int_member (shown, "id"), ==, note);
  g_assert_cmpstr (json_object_get_string_member (shown, "subject"), ==, "Likes coffee");
  g_assert_cmpstr (json_object_get_string_member (shown, "preview"), ==, "Likes coffee, black");
}

/* An item edited through the typed update keeps what the edit form does not carry: its thread,
 * links, Reply-To, account and people */
static void
test_update_keeps_unedited (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTimelineItem) item = NULL;
  g_autoptr(KithTimelineItem) stored = NULL;
  g_autoptr(JsonArray) items = NULL;
  gint64 ada, call;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"phones\": [\"+1 415 555 0199\"]}");
  call = add_item (t, "{\"style\": \"call\", \"date\": \"2026-06-01T10:00:00Z\", \"subject\": \"Offer\","
                      " \"participants\": [\"+1 415 555 0199\"], \"duration\": 60, \"threadid\": \"offer-thread\","
                      " \"links\": [\"https://acme.com/offer\"], \"account\": \"work\","
                      " \"replyto\": [\"desk@acme.com\"]}", NULL);

  item = kith_store_get_timeline_item (t->store, call, &error);
  g_assert_no_error (error);
  kith_timeline_item_set_subject (item, "Offer accepted");
  kith_store_update_timeline_item_async (t->store, item, kith_test_result_cb, &result);
  g_assert_true (kith_store_update_timeline_item_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);

  stored = kith_store_get_timeline_item (t->store, call, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kith_timeline_item_get_subject (stored), ==, "Offer accepted");
  g_assert_cmpint (kith_timeline_item_get_duration (stored), ==, 60);
  g_assert_cmpstr (kith_timeline_item_get_thread_id (stored), ==, "offer-thread");
  g_assert_cmpstrv (kith_timeline_item_get_links (stored), ((const char *[]) { "https://acme.com/offer", NULL }));
  g_assert_cmpstrv (kith_timeline_item_get_reply_to (stored), ((const char *[]) { "desk@acme.com", NULL }));
  g_assert_cmpstr (kith_timeline_item_get_account (stored), ==, "work");

  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
}

static void
test_preview (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *json = NULL;
  const char *preview;
  gint64 ada;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  for (guint i = 0; i < 500; i++)
    g_string_append (body, "Zoë’s ");
  json = g_strdup_printf ("{\"style\": \"email\", \"from\": \"ada@acme.com\", \"body\": \"%s\"}", body->str);
  add_item (t, json, NULL);
  add_item (t, "{\"style\": \"email\", \"date\": 1, \"from\": \"ada@acme.com\", \"bodytype\": \"html\","
               " \"body\": \"<html><head><style>p{}</style></head><body><p>Hello <b>there</b></p><script>x</script></body></html>\"}", NULL);

  items = kith_test_get_timeline (t->store, ada, 0, 50, NULL);
  preview = json_object_get_string_member (json_array_get_object_element (items, 0), "preview");
  g_assert_cmpuint (strlen (preview), <=, 1024);
  g_assert_cmpuint (strlen (preview), >, 1000);
  g_assert_true (g_utf8_validate (preview, -1, NULL));

  preview = json_object_get_string_member (json_array_get_object_element (items, 1), "preview");
  g_assert_nonnull (strstr (preview, "Hello there"));
  g_assert_null (strstr (preview, "<"));
}

static void
test_bad_items (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autofree char *before = NULL;
  static const struct { const char *json; const char *in_message; } cases[] = {
    { "{\"style\": \"telegram\"}", "telegram" },
    { "{\"style\": \"call\", \"outcome\": \"busy\"}", "busy" },
    { "{\"style\": \"call\", \"direction\": \"sideways\"}", "sideways" },
    { "{\"style\": \"call\", \"date\": \"yesterday-ish\"}", "yesterday-ish" },
    { "{\"style\": \"call\", \"duration\": -5}", "duration" },
    { "{\"style\": \"call\", \"mood\": \"happy\"}", "mood" },
    { "{\"style\": \"note\", \"references\": [\"nobody@example.com\"]}", "nobody@example.com" },
    { "{\"style\": \"note\", \"source\": \"x.example\"}", "uniqueid" },
    { "{\"style\": \"email\", \"recipients\": [{\"value\": \"a@b.example\", \"role\": \"reply-all\"}]}", "reply-all" },
    { "{\"style\": \"email\", \"replyto\": \"a@b.example\"}", "replyto" },
    { "{\"style\": \"email\", \"replyto\": [\"a@b.example\", 7]}", "replyto" },
  };

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");
  add_item (t, "{\"style\": \"email\", \"from\": \"ada@acme.com\"}", NULL);
  before = kith_test_dump (t);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) obj = kith_test_json (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (kith_store_add_timeline_item (t->store, obj, NULL, &error), ==, 0);
      g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
      g_test_message ("%s → %s", cases[i].json, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
      after = kith_test_dump (t);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_todos (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonArray) todos = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada, call, someday, again;

  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@acme.com\"]}");

  {
    g_autoptr(JsonObject) a = kith_test_json ("{\"subject\": \"Call Ada back\", \"when\": \"2026-11-24\", \"participants\": [\"ada@acme.com\"]}");
    g_autoptr(JsonObject) b = kith_test_json ("{\"subject\": \"Send a card\", \"when\": 1, \"participants\": [\"ada@acme.com\"],"
                                              " \"source\": \"tasks.example.com\", \"uniqueid\": \"t-9\"}");
    g_autoptr(JsonObject) c = kith_test_json ("{\"subject\": \"Send a nicer card\", \"when\": \"someday\","
                                              " \"source\": \"tasks.example.com\", \"uniqueid\": \"t-9\"}");
    call = kith_store_add_todo (t->store, a, &error);
    g_assert_no_error (error);
    someday = kith_store_add_todo (t->store, b, &error);
    g_assert_no_error (error);
    again = kith_store_add_todo (t->store, c, &error);
    g_assert_no_error (error);
    g_assert_cmpint (someday, ==, again);
  }

  /* The update named no participants, so Ada stays on it */
  todos = kith_test_list_todos (t->store, ada, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (todos), ==, 2);

  /* Read typed: who it is about by id and name, the app that logged it */
  {
    g_autoptr(GPtrArray) typed = kith_store_list_todos (t->store, ada, FALSE, &error);
    KithTodo *card;
    const gint64 *ids;
    guint n;

    g_assert_no_error (error);
    g_assert_cmpuint (typed->len, ==, 2);
    card = g_ptr_array_index (typed, 1);
    g_assert_cmpint (kith_todo_get_id (card), ==, someday);
    g_assert_null (kith_todo_get_due (card));
    g_assert_cmpstr (kith_todo_get_source (card), ==, "tasks.example.com");
    g_assert_cmpstr (kith_todo_get_unique_id (card), ==, "t-9");
    ids = kith_todo_get_participants (card, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (ids[0], ==, ada);
    g_assert_cmpstrv (kith_todo_get_people (card), ((const char *[]) { "Ada", NULL }));
  }

  g_clear_pointer (&todos, json_array_unref);
  todos = kith_test_list_todos (t->store, 0, FALSE, NULL);
  g_assert_cmpuint (json_array_get_length (todos), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (todos, 0), "when"), ==, "2026-11-24");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (todos, 1), "when"), ==, "someday");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (todos, 1), "subject"), ==, "Send a nicer card");

  g_assert_true (kith_store_set_todo_done (t->store, call, TRUE, &error));
  g_clear_pointer (&todos, json_array_unref);
  todos = kith_test_list_todos (t->store, 0, FALSE, NULL);
  g_assert_cmpuint (json_array_get_length (todos), ==, 1);
  g_clear_pointer (&todos, json_array_unref);
  todos = kith_test_list_todos (t->store, 0, TRUE, NULL);
  g_assert_cmpuint (json_array_get_length (todos), ==, 2);

  {
    g_autoptr(JsonObject) bad_date = kith_test_json ("{\"subject\": \"X\", \"when\": \"2026-13-01\"}");
    g_autoptr(JsonObject) no_subject = kith_test_json ("{\"when\": \"2026-12-01\"}");
    g_autoptr(JsonObject) stranger = kith_test_json ("{\"subject\": \"X\", \"participants\": [\"who@nowhere.example\"]}");

    g_clear_error (&error);
    g_assert_cmpint (kith_store_add_todo (t->store, bad_date, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "2026-13-01"));
    g_clear_error (&error);
    g_assert_cmpint (kith_store_add_todo (t->store, no_subject, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (kith_store_add_todo (t->store, stranger, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "who@nowhere.example"));
  }

  g_clear_pointer (&todos, json_array_unref);
  todos = kith_test_list_todos (t->store, 0, TRUE, NULL);
  g_assert_cmpuint (json_array_get_length (todos), ==, 2);

  /* Rescheduling: to a day, to someday; a bad date is refused */
  g_clear_error (&error);
  g_assert_true (kith_store_reschedule_todo (t->store, call, "2026-12-01", &error));
  g_assert_no_error (error);
  g_assert_true (kith_store_reschedule_todo (t->store, someday, "2026-11-30", &error));
  g_clear_pointer (&todos, json_array_unref);
  todos = kith_test_list_todos (t->store, 0, FALSE, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (todos, 0), "when"), ==, "2026-11-30");
  g_assert_true (kith_store_reschedule_todo (t->store, someday, NULL, &error));
  g_assert_false (kith_store_reschedule_todo (t->store, someday, "soon", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kith_store_reschedule_todo (t->store, 9999, NULL, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* A to-do's time of day is kept, as it is added and as it is moved; a time that is not one is
 * refused */
static void
test_todo_time_of_day (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(JsonObject) timed = kith_test_json ("{\"subject\": \"Call the bank\", \"when\": \"2026-12-02T15:00\"}");
  g_autoptr(JsonObject) bad_time = kith_test_json ("{\"subject\": \"X\", \"when\": \"2026-12-02T25:00\"}");
  g_autoptr(JsonArray) todos = NULL;
  g_autoptr(GError) error = NULL;
  gint64 call = kith_store_add_todo (t->store, timed, &error);

  g_assert_no_error (error);
  g_assert_cmpint (call, >, 0);
  todos = kith_test_list_todos (t->store, 0, FALSE, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (todos, 0), "when"), ==, "2026-12-02T15:00");

  g_assert_true (kith_store_reschedule_todo (t->store, call, "2026-12-03T09:30", &error));
  g_assert_no_error (error);
  g_clear_pointer (&todos, json_array_unref);
  todos = kith_test_list_todos (t->store, 0, FALSE, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (todos, 0), "when"), ==, "2026-12-03T09:30");

  g_assert_false (kith_store_reschedule_todo (t->store, call, "2026-12-03T9:30", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (kith_store_add_todo (t->store, bad_time, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
}

static void
test_files (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GListModel) files = NULL;
  g_autoptr(KithFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  g_assert_cmpint (kith_store_add_file (t->store, ada, "file:///tmp/offer.pdf", "offer.pdf", 1234,
                                        "application/pdf", TRUE, &error), >, 0);
  g_assert_no_error (error);
  files = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
  file = g_list_model_get_item (files, 0);
  g_assert_cmpint (kith_file_get_record_id (file), ==, ada);
  g_assert_cmpstr (kith_file_get_name (file), ==, "offer.pdf");
  g_assert_cmpstr (kith_file_get_uri (file), ==, "file:///tmp/offer.pdf");
  g_assert_cmpstr (kith_file_get_content_type (file), ==, "application/pdf");
  g_assert_cmpint (kith_file_get_size (file), ==, 1234);
  g_assert_true (kith_file_get_copied (file));
  g_assert_cmpint (kith_file_get_added (file), >, 0);

  g_assert_cmpint (kith_store_add_file (t->store, 424242, "file:///tmp/x", "x", 1, NULL, FALSE, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* The participants of a to-do from another app (@data, with its source and uniqueid): how
 * many, once the store has taken it */
static guint
todo_participants_after (KithTestStore *t,
                         const char    *data)
{
  g_autoptr(JsonObject) obj = kith_test_json (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) todos = NULL;
  gint64 id = kith_store_add_todo (t->store, obj, &error);
  guint n = 0;

  g_assert_no_error (error);
  todos = kith_store_list_todos (t->store, 0, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < todos->len; i++)
    if (kith_todo_get_id (g_ptr_array_index (todos, i)) == id)
      kith_todo_get_participants (g_ptr_array_index (todos, i), &n);

  return n;
}

/* A repeat of a to-do from another app keeps its participants unless it names them: a list
 * replaces them, null takes them off */
static void
test_todo_repeat_participants (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"]}");
  g_autofree char *with_ada = g_strdup_printf ("{\"subject\": \"Call\", \"source\": \"tasks\", \"uniqueid\": \"1\", "
                                               "\"participants\": [\"#%" G_GINT64_FORMAT "\"]}", ada);

  g_assert_cmpuint (todo_participants_after (t, with_ada), ==, 1);
  g_assert_cmpuint (todo_participants_after (t, "{\"subject\": \"Call Ada\", \"source\": \"tasks\", "
                                                "\"uniqueid\": \"1\"}"), ==, 1);
  g_assert_cmpuint (todo_participants_after (t, "{\"subject\": \"Call\", \"source\": \"tasks\", "
                                                "\"uniqueid\": \"1\", \"participants\": null}"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/email-links-participants", test_email_links_participants);
  g_test_add_func ("/timeline/typed-item", test_typed_item);
  g_test_add_func ("/timeline/idempotent", test_idempotent);
  g_test_add_func ("/timeline/history-adopted-by-new-email", test_history_adopted_by_new_email);
  g_test_add_func ("/timeline/delete-recomputes-last-contact", test_delete_item_recomputes_last_contact);
  g_test_add_func ("/timeline/delete-undo", test_delete_item_undo);
  g_test_add_func ("/timeline/update", test_update_item);
  g_test_add_func ("/timeline/preview", test_preview);
  g_test_add_func ("/timeline/bad-items", test_bad_items);
  g_test_add_func ("/todos/add-list-done", test_todos);
  g_test_add_func ("/todos/time-of-day", test_todo_time_of_day);
  g_test_add_func ("/files/add-list", test_files);
  g_test_add_func ("/todos/repeat-participants", test_todo_repeat_participants);
  g_test_add_func ("/timeline/update-keeps-unedited", test_update_keeps_unedited);

  return g_test_run ();
}
