/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Writing fetched texts to the store (kith-mail-fetch.c), against a real database that another
 * connection can lock, without a server */

#include <sqlite3.h>

#include "kith-mail.h"
#include "kith-mail-fetch.h"
#include "kith-mail-mapping.h"
#include "kith-test-mail.h"
#include "../core/kith-test-util.h"

#define ACCOUNT "acct-1"

static const char *offer =
  "From: Bob Buyer <bob@client.example>\r\n"
  "To: Alice Agent <alice@agency.example>\r\n"
  "Subject: Our offer\r\n"
  "Message-ID: <offer-1@client.example>\r\n"
  "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
  "Content-Type: text/plain; charset=utf-8\r\n"
  "\r\n"
  "We offer 450,000 for the house on Elm Street.\r\n";

/* Indexes @message from Bob, whom the store knows: it then wants it on the timeline */
static void
index_message (KithTestStore    *t,
               CamelMimeMessage *message)
{
  g_autoptr(GError) error = NULL;
  const CamelNameValueArray *headers = camel_medium_get_headers (CAMEL_MEDIUM (message));
  g_autoptr(CamelMessageInfo) info = camel_message_info_new_from_headers (NULL, headers);
  g_autoptr(KithMailHeaders) indexed = NULL;
  const char *domains[] = { "agency.example", NULL };

  camel_message_info_set_uid (info, "1");
  camel_message_info_set_user_header (info, "Message-ID", camel_mime_message_get_message_id (message));
  indexed = kith_mail_mapping_headers (info, ACCOUNT, "INBOX", "inbox");

  g_assert_true (kith_store_mail_account_set_domains (t->store, ACCOUNT, domains, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_mail_index (t->store, indexed, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static GPtrArray *
unlogged (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pending = kith_store_mail_unlogged (t->store, ACCOUNT, 0, 100, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pending);
  return pending;
}

/* Another connection holds the write lock past the store's busy timeout: the batch's
 * transaction does not begin, and what did not begin is not rolled back (a rollback without a
 * transaction is a critical, which aborts this test); each message is tried on its own, fails
 * as loudly, and stays to be logged by the next sync */
static void
test_write_when_locked (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(CamelMimeMessage) message = kith_test_mail_parse (offer, -1);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(GPtrArray) none = NULL;
  KithMailFetch fetch = { 0 };
  sqlite3 *other = NULL;

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  index_message (t, message);
  pending = unlogged (t);
  g_assert_cmpuint (pending->len, ==, 1);
  fetch.text = kith_mail_mapping_text (message);

  g_assert_cmpint (sqlite3_open (t->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_test_expect_message ("KithMail", G_LOG_LEVEL_WARNING, "*INBOX: message 1 not logged: *");
  kith_mail_fetch_write (t->store, ACCOUNT, pending, 0, &fetch, 1);
  g_test_assert_expected_messages ();
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  still = unlogged (t);
  g_assert_cmpuint (still->len, ==, 1);

  /* Unlocked, the same batch is written */
  kith_mail_fetch_write (t->store, ACCOUNT, still, 0, &fetch, 1);
  none = unlogged (t);
  g_assert_cmpuint (none->len, ==, 0);

  kith_mail_fetch_clear (&fetch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  camel_init (NULL, FALSE);

  g_test_add_func ("/mail-fetch/write-when-locked", test_write_when_locked);

  return g_test_run ();
}
