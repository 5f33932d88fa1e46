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

static KithStoreChanges *
wait_for_changes (KithTestStore *t)
{
  KithStoreChanges *changes = NULL;
  gulong id = g_signal_connect (t->store, "changed", G_CALLBACK (on_changed_cb), &changes);

  while (changes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (t->store, id);

  return changes;
}

/* A draft saved is announced as the Outbox's, and as no record's */
static void
test_save_announced (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithOutgoing) msg = new_draft ();
  g_autoptr(KithStoreChanges) changes = NULL;

  save (t, msg);
  changes = wait_for_changes (t);
  g_assert_true (kith_store_changes_has_area (changes, KITH_STORE_AREA_OUTGOING));
  g_assert_false (kith_store_changes_has_area (changes, KITH_STORE_AREA_SIGNATURES));
  g_assert_cmpuint (kith_store_changes_get_kinds (changes), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/properties", test_outgoing_properties);
  g_test_add_func ("/outbox/save-and-update", test_save_and_update);
  g_test_add_func ("/outbox/save-refuses", test_save_refuses);
  g_test_add_func ("/outbox/list", test_list);
  g_test_add_func ("/outbox/save-announced", test_save_announced);

  return g_test_run ();
}
