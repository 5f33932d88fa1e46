/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Mail capture's rules in the store, with no server: direction, coworkers, the two-way rule,
 * logging once, history for a newly added address, the Inbox's Done and Snooze.
 */

#include <sqlite3.h>

#include "kith-test-util.h"

#define ACCOUNT "acct-1"
#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))

static void
setup_account (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  const char *addresses[] = { "Me@Agency.example", "me.alias@gmail.example", NULL };
  const char *domains[] = { "agency.example", NULL };

  g_assert_true (kith_store_mail_account_set_identity (t->store, ACCOUNT, NULL, addresses, &error));
  g_assert_true (kith_store_mail_account_set_domains (t->store, ACCOUNT, domains, &error));
  g_assert_no_error (error);
}

static gint64
index_headers (KithTestStore         *t,
               const KithMailHeaders *m)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_mail_index (t->store, m, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* Indexes one message; @to is a comma-separated list */
static gint64
index_message (KithTestStore *t,
               const char    *folder,
               const char    *uid,
               const char    *message_id,
               const char    *from,
               const char    *to,
               gint64         date)
{
  g_autoptr(KithMailHeaders) m = kith_mail_headers_new (ACCOUNT, folder, uid,
                                                        g_str_equal (folder, "Sent") ? "sent" :
                                                        g_str_equal (folder, "INBOX") ? "inbox" : "archive");
  g_auto(GStrv) rcpts = g_strsplit (to, ",", -1);

  m->message_id = g_strdup (message_id);
  m->date = date;
  m->subject = g_strdup ("About the house");
  m->from = kith_mail_address_new (from, NULL);
  for (guint i = 0; rcpts[i] != NULL; i++)
    g_ptr_array_add (m->to, kith_mail_address_new (rcpts[i], NULL));

  return index_headers (t, m);
}

/* The one value @sql selects for message @id, read from the file as text */
static const char *
select_for (KithTestStore *t,
            const char    *sql,
            gint64         id)
{
  static char value[16];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (value, (const char *) sqlite3_column_text (stmt, 0), sizeof value);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static const char *
direction_of (KithTestStore *t,
              gint64         id)
{
  return select_for (t, "SELECT direction FROM mail_messages WHERE id = ?", id);
}

static guint
count_addresses (KithTestStore *t,
                 gint64         id)
{
  return (guint) g_ascii_strtoull (select_for (t, "SELECT count(*) FROM mail_addresses WHERE message = ?", id), NULL, 10);
}

/* Logs every unlogged message the way the capture service does */
static guint
log_pending (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = kith_store_mail_unlogged (t->store, ACCOUNT, 0, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    {
      KithMailUnlogged *m = g_ptr_array_index (pending, i);
      g_autoptr(KithMailText) text = kith_mail_text_new ("Shall we see the house on Saturday?", FALSE);

      g_assert_cmpint (kith_store_mail_log (t->store, m->id, text, &error), >, 0);
      g_assert_no_error (error);
      n++;
    }

  return n;
}

static void
test_direction_and_coworkers (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();

  setup_account (t);

  /* From one of the account's addresses (any case, or an alias): outbound */
  g_assert_cmpstr (direction_of (t, index_message (t, "Sent", "1", "<a@x>", "ME@agency.example", "bob@client.example", t->now)),
                   ==, "outbound");
  g_assert_cmpstr (direction_of (t, index_message (t, "Sent", "2", "<b@x>", "me.alias@gmail.example", "bob@client.example", t->now)),
                   ==, "outbound");
  g_assert_cmpstr (direction_of (t, index_message (t, "INBOX", "1", "<c@x>", "bob@client.example", "me@agency.example", t->now)),
                   ==, "inbound");
  /* Nobody from outside the organisation (a subdomain counts as inside): internal */
  g_assert_cmpstr (direction_of (t, index_message (t, "INBOX", "2", "<d@x>", "boss@agency.example", "me@agency.example", t->now)),
                   ==, "internal");
  g_assert_cmpstr (direction_of (t, index_message (t, "INBOX", "3", "<e@x>", "it@mail.agency.example", "me@agency.example", t->now)),
                   ==, "internal");
  /* A coworker writing with a client in copy is not internal */
  g_assert_cmpstr (direction_of (t, index_message (t, "INBOX", "4", "<f@x>", "boss@agency.example",
                                                   "me@agency.example,bob@client.example", t->now)),
                   ==, "inbound");
}

static void
test_two_way_rule (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;

  setup_account (t);

  /* A newsletter writes, the user never answers; the user writes to Carol, who answers */
  index_message (t, "INBOX", "1", "<n1@x>", "news@shop.example", "me@agency.example", t->now - DAY_MS);
  index_message (t, "Sent", "1", "<c1@x>", "me@agency.example", "carol.jones@buyer.example", t->now - 2 * DAY_MS);
  index_message (t, "INBOX", "2", "<c2@x>", "Carol.Jones@buyer.example", "me@agency.example", t->now - DAY_MS);
  /* A coworker both ways is never created */
  index_message (t, "Sent", "2", "<w1@x>", "me@agency.example", "boss@agency.example", t->now);
  index_message (t, "INBOX", "3", "<w2@x>", "boss@agency.example", "me@agency.example", t->now);

  g_assert_true (kith_store_mail_account_set_switch (t->store, ACCOUNT, KITH_MAIL_SWITCH_AUTO_CREATE, FALSE, &error));
  g_assert_cmpuint (kith_store_mail_create_contacts (t->store, ACCOUNT, 0, &error), ==, 0);
  g_assert_true (kith_store_mail_account_set_switch (t->store, ACCOUNT, KITH_MAIL_SWITCH_AUTO_CREATE, TRUE, &error));
  g_assert_cmpuint (kith_store_mail_create_contacts (t->store, ACCOUNT, 0, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_lookup (t->store, "carol.jones@buyer.example", NULL), >, 0);
  g_assert_cmpint (kith_store_lookup (t->store, "news@shop.example", NULL), ==, 0);
  g_assert_cmpint (kith_store_lookup (t->store, "boss@agency.example", NULL), ==, 0);
  {
    g_autoptr(JsonObject) carol = kith_store_get_record (t->store, kith_store_lookup (t->store, "carol.jones@buyer.example", NULL), NULL);
    g_assert_cmpstr (json_object_get_string_member (carol, "name"), ==, "Carol Jones");
  }
  /* Running it again creates nobody new */
  g_assert_cmpuint (kith_store_mail_create_contacts (t->store, ACCOUNT, 0, &error), ==, 0);

  /* A later sync: Dave answers mail the user sent long before; only new messages are looked at,
   * and they find him */
  index_message (t, "Sent", "3", "<d1@x>", "me@agency.example", "dave@buyer.example", t->now - 300 * DAY_MS);
  {
    gint64 since = kith_store_mail_last_row (t->store, ACCOUNT);

    index_message (t, "INBOX", "9", "<d2@x>", "dave@buyer.example", "me@agency.example", t->now);
    g_assert_cmpuint (kith_store_mail_create_contacts (t->store, ACCOUNT, since, &error), ==, 1);
    g_assert_cmpint (kith_store_lookup (t->store, "dave@buyer.example", NULL), >, 0);
  }

  /* Carol's and Dave's messages go on the timeline, once; the newsletter and the coworker's do not */
  g_assert_cmpuint (log_pending (t), ==, 4);
  g_assert_cmpuint (log_pending (t), ==, 0);
}

static void
test_history_for_new_address (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) timeline = NULL;
  gint64 dan;

  setup_account (t);
  index_message (t, "INBOX", "1", "<h1@x>", "dan@seller.example", "me@agency.example", t->now - 400 * DAY_MS);
  index_message (t, "INBOX", "2", "<h2@x>", "dan@seller.example", "me@agency.example", t->now - 300 * DAY_MS);
  g_assert_cmpuint (log_pending (t), ==, 0);

  /* Dan exists, without that address; adding it pulls his history */
  dan = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Dan Seller\"}");
  g_assert_cmpuint (log_pending (t), ==, 0);
  {
    g_autoptr(JsonObject) change = kith_test_json ("{\"emails\": [{\"value\": \"dan@seller.example\"}]}");
    g_assert_true (kith_store_update_record (t->store, dan, change, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (log_pending (t), ==, 2);
  timeline = kith_test_get_timeline (t->store, dan, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (timeline), ==, 2);
}

/* A logged message is what the index knows of it with the text its body gave: an HTML body
 * stays HTML, and a message whose body could not be fetched is logged from its headers */
static void
test_logged_item (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) timeline = NULL;
  g_autoptr(KithMailText) html = kith_mail_text_new ("<p>Shall we see the <b>house</b>?</p>", TRUE);
  gint64 bob, first, second;
  JsonObject *item;

  setup_account (t);
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  first = index_message (t, "INBOX", "1", "<l1@x>", "bob@client.example", "me@agency.example,boss@agency.example", t->now - DAY_MS);
  second = index_message (t, "INBOX", "2", "<l2@x>", "bob@client.example", "me@agency.example", t->now);
  g_assert_cmpint (kith_store_mail_log (t->store, first, html, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_mail_log (t->store, second, NULL, &error), >, 0);
  g_assert_no_error (error);

  timeline = kith_test_get_timeline (t->store, bob, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (timeline), ==, 2);

  item = json_array_get_object_element (timeline, 1);   /* newest first */
  g_assert_cmpstr (json_object_get_string_member (item, "style"), ==, "email");
  g_assert_cmpstr (json_object_get_string_member (item, "subject"), ==, "About the house");
  g_assert_cmpstr (json_object_get_string_member (item, "messageid"), ==, "<l1@x>");
  g_assert_cmpstr (json_object_get_string_member (item, "direction"), ==, "inbound");
  g_assert_cmpstr (json_object_get_string_member (item, "account"), ==, ACCOUNT);
  g_assert_cmpstr (json_object_get_string_member (item, "bodytype"), ==, "html");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "body"), "<b>house</b>"));
  /* The preview is made from the HTML as HTML: text, no markup */
  g_assert_nonnull (strstr (json_object_get_string_member (item, "preview"), "house"));
  g_assert_null (strchr (json_object_get_string_member (item, "preview"), '<'));

  item = json_array_get_object_element (timeline, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "messageid"), ==, "<l2@x>");
  g_assert_false (json_object_has_member (item, "body"));
}

static void
test_same_message_twice (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 first, again;

  setup_account (t);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Eve\", \"emails\": [{\"value\": \"eve@client.example\"}]}");

  /* Seen in INBOX, then in an archive folder, then in INBOX again after the server renumbered */
  first = index_message (t, "INBOX", "7", "<same@x>", "eve@client.example", "me@agency.example", t->now);
  again = index_message (t, "Archive", "90", "<same@x>", "eve@client.example", "me@agency.example", t->now);
  g_assert_cmpint (first, ==, again);
  again = index_message (t, "INBOX", "1007", "<same@x>", "eve@client.example", "me@agency.example", t->now);
  g_assert_cmpint (first, ==, again);
  g_assert_cmpuint (log_pending (t), ==, 1);
  g_assert_cmpuint (log_pending (t), ==, 0);
}

/* A Message-ID seen again with another sender or date is another message: two rows, two
 * timeline items, each on its own sender's timeline; each keeps its place on the server */
static void
test_colliding_message_ids (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) bob_items = NULL;
  g_autoptr(JsonArray) eve_items = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  gint64 bob, eve, real, forged, moved;

  setup_account (t);
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  eve = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Eve\", \"emails\": [{\"value\": \"eve@outsider.example\"}]}");

  real = index_message (t, "INBOX", "1", "<offer@client.example>", "bob@client.example", "me@agency.example", t->now - 2000);
  forged = index_message (t, "INBOX", "2", "<offer@client.example>", "eve@outsider.example", "me@agency.example", t->now - 1000);
  g_assert_cmpint (forged, !=, real);
  /* The same date from another sender, the same sender at another date: other messages too */
  g_assert_cmpint (index_message (t, "INBOX", "3", "<offer@client.example>", "eve@outsider.example", "me@agency.example",
                                  t->now - 2000), !=, real);
  g_assert_cmpint (index_message (t, "INBOX", "4", "<offer@client.example>", "bob@client.example", "me@agency.example",
                                  t->now - 3000), !=, real);

  /* Seen again, moved: each finds its own row, the forged one too */
  g_assert_cmpint (index_message (t, "INBOX", "1", "<offer@client.example>", "bob@client.example", "me@agency.example",
                                  t->now - 2000), ==, real);
  moved = index_message (t, "Archive", "77", "<offer@client.example>", "eve@outsider.example", "me@agency.example", t->now - 1000);
  g_assert_cmpint (moved, ==, forged);
  moved = index_message (t, "INBOX", "2", "<offer@client.example>", "eve@outsider.example", "me@agency.example", t->now - 1000);
  g_assert_cmpint (moved, ==, forged);

  g_assert_cmpuint (log_pending (t), ==, 4);
  bob_items = kith_test_get_timeline (t->store, bob, 0, 50, &error);
  eve_items = kith_test_get_timeline (t->store, eve, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (bob_items), ==, 2);
  g_assert_cmpuint (json_array_get_length (eve_items), ==, 2);

  /* Done on the forged one names the message by its real Message-ID and its own UID */
  inbox = kith_store_list_inbox (t->store, &error);
  for (guint i = 0; i < inbox->len; i++)
    {
      KithMessage *m = g_ptr_array_index (inbox, i);

      if (g_strcmp0 (kith_message_get_sender_address (m), "eve@outsider.example") == 0 &&
          kith_message_get_date (m) == t->now - 1000)
        g_assert_true (kith_store_inbox_set_done (t->store, kith_message_get_id (m), TRUE, &where, &error));
    }
  g_assert_no_error (error);
  g_assert_nonnull (where);
  g_assert_cmpstr (kith_mail_place_get_message_id (where), ==, "<offer@client.example>");
  g_assert_cmpstr (kith_mail_place_get_uid (where), ==, "2");
}

static gint64
last_contact (KithTestStore *t,
              gint64         record)
{
  g_autoptr(JsonObject) r = kith_store_get_record (t->store, record, NULL);

  return json_object_get_int_member_with_default (r, "lastContact", 0);
}

/* Coworkers and the user's own addresses are never contacts in mail: with a record, they get
 * no timeline items and no last contact from it, also when they take part in a client's thread */
static void
test_coworkers_not_logged (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  gint64 bob, boss, self, agency;

  setup_account (t);
  bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  boss = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"The Boss\", \"company\": \"Agency\", "
                                                  "\"emails\": [{\"value\": \"boss@agency.example\"}]}");
  self = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Me\", \"emails\": [{\"value\": \"me.alias@gmail.example\"}]}");
  {
    g_autoptr(JsonObject) r = kith_store_get_record (t->store, boss, &error);

    agency = json_object_get_int_member (r, "companyId");
    g_assert_cmpint (agency, >, 0);
  }

  /* A client's thread with the boss and the user's alias in copy, and the boss's own reply to
   * the user about it */
  index_message (t, "INBOX", "1", "<t1@client.example>", "bob@client.example",
                 "me@agency.example,boss@agency.example,me.alias@gmail.example", t->now - 3 * DAY_MS);
  index_message (t, "Sent", "1", "<t2@agency.example>", "me@agency.example", "bob@client.example,boss@agency.example",
                 t->now - 2 * DAY_MS);
  index_message (t, "INBOX", "2", "<t3@agency.example>", "boss@agency.example", "bob@client.example,me@agency.example",
                 t->now - DAY_MS);
  index_message (t, "INBOX", "3", "<t4@agency.example>", "boss@agency.example", "me@agency.example", t->now);
  g_assert_cmpuint (log_pending (t), ==, 3);

  items = kith_test_get_timeline (t->store, bob, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_cmpint (last_contact (t, bob), ==, t->now - DAY_MS);

  for (guint i = 0; i < 3; i++)
    {
      gint64 record = (gint64[]) { boss, self, agency }[i];
      g_autoptr(JsonArray) none = kith_test_get_timeline (t->store, record, 0, 50, &error);

      g_assert_cmpuint (json_array_get_length (none), ==, 0);
      g_assert_cmpint (last_contact (t, record), ==, 0);
    }

  /* Nor later, when a coworker's record gets another address */
  {
    g_autoptr(JsonObject) change = kith_test_json ("{\"emails\": [{\"value\": \"boss@agency.example\"}, "
                                                   "{\"value\": \"me@agency.example\"}]}");
    g_autoptr(JsonArray) none = NULL;

    g_assert_true (kith_store_update_record (t->store, boss, change, &error));
    g_assert_no_error (error);
    none = kith_test_get_timeline (t->store, boss, 0, 50, &error);
    g_assert_cmpuint (json_array_get_length (none), ==, 0);
  }
}

/* assigned:me is the user: the mail accounts' addresses, and those set by hand */
static void
test_assigned_to_me (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  const char *other[] = { "alice@home.example", NULL };
  g_auto(GStrv) me = NULL;
  g_autofree char *name = NULL;
  gint64 mine, alias, home, by_hand;

  mine = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Mine\", \"assignee\": \"ME@agency.example\"}");
  alias = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Alias\", \"assignee\": \"me.alias@gmail.example\"}");
  home = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Home\", \"assignee\": \"alice@home.example\"}");
  by_hand = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"By hand\", \"assignee\": \"al@old.example\"}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Theirs\", \"assignee\": \"boss@agency.example\"}");

  /* No account yet: the query says what is missing */
  found = kith_store_find (t->store, KITH_RECORD_PERSON, "assigned:me", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 100, NULL, &error);
  g_assert_error (error, KITH_QUERY_ERROR, KITH_QUERY_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "mail account"));
  g_clear_error (&error);

  /* Two accounts: every address of both identities, and the first identity's name */
  setup_account (t);
  g_assert_true (kith_store_mail_account_set_identity (t->store, ACCOUNT, "Alice Agent", NULL, &error));
  g_assert_true (kith_store_mail_account_set_identity (t->store, "acct-2", "Alice at Home", other, &error));
  g_assert_no_error (error);
  me = kith_store_dup_me (t->store, &name);
  g_assert_cmpstr (name, ==, "Alice Agent");
  g_assert_cmpuint (g_strv_length (me), ==, 3);
  found = kith_store_find (t->store, KITH_RECORD_PERSON, "assigned:me", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    g_assert_true (g_array_index (found, gint64, i) == mine || g_array_index (found, gint64, i) == alias ||
                   g_array_index (found, gint64, i) == home);

  /* Set by hand: an older address and another name, besides the accounts' */
  g_assert_true (kith_store_set_setting (t->store, "me", "Al@old.example", &error));
  g_assert_true (kith_store_set_setting (t->store, "me-name", "Alice A.", &error));
  g_clear_pointer (&me, g_strfreev);
  g_clear_pointer (&name, g_free);
  me = kith_store_dup_me (t->store, &name);
  g_assert_cmpstr (name, ==, "Alice A.");
  g_assert_cmpstr (me[0], ==, "al@old.example");
  g_clear_pointer (&found, g_array_unref);
  found = kith_store_find (t->store, KITH_RECORD_PERSON, "assigned:me", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, alias);
  g_assert_cmpint (g_array_index (found, gint64, 1), ==, by_hand);
}

static void
test_inbox_done_snooze_gone (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  gint64 item;

  setup_account (t);
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Fay\", \"emails\": [{\"value\": \"fay@client.example\"}]}");
  index_message (t, "INBOX", "1", "<i1@x>", "fay@client.example", "me@agency.example", t->now - DAY_MS);
  index_message (t, "INBOX", "2", "<i2@x>", "fay@client.example", "me@agency.example", t->now - 2 * DAY_MS);
  /* Old mail is history, not work to do; the user's own mail never is */
  index_message (t, "INBOX", "3", "<i3@x>", "fay@client.example", "me@agency.example", t->now - 90 * DAY_MS);
  index_message (t, "Sent", "1", "<i4@x>", "me@agency.example", "fay@client.example", t->now);
  g_assert_cmpuint (log_pending (t), ==, 4);

  inbox = kith_store_list_inbox (t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 2);
  item = kith_message_get_id (g_ptr_array_index (inbox, 0));
  g_assert_cmpstr (kith_message_get_sender_name (g_ptr_array_index (inbox, 0)), ==, "Fay");
  g_assert_cmpstr (kith_message_get_sender_address (g_ptr_array_index (inbox, 0)), ==, "fay@client.example");
  g_assert_cmpstr (kith_message_get_account (g_ptr_array_index (inbox, 0)), ==, ACCOUNT);
  g_assert_cmpint (kith_message_get_record_id (g_ptr_array_index (inbox, 0)), >, 0);

  /* Done tells where the message is, to archive it on the server; Undo brings it back */
  g_assert_true (kith_store_inbox_set_done (t->store, item, TRUE, &where, &error));
  g_assert_no_error (error);
  g_assert_nonnull (where);
  g_assert_cmpstr (kith_mail_place_get_folder (where), ==, "INBOX");
  g_assert_cmpstr (kith_mail_place_get_uid (where), ==, "1");
  g_assert_cmpstr (kith_mail_place_get_account (where), ==, ACCOUNT);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = kith_store_list_inbox (t->store, &error);
  g_assert_cmpuint (inbox->len, ==, 1);
  g_clear_pointer (&where, kith_mail_place_free);
  g_assert_true (kith_store_inbox_set_done (t->store, item, FALSE, NULL, &error));
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = kith_store_list_inbox (t->store, &error);
  g_assert_cmpuint (inbox->len, ==, 2);

  /* Snoozed until tomorrow: gone today, back tomorrow */
  g_assert_true (kith_store_inbox_snooze (t->store, item, t->now + DAY_MS, &error));
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = kith_store_list_inbox (t->store, &error);
  g_assert_cmpuint (inbox->len, ==, 1);
  t->now += DAY_MS + 1;
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = kith_store_list_inbox (t->store, &error);
  g_assert_cmpuint (inbox->len, ==, 2);

  /* Archived elsewhere: gone from INBOX on the server, so Done here */
  g_hash_table_add (present, (gpointer) "2");
  g_assert_cmpuint (kith_store_mail_mark_gone (t->store, ACCOUNT, "INBOX", present, &error), ==, 1);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = kith_store_list_inbox (t->store, &error);
  g_assert_cmpuint (inbox->len, ==, 1);
  g_assert_cmpint (kith_message_get_id (g_ptr_array_index (inbox, 0)), !=, item);
}

/* What a folder held when capture last read it whole: nothing before the first, then the last */
static void
test_folder_state (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  KithMailFolderState state = { 1, 1, 1 };
  const KithMailFolderState first = { 4242, 10000, 10311 }, later = { 4242, 10100, 10411 };

  g_assert_true (kith_store_mail_folder_state (t->store, ACCOUNT, "INBOX", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.uidvalidity, ==, 0);
  g_assert_cmpuint (state.messages, ==, 0);
  g_assert_cmpuint (state.last_uid, ==, 0);

  g_assert_true (kith_store_mail_set_folder_state (t->store, ACCOUNT, "INBOX", &first, &error));
  g_assert_true (kith_store_mail_set_folder_state (t->store, ACCOUNT, "INBOX", &later, &error));
  g_assert_true (kith_store_mail_set_folder_state (t->store, ACCOUNT, "Sent", &first, &error));
  g_assert_no_error (error);
  g_assert_true (kith_store_mail_folder_state (t->store, ACCOUNT, "INBOX", &state, &error));
  g_assert_cmpuint (state.uidvalidity, ==, 4242);
  g_assert_cmpuint (state.messages, ==, 10100);
  g_assert_cmpuint (state.last_uid, ==, 10411);
  g_assert_true (kith_store_mail_folder_state (t->store, "acct-2", "INBOX", &state, &error));
  g_assert_cmpuint (state.uidvalidity, ==, 0);
}

static void
test_bad_settings (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  const char *bad_address[] = { "me@agency.example", "not an address", NULL };
  const char *bad_domain[] = { "agency..example", NULL };
  g_autoptr(KithMailAccount) settings = NULL;
  g_auto(GStrv) own = NULL;

  setup_account (t);
  g_assert_false (kith_store_mail_account_set_identity (t->store, ACCOUNT, "Me", bad_address, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not an address"));
  g_clear_error (&error);
  g_assert_false (kith_store_mail_account_set_domains (t->store, ACCOUNT, bad_domain, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing changed */
  settings = kith_store_mail_account_get (t->store, ACCOUNT, &error);
  g_assert_no_error (error);
  own = kith_store_dup_me (t->store, NULL);
  g_assert_cmpuint (g_strv_length (own), ==, 2);
  g_assert_cmpuint (g_strv_length ((GStrv) kith_mail_account_get_domains (settings)), ==, 1);
  g_assert_cmpstr (kith_mail_account_get_domains (settings)[0], ==, "agency.example");
}

static void
test_thread_id (void)
{
  g_autofree char *a = kith_mail_thread_id ("<c@x>", "<b@x>", "<a@x> <b@x>");
  g_autofree char *b = kith_mail_thread_id ("<c@x>", "<b@x>", NULL);
  g_autofree char *c = kith_mail_thread_id ("<c@x>", NULL, NULL);

  g_assert_cmpstr (a, ==, "<a@x>");
  g_assert_cmpstr (b, ==, "<b@x>");
  g_assert_cmpstr (c, ==, "<c@x>");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* An account takes evolution-data-server's values as typed arguments: its title is its address,
 * or its name in evolution-data-server without one, and only what changed is notified */
static void
test_account_update (void)
{
  g_autoptr(KithMailAccount) account = kith_mail_account_new ("acct");
  const char *aliases[] = { "a@alias.example", NULL };
  guint titles = 0, users = 0;

  g_signal_connect (account, "notify::title", G_CALLBACK (count_notify_cb), &titles);
  g_signal_connect (account, "notify::user", G_CALLBACK (count_notify_cb), &users);

  kith_mail_account_update (account, "Work", NULL, NULL, "me", "imap.example.com", 993, NULL);
  g_assert_cmpstr (kith_mail_account_get_title (account), ==, "Work");
  g_assert_null (kith_mail_account_get_address (account));
  g_assert_cmpstr (kith_mail_account_get_imap_host (account), ==, "imap.example.com");
  g_assert_cmpuint (kith_mail_account_get_imap_port (account), ==, 993);

  kith_mail_account_update (account, "Work", "me@example.com", "Me", "me", "imap.example.com", 993, aliases);
  g_assert_cmpstr (kith_mail_account_get_title (account), ==, "me@example.com");
  g_assert_cmpstr (kith_mail_account_get_name (account), ==, "Me");
  g_assert_cmpstr (kith_mail_account_get_aliases (account)[0], ==, "a@alias.example");
  g_assert_cmpuint (titles, ==, 2);
  g_assert_cmpuint (users, ==, 1);

  kith_mail_account_update (account, "Work", "me@example.com", "Me", "me", "imap.example.com", 993, aliases);
  g_assert_cmpuint (titles, ==, 2);
}

/* The index checks what it is given: no Message-ID or an unknown folder role is refused;
 * addresses that are not addresses are left out, the rest of the message kept */
static void
test_index_checks_headers (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailHeaders) no_id = kith_mail_headers_new (ACCOUNT, "INBOX", "1", "inbox");
  g_autoptr(KithMailHeaders) drafts = kith_mail_headers_new (ACCOUNT, "Drafts", "1", "drafts");
  g_autoptr(KithMailHeaders) broken = kith_mail_headers_new (ACCOUNT, "INBOX", "2", "inbox");
  g_autoptr(GPtrArray) pending = NULL;
  gint64 id;

  setup_account (t);
  g_assert_cmpint (kith_store_mail_index (t->store, no_id, NULL, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);

  drafts->message_id = g_strdup ("<draft@x>");
  g_assert_cmpint (kith_store_mail_index (t->store, drafts, NULL, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);

  broken->message_id = g_strdup ("<broken@x>");
  broken->date = t->now;
  broken->from = kith_mail_address_new ("bob@client.example", "Bob");
  g_ptr_array_add (broken->to, kith_mail_address_new ("not an address", NULL));
  g_ptr_array_add (broken->to, kith_mail_address_new ("\xff\xfe@x.example", NULL));
  g_ptr_array_add (broken->to, kith_mail_address_new (NULL, "Nobody"));
  g_ptr_array_add (broken->cc, kith_mail_address_new ("me@agency.example", NULL));
  id = index_headers (t, broken);
  g_assert_cmpstr (direction_of (t, id), ==, "inbound");
  g_assert_cmpuint (count_addresses (t, id), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail/direction-and-coworkers", test_direction_and_coworkers);
  g_test_add_func ("/mail/two-way-rule", test_two_way_rule);
  g_test_add_func ("/mail/history-for-new-address", test_history_for_new_address);
  g_test_add_func ("/mail/same-message-twice", test_same_message_twice);
  g_test_add_func ("/mail/logged-item", test_logged_item);
  g_test_add_func ("/mail/colliding-message-ids", test_colliding_message_ids);
  g_test_add_func ("/mail/coworkers-not-logged", test_coworkers_not_logged);
  g_test_add_func ("/mail/assigned-to-me", test_assigned_to_me);
  g_test_add_func ("/mail/inbox-done-snooze-gone", test_inbox_done_snooze_gone);
  g_test_add_func ("/mail/bad-settings", test_bad_settings);
  g_test_add_func ("/mail/folder-state", test_folder_state);
  g_test_add_func ("/mail/thread-id", test_thread_id);
  g_test_add_func ("/mail/account-update", test_account_update);
  g_test_add_func ("/mail/index-checks-headers", test_index_checks_headers);

  return g_test_run ();
}
