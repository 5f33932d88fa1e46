/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The Outbox and Drafts in the window's sidebar, over messages seeded in the store (drafts, a
 * queued one, a failed one with the server's text): their counts, Retry, Edit, Discard with
 * Undo, and the Outbox leaving the sidebar once it is empty — driven with the pointer and read
 * back from the store. And sending as Preferences set it: Preferences → Mail's Sending group,
 * changed with the pointer, sets the GSettings keys the composer reads; and a signature added
 * there for an account on a private Dovecot, chosen for new mail, deleted and undone.
 */

#include "config.h"

#include <adwaita.h>

#include "kith-application.h"
#include "kith-mail-service.h"
#include "compose/kith-composer.h"
#include "kith-outgoing-page.h"
#include "kith-preferences-window.h"
#include "kith-signature-dialog.h"
#include "kith-signature-scope-row.h"
#include "../core/kith-test-util.h"
#include "../services/kith-test-dovecot.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

typedef struct {
  KithTestStore   *t;
  KithMailService *mail;
  GtkWidget       *prefs;
  GSettings       *settings;
} PrefsFixture;

static gboolean
mail_ready (gpointer data)
{
  return kith_mail_service_is_ready (((PrefsFixture *) data)->mail);
}

/* Preferences → Mail over a mail service with no account */
static void
prefs_fixture_set_up (PrefsFixture  *f,
                      gconstpointer  data)
{
  g_autofree char *mail_dir = NULL;

  f->t = gui_test_store_new ();
  f->settings = g_settings_new ("io.github.kithcrm.Kith");
  mail_dir = g_build_filename (f->t->dir, "mail", NULL);
  f->mail = kith_mail_service_new (f->t->store, mail_dir);
  wait_until (mail_ready, f);

  f->prefs = kith_preferences_window_new (f->t->store, NULL);
  kith_preferences_window_set_mail_service (KITH_PREFERENCES_WINDOW (f->prefs), f->mail);
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), 640, 700);
  gtk_window_present (GTK_WINDOW (f->prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "mail");
  wait_until (is_mapped, f->prefs);
  focus_window (f->prefs);
}

static void
prefs_fixture_tear_down (PrefsFixture  *f,
                         gconstpointer  data)
{
  close_window (f->prefs);
  g_object_run_dispose (G_OBJECT (f->mail));
  g_clear_object (&f->mail);
  g_settings_reset (f->settings, "send-undo-seconds");
  g_settings_reset (f->settings, "compose-plain-text");
  g_clear_object (&f->settings);
  kith_test_store_free (f->t);
}

typedef struct {
  GSettings  *settings;
  const char *key;
  guint       value;
} KeyIs;

static gboolean
key_is (gpointer data)
{
  KeyIs *is = data;
  g_autoptr(GVariant) value = g_settings_get_value (is->settings, is->key);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_boolean (value) == (gboolean) is->value;
  return g_variant_get_uint32 (value) == is->value;
}

/* Clicks @widget once the page has settled (rows added above it move it down) and it is scrolled
 * into view */
static void
click_in_view (GtkWidget *widget)
{
  Settling settling = { widget, 0, 0, 0 };

  wait_until (has_settled, &settling);
  scroll_into_view (widget);
  click_when_still (widget);
}

/* Picks @choice from the combo row @row's list, with the pointer */
static void
choose_from_combo (GtkWidget  *row,
                   const char *choice)
{
  GtkWidget *popover = find_widget (row, GTK_TYPE_POPOVER, NULL);
  gpointer args[] = { popover, (gpointer) choice };

  click_in_view (row);
  wait_until (label_shown, args);
  choose (popover, choice);
}

/* Undo Send and Plain Text Only, changed with the pointer, are the composer's settings at once;
 * a key changed elsewhere shows on its row */
static void
test_sending_settings (PrefsFixture  *f,
                       gconstpointer  data)
{
  GtkWidget *undo_row = find_widget (f->prefs, ADW_TYPE_COMBO_ROW, "Undo Send");
  GtkWidget *plain_row = find_widget (f->prefs, ADW_TYPE_ACTION_ROW, "Plain Text Only");
  GtkWidget *plain_switch = find_widget (plain_row, GTK_TYPE_SWITCH, NULL);
  KeyIs undo = { f->settings, "send-undo-seconds", 30 };
  KeyIs plain = { f->settings, "compose-plain-text", TRUE };

  g_assert_nonnull (undo_row);
  g_assert_nonnull (plain_switch);
  /* The default, 10 s */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (undo_row)), ==, 2);

  choose_from_combo (undo_row, "30 seconds");
  wait_until (key_is, &undo);
  choose_from_combo (undo_row, "Off");
  undo.value = 0;
  wait_until (key_is, &undo);

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (plain_switch)));
  click_in_view (plain_switch);
  wait_until (key_is, &plain);
  click (plain_switch);
  plain.value = FALSE;
  wait_until (key_is, &plain);

  /* Bound, not copied: a value set outside Preferences shows, as the nearest choice */
  g_settings_set_uint (f->settings, "send-undo-seconds", 20);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (undo_row)), ==, 3);
  g_settings_set_uint (f->settings, "send-undo-seconds", 4);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (undo_row)), ==, 1);
  save_png (f->prefs, "preferences-mail-sending.png");
}

/* The Outbox and Drafts */

#define REFUSAL "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"

typedef struct {
  const char        *subject;
  KithOutgoingState  state;
  gint64             id;
} Message;

/* A message to Ann, saved as a draft, then queued for an hour; a failed one is taken by the
 * sender and refused (seed failed ones before queued ones: the sender takes the first due) */
static gpointer
seed_message_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  static const char *to[] = { "Ann Lee <ann@example.com>", NULL };
  Message *message = data;
  g_autoptr(KithOutgoing) draft = kith_outgoing_new ();
  g_autoptr(KithOutgoing) claimed = NULL;

  kith_outgoing_set_account (draft, "test-account");
  kith_outgoing_set_from_address (draft, "me@example.com");
  kith_outgoing_set_to (draft, to);
  kith_outgoing_set_subject (draft, message->subject);
  kith_outgoing_set_body_text (draft, "Hello Ann");
  message->id = kith_store_outgoing_save (store, draft, error);
  g_assert_cmpint (message->id, >, 0);
  if (message->state == KITH_OUTGOING_DRAFT)
    return NULL;

  g_assert_true (kith_store_outgoing_queue (store, message->id, 3600, error));
  if (message->state == KITH_OUTGOING_FAILED)
    {
      claimed = kith_store_outgoing_claim (store, G_MAXINT64, error);
      g_assert_nonnull (claimed);
      g_assert_cmpint (kith_outgoing_get_id (claimed), ==, message->id);
      g_assert_true (kith_store_outgoing_set_failed (store, message->id, REFUSAL, error));
    }
  return NULL;
}

static void
seed_message (KithTestStore *t,
              Message       *message)
{
  on_worker (t->store, seed_message_job, message);
}

/* The state the store has the message in, or -1 once it is gone */
static gpointer
stored_state_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KithOutgoing) message = kith_store_outgoing_get (store, *(gint64 *) data, &local_error);

  return GINT_TO_POINTER (message != NULL ? (int) kith_outgoing_get_state (message) + 1 : 0);
}

static int
stored_state (KithTestStore *t,
              gint64         id)
{
  return GPOINTER_TO_INT (on_worker (t->store, stored_state_job, &id)) - 1;
}

typedef struct {
  KithTestStore *t;
  gint64         id;
  int            state;
} StateIs;

static gboolean
state_is (gpointer data)
{
  StateIs *is = data;

  return stored_state (is->t, is->id) == is->state;
}

static void
wait_for_state (KithTestStore *t,
                gint64         id,
                int            state)
{
  StateIs is = { t, id, state };

  wait_until (state_is, &is);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The sidebar's row of the page @name ("outbox", "drafts") */
static GtkWidget *
sidebar_row (gpointer    window,
             const char *name)
{
  GtkWidget *row = find_where (window, is_named, name);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_count (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

typedef struct {
  gpointer    window;
  const char *page;
  const char *count;   /* NULL: the row is not shown */
} Count;

/* The sidebar shows the count for the page, or no row at all */
static gboolean
sidebar_shows (gpointer data)
{
  Count *count = data;
  GtkWidget *row = sidebar_row (count->window, count->page);

  if (count->count == NULL)
    return !gtk_widget_get_visible (row);
  return gtk_widget_get_mapped (row) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (find_where (row, is_count, NULL))), count->count) == 0;
}

static void
wait_for_sidebar (gpointer    window,
                  const char *page,
                  const char *count)
{
  Count shows = { window, page, count };

  wait_until (sidebar_shows, &shows);
}

static gboolean
is_page_of (GtkWidget     *widget,
            gconstpointer  data)
{
  guint states;

  if (!KITH_IS_OUTGOING_PAGE (widget))
    return FALSE;
  g_object_get (widget, "states", &states, NULL);
  return states == GPOINTER_TO_UINT (data);
}

/* Goes to the Outbox or Drafts with a click in the sidebar; returns the page, on screen */
static GtkWidget *
go_to_outgoing (gpointer    window,
                const char *name)
{
  GtkWidget *page;

  /* The Outbox is in the sidebar once the window has counted what it holds */
  wait_until (is_mapped, sidebar_row (window, name));
  click (sidebar_row (window, name));
  page = wait_for_page (window, is_page_of, GUINT_TO_POINTER (g_str_equal (name, "outbox") ? KITH_OUTGOING_PAGE_OUTBOX
                                                                                           : KITH_OUTGOING_PAGE_DRAFTS));
  wait_until (is_mapped, page);
  return page;
}

/* The row of the message @subject on @page, once it shows */
static GtkWidget *
message_row (GtkWidget  *page,
             const char *subject)
{
  gpointer args[] = { page, (gpointer) subject };

  wait_until (any_label_shown, args);
  /* The subject's label is in the row's column of texts, beside its buttons */
  return gtk_widget_get_parent (gtk_widget_get_parent (find_where (page, is_label_shown, subject)));
}

static gboolean
message_gone (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_label_shown, args[1]) == NULL;
}

static void
wait_for_message_gone (GtkWidget  *page,
                       const char *subject)
{
  gpointer args[] = { page, (gpointer) subject };

  wait_until (message_gone, args);
}

/* Clicks the button @tooltip ("Retry", "Edit", "Discard") of the message @subject on @page */
static void
click_message_button (GtkWidget  *page,
                      const char *subject,
                      const char *tooltip)
{
  GtkWidget *button = shown_with_tooltip (message_row (page, subject), tooltip);

  g_assert_nonnull (button);
  click_when_still (button);
}

typedef struct {
  WindowFixture  w;
  Message        drafts[2];
  Message        failed;
  Message        queued;
} OutboxFixture;

static void
outbox_fixture_set_up (OutboxFixture *f,
                       gconstpointer  data)
{
  f->w.t = gui_test_store_new ();
  f->drafts[0] = (Message) { "Viewing on Friday", KITH_OUTGOING_DRAFT, 0 };
  f->drafts[1] = (Message) { "The offer, revised", KITH_OUTGOING_DRAFT, 0 };
  f->failed = (Message) { "Contract for Bob", KITH_OUTGOING_FAILED, 0 };
  f->queued = (Message) { "See you Monday", KITH_OUTGOING_QUEUED, 0 };
  seed_message (f->w.t, &f->drafts[0]);
  seed_message (f->w.t, &f->drafts[1]);
  seed_message (f->w.t, &f->failed);
  seed_message (f->w.t, &f->queued);
  f->w.window = present_main_window (f->w.t, 1180, 760);
}

static void
outbox_fixture_tear_down (OutboxFixture *f,
                          gconstpointer  data)
{
  window_fixture_tear_down (&f->w, data);
}

/* The seeded messages with their counts; a failed one says what the server said; Retry queues
 * it again */
static void
test_outbox_lists (OutboxFixture *f,
                   gconstpointer  data)
{
  GtkWidget *page;
  gpointer refusal[2];

  wait_for_sidebar (f->w.window, "outbox", "2");
  wait_for_sidebar (f->w.window, "drafts", "2");

  page = go_to_outgoing (f->w.window, "outbox");
  message_row (page, "See you Monday");
  message_row (page, "Contract for Bob");
  refusal[0] = page;
  refusal[1] = (gpointer) REFUSAL;
  wait_until (any_label_shown, refusal);
  g_assert_null (shown_with_tooltip (message_row (page, "See you Monday"), "Retry"));

  click_message_button (page, "Contract for Bob", "Retry");
  wait_for_state (f->w.t, f->failed.id, KITH_OUTGOING_QUEUED);
  /* Queued again, without the refusal */
  wait_for_message_gone (page, REFUSAL);
  wait_for_sidebar (f->w.window, "outbox", "2");

  page = go_to_outgoing (f->w.window, "drafts");
  message_row (page, "Viewing on Friday");
  message_row (page, "The offer, revised");
  save_png (GTK_WIDGET (f->w.window), "drafts.png");
}

/* Edit takes a queued or failed message back to the drafts */
static void
test_outbox_edit (OutboxFixture *f,
                  gconstpointer  data)
{
  GtkWidget *page = go_to_outgoing (f->w.window, "outbox");

  click_message_button (page, "See you Monday", "Edit");
  wait_for_state (f->w.t, f->queued.id, KITH_OUTGOING_DRAFT);
  wait_for_message_gone (page, "See you Monday");
  click_message_button (page, "Contract for Bob", "Edit");
  wait_for_state (f->w.t, f->failed.id, KITH_OUTGOING_DRAFT);

  /* Nothing left to send: the Outbox leaves the sidebar */
  wait_for_sidebar (f->w.window, "outbox", NULL);
  wait_for_sidebar (f->w.window, "drafts", "4");
  page = go_to_outgoing (f->w.window, "drafts");
  message_row (page, "See you Monday");
  message_row (page, "Contract for Bob");
}

/* Discard then Undo keeps the message; Discard alone removes it once its toast has gone */
static void
test_outbox_discard (OutboxFixture *f,
                     gconstpointer  data)
{
  GtkWidget *page = go_to_outgoing (f->w.window, "outbox");

  save_png (GTK_WIDGET (f->w.window), "outbox.png");
  click_message_button (page, "Contract for Bob", "Discard");
  wait_for_message_gone (page, "Contract for Bob");
  wait_for_sidebar (f->w.window, "outbox", "1");
  click_undo (f->w.window);
  message_row (page, "Contract for Bob");
  wait_for_sidebar (f->w.window, "outbox", "2");
  g_assert_cmpint (stored_state (f->w.t, f->failed.id), ==, KITH_OUTGOING_FAILED);

  click_message_button (page, "Contract for Bob", "Discard");
  wait_for_message_gone (page, "Contract for Bob");
  wait_for_state (f->w.t, f->failed.id, -1);

  /* A draft too, from Drafts */
  page = go_to_outgoing (f->w.window, "drafts");
  click_message_button (page, "Viewing on Friday", "Discard");
  wait_for_state (f->w.t, f->drafts[0].id, -1);
  wait_for_sidebar (f->w.window, "drafts", "1");
  g_assert_cmpint (stored_state (f->w.t, f->queued.id), ==, KITH_OUTGOING_QUEUED);
}

static gboolean
is_editable_with (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_EDITABLE (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0;
}

static gboolean
composer_shows (gpointer subject)
{
  GtkWidget *composer = shown_window_of (KITH_TYPE_COMPOSER);

  return composer != NULL && find_where (composer, is_editable_with, subject) != NULL;
}

/* In the application, a draft clicked in Drafts, and a failed message's Edit, open the composer
 * on the message */
static void
test_outbox_opens_composer (void)
{
  KithTestStore *t = gui_test_store_new ();
  Message draft = { "Viewing on Friday", KITH_OUTGOING_DRAFT, 0 };
  Message failed = { "Contract for Bob", KITH_OUTGOING_FAILED, 0 };
  g_autoptr(KithApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *page;

  /* Past the first run's welcome */
  apply_preset (t->store, "business");
  seed_message (t, &draft);
  seed_message (t, &failed);
  g_setenv ("KITH_DATA_DIR", t->dir, TRUE);
  g_setenv ("KITH_NO_BACKGROUND", "1", TRUE);
  app = kith_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = wait_for_window (KITH_TYPE_WINDOW);
  focus_window (window);

  page = go_to_outgoing (window, "drafts");
  click (message_row (page, "Viewing on Friday"));
  wait_until (composer_shows, (gpointer) "Viewing on Friday");
  close_window (shown_window_of (KITH_TYPE_COMPOSER));

  focus_window (window);
  page = go_to_outgoing (window, "outbox");
  click_message_button (page, "Contract for Bob", "Edit");
  wait_until (composer_shows, (gpointer) "Contract for Bob");
  wait_for_state (t, failed.id, KITH_OUTGOING_DRAFT);
  close_window (shown_window_of (KITH_TYPE_COMPOSER));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_clear_object (&app);
  kith_test_store_free (t);
}

/* Signatures */

#define PASSWORD "outbox-test-pw"
#define ME "alice@agency.example"

typedef struct {
  PrefsFixture     p;
  KithTestDovecot *dovecot;
  char            *account;
} SignatureFixture;

/* Preferences → Mail with an account on a private Dovecot, added as Preferences adds them */
static void
signature_fixture_set_up (SignatureFixture *f,
                          gconstpointer     data)
{
  static const char *users[] = { "alice:" PASSWORD, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailAccount) draft = NULL;

  f->dovecot = kith_test_dovecot_start (users, &error);
  g_assert_no_error (error);
  prefs_fixture_set_up (&f->p, data);
  draft = g_object_new (KITH_TYPE_MAIL_ACCOUNT,
                        "address", ME,
                        "name", "Alice Agent",
                        "user", "alice",
                        "imap-host", "127.0.0.1",
                        "imap-port", kith_test_dovecot_get_port (f->dovecot),
                        "smtp-host", "127.0.0.1",
                        "security", KITH_MAIL_SECURITY_NONE,
                        NULL);
  f->account = gui_test_add_account (f->p.mail, draft, PASSWORD);
}

static void
signature_fixture_tear_down (SignatureFixture *f,
                             gconstpointer     data)
{
  gui_test_remove_account (f->p.mail, &f->account);
  prefs_fixture_tear_down (&f->p, data);
  kith_test_dovecot_stop (f->dovecot);
}

static gpointer
signatures_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  return kith_store_signatures_list (store, data, error);
}

/* The account's signatures as the store has them, read on the worker */
static GPtrArray *
stored_signatures (SignatureFixture *f)
{
  return on_worker (f->p.t->store, signatures_job, f->account);
}

typedef struct {
  SignatureFixture *f;
  const char       *for_new;       /* the name of the signature chosen, or NULL */
  const char       *for_replies;
} Chosen;

static const char *
chosen_name (GPtrArray *signatures,
             gboolean (*flag) (KithSignature *signature))
{
  const char *name = NULL;

  for (guint i = 0; i < signatures->len; i++)
    if (flag (signatures->pdata[i]))
      {
        /* One at most */
        g_assert_null (name);
        name = kith_signature_get_name (signatures->pdata[i]);
      }
  return name;
}

/* For wait_until (): the store has the signatures chosen for new mail and for replies */
static gboolean
stored_chosen (gpointer data)
{
  Chosen *chosen = data;
  g_autoptr(GPtrArray) signatures = stored_signatures (chosen->f);

  return g_strcmp0 (chosen_name (signatures, kith_signature_get_for_new), chosen->for_new) == 0 &&
         g_strcmp0 (chosen_name (signatures, kith_signature_get_for_replies), chosen->for_replies) == 0;
}

static gboolean
is_scope_row_of (GtkWidget     *widget,
                 gconstpointer  title)
{
  return KITH_IS_SIGNATURE_SCOPE_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
shows_scope_row (gpointer data)
{
  gpointer *args = data;

  return find_where (args[0], is_scope_row_of, args[1]) != NULL;
}

/* The signatures of the account @title, opened with a click */
static GtkWidget *
open_scope_row (GtkWidget  *prefs,
                const char *title)
{
  gpointer args[] = { prefs, (gpointer) title };
  GtkWidget *row;

  wait_until (shows_scope_row, args);
  row = find_where (prefs, is_scope_row_of, title);
  click_in_view (row);
  return row;
}

static gboolean
is_entry_row_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A signature written in its dialog: Add Signature…, a name and a text typed, Save */
static void
add_signature (GtkWidget  *scope_row,
               const char *name,
               const char *text)
{
  GtkWidget *dialog;

  click_in_view (action_row_titled (scope_row, "Add Signature…"));
  dialog = wait_for_window (KITH_TYPE_SIGNATURE_DIALOG);
  focus_window (dialog);
  type_into (find_where (dialog, is_entry_row_titled, "Name"), name);
  click (find_widget (dialog, GTK_TYPE_TEXT_VIEW, NULL));
  type_text (text);
  click (find_where (dialog, is_labelled_button, "_Save"));
  wait_for_window_gone (KITH_TYPE_SIGNATURE_DIALOG);
}

/* A signature added for an account goes on new mail and replies, being the first; a second one
 * chosen for new mail, and none for replies, are stored so */
static void
test_signature_for_new_mail (SignatureFixture *f,
                             gconstpointer     data)
{
  GtkWidget *scope_row = open_scope_row (f->p.prefs, ME);
  g_autoptr(GPtrArray) signatures = NULL;
  Chosen chosen = { f, "Work", "Work" };

  add_signature (scope_row, "Work", "Alice Agent, Agency");
  action_row_titled (scope_row, "Work");
  wait_until (stored_chosen, &chosen);

  add_signature (scope_row, "Short", "A.");
  action_row_titled (scope_row, "Short");
  choose_from_combo (action_row_titled (scope_row, "For New Mail"), "Short");
  chosen.for_new = "Short";
  wait_until (stored_chosen, &chosen);
  choose_from_combo (action_row_titled (scope_row, "For Replies"), "None");
  chosen.for_replies = NULL;
  wait_until (stored_chosen, &chosen);

  signatures = stored_signatures (f);
  g_assert_cmpuint (signatures->len, ==, 2);
  for (guint i = 0; i < signatures->len; i++)
    {
      KithSignature *signature = signatures->pdata[i];

      g_assert_null (kith_signature_get_address (signature));
      if (g_str_equal (kith_signature_get_name (signature), "Work"))
        g_assert_cmpstr (kith_signature_get_body (signature), ==, "Alice Agent, Agency");
      else
        g_assert_cmpstr (kith_signature_get_body (signature), ==, "A.");
    }
  save_png (f->p.prefs, "preferences-mail-signatures.png");
}

typedef struct {
  SignatureFixture *f;
  const char       *names;   /* the names stored, sorted, joined by ", " */
} Names;

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* For wait_until (): the store has the account's signatures named so */
static gboolean
stored_names (gpointer data)
{
  Names *names = data;
  g_autoptr(GPtrArray) signatures = stored_signatures (names->f);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint i = 0; i < signatures->len; i++)
    g_ptr_array_add (list, (gpointer) kith_signature_get_name (signatures->pdata[i]));
  g_ptr_array_sort (list, compare_names);
  g_ptr_array_add (list, NULL);
  joined = g_strjoinv (", ", (char **) list->pdata);
  return g_str_equal (joined, names->names);
}

/* Edit renames a signature and changes its text; Delete, then Undo, keeps it; Delete alone
 * removes it */
static void
test_signature_edit_and_delete (SignatureFixture *f,
                                gconstpointer     data)
{
  GtkWidget *scope_row = open_scope_row (f->p.prefs, ME);
  Names names = { f, "Short, Work" };
  GtkWidget *dialog;
  g_autoptr(GPtrArray) signatures = NULL;

  add_signature (scope_row, "Work", "Alice Agent, Agency");
  add_signature (scope_row, "Short", "A.");
  wait_until (stored_names, &names);

  click_in_view (shown_with_tooltip (action_row_titled (scope_row, "Work"), "Edit Signature"));
  dialog = wait_for_window (KITH_TYPE_SIGNATURE_DIALOG);
  focus_window (dialog);
  type_into (find_where (dialog, is_entry_row_titled, "Name"), "Office");
  click (find_widget (dialog, GTK_TYPE_TEXT_VIEW, NULL));
  press_keys ("ctrl+a");
  type_text ("Alice Agent, Agency Office");
  press_keys ("ctrl+s");
  wait_for_window_gone (KITH_TYPE_SIGNATURE_DIALOG);
  names.names = "Office, Short";
  wait_until (stored_names, &names);
  signatures = stored_signatures (f);
  for (guint i = 0; i < signatures->len; i++)
    if (g_str_equal (kith_signature_get_name (signatures->pdata[i]), "Office"))
      g_assert_cmpstr (kith_signature_get_body (signatures->pdata[i]), ==, "Alice Agent, Agency Office");

  click_in_view (shown_with_tooltip (action_row_titled (scope_row, "Short"), "Delete Signature"));
  names.names = "Office";
  wait_until (stored_names, &names);
  click_undo (f->p.prefs);
  names.names = "Office, Short";
  wait_until (stored_names, &names);
  action_row_titled (scope_row, "Short");

  click_in_view (shown_with_tooltip (action_row_titled (scope_row, "Short"), "Delete Signature"));
  names.names = "Office";
  wait_until (stored_names, &names);
}

static void
on_aliases_set_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_mail_service_set_aliases_finish (KITH_MAIL_SERVICE (source), result, &error));
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

#define ALIAS "alice@home.example"

/* For wait_until (): the account's one signature is stored for the alias */
static gboolean
stored_for_alias (gpointer data)
{
  g_autoptr(GPtrArray) signatures = stored_signatures (data);

  return signatures->len == 1 && g_strcmp0 (kith_signature_get_address (signatures->pdata[0]), ALIAS) == 0 &&
         g_strcmp0 (kith_signature_get_name (signatures->pdata[0]), "Home") == 0;
}

/* An alias given to the account gets its own signatures, at once */
static void
test_signature_for_alias (SignatureFixture *f,
                          gconstpointer     data)
{
  gboolean aliased = FALSE;
  GtkWidget *scope_row;

  open_scope_row (f->p.prefs, ME);
  kith_mail_service_set_aliases_async (f->p.mail, f->account, ALIAS, NULL, on_aliases_set_cb, &aliased);
  wait_until (is_true, &aliased);

  scope_row = open_scope_row (f->p.prefs, ALIAS);
  add_signature (scope_row, "Home", "Alice");
  wait_until (stored_for_alias, f);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* Camel warns about what it meets in mail; that must not abort the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* but GObject's own warnings (a weak reference not found as a signature's row goes) must */
  g_log_set_fatal_mask ("GLib-GObject", G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/outbox/lists", OutboxFixture, NULL, outbox_fixture_set_up, test_outbox_lists,
              outbox_fixture_tear_down);
  g_test_add ("/outbox/edit", OutboxFixture, NULL, outbox_fixture_set_up, test_outbox_edit,
              outbox_fixture_tear_down);
  g_test_add ("/outbox/discard", OutboxFixture, NULL, outbox_fixture_set_up, test_outbox_discard,
              outbox_fixture_tear_down);
  g_test_add_func ("/outbox/opens-composer", test_outbox_opens_composer);
  g_test_add ("/outbox/signature-for-new-mail", SignatureFixture, NULL, signature_fixture_set_up,
              test_signature_for_new_mail, signature_fixture_tear_down);
  g_test_add ("/outbox/signature-edit-and-delete", SignatureFixture, NULL, signature_fixture_set_up,
              test_signature_edit_and_delete, signature_fixture_tear_down);
  g_test_add ("/outbox/signature-for-alias", SignatureFixture, NULL, signature_fixture_set_up,
              test_signature_for_alias, signature_fixture_tear_down);
  g_test_add ("/outbox/sending-settings", PrefsFixture, NULL, prefs_fixture_set_up, test_sending_settings,
              prefs_fixture_tear_down);

  return g_test_run ();
}
