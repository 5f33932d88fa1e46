/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A next step's email sent for real (docs/merge.md, "A next step's email"): composed from the
 * step's template as the Agenda's Compose does, queued as the composer sends it, sent by Kith's
 * sender to the SMTP listener — and then the person is on the stage's next step, the change in
 * their audit log. A failed send (the listener refuses the recipient) moves no one.
 */

#define ME "sam@steps.example"

#include "kith-test-send.h"

/* The real-estate steps, the first buyers' step's template stored (From this account), and a
 * buyer on that step */
static gint64
add_buyer (Fixture    *f,
           const char *first,
           const char *address)
{
  g_autofree char *json = g_strdup_printf ("{\"first\": \"%s\", \"last\": \"Lee\", \"emails\": [\"%s\"], "
                                           "\"segment\": \"customer\", \"stage\": \"lead\", "
                                           "\"step\": \"Send welcome email\"}", first, address);

  return kith_test_create (f->t, KITH_RECORD_PERSON, json);
}

static void
add_steps (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", "Buyer welcome",
                                                   "subject", "Welcome, {{first_name}}",
                                                   "body", "Hello {{first_name}},\nglad to help.\n",
                                                   "account", f->account, NULL);

  g_assert_true (kith_relationship_apply_preset (f->t->store, "realestate", &error));
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_template_save (f->t->store, template, &error), >, 0);
  g_assert_no_error (error);
}

/* The step's email for @person, as the composer sends it: From this account's address */
static gint64
queue_step_email (Fixture *f,
                  gint64   person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) draft = kith_store_step_compose (f->t->store, person, "Sam", ME, NULL, &error);
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpstr (kith_outgoing_get_account (draft), ==, f->account);
  kith_outgoing_set_from_address (draft, ME);
  id = kith_store_outgoing_save (f->t->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (kith_store_outgoing_queue (f->t->store, id, 0, &error));
  g_assert_no_error (error);
  return id;
}

/* The name of @person's step, or %NULL */
static char *
step_of (Fixture *f,
         gint64   person)
{
  g_autoptr(JsonObject) record = kith_store_get_record (f->t->store, person, NULL);
  const char *key = json_object_get_string_member_with_default (record, "step", NULL);

  return key != NULL ? kith_store_step_get_name (f->t->store, key, NULL) : NULL;
}

static gboolean
audit_has_step_change (Fixture *f,
                       gint64   person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kith_store_get_audit (f->t->store, person, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_str_equal (kith_audit_entry_get_field (g_ptr_array_index (entries, i)), "step");
  /* Put on the step when created, then moved on by the send */
  return n == 2;
}

static void
test_sent_moves_on (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ann, id;

  if (f->t == NULL)
    return;
  add_steps (f);
  ann = add_buyer (f, "Ann", "ann@example.com");
  id = queue_step_email (f, ann);
  before = step_of (f, ann);
  g_assert_cmpstr (before, ==, "Send welcome email");

  flush (f);
  g_assert_true (kith_test_smtp_wait_received (f->smtp, 1, WAIT_MS));
  assert_state (f, id, KITH_OUTGOING_SENT);
  g_assert_cmpuint (times_received (f, id), ==, 1);
  after = step_of (f, ann);
  g_assert_cmpstr (after, ==, "Schedule buyer consultation");
  g_assert_true (audit_has_step_change (f, ann));
}

static void
test_refused_stays (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *step = NULL;
  gint64 bo, id;

  if (f->t == NULL)
    return;
  add_steps (f);
  bo = add_buyer (f, "Bo", "bo@example.com");
  kith_test_smtp_set_fault (f->smtp, "reject:bo@example.com");
  id = queue_step_email (f, bo);

  flush (f);
  assert_state (f, id, KITH_OUTGOING_FAILED);
  step = step_of (f, bo);
  g_assert_cmpstr (step, ==, "Send welcome email");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/step-send/sent-moves-on", Fixture, NULL, fixture_set_up, test_sent_moves_on, fixture_tear_down);
  g_test_add ("/step-send/refused-stays", Fixture, NULL, fixture_set_up, test_refused_stays, fixture_tear_down);

  return g_test_run ();
}
