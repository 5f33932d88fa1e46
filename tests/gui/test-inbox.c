/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Inbox end to end, as a user meets it: an account added through the application's mail
 * service, a private Dovecot with mail from a client, the window's Inbox page. Done archives on
 * the server once its toast is gone, Undo brings the message back, Snooze hides it, and mail
 * archived in another app leaves the Inbox.
 */

#include <adwaita.h>

#include "kith-inbox-page.h"
#include "kith-mail-service.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "../services/kith-test-dovecot.h"

#define PASSWORD "inbox-test-pw"
#define ME "alice@agency.example"

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

typedef struct {
  KithTestDovecot *dovecot;
  KithTestStore   *t;
  KithMailService *mail;
  KithWindow      *window;
  KithInboxPage   *inbox;
  char            *account;
  guint            expect;
} Fixture;

static gboolean
mail_ready (gpointer data)
{
  return kith_mail_service_is_ready (((Fixture *) data)->mail);
}

static gboolean
inbox_has_expected (gpointer data)
{
  Fixture *f = data;

  return kith_inbox_page_get_count (f->inbox) == f->expect;
}

static gboolean
archive_has_expected (gpointer data)
{
  Fixture *f = data;

  return kith_test_dovecot_count (f->dovecot, "alice", "Archive") == f->expect;
}

static gboolean
inbox_on_server_has_expected (gpointer data)
{
  Fixture *f = data;

  return kith_test_dovecot_count (f->dovecot, "alice", "INBOX") == f->expect;
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->account = kith_mail_service_add_account_finish (KITH_MAIL_SERVICE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
account_added (gpointer data)
{
  return ((Fixture *) data)->account != NULL;
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_mail_service_remove_account_finish (KITH_MAIL_SERVICE (source), result, &error));
  g_clear_pointer (&f->account, g_free);
}

static gboolean
account_removed (gpointer data)
{
  return ((Fixture *) data)->account == NULL;
}

static void
deliver (Fixture    *f,
         const char *from,
         const char *subject,
         const char *message_id,
         gint64      age_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = kith_test_mail_message (from, ME, NULL, subject, message_id, NULL, NULL,
                                                     g_get_real_time () / G_USEC_PER_SEC - age_seconds,
                                                     "Could we see the house again on Saturday?\n");

  g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", "INBOX", message, "", &error));
  g_assert_no_error (error);
}

static gint64
first_item (Fixture *f)
{
  return json_object_get_int_member (json_array_get_object_element (kith_inbox_page_get_items (f->inbox), 0), "itemId");
}

static void
test_inbox (void)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *mail_dir = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) params = NULL;
  Fixture fixture = { 0 }, *f = &fixture;

  f->dovecot = kith_test_dovecot_start (users, &error);
  if (f->dovecot == NULL)
    {
      g_test_skip (error->message);
      return;
    }

  f->t = kith_test_store_new ();
  kith_store_set_clock (f->t->store, NULL, NULL);
  mail_dir = g_build_filename (f->t->dir, "mail", NULL);
  f->mail = kith_mail_service_new (f->t->store, mail_dir);
  wait_until (mail_ready, f);

  f->window = kith_window_new (NULL, f->t->store);
  kith_window_set_mail_service (f->window, f->mail);
  f->inbox = kith_window_get_inbox (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  kith_window_show_page (f->window, "inbox");

  kith_test_create (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  deliver (f, "Bob Buyer <bob@client.example>", "Second viewing", "<v1@client.example>", 3600);
  deliver (f, "Bob Buyer <bob@client.example>", "The offer", "<v2@client.example>", 2 * 3600);
  deliver (f, "Bob Buyer <bob@client.example>", "Survey report", "<v3@client.example>", 3 * 3600);
  deliver (f, "Shop <news@shop.example>", "Deals", "<n1@shop.example>", 3600);

  /* Adding the account syncs it: Bob's three messages are in the Inbox, not the newsletter */
  json = g_strdup_printf ("{\"email\": \"" ME "\", \"imap\": \"127.0.0.1:%u\", \"smtp\": \"127.0.0.1\", "
                          "\"security\": \"none\", \"user\": \"alice\"}", kith_test_dovecot_get_port (f->dovecot));
  params = kith_test_json (json);
  kith_mail_service_add_account_async (f->mail, params, PASSWORD, NULL, on_added_cb, f);
  wait_until (account_added, f);
  f->expect = 3;
  wait_until (inbox_has_expected, f);

  /* Done, then Undo: nothing moves on the server */
  kith_inbox_page_select (f->inbox, first_item (f));
  g_assert_true (kith_inbox_page_done (f->inbox));
  f->expect = 2;
  wait_until (inbox_has_expected, f);
  kith_inbox_page_undo (f->inbox);
  f->expect = 3;
  wait_until (inbox_has_expected, f);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, 0);

  /* Done for real: once the toast is gone, the message is in Archive on the server */
  kith_inbox_page_select (f->inbox, first_item (f));
  g_assert_true (kith_inbox_page_done (f->inbox));
  f->expect = 2;
  wait_until (inbox_has_expected, f);
  f->expect = 1;
  wait_until (archive_has_expected, f);
  f->expect = 3;
  wait_until (inbox_on_server_has_expected, f);

  /* Snoozed until tomorrow */
  kith_inbox_page_select (f->inbox, first_item (f));
  g_assert_true (kith_inbox_page_snooze (f->inbox, "tomorrow"));
  f->expect = 1;
  wait_until (inbox_has_expected, f);

  /* Archived in another mail app: gone from the Inbox after the next sync */
  g_assert_true (kith_test_dovecot_move (f->dovecot, "alice", "INBOX", "Archive", "<v3@client.example>", &error));
  g_assert_no_error (error);
  kith_mail_service_sync (f->mail, NULL);
  f->expect = 0;
  wait_until (inbox_has_expected, f);

  gtk_window_destroy (GTK_WINDOW (f->window));
  kith_mail_service_remove_account_async (f->mail, f->account, NULL, on_removed_cb, f);
  wait_until (account_removed, f);
  g_object_run_dispose (G_OBJECT (f->mail));
  g_clear_object (&f->mail);
  kith_test_store_free (f->t);
  kith_test_dovecot_stop (f->dovecot);
  g_free (f->account);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Camel warns about what it meets in mail; that must not abort the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/inbox/end-to-end", test_inbox);

  return g_test_run ();
}
