/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Mail capture against real servers: a private Dovecot on 127.0.0.1, gnome-keyring and the
 * evolution-data-server registry of the private session (build-aux/test-session). Each test
 * adds a custom account through Kith, as a user would, and syncs it with Camel.
 */

#define _GNU_SOURCE
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "kith-mail.h"
#include "kith-mail-accounts.h"
#include "kith-mail-capture.h"
#include "kith-mail-service.h"
#include "kith-test-dovecot.h"
#include "kith-test-mail.h"
#include "../core/kith-test-util.h"

#define PASSWORD "s3cret-Alice-pw"
#define ME "alice@agency.example"
#define DAY (24 * 3600)

typedef struct {
  KithTestDovecot *dovecot;
  KithTestStore   *t;
  ESourceRegistry *registry;
  KithMailSession *session;
  KithMailCapture *capture;
  char            *camel_dir;
  char            *account;
  gint64           now;        /* seconds */
  GHashTable      *roots;      /* Message-ID → its thread's first message */
  guint            expect;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;

  /* With "gmail": Gmail's folders, with a virtual All Mail (kith-test-dovecot.h) */
  f->dovecot = g_strcmp0 (data, "gmail") == 0 ? kith_test_dovecot_start_gmail (users, &error)
                                              : kith_test_dovecot_start (users, &error);
  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);

  f->roots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->t = kith_test_store_new ();
  kith_store_set_clock (f->t->store, NULL, NULL);   /* mail dates are real */
  f->now = g_get_real_time () / G_USEC_PER_SEC;
  f->registry = e_source_registry_new_sync (NULL, &error);
  g_assert_no_error (error);
  f->camel_dir = g_build_filename (f->t->dir, "camel", NULL);
  cache = g_build_filename (f->camel_dir, "cache", NULL);
  f->session = kith_mail_session_new (f->registry, f->camel_dir, cache);
  f->capture = kith_mail_capture_new (f->t->store, f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->account != NULL)
    kith_mail_account_remove_sync (f->registry, f->account, NULL, NULL);
  g_clear_object (&f->capture);
  g_clear_object (&f->session);
  g_clear_object (&f->registry);
  g_clear_pointer (&f->t, kith_test_store_free);
  g_clear_pointer (&f->dovecot, kith_test_dovecot_stop);
  g_clear_pointer (&f->roots, g_hash_table_unref);
  g_free (f->camel_dir);
  g_free (f->account);
}

static KithMailAccount *
account_draft (Fixture *f)
{
  return g_object_new (KITH_TYPE_MAIL_ACCOUNT,
                       "address", ME,
                       "name", "Alice Agent",
                       "user", "alice",
                       "imap-host", "127.0.0.1",
                       "imap-port", kith_test_dovecot_get_port (f->dovecot),
                       "smtp-host", "127.0.0.1",
                       "smtp-port", 2525,
                       "security", KITH_MAIL_SECURITY_NONE,
                       NULL);
}

static void
add_account (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailAccount) draft = account_draft (f);
  const char *domains[] = { "agency.example", NULL };

  f->account = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->account);
  g_assert_true (kith_store_mail_account_set_domains (f->t->store, f->account, domains, &error));
}

static void
deliver (Fixture    *f,
         const char *folder,
         const char *from,
         const char *to,
         const char *subject,
         const char *message_id,
         const char *in_reply_to,
         gint64      date)
{
  g_autoptr(GError) error = NULL;
  /* References: the thread's root first, as mail clients write it */
  const char *root = in_reply_to != NULL ? g_hash_table_lookup (f->roots, in_reply_to) : NULL;
  g_autofree char *references = in_reply_to == NULL ? NULL :
                                root != NULL ? g_strdup_printf ("%s %s", root, in_reply_to) : g_strdup (in_reply_to);
  g_autofree char *message = kith_test_mail_message (from, to, NULL, subject, message_id, in_reply_to, references,
                                                     date, "Hello,\nthe viewing is on Saturday at ten.\n");

  g_hash_table_insert (f->roots, g_strdup (message_id),
                       g_strdup (root != NULL ? root : in_reply_to != NULL ? in_reply_to : message_id));

  g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", folder, message, "S", &error));
  g_assert_no_error (error);
}

static void
sync_account (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_mail_capture_sync_account (f->capture, f->account, NULL, &error));
  g_assert_no_error (error);
}

/* The number @sql counts in the database at @path */
static guint
count_in (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static guint
count_sql (Fixture    *f,
           const char *sql)
{
  return count_in (f->t->path, sql);
}

/* Moves a message's UID in the store behind the capture's back, with a connection of its own:
 * only a sync that compares every UID of the folder with the store's puts it back */
static void
misplace_in_store (Fixture    *f,
                   const char *message_id)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE mail_messages SET uid = '999999' WHERE message_id = '%s'", message_id);

  g_assert_cmpint (sqlite3_open (f->t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_busy_timeout (db, 5000), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

/* Whether @message_id is still where misplace_in_store() put it: its folder was not read whole */
static gboolean
still_misplaced (Fixture    *f,
                 const char *message_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM mail_messages WHERE message_id = '%s' "
                                          "AND uid = '999999'", message_id);

  return count_sql (f, sql) == 1;
}

static guint
timeline_count (Fixture *f,
                gint64   record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = kith_test_get_timeline (f->t->store, record, 0, 10000, &error);

  g_assert_no_error (error);
  return json_array_get_length (items);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

/* The password is checked, lands in the keyring and nowhere in Kith's files */
/* How many accounts the registry lists for capture */
static guint
count_accounts (Fixture *f)
{
  GList *sources = kith_mail_accounts_list_sources (f->registry);
  guint n = g_list_length (sources);

  g_list_free_full (sources, g_object_unref);
  return n;
}

/* The address of the listed account @uid, as the typed account has it; NULL when not listed */
static char *
listed_address (Fixture    *f,
                const char *uid)
{
  GList *sources = kith_mail_accounts_list_sources (f->registry);
  char *address = NULL;

  for (GList *l = sources; l != NULL; l = l->next)
    if (g_strcmp0 (e_source_get_uid (l->data), uid) == 0)
      {
        g_autoptr(KithMailAccount) account = kith_mail_account_new (uid);

        kith_mail_account_update_from_source (account, f->registry, l->data);
        address = g_strdup (kith_mail_account_get_address (account));
      }
  g_list_free_full (sources, g_object_unref);

  return address;
}

static void
test_custom_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailAccount) draft = NULL;
  g_autofree char *address = NULL;
  guint before;
  g_autoptr(ESource) source = NULL;
  g_autofree char *password = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *wal = NULL;

  before = count_accounts (f);

  /* A wrong password says so, and mentions app-specific passwords; nothing is saved */
  draft = account_draft (f);
  uid = kith_mail_account_add_sync (f->session, draft, "wrong-password", NULL, &error);
  g_assert_null (uid);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "app-specific password"));
  g_clear_error (&error);

  /* A closed port names the host and port */
  g_object_set (draft, "imap-port", 1, NULL);
  uid = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_null (uid);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1:1"));
  g_clear_error (&error);

  /* So does a host that does not exist */
  g_object_set (draft, "imap-host", "no-such-host.invalid", "imap-port", 993, NULL);
  uid = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_null (uid);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "no-such-host.invalid:993"));
  g_assert_null (strstr (error->message, "working online"));
  g_clear_error (&error);

  /* Bad input names the input */
  g_object_set (draft, "imap-host", "imap.example.com", "imap-port", 99999, NULL);
  uid = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "99999"));
  g_clear_error (&error);
  g_object_set (draft, "imap-host", "imap example.com", "imap-port", 0, NULL);
  uid = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“imap example.com” is not a host"));
  g_clear_error (&error);
  g_object_set (draft, "address", "alice at agency", NULL);
  uid = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "alice at agency"));
  g_clear_error (&error);

  g_assert_cmpuint (count_accounts (f), ==, before);

  /* The right one is saved, and listed with its address */
  add_account (f);
  g_assert_cmpuint (count_accounts (f), ==, before + 1);
  address = listed_address (f, f->account);
  g_assert_cmpstr (address, ==, ME);

  source = e_source_registry_ref_source (f->registry, f->account);
  g_assert_true (e_source_lookup_password_sync (source, NULL, &password, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, PASSWORD);

  /* A sync works with the saved password; the database never holds it */
  deliver (f, "INBOX", "bob@client.example", ME, "Offer", "<p1@client.example>", NULL, f->now - DAY);
  sync_account (f);
  wal = g_strconcat (f->t->path, "-wal", NULL);
  g_assert_false (file_contains (f->t->path, PASSWORD));
  g_assert_false (file_contains (wal, PASSWORD));

  /* Removing the account keeps what was captured */
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages"), ==, 1);
  g_assert_true (kith_mail_account_remove_sync (f->registry, f->account, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->account, g_free);
  g_assert_cmpuint (count_accounts (f), ==, before);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages"), ==, 1);
  g_assert_null (e_source_registry_ref_source (f->registry, e_source_get_uid (source)));
}

/* A generated mailbox: threads, both directions, coworkers, newsletters, people Kith knows */
static void
fill_mailbox (Fixture *f)
{
  /* Bob is known. Carol is not, but writes back: she is created. The newsletter never hears
   * from Alice; the boss is a coworker. */
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "The house on Elm St", "<b1@client.example>", NULL, f->now - 10 * DAY);
  deliver (f, "Sent", ME, "bob@client.example", "Re: The house on Elm St", "<a1@agency.example>", "<b1@client.example>", f->now - 9 * DAY);
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "Re: The house on Elm St", "<b2@client.example>", "<a1@agency.example>", f->now - 8 * DAY);
  deliver (f, "Sent", ME, "Carol Seller <carol@seller.example>", "Listing your flat", "<a2@agency.example>", NULL, f->now - 7 * DAY);
  deliver (f, "INBOX", "Carol Seller <carol@seller.example>", ME, "Re: Listing your flat", "<c1@seller.example>", "<a2@agency.example>", f->now - 6 * DAY);
  deliver (f, "INBOX", "Shop <news@shop.example>", ME, "Deals of the week", "<n1@shop.example>", NULL, f->now - 5 * DAY);
  deliver (f, "INBOX", "Boss <boss@agency.example>", ME, "Team meeting", "<w1@agency.example>", NULL, f->now - 4 * DAY);
  deliver (f, "Sent", ME, "boss@agency.example", "Re: Team meeting", "<w2@agency.example>", "<w1@agency.example>", f->now - 3 * DAY);
}

static void
test_first_sync (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) timeline = NULL;
  gint64 bob, carol;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"Bob@Client.example\"}]}");
  add_account (f);
  fill_mailbox (f);
  sync_account (f);

  /* Bob's thread, both ways, from INBOX and Sent */
  timeline = kith_test_get_timeline (f->t->store, bob, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (timeline), ==, 3);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE kind = 'email' AND direction = 'outbound' "
                                  "AND subject = 'Re: The house on Elm St'"), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(DISTINCT thread_id) FROM timeline WHERE subject LIKE '%Elm St%'"), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE body LIKE '%viewing is on Saturday%'"), >=, 3);

  /* Carol wrote back: created, with her thread */
  carol = kith_store_lookup (f->t->store, "carol@seller.example", NULL);
  g_assert_cmpint (carol, >, 0);
  g_assert_cmpuint (timeline_count (f, carol), ==, 2);

  /* Neither the newsletter nor the coworker */
  g_assert_cmpint (kith_store_lookup (f->t->store, "news@shop.example", NULL), ==, 0);
  g_assert_cmpint (kith_store_lookup (f->t->store, "boss@agency.example", NULL), ==, 0);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 5);

  /* Searchable */
  {
    g_autoptr(GArray) ids = kith_store_find (f->t->store, KITH_RECORD_PERSON, "viewing", KITH_SORT_NAME, KITH_GROUP_NONE,
                                             0, 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
  }

  /* Nothing changed: a second sync logs nothing new */
  sync_account (f);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 5);
}

static void
test_incremental_and_history (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 bob, dan;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  dan = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Dan\"}");
  add_account (f);
  fill_mailbox (f);
  deliver (f, "INBOX", "dan@other.example", ME, "Old question", "<d1@other.example>", NULL, f->now - 200 * DAY);
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 3);
  g_assert_cmpuint (timeline_count (f, dan), ==, 0);

  /* New mail, flag changes and a deletion on the server: the new message once, nothing twice */
  deliver (f, "INBOX", "bob@client.example", ME, "One more thing", "<b3@client.example>", NULL, f->now - 60);
  g_assert_true (kith_test_dovecot_add_flag (f->dovecot, "alice", "INBOX", "<b1@client.example>", "\\Flagged", &error));
  g_assert_true (kith_test_dovecot_add_flag (f->dovecot, "alice", "Sent", "<a1@agency.example>", "\\Answered", &error));
  g_assert_no_error (error);
  g_assert_true (kith_test_dovecot_expunge (f->dovecot, "alice", "INBOX", "<n1@shop.example>", &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 6);

  /* A message deleted on the server stays on the timeline: it happened */
  g_assert_true (kith_test_dovecot_expunge (f->dovecot, "alice", "INBOX", "<b2@client.example>", &error));
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 4);

  /* An address added to Dan pulls his history from what is already synced */
  {
    g_autoptr(JsonObject) change = kith_test_json ("{\"emails\": [{\"value\": \"dan@other.example\"}]}");
    g_assert_true (kith_store_update_record (f->t->store, dan, change, &error));
  }
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, dan), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'Old question' AND body LIKE '%Saturday%'"), ==, 1);
}

static void
test_inbox_done_and_archive (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  gint64 item;
  guint in_inbox, in_archive;

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  fill_mailbox (f);
  sync_account (f);

  /* Inbound mail from contacts: Bob twice and Carol once; not the newsletter nor the boss */
  inbox = kith_store_list_inbox (f->t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 3);
  item = kith_message_get_id (g_ptr_array_index (inbox, 0));

  /* Done moves it to Archive on the server */
  in_inbox = kith_test_dovecot_count (f->dovecot, "alice", "INBOX");
  in_archive = kith_test_dovecot_count (f->dovecot, "alice", "Archive");
  kith_store_inbox_set_done (f->t->store, item, TRUE, &where, &error);
  g_assert_no_error (error);
  g_assert_nonnull (where);
  g_assert_true (kith_mail_capture_archive (f->capture, where, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, in_inbox - 1);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, in_archive + 1);

  /* Archived elsewhere (another mail app): Done in Kith after the next sync */
  g_assert_cmpstr (kith_mail_place_get_message_id (where), ==, "<c1@seller.example>");
  g_assert_true (kith_test_dovecot_move (f->dovecot, "alice", "INBOX", "Archive", "<b2@client.example>", &error));
  g_assert_no_error (error);
  sync_account (f);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = kith_store_list_inbox (f->t->store, &error);
  g_assert_cmpuint (inbox->len, ==, 1);

  /* Nothing was logged twice for being seen in Archive */
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 5);
}

static void
test_uidvalidity_change (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 bob;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  fill_mailbox (f);
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 3);

  /* A new UIDVALIDITY alone, the same count and highest UID: every UID of the folder is read
   * again (the old ones may name other messages now) */
  misplace_in_store (f, "<b1@client.example>");
  sync_account (f);
  g_assert_true (still_misplaced (f, "<b1@client.example>"));
  g_assert_true (kith_test_dovecot_set_uidvalidity (f->dovecot, "alice", "INBOX", 4242, &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_false (still_misplaced (f, "<b1@client.example>"));
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 5);

  g_assert_true (kith_test_dovecot_set_uidvalidity (f->dovecot, "alice", "INBOX", 4244, &error));
  g_assert_no_error (error);
  g_assert_true (kith_test_dovecot_set_uidvalidity (f->dovecot, "alice", "Sent", 4243, &error));
  deliver (f, "INBOX", "bob@client.example", ME, "After the move", "<b9@client.example>", NULL, f->now - 60);
  sync_account (f);

  g_assert_cmpuint (timeline_count (f, bob), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 6);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline_people WHERE record_id IS NOT NULL AND role = 'from'"), ==, 4);
}

/* A folder that did not move since it was last read is not read again; one that only grew has
 * its new UIDs read; a message expunged while another arrived (the count unchanged) is found
 * gone, by a read of the whole folder */
static void
test_unchanged_not_read (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  guint in_inbox;
  gint64 bob;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  fill_mailbox (f);
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 3);
  misplace_in_store (f, "<b1@client.example>");
  misplace_in_store (f, "<a1@agency.example>");

  /* Nothing changed, flags aside: nothing read */
  g_assert_true (kith_test_dovecot_add_flag (f->dovecot, "alice", "INBOX", "<b2@client.example>", "\\Flagged", &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_true (still_misplaced (f, "<b1@client.example>"));
  g_assert_true (still_misplaced (f, "<a1@agency.example>"));
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 5);

  /* One new in INBOX: it alone is read, and goes on the timeline once */
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "Second viewing", "<b5@client.example>", NULL, f->now - 120);
  sync_account (f);
  sync_account (f);
  g_assert_true (still_misplaced (f, "<b1@client.example>"));
  g_assert_cmpuint (timeline_count (f, bob), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 6);

  /* One expunged while one arrives: the count is the same, the highest UID moved. INBOX is
   * read whole: the gone one is Done, the new one logged once; Sent did not move */
  inbox = kith_store_list_inbox (f->t->store, &error);
  g_assert_no_error (error);
  in_inbox = inbox->len;
  g_assert_true (kith_test_dovecot_expunge (f->dovecot, "alice", "INBOX", "<b2@client.example>", &error));
  g_assert_no_error (error);
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "Third viewing", "<b6@client.example>", NULL, f->now - 60);
  sync_account (f);
  g_assert_false (still_misplaced (f, "<b1@client.example>"));
  g_assert_true (still_misplaced (f, "<a1@agency.example>"));
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE message_id = '<b2@client.example>' "
                                  "AND role = 'archive' AND state = 'done'"), ==, 1);
  g_clear_pointer (&inbox, g_ptr_array_unref);
  inbox = kith_store_list_inbox (f->t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, in_inbox);   /* b2 out, b6 in */
  g_assert_cmpuint (timeline_count (f, bob), ==, 5);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 7);
}

/* Files in Camel's message cache of the account (its "cur" folders, one file per message) */
static guint
count_cached_messages (const char *path,
                       gboolean    in_cur)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_cached_messages (child, in_cur || g_str_equal (name, "cur"));
      else if (in_cur)
        n++;
    }

  return n;
}

/* Whether the server still has @uid of @folder unread */
static gboolean
unread_on_server (Fixture    *f,
                  const char *folder_name,
                  const char *message_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelService) service = camel_session_ref_service (CAMEL_SESSION (f->session), f->account);
  g_autoptr(CamelFolder) folder = camel_store_get_folder_sync (CAMEL_STORE (service), folder_name, 0, NULL, &error);
  GPtrArray *uids;
  gboolean found = FALSE, unread = FALSE;

  g_assert_no_error (error);
  g_assert_true (camel_folder_refresh_info_sync (folder, NULL, &error));
  g_assert_no_error (error);
  uids = camel_folder_get_uids (folder);
  for (guint i = 0; i < uids->len; i++)
    {
      g_autoptr(CamelMessageInfo) info = camel_folder_get_message_info (folder, uids->pdata[i]);

      if (info != NULL && g_strcmp0 (camel_message_info_get_user_header (info, "Message-ID"), message_id) == 0)
        {
          found = TRUE;
          unread = (camel_message_info_get_flags (info) & CAMEL_MESSAGE_SEEN) == 0;
        }
    }
  camel_folder_free_uids (folder, uids);
  g_assert_true (found);

  return unread;
}

/* 100 new messages between two syncs, in INBOX and Sent, read and unread: each goes on the
 * timeline once with its own text and folder; their texts come in one command per folder and
 * batch, not through Camel's message cache (which kept a copy of every message), and fetching
 * them marks none read on the server */
static void
test_many_new (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  gint64 bob;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  fill_mailbox (f);
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 3);
  misplace_in_store (f, "<b1@client.example>");
  misplace_in_store (f, "<a1@agency.example>");

  for (guint i = 0; i < 100; i++)
    {
      gboolean sent = i % 3 == 2;
      g_autofree char *id = g_strdup_printf ("<new-%u@%s>", i, sent ? "agency.example" : "client.example");
      g_autofree char *body = g_strdup_printf ("Offer number %u for the house.\n", i);
      g_autofree char *message = kith_test_mail_message (sent ? ME : "Bob Buyer <bob@client.example>",
                                                         sent ? "bob@client.example" : ME, NULL, "Offers", id,
                                                         NULL, NULL, f->now - 3600 + i, body);

      g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", sent ? "Sent" : "INBOX", message,
                                                i % 2 == 0 ? "" : "S", &error));
      g_assert_no_error (error);
    }
  sync_account (f);

  /* Only the new UIDs were read: INBOX and Sent only grew */
  g_assert_true (still_misplaced (f, "<b1@client.example>"));
  g_assert_true (still_misplaced (f, "<a1@agency.example>"));
  g_assert_cmpuint (timeline_count (f, bob), ==, 103);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE message_id LIKE '<new-%'"), ==, 100);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE message_id LIKE '<new-%' AND item_id IS NULL"), ==, 0);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE message_id LIKE '<new-%@client.example>' "
                                  "AND folder = 'INBOX' AND role = 'inbox' AND direction = 'inbound'"), ==, 67);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE message_id LIKE '<new-%@agency.example>' "
                                  "AND folder = 'Sent' AND role = 'sent' AND direction = 'outbound'"), ==, 33);
  /* Each with its own text: the body of message i says "number i" */
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages m JOIN timeline t ON t.id = m.item_id "
                                  "WHERE m.message_id LIKE '<new-%' AND t.body LIKE "
                                  "'%Offer number ' || substr(m.message_id, 6, instr(m.message_id, '@') - 6) || ' for%'"), ==, 100);
  cache = g_build_filename (f->camel_dir, "cache", f->account, NULL);
  g_assert_cmpuint (count_cached_messages (cache, FALSE), ==, 0);
  g_assert_true (unread_on_server (f, "INBOX", "<new-0@client.example>"));
  g_assert_false (unread_on_server (f, "INBOX", "<new-1@client.example>"));

  /* Once: another sync adds nothing */
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 103);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 103 + 2);
}

/* Mail of every shape that later arrives again, each under a Message-ID of its own (%s):
 * encoded and folded headers, a Cc list with a quoted comma, a Reply-To, a folded References,
 * HTML, raw 8-bit text in the message's charset; escape sequences, broken addresses and
 * encoded words, and a Date that is none */
static const struct {
  const char *folder;
  const char *text;
} shapes[] = {
  { "INBOX",
    "From: =?UTF-8?Q?Zo=C3=AB_M=C3=BCller?= <zoe@client.example>\r\n"
    "To: Alice Agent <alice@agency.example>\r\n"
    "Cc: \"Holt, Ian\" <ian@client.example>,\r\n Bob Buyer <bob@client.example>\r\n"
    "Reply-To: Zoe at home <zoe.home@client.example>\r\n"
    "Subject: =?UTF-8?Q?Viewing_at_the_Sch=C3=B6n?=\r\n =?UTF-8?Q?_house?=\r\n"
    "Message-ID: <shape1%s@client.example>\r\n"
    "Date: Mon, 30 Nov 2026 09:15:00 +0100\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Can we see it on Saturday?\r\n" },
  { "INBOX",
    "From: Bob Buyer <bob@client.example>\r\n"
    "To: alice@agency.example\r\n"
    "Subject: Re: Offer\r\n"
    "Message-ID: <shape2%s@client.example>\r\n"
    "In-Reply-To: <mid-offer@client.example>\r\n"
    "References: <root-offer@agency.example>\r\n <mid-offer@client.example>\r\n"
    "Date: Tue, 1 Dec 2026 16:40:00 -0500\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>We <b>accept</b>.</p>\r\n" },
  { "INBOX",
    "From: Fran\xe7oise Buyer <bob@client.example>\r\n"
    "To: alice@agency.example\r\n"
    "Subject: Caf\xe9 on the corner\r\n"
    "Message-ID: <shape3%s@client.example>\r\n"
    "Date: Wed, 2 Dec 2026 11:00:00 +0000\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "\r\n"
    "Tr\xe8s bien.\r\n" },
  { "INBOX",
    "From: =?UTF-8?Q?Bob_=1B]0;owned=07Buyer?= <bob@client.example>\r\n"
    "To: =?UTF-8?B?broken <alice@agency.example>, \"unclosed <ian@client.example>\r\n"
    "Subject: \x1b[31mRed\x1b[0m alert =?UTF-8?Q?=E2=82?=\r\n"
    "Message-ID: <shape5%s@client.example>\r\n"
    "Date: not a date at all\r\n"
    "\r\n"
    "Hostile, but still mail.\r\n" },
  { "Sent",
    "From: Alice Agent <alice@agency.example>\r\n"
    "To: Bob Buyer <bob@client.example>\r\n"
    "Subject: Contract\r\n"
    "Message-ID: <shape4%s@agency.example>\r\n"
    "Date: Wed, 2 Dec 2026 08:00:00 +0000\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "The contract is ready to sign.\r\n" },
};

static void
deliver_shapes (Fixture    *f,
                const char *suffix)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = g_strdup_printf (shapes[i].text, suffix);

      g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", shapes[i].folder, message, "S", &error));
      g_assert_no_error (error);
    }
}

/* Everything the store made of a message, its own Message-ID aside; its date only when its
 * Date header has one (@dated), else when the server received it, which is not the same for
 * two copies */
static char *
describe_message (Fixture    *f,
                  const char *message_id,
                  gboolean    dated)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT m.subject, %s, m.direction, m.role, m.folder, replace (m.thread_id, m.message_id, '='), "
    "  (SELECT group_concat (role || ' ' || key || ' ' || coalesce (name, '-') || ' ' || internal, '; ') "
    "   FROM (SELECT * FROM mail_addresses WHERE message = m.id ORDER BY role, key)), "
    "  t.kind, %s, t.subject, t.preview, t.body, t.body_type, t.direction, "
    "  replace (t.thread_id, m.message_id, '='), t.reply_to, "
    "  (SELECT group_concat (role || ' ' || coalesce (value, '-') || ' ' || coalesce (record_id, '-'), '; ') "
    "   FROM (SELECT * FROM timeline_people WHERE item_id = t.id ORDER BY role, value)) "
    "FROM mail_messages m LEFT JOIN timeline t ON t.id = m.item_id WHERE m.message_id = '%s'",
    dated ? "m.date" : "abs (m.date / 1000 - strftime ('%s', 'now')) < 600",
    dated ? "t.date" : "abs (t.date / 1000 - strftime ('%s', 'now')) < 600", message_id);
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_string_append_printf (out, "%s\n", sqlite3_column_type (stmt, i) == SQLITE_NULL
                                         ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

/* Messages in Camel's own summary of @folder (its folders.db): 0 when Camel never read it */
static guint
count_in_camel_summary (Fixture    *f,
                        const char *folder)
{
  g_autofree char *path = g_build_filename (f->camel_dir, "cache", f->account, "folders.db", NULL);
  g_autofree char *has = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                                          folder);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM '%s'", folder);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || count_in (path, has) == 0)
    return 0;

  return count_in (path, sql);
}

static void
deliver_raw (Fixture    *f,
             const char *folder,
             const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", folder, message, "S", &error));
  g_assert_no_error (error);
}

/* Mail is read without Camel's summary, and the store makes of it exactly what it makes of the
 * same mail read through Camel: names, addresses, subjects, dates, threads, Reply-To, texts,
 * people. The first sync reads every folder without Camel; new mail with a message without a
 * Message-ID, which only Camel's summary tells apart, is read through Camel, and the two are
 * compared */
static void
test_new_read_as_first (Fixture       *f,
                        gconstpointer  data)
{
  gint64 bob;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Zoë Müller\", \"emails\": [{\"value\": \"zoe@client.example\"}]}");
  add_account (f);
  deliver_shapes (f, "");
  sync_account (f);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE message_id LIKE '<shape%'"), ==, 5);
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), ==, 0);
  g_assert_cmpuint (count_in_camel_summary (f, "Sent"), ==, 0);

  deliver_shapes (f, "-again");
  deliver_raw (f, "INBOX", "From: Bob Buyer <bob@client.example>\r\nTo: alice@agency.example\r\nSubject: No id\r\n"
                           "Date: Thu, 3 Dec 2026 08:00:00 +0000\r\n\r\nSent from a very old phone.\r\n");
  deliver_raw (f, "Sent", "From: Alice Agent <alice@agency.example>\r\nTo: Bob Buyer <bob@client.example>\r\n"
                              "Subject: No id either\r\nDate: Thu, 3 Dec 2026 09:00:00 +0000\r\n\r\nFrom the old phone too.\r\n");
  sync_account (f);
  /* Read through Camel, whose refresh lists every message of the folder */
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), ==, 9);
  g_assert_cmpuint (count_in_camel_summary (f, "Sent"), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      const char *domain = g_str_equal (shapes[i].folder, "Sent") ? "agency.example" : "client.example";
      const char *id = strstr (shapes[i].text, "<shape");
      g_autofree char *n = g_strndup (id + 6, strcspn (id + 6, "%"));
      g_autofree char *first_id = g_strdup_printf ("<shape%s@%s>", n, domain);
      g_autofree char *again_id = g_strdup_printf ("<shape%s-again@%s>", n, domain);
      gboolean dated = strstr (shapes[i].text, "not a date") == NULL;
      g_autofree char *first = describe_message (f, first_id, dated);
      g_autofree char *again = describe_message (f, again_id, dated);

      g_test_message ("%s:\n%s", first_id, first);
      g_assert_cmpstr (again, ==, first);
    }
  /* What was made of them is what a user sees */
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages m JOIN timeline t ON t.id = m.item_id "
                                  "WHERE m.message_id LIKE '<shape1%' AND t.subject = 'Viewing at the Schön house' "
                                  "AND t.reply_to LIKE '%zoe.home@client.example%'"), ==, 2);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_addresses a JOIN mail_messages m ON m.id = a.message "
                                  "WHERE m.message_id LIKE '<shape1%' AND a.role = 'cc' AND a.key = 'ian@client.example' "
                                  "AND a.name = 'Holt, Ian'"), ==, 2);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages m JOIN timeline t ON t.id = m.item_id "
                                  "WHERE m.message_id LIKE '<shape3%' AND m.subject = 'Café on the corner' "
                                  "AND t.body LIKE 'Très bien.%'"), ==, 2);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE message_id LIKE '<shape2%' "
                                  "AND thread_id = '<root-offer@agency.example>'"), ==, 2);

  /* The messages without a Message-ID came in all the same, once */
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'No id' "
                                  "AND body LIKE '%very old phone%'"), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'No id either' "
                                  "AND body LIKE '%old phone too%'"), ==, 1);
  g_assert_cmpuint (timeline_count (f, bob), ==, 12);
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, 12);
}

typedef struct {
  guint    steps;       /* reports of INBOX with some of it read */
  guint    done;
  guint    total;
  gboolean backwards;
} FolderProgress;

static void
on_inbox_progress_cb (KithMailCapture *capture,
                      const char      *account,
                      const char      *folder,
                      guint            done,
                      guint            total,
                      gpointer         user_data)
{
  FolderProgress *progress = user_data;

  if (g_strcmp0 (folder, "INBOX") != 0)
    return;
  progress->backwards |= done < progress->done || (progress->total != 0 && total != progress->total);
  progress->steps += done > 0;
  progress->done = done;
  progress->total = total;
}

/* @n messages from Bob (to him when @sent) into @folder; the one at @no_id, if any, without a
 * Message-ID */
static void
deliver_many (Fixture    *f,
              const char *folder,
              guint       n,
              gboolean    sent,
              guint       no_id)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("<%s-%u@%s>", folder, i, sent ? "agency.example" : "client.example");
      g_autofree char *body = g_strdup_printf ("Note %u on the house.\n", i);
      g_autofree char *message = kith_test_mail_message (sent ? ME : "Bob Buyer <bob@client.example>",
                                                         sent ? "bob@client.example" : ME, NULL, "Notes", id, NULL,
                                                         NULL, f->now - 100000 + i, body);

      /* Its Message-ID line taken out */
      if (i == no_id)
        {
          char *line = strstr (message, "Message-ID: ");

          g_assert_nonnull (line);
          memmove (line, strstr (line, "\r\n") + 2, strlen (strstr (line, "\r\n") + 2) + 1);
          g_assert_null (strstr (message, "Message-ID"));
        }
      deliver_raw (f, folder, message);
    }
}

/* A first sync reads a large folder without Camel, a slice at a time, reported as one folder;
 * a slice with a message that only Camel tells apart (no Message-ID) is read by Camel, the rest
 * not; every message is on the timeline once */
static void
test_first_read_in_slices (Fixture       *f,
                           gconstpointer  data)
{
  FolderProgress progress = { 0, };
  gint64 bob;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  deliver_many (f, "INBOX", 1300, FALSE, G_MAXUINT);
  deliver_many (f, "Sent", 450, TRUE, 300);
  g_signal_connect (f->capture, "progress", G_CALLBACK (on_inbox_progress_cb), &progress);
  sync_account (f);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (timeline_count (f, bob), ==, 1750);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 1750);
  g_assert_cmpuint (count_sql (f, "SELECT count(DISTINCT body) FROM timeline WHERE body LIKE 'Note %'"), ==, 1300);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE folder = 'INBOX'"), ==, 1300);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE folder = 'Sent'"), ==, 450);
  /* INBOX never went through Camel; Sent did, for the slice with the message without an id */
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), ==, 0);
  g_assert_cmpuint (count_in_camel_summary (f, "Sent"), ==, 450);
  /* One folder, read in several steps, to its end */
  g_assert_false (progress.backwards);
  g_assert_cmpuint (progress.steps, >=, 3);
  g_assert_cmpuint (progress.done, ==, 1300);
  g_assert_cmpuint (progress.total, ==, 1300);

  /* Read whole: nothing again */
  sync_account (f);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 1750);
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), ==, 0);
}

typedef struct {
  Fixture  *f;
  gboolean  done;
  gboolean  failed;
} KillArgs;

static gpointer
sync_thread (gpointer data)
{
  KillArgs *args = data;
  g_autoptr(GError) error = NULL;

  /* May fail: the server is killed under it */
  if (!kith_mail_capture_sync_account (args->f->capture, args->f->account, NULL, &error))
    args->failed = TRUE;
  g_atomic_int_set (&args->done, TRUE);

  return NULL;
}

/* The server's connection process killed at random points, again and again: in the end the
 * timeline is exactly right */
static void
test_killed_mid_sync (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint64 bob;
  guint expected = 0, kills = 0, interrupted = 0, logged_before = 0;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *id = g_strdup_printf ("<bulk%u@client.example>", i);
      g_autofree char *subject = g_strdup_printf ("Question %u about the offer", i);

      deliver (f, i % 3 == 0 ? "Sent" : "INBOX", i % 3 == 0 ? ME : "bob@client.example",
               i % 3 == 0 ? "bob@client.example" : ME, subject, id, NULL, f->now - (1600 - i) * 3600);
      expected++;
    }

  /* Syncs, each with the server's connection processes killed at random moments while it runs,
   * until one gets through */
  for (guint round = 0; round < 20; round++)
    {
      KillArgs args = { f, FALSE, FALSE };
      GThread *thread = g_thread_new ("sync", sync_thread, &args);

      while (!g_atomic_int_get (&args.done))
        {
          g_usleep (g_rand_int_range (rand, 5, 120) * 1000);
          if (!g_atomic_int_get (&args.done) && kith_test_dovecot_kill_imap (f->dovecot) > 0)
            kills++;
          if (kills >= 8)
            break;
        }
      g_thread_join (thread);
      if (args.failed)
        interrupted++;
      else if (kills >= 8)
        break;
    }
  logged_before = count_sql (f, "SELECT count(*) FROM timeline");
  g_test_message ("%u kills during a sync; %u syncs failed; %u of %u messages logged by then",
                  kills, interrupted, logged_before, expected);
  /* The kills did land mid-sync */
  g_assert_cmpuint (kills, >=, 3);

  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, expected);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, expected);
  g_assert_cmpuint (count_sql (f, "SELECT count(DISTINCT message_id) FROM timeline"), ==, expected);
}

static gboolean
timeline_has_expected (gpointer data)
{
  Fixture *f = data;

  return count_sql (f, "SELECT count(*) FROM timeline") == f->expect;
}

static void
wait_for (Fixture  *f,
          gboolean (*condition) (gpointer),
          guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

typedef struct {
  GMainContext *context;
  gboolean      synced;
} OwnContext;

static void
on_synced_cb (KithMailCapture *capture,
              const char      *account,
              const char      *error_message,
              OwnContext      *own)
{
  own->synced = TRUE;
}

/* Runs the capture's own context too (the default one when it has none of its own) */
static gboolean
synced_in_own_context (gpointer data)
{
  OwnContext *own = data;

  g_main_context_iteration (own->context, FALSE);
  return own->synced;
}

/* Bob's first message in INBOX, and capture started in the background with its first sync
 * done */
static void
start_in_background (Fixture    *f,
                     OwnContext *own,
                     const char *message_id)
{
  deliver (f, "INBOX", "bob@client.example", ME, "First", message_id, NULL, f->now - 60);
  g_signal_connect (f->capture, "synced", G_CALLBACK (on_synced_cb), own);
  kith_mail_capture_start (f->capture, 3600);
  wait_for ((Fixture *) own, synced_in_own_context, 30);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 1);
}

static void
stop_background (Fixture    *f,
                 OwnContext *own)
{
  kith_mail_capture_stop (f->capture);
  g_signal_handlers_disconnect_by_data (f->capture, own);
}

/* In the background, new mail comes in without anybody asking: the server announces it (IDLE,
 * on capture's own connection) and the capture syncs, long before its timer would */
static void
test_new_mail_announced (Fixture       *f,
                         gconstpointer  data)
{
  OwnContext own = { NULL, FALSE };

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  start_in_background (f, &own, "<idle1@client.example>");

  /* Once the first sync has ended, mail arrives */
  deliver (f, "INBOX", "bob@client.example", ME, "Second", "<idle2@client.example>", NULL, f->now);
  f->expect = 2;
  wait_for (f, timeline_has_expected, 60);
  /* Told on capture's own connection: Camel never read the INBOX */
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), ==, 0);
  stop_background (f, &own);
}

typedef struct {
  Fixture  *f;
  gboolean  delivered;
} DuringSync;

/* Once capture has gone on from INBOX to Sent, new mail comes to INBOX */
static void
on_progress_deliver_cb (KithMailCapture *capture,
                        const char      *account,
                        const char      *folder,
                        guint            done,
                        guint            total,
                        gpointer         user_data)
{
  DuringSync *during = user_data;

  if (during->delivered || g_strcmp0 (folder, "Sent") != 0)
    return;
  during->delivered = TRUE;
  deliver (during->f, "INBOX", "bob@client.example", ME, "During", "<during@client.example>", NULL,
           during->f->now);
}

/* New mail told of while a sync runs that has read the INBOX already is synced once that sync
 * ends, not at the next timer: 5,000 messages in Sent keep the first sync busy after INBOX */
static void
test_news_during_sync (Fixture       *f,
                       gconstpointer  data)
{
  OwnContext own = { NULL, FALSE };
  DuringSync during = { f, FALSE };

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  deliver (f, "INBOX", "bob@client.example", ME, "First", "<before@client.example>", NULL, f->now - 60);
  deliver_many (f, "Sent", 5000, TRUE, G_MAXUINT);
  g_signal_connect (f->capture, "synced", G_CALLBACK (on_synced_cb), &own);
  g_signal_connect (f->capture, "progress", G_CALLBACK (on_progress_deliver_cb), &during);
  kith_mail_capture_start (f->capture, 3600);
  wait_for ((Fixture *) &own, synced_in_own_context, 60);
  g_assert_true (during.delivered);

  f->expect = 5002;
  wait_for (f, timeline_has_expected, 60);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'During'"), ==, 1);

  stop_background (f, &own);
  g_signal_handlers_disconnect_by_data (f->capture, &during);
}

/* The watch's connection is lost: once it is made again, the mail that came meanwhile is
 * synced at once, not at the next timer */
static void
test_watch_reconnects (Fixture       *f,
                       gconstpointer  data)
{
  OwnContext own = { NULL, FALSE };

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  start_in_background (f, &own, "<lost1@client.example>");

  /* Every connection to the server drops; mail comes while none is there */
  g_assert_cmpuint (kith_test_dovecot_kill_imap (f->dovecot), >, 0);
  deliver (f, "INBOX", "bob@client.example", ME, "Second", "<lost2@client.example>", NULL, f->now);
  f->expect = 2;
  wait_for (f, timeline_has_expected, 60);

  stop_background (f, &own);
}

/* Broken mail is captured as well as it can be and never stops the sync */
/* A hostile server: a way to Dovecot that answers capture's own batched `UID FETCH` (its tags
 * are "k…") with a literal of 4 GiB, followed by 1 MiB and the end of the connection; or, as
 * asked, its ESEARCH with every UID there can be, or sends its search on as a plain SEARCH (as
 * to a server without ESEARCH). Camel's commands and every other line pass through */
typedef struct {
  GSocketListener *listener;
  guint16          port;
  guint16          server_port;
  GThread         *thread;
  GCancellable    *cancellable;
  gboolean         refuse_sign_in;     /* capture's own AUTHENTICATE gets a NO */
  gboolean         hostile_literal;    /* its fetch of texts answered with 4 GiB */
  gboolean         hostile_search;     /* its ESEARCH answered with 2³² − 1 UIDs */
  gboolean         plain_search;       /* its ESEARCH sent on as a SEARCH */
  gint             searches;           /* atomic: its searches answered or sent on so */
  gint             hostile_fetches;    /* atomic */
  gint             refused;            /* atomic */
} HostileProxy;

typedef struct {
  GIOStream *from;
  GIOStream *to;
} Pipe;

static gpointer
proxy_copy (gpointer data)
{
  Pipe *pipe = data;

  g_output_stream_splice (g_io_stream_get_output_stream (pipe->to), g_io_stream_get_input_stream (pipe->from),
                          G_OUTPUT_STREAM_SPLICE_NONE, NULL, NULL);
  g_io_stream_close (pipe->to, NULL, NULL);
  g_io_stream_close (pipe->from, NULL, NULL);
  g_object_unref (pipe->from);
  g_object_unref (pipe->to);
  g_free (pipe);
  return NULL;
}

static void
proxy_send (GSocket    *socket,
            const char *data,
            gsize       len)
{
  while (len > 0)
    {
      gssize sent = g_socket_send (socket, data, len, NULL, NULL);

      if (sent <= 0)
        return;
      data += sent;
      len -= sent;
    }
}

static gpointer
proxy_serve (gpointer data)
{
  GSocketConnection *client = data;
  HostileProxy *proxy = g_object_get_data (G_OBJECT (client), "proxy");
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  g_autoptr(GSocketConnection) server = g_socket_client_connect_to_host (connector, "127.0.0.1", proxy->server_port,
                                                                         NULL, NULL);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (client)));
  GOutputStream *to_server;
  Pipe *back;

  if (server == NULL)
    {
      g_object_unref (client);
      return NULL;
    }
  back = g_new0 (Pipe, 1);
  back->from = g_object_ref (G_IO_STREAM (server));
  back->to = g_object_ref (G_IO_STREAM (client));
  g_thread_unref (g_thread_new ("proxy-back", proxy_copy, back));
  to_server = g_io_stream_get_output_stream (G_IO_STREAM (server));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);

  while (TRUE)
    {
      gsize len;
      g_autofree char *line = g_data_input_stream_read_line (in, &len, NULL, NULL);

      if (line == NULL)
        break;
      if (proxy->refuse_sign_in && line[0] == 'k' && strstr (line, " AUTHENTICATE ") != NULL)
        {
          g_autofree char *no = g_strdup_printf ("%.*s NO [AUTHENTICATIONFAILED] Refused\r\n",
                                                 (int) strcspn (line, " "), line);

          g_atomic_int_inc (&proxy->refused);
          proxy_send (g_socket_connection_get_socket (client), no, strlen (no));
          continue;
        }
      if (line[0] == 'k' && (proxy->hostile_search || proxy->plain_search) &&
          strstr (line, " UID SEARCH RETURN (ALL) ") != NULL)
        {
          int tag_len = (int) strcspn (line, " ");
          g_autofree char *answer = g_strdup_printf ("* ESEARCH (TAG \"%.*s\") UID ALL 1:4294967295\r\n%.*s OK Done\r\n",
                                                     tag_len, line, tag_len, line);
          char *plain = strstr (line, "RETURN (ALL) ");

          g_atomic_int_inc (&proxy->searches);
          if (proxy->hostile_search)
            {
              proxy_send (g_socket_connection_get_socket (client), answer, strlen (answer));
              continue;
            }
          memmove (plain, plain + strlen ("RETURN (ALL) "), strlen (plain + strlen ("RETURN (ALL) ")) + 1);
          len = strlen (line);
        }
      if (proxy->hostile_literal && line[0] == 'k' && strstr (line, " UID FETCH ") != NULL &&
          strstr (line, "BODY.PEEK[]") != NULL)
        {
          /* On the socket: its output stream is busy with the splice of the server's side */
          GSocket *socket = g_socket_connection_get_socket (client);
          g_autofree char *junk = g_malloc (1024 * 1024);
          const char *head = "* 1 FETCH (UID 1 BODY[] {4294967296}\r\n";

          memset (junk, 'x', 1024 * 1024);
          g_atomic_int_inc (&proxy->hostile_fetches);
          proxy_send (socket, head, strlen (head));
          proxy_send (socket, junk, 1024 * 1024);
          break;
        }
      if (!g_output_stream_write_all (to_server, line, len, NULL, NULL, NULL) ||
          !g_output_stream_write_all (to_server, "\r\n", 2, NULL, NULL, NULL))
        break;
    }
  g_io_stream_close (G_IO_STREAM (server), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (client), NULL, NULL);
  g_object_unref (client);
  return NULL;
}

static gpointer
proxy_accept (gpointer data)
{
  HostileProxy *proxy = data;

  while (TRUE)
    {
      GSocketConnection *client = g_socket_listener_accept (proxy->listener, NULL, proxy->cancellable,
                                                                NULL);

      if (client == NULL)
        return NULL;
      g_object_set_data (G_OBJECT (client), "proxy", proxy);
      g_thread_unref (g_thread_new ("proxy-serve", proxy_serve, client));
    }
}

/* A server that sends a literal of 4 GiB to the batched fetch gets no write past its buffer
 * (the size was truncated to 32 bits); the fetch is given up and Camel logs the mail, also
 * the message that came after the first sync and was read without Camel */
static void
hostile_sync (Fixture      *f,
              HostileProxy *proxy,
              guint         syncs);

static void
test_hostile_literal (Fixture       *f,
                      gconstpointer  data)
{
  HostileProxy proxy = { .hostile_literal = TRUE };

  hostile_sync (f, &proxy, 2);
  g_assert_cmpint (g_atomic_int_get (&proxy.hostile_fetches), >, 1);
}

/* A server that refuses the batched fetch's sign-in sees it once in the process's life, not
 * on every sync; Camel still logs the mail */
static void
test_refused_sign_in (Fixture       *f,
                      gconstpointer  data)
{
  HostileProxy proxy = { .refuse_sign_in = TRUE };

  hostile_sync (f, &proxy, 2);
  g_assert_cmpint (g_atomic_int_get (&proxy.refused), ==, 1);
}

/* A server that names more UIDs than the folder holds (here 2³² − 1 of them, a range of a few
 * bytes) gets no list of them: Camel reads the folder, and the mail is logged */
static void
test_hostile_esearch (Fixture       *f,
                      gconstpointer  data)
{
  HostileProxy proxy = { .hostile_search = TRUE };

  hostile_sync (f, &proxy, 2);
  g_assert_cmpint (g_atomic_int_get (&proxy.searches), >, 1);
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), >, 0);
}

/* A server without ESEARCH answers with a plain SEARCH, a UID at a time: read as well */
static void
test_plain_search (Fixture       *f,
                   gconstpointer  data)
{
  HostileProxy proxy = { .plain_search = TRUE };

  hostile_sync (f, &proxy, 2);
  g_assert_cmpint (g_atomic_int_get (&proxy.searches), >, 1);
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), ==, 0);
}

/* Starts @proxy in front of the fixture's Dovecot, and adds the account through it */
static void
proxy_start (Fixture      *f,
             HostileProxy *proxy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailAccount) draft = NULL;
  const char *domains[] = { "agency.example", NULL };

  proxy->listener = g_socket_listener_new ();
  proxy->port = g_socket_listener_add_any_inet_port (proxy->listener, NULL, &error);
  g_assert_no_error (error);
  proxy->server_port = kith_test_dovecot_get_port (f->dovecot);
  proxy->cancellable = g_cancellable_new ();
  proxy->thread = g_thread_new ("proxy-accept", proxy_accept, proxy);

  draft = account_draft (f);
  g_object_set (draft, "imap-port", (guint) proxy->port, NULL);
  f->account = kith_mail_account_add_sync (f->session, draft, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kith_store_mail_account_set_domains (f->t->store, f->account, domains, &error));
  g_assert_no_error (error);
}

static void
proxy_stop (HostileProxy *proxy)
{
  g_cancellable_cancel (proxy->cancellable);
  g_thread_join (proxy->thread);
  g_socket_listener_close (proxy->listener);
  g_clear_object (&proxy->listener);
  g_clear_object (&proxy->cancellable);
}

/* Syncs @syncs times through @proxy, and checks that the mail was logged */
static void
hostile_sync (Fixture      *f,
              HostileProxy *proxy_,
              guint         syncs)
{
  HostileProxy proxy = *proxy_;

  proxy_start (f, &proxy);
  fill_mailbox (f);
  for (guint i = 0; i < syncs; i++)
    {
      if (i > 0)
        deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "Again", "<again@client.example>", NULL, f->now);
      sync_account (f);
    }

  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE body LIKE '%viewing is on Saturday%'"), >=, 3);
  if (syncs > 1)
    g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE message_id = '<again@client.example>' "
                                    "AND body LIKE '%viewing is on Saturday%'"), ==, 1);

  proxy_stop (&proxy);
  *proxy_ = proxy;
}

/* Where capture's own connection is refused, the INBOX is watched through Camel, whose IDLE
 * tells of new mail all the same */
static void
test_refused_sign_in_announced (Fixture       *f,
                                gconstpointer  data)
{
  HostileProxy proxy = { .refuse_sign_in = TRUE };
  OwnContext own = { NULL, FALSE };

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  proxy_start (f, &proxy);
  start_in_background (f, &own, "<refused1@client.example>");

  deliver (f, "INBOX", "bob@client.example", ME, "Second", "<refused2@client.example>", NULL, f->now);
  f->expect = 2;
  wait_for (f, timeline_has_expected, 60);
  g_assert_cmpint (g_atomic_int_get (&proxy.refused), ==, 1);
  g_assert_cmpuint (count_in_camel_summary (f, "INBOX"), >, 0);

  stop_background (f, &own);
  proxy_stop (&proxy);
}

static void
test_malformed_mail (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  const char *corpus[] = {
    /* no Message-ID */
    "From: bob@client.example\r\nTo: " ME "\r\nSubject: No id\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nBody one\r\n",
    /* invalid UTF-8 in the subject and the body, no charset */
    "From: bob@client.example\r\nTo: " ME "\r\nSubject: Caf\xe9 \xff\xfe\r\nMessage-ID: <bad-utf8@x>\r\n"
    "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nD\xe9j\xe0 vu \xff\r\n",
    /* a garbage date */
    "From: bob@client.example\r\nTo: " ME "\r\nSubject: When?\r\nMessage-ID: <bad-date@x>\r\nDate: the day after tomorrow\r\n\r\nSoon\r\n",
    /* broken MIME: a boundary that never comes */
    "From: bob@client.example\r\nTo: " ME "\r\nSubject: Broken\r\nMessage-ID: <broken@x>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n--wrong\r\nContent-Type: text/plain\r\n\r\nText\r\n",
    /* an unknown charset */
    "From: bob@client.example\r\nTo: " ME "\r\nSubject: Charset\r\nMessage-ID: <charset@x>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
    "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nPlain enough\r\n",
    /* no From at all */
    "To: " ME "\r\nSubject: Anonymous\r\nMessage-ID: <nofrom@x>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nWho?\r\n",
  };
  gint64 bob;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", "INBOX", corpus[i], "S", &error));
      g_assert_no_error (error);
    }

  /* A 20 MB attachment */
  g_string_append (big, "From: bob@client.example\r\nTo: " ME "\r\nSubject: Photos\r\nMessage-ID: <big@x>\r\n"
                        "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                        "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                        "The photos of the garden\r\n--b\r\nContent-Type: application/octet-stream\r\n"
                        "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"garden.bin\"\r\n\r\n");
  while (big->len < 20 * 1024 * 1024)
    g_string_append (big, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n");
  g_string_append (big, "--b--\r\n");
  g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", "INBOX", big->str, "S", &error));

  sync_account (f);

  /* Every message from Bob is on his timeline; the one with no sender on nobody's */
  g_assert_cmpuint (timeline_count (f, bob), ==, G_N_ELEMENTS (corpus) - 1 + 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'Photos' AND body LIKE 'The photos of the garden%' "
                                  "AND length(body) < 1000"), ==, 1);
  /* Once only, also on a second sync */
  sync_account (f);
  g_assert_cmpuint (timeline_count (f, bob), ==, G_N_ELEMENTS (corpus));
}

/* Hostile mail: the messages in hostile-mail/ (inbox-*.eml go to INBOX, sent-*.eml to Sent),
 * appended to the mailbox as a whole */
static void
deliver_corpus (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "services", "hostile-mail", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *message = NULL;

      if (!g_str_has_suffix (name, ".eml"))
        continue;
      g_assert_true (g_file_get_contents (path, &message, NULL, &error));
      g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", g_str_has_prefix (name, "sent-") ? "Sent" : "INBOX",
                                                message, "S", &error));
      g_assert_no_error (error);
      n++;
    }
  g_assert_cmpuint (n, >=, 8);
}

static gint64
person (Fixture    *f,
        const char *name,
        const char *email)
{
  g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\", \"emails\": [{\"value\": \"%s\"}]}", name, email);

  return kith_test_create (f->t, KITH_RECORD_PERSON, json);
}

static JsonArray *
timeline_items (Fixture *f,
                gint64   record)
{
  g_autoptr(GError) error = NULL;
  JsonArray *items = kith_test_get_timeline (f->t->store, record, 0, 100, &error);

  g_assert_no_error (error);
  return items;
}

/* The item of @record's timeline with @subject */
static JsonObject *
item_with_subject (JsonArray  *items,
                   const char *subject)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "subject", NULL), subject) == 0)
        return item;
    }

  return NULL;
}

/* The sender of a timeline item: {role, value, name, recordId} */
static JsonObject *
sender_of (JsonObject *item)
{
  JsonArray *people = kith_json_get_array (item, "people");

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (p, "role", NULL), "from") == 0)
        return p;
    }
  g_assert_not_reached ();
}

/* "uid,uid" of the indexed messages with that Message-ID, in the order they were indexed */
static char *
uids_of (Fixture    *f,
         const char *message_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->t->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uid FROM mail_messages WHERE message_id LIKE ? || '%' ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, message_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Two messages with one Message-ID from two senders are two messages, each with its own text,
 * on the timeline of its own sender; a second sync moves neither */
static void
test_colliding_message_ids (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonArray) bob_items = NULL;
  g_autoptr(JsonArray) eve_items = NULL;
  g_autofree char *uids = NULL;
  g_autofree char *uids_again = NULL;
  JsonObject *offer, *wire;
  gint64 bob, eve;

  bob = person (f, "Bob Buyer", "bob@client.example");
  eve = person (f, "Eve Outsider", "eve@outsider.example");
  add_account (f);
  deliver_corpus (f);
  sync_account (f);

  bob_items = timeline_items (f, bob);
  offer = item_with_subject (bob_items, "Our offer");
  g_assert_nonnull (offer);
  g_assert_nonnull (strstr (json_object_get_string_member (offer, "body"), "450,000"));
  g_assert_null (item_with_subject (bob_items, "Re: Our offer"));

  eve_items = timeline_items (f, eve);
  g_assert_cmpuint (json_array_get_length (eve_items), ==, 1);
  wire = item_with_subject (eve_items, "Re: Our offer");
  g_assert_nonnull (wire);
  g_assert_nonnull (strstr (json_object_get_string_member (wire, "body"), "wire the deposit"));
  g_assert_cmpstr (json_object_get_string_member (sender_of (wire), "value"), ==, "eve@outsider.example");

  /* Each stays where it is on the server, sync after sync */
  uids = uids_of (f, "<offer-1@client.example>");
  g_assert_nonnull (strchr (uids, ','));
  sync_account (f);
  uids_again = uids_of (f, "<offer-1@client.example>");
  g_assert_cmpstr (uids_again, ==, uids);
  g_clear_pointer (&bob_items, json_array_unref);
  bob_items = timeline_items (f, bob);
  g_assert_null (item_with_subject (bob_items, "Re: Our offer"));
}

/* Broken headers and empty parts: the sender is still found, nothing critical is logged (a
 * critical aborts these tests), and terminal escape sequences do not reach a contact's name */
static void
test_broken_headers_and_parts (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonArray) bob_items = NULL;
  g_autoptr(JsonArray) jose_items = NULL;
  g_autoptr(JsonObject) mallory_record = NULL;
  const char *name;
  gint64 bob, jose, mallory;

  bob = person (f, "Bob Buyer", "bob@client.example");
  jose = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Jose Garcia\", \"emails\": "
                           "[{\"value\": \"jose@client.example\"}, {\"value\": \"jose.garcia@client.example\"}]}");
  add_account (f);
  deliver_corpus (f);
  sync_account (f);

  /* A From with raw 8-bit bytes still names José's address, also when a stray quote makes
   * the whole header look like one address */
  jose_items = timeline_items (f, jose);
  g_assert_cmpuint (json_array_get_length (jose_items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (sender_of (item_with_subject (jose_items, "Stray quote")), "value"),
                   ==, "jose.garcia@client.example");

  /* Messages whose parts decode to nothing are on Bob's timeline all the same */
  bob_items = timeline_items (f, bob);
  g_assert_nonnull (item_with_subject (bob_items, "Empty parts"));
  g_assert_nonnull (item_with_subject (bob_items, "Empty body"));

  /* Mallory wrote and was answered: a contact, named without the escape sequences */
  mallory = kith_store_lookup (f->t->store, "mallory@outsider.example", NULL);
  g_assert_cmpint (mallory, >, 0);
  mallory_record = kith_store_get_record (f->t->store, mallory, NULL);
  name = json_object_get_string_member (mallory_record, "name");
  g_test_message ("Mallory's name: %s", name);
  g_assert_cmpstr (name, ==, "Mallory Mal");
  {
    g_autoptr(JsonArray) items = timeline_items (f, mallory);

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);

        g_assert_false (kith_test_has_control (json_object_get_string_member_with_default (sender_of (item), "name", "")));
      }
  }
}

/* Who the user is comes from the account's identity in evolution-data-server: its address,
 * its aliases and its name; assigned:me finds what is assigned to any of them */
static void
test_me_from_identity (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESource) account = NULL;
  g_autoptr(ESource) identity = NULL;
  g_autoptr(GArray) found = NULL;
  g_auto(GStrv) me = NULL;
  g_autofree char *name = NULL;
  gint64 mine, alias;

  mine = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Mine\", \"assignee\": \"" ME "\"}");
  alias = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Alias\", \"assignee\": \"alice@home.example\"}");
  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Theirs\", \"assignee\": \"boss@agency.example\"}");
  add_account (f);

  account = e_source_registry_ref_source (f->registry, f->account);
  identity = e_source_registry_ref_source (f->registry, e_source_mail_account_get_identity_uid (
                                             e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT)));
  e_source_mail_identity_set_aliases (e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY),
                                      "Alice <alice@home.example>");
  g_assert_true (e_source_write_sync (identity, NULL, &error));
  g_assert_no_error (error);
  sync_account (f);

  me = kith_store_dup_me (f->t->store, &name);
  g_assert_cmpstr (name, ==, "Alice Agent");
  g_assert_true (g_strv_contains ((const char * const *) me, ME));
  g_assert_true (g_strv_contains ((const char * const *) me, "alice@home.example"));
  found = kith_store_find (f->t->store, KITH_RECORD_PERSON, "assigned:me", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, alias);
  g_assert_cmpint (g_array_index (found, gint64, 1), ==, mine);
}

/* The Inbox's one message from Bob, which is in INBOX on the server */
static gint64
done_candidate (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = NULL;

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "The house on Elm St", "<b1@client.example>", NULL, f->now - DAY);
  sync_account (f);

  inbox = kith_store_list_inbox (f->t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 1);

  return kith_message_get_id (g_ptr_array_index (inbox, 0));
}

static guint
inbox_length (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = kith_store_list_inbox (f->t->store, &error);

  g_assert_no_error (error);
  return inbox->len;
}

static KithMailAccount *
account_settings (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  KithMailAccount *settings = kith_store_mail_account_get (f->t->store, f->account, &error);

  g_assert_no_error (error);
  return settings;
}

/* A new session and capture on the same Camel folders, as after a restart */
static void
restart (Fixture *f,
         gboolean reopen_store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_build_filename (f->camel_dir, "cache", NULL);

  g_clear_object (&f->capture);
  g_clear_object (&f->session);
  if (reopen_store)
    {
      g_clear_object (&f->t->store);
      f->t->store = kith_store_open (f->t->path, &error);
      g_assert_no_error (error);
      kith_store_set_clock (f->t->store, NULL, NULL);
    }
  f->session = kith_mail_session_new (f->registry, f->camel_dir, cache);
  f->capture = kith_mail_capture_new (f->t->store, f->session);
}

/* Done, and the server cannot archive: Kith keeps trying, also after a restart, and says so on
 * the account while it fails */
static void
test_archive_retried (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  g_autoptr(KithMailAccount) settings = NULL;
  gint64 item;

  item = done_candidate (f);
  g_assert_true (kith_test_dovecot_set_writable (f->dovecot, "alice", "Archive", FALSE, &error));
  g_assert_no_error (error);

  kith_store_inbox_set_done (f->t->store, item, TRUE, &where, &error);
  g_assert_no_error (error);
  g_assert_nonnull (where);
  g_assert_false (kith_mail_capture_archive (f->capture, where, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 1);
  g_assert_cmpuint (inbox_length (f), ==, 0);

  /* The next sync tries again, fails again: the account says so; the message stays Done */
  sync_account (f);
  settings = account_settings (f);
  g_assert_cmpuint (kith_mail_account_get_archive_failures (settings), ==, 1);
  g_assert_nonnull (kith_mail_account_get_archive_error (settings));
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 1);
  g_assert_cmpuint (inbox_length (f), ==, 0);

  /* Kith restarts; the server can archive again: the first sync does it */
  restart (f, TRUE);
  g_assert_true (kith_test_dovecot_set_writable (f->dovecot, "alice", "Archive", TRUE, &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 0);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, 1);
  g_clear_object (&settings);
  settings = account_settings (f);
  g_assert_cmpuint (kith_mail_account_get_archive_failures (settings), ==, 0);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_archive_queue"), ==, 0);
  g_assert_cmpuint (inbox_length (f), ==, 0);

  /* Nothing more happens at the next sync */
  sync_account (f);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, 1);
  g_assert_cmpuint (inbox_length (f), ==, 0);
}

static gint64
two_minutes_on (gpointer data)
{
  return g_get_real_time () / 1000 + 2 * 60 * 1000;
}

/* Done, and Kith quits before it archives (the Undo toast was still up): a sync right away
 * leaves the message alone, for Undo; after a restart a later sync archives it */
static void
test_archive_after_quit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  gint64 item;

  item = done_candidate (f);
  kith_store_inbox_set_done (f->t->store, item, TRUE, &where, &error);
  g_assert_no_error (error);
  g_assert_nonnull (where);
  sync_account (f);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 1);

  restart (f, TRUE);
  kith_store_set_clock (f->t->store, two_minutes_on, NULL);
  sync_account (f);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 0);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_archive_queue"), ==, 0);
  g_assert_cmpuint (inbox_length (f), ==, 0);
}

/* Done and archived, then moved back to INBOX in another mail app: to handle again */
static void
test_moved_back_reopens (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  gint64 item;

  item = done_candidate (f);
  kith_store_inbox_set_done (f->t->store, item, TRUE, &where, &error);
  g_assert_no_error (error);
  g_assert_nonnull (where);
  g_assert_true (kith_mail_capture_archive (f->capture, where, NULL, &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_cmpuint (inbox_length (f), ==, 0);

  g_assert_true (kith_test_dovecot_move (f->dovecot, "alice", "Archive", "INBOX", "<b1@client.example>", &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_cmpuint (inbox_length (f), ==, 1);

  /* Archived elsewhere and moved back again: the same */
  g_assert_true (kith_test_dovecot_move (f->dovecot, "alice", "INBOX", "Archive", "<b1@client.example>", &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_cmpuint (inbox_length (f), ==, 0);
  g_assert_true (kith_test_dovecot_move (f->dovecot, "alice", "Archive", "INBOX", "<b1@client.example>", &error));
  g_assert_no_error (error);
  sync_account (f);
  g_assert_cmpuint (inbox_length (f), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 1);
}

/* Archive on Done turned off: Done is Kith's only; the message stays in INBOX on the server */
static void
test_archive_off (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  g_autoptr(KithMailAccount) settings = NULL;
  gint64 item;

  item = done_candidate (f);
  g_assert_true (kith_store_mail_account_set_switch (f->t->store, f->account, KITH_MAIL_SWITCH_ARCHIVE, FALSE, &error));
  g_assert_no_error (error);
  settings = account_settings (f);
  g_assert_false (kith_mail_account_get_archive (settings));

  /* Nothing to move: Done gives no place on the server */
  kith_store_inbox_set_done (f->t->store, item, TRUE, &where, &error);
  g_assert_no_error (error);
  g_assert_null (where);
  sync_account (f);
  sync_account (f);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 1);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, 0);
  g_assert_cmpuint (inbox_length (f), ==, 0);
}

static gboolean
find_folder (CamelFolderInfo *fi,
             const char      *name)
{
  for (; fi != NULL; fi = fi->next)
    if (g_strcmp0 (fi->full_name, name) == 0 || find_folder (fi->child, name))
      return TRUE;

  return FALSE;
}

/* Whether the server lists a folder, as Kith's Camel store sees it */
static gboolean
server_has_folder (Fixture    *f,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelService) service = camel_session_ref_service (CAMEL_SESSION (f->session), f->account);
  CamelFolderInfo *fi;
  gboolean found;

  g_assert_nonnull (service);
  fi = camel_store_get_folder_info_sync (CAMEL_STORE (service), NULL,
                                         CAMEL_STORE_FOLDER_INFO_RECURSIVE | CAMEL_STORE_FOLDER_INFO_REFRESH,
                                         NULL, &error);
  g_assert_no_error (error);
  found = find_folder (fi, name);
  camel_folder_info_free (fi);

  return found;
}

static void
on_progress_cb (KithMailCapture *capture,
                const char      *account,
                const char      *folder,
                guint            done,
                guint            total,
                gpointer         user_data)
{
  guint *all_mail_read = user_data;

  if (g_strcmp0 (folder, "[Gmail]/All Mail") == 0)
    *all_mail_read = MAX (*all_mail_read, total);
}

/* Gmail (a server with a special-use \All folder): history is All Mail, read once; Done takes
 * the message out of INBOX and leaves it in All Mail, with no Archive folder made */
static void
test_gmail (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(KithMailPlace) where = NULL;
  gint64 bob, item;
  guint all_mail_read = 0;

  bob = kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "Offer", "<g1@client.example>", NULL, f->now - 2 * DAY);
  deliver (f, "Sent Mail", ME, "bob@client.example", "Re: Offer", "<g2@agency.example>", "<g1@client.example>", f->now - DAY);
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "Re: Offer", "<g3@client.example>", "<g2@agency.example>", f->now - 3600);
  deliver (f, "Unlabelled", "Bob Buyer <bob@client.example>", ME, "Last year", "<g4@client.example>", NULL, f->now - 300 * DAY);
  deliver (f, "Spam", "Bob Buyer <bob@client.example>", ME, "Cheap pills", "<g5@client.example>", NULL, f->now - DAY);
  deliver (f, "Trash", "Bob Buyer <bob@client.example>", ME, "Thrown away", "<g6@client.example>", NULL, f->now - DAY);
  deliver (f, "Drafts", ME, "bob@client.example", "Unfinished", "<g7@agency.example>", NULL, f->now - DAY);
  sync_account (f);

  /* Each message once, from INBOX or All Mail; nothing from Spam, Trash or Drafts */
  g_assert_cmpuint (timeline_count (f, bob), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages"), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE folder NOT IN ('INBOX', '[Gmail]/All Mail')"), ==, 0);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE direction = 'outbound'"), ==, 1);
  g_assert_cmpuint (inbox_length (f), ==, 2);

  /* Done: out of INBOX, into All Mail; no Archive folder */
  inbox = kith_store_list_inbox (f->t->store, &error);
  item = kith_message_get_id (g_ptr_array_index (inbox, 0));
  kith_store_inbox_set_done (f->t->store, item, TRUE, &where, &error);
  g_assert_no_error (error);
  g_assert_nonnull (where);
  g_assert_true (kith_mail_capture_archive (f->capture, where, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 1);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Unlabelled"), ==, 2);
  g_assert_false (server_has_folder (f, "Archive"));

  /* The next sync finds it in All Mail: still Done, still once */
  sync_account (f);
  g_assert_cmpuint (inbox_length (f), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE folder = '[Gmail]/All Mail'"), ==, 3);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_archive_queue"), ==, 0);
  g_assert_false (server_has_folder (f, "Archive"));

  /* With nothing new, a sync reads nothing of All Mail again, not even what is also in INBOX
   * (counted from that sync on: the events of the syncs before it are delivered first) */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_connect (f->capture, "progress", G_CALLBACK (on_progress_cb), &all_mail_read);
  sync_account (f);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (all_mail_read, ==, 0);
  deliver (f, "INBOX", "Bob Buyer <bob@client.example>", ME, "One more", "<g8@client.example>", NULL, f->now - 60);
  sync_account (f);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (all_mail_read, ==, 1);
  g_assert_cmpuint (inbox_length (f), ==, 2);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 5);
}

/* Every folder but Junk, Trash and Drafts — known by their special-use flags, else by name —
 * or the folders the account is set to read */
static void
test_folders (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *only[] = { "Projects/Smith", NULL };
  g_autoptr(KithMailAccount) settings = NULL;

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  deliver (f, "INBOX", "bob@client.example", ME, "In the inbox", "<f1@client.example>", NULL, f->now - DAY);
  deliver (f, "Sent", ME, "bob@client.example", "Sent", "<f2@agency.example>", NULL, f->now - DAY);
  deliver (f, "Archive", "bob@client.example", ME, "Archived", "<f3@client.example>", NULL, f->now - DAY);
  deliver (f, "Projects/Smith", "bob@client.example", ME, "Filed", "<f4@client.example>", NULL, f->now - DAY);
  deliver (f, "Unwanted", "bob@client.example", ME, "Junk by its flag", "<f5@client.example>", NULL, f->now - DAY);
  deliver (f, "Rubbish", "bob@client.example", ME, "Trash by its flag", "<f6@client.example>", NULL, f->now - DAY);
  deliver (f, "Unsent", ME, "bob@client.example", "Draft by its flag", "<f7@agency.example>", NULL, f->now - DAY);
  deliver (f, "Junk", "bob@client.example", ME, "Junk by its name", "<f8@client.example>", NULL, f->now - DAY);
  deliver (f, "Deleted Items", "bob@client.example", ME, "Trash by its name", "<f9@client.example>", NULL, f->now - DAY);
  sync_account (f);

  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages"), ==, 4);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages WHERE folder = 'Projects/Smith'"), ==, 1);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject LIKE '%by its%'"), ==, 0);

  /* Set to read one folder (and INBOX, for the Inbox) */
  g_assert_true (kith_store_mail_account_set_folders (f->t->store, f->account, only, &error));
  g_assert_no_error (error);
  settings = account_settings (f);
  g_assert_cmpuint (g_strv_length ((GStrv) kith_mail_account_get_folders (settings)), ==, 1);
  deliver (f, "INBOX", "bob@client.example", ME, "New in the inbox", "<f10@client.example>", NULL, f->now - 60);
  deliver (f, "Archive", "bob@client.example", ME, "New in Archive", "<f11@client.example>", NULL, f->now - 60);
  deliver (f, "Projects/Smith", "bob@client.example", ME, "New filed", "<f12@client.example>", NULL, f->now - 60);
  sync_account (f);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject LIKE 'New%'"), ==, 2);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'New in Archive'"), ==, 0);

  /* A folder the server does not have: the others are read, and the sync says which one */
  {
    const char *missing[] = { "Projects/Smith", "Projects/Jones", NULL };

    g_assert_true (kith_store_mail_account_set_folders (f->t->store, f->account, missing, &error));
    g_assert_no_error (error);
    deliver (f, "Projects/Smith", "bob@client.example", ME, "Filed later", "<f13@client.example>", NULL, f->now - 30);
    g_assert_false (kith_mail_capture_sync_account (f->capture, f->account, NULL, &error));
    g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "“Projects/Jones”"));
    g_clear_error (&error);
    g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'Filed later'"), ==, 1);
  }

  /* Back to every folder: Archive's new message is read */
  g_assert_true (kith_store_mail_account_set_folders (f->t->store, f->account, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&settings);
  settings = account_settings (f);
  g_assert_null (kith_mail_account_get_folders (settings));
  sync_account (f);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline WHERE subject = 'New in Archive'"), ==, 1);
}

/* Removing an account removes Camel's cache of it; what was captured stays */
static void
test_remove_account_cache (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autoptr(ESource) source = NULL;

  add_account (f);
  fill_mailbox (f);
  sync_account (f);
  cache = g_build_filename (f->camel_dir, "cache", f->account, NULL);
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_DIR));

  g_assert_true (kith_mail_capture_remove_account (f->capture, f->account, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  source = e_source_registry_ref_source (f->registry, f->account);
  g_assert_null (source);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM mail_messages"), ==, 8);
  g_clear_pointer (&f->account, g_free);
}

static gboolean
context_pending (gpointer data)
{
  return g_main_context_pending (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The capture is dropped while the server's news of new mail is on its way to it: the news
 * comes through to nothing (no sync, no read of the freed capture, as valgrind shows) */
static void
test_dropped_while_mail_announced (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  OwnContext own = { context, FALSE };
  gpointer capture;

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  add_account (f);
  deliver (f, "INBOX", "bob@client.example", ME, "First", "<drop1@client.example>", NULL, f->now - 60);

  /* A capture that tells of its work in a context of its own, as one made on another thread */
  g_clear_object (&f->capture);
  g_main_context_push_thread_default (context);
  f->capture = kith_mail_capture_new (f->t->store, f->session);
  g_main_context_pop_thread_default (context);

  g_signal_connect (f->capture, "synced", G_CALLBACK (on_synced_cb), &own);

  kith_mail_capture_start (f->capture, 3600);
  wait_for ((Fixture *) &own, synced_in_own_context, 30);
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 1);

  /* Mail arrives; once the news is queued for the capture, the capture goes */
  deliver (f, "INBOX", "bob@client.example", ME, "Second", "<drop2@client.example>", NULL, f->now);
  wait_for ((Fixture *) context, context_pending, 60);   /* wait_for hands on its first argument */
  capture = f->capture;
  g_object_add_weak_pointer (capture, &capture);
  g_clear_object (&f->capture);
  /* The sync that finished lets go of it on the default context, which the capture's own
   * context does not wait for */
  wait_for ((Fixture *) &capture, pointer_cleared, 30);

  while (g_main_context_iteration (context, FALSE) || g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (count_sql (f, "SELECT count(*) FROM timeline"), ==, 1);
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop until @result is set */
static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The name of the account's identity as evolution-data-server has it now: read by a new
 * registry, not from the fixture's copy */
static char *
identity_name (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, &error);
  g_autoptr(ESource) account = NULL;
  g_autoptr(ESource) identity = NULL;

  g_assert_no_error (error);
  account = e_source_registry_ref_source (registry, f->account);
  identity = e_source_registry_ref_source (registry, e_source_mail_account_get_identity_uid (
                                             e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT)));
  return e_source_mail_identity_dup_name (e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY));
}

/* The name set in Preferences → Mail is the identity's in evolution-data-server and who the
 * user is (assigned:me) at once, not at the next sync; so are the aliases. An empty name is
 * refused and changes nothing. */
static void
test_set_name (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailService) mail = NULL;
  g_autofree char *mail_dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *saved = NULL;
  g_auto(GStrv) me = NULL;
  GAsyncResult *result = NULL;

  add_account (f);
  sync_account (f);
  me = kith_store_dup_me (f->t->store, &name);
  g_assert_cmpstr (name, ==, "Alice Agent");
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&me, g_strfreev);
  /* One capture from here on, the service's, as in Kith: the fixture's, watching INBOX, would
   * sync on the service's changes with its own registry, which hears of the edits later */
  g_clear_object (&f->capture);

  mail_dir = g_build_filename (f->t->dir, "service", NULL);
  mail = kith_mail_service_new (f->t->store, mail_dir);
  while (!kith_mail_service_is_ready (mail))
    g_main_context_iteration (NULL, TRUE);

  kith_mail_service_set_name_async (mail, f->account, "  Alice Q. \033[31mAgent ", NULL, on_result_cb, &result);
  g_assert_true (kith_mail_service_set_name_finish (mail, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  saved = identity_name (f);
  g_assert_cmpstr (saved, ==, "Alice Q. Agent");
  me = kith_store_dup_me (f->t->store, &name);
  g_assert_cmpstr (name, ==, "Alice Q. Agent");
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&me, g_strfreev);

  /* Empty: refused, and the name stays */
  kith_mail_service_set_name_async (mail, f->account, "   ", NULL, on_result_cb, &result);
  g_assert_false (kith_mail_service_set_name_finish (mail, wait_result (&result), &error));
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name cannot be empty"));
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_pointer (&saved, g_free);
  saved = identity_name (f);
  g_assert_cmpstr (saved, ==, "Alice Q. Agent");

  /* Aliases too are the user's at once */
  kith_mail_service_set_aliases_async (mail, f->account, "alice@home.example", NULL, on_result_cb, &result);
  g_assert_true (kith_mail_service_set_aliases_finish (mail, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  me = kith_store_dup_me (f->t->store, &name);
  g_assert_cmpstr (name, ==, "Alice Q. Agent");
  g_assert_true (g_strv_contains ((const char * const *) me, ME));
  g_assert_true (g_strv_contains ((const char * const *) me, "alice@home.example"));

  g_object_run_dispose (G_OBJECT (mail));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Camel warns about unknown charsets and broken mail; that must not abort the tests */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/mail/custom-account", test_custom_account);
  ADD ("/mail/first-sync", test_first_sync);
  ADD ("/mail/incremental-and-history", test_incremental_and_history);
  ADD ("/mail/many-new", test_many_new);
  ADD ("/mail/new-read-as-first", test_new_read_as_first);
  ADD ("/mail/first-read-in-slices", test_first_read_in_slices);
  ADD ("/mail/unchanged-not-read", test_unchanged_not_read);
  ADD ("/mail/inbox-done-and-archive", test_inbox_done_and_archive);
  ADD ("/mail/uidvalidity-change", test_uidvalidity_change);
  ADD ("/mail/killed-mid-sync", test_killed_mid_sync);
  ADD ("/mail/malformed-mail", test_malformed_mail);
  ADD ("/mail/new-mail-announced", test_new_mail_announced);
  ADD ("/mail/watch-reconnects", test_watch_reconnects);
  ADD ("/mail/news-during-sync", test_news_during_sync);
  ADD ("/mail/hostile/colliding-message-ids", test_colliding_message_ids);
  ADD ("/mail/hostile/literal", test_hostile_literal);
  ADD ("/mail/hostile/refused-sign-in", test_refused_sign_in);
  ADD ("/mail/hostile/refused-sign-in-announced", test_refused_sign_in_announced);
  ADD ("/mail/hostile/esearch", test_hostile_esearch);
  ADD ("/mail/hostile/plain-search", test_plain_search);
  ADD ("/mail/hostile/broken-headers-and-parts", test_broken_headers_and_parts);
  ADD ("/mail/me-from-identity", test_me_from_identity);
  ADD ("/mail/archive-retried", test_archive_retried);
  ADD ("/mail/archive-after-quit", test_archive_after_quit);
  ADD ("/mail/moved-back-reopens", test_moved_back_reopens);
  ADD ("/mail/archive-off", test_archive_off);
  ADD ("/mail/folders", test_folders);
  ADD ("/mail/remove-account-cache", test_remove_account_cache);
  ADD ("/mail/dropped-while-mail-announced", test_dropped_while_mail_announced);
  ADD ("/mail/set-name", test_set_name);
  g_test_add ("/mail/gmail", Fixture, "gmail", fixture_set_up, test_gmail, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
