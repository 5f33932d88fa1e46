/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

/* The Outbox: drafts saved and read back, queued, claimed, answered, discarded (docs/mail.md) */

#define SECOND G_GINT64_CONSTANT (1000000)

static KithOutgoing *
new_draft (void)
{
  const char *to[] = { "Ann Lee <ann@example.com>", "bob@example.org", NULL };
  const char *cc[] = { "\"Cy, Jr.\" <cy@example.net>", NULL };
  const char *bcc[] = { "dee@example.com", NULL };
  KithOutgoing *msg = kith_outgoing_new ();

  kith_outgoing_set_account (msg, "account-uid");
  kith_outgoing_set_from_address (msg, "me@home.example");
  kith_outgoing_set_from_name (msg, "Me Myself");
  kith_outgoing_set_to (msg, to);
  kith_outgoing_set_cc (msg, cc);
  kith_outgoing_set_bcc (msg, bcc);
  kith_outgoing_set_subject (msg, "Lunch?");
  kith_outgoing_set_body_text (msg, "Shall we?\n- Tuesday\n- Friday");
  kith_outgoing_set_body_html (msg, "<p>Shall <b>we</b>?</p>");
  kith_outgoing_set_in_reply_to (msg, "<a1@example.com>");
  kith_outgoing_set_references (msg, "<a0@example.com> <a1@example.com>");

  return msg;
}

static gint64
save (KithTestStore *t,
      KithOutgoing  *msg)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_outgoing_save (t->store, msg, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (kith_outgoing_get_id (msg), ==, id);

  return id;
}

static KithOutgoing *
get (KithTestStore *t,
     gint64         id)
{
  g_autoptr(GError) error = NULL;
  KithOutgoing *msg = kith_store_outgoing_get (t->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (msg);

  return msg;
}

static void
assert_strv (const char * const *got,
             const char * const *expected)
{
  if (expected == NULL || expected[0] == NULL)
    g_assert_true (got == NULL || got[0] == NULL);
  else
    g_assert_true (got != NULL && g_strv_equal (got, expected));
}

/* Every property of @b is @a's */
static void
assert_same_message (KithOutgoing *a,
                     KithOutgoing *b)
{
  g_assert_cmpint (kith_outgoing_get_id (a), ==, kith_outgoing_get_id (b));
  g_assert_cmpint (kith_outgoing_get_state (a), ==, kith_outgoing_get_state (b));
  g_assert_cmpstr (kith_outgoing_get_account (a), ==, kith_outgoing_get_account (b));
  g_assert_cmpstr (kith_outgoing_get_from_address (a), ==, kith_outgoing_get_from_address (b));
  g_assert_cmpstr (kith_outgoing_get_from_name (a), ==, kith_outgoing_get_from_name (b));
  assert_strv (kith_outgoing_get_to (a), kith_outgoing_get_to (b));
  assert_strv (kith_outgoing_get_cc (a), kith_outgoing_get_cc (b));
  assert_strv (kith_outgoing_get_bcc (a), kith_outgoing_get_bcc (b));
  g_assert_cmpstr (kith_outgoing_get_subject (a), ==, kith_outgoing_get_subject (b));
  g_assert_cmpstr (kith_outgoing_get_body_text (a), ==, kith_outgoing_get_body_text (b));
  g_assert_cmpstr (kith_outgoing_get_body_html (a), ==, kith_outgoing_get_body_html (b));
  assert_strv (kith_outgoing_get_attachments (a), kith_outgoing_get_attachments (b));
  g_assert_cmpstr (kith_outgoing_get_in_reply_to (a), ==, kith_outgoing_get_in_reply_to (b));
  g_assert_cmpstr (kith_outgoing_get_references (a), ==, kith_outgoing_get_references (b));
  g_assert_cmpstr (kith_outgoing_get_message_id (a), ==, kith_outgoing_get_message_id (b));
  g_assert_cmpint (kith_outgoing_get_date (a), ==, kith_outgoing_get_date (b));
  g_assert_cmpint (kith_outgoing_get_send_after (a), ==, kith_outgoing_get_send_after (b));
  g_assert_cmpuint (kith_outgoing_get_attempts (a), ==, kith_outgoing_get_attempts (b));
  g_assert_cmpstr (kith_outgoing_get_error (a), ==, kith_outgoing_get_error (b));
  g_assert_cmpint (kith_outgoing_get_updated (a), ==, kith_outgoing_get_updated (b));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* The model: properties by name, notified on a change only, copied whole */
static void
test_outgoing_properties (void)
{
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) copy = NULL;
  g_auto(GStrv) to = NULL;
  g_autofree char *subject = NULL;
  KithOutgoingState state;
  const char *same_to[] = { "Ann Lee <ann@example.com>", "bob@example.org", NULL };
  guint notified = 0;

  g_object_get (msg, "to", &to, "subject", &subject, "state", &state, NULL);
  g_assert_cmpstr (to[1], ==, "bob@example.org");
  g_assert_cmpstr (subject, ==, "Lunch?");
  g_assert_cmpint (state, ==, KITH_OUTGOING_DRAFT);
  g_assert_true (G_TYPE_IS_ENUM (KITH_TYPE_OUTGOING_STATE));

  g_signal_connect (msg, "notify", G_CALLBACK (on_notify_cb), &notified);
  kith_outgoing_set_subject (msg, "Lunch?");
  kith_outgoing_set_to (msg, same_to);
  g_assert_cmpuint (notified, ==, 0);
  kith_outgoing_set_subject (msg, "Dinner?");
  kith_outgoing_set_attempts (msg, 2);
  kith_outgoing_set_state (msg, KITH_OUTGOING_FAILED);
  g_assert_cmpuint (notified, ==, 3);

  copy = kith_outgoing_copy (msg);
  assert_same_message (msg, copy);
  kith_outgoing_set_subject (copy, "Breakfast?");
  g_assert_cmpstr (kith_outgoing_get_subject (msg), ==, "Dinner?");
}

/* The simple rule for addresses: what people type, and what they mistype */
static void
test_parse_address (void)
{
  const struct {
    const char *text;
    const char *name;
    const char *address;
  } good[] = {
    { "ann@example.com", NULL, "ann@example.com" },
    { "  Ann Lee <ann@example.com> ", "Ann Lee", "ann@example.com" },
    { "\"Lee, Ann\" <ann.lee+crm@mail.example.co.uk>", "Lee, Ann", "ann.lee+crm@mail.example.co.uk" },
    { "<ann@example.com>", NULL, "ann@example.com" },
  };
  const char *bad[] = {
    "", "ann", "ann@", "@example.com", "ann@example", "ann@example.", "ann@.com", "ann@exa mple.com",
    "ann lee@example.com", "ann@@example.com", "Ann Lee", "Ann <ann@example.com", "Ann <ann>", NULL,
  };
  g_autoptr(GRegex) message_id = g_regex_new ("^<[0-9a-f]{32}@example\\.com>$", 0, 0, NULL);
  g_autofree char *id = kith_outbox_new_message_id ("ann@example.com");
  g_autofree char *other = kith_outbox_new_message_id ("ann@example.com");

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *address = NULL;

      g_assert_true (kith_outbox_parse_address (good[i].text, &name, &address));
      g_assert_cmpstr (name, ==, good[i].name);
      g_assert_cmpstr (address, ==, good[i].address);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    if (kith_outbox_parse_address (bad[i], NULL, NULL))
      g_error ("“%s” is taken for an address", bad[i]);

  g_assert_true (g_regex_match (message_id, id, 0, NULL));
  g_assert_cmpstr (id, !=, other);
}

/* A draft saved, changed and saved again reads back as it was written, field by field */
static void
test_save_and_update (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) read = NULL;
  g_autoptr(KithOutgoing) again = NULL;
  const char *files[] = { "/tmp/a.pdf", NULL };
  gint64 id = save (t, msg);

  g_assert_cmpint (kith_outgoing_get_updated (msg), ==, t->now * 1000);
  read = get (t, id);
  assert_same_message (msg, read);

  t->now += 5000;
  kith_outgoing_set_subject (read, "Lunch on Friday?");
  kith_outgoing_set_body_html (read, NULL);
  kith_outgoing_set_cc (read, NULL);
  kith_outgoing_set_attachments (read, files);
  g_assert_cmpint (save (t, read), ==, id);
  again = get (t, id);
  assert_same_message (read, again);
  g_assert_cmpstr (kith_outgoing_get_subject (again), ==, "Lunch on Friday?");
  g_assert_null (kith_outgoing_get_body_html (again));
  g_assert_cmpint (kith_outgoing_get_updated (again), ==, t->now * 1000);
}

/* Only drafts are saved; a message that is not there is not made up */
static void
test_save_refuses (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) ghost = new_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;

  kith_outgoing_set_state (msg, KITH_OUTGOING_QUEUED);
  g_assert_cmpint (kith_store_outgoing_save (t->store, msg, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_assert_cmpint (kith_outgoing_get_id (msg), ==, 0);

  kith_outgoing_set_id (ghost, 42);
  g_assert_cmpint (kith_store_outgoing_save (t->store, ghost, &missing), ==, 0);
  g_assert_error (missing, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  g_assert_null (kith_store_outgoing_get (t->store, 42, NULL));
}

/* Lists by state, the last written first */
static void
test_list (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) first = new_draft ();
  g_autoptr(KithOutgoing) second = new_draft ();
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GError) error = NULL;

  save (t, first);
  t->now += 1000;
  save (t, second);

  drafts = kith_store_outgoing_list (t->store, KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpint (kith_outgoing_get_id (drafts->pdata[0]), ==, kith_outgoing_get_id (second));
  g_assert_cmpint (kith_outgoing_get_id (drafts->pdata[1]), ==, kith_outgoing_get_id (first));

  sent = kith_store_outgoing_list (t->store, KITH_OUTGOING_MASK (KITH_OUTGOING_SENT), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 0);
}

static void
on_changed_cb (KithStore        *store,
               KithStoreChanges *changes,
               gpointer          user_data)
{
  KithStoreChanges **out = user_data;

  g_clear_pointer (out, kith_store_changes_unref);
  *out = kith_store_changes_ref (changes);
}

/* Listens to the store's `changed` from before a write, so that an announcement that comes
 * while the write's own result is awaited is not missed */
static gulong
listen_for_changes (KithTestStore     *t,
                    KithStoreChanges **changes)
{
  *changes = NULL;
  return g_signal_connect (t->store, "changed", G_CALLBACK (on_changed_cb), changes);
}

static KithStoreChanges *
wait_for_changes (KithTestStore     *t,
                  gulong             id,
                  KithStoreChanges **changes)
{
  while (*changes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (t->store, id);

  return g_steal_pointer (changes);
}

/* A draft saved is announced as the Outbox's, and as no record's */
static void
test_save_announced (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithStoreChanges) changes = NULL;
  KithStoreChanges *heard;
  gulong id = listen_for_changes (t, &heard);

  save (t, msg);
  changes = wait_for_changes (t, id, &heard);
  g_assert_true (kith_store_changes_has_area (changes, KITH_STORE_AREA_OUTGOING));
  g_assert_false (kith_store_changes_has_area (changes, KITH_STORE_AREA_SIGNATURES));
  g_assert_cmpuint (kith_store_changes_get_kinds (changes), ==, 0);
}

/* Queues @id with no delay, or fails the test */
static void
queue (KithTestStore *t,
       gint64         id,
       guint          delay)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_store_outgoing_queue (t->store, id, delay, &error));
  g_assert_no_error (error);
}

static KithOutgoing *
claim (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  KithOutgoing *msg = kith_store_outgoing_claim (t->store, t->now * 1000, &error);

  g_assert_no_error (error);
  return msg;
}

static char *
outgoing_folder (KithTestStore *t,
                 gint64         id)
{
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return g_build_filename (t->dir, "files", "outgoing", name, NULL);
}

/* A draft that cannot be queued stays the draft it was, field by field */
static void
assert_queue_fails (KithTestStore *t,
                    KithOutgoing  *msg,
                    const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) after = NULL;
  g_autofree char *folder = outgoing_folder (t, kith_outgoing_get_id (msg));

  g_assert_false (kith_store_outgoing_queue (t->store, kith_outgoing_get_id (msg), 0, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));

  after = get (t, kith_outgoing_get_id (msg));
  assert_same_message (msg, after);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* An address that is not one is named with its field; the draft is left as it was */
static void
test_queue_bad_address (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  const char *cc[] = { "cy@example.net", "Bo Diddley <bo at example.com>", NULL };
  const char *bcc[] = { "dee@example", NULL };

  kith_outgoing_set_cc (msg, cc);
  save (t, msg);
  assert_queue_fails (t, msg, "Cc: “Bo Diddley <bo at example.com>”");

  kith_outgoing_set_cc (msg, NULL);
  kith_outgoing_set_bcc (msg, bcc);
  save (t, msg);
  assert_queue_fails (t, msg, "Bcc: “dee@example”");

  kith_outgoing_set_bcc (msg, NULL);
  kith_outgoing_set_from_address (msg, "me");
  save (t, msg);
  assert_queue_fails (t, msg, "From: “me”");
}

/* Nobody to send to */
static void
test_queue_no_recipient (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();

  kith_outgoing_set_to (msg, NULL);
  kith_outgoing_set_cc (msg, NULL);
  kith_outgoing_set_bcc (msg, NULL);
  save (t, msg);
  assert_queue_fails (t, msg, "no recipient");
}

static char *
write_file (KithTestStore *t,
            const char    *name,
            const char    *contents)
{
  g_autofree char *dir = g_build_filename (t->dir, "mine", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* A file that cannot be read is named; nothing is copied, the draft stays a draft */
static void
test_queue_unreadable_attachment (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autofree char *readable = write_file (t, "notes.txt", "notes");
  g_autofree char *gone = g_build_filename (t->dir, "mine", "gone.pdf", NULL);
  const char *files[] = { readable, gone, NULL };

  kith_outgoing_set_attachments (msg, files);
  save (t, msg);
  assert_queue_fails (t, msg, gone);
  g_assert_cmpint (kith_outgoing_get_state (msg), ==, KITH_OUTGOING_DRAFT);
}

/* Queued: the attachments are Kith's copies, with their names (two of one name too), the
 * user's files as they were; Message-ID from the sender's domain, Date now, due after the
 * delay */
static void
test_queue_copies_and_fixes (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) queued = NULL;
  g_autofree char *report = write_file (t, "report.pdf", "%PDF-1.4 one");
  g_autofree char *other_dir = g_build_filename (t->dir, "other", NULL);
  g_autofree char *other = g_build_filename (other_dir, "report.pdf", NULL);
  g_autofree char *folder = NULL;
  const char *files[] = { report, other, NULL };
  const char * const *copies;
  g_autoptr(GRegex) message_id = g_regex_new ("^<[0-9a-f]{32}@home\\.example>$", 0, 0, NULL);
  gint64 id;

  g_mkdir_with_parents (other_dir, 0700);
  g_assert_true (g_file_set_contents (other, "%PDF-1.4 two", -1, NULL));
  kith_outgoing_set_attachments (msg, files);
  id = save (t, msg);
  folder = outgoing_folder (t, id);
  queue (t, id, 10);

  queued = get (t, id);
  g_assert_cmpint (kith_outgoing_get_state (queued), ==, KITH_OUTGOING_QUEUED);
  g_assert_true (g_regex_match (message_id, kith_outgoing_get_message_id (queued), 0, NULL));
  g_assert_cmpint (kith_outgoing_get_date (queued), ==, t->now * 1000);
  g_assert_cmpint (kith_outgoing_get_send_after (queued), ==, t->now * 1000 + 10 * SECOND);
  copies = kith_outgoing_get_attachments (queued);
  g_assert_cmpuint (g_strv_length ((char **) copies), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (copies[i]);

      g_assert_true (g_str_has_prefix (copies[i], folder));
      g_assert_cmpstr (base, ==, "report.pdf");
      g_assert_true (g_file_get_contents (copies[i], &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, i == 0 ? "%PDF-1.4 one" : "%PDF-1.4 two");
    }
  g_assert_true (g_file_test (report, G_FILE_TEST_EXISTS));

  /* The rest is as the draft was */
  kith_outgoing_set_state (msg, KITH_OUTGOING_QUEUED);
  kith_outgoing_set_attachments (msg, copies);
  kith_outgoing_set_message_id (msg, kith_outgoing_get_message_id (queued));
  kith_outgoing_set_date (msg, kith_outgoing_get_date (queued));
  kith_outgoing_set_send_after (msg, kith_outgoing_get_send_after (queued));
  assert_same_message (msg, queued);
}

/* Undo works until the message is claimed; after that it is refused, and saving over it too */
static void
test_unqueue (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) back = NULL;
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autoptr(KithOutgoing) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  gint64 id = save (t, msg);

  queue (t, id, 10);
  g_assert_null (claim (t));   /* not due yet */
  g_assert_true (kith_store_outgoing_unqueue (t->store, id, &error));
  g_assert_no_error (error);
  back = get (t, id);
  g_assert_cmpint (kith_outgoing_get_state (back), ==, KITH_OUTGOING_DRAFT);
  g_assert_cmpint (kith_store_outgoing_next_due (t->store, NULL), ==, 0);

  queue (t, id, 0);
  claimed = claim (t);
  g_assert_nonnull (claimed);
  g_assert_cmpint (kith_outgoing_get_id (claimed), ==, id);
  g_assert_cmpint (kith_outgoing_get_state (claimed), ==, KITH_OUTGOING_SENDING);
  g_assert_false (kith_store_outgoing_unqueue (t->store, id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_assert_cmpint (kith_store_outgoing_save (t->store, back, &save_error), ==, 0);
  g_assert_error (save_error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  after = get (t, id);
  g_assert_cmpint (kith_outgoing_get_state (after), ==, KITH_OUTGOING_SENDING);
}

#define N_RACE 60

typedef struct {
  KithStore *store;
  gint64     now;
  GArray    *ids;
} Claimer;

static gpointer
claim_all_thread (gpointer data)
{
  Claimer *c = data;
  KithOutgoing *msg;
  g_autoptr(GError) error = NULL;

  while ((msg = kith_store_outgoing_claim (c->store, c->now, &error)) != NULL)
    {
      gint64 id = kith_outgoing_get_id (msg);

      g_array_append_val (c->ids, id);
      g_object_unref (msg);
    }
  g_assert_no_error (error);

  return NULL;
}

/* Two senders claiming at once never get the same message, and between them get all */
static void
test_claim_race (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Claimer claimers[2];
  GThread *threads[2];

  for (guint i = 0; i < N_RACE; i++)
    {
      g_autoptr(KithOutgoing) msg = new_draft ();

      queue (t, save (t, msg), 0);
    }

  for (guint i = 0; i < 2; i++)
    {
      claimers[i] = (Claimer) { t->store, t->now * 1000, g_array_new (FALSE, FALSE, sizeof (gint64)) };
      threads[i] = g_thread_new ("claimer", claim_all_thread, &claimers[i]);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      for (guint j = 0; j < claimers[i].ids->len; j++)
        g_assert_true (g_hash_table_add (seen, g_memdup2 (&g_array_index (claimers[i].ids, gint64, j),
                                                          sizeof (gint64))));
      g_array_unref (claimers[i].ids);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_RACE);
}

/* A temporary failure waits for its time with one attempt more; the sender wakes then */
static void
test_retry_later (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) first = new_draft ();
  g_autoptr(KithOutgoing) second = new_draft ();
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autoptr(KithOutgoing) waiting = NULL;
  g_autoptr(KithOutgoing) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = t->now * 1000;
  gint64 a = save (t, first), b = save (t, second);

  g_assert_cmpint (kith_store_outgoing_next_due (t->store, &error), ==, 0);
  queue (t, a, 5);
  queue (t, b, 30);
  g_assert_cmpint (kith_store_outgoing_next_due (t->store, &error), ==, now + 5 * SECOND);

  t->now += 5000;
  claimed = claim (t);
  g_assert_cmpint (kith_outgoing_get_id (claimed), ==, a);
  g_assert_cmpint (kith_store_outgoing_next_due (t->store, &error), ==, now + 30 * SECOND);
  g_assert_true (kith_store_outgoing_retry_later (t->store, a, "451 Try again later", now + 65 * SECOND, &error));
  g_assert_no_error (error);

  waiting = get (t, a);
  g_assert_cmpint (kith_outgoing_get_state (waiting), ==, KITH_OUTGOING_QUEUED);
  g_assert_cmpuint (kith_outgoing_get_attempts (waiting), ==, 1);
  g_assert_cmpstr (kith_outgoing_get_error (waiting), ==, "451 Try again later");
  g_assert_cmpint (kith_store_outgoing_next_due (t->store, &error), ==, now + 30 * SECOND);

  t->now += 50000;   /* b is due, a not yet */
  again = claim (t);
  g_assert_cmpint (kith_outgoing_get_id (again), ==, b);
  g_assert_null (claim (t));
  g_assert_cmpint (kith_store_outgoing_next_due (t->store, &error), ==, now + 65 * SECOND);
}

/* The server's answers: sent; failed with its text, then Retry, then sent */
static void
test_sent_and_failed (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autoptr(KithOutgoing) failed = NULL;
  g_autoptr(KithOutgoing) retried = NULL;
  g_autoptr(KithOutgoing) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) twice = NULL;
  gint64 id = save (t, msg);

  queue (t, id, 0);
  g_clear_object (&claimed);
  claimed = claim (t);
  g_assert_true (kith_store_outgoing_set_failed (t->store, id, "550 No such user", &error));
  g_assert_no_error (error);
  failed = get (t, id);
  g_assert_cmpint (kith_outgoing_get_state (failed), ==, KITH_OUTGOING_FAILED);
  g_assert_cmpstr (kith_outgoing_get_error (failed), ==, "550 No such user");
  g_assert_null (claim (t));

  t->now += 1000;
  g_assert_true (kith_store_outgoing_retry (t->store, id, &error));
  retried = get (t, id);
  g_assert_cmpint (kith_outgoing_get_state (retried), ==, KITH_OUTGOING_QUEUED);
  g_assert_cmpint (kith_outgoing_get_send_after (retried), ==, t->now * 1000);
  g_assert_null (kith_outgoing_get_error (retried));

  g_clear_object (&claimed);
  claimed = claim (t);
  g_assert_true (kith_store_outgoing_set_sent (t->store, id, &error));
  sent = get (t, id);
  g_assert_cmpint (kith_outgoing_get_state (sent), ==, KITH_OUTGOING_SENT);
  /* Once only */
  g_assert_false (kith_store_outgoing_set_sent (t->store, id, &twice));
  g_assert_error (twice, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
}

/* Discard deletes a draft or a failed message and its copies; a queued one stays */
static void
test_discard (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = write_file (t, "notes.txt", "notes");
  const char *files[] = { notes, NULL };
  g_autofree char *folder = NULL;
  gint64 id;

  kith_outgoing_set_attachments (msg, files);
  id = save (t, msg);
  folder = outgoing_folder (t, id);
  queue (t, id, 0);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_false (kith_store_outgoing_discard (t->store, id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  claimed = claim (t);
  g_assert_true (kith_store_outgoing_set_failed (t->store, id, "554 Rejected", NULL));
  g_assert_true (kith_store_outgoing_discard (t->store, id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));
  g_assert_null (kith_store_outgoing_get (t->store, id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* A crash while sending: the store opened again still says "sending"; what happened is for
 * the sender to find out */
static void
test_reopen_sending (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autoptr(GPtrArray) sending = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = save (t, msg);

  queue (t, id, 0);
  claimed = claim (t);
  g_clear_object (&t->store);
  t->store = kith_store_open (t->path, &error);
  g_assert_no_error (error);
  kith_store_set_clock (t->store, kith_test_clock, t);

  sending = kith_store_outgoing_list (t->store, KITH_OUTGOING_MASK (KITH_OUTGOING_SENDING), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sending->len, ==, 1);
  assert_same_message (claimed, sending->pdata[0]);
  g_assert_null (claim (t));
}

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* The GUI's calls: a save sets the id on the composer's own message; queue, Undo, list */
static void
test_async (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) queued = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GListModel) outbox = NULL;
  g_autoptr(KithOutgoing) first = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  kith_store_outgoing_save_async (t->store, msg, on_async_done_cb, &saved);
  id = kith_store_outgoing_save_finish (t->store, wait_for_result (&saved), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (kith_outgoing_get_id (msg), ==, id);

  kith_store_outgoing_queue_async (t->store, id, 10, on_async_done_cb, &queued);
  g_assert_true (kith_store_outgoing_queue_finish (t->store, wait_for_result (&queued), &error));
  g_assert_no_error (error);

  kith_store_outgoing_list_async (t->store, KITH_OUTGOING_MASK (KITH_OUTGOING_QUEUED), NULL, on_async_done_cb,
                                  &listed);
  outbox = kith_store_outgoing_list_finish (t->store, wait_for_result (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (outbox), ==, 1);
  first = g_list_model_get_item (outbox, 0);
  g_assert_cmpint (kith_outgoing_get_id (first), ==, id);

  kith_store_outgoing_unqueue_async (t->store, id, on_async_done_cb, &undone);
  g_assert_true (kith_store_outgoing_unqueue_finish (t->store, wait_for_result (&undone), &error));
  g_assert_no_error (error);
}

static gint64
save_signature (KithTestStore *t,
                KithSignature *sig)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_signature_save (t->store, sig, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (kith_signature_get_id (sig), ==, id);

  return id;
}

/* Signatures per account, the account's own first, then its aliases'; updated, deleted */
static void
test_signatures (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithSignature) alias = kith_signature_new ("work", "Sales");
  g_autoptr(KithSignature) all = kith_signature_new ("work", "Plain");
  g_autoptr(KithSignature) home = kith_signature_new ("home", "Cheers");
  g_autoptr(GPtrArray) work = NULL;
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  KithSignature *first, *second;

  kith_signature_set_address (alias, "sales@work.example");
  kith_signature_set_body (alias, "-- \nAnn, Sales");
  kith_signature_set_for_replies (alias, FALSE);
  kith_signature_set_body (all, "-- \nAnn");
  save_signature (t, alias);
  save_signature (t, all);
  save_signature (t, home);

  work = kith_store_signatures_list (t->store, "work", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (work->len, ==, 2);
  first = work->pdata[0];
  second = work->pdata[1];
  g_assert_cmpint (kith_signature_get_id (first), ==, kith_signature_get_id (all));
  g_assert_null (kith_signature_get_address (first));
  g_assert_cmpstr (kith_signature_get_body (first), ==, "-- \nAnn");
  g_assert_cmpstr (kith_signature_get_address (second), ==, "sales@work.example");
  g_assert_cmpstr (kith_signature_get_name (second), ==, "Sales");
  g_assert_true (kith_signature_get_for_new (second));
  g_assert_false (kith_signature_get_for_replies (second));

  everything = kith_store_signatures_list (t->store, NULL, &error);
  g_assert_cmpuint (everything->len, ==, 3);

  kith_signature_set_body (second, "-- \nAnn Lee, Sales");
  g_assert_cmpint (save_signature (t, second), ==, kith_signature_get_id (alias));
  g_assert_true (kith_store_signature_delete (t->store, kith_signature_get_id (all), &error));
  g_assert_no_error (error);
  after = kith_store_signatures_list (t->store, "work", &error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (kith_signature_get_body (after->pdata[0]), ==, "-- \nAnn Lee, Sales");
  g_assert_false (kith_store_signature_delete (t->store, kith_signature_get_id (all), &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* What is not a signature is refused, naming the field */
static void
test_signature_invalid (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithSignature) nameless = kith_signature_new ("work", "  ");
  g_autoptr(KithSignature) bad_alias = kith_signature_new ("work", "Sales");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) alias_error = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_cmpint (kith_store_signature_save (t->store, nameless, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "name"));

  kith_signature_set_address (bad_alias, "Sales <sales@work.example>");
  g_assert_cmpint (kith_store_signature_save (t->store, bad_alias, &alias_error), ==, 0);
  g_assert_error (alias_error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (alias_error->message, "Sales <sales@work.example>"));

  none = kith_store_signatures_list (t->store, NULL, NULL);
  g_assert_cmpuint (none->len, ==, 0);
}

/* A signature saved from the GUI is announced as the signatures', and gets its id */
static void
test_signature_async (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithSignature) sig = kith_signature_new ("work", "Plain");
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(KithStoreChanges) changes = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  KithStoreChanges *heard;
  gulong listener = listen_for_changes (t, &heard);

  kith_store_signature_save_async (t->store, sig, on_async_done_cb, &saved);
  id = kith_store_signature_save_finish (t->store, wait_for_result (&saved), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_signature_get_id (sig), ==, id);
  changes = wait_for_changes (t, listener, &heard);
  g_assert_true (kith_store_changes_has_area (changes, KITH_STORE_AREA_SIGNATURES));
  g_assert_false (kith_store_changes_has_area (changes, KITH_STORE_AREA_OUTGOING));

  kith_store_signatures_list_async (t->store, "work", NULL, on_async_done_cb, &listed);
  list = kith_store_signatures_list_finish (t->store, wait_for_result (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/properties", test_outgoing_properties);
  g_test_add_func ("/outbox/parse-address", test_parse_address);
  g_test_add_func ("/outbox/save-and-update", test_save_and_update);
  g_test_add_func ("/outbox/save-refuses", test_save_refuses);
  g_test_add_func ("/outbox/list", test_list);
  g_test_add_func ("/outbox/save-announced", test_save_announced);
  g_test_add_func ("/outbox/queue-bad-address", test_queue_bad_address);
  g_test_add_func ("/outbox/queue-no-recipient", test_queue_no_recipient);
  g_test_add_func ("/outbox/queue-unreadable-attachment", test_queue_unreadable_attachment);
  g_test_add_func ("/outbox/queue-copies-and-fixes", test_queue_copies_and_fixes);
  g_test_add_func ("/outbox/unqueue", test_unqueue);
  g_test_add_func ("/outbox/claim-race", test_claim_race);
  g_test_add_func ("/outbox/retry-later", test_retry_later);
  g_test_add_func ("/outbox/sent-and-failed", test_sent_and_failed);
  g_test_add_func ("/outbox/discard", test_discard);
  g_test_add_func ("/outbox/reopen-sending", test_reopen_sending);
  g_test_add_func ("/outbox/async", test_async);
  g_test_add_func ("/outbox/signatures", test_signatures);
  g_test_add_func ("/outbox/signature-invalid", test_signature_invalid);
  g_test_add_func ("/outbox/signature-async", test_signature_async);

  return g_test_run ();
}
