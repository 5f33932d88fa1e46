/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Inbox end to end, as a user meets it: an account added through the application's mail
 * service, a private Dovecot with mail from a client, the window's Inbox page. Done archives on
 * the server once its toast is gone, Undo brings the message back, Snooze hides it, and mail
 * archived in another app leaves the Inbox.
 */

#include <adwaita.h>

#include "kith-account-dialog.h"
#include "kith-inbox-page.h"
#include "kith-inbox-row.h"
#include "kith-mail-account.h"
#include "kith-message-view.h"
#include "kith-preferences-window.h"
#include "kith-mail-service.h"
#include "kith-window.h"
#include "../core/kith-test-util.h"
#include "../services/kith-test-dovecot.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

#define PASSWORD "inbox-test-pw"
#define ME "alice@agency.example"

typedef struct {
  KithTestDovecot *dovecot;
  KithTestStore   *t;
  KithMailService *mail;
  KithWindow      *window;
  KithInboxPage   *inbox;
  char            *account;
  guint            expect;
  GAsyncResult    *result;
} Fixture;

static gboolean
mail_ready (gpointer data)
{
  return kith_mail_service_is_ready (((Fixture *) data)->mail);
}

/* The first mapped descendant of @root with this tooltip */
static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0 && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The @n-th message row of the Inbox's list, or NULL */
static GtkWidget *
nth_row (Fixture *f,
         guint    n)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->inbox), KITH_TYPE_INBOX_ROW, NULL);

  for (guint i = 0; row != NULL && i < n; i++)
    row = gtk_widget_get_next_sibling (row);
  return row;
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *row = nth_row (f, 0); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += KITH_IS_INBOX_ROW (row) && gtk_widget_get_mapped (row);
  return n;
}

/* The list shows the expected number of messages, and the sidebar counts them */
static gboolean
inbox_has_expected (gpointer data)
{
  Fixture *f = data;

  return n_rows (f) == f->expect && kith_inbox_page_get_count (f->inbox) == f->expect;
}

/* The message pane shows a message with this subject */
static gboolean
shows_subject (GtkWidget  *root,
               const char *subject)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "title-3") && gtk_widget_get_mapped (root))
    return g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), subject) == 0;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_subject (child, subject))
      return TRUE;
  return FALSE;
}

typedef struct {
  Fixture    *f;
  const char *subject;
} Shown;

static gboolean
message_shown (gpointer data)
{
  Shown *shown = data;

  return shows_subject (GTK_WIDGET (shown->f->inbox), shown->subject);
}

/* A button that shows @label (mnemonic stripped), mapped, somewhere under @root */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *text = find_widget (root, GTK_TYPE_LABEL, label);
  GtkWidget *button = text != NULL ? gtk_widget_get_ancestor (text, GTK_TYPE_BUTTON) : NULL;

  return button != NULL && is_mapped (button) ? button : NULL;
}

static gboolean
undo_offered (gpointer data)
{
  return find_button (data, "Undo") != NULL;
}

/* Whether a mapped label under @root shows @text */
static gboolean
has_text (GtkWidget  *root,
          const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_text (child, text))
      return TRUE;
  return FALSE;
}

typedef struct {
  GtkWidget       *widget;
  graphene_rect_t  last;
  guint            still;
} Still;

static gboolean
on_still_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  Still *still = data;
  graphene_rect_t now;

  if (!gtk_widget_compute_bounds (still->widget, GTK_WIDGET (gtk_widget_get_root (still->widget)), &now))
    return G_SOURCE_CONTINUE;
  still->still = graphene_rect_equal (&now, &still->last) ? still->still + 1 : 0;
  still->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
is_still (gpointer data)
{
  return ((Still *) data)->still >= 10;
}

/* Waits until @widget has stopped moving (a toast sliding in), for a click to find it */
static void
wait_until_still (GtkWidget *widget)
{
  Still still = { widget, GRAPHENE_RECT_INIT (0, 0, 0, 0), 0 };
  guint id = gtk_widget_add_tick_callback (widget, on_still_tick_cb, &still, NULL);

  wait_until (is_still, &still);
  gtk_widget_remove_tick_callback (widget, id);
}

/* The message pane shows the body of Bob's mail (read when the message was opened) */
static gboolean
body_shown (gpointer data)
{
  GtkWidget *view = find_widget (data, KITH_TYPE_MESSAGE_VIEW, NULL);

  return view != NULL && has_text (view, "Could we see the house again on Saturday?");
}

/* Opens @row's message with a click, and waits until it is shown */
static void
open_row (Fixture   *f,
          GtkWidget *row)
{
  Shown shown = { f, adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) };

  wait_until_still (row);
  click (row);
  wait_until (message_shown, &shown);
  wait_until (body_shown, f->inbox);
}

static gboolean
archive_has_expected (gpointer data)
{
  Fixture *f = data;

  return kith_test_dovecot_count (f->dovecot, "alice", "Archive") == f->expect;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ((Fixture *) user_data)->result = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

/* Bob's profile shows the mail from the alias, as mail sent (its icon) */
static gboolean
alias_mail_logged (gpointer data)
{
  Fixture *f = data;
  GtkWidget *row = find_widget (GTK_WIDGET (profile_page (f->window)), ADW_TYPE_ACTION_ROW, "From home");
  GtkWidget *icon = row != NULL ? find_widget (row, GTK_TYPE_IMAGE, NULL) : NULL;

  return icon != NULL && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (icon)), "mail-send-symbolic") == 0;
}

static gboolean
not_syncing (gpointer data)
{
  Fixture *f = data;

  return !kith_mail_service_get_progress (f->mail, f->account, NULL, NULL, NULL);
}

static gboolean
inbox_on_server_has_expected (gpointer data)
{
  Fixture *f = data;

  return kith_test_dovecot_count (f->dovecot, "alice", "INBOX") == f->expect;
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

static gboolean
popover_item_shown (gpointer data)
{
  GtkWidget *label = find_widget (data, GTK_TYPE_LABEL, "Tomorrow Morning");

  return label != NULL && is_mapped (label);
}

/* A private Dovecot with alice's mailbox, a store, a mail service on it and the window on the
 * Inbox; FALSE (the test skipped) only on a machine without Dovecot installed */
static gboolean
start_inbox (Fixture *f)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *mail_dir = NULL;

  f->dovecot = kith_test_dovecot_start (users, &error);
  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);

  f->t = gui_test_store_new ();
  mail_dir = g_build_filename (f->t->dir, "mail", NULL);
  f->mail = kith_mail_service_new (f->t->store, mail_dir);
  wait_until (mail_ready, f);

  f->window = kith_window_new (NULL, f->t->store);
  kith_window_set_mail_service (f->window, f->mail);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (is_mapped, f->window);
  go_to_page (f->window, "inbox");
  f->inbox = inbox_page (f->window);
  return TRUE;
}

/* Adds alice's account, which syncs it */
static void
add_account (Fixture *f)
{
  g_autoptr(KithMailAccount) draft = g_object_new (KITH_TYPE_MAIL_ACCOUNT,
                                                   "address", ME,
                                                   "user", "alice",
                                                   "imap-host", "127.0.0.1",
                                                   "imap-port", kith_test_dovecot_get_port (f->dovecot),
                                                   "smtp-host", "127.0.0.1",
                                                   "security", KITH_MAIL_SECURITY_NONE,
                                                   NULL);

  f->account = gui_test_add_account (f->mail, draft, PASSWORD);
}

static void
test_inbox (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 }, *f = &fixture;

  if (!start_inbox (f))
    return;

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  deliver (f, "Bob Buyer <bob@client.example>", "Second viewing", "<v1@client.example>", 3600);
  deliver (f, "Bob Buyer <bob@client.example>", "The offer", "<v2@client.example>", 2 * 3600);
  deliver (f, "Bob Buyer <bob@client.example>", "Survey report", "<v3@client.example>", 3 * 3600);
  deliver (f, "Shop <news@shop.example>", "Deals", "<n1@shop.example>", 3600);

  /* Adding the account syncs it: Bob's three messages are in the Inbox, not the newsletter */
  add_account (f);
  f->expect = 3;
  wait_until (inbox_has_expected, f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 760);
  focus_window (GTK_WIDGET (f->window));
  wait_until (is_mapped, nth_row (f, 0));
  open_row (f, nth_row (f, 0));
  wait_for_frames (GTK_WIDGET (f->window));
  save_png (GTK_WIDGET (f->window), "inbox.png");

  /* Done (E), then Undo: the message leaves the list and comes back; the other rows stay the
   * rows they were; nothing moves on the server */
  {
    GtkWidget *second = nth_row (f, 1), *third = nth_row (f, 2);
    Shown next = { f, adw_action_row_get_subtitle (ADW_ACTION_ROW (second)) };

    g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
    g_object_add_weak_pointer (G_OBJECT (third), (gpointer *) &third);
    press_keys ("e");
    f->expect = 2;
    wait_until (inbox_has_expected, f);
    g_assert_true (nth_row (f, 0) == second && nth_row (f, 1) == third);
    /* The next message is shown in its place */
    wait_until (message_shown, &next);
    wait_until (undo_offered, f->window);
    wait_until_still (find_button (GTK_WIDGET (f->window), "Undo"));
    click (find_button (GTK_WIDGET (f->window), "Undo"));
    f->expect = 3;
    wait_until (inbox_has_expected, f);
    g_assert_true (nth_row (f, 1) == second && nth_row (f, 2) == third);
    g_object_remove_weak_pointer (G_OBJECT (second), (gpointer *) &second);
    g_object_remove_weak_pointer (G_OBJECT (third), (gpointer *) &third);
  }
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, 0);

  /* Done for real, with the row's own Done button: once the toast is gone, the message is in
   * Archive on the server */
  wait_until_still (nth_row (f, 0));
  click (find_by_tooltip (nth_row (f, 0), "Done"));
  f->expect = 2;
  wait_until (inbox_has_expected, f);
  f->expect = 1;
  wait_until (archive_has_expected, f);
  f->expect = 3;
  wait_until (inbox_on_server_has_expected, f);

  /* Snoozed until tomorrow morning, from the Snooze menu */
  open_row (f, nth_row (f, 0));
  {
    GtkWidget *snooze = find_by_tooltip (GTK_WIDGET (f->inbox), "Snooze");

    g_assert_nonnull (snooze);
    click (snooze);
    wait_until (popover_item_shown, snooze);
    click (find_widget (snooze, GTK_TYPE_LABEL, "Tomorrow Morning"));
  }
  f->expect = 1;
  wait_until (inbox_has_expected, f);

  /* Archived in another mail app: gone from the Inbox after the next sync */
  g_assert_true (kith_test_dovecot_move (f->dovecot, "alice", "INBOX", "Archive", "<v3@client.example>", &error));
  g_assert_no_error (error);
  kith_mail_service_sync (f->mail, NULL);
  f->expect = 0;
  wait_until (inbox_has_expected, f);
  /* The Inbox empties while that sync goes on to the other folders; the aliases below are for
   * the syncs after it */
  wait_until (not_syncing, f);

  /* Aliases: a bad one is named and nothing is saved; mail from a good one is outbound */
  kith_mail_service_set_aliases_async (f->mail, f->account, "alice@home.example, not an address", NULL, on_result_cb, f);
  wait_until (have_result, f);
  g_assert_false (kith_mail_service_set_aliases_finish (f->mail, f->result, &error));
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not an address"));
  g_clear_error (&error);
  g_clear_object (&f->result);
  kith_mail_service_set_aliases_async (f->mail, f->account, "alice@home.example", NULL, on_result_cb, f);
  wait_until (have_result, f);
  g_assert_true (kith_mail_service_set_aliases_finish (f->mail, f->result, &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);
  {
    g_autofree char *message = kith_test_mail_message ("alice@home.example", "bob@client.example", NULL, "From home",
                                                       "<home1@home.example>", NULL, NULL,
                                                       g_get_real_time () / G_USEC_PER_SEC, "Sent from my other address\n");
    g_assert_true (kith_test_dovecot_deliver (f->dovecot, "alice", "Sent", message, "S", &error));
  }
  kith_mail_service_sync (f->mail, NULL);
  open_from_list (f->window, KITH_RECORD_PERSON, "Bob Buyer");
  wait_until (alias_mail_logged, f);

  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_remove_account (f->mail, &f->account);
  g_object_run_dispose (G_OBJECT (f->mail));
  g_clear_object (&f->mail);
  kith_test_store_free (f->t);
  kith_test_dovecot_stop (f->dovecot);
  g_free (f->account);
}

/* The first descendant of @root that is an entry row titled @title */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the first mapped label with the "error" style under @root, or NULL */
static const char *
shown_error (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error") && gtk_widget_get_mapped (root) &&
      *gtk_label_get_text (GTK_LABEL (root)) != '\0')
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = shown_error (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static KithAccountDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (KITH_IS_ACCOUNT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return KITH_ACCOUNT_DIALOG (window);
    }
  return NULL;
}

static gboolean
security_is_none (gpointer data)
{
  return adw_combo_row_get_selected (data) == 2;
}

/* Adds the account as a user does: a click on the dialog's Add button */
static void
click_add (KithAccountDialog *dialog)
{
  GtkWidget *add = find_where (GTK_WIDGET (dialog), is_labelled_button, "_Add");

  g_assert_nonnull (add);
  wait_until (is_mapped, add);
  click (add);
}

static gboolean
dialog_shows_error (gpointer data)
{
  KithAccountDialog *dialog = find_dialog ();

  return dialog != NULL && shown_error (GTK_WIDGET (dialog)) != NULL;
}

static gboolean
dialog_shows_password_error (gpointer data)
{
  KithAccountDialog *dialog = find_dialog ();
  const char *error = dialog != NULL ? shown_error (GTK_WIDGET (dialog)) : NULL;

  return error != NULL && strstr (error, "app-specific") != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
mail_has_no_account (gpointer data)
{
  return g_list_model_get_n_items (kith_mail_service_get_accounts (data)) == 0;
}

static gboolean
mail_has_one_account (gpointer data)
{
  return g_list_model_get_n_items (kith_mail_service_get_accounts (data)) == 1;
}

/* The account's expander row in Preferences → Mail (rebuilt whenever the accounts change) */
static GtkWidget *
account_row (GtkWidget *root)
{
  return find_widget (root, ADW_TYPE_EXPANDER_ROW, NULL);
}

static gboolean
shows_account (gpointer data)
{
  return account_row (data) != NULL;
}

/* The account's row on the Mail page, opened all the way. The page rebuilds its rows as the
 * account's state changes, so the row is looked up, and opened, each time */
static gboolean
account_row_opened (gpointer data)
{
  GtkWidget *row = find_widget (data, ADW_TYPE_EXPANDER_ROW, NULL);
  GtkWidget *revealer = row != NULL ? find_widget (row, GTK_TYPE_REVEALER, NULL) : NULL;

  if (row == NULL || !is_mapped (row))
    return FALSE;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

/* A mail service on @t, once it is ready, and Preferences open on it */
static GtkWidget *
open_mail_preferences (KithTestStore    *t,
                       KithMailService **out_mail)
{
  g_autofree char *mail_dir = g_build_filename (t->dir, "mail", NULL);
  Fixture fixture = { 0 };
  GtkWidget *prefs;

  fixture.mail = *out_mail = kith_mail_service_new (t->store, mail_dir);
  wait_until (mail_ready, &fixture);

  prefs = kith_preferences_window_new (t->store, NULL);
  kith_preferences_window_set_mail_service (KITH_PREFERENCES_WINDOW (prefs), *out_mail);
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

/* Removes @account, and waits until it is gone */
static void
remove_account (KithMailService *mail,
                KithMailAccount *account)
{
  char *uid = g_strdup (kith_mail_account_get_uid (account));

  gui_test_remove_account (mail, &uid);
}

/* Fills in the add account dialog as a user does: alice's account on @imap, Security: None
 * from the row's list */
static void
fill_dialog (KithAccountDialog *dialog,
             const char        *password,
             const char        *imap)
{
  GtkWidget *user = find_row (GTK_WIDGET (dialog), "User Name (if not the address)");
  GtkWidget *security = gtk_widget_get_prev_sibling (user);
  gpointer none[] = { security, (gpointer) "None" };

  wait_until (is_mapped, dialog);
  focus_window (GTK_WIDGET (dialog));
  type_into (find_row (GTK_WIDGET (dialog), "Email Address"), ME);
  type_into (find_row (GTK_WIDGET (dialog), "Password"), password);
  type_into (find_row (GTK_WIDGET (dialog), "IMAP Server (host:port)"), imap);
  type_into (user, "alice");

  g_assert_true (ADW_IS_COMBO_ROW (security));
  click (security);
  wait_until (label_shown, none);
  click (find_widget (security, GTK_TYPE_LABEL, "None"));
  wait_until (security_is_none, security);
}

/* Preferences → Mail → Add Account: a wrong password is explained in the dialog and what was
 * typed stays; the right one adds the account */
static void
test_add_account_dialog (void)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTestDovecot) dovecot = kith_test_dovecot_start (users, &error);
  g_autoptr(KithTestStore) t = NULL;
  g_autoptr(KithMailService) mail = NULL;
  g_autofree char *imap = NULL;
  g_autoptr(KithMailAccount) account = NULL;
  KithAccountDialog *dialog;
  GtkWidget *prefs;

  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);

  t = gui_test_store_new ();
  prefs = open_mail_preferences (t, &mail);
  kith_preferences_window_add_mail_account (KITH_PREFERENCES_WINDOW (prefs));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  imap = g_strdup_printf ("127.0.0.1:%u", kith_test_dovecot_get_port (dovecot));
  fill_dialog (dialog, "not-the-password", imap);

  /* A port out of range: said, and the row that holds it marked */
  type_into (find_row (GTK_WIDGET (dialog), "IMAP Server (host:port)"), "127.0.0.1:99999");
  click_add (dialog);
  wait_until (dialog_shows_error, NULL);
  g_assert_nonnull (strstr (shown_error (GTK_WIDGET (dialog)), "“99999” is not a port"));
  g_assert_true (gtk_widget_has_css_class (find_row (GTK_WIDGET (dialog), "IMAP Server (host:port)"), "error"));
  type_into (find_row (GTK_WIDGET (dialog), "IMAP Server (host:port)"), imap);

  click_add (dialog);
  wait_until (dialog_shows_password_error, NULL);
  g_assert_nonnull (strstr (shown_error (GTK_WIDGET (dialog)), "app-specific password"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), "Email Address"))), ==, ME);
  g_assert_true (gtk_widget_has_css_class (find_row (GTK_WIDGET (dialog), "Password"), "error"));
  /* Nothing is left of the refused account once the registry has told its removal (the list
   * follows the registry's signals, which may come after the dialog shows the error) */
  wait_until (mail_has_no_account, mail);
  assert_holds_for (mail_has_no_account, mail, 500, "the refused account stays away");

  type_into (find_row (GTK_WIDGET (dialog), "Password"), PASSWORD);
  click_add (dialog);
  wait_until (dialog_closed, NULL);
  wait_until (mail_has_one_account, mail);
  /* The page shows it once the registry has told (the list may have it a moment earlier) */
  wait_until (shows_account, prefs);

  account = g_list_model_get_item (kith_mail_service_get_accounts (mail), 0);
  {
    /* What Preferences → Mail shows for it, opened, once the page has it */
    GtkWidget *page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));

    gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 720);
    wait_until (account_row_opened, page);
    wait_for_frames (prefs);
    save_png (prefs, "preferences-mail.png");
  }
  remove_account (mail, account);

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_run_dispose (G_OBJECT (mail));
}

/* The first descendant of @root that is an action row titled @title */
static GtkWidget *
find_action_row (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  Fixture   *f;
  GtkWidget *prefs;
} Prefs;

static gboolean
one_in_inbox (gpointer data)
{
  return g_list_model_get_n_items (data) == 1;
}

static gpointer
account_settings_job (KithStore  *store,
                      gpointer    data,
                      GError    **error)
{
  return kith_store_mail_account_get (store, data, NULL);
}

/* The account's settings as stored, read on the worker */
static KithMailAccount *
account_settings (Fixture *f)
{
  return on_worker (f->t->store, account_settings_job, f->account);
}

static gpointer
archive_pending_job (KithStore  *store,
                     gpointer    data,
                     GError    **error)
{
  return kith_store_mail_archive_pending (store, data, NULL);
}

static gboolean
synced_once (gpointer data)
{
  Fixture *f = data;
  g_autoptr(KithMailAccount) settings = account_settings (f);

  return settings != NULL && kith_mail_account_get_last_sync (settings) != 0 && not_syncing (f);
}

static gboolean
archive_failed_once (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) pending = on_worker (f->t->store, archive_pending_job, f->account);

  return pending != NULL && pending->len == 1;
}

static gboolean
shows_archive_failure (gpointer data)
{
  Prefs *p = data;
  GtkWidget *row = account_row (p->prefs);
  const char *subtitle = row != NULL ? adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)) : NULL;

  return subtitle != NULL && strstr (subtitle, "could not be archived") != NULL && gtk_widget_has_css_class (row, "error");
}

static gboolean
shows_no_archive_failure (gpointer data)
{
  Prefs *p = data;
  GtkWidget *row = account_row (p->prefs);
  const char *subtitle = row != NULL ? adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)) : NULL;

  return subtitle != NULL && strstr (subtitle, "Up to date") != NULL && !gtk_widget_has_css_class (row, "error");
}

static gboolean
archive_is_off (gpointer data)
{
  Fixture *f = data;
  g_autoptr(KithMailAccount) settings = account_settings (f);

  return settings != NULL && !kith_mail_account_get_archive (settings);
}

static gboolean
reads_one_folder (gpointer data)
{
  Fixture *f = data;
  g_autoptr(KithMailAccount) settings = account_settings (f);
  const char * const *folders = settings != NULL ? kith_mail_account_get_folders (settings) : NULL;

  return folders != NULL && g_strv_length ((GStrv) folders) == 1 && g_strcmp0 (folders[0], "Projects") == 0;
}

/* Preferences → Mail, per account: Done that the server keeps refusing to archive is shown on
 * the account; Archive on Done turned off keeps mail in INBOX; the folders to read are saved */
static void
test_mail_preferences (void)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *mail_dir = NULL;
  g_autoptr(KithInboxModel) inbox = NULL;
  g_autoptr(KithMessage) message = NULL;
  g_autoptr(KithMailPlace) place = NULL;
  Fixture fixture = { 0 }, *f = &fixture;
  Prefs p = { f, NULL };
  GtkWidget *row;

  f->dovecot = kith_test_dovecot_start (users, &error);
  g_assert_no_error (error);
  f->t = gui_test_store_new ();
  mail_dir = g_build_filename (f->t->dir, "mail", NULL);
  f->mail = kith_mail_service_new (f->t->store, mail_dir);
  wait_until (mail_ready, f);

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  deliver (f, "Bob Buyer <bob@client.example>", "Second viewing", "<v1@client.example>", 3600);
  add_account (f);
  inbox = kith_inbox_model_new (f->t->store);
  wait_until (one_in_inbox, inbox);
  /* Every folder read once (the Inbox fills before the sync is over) */
  wait_until (synced_once, f);

  p.prefs = kith_preferences_window_new (f->t->store, NULL);
  kith_preferences_window_set_mail_service (KITH_PREFERENCES_WINDOW (p.prefs), f->mail);
  gtk_window_present (GTK_WINDOW (p.prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (p.prefs), "mail");

  /* Done, and the server cannot archive (its Archive folder is not writable): after the retry
   * of the next sync fails too, the account says so */
  g_assert_true (kith_test_dovecot_set_writable (f->dovecot, "alice", "Archive", FALSE, &error));
  g_assert_no_error (error);
  message = g_list_model_get_item (G_LIST_MODEL (inbox), 0);
  kith_store_set_message_done_async (f->t->store, message, TRUE, on_result_cb, f);
  wait_until (have_result, f);
  g_assert_true (kith_store_set_message_done_finish (f->t->store, f->result, &place, &error));
  g_assert_no_error (error);
  g_assert_nonnull (place);
  g_clear_object (&f->result);
  kith_mail_service_archive (f->mail, place);
  wait_until (archive_failed_once, f);
  kith_mail_service_sync (f->mail, f->account);
  wait_until (shows_archive_failure, &p);

  /* Archive on Done turned off, on the account's row: what waits is left in INBOX, and the
   * account is fine again */
  focus_window (p.prefs);
  wait_until (account_row_opened, p.prefs);
  row = find_action_row (account_row (p.prefs), "Archive on Done");
  g_assert_nonnull (row);
  wait_until (is_mapped, row);
  scroll_into_view (row);
  click (row);
  wait_until (archive_is_off, f);
  g_assert_true (kith_test_dovecot_set_writable (f->dovecot, "alice", "Archive", TRUE, &error));
  kith_mail_service_sync (f->mail, f->account);
  wait_until (shows_no_archive_failure, &p);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "INBOX"), ==, 1);
  g_assert_cmpuint (kith_test_dovecot_count (f->dovecot, "alice", "Archive"), ==, 0);

  /* The folders to read */
  wait_until (account_row_opened, p.prefs);
  row = find_row (account_row (p.prefs), "Folders to Read (empty: all but Junk, Trash and Drafts)");
  g_assert_nonnull (row);
  wait_until (is_mapped, row);
  scroll_into_view (row);
  click (row);
  press_keys ("ctrl+a");
  type_text ("Projects");
  press_keys ("Return");
  wait_until (reads_one_folder, f);

  gtk_window_destroy (GTK_WINDOW (p.prefs));
  gui_test_remove_account (f->mail, &f->account);
  g_object_run_dispose (G_OBJECT (f->mail));
  g_clear_object (&f->mail);
  kith_test_store_free (f->t);
  kith_test_dovecot_stop (f->dovecot);
}

/* The sidebar's mapped label for a page, such as "Inbox" */
static GtkWidget *
sidebar_label (GtkWidget  *root,
               const char *name)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), name) == 0 &&
      gtk_widget_get_ancestor (root, GTK_TYPE_LIST_BOX_ROW) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sidebar_label (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The sidebar counts f->expect messages next to "Inbox" */
static gboolean
sidebar_counts_expected (gpointer data)
{
  Fixture *f = data;
  GtkWidget *name = sidebar_label (GTK_WIDGET (f->window), "Inbox");
  GtkWidget *count = name != NULL ? gtk_widget_get_next_sibling (name) : NULL;
  g_autofree char *text = f->expect > 0 ? g_strdup_printf ("%u", f->expect) : g_strdup ("");

  return GTK_IS_LABEL (count) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (count)), text) == 0;
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
no_row_beyond_expected (gpointer data)
{
  Fixture *f = data;

  return nth_row (f, f->expect) == NULL;
}

/* While another page is shown, mail coming in changes only the sidebar's count: the Inbox's
 * list follows when the Inbox is shown again */
static void
test_inbox_hidden_waits_until_shown (void)
{
  Fixture fixture = { 0 }, *f = &fixture;

  if (!start_inbox (f))
    return;
  wait_until (is_mapped, f->inbox);

  seed_record (f->t, KITH_RECORD_PERSON, "{\"name\": \"Bob Buyer\", \"emails\": [{\"value\": \"bob@client.example\"}]}");
  deliver (f, "Bob Buyer <bob@client.example>", "Second viewing", "<v1@client.example>", 3600);
  add_account (f);
  f->expect = 1;
  wait_until (inbox_has_expected, f);
  wait_until (sidebar_counts_expected, f);
  wait_until (not_syncing, f);

  /* On People, new mail is counted in the sidebar; the Inbox's list waits */
  click (sidebar_label (GTK_WIDGET (f->window), "People"));
  wait_until (is_unmapped, f->inbox);
  deliver (f, "Bob Buyer <bob@client.example>", "The offer", "<v2@client.example>", 2 * 3600);
  kith_mail_service_sync (f->mail, NULL);
  f->expect = 2;
  wait_until (sidebar_counts_expected, f);
  f->expect = 1;
  assert_holds_for (no_row_beyond_expected, f, 200, "no Inbox row added while People is shown");

  click (sidebar_label (GTK_WIDGET (f->window), "Inbox"));
  f->expect = 2;
  wait_until (inbox_has_expected, f);
  wait_until (sidebar_counts_expected, f);
  wait_until (not_syncing, f);

  gtk_window_destroy (GTK_WINDOW (f->window));
  gui_test_remove_account (f->mail, &f->account);
  g_object_run_dispose (G_OBJECT (f->mail));
  g_clear_object (&f->mail);
  kith_test_store_free (f->t);
  kith_test_dovecot_stop (f->dovecot);
  g_free (f->account);
}

/* A way to the server that lets connections through only once it is opened: each waits at the
 * gate until then, so that the add account dialog is closed while it is sure to be checking */
typedef struct {
  GSocketService *service;
  guint16         port;
  guint16         server_port;
  GPtrArray      *waiting;     /* GSocketConnection */
  gboolean        open;
} Gate;

static void
gate_let_through (Gate              *gate,
                  GSocketConnection *in)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) out = g_socket_client_connect_to_host (client, "127.0.0.1", gate->server_port, NULL,
                                                                      &error);

  g_assert_no_error (error);
  g_io_stream_splice_async (G_IO_STREAM (in), G_IO_STREAM (out),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, NULL, NULL, NULL);
}

static gboolean
on_gate_incoming_cb (GSocketService    *service,
                     GSocketConnection *connection,
                     GObject           *source,
                     gpointer           user_data)
{
  Gate *gate = user_data;

  if (gate->open)
    gate_let_through (gate, connection);
  else
    g_ptr_array_add (gate->waiting, g_object_ref (connection));
  return TRUE;
}

static void
gate_start (Gate    *gate,
            guint16  server_port)
{
  g_autoptr(GError) error = NULL;

  gate->service = g_socket_service_new ();
  gate->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (gate->service), NULL, &error);
  g_assert_no_error (error);
  gate->server_port = server_port;
  gate->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (gate->service, "incoming", G_CALLBACK (on_gate_incoming_cb), gate);
}

static void
gate_set_open (Gate     *gate,
               gboolean  open)
{
  gate->open = open;
  for (guint i = 0; open && i < gate->waiting->len; i++)
    gate_let_through (gate, g_ptr_array_index (gate->waiting, i));
  if (open)
    g_ptr_array_set_size (gate->waiting, 0);
}

static void
gate_stop (Gate *gate)
{
  g_socket_service_stop (gate->service);
  g_socket_listener_close (G_SOCKET_LISTENER (gate->service));
  g_clear_object (&gate->service);
  g_clear_pointer (&gate->waiting, g_ptr_array_unref);
}

static gboolean
gate_has_waiting (gpointer data)
{
  return ((Gate *) data)->waiting->len > 0;
}

/* Opens Preferences → Mail → Add Account, fills it in as a user does and clicks Add */
static void
add_in_dialog (GtkWidget  *prefs,
               const char *password,
               const char *imap)
{
  KithAccountDialog *dialog;

  kith_preferences_window_add_mail_account (KITH_PREFERENCES_WINDOW (prefs));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  fill_dialog (dialog, password, imap);
  click_add (dialog);
}

/* Escape on the dialog while the account it adds waits at @gate, then the gate opened */
static void
close_while_checking (Gate *gate)
{
  wait_until (gate_has_waiting, gate);
  press_keys ("Escape");
  wait_until (dialog_closed, NULL);
  gate_set_open (gate, TRUE);
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
shows_refusal (gpointer data)
{
  GtkWidget *label = find_where (data, is_label_containing, "was not added");

  return label != NULL && is_mapped (label) && strstr (gtk_label_get_text (GTK_LABEL (label)), "app-specific") != NULL;
}

/* Preferences → Mail → Add Account, closed while the account is checked: the add goes on, and
 * the account shows in Preferences once checked; a refused one is told on Preferences */
static void
test_add_account_dialog_closed (void)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTestDovecot) dovecot = kith_test_dovecot_start (users, &error);
  g_autoptr(KithTestStore) t = NULL;
  g_autoptr(KithMailService) mail = NULL;
  g_autoptr(KithMailAccount) account = NULL;
  g_autofree char *imap = NULL;
  Gate gate = { 0 };
  GtkWidget *prefs;

  /* A server that is not installed is a failure, not a skip: build-aux/dev installs them all */
  g_assert_no_error (error);

  t = gui_test_store_new ();
  prefs = open_mail_preferences (t, &mail);
  gate_start (&gate, kith_test_dovecot_get_port (dovecot));
  imap = g_strdup_printf ("127.0.0.1:%u", gate.port);

  add_in_dialog (prefs, PASSWORD, imap);
  close_while_checking (&gate);
  wait_until (mail_has_one_account, mail);
  wait_until (shows_account, prefs);

  account = g_list_model_get_item (kith_mail_service_get_accounts (mail), 0);
  remove_account (mail, account);
  wait_until (mail_has_no_account, mail);

  gate_set_open (&gate, FALSE);
  add_in_dialog (prefs, "not-the-password", imap);
  close_while_checking (&gate);
  wait_until (shows_refusal, prefs);
  wait_until (mail_has_no_account, mail);
  assert_holds_for (mail_has_no_account, mail, 500, "the refused account stays away");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_run_dispose (G_OBJECT (mail));
  gate_stop (&gate);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* Camel warns about what it meets in mail; that must not abort the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/inbox/end-to-end", test_inbox);
  g_test_add_func ("/inbox/add-account-dialog", test_add_account_dialog);
  g_test_add_func ("/inbox/mail-preferences", test_mail_preferences);
  g_test_add_func ("/inbox/hidden-waits-until-shown", test_inbox_hidden_waits_until_shown);
  g_test_add_func ("/inbox/add-account-dialog-closed", test_add_account_dialog_closed);

  return g_test_run ();
}
