/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Records linked to the contacts of an address book: set, read, edited since, forgotten,
 * dropped with the record, and a conflict's losing value in the audit log */

#include "kith-test-util.h"

#define BOOK "book-1"

static void
link_contact (KithTestStore *t,
              const char    *contact,
              gint64         id,
              const char    *rev)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_store_set_book_link (t->store, BOOK, contact, id, rev, &error));
  g_assert_no_error (error);
}

static KithBookLink *
get_link (KithTestStore *t,
          const char    *contact)
{
  g_autoptr(GError) error = NULL;
  KithBookLink *link = kith_store_get_book_link (t->store, BOOK, contact, &error);

  g_assert_no_error (error);
  return link;
}

static void
test_set_and_read (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob Stone\"}");
  g_autoptr(KithBookLink) none = get_link (t, "c1");
  g_autoptr(KithBookLink) first = NULL, moved = NULL;
  g_autoptr(GPtrArray) anns = NULL, bobs = NULL;
  g_auto(GStrv) uids = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (none);
  link_contact (t, "c1", ann, "rev-1");
  first = get_link (t, "c1");
  g_assert_nonnull (first);
  g_assert_cmpstr (first->book_uid, ==, BOOK);
  g_assert_cmpstr (first->contact_uid, ==, "c1");
  g_assert_cmpint (first->record_id, ==, ann);
  g_assert_cmpstr (first->revision, ==, "rev-1");

  /* The same contact set again: one link, the newest revision and record */
  link_contact (t, "c1", bob, "rev-2");
  moved = get_link (t, "c1");
  g_assert_cmpint (moved->record_id, ==, bob);
  g_assert_cmpstr (moved->revision, ==, "rev-2");
  anns = kith_store_get_record_book_links (t->store, ann, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anns->len, ==, 0);
  bobs = kith_store_get_record_book_links (t->store, bob, &error);
  g_assert_cmpuint (bobs->len, ==, 1);

  link_contact (t, "c2", ann, NULL);
  uids = kith_store_dup_book_contact_uids (t->store, BOOK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (uids), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) uids, "c1"));
  g_assert_true (g_strv_contains ((const char * const *) uids, "c2"));
}

static void
test_no_such_record (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (kith_store_set_book_link (t->store, BOOK, "c1", 4242, "rev", &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4242"));
}

/* An edit in Kith after the link was set shows; setting it again makes the sides agree */
static void
test_edited_since (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  g_autoptr(KithBookLink) before = NULL, after = NULL, again = NULL;
  g_autoptr(JsonObject) edit = kith_test_json ("{\"notes\": \"Met at the fair\"}");
  g_autoptr(GError) error = NULL;

  link_contact (t, "c1", ann, "rev-1");
  before = get_link (t, "c1");
  g_assert_false (kith_store_book_link_is_edited (t->store, before, &error));
  g_assert_no_error (error);

  t->now += 1000;
  g_assert_true (kith_store_update_record (t->store, ann, edit, &error));
  g_assert_no_error (error);
  after = get_link (t, "c1");
  g_assert_true (kith_store_book_link_is_edited (t->store, after, &error));

  link_contact (t, "c1", ann, "rev-2");
  again = get_link (t, "c1");
  g_assert_false (kith_store_book_link_is_edited (t->store, again, &error));
}

/* A contact gone from the book: the link goes, the person stays; a record deleted in Kith
 * takes its links with it */
static void
test_removed (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob Stone\"}");
  g_autoptr(KithBookLink) gone = NULL, bobs = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;

  link_contact (t, "c1", ann, "rev-1");
  link_contact (t, "c2", bob, "rev-1");
  g_assert_true (kith_store_remove_book_link (t->store, BOOK, "c1", &error));
  g_assert_no_error (error);
  gone = get_link (t, "c1");
  g_assert_null (gone);
  record = kith_store_get_record (t->store, ann, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  /* Forgetting what is not there is no error */
  g_assert_true (kith_store_remove_book_link (t->store, BOOK, "c1", &error));

  g_assert_true (kith_store_delete_record (t->store, bob, &error));
  g_assert_no_error (error);
  bobs = get_link (t, "c2");
  g_assert_null (bobs);
}

static void
test_conflict_in_audit (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ann Lee\"}");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  KithAuditEntry *entry = NULL;

  g_assert_true (kith_store_add_book_conflict (t->store, ann, "phones", "+1 555 0100", "+1 555 0199", &error));
  g_assert_no_error (error);
  entries = kith_store_get_audit (t->store, ann, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (kith_audit_entry_get_field (g_ptr_array_index (entries, i)), "address-book:phones"))
      entry = g_ptr_array_index (entries, i);
  g_assert_nonnull (entry);
  g_assert_cmpstr (kith_audit_entry_get_before (entry), ==, "+1 555 0100");
  g_assert_cmpstr (kith_audit_entry_get_after (entry), ==, "+1 555 0199");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/book-links/set-and-read", test_set_and_read);
  g_test_add_func ("/book-links/no-such-record", test_no_such_record);
  g_test_add_func ("/book-links/edited-since", test_edited_since);
  g_test_add_func ("/book-links/removed", test_removed);
  g_test_add_func ("/book-links/conflict-in-audit", test_conflict_in_audit);

  return g_test_run ();
}
