/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Where the composer opens, as a user opens it: the application itself (its store in a
 * temporary data dir, its mail service with an account on a private Dovecot holding mail from a
 * client); R, Shift+R and Forward on the Inbox's message (and R on one with a Reply-To), Reply
 * in an email's menu on a timeline,
 * Write Email beside an email and in a company's menu, Call beside a phone (a tel: link handed
 * to a dialer the test installs as the session's handler), and mailto: links handed to the
 * application (g_application_open (), as the desktop does for `kith mailto:…` and a link
 * clicked elsewhere).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kith-application.h"
#include "kith-inbox-page.h"
#include "kith-inbox-row.h"
#include "kith-mail-account.h"
#include "kith-mail-service.h"
#include "kith-message-view.h"
#include "kith-profile-page.h"
#include "compose/kith-address-entry.h"
#include "compose/kith-composer.h"
#include "../core/kith-test-util.h"
#include "../services/kith-test-dovecot.h"
#include "kith-gui-test-app.h"
#include "kith-gui-test-composer.h"
#include "kith-gui-test-util.h"
#include "kith-gui-test-store.h"
#include "kith-gui-test-window.h"

#define PASSWORD "entry-test-pw"
#define ME "alice@agency.example"

/* A dialer of the test's own, the session's handler of tel: links: it writes the link it is
 * given to a file beside it */
static char *dialer_dir;

static GuiTestApp app;

/* Fay's mail to the user and Gus, Cc Hal and the user again, in the INBOX on the server */
static void
deliver_mail (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = kith_test_mail_message ("Fay Wong <fay@client.example>",
                                                     ME ", Gus Lee <gus@client.example>",
                                                     "hal@client.example, " ME,
                                                     "Harbour loft", "<loft-1@client.example>", NULL, NULL,
                                                     g_get_real_time () / G_USEC_PER_SEC - 3600,
                                                     "Could we see the loft on Saturday?\n");

  g_assert_true (kith_test_dovecot_deliver (app.dovecot, "alice", "INBOX", message, "", &error));
  g_assert_no_error (error);
}

/* Ian's mail, an hour older than Fay's, asking for replies to go to his assistant: its
 * Reply-To, her name encoded as mail programs encode it */
static void
deliver_mail_with_reply_to (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = kith_test_mail_message ("Ian Holt <ian@harbour.example>", ME, NULL,
                                                     "Viewing times", "<times-1@harbour.example>", NULL, NULL,
                                                     g_get_real_time () / G_USEC_PER_SEC - 7200,
                                                     "Zoe keeps my diary this week.\n");
  g_autofree char *with_reply_to = g_strconcat ("Reply-To: =?UTF-8?Q?Zo=C3=AB_Holt?= <zoe@harbour.example>\r\n",
                                                message, NULL);

  g_assert_true (kith_test_dovecot_deliver (app.dovecot, "alice", "INBOX", with_reply_to, "", &error));
  g_assert_no_error (error);
}

/* An account on the private Dovecot, added as Preferences adds one (the registry and the
 * keyring are the session's: the application finds it there); adding it reads the INBOX */
static void
add_account (void)
{
  gui_test_app_take_down (&app, gui_test_app_add_account (&app, ME, PASSWORD));
}

static void
start_app (void)
{
  app.t = gui_test_store_new ();
  /* Not a first run: no welcome dialog over the window */
  apply_preset (app.t->store, "business");
  gui_test_app_start_dovecot (&app, PASSWORD);
  seed_record (app.t, KITH_RECORD_PERSON,
               "{\"name\": \"Fay Wong\", \"emails\": [{\"value\": \"fay@client.example\"}]}");
  seed_record (app.t, KITH_RECORD_COMPANY, "{\"name\": \"Harbour Homes\", \"emails\": [\"desk@harbour.example\"]}");
  seed_record (app.t, KITH_RECORD_PERSON,
               "{\"name\": \"Ian Holt\", \"company\": \"Harbour Homes\", \"emails\": [\"ian@harbour.example\"], "
               "\"phones\": [{\"value\": \"+44 20 7946 0001\"}]}");
  seed_record (app.t, KITH_RECORD_PERSON, "{\"name\": \"Jo Holt\", \"company\": \"Harbour Homes\"}");
  deliver_mail ();
  deliver_mail_with_reply_to ();
  add_account ();
  gui_test_app_register (&app);
}

/* What the composer's field captioned @caption ("To", "Subject") holds: an address field's
 * chips joined by ", "; valid until the next call */
static const char *
field_text (const char *caption)
{
  static char *joined;
  GtkWidget *entry = field (caption);

  if (KITH_IS_ADDRESS_ENTRY (entry))
    {
      g_auto(GStrv) addresses = kith_address_entry_get_addresses (KITH_ADDRESS_ENTRY (entry));

      g_free (joined);
      joined = g_strjoinv (", ", addresses);
      return joined;
    }
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” contains “%s”", text, part);
}

/* For wait_until (): the composer shows its draft (its subject in the window's title) */
static gboolean
composer_titled (gpointer subject)
{
  KithComposer *shown = composer ();

  return shown != NULL && gtk_widget_get_mapped (GTK_WIDGET (shown)) &&
         g_strcmp0 (gtk_window_get_title (GTK_WINDOW (shown)), subject) == 0;
}

static void
wait_for_composer (const char *subject)
{
  wait_until (composer_titled, (gpointer) subject);
}

static void
close_composer (void)
{
  close_window (composer ());
  wait_for_window_gone (KITH_TYPE_COMPOSER);
}

/* The Inbox's message view shows Fay's mail, its body read */
static gboolean
body_shown (gpointer data)
{
  GtkWidget *view = find_widget (data, KITH_TYPE_MESSAGE_VIEW, NULL);

  return view != NULL && find_where (view, is_label_shown, "Could we see the loft on Saturday?") != NULL;
}

static gboolean
inbox_row_shown (gpointer data)
{
  GtkWidget *row = find_widget (data, KITH_TYPE_INBOX_ROW, NULL);

  return row != NULL && is_mapped (row);
}

/* Fay's mail, open in the Inbox, the keyboard on its list */
static void
open_inbox_message (KithWindow *window)
{
  KithInboxPage *inbox = inbox_page (window);

  go_to_page (window, "inbox");
  wait_until (inbox_row_shown, inbox);
  click_when_still (find_widget (GTK_WIDGET (inbox), KITH_TYPE_INBOX_ROW, NULL));
  wait_until (body_shown, inbox);
}

/* R answers the sender: "Re: " before the subject, the mail quoted under who wrote it; Shift+R
 * answers everyone it went to, but the user */
static void
test_inbox_reply (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  g_autofree char *body = NULL;
  g_autofree char *to = NULL;
  g_autofree char *cc = NULL;

  open_inbox_message (window);
  press_keys ("r");
  wait_for_composer ("Re: Harbour loft");
  g_assert_cmpstr (field_text ("To"), ==, "Fay Wong <fay@client.example>");
  g_assert_cmpstr (field_text ("Subject"), ==, "Re: Harbour loft");
  body = body_text ();
  assert_contains (body, ", Fay Wong wrote:\n> Could we see the loft on Saturday?");
  close_composer ();

  focus_window (GTK_WIDGET (window));
  press_keys ("shift+r");
  wait_for_composer ("Re: Harbour loft");
  to = g_strdup (field_text ("To"));
  cc = g_strdup (field_text ("Cc"));
  assert_contains (to, "fay@client.example");
  assert_contains (to, "gus@client.example");
  assert_contains (cc, "hal@client.example");
  assert_lacks (to, ME);
  assert_lacks (cc, ME);
  close_composer ();

  /* Forward's button in the message's header bar: no recipient, "Fwd: " */
  focus_window (GTK_WIDGET (window));
  click (shown_with_tooltip (window, "Forward (F)"));
  wait_for_composer ("Fwd: Harbour loft");
  g_assert_cmpstr (field_text ("To"), ==, "");
  close_composer ();
}

static gboolean
ian_mail_shown (gpointer data)
{
  GtkWidget *view = find_widget (data, KITH_TYPE_MESSAGE_VIEW, NULL);

  return view != NULL && find_where (view, is_label_shown, "Zoe keeps my diary this week.") != NULL;
}

static gboolean
ian_row_shown (gpointer data)
{
  GtkWidget *label = find_where (data, is_label_shown, "Viewing times");

  return label != NULL && gtk_widget_get_ancestor (label, KITH_TYPE_INBOX_ROW) != NULL;
}

/* A message with a Reply-To is answered there, not to its sender, as mail programs do; Reply
 * All answers it and the others, still not the sender nor the user */
static void
test_inbox_reply_to (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  KithInboxPage *inbox = inbox_page (window);
  g_autofree char *to = NULL;

  go_to_page (window, "inbox");
  wait_until (ian_row_shown, inbox);
  click_when_still (gtk_widget_get_ancestor (find_where (GTK_WIDGET (inbox), is_label_shown, "Viewing times"),
                                             KITH_TYPE_INBOX_ROW));
  wait_until (ian_mail_shown, inbox);

  press_keys ("r");
  wait_for_composer ("Re: Viewing times");
  g_assert_cmpstr (field_text ("To"), ==, "Zoë Holt <zoe@harbour.example>");
  close_composer ();

  focus_window (GTK_WIDGET (window));
  press_keys ("shift+r");
  wait_for_composer ("Re: Viewing times");
  to = g_strdup (field_text ("To"));
  assert_contains (to, "zoe@harbour.example");
  assert_lacks (to, "ian@harbour.example");
  assert_lacks (to, ME);
  close_composer ();
}

/* The button beside an email on a profile writes to it, named after the record */
static void
test_profile_write_email (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  GtkWidget *button;

  open_from_list (window, KITH_RECORD_PERSON, "Fay Wong");
  button = shown_with_tooltip (profile_page (window), "Write Email to “fay@client.example”");
  g_assert_nonnull (button);
  scroll_into_view (button);
  click_when_still (button);
  wait_for_composer ("New Message");
  g_assert_cmpstr (field_text ("To"), ==, "Fay Wong <fay@client.example>");
  close_composer ();
}

static void
open_uri (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  GFile *files[] = { file };

  g_application_open (G_APPLICATION (app.app), files, 1, "");
}

/* A mailto: link fills To, Cc, Subject and the body */
static void
test_mailto (void)
{
  g_autofree char *body = NULL;

  open_uri ("mailto:ann@example.com?cc=bob@example.com&subject=Open%20house%20on%20Sunday"
            "&body=Hello%20Ann%2C%0D%0AAre%20you%20coming%3F");
  wait_for_composer ("Open house on Sunday");
  g_assert_cmpstr (field_text ("To"), ==, "ann@example.com");
  g_assert_cmpstr (field_text ("Cc"), ==, "bob@example.com");
  g_assert_cmpstr (field_text ("Subject"), ==, "Open house on Sunday");
  body = body_text ();
  assert_contains (body, "Hello Ann,\nAre you coming?");
  close_composer ();
}

/* A link that is not one is named in a message, and opens no composer */
static void
test_mailto_bad (void)
{
  gpointer shown[2];

  open_uri ("mailto:?cc=nobody");
  shown[0] = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  shown[1] = (gpointer) "The mail link “mailto:?cc=nobody” names “nobody”, which is not an email address";
  wait_until (label_shown, shown);
  g_assert_null (composer ());
  answer_message_dialog ("_Close");
}

/* For wait_until (): a widget in args[0] with the tooltip args[1] is on screen */
static gboolean
tooltip_shown (gpointer data)
{
  gpointer *args = data;

  return shown_with_tooltip (args[0], args[1]) != NULL;
}

/* The button in @root with @tooltip, once the same one has lasted a few dozen frames: a
 * timeline's rows are built again while its pages are read */
static GtkWidget *
lasting_with_tooltip (GtkWidget  *root,
                      const char *tooltip)
{
  gpointer args[] = { root, (gpointer) tooltip };
  GtkWidget *button = NULL;
  guint lasted = 0;

  while (lasted < 10)
    {
      if (button == NULL)
        {
          wait_until (tooltip_shown, args);
          button = shown_with_tooltip (root, tooltip);
          g_object_add_weak_pointer (G_OBJECT (button), (gpointer *) &button);
          lasted = 0;
        }
      wait_for_frames (root);
      lasted += button != NULL;
    }
  g_object_remove_weak_pointer (G_OBJECT (button), (gpointer *) &button);
  return button;
}

/* An email on a profile's timeline is answered from its menu, as in the Inbox */
static void
test_timeline_reply (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  GtkWidget *button;
  GtkWidget *popover;
  gpointer shown[2];

  /* From another record's profile (the company's, before): Fay's is read afresh */
  open_from_list (window, KITH_RECORD_PERSON, "Fay Wong");
  button = lasting_with_tooltip (GTK_WIDGET (profile_page (window)), "More for “Harbour loft”");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  shown[0] = popover;
  shown[1] = (gpointer) "Reply All";
  scroll_into_view (button);
  click_when_still (button);
  wait_until (label_shown, shown);
  click (find_widget (popover, GTK_TYPE_LABEL, "Reply"));
  wait_for_composer ("Re: Harbour loft");
  g_assert_cmpstr (field_text ("To"), ==, "Fay Wong <fay@client.example>");
  close_composer ();
}

/* A company's Write Email… writes to it and its people with an email (Jo has none) */
static void
test_company_write_email (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  GtkWidget *popover;
  g_autofree char *to = NULL;

  open_from_list (window, KITH_RECORD_COMPANY, "Harbour Homes");
  popover = open_menu (profile_page (window), "Write Email…");
  choose (popover, "Write Email…");
  wait_for_composer ("New Message");
  to = g_strdup (field_text ("To"));
  assert_contains (to, "Harbour Homes <desk@harbour.example>");
  assert_contains (to, "Ian Holt <ian@harbour.example>");
  close_composer ();
}

/* Installs the dialer where the desktop's applications are looked for; before GIO reads them */
static void
install_dialer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *applications = NULL;
  g_autofree char *script = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *dirs = NULL;

  dialer_dir = g_dir_make_tmp ("kith-dialer-XXXXXX", &error);
  g_assert_no_error (error);
  applications = g_build_filename (dialer_dir, "applications", NULL);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);

  script = g_build_filename (dialer_dir, "dial.sh", NULL);
  g_assert_true (g_file_set_contents (script, "#!/bin/sh\nprintf '%s' \"$1\" > \"$(dirname \"$0\")/called.tmp\"\n"
                                              "mv \"$(dirname \"$0\")/called.tmp\" \"$(dirname \"$0\")/called\"\n",
                                      -1, &error));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);

  desktop = g_build_filename (applications, "kith-test-dialer.desktop", NULL);
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Dialer\nExec=%s %%u\n"
                           "MimeType=x-scheme-handler/tel;\n", script);
  g_assert_true (g_file_set_contents (desktop, entry, -1, &error));
  /* GIO finds handlers by the index update-desktop-database writes */
  cache = g_build_filename (applications, "mimeinfo.cache", NULL);
  g_assert_true (g_file_set_contents (cache, "[MIME Cache]\nx-scheme-handler/tel=kith-test-dialer.desktop;\n", -1, &error));

  dirs = g_strconcat (dialer_dir, ":", g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                                             : "/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
}

/* What the dialer was handed, or %NULL while nothing was */
static char *
dup_dialed (void)
{
  g_autofree char *path = g_build_filename (dialer_dir, "called", NULL);
  char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) ? text : NULL;
}

static gboolean
dialed (gpointer data)
{
  g_autofree char *text = dup_dialed ();

  return text != NULL;
}

/* Call beside a phone hands a tel: link to whichever app calls, without the spaces */
static void
test_profile_call (void)
{
  KithWindow *window = gui_test_app_main_window (&app);
  GtkWidget *button;
  g_autofree char *text = NULL;

  open_from_list (window, KITH_RECORD_PERSON, "Ian Holt");
  button = lasting_with_tooltip (GTK_WIDGET (profile_page (window)), "Call “+44 20 7946 0001”");
  scroll_into_view (button);
  click_when_still (button);
  wait_until (dialed, NULL);
  text = dup_dialed ();
  g_assert_cmpstr (text, ==, "tel:+442079460001");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  install_dialer ();
  gui_test_init (&argc, &argv);
  g_test_add_func ("/compose-entry/inbox-reply", test_inbox_reply);
  g_test_add_func ("/compose-entry/inbox-reply-to", test_inbox_reply_to);
  g_test_add_func ("/compose-entry/profile-write-email", test_profile_write_email);
  g_test_add_func ("/compose-entry/company-write-email", test_company_write_email);
  g_test_add_func ("/compose-entry/timeline-reply", test_timeline_reply);
  g_test_add_func ("/compose-entry/profile-call", test_profile_call);
  g_test_add_func ("/compose-entry/mailto", test_mailto);
  g_test_add_func ("/compose-entry/mailto-bad", test_mailto_bad);

  start_app ();
  status = g_test_run ();
  gui_test_app_stop (&app);
  kith_test_rm_rf (dialer_dir);
  g_free (dialer_dir);

  return status;
}
