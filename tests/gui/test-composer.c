/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The composer, as a user writes mail: the application itself (its store in a temporary data
 * dir, its mail service with an account on a private Dovecot) opens it with app.compose;
 * recipients, subject and body are typed on the keyboard (xdotool, through the X server); what
 * Send, Undo and the pauses in typing leave in the Outbox is read back on the store's worker.
 */

#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kith-address-entry.h"
#include "kith-application.h"
#include "kith-mail-account.h"
#include "kith-mail-service.h"
#include "compose/kith-composer.h"
#include "../core/kith-test-util.h"
#include "../services/kith-test-dovecot.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-composer.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

#define PASSWORD "composer-test-pw"
#define ME "alice@agency.example"
#define FROM "Alice Agent <" ME ">"
#define ALIAS "alice@home.example"

static GuiTestApp app;

static void
on_aliases_set_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_mail_service_set_aliases_finish (KITH_MAIL_SERVICE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}


/* An account on the private Dovecot with an alias, added as Preferences adds them (the
 * registry and the keyring are the session's: the application finds them there) */
static void
add_account (void)
{
  KithMailService *mail;
  gboolean aliased = FALSE;

  gui_test_app_start_dovecot (&app, PASSWORD);
  mail = gui_test_app_add_account (&app, ME, PASSWORD);
  kith_mail_service_set_aliases_async (mail, app.account, ALIAS, NULL, on_aliases_set_cb, &aliased);
  wait_until (is_true, &aliased);
  gui_test_app_take_down (&app, mail);
}

static void
start_app (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  app.t = gui_test_store_new ();
  add_account ();

  /* Long enough for Undo to be pressed with time to spare on a loaded machine */
  g_settings_set_uint (settings, "send-undo-seconds", 30);
  gui_test_app_register (&app);
}

static gboolean
composer_gone (gpointer data)
{
  return composer () == NULL;
}

static const char *
field_text (const char *caption)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (caption)));
}

/* The addresses an address field (To, Cc) shows as its chips */
static void
assert_field_shows (const char *caption,
                    const char *address)
{
  g_auto(GStrv) addresses = kith_address_entry_get_addresses (KITH_ADDRESS_ENTRY (field (caption)));

  g_assert_cmpstr (addresses[0], ==, address);
  g_assert_null (addresses[1]);
}

/* For wait_until (): From shows the account's address, read from the registry */
static gboolean
from_shows_account (gpointer data)
{
  GtkWidget *from = field ("From");

  return from != NULL && find_where (from, is_label_shown, FROM) != NULL;
}

/* A new message, as another program or a desktop action asks for one: app.compose */
static KithComposer *
compose_new (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app.app), "compose", NULL);
  wait_for_window (KITH_TYPE_COMPOSER);
  focus_window (GTK_WIDGET (composer ()));
  wait_until (from_shows_account, NULL);
  return composer ();
}

static void
type_in_field (const char *caption,
               const char *text)
{
  type_into (field (caption), text);
}

static void
type_in_body (const char *text)
{
  GtkWidget *view = find_widget (GTK_WIDGET (composer ()), GTK_TYPE_TEXT_VIEW, NULL);

  click (view);
  wait_until (has_focus_within, view);
  type_text (text);
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_store_outgoing_list (store, GPOINTER_TO_UINT (data), error);
}

/* The message with @subject ("" for none) in the states of @mask, as stored; %NULL when there
 * is none */
static KithOutgoing *
stored_message (const char *subject,
                guint       mask)
{
  g_autoptr(GPtrArray) messages = on_worker (app.t->store, list_job, GUINT_TO_POINTER (mask));

  for (guint i = 0; i < messages->len; i++)
    {
      KithOutgoing *message = g_ptr_array_index (messages, i);

      const char *stored = kith_outgoing_get_subject (message);

      if (g_strcmp0 (stored != NULL ? stored : "", subject) == 0)
        return g_object_ref (message);
    }
  return NULL;
}

#define DRAFTS (1u << KITH_OUTGOING_DRAFT)
#define QUEUED (1u << KITH_OUTGOING_QUEUED)

static gboolean
stored_as_draft (gpointer subject)
{
  g_autoptr(KithOutgoing) message = stored_message (subject, DRAFTS);

  return message != NULL;
}

static gboolean
no_draft_stored (gpointer subject)
{
  return !stored_as_draft (subject);
}

static void
assert_addresses (const char * const *addresses,
                  const char         *first)
{
  g_assert_nonnull (addresses);
  g_assert_cmpstr (addresses[0], ==, first);
  g_assert_null (addresses[1]);
}

/* The problem the composer shows above its fields, once shown */
static gboolean
problem_shown (gpointer text)
{
  gpointer args[] = { composer (), text };

  return any_label_shown (args);
}

/* Typed in, sent with Ctrl+Return: queued with what was typed, the composer closed, a toast on
 * the main window; Undo puts it back to a draft, in a composer again */
static void
test_send_and_undo (void)
{
  KithWindow *window;
  g_autoptr(KithOutgoing) queued = NULL;
  g_autoptr(KithOutgoing) draft = NULL;
  g_autofree char *body = NULL;
  gpointer toast[2];

  compose_new ();
  type_in_field ("To", "Bob Buyer <bob@example.com>");
  type_in_field ("Subject", "Harbour loft viewing");
  type_in_body ("Would Tuesday suit you?");
  press_keys ("ctrl+Return");
  wait_until (composer_gone, NULL);

  window = KITH_WINDOW (shown_window_of (KITH_TYPE_WINDOW));
  toast[0] = window;
  toast[1] = (gpointer) "Sending “Harbour loft viewing”…";
  wait_until (label_shown, toast);

  queued = stored_message ("Harbour loft viewing", QUEUED);
  g_assert_nonnull (queued);
  assert_addresses (kith_outgoing_get_to (queued), "Bob Buyer <bob@example.com>");
  g_assert_cmpstr (kith_outgoing_get_from_address (queued), ==, ME);
  g_assert_cmpstr (kith_outgoing_get_account (queued), ==, app.account);
  g_assert_cmpstr (kith_outgoing_get_body_text (queued), ==, "Would Tuesday suit you?");
  g_assert_nonnull (kith_outgoing_get_message_id (queued));

  click_undo (window);
  wait_for_window (KITH_TYPE_COMPOSER);
  draft = stored_message ("Harbour loft viewing", DRAFTS);
  g_assert_nonnull (draft);
  g_assert_cmpint (kith_outgoing_get_id (draft), ==, kith_outgoing_get_id (queued));
  assert_field_shows ("To", "Bob Buyer <bob@example.com>");
  g_assert_cmpstr (field_text ("Subject"), ==, "Harbour loft viewing");
  body = body_text ();
  g_assert_cmpstr (body, ==, "Would Tuesday suit you?");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (composer ())), ==, "Harbour loft viewing");

  close_window (composer ());
}

static guint
count_composers (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app.app)); l != NULL; l = l->next)
    n += KITH_IS_COMPOSER (l->data);
  return n;
}

static gboolean
stored_with_regards (gpointer subject)
{
  g_autoptr(KithOutgoing) draft = stored_message (subject, DRAFTS);

  return draft != NULL &&
         g_strcmp0 (kith_outgoing_get_body_text (draft), "The offer stands until Friday. Regards") == 0;
}

/* A pause in typing saves the draft; reopened, it shows every field again */
static void
test_draft_saved_and_reopened (void)
{
  g_autoptr(KithOutgoing) draft = NULL;
  g_autofree char *body = NULL;
  KithComposer *composer_window;

  compose_new ();
  type_in_field ("To", "carol@example.com");
  click (find_where (GTK_WIDGET (composer ()), is_labelled_button, "Cc"));
  type_in_field ("Cc", "dan@example.com");
  type_in_field ("Subject", "Offer on Elm Street");
  type_in_body ("The offer stands until Friday.");
  wait_until (stored_as_draft, "Offer on Elm Street");

  /* The last of the typing is saved when the window closes, too */
  type_in_body (" Regards");
  press_keys ("ctrl+w");
  wait_until (composer_gone, NULL);
  wait_until (stored_with_regards, "Offer on Elm Street");

  draft = stored_message ("Offer on Elm Street", DRAFTS);
  g_assert_nonnull (draft);
  assert_addresses (kith_outgoing_get_to (draft), "carol@example.com");
  assert_addresses (kith_outgoing_get_cc (draft), "dan@example.com");

  /* As the Drafts list opens it */
  kith_application_compose (app.app, draft);
  wait_for_window (KITH_TYPE_COMPOSER);
  assert_field_shows ("To", "carol@example.com");
  assert_field_shows ("Cc", "dan@example.com");
  g_assert_true (gtk_widget_get_mapped (field ("Cc")));
  g_assert_cmpstr (field_text ("Subject"), ==, "Offer on Elm Street");
  body = body_text ();
  g_assert_cmpstr (body, ==, "The offer stands until Friday. Regards");
  g_assert_true (from_shows_account (NULL));

  /* Asked for again, it is the same window */
  composer_window = composer ();
  kith_application_compose (app.app, draft);
  g_assert_true (composer () == composer_window);
  g_assert_cmpuint (count_composers (), ==, 1);

  close_window (composer ());
}

static gboolean
still_composing (gpointer subject)
{
  g_autoptr(KithOutgoing) queued = stored_message (subject, QUEUED);

  return composer () != NULL && queued == NULL;
}

/* Send names the text that is not an address, and its field, and leaves the message a draft */
static void
test_invalid_address_blocks_send (void)
{
  compose_new ();
  type_in_field ("To", "erin@example.com, frank at example");
  type_in_field ("Subject", "Keys to collect");
  press_keys ("ctrl+Return");
  wait_until (problem_shown, "To: “frank at example” is not an email address");
  assert_holds_for (still_composing, "Keys to collect", 500, "the composer stays open and nothing is queued");

  close_window (composer ());
}

/* Without a recipient Send says so */
static void
test_no_recipient_blocks_send (void)
{
  compose_new ();
  type_in_field ("Subject", "Nobody yet");
  click (find_where (GTK_WIDGET (composer ()), is_labelled_button, "_Send"));
  wait_until (problem_shown, "Add a recipient in To, Cc or Bcc");
  assert_holds_for (still_composing, "Nobody yet", 500, "the composer stays open and nothing is queued");

  close_window (composer ());
}

static gboolean
stored_with_attachments (gpointer data)
{
  gpointer *args = data;
  g_autoptr(KithOutgoing) draft = stored_message (args[0], DRAFTS);
  const char * const *paths = draft != NULL ? kith_outgoing_get_attachments (draft) : NULL;

  return paths != NULL && g_strv_equal (paths, args[1]);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
shows_row (gpointer title)
{
  return find_where (GTK_WIDGET (composer ()), is_row_titled, title) != NULL;
}

static gboolean
shows_no_row (gpointer title)
{
  return !shows_row (title);
}

static gboolean
banner_hidden (gpointer text)
{
  return !problem_shown (text);
}

/* Files picked with Attach Files… are listed with their size; above 25 MB in all a banner
 * warns, gone once the big file is taken off; the draft keeps the files that stay */
static void
test_attachments (void)
{
  g_autofree char *small = g_build_filename (app.t->dir, "floor-plan.txt", NULL);
  g_autofree char *big = g_build_filename (app.t->dir, "walkthrough.mov", NULL);
  const char *kept[] = { small, NULL };
  gpointer stored[] = { (gpointer) "Plans attached", kept };
  /* g_format_size () keeps the number and its unit together with a no-break space */
  const char *warning = "The attachments come to 26.0\u00a0MB, above the usual limit of 25 MB: "
                        "the server may refuse the message";
  int fd;

  g_assert_true (g_file_set_contents (small, "Ground floor: 80 m²", -1, NULL));
  fd = g_open (big, O_CREAT | O_WRONLY, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 26 * 1000 * 1000), ==, 0);
  close (fd);

  compose_new ();
  type_in_field ("Subject", "Plans attached");
  click (shown_with_tooltip (composer (), "Attach Files…"));
  pick_file (small);
  wait_until (shows_row, "floor-plan.txt");
  g_assert_nonnull (find_widget (GTK_WIDGET (composer ()), GTK_TYPE_LABEL, "20 bytes"));

  focus_window (GTK_WIDGET (composer ()));
  click (shown_with_tooltip (composer (), "Attach Files…"));
  pick_file (big);
  wait_until (shows_row, "walkthrough.mov");
  wait_until (problem_shown, (gpointer) warning);

  click (find_where (find_where (GTK_WIDGET (composer ()), is_row_titled, "walkthrough.mov"),
                     has_tooltip, "Remove Attachment"));
  wait_until (shows_no_row, "walkthrough.mov");
  wait_until (banner_hidden, (gpointer) warning);
  wait_until (stored_with_attachments, stored);

  close_window (composer ());
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
problem_starts (gpointer prefix)
{
  return find_where (GTK_WIDGET (composer ()), is_label_starting, prefix) != NULL;
}

/* A file gone by the time Send is pressed: the error names it, and the message stays a draft
 * in the composer */
static void
test_unreadable_attachment_blocks_send (void)
{
  g_autofree char *path = g_build_filename (app.t->dir, "contract.pdf", NULL);
  g_autofree char *expected = g_strdup_printf ("Attachment “%s” cannot be read", path);
  gpointer stored[] = { (gpointer) "Contract", (const char *[]) { path, NULL } };

  g_assert_true (g_file_set_contents (path, "%PDF-1.4", -1, NULL));
  compose_new ();
  type_in_field ("To", "gina@example.com");
  type_in_field ("Subject", "Contract");
  click (shown_with_tooltip (composer (), "Attach Files…"));
  pick_file (path);
  wait_until (shows_row, "contract.pdf");
  wait_until (stored_with_attachments, stored);

  g_assert_cmpint (g_unlink (path), ==, 0);
  focus_window (GTK_WIDGET (composer ()));
  press_keys ("ctrl+Return");
  wait_until (problem_starts, expected);
  g_assert_true (still_composing ("Contract"));
  g_assert_true (stored_as_draft ("Contract"));

  close_window (composer ());
}

/* A composer closed with nothing written leaves no draft behind */
static void
test_blank_leaves_no_draft (void)
{
  g_autoptr(GPtrArray) before = on_worker (app.t->store, list_job, GUINT_TO_POINTER (DRAFTS));
  g_autoptr(GPtrArray) after = NULL;

  compose_new ();
  /* Saved at once, as every new message is: wait for it, so that the close has it to remove */
  wait_until (stored_as_draft, "");
  press_keys ("ctrl+w");
  wait_until (composer_gone, NULL);
  wait_until (no_draft_stored, "");
  after = on_worker (app.t->store, list_job, GUINT_TO_POINTER (DRAFTS));
  g_assert_cmpuint (after->len, ==, before->len);
}

typedef struct {
  const char *address;
  const char *body;
} SignatureSeed;

static gpointer
add_signature_job (KithStore  *store,
                   gpointer    data,
                   GError    **error)
{
  SignatureSeed *seed = data;
  g_autoptr(KithSignature) signature = kith_signature_new (app.account, seed->body);

  kith_signature_set_address (signature, seed->address);
  kith_signature_set_body (signature, seed->body);
  g_assert_cmpint (kith_store_signature_save (store, signature, error), >, 0);
  return NULL;
}

static gpointer
remove_signatures_job (KithStore  *store,
                       gpointer    data,
                       GError    **error)
{
  g_autoptr(GPtrArray) signatures = kith_store_signatures_list (store, app.account, error);

  for (guint i = 0; i < signatures->len; i++)
    {
      KithSignature *signature = g_ptr_array_index (signatures, i);

      g_assert_true (kith_store_signature_delete (store, kith_signature_get_id (signature), error));
    }
  return NULL;
}

static gboolean
body_is (gpointer text)
{
  g_autofree char *body = body_text ();

  return g_strcmp0 (body, text) == 0;
}

static gboolean
stored_from_alias (gpointer subject)
{
  g_autoptr(KithOutgoing) draft = stored_message (subject, DRAFTS);

  return draft != NULL && g_strcmp0 (kith_outgoing_get_from_address (draft), ALIAS) == 0 &&
         g_strcmp0 (kith_outgoing_get_body_text (draft), "Hello\n\n-- \nAlice, from home") == 0;
}

/* A new message is signed with its sender's signature; another sender chosen in From, the
 * alias's own signature takes its place; a reply is signed above its quote */
static void
test_signature_follows_from (void)
{
  SignatureSeed account_wide = { NULL, "Alice Agent\nAgency Realty" };
  SignatureSeed alias = { ALIAS, "Alice, from home" };
  gpointer alias_item[2];
  g_autoptr(KithOutgoing) reply = NULL;

  on_worker (app.t->store, add_signature_job, &account_wide);
  on_worker (app.t->store, add_signature_job, &alias);

  compose_new ();
  wait_until (body_is, "\n\n-- \nAlice Agent\nAgency Realty");
  type_in_field ("Subject", "Signed twice");
  click (find_widget (GTK_WIDGET (composer ()), GTK_TYPE_TEXT_VIEW, NULL));
  press_keys ("ctrl+Home");
  type_text ("Hello");

  click (field ("From"));
  alias_item[0] = composer ();
  alias_item[1] = (gpointer) "Alice Agent <" ALIAS ">";
  wait_until (label_shown, alias_item);
  click_when_still (find_where (GTK_WIDGET (composer ()), is_label_shown, alias_item[1]));
  wait_until (body_is, "Hello\n\n-- \nAlice, from home");
  wait_until (stored_from_alias, "Signed twice");

  close_window (composer ());

  /* A reply, as the Inbox begins one: the account-wide signature, which is for replies too,
   * above the quote */
  reply = kith_outgoing_new ();
  kith_outgoing_set_account (reply, app.account);
  kith_outgoing_set_from_address (reply, ME);
  kith_outgoing_set_to (reply, (const char *[]) { "Fay Wong <fay@client.example>", NULL });
  kith_outgoing_set_subject (reply, "Re: Harbour loft");
  kith_outgoing_set_in_reply_to (reply, "<loft-1@client.example>");
  kith_outgoing_set_body_text (reply, "\n\nOn Tue 1 Dec, Fay Wong wrote:\n> Is it still free?");
  kith_outgoing_set_body_html (reply, "<p><br></p><p>On Tue 1 Dec, Fay Wong wrote:</p>"
                                      "<blockquote type=\"cite\">Is it still free?</blockquote>");
  kith_application_compose (app.app, reply);
  wait_for_window (KITH_TYPE_COMPOSER);
  wait_until (body_is, "\n\n-- \nAlice Agent\nAgency Realty\n\nOn Tue 1 Dec, Fay Wong wrote:\n> Is it still free?");

  close_window (composer ());
  on_worker (app.t->store, remove_signatures_job, NULL);
}

static gboolean
stored_html_has (gpointer data)
{
  gpointer *args = data;
  g_autoptr(KithOutgoing) draft = stored_message (args[0], DRAFTS);
  const char *html = draft != NULL ? kith_outgoing_get_body_html (draft) : NULL;

  return html != NULL && strstr (html, args[1]) != NULL;
}

static gboolean
stored_plain (gpointer subject)
{
  g_autoptr(KithOutgoing) draft = stored_message (subject, DRAFTS);

  return draft != NULL && kith_outgoing_get_body_html (draft) == NULL &&
         g_strcmp0 (kith_outgoing_get_body_text (draft), "Urgent: please call") == 0;
}

static gboolean
bold_button_hidden (gpointer data)
{
  GtkWidget *bold = find_where (GTK_WIDGET (composer ()), has_tooltip, "Bold (Ctrl+B)");

  return bold != NULL && !gtk_widget_get_mapped (bold);
}

/* Bold typed with Ctrl+B is kept as HTML beside the plain text; with mail in plain text only
 * (Preferences), the formatting bar goes and the message is plain text alone */
static void
test_formatting_and_plain_text (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gpointer bold[] = { (gpointer) "Formatted", (gpointer) "<b>Urgent</b>" };

  compose_new ();
  type_in_field ("To", "hana@example.com");
  type_in_field ("Subject", "Formatted");
  type_in_body ("");
  press_keys ("ctrl+b");
  type_text ("Urgent");
  press_keys ("ctrl+b");
  type_text (": please call");
  wait_until (stored_html_has, bold);
  g_assert_true (gtk_widget_get_mapped (find_where (GTK_WIDGET (composer ()), has_tooltip, "Bold (Ctrl+B)")));
  save_png (GTK_WIDGET (composer ()), "composer.png");

  g_settings_set_boolean (settings, "compose-plain-text", TRUE);
  wait_until (bold_button_hidden, NULL);
  type_in_body ("");
  press_keys ("End");
  press_keys ("BackSpace");
  type_text ("l");
  wait_until (stored_plain, "Formatted");

  close_window (composer ());
  g_settings_reset (settings, "compose-plain-text");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gui_test_init (&argc, &argv);
  start_app ();

  g_test_add_func ("/composer/send-and-undo", test_send_and_undo);
  g_test_add_func ("/composer/draft-saved-and-reopened", test_draft_saved_and_reopened);
  g_test_add_func ("/composer/invalid-address-blocks-send", test_invalid_address_blocks_send);
  g_test_add_func ("/composer/no-recipient-blocks-send", test_no_recipient_blocks_send);
  g_test_add_func ("/composer/attachments", test_attachments);
  g_test_add_func ("/composer/unreadable-attachment-blocks-send", test_unreadable_attachment_blocks_send);
  g_test_add_func ("/composer/blank-leaves-no-draft", test_blank_leaves_no_draft);
  g_test_add_func ("/composer/signature-follows-from", test_signature_follows_from);
  g_test_add_func ("/composer/formatting-and-plain-text", test_formatting_and_plain_text);
  ret = g_test_run ();

  gui_test_app_stop (&app);
  return ret;
}
