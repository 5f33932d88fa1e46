/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

/* Mail merge in the store (docs/merge.md): exclusions, preview, the throttle under an injected
 * clock, pause/resume/cancel, and queueing that is all or nothing per batch */

#define MINUTE_MS G_GINT64_CONSTANT (60000)
#define DAY_MS    (G_GINT64_CONSTANT (24) * 60 * MINUTE_MS)

static gint64
add_template (KithTestStore *t,
              const char    *subject,
              const char    *body,
              const char    *attachment)
{
  const char *attachments[] = { attachment, NULL };
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", "Hello", "subject", subject,
                                                   "body", body, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (attachment != NULL)
    g_object_set (template, "attachments", attachments, NULL);
  id = kith_store_template_save (t->store, template, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* @n people, person i named "Person i" at pi@example.com */
static GArray *
add_people (KithTestStore *t,
            guint          n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"first\": \"Person\", \"last\": \"%u\", "
                                               "\"emails\": [\"p%u@example.com\"]}", i, i);
      gint64 id = kith_test_create (t, KITH_RECORD_PERSON, json);

      g_array_append_val (ids, id);
    }

  return ids;
}

static gint64
create_merge (KithTestStore *t,
              gint64         template_id,
              GArray        *people,
              guint          cap,
              guint          rate,
              gint64         start)
{
  KithMergeLimits limits = { cap, rate, start };
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_mail_merge_create (t->store, template_id, "account-uid", "me@home.example", "Me Myself",
                                            people, &limits, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
get_summary (KithTestStore    *t,
             gint64            merge_id,
             KithMergeSummary *summary)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_store_mail_merge_get_summary (t->store, merge_id, summary, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list_outgoing (KithTestStore *t,
               guint          mask)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = kith_store_outgoing_list (t->store, mask, &error);

  g_assert_no_error (error);
  return all;
}

static GPtrArray *
recipients (KithTestStore *t,
            gint64         merge_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = kith_store_mail_merge_recipients (t->store, merge_id, 0, G_MAXUINT, FALSE, &error);

  g_assert_no_error (error);
  return all;
}

/* Every queued recipient's message is in the Outbox, and every message is one recipient's */
static void
assert_queue_consistent (KithTestStore *t,
                         gint64         merge_id)
{
  g_autoptr(GPtrArray) messages = list_outgoing (t, KITH_OUTGOING_MASK_ALL);
  g_autoptr(GPtrArray) all = recipients (t, merge_id);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint with_message = 0;

  for (guint i = 0; i < messages->len; i++)
    {
      KithOutgoing *msg = messages->pdata[i];
      gint64 *id = g_new (gint64, 1);

      *id = kith_outgoing_get_id (msg);
      g_hash_table_add (ids, id);
    }
  for (guint i = 0; i < all->len; i++)
    {
      KithMergeRecipient *r = all->pdata[i];
      gint64 id = kith_merge_recipient_get_outgoing_id (r);

      if (kith_merge_recipient_get_state (r) == KITH_MERGE_RECIPIENT_PENDING ||
          kith_merge_recipient_get_state (r) == KITH_MERGE_RECIPIENT_EXCLUDED)
        g_assert_cmpint (id, ==, 0);
      else
        {
          g_assert_true (g_hash_table_contains (ids, &id));
          with_message++;
        }
    }
  g_assert_cmpuint (with_message, ==, messages->len);
  g_hash_table_foreach (ids, (GHFunc) (void (*) (void)) g_free, NULL);
}

/* The sender's part, as the Outbox's exactly-once rules have it: every message due by now
 * claimed and accepted; how many */
static guint
send_due (KithTestStore *t)
{
  g_autoptr(GError) error = NULL;
  KithOutgoing *msg;
  guint n = 0;

  while ((msg = kith_store_outgoing_claim (t->store, t->now * 1000, &error)) != NULL)
    {
      g_assert_true (kith_store_outgoing_set_sent (t->store, kith_outgoing_get_id (msg), &error));
      g_object_unref (msg);
      n++;
    }
  g_assert_no_error (error);

  return n;
}

/* A cap of 50 a day over 200 recipients: four days, never more than 50 in one */
static void
test_throttle (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GArray) people = add_people (t, 200);
  g_autoptr(GError) error = NULL;
  gint64 template_id = add_template (t, "Hello {{first_name}}", "Dear {{name}}", NULL);
  gint64 start = t->now;
  gint64 merge_id = create_merge (t, template_id, people, 50, 10, 0);
  KithMergeSummary summary;
  guint per_day[5] = { 0 };
  guint total = 0;

  get_summary (t, merge_id, &summary);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_DRAFT);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 200);
  /* Finishes on the fourth day: within 3 days and (50 / 10 a minute) 4 minutes of the start */
  g_assert_cmpint (summary.finish, ==, start + 3 * DAY_MS + 4 * MINUTE_MS);

  g_assert_cmpint (kith_store_mail_merge_start (t->store, merge_id, &error), ==, 200);
  g_assert_no_error (error);
  assert_queue_consistent (t, merge_id);

  /* The clock goes on a minute at a time for five days; the sender sends what is due */
  for (gint64 minute = 0; minute < 5 * 24 * 60; minute++)
    {
      guint day = (t->now - start) / DAY_MS;
      guint sent = send_due (t);

      if (sent > 0)
        {
          /* Never more than the rate in a minute */
          g_assert_cmpuint (sent, <=, 10);
          per_day[day] += sent;
          total += sent;
        }
      t->now += MINUTE_MS;
    }

  for (guint day = 0; day < 4; day++)
    g_assert_cmpuint (per_day[day], ==, 50);
  g_assert_cmpuint (per_day[4], ==, 0);
  g_assert_cmpuint (total, ==, 200);

  g_assert_true (kith_store_mail_merge_follow (t->store, merge_id, &error));
  get_summary (t, merge_id, &summary);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_FINISHED);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_SENT], ==, 200);
  g_assert_cmpint (summary.finish, ==, 0);
}

/* As the user sets it: the person's doNotEmail member, through the record write path */
static void
set_do_not_email (KithTestStore *t,
                  gint64         person_id)
{
  g_autoptr(JsonObject) update = kith_test_json ("{\"doNotEmail\": true}");
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_store_update_record (t->store, person_id, update, &error));
  g_assert_no_error (error);
  record = kith_store_get_record (t->store, person_id, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (record, "doNotEmail"));
}

static KithMergeRecipient *
recipient_at (KithTestStore *t,
              gint64         merge_id,
              guint          position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = kith_store_mail_merge_recipients (t->store, merge_id, position, 1, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  return g_object_ref (page->pdata[0]);
}

/* Each reason to leave someone out, counted; by hand, out and in again */
static void
test_exclusions (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KithMergeRecipient) r = NULL;
  gint64 template_id = add_template (t, "Hello {{first_name|there}}", "About {{company}}", NULL);
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.example\"]}");
  const char *people_json[] = {
    "{\"name\": \"Ann Lee\", \"emails\": [\"ann@example.com\"], \"company\": \"acme.example\"}",
    "{\"name\": \"No Mail\", \"company\": \"acme.example\"}",
    "{\"name\": \"Cy\", \"emails\": [\"cy@example.com\"], \"company\": \"acme.example\"}",
    "{\"name\": \"Loner\", \"emails\": [\"loner@example.com\"]}",
    "{\"name\": \"Quiet One\", \"emails\": [\"quiet@example.com\"], \"company\": \"acme.example\"}",
    "{\"name\": \"Bo Ok\", \"emails\": [\"bo@example.com\"], \"company\": \"acme.example\"}",
  };
  KithMergeSummary summary;
  gint64 merge_id;

  for (guint i = 0; i < G_N_ELEMENTS (people_json); i++)
    {
      const char *json = people_json[i];
      gint64 id = kith_test_create (t, KITH_RECORD_PERSON, json);

      g_array_append_val (people, id);
    }
  /* Ann twice (a list and a deal can both name her): her address again */
  g_array_index (people, gint64, 2) = g_array_index (people, gint64, 0);
  set_do_not_email (t, g_array_index (people, gint64, 4));

  merge_id = create_merge (t, template_id, people, 0, 0, 0);
  get_summary (t, merge_id, &summary);
  g_assert_cmpuint (summary.total, ==, 6);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 2);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_EXCLUDED], ==, 4);
  g_assert_cmpuint (summary.by_exclusion[KITH_MERGE_EXCLUSION_NO_EMAIL], ==, 1);
  g_assert_cmpuint (summary.by_exclusion[KITH_MERGE_EXCLUSION_DUPLICATE], ==, 1);
  g_assert_cmpuint (summary.by_exclusion[KITH_MERGE_EXCLUSION_EMPTY_FIELD], ==, 1);
  g_assert_cmpuint (summary.by_exclusion[KITH_MERGE_EXCLUSION_DO_NOT_EMAIL], ==, 1);

  r = recipient_at (t, merge_id, 3);
  g_assert_cmpstr (kith_merge_recipient_get_name (r), ==, "Loner");
  g_assert_cmpint (kith_merge_recipient_get_exclusion (r), ==, KITH_MERGE_EXCLUSION_EMPTY_FIELD);
  g_assert_cmpstr (kith_merge_recipient_get_detail (r), ==, "company");
  g_clear_object (&r);

  /* Bo left out by hand, and taken back in */
  g_assert_true (kith_store_mail_merge_set_excluded (t->store, merge_id, 5, TRUE, &error));
  g_assert_no_error (error);
  get_summary (t, merge_id, &summary);
  g_assert_cmpuint (summary.by_exclusion[KITH_MERGE_EXCLUSION_BY_HAND], ==, 1);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 1);
  g_assert_true (kith_store_mail_merge_set_excluded (t->store, merge_id, 5, FALSE, &error));
  g_assert_no_error (error);
  get_summary (t, merge_id, &summary);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 2);

  /* Someone with no address cannot be taken in */
  g_assert_false (kith_store_mail_merge_set_excluded (t->store, merge_id, 1, FALSE, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Only those not excluded go to the Outbox */
  g_assert_cmpint (kith_store_mail_merge_start (t->store, merge_id, &error), ==, 2);
  g_assert_no_error (error);
  assert_queue_consistent (t, merge_id);
}

/* A company is its people and a query finds people; each person once */
static void
test_resolve (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.example\"]}");
  const char *ann_json = "{\"name\": \"Ann\", \"company\": \"acme.example\"}";
  gint64 ann = kith_test_create (t, KITH_RECORD_PERSON, ann_json);
  gint64 bo = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bo\"}");
  gint64 ids[] = { bo, acme, ann };
  g_autoptr(GArray) people = kith_store_mail_merge_resolve (t->store, ids, G_N_ELEMENTS (ids), NULL, &error);
  g_autoptr(GArray) found = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpint (g_array_index (people, gint64, 0), ==, bo);
  g_assert_cmpint (g_array_index (people, gint64, 1), ==, ann);

  found = kith_store_mail_merge_resolve (t->store, NULL, 0, "Bo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, bo);
}

/* A page of thousands, merged for each recipient */
static void
test_preview_paging (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GArray) people = add_people (t, 1200);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  gint64 template_id = add_template (t, "Hello {{first_name}} {{last_name}}", "Dear {{name}},", NULL);
  gint64 merge_id = create_merge (t, template_id, people, 0, 0, 0);

  page = kith_store_mail_merge_recipients (t->store, merge_id, 1100, 20, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 20);
  for (guint i = 0; i < page->len; i++)
    {
      KithMergeRecipient *r = page->pdata[i];
      g_autofree char *subject = g_strdup_printf ("Hello Person %u", 1100 + i);
      g_autofree char *address = g_strdup_printf ("p%u@example.com", 1100 + i);

      g_assert_cmpuint (kith_merge_recipient_get_position (r), ==, 1100 + i);
      g_assert_cmpstr (kith_merge_recipient_get_subject (r), ==, subject);
      g_assert_cmpstr (kith_merge_recipient_get_address (r), ==, address);
    }
  g_clear_pointer (&page, g_ptr_array_unref);

  page = kith_store_mail_merge_recipients (t->store, merge_id, 1190, 20, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
}

static guint
count_outgoing (KithTestStore *t,
                KithOutgoingState state)
{
  g_autoptr(GPtrArray) list = list_outgoing (t, KITH_OUTGOING_MASK (state));

  return list->len;
}

/* Pause takes back what is not sent (not what a sender has claimed), Resume queues it again,
 * Cancel leaves it unsent; the report says where everyone is */
static void
test_pause_resume_cancel (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GArray) people = add_people (t, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) claimed = NULL;
  g_autofree char *csv = NULL;
  gint64 template_id = add_template (t, "Hello {{first_name}}", "Hi", NULL);
  gint64 merge_id = create_merge (t, template_id, people, 0, 1, 0);
  KithMergeSummary summary;

  /* Pausing a merge not running is refused */
  g_assert_false (kith_store_mail_merge_pause (t->store, merge_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_cmpint (kith_store_mail_merge_start (t->store, merge_id, &error), ==, 10);
  g_assert_no_error (error);
  g_assert_cmpuint (count_outgoing (t, KITH_OUTGOING_QUEUED), ==, 10);

  /* One a minute: the first is due now, and a sender takes it */
  claimed = kith_store_outgoing_claim (t->store, t->now * 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  g_assert_null (kith_store_outgoing_claim (t->store, t->now * 1000, &error));

  g_assert_true (kith_store_mail_merge_pause (t->store, merge_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_outgoing (t, KITH_OUTGOING_QUEUED), ==, 0);
  g_assert_cmpuint (count_outgoing (t, KITH_OUTGOING_SENDING), ==, 1);
  get_summary (t, merge_id, &summary);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_PAUSED);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 9);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_QUEUED], ==, 1);
  assert_queue_consistent (t, merge_id);

  /* The claimed one is sent and followed */
  g_assert_true (kith_store_outgoing_set_sent (t->store, kith_outgoing_get_id (claimed), &error));
  g_assert_true (kith_store_mail_merge_follow (t->store, merge_id, &error));
  get_summary (t, merge_id, &summary);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_SENT], ==, 1);

  /* Resumed an hour later: from then on */
  t->now += 60 * MINUTE_MS;
  g_assert_cmpint (kith_store_mail_merge_resume (t->store, merge_id, &error), ==, 9);
  g_assert_no_error (error);
  get_summary (t, merge_id, &summary);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_RUNNING);
  g_assert_cmpint (summary.finish, ==, t->now + 8 * MINUTE_MS);
  g_assert_cmpuint (send_due (t), ==, 1);
  assert_queue_consistent (t, merge_id);

  /* One fails for good: the server's text is the recipient's */
  t->now += MINUTE_MS;
  g_clear_object (&claimed);
  claimed = kith_store_outgoing_claim (t->store, t->now * 1000, &error);
  g_assert_nonnull (claimed);
  g_assert_true (kith_store_outgoing_set_failed (t->store, kith_outgoing_get_id (claimed),
                                                 "550 5.1.1 No such user", &error));

  g_assert_true (kith_store_mail_merge_cancel (t->store, merge_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_outgoing (t, KITH_OUTGOING_QUEUED), ==, 0);
  get_summary (t, merge_id, &summary);
  g_assert_cmpint (summary.state, ==, KITH_MERGE_CANCELLED);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_SENT], ==, 2);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_FAILED], ==, 1);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 7);
  g_assert_false (kith_store_mail_merge_resume (t->store, merge_id, &error) >= 0);
  g_clear_error (&error);

  csv = kith_store_mail_merge_report_csv (t->store, merge_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "name,address,state,reason,detail\r\n"
                                        "Person 0,p0@example.com,sent,,\r\n"
                                        "Person 1,p1@example.com,sent,,\r\n"
                                        "Person 2,p2@example.com,failed,,550 5.1.1 No such user\r\n"
                                        "Person 3,p3@example.com,pending,,\r\n"));
}

/* A batch goes to the Outbox whole or not at all: one message that cannot be queued (its
 * attachment gone) leaves every recipient pending and no message behind */
static void
test_queue_all_or_nothing (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GArray) people = add_people (t, 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (t->dir, "brochure.txt", NULL);
  g_autoptr(KithTemplate) template = NULL;
  gint64 template_id, merge_id;
  const char *copy;
  KithMergeSummary summary;

  g_assert_true (g_file_set_contents (file, "Our offer", -1, NULL));
  template_id = add_template (t, "Hello {{first_name}}", "See attached", file);
  template = kith_store_template_get (t->store, template_id, &error);
  g_assert_no_error (error);
  copy = kith_template_get_attachments (template)[0];
  merge_id = create_merge (t, template_id, people, 0, 0, 0);

  g_assert_cmpint (g_unlink (copy), ==, 0);
  g_assert_cmpint (kith_store_mail_merge_start (t->store, merge_id, &error), ==, -1);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_outgoing (t, KITH_OUTGOING_DRAFT) + count_outgoing (t, KITH_OUTGOING_QUEUED), ==, 0);
  get_summary (t, merge_id, &summary);
  g_assert_cmpuint (summary.by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 30);
  assert_queue_consistent (t, merge_id);

  /* The file back: the merge, paused, queues them all, each once */
  g_assert_true (g_file_set_contents (copy, "Our offer", -1, NULL));
  g_assert_true (kith_store_mail_merge_pause (t->store, merge_id, &error));
  g_assert_cmpint (kith_store_mail_merge_resume (t->store, merge_id, &error), ==, 30);
  g_assert_no_error (error);
  g_assert_cmpuint (count_outgoing (t, KITH_OUTGOING_QUEUED), ==, 30);
  assert_queue_consistent (t, merge_id);
}

/* A step's reminder acted on: its template merged for the person, as a draft; a step with no
 * template says so */
static void
test_step_compose (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", "Buyer welcome",
                                                   "subject", "Welcome, {{first_name}}",
                                                   "body", "<p>Hello {{name}},</p><p>{{my.first_name}}</p>",
                                                   "body-type", KITH_TEMPLATE_BODY_HTML, "account", "account-uid", NULL);
  g_autoptr(KithOutgoing) draft = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 ann, bo;

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  g_assert_no_error (error);
  ann = kith_test_create (t, KITH_RECORD_PERSON, "{\"first\": \"Ann\", \"last\": \"Lee\", "
                          "\"emails\": [\"ann@example.com\"], \"segment\": \"customer\", \"stage\": \"lead\", "
                          "\"step\": \"Send welcome email\"}");
  bo = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bo\", \"emails\": [\"bo@example.com\"]}");

  /* The step names a template not stored yet */
  g_assert_null (kith_store_step_compose (t->store, ann, NULL, NULL, NULL, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (kith_store_template_save (t->store, template, &error), >, 0);
  g_assert_no_error (error);

  /* On the store's worker, as the Agenda asks */
  kith_store_step_compose_async (t->store, ann, "Carla Agent", "carla@example.com", NULL, NULL,
                                 kith_test_result_cb, &result);
  draft = kith_store_step_compose_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kith_outgoing_get_subject (draft), ==, "Welcome, Ann");
  g_assert_cmpstr (kith_outgoing_get_body_html (draft), ==, "<p>Hello Ann Lee,</p><p>Carla</p>");
  g_assert_cmpstr (kith_outgoing_get_body_text (draft), ==, "Hello Ann Lee,\nCarla\n");
  g_assert_cmpstr (kith_outgoing_get_to (draft)[0], ==, "ann@example.com");
  g_assert_cmpstr (kith_outgoing_get_account (draft), ==, "account-uid");
  g_assert_cmpint (kith_outgoing_get_state (draft), ==, KITH_OUTGOING_DRAFT);

  /* Bo has no step */
  g_assert_null (kith_store_step_compose (t->store, bo, NULL, NULL, NULL, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* The providers' daily caps */
static void
test_default_limits (void)
{
  KithMergeLimits limits = { 0 };

  kith_mail_merge_default_limits ("smtp.gmail.com", "me@gmail.com", &limits);
  g_assert_cmpuint (limits.daily_cap, ==, 500);
  kith_mail_merge_default_limits ("smtp.gmail.com", "me@company.example", &limits);
  g_assert_cmpuint (limits.daily_cap, ==, 2000);
  kith_mail_merge_default_limits ("mail.example.net", "me@example.net", &limits);
  g_assert_cmpuint (limits.daily_cap, ==, KITH_MERGE_DEFAULT_DAILY_CAP);
  kith_mail_merge_default_limits ("notgmail.com", "me@gmail.com", &limits);
  g_assert_cmpuint (limits.daily_cap, ==, KITH_MERGE_DEFAULT_DAILY_CAP);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge-core/throttle", test_throttle);
  g_test_add_func ("/merge-core/exclusions", test_exclusions);
  g_test_add_func ("/merge-core/resolve", test_resolve);
  g_test_add_func ("/merge-core/preview-paging", test_preview_paging);
  g_test_add_func ("/merge-core/pause-resume-cancel", test_pause_resume_cancel);
  g_test_add_func ("/merge-core/queue-all-or-nothing", test_queue_all_or_nothing);
  g_test_add_func ("/merge-core/default-limits", test_default_limits);
  g_test_add_func ("/merge-core/step-compose", test_step_compose);

  return g_test_run ();
}
