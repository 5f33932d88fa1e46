/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Address completion over a store on disk: people and companies found by the start of a name
 * or of an email, each email a match, as "Name <address>".
 */

#include "kith-test-util.h"

static GListModel *
find (KithTestStore *t,
      const char    *text,
      guint          limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *matches;

  kith_store_find_addresses_async (t->store, text, limit, NULL, kith_test_result_cb, &result);
  matches = kith_store_find_addresses_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (matches);
  return matches;
}

/* The matches as "Name <address>", joined by " | " */
static char *
mailboxes (GListModel *matches)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(KithAddressMatch) match = g_list_model_get_item (matches, i);
      g_autofree char *mailbox = kith_address_match_dup_mailbox (match);

      g_string_append_printf (out, "%s%s", i > 0 ? " | " : "", mailbox);
    }
  return g_string_free (out, FALSE);
}

static void
assert_found (KithTestStore *t,
              const char    *text,
              guint          limit,
              const char    *expected)
{
  g_autoptr(GListModel) matches = find (t, text, limit);
  g_autofree char *found = mailboxes (matches);

  g_assert_cmpstr (found, ==, expected);
}

static KithTestStore *
seeded_store (void)
{
  KithTestStore *t = kith_test_store_new ();

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\", \"emails\": [\"ann.lee@example.com\", \"ann@home.example\"]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Annabel Smith\", \"emails\": [\"annabel@example.org\"]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob Stone\", \"emails\": [\"bob@example.net\"]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Annie No-Mail\"}");
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Annex Works, Inc.\", \"emails\": [\"office@annex.example\"]}");
  return t;
}

/* A name's start finds people, then companies, with each of their emails; a record without an
 * email offers nothing; a name with a comma is quoted */
static void
test_name_prefix (void)
{
  g_autoptr(KithTestStore) t = seeded_store ();

  assert_found (t, "ann", 10,
                "Ann Lee <ann.lee@example.com> | Ann Lee <ann@home.example> | Annabel Smith <annabel@example.org> | "
                "\"Annex Works, Inc.\" <office@annex.example>");
  assert_found (t, "ann", 2, "Ann Lee <ann.lee@example.com> | Ann Lee <ann@home.example>");
  assert_found (t, "sto", 10, "Bob Stone <bob@example.net>");
  assert_found (t, "", 10, "");
  assert_found (t, "  ", 10, "");
}

/* An email's start, before or past the '@', in any case; only the emails it starts */
static void
test_email_prefix (void)
{
  g_autoptr(KithTestStore) t = seeded_store ();

  assert_found (t, "bob@", 10, "Bob Stone <bob@example.net>");
  assert_found (t, "ANNABEL@EX", 10, "Annabel Smith <annabel@example.org>");
  assert_found (t, "ann@h", 10, "Ann Lee <ann@home.example>");
  assert_found (t, "office", 10, "\"Annex Works, Inc.\" <office@annex.example>");
  assert_found (t, "bob@example.net", 10, "Bob Stone <bob@example.net>");
  assert_found (t, "bob@other", 10, "");
}

/* What is typed is text, never the query language's syntax */
static void
test_no_syntax (void)
{
  g_autoptr(KithTestStore) t = seeded_store ();

  assert_found (t, "bob\" OR name:\"ann", 10, "");
  assert_found (t, "(bob", 10, "Bob Stone <bob@example.net>");
  assert_found (t, "stage:lead", 10, "");
  assert_found (t, "\\", 10, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address-search/name-prefix", test_name_prefix);
  g_test_add_func ("/address-search/email-prefix", test_email_prefix);
  g_test_add_func ("/address-search/no-syntax", test_no_syntax);

  return g_test_run ();
}
