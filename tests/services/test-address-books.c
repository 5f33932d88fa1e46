/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Address books through evolution-data-server (src/services/contacts): a local address book
 * created in the session's registry, filled through EBookClient as a contacts app would, then
 * followed by KithBookService: its contacts become people, a person captured from mail merges
 * with the contact of the same address, changes and deletions on the book flow in, Kith's
 * edits are read back from the book, and a conflict follows docs/contacts.md; and, with
 * Radicale on 127.0.0.1 (kith-test-radicale.c), a CardDAV book. Needs the private session
 * (build-aux/test-session): the registry and the address-book factory.
 */

#include <libebook/libebook.h>

#include "kith-book-service.h"
#include "kith-eds.h"
#include "kith-test-eds.h"
#include "kith-test-radicale.h"
#include "kith-test-util.h"

/* EDS 3.46 declares none */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EContact, g_object_unref)

#define WAIT_MS 60000
#define N_CONTACTS 1000

typedef struct {
  KithTestStore   *t;
  ESourceRegistry *registry;
  ESource         *source;
  EBookClient     *client;
  KithBookService *service;
  GPtrArray       *uids;        /* the contacts' uids, in the order they were made */
  GArray          *progress;    /* of double: the book's progress as it was reported */
  gint64           captured;    /* a person Kith had from mail before the book was followed */
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main loop until @condition holds (checked between iterations, off the loop, so
 * that it may read the store); fails the test after WAIT_MS */
static void
wait_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data,
            const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (!condition (f, data))
    {
      gboolean woken = FALSE;

      g_timeout_add (20, timeout_cb, &woken);
      while (!woken)
        g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
    }
}

/* A new local address book in the session's registry, as the registry has it */
static ESource *
add_local_book (ESourceRegistry *registry,
                const char      *name)
{
  g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  ESourceBackend *backend;
  ESource *source;
  g_autofree char *uid = NULL;

  e_source_set_display_name (scratch, name);
  e_source_set_parent (scratch, "local-stub");
  backend = e_source_get_extension (scratch, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  e_source_backend_set_backend_name (backend, "local");
  uid = g_strdup (e_source_get_uid (scratch));
  g_assert_true (e_source_registry_commit_source_sync (registry, scratch, NULL, &error));
  g_assert_no_error (error);

  while ((source = e_source_registry_ref_source (registry, uid)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return source;
}

/* A client of @source, opened as Kith opens a book (the main loop runs meanwhile), waiting up
 * to @wait_seconds for it to be connected, or not at all with -1 */
static EClient *
connect_book_waiting (ESource  *source,
                      guint32   wait_seconds,
                      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kith_eds_connect (source, KITH_EDS_ADDRESS_BOOK, wait_seconds, NULL, kith_test_result_cb, &result);
  return kith_eds_connect_finish (kith_test_wait_result (&result), error);
}

static EClient *
connect_book (ESource  *source,
              GError  **error)
{
  return connect_book_waiting (source, 30, error);
}

/* Contact @i of the generated book: made-up names, addresses of example domains */
static EContact *
make_contact (guint i)
{
  g_autofree char *vcard = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
                                            "FN:Person%04u Example\r\n"
                                            "N:Example;Person%04u;;;\r\n"
                                            "EMAIL;TYPE=WORK:person%04u@example.com\r\n"
                                            "TEL;TYPE=CELL:+1 202 555 %04u\r\n"
                                            "ORG:Company%02u Ltd\r\n"
                                            "NOTE:Generated contact %u\r\n"
                                            "END:VCARD\r\n", i, i, i, i, i % 50, i);

  return e_contact_new_from_vcard (vcard);
}

static void
fill_book_of (Fixture *f,
              guint    n)
{
  GSList *contacts = NULL;
  GSList *uids = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = n; i > 0; i--)
    contacts = g_slist_prepend (contacts, make_contact (i - 1));
  g_assert_true (e_book_client_add_contacts_sync (f->client, contacts, E_BOOK_OPERATION_FLAG_NONE,
                                                  &uids, NULL, &error));
  g_assert_no_error (error);
  for (GSList *l = uids; l != NULL; l = l->next)
    g_ptr_array_add (f->uids, g_strdup (l->data));
  g_assert_cmpuint (f->uids->len, ==, n);
  g_slist_free_full (uids, g_free);
  g_slist_free_full (contacts, g_object_unref);
}

static void
fill_book (Fixture *f)
{
  fill_book_of (f, N_CONTACTS);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Kith test %u", g_random_int ());

  f->t = kith_test_store_new ();
  /* The real clock: whether a record was edited since a sync goes by its changed time */
  kith_store_set_clock (f->t->store, NULL, NULL);
  f->uids = g_ptr_array_new_with_free_func (g_free);
  f->progress = g_array_new (FALSE, FALSE, sizeof (double));
  f->captured = kith_test_create (f->t, KITH_RECORD_PERSON,
                                  "{\"name\": \"P. Example\", \"emails\": [\"person0003@example.com\"], "
                                  "\"segment\": \"customer\"}");

  f->registry = e_source_registry_new_sync (NULL, &error);
  g_assert_no_error (error);
  f->source = add_local_book (f->registry, name);
  f->client = E_BOOK_CLIENT (connect_book (f->source, &error));
  g_assert_no_error (error);
}

static void
stop_service (Fixture *f)
{
  if (f->service != NULL)
    g_object_run_dispose (G_OBJECT (f->service));
  g_clear_object (&f->service);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  stop_service (f);
  g_clear_object (&f->client);
  kith_test_remove_source (f->source);
  g_clear_object (&f->source);
  g_clear_object (&f->registry);
  g_ptr_array_unref (f->uids);
  g_array_unref (f->progress);
  kith_test_store_free (f->t);
}

static gboolean
service_ready (Fixture       *f,
               gconstpointer  data)
{
  return kith_book_service_is_ready (f->service) &&
         kith_book_service_find_book (f->service, e_source_get_uid (f->source)) != NULL;
}

static KithAddressBook *
book_item (Fixture *f)
{
  return kith_book_service_find_book (f->service, e_source_get_uid (f->source));
}

static gboolean
book_ready (Fixture       *f,
            gconstpointer  data)
{
  return kith_address_book_get_state (book_item (f)) == KITH_ADDRESS_BOOK_STATE_READY;
}

static void
on_progress_cb (KithAddressBook *book,
                GParamSpec      *pspec,
                Fixture         *f)
{
  double progress = kith_address_book_get_progress (book);

  g_array_append_val (f->progress, progress);
}

/* A new service, as when Kith starts, up to the book being in sync */
static void
start_service (Fixture *f)
{
  f->service = kith_book_service_new (f->t->store);
  kith_book_service_start (f->service);
  wait_until (f, service_ready, NULL, "the address book in the service's list");
  g_signal_connect (book_item (f), "notify::progress", G_CALLBACK (on_progress_cb), f);
}

static guint
count_people (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GArray) ids = kith_store_find (f->t->store, KITH_RECORD_PERSON, "", KITH_SORT_NAME,
                                           KITH_GROUP_NONE, 0, 1, &total, &error);

  g_assert_no_error (error);
  return total;
}

/* The record contact @i of the book is linked to, or 0 */
static gint64
record_of (Fixture *f,
           guint    i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithBookLink) link = kith_store_get_book_link (f->t->store, e_source_get_uid (f->source),
                                                           g_ptr_array_index (f->uids, i), &error);

  g_assert_no_error (error);
  return link != NULL ? link->record_id : 0;
}

static char *
record_member (Fixture    *f,
               gint64      id,
               const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = kith_store_get_record (f->t->store, id, &error);
  JsonNode *node;

  g_assert_no_error (error);
  node = json_object_get_member (record, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return JSON_NODE_HOLDS_VALUE (node) ? g_strdup (json_node_get_string (node)) : json_to_string (node, FALSE);
}

static EContact *
read_contact (Fixture *f,
              guint    i)
{
  g_autoptr(GError) error = NULL;
  EContact *contact = NULL;

  g_assert_true (e_book_client_get_contact_sync (f->client, g_ptr_array_index (f->uids, i), &contact, NULL, &error));
  g_assert_no_error (error);
  return contact;
}

static void
write_contact_note (Fixture    *f,
                    guint       i,
                    const char *note)
{
  g_autoptr(EContact) contact = read_contact (f, i);
  g_autoptr(GError) error = NULL;

  e_contact_set (contact, E_CONTACT_NOTE, note);
  g_assert_true (e_book_client_modify_contact_sync (f->client, contact, E_BOOK_OPERATION_FLAG_NONE, NULL, &error));
  g_assert_no_error (error);
}

static void
write_record_notes (Fixture    *f,
                    gint64      id,
                    const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"notes\": \"%s\"}", notes);
  g_autoptr(JsonObject) edit = kith_test_json (json);

  g_assert_true (kith_store_update_record (f->t->store, id, edit, &error));
  g_assert_no_error (error);
}

typedef struct {
  gint64      id;
  const char *member;
  const char *value;
} MemberIs;

static gboolean
record_member_is (Fixture       *f,
                  gconstpointer  data)
{
  const MemberIs *want = data;
  g_autofree char *value = record_member (f, want->id, want->member);

  return g_strcmp0 (value, want->value) == 0;
}

typedef struct {
  guint       i;
  const char *note;
} NoteIs;

static gboolean
contact_note_is (Fixture       *f,
                 gconstpointer  data)
{
  const NoteIs *want = data;
  g_autoptr(EContact) contact = read_contact (f, want->i);

  return g_strcmp0 (e_contact_get_const (contact, E_CONTACT_NOTE), want->note) == 0;
}

static gboolean
unlinked (Fixture       *f,
          gconstpointer  data)
{
  return record_of (f, GPOINTER_TO_UINT (data)) == 0;
}

static gboolean
linked (Fixture       *f,
        gconstpointer  data)
{
  return record_of (f, GPOINTER_TO_UINT (data)) != 0;
}

/* Followed from scratch: off until turned on, then 1,000 people with progress on the way, the
 * person captured from mail merged with the contact of their address */
static void
follow (Fixture *f)
{
  g_autofree char *phones = NULL, *segment = NULL, *company = NULL;

  start_service (f);
  g_assert_false (kith_address_book_get_followed (book_item (f)));
  g_assert_cmpint (kith_address_book_get_state (book_item (f)), ==, KITH_ADDRESS_BOOK_STATE_OFF);
  g_assert_cmpuint (count_people (f), ==, 1);

  kith_book_service_set_followed (f->service, e_source_get_uid (f->source), TRUE);
  g_assert_true (kith_address_book_get_followed (book_item (f)));
  wait_until (f, book_ready, NULL, "the address book read");
  g_assert_true (kith_address_book_get_writable (book_item (f)));

  g_assert_cmpuint (count_people (f), ==, N_CONTACTS);
  g_assert_cmpint (record_of (f, 3), ==, f->captured);
  phones = record_member (f, f->captured, "phones");
  g_assert_nonnull (strstr (phones, "555"));
  segment = record_member (f, f->captured, "segment");
  g_assert_cmpstr (segment, ==, "customer");
  company = record_member (f, f->captured, "company");
  g_assert_nonnull (company);
  g_assert_nonnull (strstr (company, "Company03 Ltd"));
  for (guint i = 0; i < N_CONTACTS; i++)
    g_assert_cmpint (record_of (f, i), !=, 0);

  /* Progress came in steps, never back, and ended at 1 */
  g_assert_cmpuint (f->progress->len, >=, 3);
  for (guint i = 1; i < f->progress->len; i++)
    g_assert_cmpfloat (g_array_index (f->progress, double, i), >=, g_array_index (f->progress, double, i - 1));
  g_assert_cmpfloat (g_array_index (f->progress, double, f->progress->len - 1), ==, 1.0);
  g_assert_cmpfloat (kith_address_book_get_progress (book_item (f)), ==, 1.0);
}

static void
test_follow (Fixture       *f,
             gconstpointer  data)
{
  fill_book (f);
  follow (f);
}

/* While the service runs: a contact changed and one deleted on the book flow in; the deleted
 * one's person stays, unlinked; a contact added comes in as a new person */
static void
test_book_changes_flow_in (Fixture       *f,
                           gconstpointer  data)
{
  gint64 changed, deleted;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) still = NULL;
  g_autoptr(EContact) added = make_contact (N_CONTACTS);
  g_autofree char *added_uid = NULL;
  MemberIs note = { 0, "notes", "Changed on the book" };

  fill_book (f);
  follow (f);
  changed = record_of (f, 5);
  deleted = record_of (f, 6);

  write_contact_note (f, 5, "Changed on the book");
  note.id = changed;
  wait_until (f, record_member_is, &note, "the book's change in Kith");

  g_assert_true (e_book_client_remove_contact_by_uid_sync (f->client, g_ptr_array_index (f->uids, 6),
                                                          E_BOOK_OPERATION_FLAG_NONE, NULL, &error));
  g_assert_no_error (error);
  wait_until (f, unlinked, GUINT_TO_POINTER (6), "the deleted contact unlinked");
  still = kith_store_get_record (f->t->store, deleted, &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);

  g_assert_true (e_book_client_add_contact_sync (f->client, added, E_BOOK_OPERATION_FLAG_NONE, &added_uid, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_add (f->uids, g_steal_pointer (&added_uid));
  wait_until (f, linked, GUINT_TO_POINTER (N_CONTACTS), "the added contact in Kith");
  g_assert_cmpuint (count_people (f), ==, N_CONTACTS + 1);
}

/* A person edited in Kith is read back changed from the book; a field Kith alone has (the
 * segment) stays in Kith */
static void
test_kith_edit_written_back (Fixture       *f,
                             gconstpointer  data)
{
  NoteIs note = { 7, "Edited in Kith" };
  g_autoptr(EContact) contact = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) segment = kith_test_json ("{\"segment\": \"customer\"}");

  fill_book (f);
  follow (f);
  g_assert_true (kith_store_update_record (f->t->store, record_of (f, 7), segment, &error));
  g_assert_no_error (error);
  write_record_notes (f, record_of (f, 7), "Edited in Kith");
  wait_until (f, contact_note_is, &note, "Kith's edit on the book");

  contact = read_contact (f, 7);
  g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_EMAIL_1), ==, "person0007@example.com");
  text = e_vcard_to_string (E_VCARD (contact), EVC_FORMAT_VCARD_30);
  g_assert_null (strstr (text, "customer"));
}

/* Both sides changed while Kith did not run: the book's value wins, Kith's goes to the audit
 * log (docs/contacts.md) */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  gint64 id;
  MemberIs note = { 0, "notes", "The book's side" };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(EContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  fill_book (f);
  follow (f);
  id = record_of (f, 8);
  stop_service (f);

  write_record_notes (f, id, "Kith's side");
  write_contact_note (f, 8, "The book's side");

  start_service (f);
  note.id = id;
  wait_until (f, book_ready, NULL, "the address book read again");
  wait_until (f, record_member_is, &note, "the book's value in Kith");

  entries = kith_store_get_audit (f->t->store, id, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      KithAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (kith_audit_entry_get_field (entry), "address-book:notes") == 0 &&
          g_strcmp0 (kith_audit_entry_get_before (entry), "Kith's side") == 0 &&
          g_strcmp0 (kith_audit_entry_get_after (entry), "The book's side") == 0)
        found = TRUE;
    }
  g_assert_true (found);
  /* …and the book is not written over with Kith's value */
  contact = read_contact (f, 8);
  g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_NOTE), ==, "The book's side");
}

typedef struct {
  KithTestRadicale *radicale;
  const char       *text;
} ServerHas;

static gboolean
server_has (Fixture       *f,
            gconstpointer  data)
{
  const ServerHas *want = data;
  g_autofree char *book = kith_test_radicale_read_address_book (want->radicale, "alice", "contacts");

  return strstr (book, want->text) != NULL;
}

/* A CardDAV book on Radicale, added to the registry: followed, its contacts become people
 * (the one captured from mail merged), and an edit in Kith reaches the server */
static void
test_carddav (Fixture       *f,
              gconstpointer  data)
{
  const char *users[] = { "alice:alicepw", NULL };
  g_autoptr(KithTestRadicale) radicale = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EClient) dav = NULL;
  g_autofree char *uri = NULL;
  GSList *contacts = NULL, *uids = NULL;
  ServerHas written;

  radicale = kith_test_radicale_start (users, &error);
  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);
  uri = kith_test_radicale_make_address_book (radicale, "alice", "alicepw", "contacts", &error);
  g_assert_no_error (error);

  /* The local book of the fixture makes way for the CardDAV one */
  g_clear_object (&f->client);
  kith_test_remove_source (f->source);
  g_clear_object (&f->source);
  f->source = kith_test_radicale_add_source (radicale, f->registry, E_SOURCE_EXTENSION_ADDRESS_BOOK, uri,
                                             "Radicale", "alice", "alicepw", &error);
  g_assert_no_error (error);
  dav = connect_book (f->source, &error);
  g_assert_no_error (error);
  f->client = E_BOOK_CLIENT (g_steal_pointer (&dav));

  for (guint i = 20; i > 0; i--)
    contacts = g_slist_prepend (contacts, make_contact (i - 1));
  g_assert_true (e_book_client_add_contacts_sync (f->client, contacts, E_BOOK_OPERATION_FLAG_NONE, &uids, NULL, &error));
  g_assert_no_error (error);
  for (GSList *l = uids; l != NULL; l = l->next)
    g_ptr_array_add (f->uids, g_strdup (l->data));
  g_slist_free_full (uids, g_free);
  g_slist_free_full (contacts, g_object_unref);
  written = (ServerHas) { radicale, "person0019@example.com" };
  wait_until (f, server_has, &written, "the contacts on Radicale");

  start_service (f);
  kith_book_service_set_followed (f->service, e_source_get_uid (f->source), TRUE);
  wait_until (f, book_ready, NULL, "the CardDAV book read");
  g_assert_cmpuint (count_people (f), ==, 20);
  g_assert_cmpint (record_of (f, 3), ==, f->captured);

  write_record_notes (f, record_of (f, 4), "Edited in Kith for the server");
  written.text = "Edited in Kith for the server";
  wait_until (f, server_has, &written, "Kith's edit on Radicale");

  stop_service (f);
}

static gboolean
listed (Fixture       *f,
        gconstpointer  data)
{
  return kith_book_service_find_book (f->service, data) != NULL;
}

static gboolean
not_listed (Fixture       *f,
            gconstpointer  data)
{
  return !listed (f, data);
}

/* A book added to the registry while the service runs appears in its list, not followed; one
 * removed goes, and the people it made stay */
static void
test_books_come_and_go (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ESource) other = NULL;
  g_autofree char *uid = NULL;
  KithAddressBook *item;

  fill_book (f);
  follow (f);
  other = add_local_book (f->registry, "Kith test, added later");
  uid = g_strdup (e_source_get_uid (other));
  wait_until (f, listed, uid, "the added book in the list");
  item = kith_book_service_find_book (f->service, uid);
  g_assert_cmpstr (kith_address_book_get_name (item), ==, "Kith test, added later");
  g_assert_false (kith_address_book_get_followed (item));

  g_assert_true (e_source_remove_sync (other, NULL, NULL));
  wait_until (f, not_listed, uid, "the removed book gone from the list");
  g_assert_true (e_source_remove_sync (f->source, NULL, NULL));
  wait_until (f, not_listed, e_source_get_uid (f->source), "the followed book gone from the list");
  g_assert_cmpuint (count_people (f), ==, N_CONTACTS);
}

/* A book opened the moment it is added (in Contacts, say): the factory learns of it from the
 * registry a moment later, and says until then that it has no such source. Kith waits that out
 * instead of showing that as the book's error. */
static void
test_open_just_added (Fixture       *f,
                      gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ESource) scratch = e_source_new (NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(EClient) client = NULL;
      g_autoptr(ESource) added = NULL;
      g_autofree char *name = g_strdup_printf ("Kith test, just added %u", i);

      e_source_set_display_name (scratch, name);
      e_source_set_parent (scratch, "local-stub");
      e_source_backend_set_backend_name (e_source_get_extension (scratch, E_SOURCE_EXTENSION_ADDRESS_BOOK), "local");
      g_assert_true (e_source_registry_commit_source_sync (f->registry, scratch, NULL, &error));
      g_assert_no_error (error);

      /* Opened, not waited for until connected: EDS tells the registry's copy of a source that
       * it is connected, never this one, so waiting would always take the whole 30 s */
      client = connect_book_waiting (scratch, (guint32) -1, &error);
      g_assert_no_error (error);
      g_assert_true (E_IS_BOOK_CLIENT (client));
      g_assert_cmpstr (e_source_get_uid (e_client_get_source (client)), ==, e_source_get_uid (scratch));
      while ((added = e_source_registry_ref_source (f->registry, e_source_get_uid (scratch))) == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (e_source_remove_sync (added, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
on_people_added_cb (KithStore        *store,
                    KithStoreChanges *changes,
                    guint            *count)
{
  if (kith_store_changes_is_reshaped (changes, KITH_RECORD_PERSON))
    (*count)++;
}

/* The first reading of a large book goes in tenths of it, each one transaction and so one
 * "changed" announcement for the window's lists (docs/contacts.md), not in 250s */
static void
test_large_book_in_tenths (Fixture       *f,
                           gconstpointer  data)
{
  guint announced = 0;

  fill_book_of (f, 3000);
  start_service (f);
  g_signal_connect (f->t->store, "changed", G_CALLBACK (on_people_added_cb), &announced);
  kith_book_service_set_followed (f->service, e_source_get_uid (f->source), TRUE);
  wait_until (f, book_ready, NULL, "the large address book read");
  g_signal_handlers_disconnect_by_func (f->t->store, on_people_added_cb, &announced);

  /* The person captured from mail is contact 3's */
  g_assert_cmpuint (count_people (f), ==, 3000);
  g_assert_cmpint (record_of (f, 3), ==, f->captured);
  g_assert_cmpint (record_of (f, 2999), !=, 0);
  g_assert_cmpuint (f->progress->len, ==, 10);
  for (guint i = 0; i < f->progress->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (f->progress, double, i), (i + 1) / 10.0, 1e-9);
  g_assert_cmpuint (announced, >=, 1);
  g_assert_cmpuint (announced, <=, 10);
}

static gboolean
reading_under_way (Fixture       *f,
                   gconstpointer  data)
{
  return f->progress->len > 0;
}

/* An edit made in Kith while the book's first reading is under way (its first batch written,
 * the person linked) is written back once the reading is done */
static void
test_edit_during_first_reading (Fixture       *f,
                                gconstpointer  data)
{
  NoteIs note = { 3, "Edited while the book was read" };

  fill_book_of (f, 3000);
  start_service (f);
  kith_book_service_set_followed (f->service, e_source_get_uid (f->source), TRUE);
  wait_until (f, reading_under_way, NULL, "the first batch of the large book written");
  g_assert_cmpint (record_of (f, 3), ==, f->captured);
  write_record_notes (f, f->captured, note.note);
  wait_until (f, book_ready, NULL, "the large address book read");
  wait_until (f, contact_note_is, &note, "the edit made during the reading in the book");
}

static gint64
add_contact (Fixture    *f,
             const char *vcard)
{
  g_autoptr(EContact) contact = e_contact_new_from_vcard (vcard);
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;

  g_assert_true (e_book_client_add_contact_sync (f->client, contact, E_BOOK_OPERATION_FLAG_NONE, &uid, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_add (f->uids, g_steal_pointer (&uid));
  return f->uids->len - 1;
}

static gboolean
record_known (Fixture       *f,
              gconstpointer  data)
{
  return kith_store_lookup (f->t->store, data, NULL) != 0;
}

static guint
count_companies (Fixture *f)
{
  return kith_store_count (f->t->store, KITH_RECORD_COMPANY, "", NULL);
}

/* An organisation's own contact that comes after its people is the company their organisation
 * made: completed by it, not a second company */
static void
test_organisation_after_people (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) person = NULL;
  gint64 ann, globex;

  add_contact (f, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Globe\r\nN:Globe;Ann;;;\r\n"
                  "EMAIL;TYPE=WORK:ann@globex.example\r\nORG:Globex Corporation\r\nEND:VCARD\r\n");
  start_service (f);
  kith_book_service_set_followed (f->service, e_source_get_uid (f->source), TRUE);
  wait_until (f, book_ready, NULL, "the address book read");
  g_assert_cmpuint (count_companies (f), ==, 1);

  add_contact (f, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Globex Corporation\r\nN:;;;;\r\n"
                  "ORG:Globex Corporation;\r\nX-ABShowAs:COMPANY\r\n"
                  "EMAIL;TYPE=WORK:info@globex.example\r\nEND:VCARD\r\n");
  wait_until (f, record_known, "info@globex.example", "the organisation's contact read");

  g_assert_cmpuint (count_companies (f), ==, 1);
  ann = kith_store_lookup (f->t->store, "ann@globex.example", NULL);
  globex = kith_store_lookup (f->t->store, "info@globex.example", NULL);
  g_assert_cmpint (record_of (f, 1), ==, globex);
  person = kith_store_get_record (f->t->store, ann, NULL);
  g_assert_nonnull (person);
  g_assert_cmpint (json_object_get_int_member_with_default (person, "companyId", 0), ==, globex);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/address-books/follow", Fixture, NULL, fixture_set_up, test_follow, fixture_tear_down);
  g_test_add ("/address-books/book-changes-flow-in", Fixture, NULL, fixture_set_up,
              test_book_changes_flow_in, fixture_tear_down);
  g_test_add ("/address-books/kith-edit-written-back", Fixture, NULL, fixture_set_up,
              test_kith_edit_written_back, fixture_tear_down);
  g_test_add ("/address-books/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/address-books/books-come-and-go", Fixture, NULL, fixture_set_up, test_books_come_and_go,
              fixture_tear_down);
  g_test_add ("/address-books/open-just-added", Fixture, NULL, fixture_set_up, test_open_just_added,
              fixture_tear_down);
  g_test_add ("/address-books/carddav", Fixture, NULL, fixture_set_up, test_carddav, fixture_tear_down);
  g_test_add ("/address-books/large-book-in-tenths", Fixture, NULL, fixture_set_up, test_large_book_in_tenths,
              fixture_tear_down);
  g_test_add ("/address-books/edit-during-first-reading", Fixture, NULL, fixture_set_up,
              test_edit_during_first_reading, fixture_tear_down);
  g_test_add ("/address-books/organisation-after-people", Fixture, NULL, fixture_set_up,
              test_organisation_after_people, fixture_tear_down);

  return g_test_run ();
}
