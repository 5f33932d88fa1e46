/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"
#include "kith-mail-merge-async.h"

/* The mail merge's calls on the store's worker (kith-mail-merge-async.h), as the merge dialog
 * makes them: resolve, create, the summary, a page of previews, leaving out by hand, new limits
 * (the finish follows), the empty fields named, delete */

#define MINUTE_MS G_GINT64_CONSTANT (60000)
#define DAY_MS    (G_GINT64_CONSTANT (24) * 60 * MINUTE_MS)

static gint64
add_template (KithTestStore *t)
{
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", "Hello",
                                                   "subject", "Hello {{first_name}}",
                                                   "body", "Dear {{name}} at {{company}}", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_template_save (t->store, template, &error);

  g_assert_no_error (error);
  return id;
}

/* Five people "Person 0" … "Person 4" at p0@example.com … at Acme, and Loner at no company */
static void
add_people (KithTestStore *t)
{
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.example\"]}");
  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Zed Loner\", \"emails\": [\"loner@example.com\"]}");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"first\": \"Person\", \"last\": \"%u\", "
                                               "\"emails\": [\"p%u@example.com\"], \"company\": \"acme.example\"}",
                                               i, i);

      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
}

static GArray *
resolve (KithTestStore  *t,
         const char     *query,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kith_store_mail_merge_resolve_async (t->store, NULL, 0, query, NULL, kith_test_result_cb, &result);
  return kith_store_mail_merge_resolve_finish (t->store, kith_test_wait_result (&result), error);
}

static KithMergeSummary *
summary_of (KithTestStore  *t,
            gint64          merge_id,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kith_store_mail_merge_get_summary_async (t->store, merge_id, NULL, kith_test_result_cb, &result);
  return kith_store_mail_merge_get_summary_finish (t->store, kith_test_wait_result (&result), error);
}

static gboolean
set_limits (KithTestStore  *t,
            gint64          merge_id,
            guint           cap,
            guint           rate,
            gint64          start,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  KithMergeLimits limits = { cap, rate, start };

  kith_store_mail_merge_set_limits_async (t->store, merge_id, &limits, kith_test_result_cb, &result);
  return kith_store_mail_merge_set_limits_finish (t->store, kith_test_wait_result (&result), error);
}

static gint64
create (KithTestStore *t,
        GArray        *people)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KithMergeLimits limits = { 2, 1, 0 };
  gint64 id;

  kith_store_mail_merge_create_async (t->store, add_template (t), "account-uid", "me@home.example", "Me",
                                      people, &limits, kith_test_result_cb, &result);
  id = kith_store_mail_merge_create_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_resolve (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) people = NULL;

  add_people (t);
  people = resolve (t, "Person", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 5);

  g_assert_null (resolve (t, "stage:active colour:red", &error));
  g_assert_nonnull (strstr (error->message, "colour"));
}

/* Made with 2 a day and 1 a minute: five people take three days. New limits give the pending
 * ones their times again, and the summary says when the last one leaves */
static void
test_limits (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) people = NULL;
  g_autoptr(KithMergeSummary) summary = NULL;
  gint64 now = kith_store_now (t->store);
  gint64 merge_id;

  add_people (t);
  people = resolve (t, "Person", &error);
  merge_id = create (t, people);
  summary = summary_of (t, merge_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->state, ==, KITH_MERGE_DRAFT);
  g_assert_cmpuint (summary->total, ==, 5);
  g_assert_cmpuint (kith_merge_summary_to_send (summary), ==, 5);
  g_assert_cmpint (summary->finish, ==, now + 2 * DAY_MS);
  g_clear_pointer (&summary, kith_merge_summary_free);

  g_assert_true (set_limits (t, merge_id, 5, 1, 0, &error));
  g_assert_no_error (error);
  summary = summary_of (t, merge_id, &error);
  g_assert_cmpint (summary->finish, ==, now + 4 * MINUTE_MS);
  g_assert_cmpuint (summary->limits.daily_cap, ==, 5);
  g_clear_pointer (&summary, kith_merge_summary_free);

  g_assert_true (set_limits (t, merge_id, 5, 1, now + DAY_MS, &error));
  summary = summary_of (t, merge_id, &error);
  g_assert_cmpint (summary->finish, ==, now + DAY_MS + 4 * MINUTE_MS);
  g_assert_cmpint (summary->limits.start, ==, now + DAY_MS);
  g_clear_pointer (&summary, kith_merge_summary_free);

  /* Once it runs, the limits stay */
  g_assert_cmpint (kith_store_mail_merge_start (t->store, merge_id, &error), ==, 5);
  g_assert_false (set_limits (t, merge_id, 1, 1, 0, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
}

/* A page of previews, one left out by hand, and the draft deleted */
static void
test_review (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) people = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(KithMergeSummary) summary = NULL;
  gint64 merge_id;

  add_people (t);
  people = resolve (t, "Person", &error);
  merge_id = create (t, people);

  kith_store_mail_merge_recipients_async (t->store, merge_id, 2, 2, TRUE, NULL, kith_test_result_cb, &result);
  page = kith_store_mail_merge_recipients_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpuint (kith_merge_recipient_get_position (page->pdata[0]), ==, 2);
  g_assert_cmpstr (kith_merge_recipient_get_subject (page->pdata[1]), ==, "Hello Person");
  g_assert_cmpstr (kith_merge_recipient_get_body (page->pdata[1]), ==, "Dear Person 3 at Acme");
  g_clear_object (&result);

  kith_store_mail_merge_set_excluded_async (t->store, merge_id, 1, TRUE, kith_test_result_cb, &result);
  g_assert_true (kith_store_mail_merge_set_excluded_finish (t->store, kith_test_wait_result (&result), &error));
  g_clear_object (&result);
  summary = summary_of (t, merge_id, &error);
  g_assert_cmpuint (summary->by_exclusion[KITH_MERGE_EXCLUSION_BY_HAND], ==, 1);
  g_assert_cmpuint (summary->by_state[KITH_MERGE_RECIPIENT_PENDING], ==, 4);

  kith_store_mail_merge_delete_async (t->store, merge_id, kith_test_result_cb, &result);
  g_assert_true (kith_store_mail_merge_delete_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_null (summary_of (t, merge_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

/* Loner's {{company}} is empty: the field is named */
static void
test_empty_fields (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) people = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) fields = NULL;
  gint64 merge_id;

  add_people (t);
  people = resolve (t, "Loner", &error);
  g_assert_cmpuint (people->len, ==, 1);
  merge_id = create (t, people);

  kith_store_mail_merge_empty_fields_async (t->store, merge_id, NULL, kith_test_result_cb, &result);
  fields = kith_store_mail_merge_empty_fields_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (fields, ((const char *[]) { "company", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mail-merge-async/resolve", test_resolve);
  g_test_add_func ("/mail-merge-async/limits", test_limits);
  g_test_add_func ("/mail-merge-async/review", test_review);
  g_test_add_func ("/mail-merge-async/empty-fields", test_empty_fields);
  return g_test_run ();
}
