/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

/* A next step's email completes the step once sent (docs/merge.md, "A next step's email"): the
 * person moves to the stage's next step when the message is marked sent, not when it fails,
 * not when they moved on meanwhile; the audit log has the change */

/* The real-estate steps, the first one's template stored, and a buyer on that first step */
static gint64
add_buyer (KithTestStore *t,
           const char    *first)
{
  g_autofree char *json = g_strdup_printf ("{\"first\": \"%s\", \"last\": \"Lee\", "
                                           "\"emails\": [\"%s@example.com\"], \"segment\": \"customer\", "
                                           "\"stage\": \"lead\", \"step\": \"Send welcome email\"}",
                                           first, first);

  return kith_test_create (t, KITH_RECORD_PERSON, json);
}

static KithTestStore *
store_with_steps (void)
{
  KithTestStore *t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = g_object_new (KITH_TYPE_TEMPLATE, "name", "Buyer welcome",
                                                   "subject", "Welcome, {{first_name}}",
                                                   "body", "Hello {{first_name}}", NULL);

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_template_save (t->store, template, &error), >, 0);
  g_assert_no_error (error);
  return t;
}

/* The name of @person's step, or %NULL when they have none */
static char *
step_of (KithTestStore *t,
         gint64         person)
{
  g_autoptr(JsonObject) record = kith_store_get_record (t->store, person, NULL);
  const char *key = json_object_get_string_member_with_default (record, "step", NULL);

  return key != NULL ? kith_store_step_get_name (t->store, key, NULL) : NULL;
}

static char *
step_key_of (KithTestStore *t,
             gint64         person)
{
  g_autoptr(JsonObject) record = kith_store_get_record (t->store, person, NULL);

  return g_strdup (json_object_get_string_member_with_default (record, "step", NULL));
}

/* The step's email for @person, saved and queued: its id */
static gint64
queue_step_email (KithTestStore *t,
                  gint64         person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) draft = kith_store_step_compose (t->store, person, "Carla", "carla@example.com", NULL,
                                                           &error);
  gint64 id;

  g_assert_no_error (error);
  kith_outgoing_set_from_address (draft, "carla@example.com");
  id = kith_store_outgoing_save (t->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (kith_store_outgoing_queue (t->store, id, 0, &error));
  g_assert_no_error (error);
  return id;
}

static void
claim (KithTestStore *t,
       gint64         id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) claimed = kith_store_outgoing_claim (t->store, t->now * 1000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  g_assert_cmpint (kith_outgoing_get_id (claimed), ==, id);
}

/* The sender's part: claimed, and accepted by the server */
static void
send_now (KithTestStore *t,
          gint64         id)
{
  g_autoptr(GError) error = NULL;

  claim (t, id);
  g_assert_true (kith_store_outgoing_set_sent (t->store, id, &error));
  g_assert_no_error (error);
}

/* The audit log's last "step" entry of @person: before and after, as keys */
static void
assert_step_audited (KithTestStore *t,
                     gint64         person,
                     const char    *before,
                     const char    *after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kith_store_get_audit (t->store, person, 0, &error);
  KithAuditEntry *last = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (kith_audit_entry_get_field (g_ptr_array_index (entries, i)), "step"))
      last = g_ptr_array_index (entries, i);
  g_assert_nonnull (last);
  g_assert_cmpstr (kith_audit_entry_get_before (last), ==, before);
  g_assert_cmpstr (kith_audit_entry_get_after (last), ==, after);
}

/* Sent: the next step of the stage, written as any change of step is (audit log) */
static void
test_sent_completes (void)
{
  g_autoptr(KithTestStore) t = store_with_steps ();
  g_autoptr(GError) error = NULL;
  gint64 ann = add_buyer (t, "Ann");
  g_autofree char *first = step_key_of (t, ann);
  g_autofree char *next = NULL;
  g_autofree char *name = NULL;
  g_autoptr(KithOutgoing) stored = NULL;
  gint64 id = queue_step_email (t, ann);

  /* Kept on the row, so that a sender after a restart completes it too */
  stored = kith_store_outgoing_get (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_outgoing_get_completes_step_person (stored), ==, ann);
  g_assert_cmpstr (kith_outgoing_get_completes_step_key (stored), ==, first);

  claim (t, id);
  /* Queued and being sent, nothing moves yet */
  name = step_of (t, ann);
  g_assert_cmpstr (name, ==, "Send welcome email");
  g_clear_pointer (&name, g_free);

  g_assert_true (kith_store_outgoing_set_sent (t->store, id, &error));
  g_assert_no_error (error);
  name = step_of (t, ann);
  g_assert_cmpstr (name, ==, "Schedule buyer consultation");
  next = step_key_of (t, ann);
  assert_step_audited (t, ann, first, next);
}

/* Failed for good, or sent after the person moved on by hand: the step stays as it is */
static void
test_failed_or_moved_on (void)
{
  g_autoptr(KithTestStore) t = store_with_steps ();
  g_autoptr(GError) error = NULL;
  gint64 bo = add_buyer (t, "Bo");
  gint64 cy = add_buyer (t, "Cy");
  g_autoptr(JsonObject) moved = kith_test_json ("{\"step\": \"Schedule buyer consultation\"}");
  g_autofree char *cy_first = NULL;
  g_autofree char *cy_moved = NULL;
  g_autofree char *bo_step = NULL;
  g_autofree char *cy_step = NULL;
  gint64 bo_msg = queue_step_email (t, bo);
  gint64 cy_msg;

  claim (t, bo_msg);
  g_assert_true (kith_store_outgoing_set_failed (t->store, bo_msg, "550 No such user", &error));
  g_assert_no_error (error);
  bo_step = step_of (t, bo);
  g_assert_cmpstr (bo_step, ==, "Send welcome email");

  cy_msg = queue_step_email (t, cy);
  cy_first = step_key_of (t, cy);
  g_assert_true (kith_store_update_record (t->store, cy, moved, &error));
  g_assert_no_error (error);
  cy_moved = step_key_of (t, cy);
  t->now += 1000;
  send_now (t, cy_msg);
  cy_step = step_of (t, cy);
  g_assert_cmpstr (cy_step, ==, "Schedule buyer consultation");
  /* Only the move by hand is in the log */
  assert_step_audited (t, cy, cy_first, cy_moved);
}

/* The stage's last step completed leaves no step; a message that completes nothing (the
 * composer's check off) moves no one */
static void
test_last_step_and_none (void)
{
  g_autoptr(KithTestStore) t = store_with_steps ();
  g_autoptr(GError) error = NULL;
  gint64 dee = add_buyer (t, "Dee");
  gint64 eve = add_buyer (t, "Eve");
  g_autoptr(JsonObject) last = kith_test_json ("{\"step\": \"Schedule buyer consultation\"}");
  g_autofree char *last_key = NULL;
  g_autofree char *eve_step = NULL;
  g_autoptr(KithOutgoing) draft = kith_outgoing_new ();
  const char *to[] = { "dee@example.com", NULL };
  gint64 eve_msg, dee_msg;

  g_assert_true (kith_store_update_record (t->store, dee, last, &error));
  g_assert_no_error (error);
  last_key = step_key_of (t, dee);
  g_object_set (draft, "from-address", "carla@example.com", "to", to, "subject", "Hello", NULL);
  kith_outgoing_set_completes_step (draft, dee, last_key);
  dee_msg = kith_store_outgoing_save (t->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (kith_store_outgoing_queue (t->store, dee_msg, 0, &error));
  g_assert_no_error (error);
  send_now (t, dee_msg);
  g_assert_null (step_key_of (t, dee));
  assert_step_audited (t, dee, last_key, NULL);

  /* Eve's email with the step taken off, as the composer's check does */
  {
    g_autoptr(KithOutgoing) eve_draft = kith_store_step_compose (t->store, eve, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    kith_outgoing_set_from_address (eve_draft, "carla@example.com");
    kith_outgoing_set_completes_step (eve_draft, 0, NULL);
    eve_msg = kith_store_outgoing_save (t->store, eve_draft, &error);
    g_assert_no_error (error);
  }
  g_assert_true (kith_store_outgoing_queue (t->store, eve_msg, 0, &error));
  g_assert_no_error (error);
  send_now (t, eve_msg);
  eve_step = step_of (t, eve);
  g_assert_cmpstr (eve_step, ==, "Send welcome email");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/step-complete/sent", test_sent_completes);
  g_test_add_func ("/step-complete/failed-or-moved-on", test_failed_or_moved_on);
  g_test_add_func ("/step-complete/last-step-and-none", test_last_step_and_none);

  return g_test_run ();
}
