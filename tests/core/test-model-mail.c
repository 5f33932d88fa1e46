/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Inbox and a record's timeline as typed list models: what they hold, read through the
 * typed store calls on the store's worker, and that Done, Undo, Snooze and a new note change
 * one position of the list, not the whole of it. A timeline is read a page at a time: the
 * newest first, the next older one each time more is asked for, each one insertion at the end.
 */

#include "kith-from-list.h"
#include "kith-list-sync.h"
#include "kith-mail-account.h"
#include "kith-test-util.h"

#define ACCOUNT "acct-1"
#define DAY_MS (24 * 3600 * G_GINT64_CONSTANT (1000))

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Every items-changed of a model, as "position,removed,added;" */
typedef struct {
  GString *log;
  guint    n;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  g_string_append_printf (changes->log, "%u,%u,%u;", position, removed, added);


  changes->n++;
}

static gboolean
is_loaded (gpointer data)
{
  gboolean loaded;

  g_object_get (data, "loaded", &loaded, NULL);
  return loaded;
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops the last reference to @model, and waits until a read still under way has ended with
 * it: only then may the store go */
static void
drop_model (gpointer model)
{
  g_object_add_weak_pointer (model, &model);
  g_object_unref (model);
  wait_for (is_gone, &model);
}

static gboolean
changed_once (gpointer data)
{
  return ((Changes *) data)->n > 0;
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
two_without_second (gpointer data)
{
  g_autoptr(KithMessage) first = g_list_model_get_item (data, 0);
  g_autoptr(KithMessage) last = g_list_model_get_item (data, 1);

  return g_list_model_get_n_items (data) == 2 && first != NULL && last != NULL &&
         g_strcmp0 (kith_message_get_subject (first), "About the house 1") == 0 &&
         g_strcmp0 (kith_message_get_subject (last), "About the house 3") == 0;
}

static void
add_inbox_mail (KithTestStore *t,
                const char    *uid,
                gint64         date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailHeaders) message = kith_mail_headers_new (ACCOUNT, "INBOX", uid, "inbox");
  g_autoptr(KithMailText) text = kith_mail_text_new ("Shall we see the house on Saturday?", FALSE);
  gint64 id;

  message->message_id = g_strdup_printf ("<%s@client.example>", uid);
  message->date = date;
  message->subject = g_strdup_printf ("About the house %s", uid);
  message->from = kith_mail_address_new ("fay@client.example", NULL);
  g_ptr_array_add (message->to, kith_mail_address_new ("me@agency.example", NULL));
  g_ptr_array_add (message->cc, kith_mail_address_new ("gus@client.example", "Gus, Jr."));
  id = kith_store_mail_index (t->store, message, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kith_store_mail_log (t->store, id, text, &error), >, 0);
  g_assert_no_error (error);
}

static KithTestStore *
store_with_inbox (void)
{
  KithTestStore *t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  const char *addresses[] = { "me@agency.example", NULL };

  g_assert_true (kith_store_mail_account_set_identity (t->store, ACCOUNT, NULL, addresses, &error));
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Fay\", \"emails\": [{\"value\": \"fay@client.example\"}]}");
  add_inbox_mail (t, "1", t->now - DAY_MS);
  add_inbox_mail (t, "2", t->now - 2 * DAY_MS);
  add_inbox_mail (t, "3", t->now - 3 * DAY_MS);

  return t;
}

static void
test_inbox_model (void)
{
  g_autoptr(KithTestStore) t = store_with_inbox ();
  KithInboxModel *inbox = kith_inbox_model_new (t->store);
  g_autoptr(KithMessage) second = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailPlace) place = NULL;
  Changes changes = { g_string_new (NULL), 0 };

  wait_for (is_loaded, inbox);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (inbox)) == KITH_TYPE_MESSAGE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inbox)), ==, 3);
  second = g_list_model_get_item (G_LIST_MODEL (inbox), 1);
  g_assert_cmpstr (kith_message_get_subject (second), ==, "About the house 2");
  g_assert_cmpstr (kith_message_get_sender_name (second), ==, "Fay");
  g_assert_cmpstr (kith_message_get_sender_address (second), ==, "fay@client.example");
  g_assert_cmpint (kith_message_get_date (second), ==, t->now - 2 * DAY_MS);
  g_assert_cmpint (kith_message_get_record_id (second), ==, kith_store_lookup (t->store, "fay@client.example", NULL));
  g_assert_cmpstr (kith_message_get_account (second), ==, ACCOUNT);
  g_assert_null (kith_message_get_body (second));
  /* What a reply names, read with the list */
  g_assert_cmpstr (kith_message_get_message_id (second), ==, "<2@client.example>");
  g_assert_cmpstr (kith_message_get_thread_id (second), ==, "<2@client.example>");
  g_assert_null (kith_message_get_to (second));

  /* The body is read when the message is opened, and who else it went to with it */
  kith_store_load_message_body_async (t->store, second, NULL, on_result_cb, &result);
  wait_for (result_ready, &result);
  g_assert_true (kith_store_load_message_body_finish (t->store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kith_message_get_body (second), ==, "Shall we see the house on Saturday?");
  g_assert_cmpstrv (kith_message_get_to (second), ((const char *[]) { "me@agency.example", NULL }));
  g_assert_cmpstrv (kith_message_get_cc (second), ((const char *[]) { "\"Gus, Jr.\" <gus@client.example>", NULL }));
  g_clear_object (&result);

  /* Done: the store's change takes out that one message, and the others stay as they were */
  g_signal_connect (inbox, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  kith_store_set_message_done_async (t->store, second, TRUE, on_result_cb, &result);
  wait_for (result_ready, &result);
  g_assert_true (kith_store_set_message_done_finish (t->store, result, &place, &error));
  g_assert_no_error (error);
  /* Still in INBOX on the server: to archive there, found by its UID or its Message-ID */
  g_assert_nonnull (place);
  g_assert_cmpstr (kith_mail_place_get_account (place), ==, ACCOUNT);
  g_assert_cmpstr (kith_mail_place_get_folder (place), ==, "INBOX");
  g_assert_cmpstr (kith_mail_place_get_uid (place), ==, "2");
  g_assert_nonnull (strstr (kith_mail_place_get_message_id (place), "2@client.example"));
  g_assert_true (kith_message_get_done (second));
  g_clear_object (&result);
  wait_for (changed_once, &changes);
  g_assert_cmpstr (changes.log->str, ==, "1,1,0;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inbox)), ==, 2);

  /* Undo, at once: the same message is back in its place */
  g_string_truncate (changes.log, 0);
  changes.n = 0;
  kith_inbox_model_restore (inbox, second);
  g_assert_cmpstr (changes.log->str, ==, "1,0,1;");
  kith_store_set_message_done_async (t->store, second, FALSE, on_result_cb, &result);
  wait_for (result_ready, &result);
  g_assert_true (kith_store_set_message_done_finish (t->store, result, NULL, &error));
  g_clear_object (&result);
  g_assert_false (kith_message_get_done (second));

  /* Snoozed, taken out at once */
  kith_inbox_model_remove (inbox, second);
  g_assert_cmpstr (changes.log->str, ==, "1,0,1;1,1,0;");
  kith_store_snooze_message_async (t->store, second, t->now + DAY_MS, on_result_cb, &result);
  wait_for (result_ready, &result);
  g_assert_true (kith_store_snooze_message_finish (t->store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kith_message_get_snoozed_until (second), ==, t->now + DAY_MS);
  /* (A read of the Inbox that began before the snooze was stored may show it once more) */
  wait_for (two_without_second, inbox);

  g_signal_handlers_disconnect_by_data (inbox, &changes);
  drop_model (inbox);
  g_string_free (changes.log, TRUE);
}

static void
add_item (KithTestStore    *t,
          KithTimelineItem *item,
          gint64            record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kith_store_add_timeline_item_async (t->store, item, record, on_result_cb, &result);
  wait_for (result_ready, &result);
  g_assert_cmpint (kith_store_add_timeline_item_finish (t->store, result, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_timeline_model (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON,
                                 "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  g_autoptr(KithTimelineItem) call = kith_timeline_item_new (KITH_TIMELINE_STYLE_CALL);
  g_autoptr(KithTimelineItem) note = kith_timeline_item_new (KITH_TIMELINE_STYLE_NOTE);
  KithTimelineModel *timeline = NULL;
  g_autoptr(KithTimelineItem) first = NULL;
  g_autoptr(KithTimelineItem) head = NULL;
  Changes changes = { g_string_new (NULL), 0 };
  GListModel *thread;

  kith_timeline_item_set_subject (call, "The offer");
  kith_timeline_item_set_duration (call, 300);
  kith_timeline_item_set_outcome (call, KITH_CALL_OUTCOME_LEFT_VOICEMAIL);
  kith_timeline_item_set_direction (call, KITH_DIRECTION_OUTBOUND);
  add_item (t, call, bob);
  t->now += 1000;
  kith_test_add (t, "item", "{\"style\": \"email\", \"from\": \"bob@client.example\", \"subject\": \"Survey\", "
                                "\"threadid\": \"<s1@client.example>\", \"body\": \"Damp in the cellar\"}");
  t->now += 1000;
  kith_test_add (t, "item", "{\"style\": \"email\", \"from\": \"bob@client.example\", \"subject\": \"Re: Survey\", "
                                "\"threadid\": \"<s1@client.example>\", \"body\": \"And the roof\"}");

  timeline = kith_timeline_model_new (t->store, bob);
  wait_for (is_loaded, timeline);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 2);

  /* The thread is one item, its newest; the call keeps what was logged */
  head = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpint (kith_timeline_item_get_style (head), ==, KITH_TIMELINE_STYLE_EMAIL);
  g_assert_cmpstr (kith_timeline_item_get_subject (head), ==, "Re: Survey");
  g_assert_cmpstr (kith_timeline_item_get_sender_name (head), ==, "Bob Buyer");
  thread = kith_timeline_model_get_thread (timeline, head);
  g_assert_nonnull (thread);
  g_assert_cmpuint (g_list_model_get_n_items (thread), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (timeline), 1);
  g_assert_cmpint (kith_timeline_item_get_style (first), ==, KITH_TIMELINE_STYLE_CALL);
  g_assert_cmpint (kith_timeline_item_get_outcome (first), ==, KITH_CALL_OUTCOME_LEFT_VOICEMAIL);
  g_assert_cmpint (kith_timeline_item_get_direction (first), ==, KITH_DIRECTION_OUTBOUND);
  g_assert_cmpint (kith_timeline_item_get_duration (first), ==, 300);
  g_assert_null (kith_timeline_model_get_thread (timeline, first));

  /* A note: one insertion at the top */
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  t->now += 1000;
  kith_timeline_item_set_subject (note, "Prefers calls after six");
  kith_timeline_item_set_body (note, "Prefers calls after six");
  add_item (t, note, bob);
  wait_for (changed_once, &changes);
  g_assert_cmpstr (changes.log->str, ==, "0,0,1;");
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpint (kith_timeline_item_get_style (first), ==, KITH_TIMELINE_STYLE_NOTE);
  g_assert_cmpstr (kith_timeline_item_get_body (first), ==, "Prefers calls after six");

  g_signal_handlers_disconnect_by_data (timeline, &changes);
  drop_model (timeline);
  g_string_free (changes.log, TRUE);
}

/* The first items of a list, for rows built a batch at a time: a change is passed on as it is,
 * and only what moves in or out at the end follows */
static void
test_limit_model (void)
{
  g_autoptr(GListStore) all = g_list_store_new (KITH_TYPE_MESSAGE);
  g_autoptr(KithLimitModel) first = NULL;
  Changes changes = { g_string_new (NULL), 0 };

  for (gint64 id = 1; id <= 5; id++)
    {
      g_autoptr(KithMessage) message = kith_message_new (id);
      g_list_store_append (all, message);
    }
  first = kith_limit_model_new (G_LIST_MODEL (all), 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 3);
  g_signal_connect (first, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* One out of the first three: it goes, the fourth comes in at the end */
  g_list_store_remove (all, 1);
  g_assert_cmpstr (changes.log->str, ==, "1,1,0;2,0,1;");
  g_string_truncate (changes.log, 0);

  /* Back in its place: it comes, the last one shown goes */
  {
    g_autoptr(KithMessage) message = kith_message_new (2);
    g_list_store_insert (all, 1, message);
  }
  g_assert_cmpstr (changes.log->str, ==, "1,0,1;3,1,0;");
  g_string_truncate (changes.log, 0);

  /* Beyond what is shown: nothing; a bigger batch: the rest at the end */
  g_list_store_remove (all, 4);
  g_assert_cmpstr (changes.log->str, ==, "");
  kith_limit_model_set_limit (first, 10);
  g_assert_cmpstr (changes.log->str, ==, "3,0,1;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 4);

  g_string_free (changes.log, TRUE);
}

static KithMessage *
message_new (gint64      id,
             const char *subject)
{
  return g_object_new (KITH_TYPE_MESSAGE, "id", id, "subject", subject, NULL);
}

static gboolean
same_message (gpointer message,
              gpointer other)
{
  return kith_message_get_id (message) == kith_message_get_id (other);
}

/* A list read again reaches the list shown as the smallest changes: what went is removed, what
 * came inserted in one go, what moved taken out and put back; what stays keeps its object */
static void
test_list_sync (void)
{
  g_autoptr(GListStore) shown = g_list_store_new (KITH_TYPE_MESSAGE);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KithMessage) kept = NULL;
  g_autoptr(KithMessage) moved = NULL;
  Changes changes = { g_string_new (NULL), 0 };

  for (gint64 id = 1; id <= 5; id++)
    {
      g_autoptr(KithMessage) message = message_new (id, "Before");

      g_list_store_append (shown, message);
    }
  kept = g_list_model_get_item (G_LIST_MODEL (shown), 1);
  moved = g_list_model_get_item (G_LIST_MODEL (shown), 4);
  g_signal_connect (shown, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  /* 3 went, 5 moved to the front, 6 and 7 came after 2 */
  g_ptr_array_add (fresh, message_new (5, "Moved"));
  g_ptr_array_add (fresh, message_new (1, "Before"));
  g_ptr_array_add (fresh, message_new (2, "After"));
  g_ptr_array_add (fresh, message_new (6, "New"));
  g_ptr_array_add (fresh, message_new (7, "New"));
  g_ptr_array_add (fresh, message_new (4, "Before"));
  kith_list_store_sync (shown, fresh, same_message, (KithItemUpdateFunc) kith_message_update);

  g_assert_cmpstr (changes.log->str, ==, "2,1,0;3,1,0;0,0,1;3,0,2;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 6);
  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(KithMessage) message = g_list_model_get_item (G_LIST_MODEL (shown), i);

      g_assert_cmpint (kith_message_get_id (message), ==, kith_message_get_id (g_ptr_array_index (fresh, i)));
    }
  /* The objects shown stay, with the values read again */
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (shown), 2) == (gpointer) kept);
  g_object_unref (kept);
  g_assert_cmpstr (kith_message_get_subject (kept), ==, "After");
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (shown), 0) == (gpointer) moved);
  g_object_unref (moved);
  g_assert_cmpstr (kith_message_get_subject (moved), ==, "Moved");

  g_string_free (changes.log, TRUE);
}

static gboolean
counts_four (gpointer data)
{
  return kith_inbox_model_get_count (data) == 4;
}

/* Hidden, the Inbox keeps a new reading aside and only its count follows; shown again, the
 * list is that reading */
static void
test_inbox_model_hidden (void)
{
  g_autoptr(KithTestStore) t = store_with_inbox ();
  KithInboxModel *inbox = kith_inbox_model_new (t->store);
  Changes changes = { g_string_new (NULL), 0 };

  wait_for (is_loaded, inbox);
  g_assert_cmpuint (kith_inbox_model_get_count (inbox), ==, 3);
  kith_inbox_model_set_shown (inbox, FALSE);
  g_signal_connect (inbox, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  add_inbox_mail (t, "4", t->now - 4 * DAY_MS);
  wait_for (counts_four, inbox);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inbox)), ==, 3);
  g_assert_cmpuint (changes.n, ==, 0);

  kith_inbox_model_set_shown (inbox, TRUE);
  g_assert_cmpstr (changes.log->str, ==, "3,0,1;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inbox)), ==, 4);
  g_assert_cmpuint (kith_inbox_model_get_count (inbox), ==, 4);

  g_signal_handlers_disconnect_by_data (inbox, &changes);
  drop_model (inbox);
  g_string_free (changes.log, TRUE);
}

static gboolean
counts_23 (gpointer data)
{
  return kith_inbox_model_get_count (data) == 23;
}

static void
on_count_cb (GObject    *inbox,
             GParamSpec *pspec,
             guint      *n_counts)
{
  (*n_counts)++;
}

/* Hidden, a burst of new mail such as capture writes is read into the count a few times, not
 * once a message: reading after every change while nobody looked kept a core busy. Shown, the
 * Inbox reads at once */
static void
test_inbox_model_hidden_burst (void)
{
  g_autoptr(KithTestStore) t = store_with_inbox ();
  KithInboxModel *inbox = kith_inbox_model_new (t->store);
  guint n_counts = 0;

  wait_for (is_loaded, inbox);
  kith_inbox_model_set_shown (inbox, FALSE);
  g_signal_connect (inbox, "notify::count", G_CALLBACK (on_count_cb), &n_counts);

  for (guint i = 4; i <= 23; i++)
    {
      g_autofree char *uid = g_strdup_printf ("%u", i);
      gint64 until = g_get_monotonic_time () + 20 * 1000;

      add_inbox_mail (t, uid, t->now - i * DAY_MS);
      /* Capture's pace: time for a reading between two messages */
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  wait_for (counts_23, inbox);
  /* One count a message, before */
  g_assert_cmpuint (n_counts, <=, 4);
  g_signal_handlers_disconnect_by_data (inbox, &n_counts);

  kith_inbox_model_set_shown (inbox, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (inbox)), ==, 23);

  drop_model (inbox);
}

/* A record's timeline a page at a time: a page as the model reads one, notes for more than two */
#define PAGE 200
#define MINUTE_MS G_GINT64_CONSTANT (60000)

static gboolean
log_is_long (gpointer data)
{
  gpointer *args = data;

  return ((Changes *) args[0])->log->len >= strlen (args[1]);
}

/* Runs the main loop until @changes say as much as @expected, then asserts they say that */
static void
wait_for_log (Changes    *changes,
              const char *expected)
{
  gpointer args[] = { changes, (gpointer) expected };

  wait_for (log_is_long, args);
  g_assert_cmpstr (changes->log->str, ==, expected);
}

/* Note @i of a person's, dated @i minutes after the first: the higher, the newer. From another
 * app, so that adding it again with another subject changes it */
static void
add_note (KithTestStore *t,
          guint          i,
          const char    *subject)
{
  g_autofree char *json = g_strdup_printf ("{\"style\": \"note\", \"source\": \"notes.example.com\", "
                                           "\"uniqueid\": \"n-%u\", \"subject\": \"%s\", "
                                           "\"date\": %" G_GINT64_FORMAT ", \"references\": [\"bob@client.example\"]}",
                                           i, subject, t->now - 1000 * MINUTE_MS + i * MINUTE_MS);

  kith_test_add (t, "item", json);
}

static gint64
person_with_notes (KithTestStore *t,
                   guint          n)
{
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON,
                                 "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Note %03u", i);

      add_note (t, i, subject);
    }

  return bob;
}

/* The model holds notes @n - 1 down to 0, newest first */
static void
assert_holds_newest_first (GListModel *model,
                           guint       n)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint position = 0; position < n; position++)
    {
      g_autoptr(KithTimelineItem) item = g_list_model_get_item (model, position);
      g_autofree char *expected = g_strdup_printf ("Note %03u", n - 1 - position);

      g_assert_cmpstr (kith_timeline_item_get_subject (item), ==, expected);
    }
}

static gboolean
is_revised (gpointer data)
{
  return g_strcmp0 (kith_timeline_item_get_subject (data), "Note 010, revised") == 0;
}

/* 450 items: 200, 200 more, the last 50, then no more; each page one insertion at the end */
static void
test_timeline_pages (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 bob = person_with_notes (t, 450);
  KithTimelineModel *timeline = kith_timeline_model_new (t->store, bob);
  Changes changes = { g_string_new (NULL), 0 };
  g_autoptr(KithTimelineItem) old = NULL;

  wait_for (is_loaded, timeline);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, PAGE);
  g_assert_true (kith_timeline_model_get_has_more (timeline));
  {
    g_autoptr(KithTimelineItem) newest = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
    g_autoptr(KithTimelineItem) last = g_list_model_get_item (G_LIST_MODEL (timeline), PAGE - 1);

    g_assert_cmpstr (kith_timeline_item_get_subject (newest), ==, "Note 449");
    g_assert_cmpstr (kith_timeline_item_get_subject (last), ==, "Note 250");
  }

  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  kith_timeline_model_load_more (timeline);
  /* Asked for twice while it is read: one page */
  kith_timeline_model_load_more (timeline);
  wait_for_log (&changes, "200,0,200;");
  g_assert_true (kith_timeline_model_get_has_more (timeline));

  kith_timeline_model_load_more (timeline);
  wait_for_log (&changes, "200,0,200;400,0,50;");
  g_assert_false (kith_timeline_model_get_has_more (timeline));
  assert_holds_newest_first (G_LIST_MODEL (timeline), 450);

  /* Nothing left: nothing read */
  kith_timeline_model_load_more (timeline);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 450);

  /* An item of the third page changed: the same item, updated where it is */
  old = g_list_model_get_item (G_LIST_MODEL (timeline), 439);
  g_assert_cmpstr (kith_timeline_item_get_subject (old), ==, "Note 010");
  add_note (t, 10, "Note 010, revised");
  wait_for (is_revised, old);
  g_assert_cmpstr (changes.log->str, ==, "200,0,200;400,0,50;");
  {
    g_autoptr(KithTimelineItem) now = g_list_model_get_item (G_LIST_MODEL (timeline), 439);

    g_assert_true (now == old);
  }

  /* One more on top: one insertion, the pages below stay */
  add_note (t, 450, "Note 450");
  wait_for_log (&changes, "200,0,200;400,0,50;0,0,1;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 451);
  g_assert_false (kith_timeline_model_get_has_more (timeline));

  g_signal_handlers_disconnect_by_data (timeline, &changes);
  drop_model (timeline);
  g_string_free (changes.log, TRUE);
}

/* A change while more pages than the first are held reads them all again, and no further:
 * an item added on top leaves the next page where it starts */
static void
test_timeline_refresh_keeps_pages (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 bob = person_with_notes (t, 450);
  KithTimelineModel *timeline = kith_timeline_model_new (t->store, bob);
  Changes changes = { g_string_new (NULL), 0 };

  wait_for (is_loaded, timeline);
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  kith_timeline_model_load_more (timeline);
  wait_for_log (&changes, "200,0,200;");

  add_note (t, 450, "Note 450");
  wait_for_log (&changes, "200,0,200;0,0,1;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 401);
  g_assert_true (kith_timeline_model_get_has_more (timeline));

  /* The next page starts after the last one held, not 401 items down */
  kith_timeline_model_load_more (timeline);
  wait_for_log (&changes, "200,0,200;0,0,1;401,0,50;");
  assert_holds_newest_first (G_LIST_MODEL (timeline), 451);
  g_assert_false (kith_timeline_model_get_has_more (timeline));

  g_signal_handlers_disconnect_by_data (timeline, &changes);
  drop_model (timeline);
  g_string_free (changes.log, TRUE);
}

/* Exactly one page: nothing more to read */
static void
test_timeline_one_page (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 bob = person_with_notes (t, PAGE);
  KithTimelineModel *timeline = kith_timeline_model_new (t->store, bob);

  wait_for (is_loaded, timeline);
  assert_holds_newest_first (G_LIST_MODEL (timeline), PAGE);
  g_assert_false (kith_timeline_model_get_has_more (timeline));

  drop_model (timeline);
}

/* The reader's bounds: after an item, and down to one, in the order (date, id) */
static void
test_timeline_range (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 bob = person_with_notes (t, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = kith_store_get_timeline_range (t->store, bob, NULL, NULL, G_MAXUINT, &error);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) down_to = NULL;
  KithTimelineItem *third;
  KithTimelineKey key;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  third = g_ptr_array_index (all, 2);
  key = (KithTimelineKey) { kith_timeline_item_get_date (third), kith_timeline_item_get_id (third) };

  after = kith_store_get_timeline_range (t->store, bob, &key, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (kith_timeline_item_get_subject (g_ptr_array_index (after, 0)), ==, "Note 001");

  down_to = kith_store_get_timeline_range (t->store, bob, NULL, &key, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (down_to->len, ==, 3);
  g_assert_cmpstr (kith_timeline_item_get_subject (g_ptr_array_index (down_to, 2)), ==, "Note 002");
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

/* The addresses mail can go from: each account's own, then its aliases; labelled with the
 * account's name; found by account and address, else the account's own; listed again when the
 * accounts change */
static void
test_from_list (void)
{
  g_autoptr(GListStore) accounts = g_list_store_new (KITH_TYPE_MAIL_ACCOUNT);
  g_autoptr(KithMailAccount) work = kith_mail_account_new ("work");
  g_autoptr(KithMailAccount) home = kith_mail_account_new ("home");
  g_autoptr(KithFromList) list = NULL;
  g_autoptr(KithFromAddress) alias = NULL;
  g_autoptr(KithFromAddress) own = NULL;
  const char *aliases[] = { "sales@agency.example", NULL };
  guint changes = 0;

  kith_mail_account_update (work, "Work", "me@agency.example", "Alice Moore", NULL, NULL, 0, aliases);
  kith_mail_account_update (home, "Home", "alice@home.example", NULL, NULL, NULL, 0, NULL);
  g_list_store_append (accounts, work);
  list = kith_from_list_new (G_LIST_MODEL (accounts));
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  alias = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (kith_from_address_get_label (alias), ==, "Alice Moore <sales@agency.example>");
  g_assert_cmpstr (kith_from_address_get_account (alias), ==, "work");
  g_assert_cmpstr (kith_from_address_get_name (alias), ==, "Alice Moore");
  g_assert_cmpuint (kith_from_list_find (list, "work", "SALES@agency.example"), ==, 1);
  g_assert_cmpuint (kith_from_list_find (list, "work", "gone@agency.example"), ==, 0);
  g_assert_cmpuint (kith_from_list_find (list, "home", NULL), ==, G_MAXUINT);

  g_list_store_append (accounts, home);
  g_assert_cmpuint (changes, ==, 0);
  kith_from_list_reload (list);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (kith_from_list_find (list, "home", NULL), ==, 2);
  own = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpstr (kith_from_address_get_label (own), ==, "alice@home.example");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/inbox", test_inbox_model);
  g_test_add_func ("/model/from-list", test_from_list);
  g_test_add_func ("/model/timeline", test_timeline_model);
  g_test_add_func ("/model/limit", test_limit_model);
  g_test_add_func ("/model/list-sync", test_list_sync);
  g_test_add_func ("/model/inbox-hidden", test_inbox_model_hidden);
  g_test_add_func ("/model/inbox-hidden-burst", test_inbox_model_hidden_burst);
  g_test_add_func ("/model/timeline-pages", test_timeline_pages);
  g_test_add_func ("/model/timeline-refresh-keeps-pages", test_timeline_refresh_keeps_pages);
  g_test_add_func ("/model/timeline-one-page", test_timeline_one_page);
  g_test_add_func ("/model/timeline-range", test_timeline_range);

  return g_test_run ();
}
