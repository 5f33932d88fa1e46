/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The drafts the composer opens with (kith-draft.c), without a window: Reply, Reply All and
 * Forward of a message — recipients, subject, quote and threading headers, the account — and
 * mailto: links as RFC 6068 writes them.
 */

#include <gio/gio.h>
#include <locale.h>

#include "compose/kith-draft.h"
#include "kith-mail-account.h"

#define ACCOUNT "acct-1"

/* Tue 1 Dec 2026 14:05 UTC, in ms */
#define DATE_MS (G_GINT64_CONSTANT (1796133900) * 1000)

static GListModel *
accounts_new (void)
{
  GListStore *accounts = g_list_store_new (KITH_TYPE_MAIL_ACCOUNT);
  g_autoptr(KithMailAccount) account = kith_mail_account_new (ACCOUNT);
  g_autoptr(KithMailAccount) other = kith_mail_account_new ("acct-2");
  const char *aliases[] = { "sales@agency.example", NULL };

  kith_mail_account_update (account, "Work", "me@agency.example", "Alice Moore", NULL, NULL, 0, aliases);
  kith_mail_account_update (other, "Home", "alice@home.example", "Alice", NULL, NULL, 0, NULL);
  g_list_store_append (accounts, account);
  g_list_store_append (accounts, other);

  return G_LIST_MODEL (accounts);
}

/* A message from Fay to the user's alias and Gus, Cc the user's other account and Hal */
static KithMessage *
original_new (const char *subject)
{
  KithMessage *message = g_object_new (KITH_TYPE_MESSAGE,
                                       "id", (gint64) 7,
                                       "subject", subject,
                                       "date", DATE_MS,
                                       "account", ACCOUNT,
                                       "sender-name", "Fay Wong",
                                       "sender-address", "fay@client.example",
                                       "message-id", "<2@client.example>",
                                       "thread-id", "<1@client.example>",
                                       NULL);
  const char *to[] = { "sales@agency.example", "Gus <gus@client.example>", NULL };
  const char *cc[] = { "Alice <ALICE@home.example>", "hal@client.example", "fay@client.example", NULL };

  kith_message_set_recipients (message, to, cc);
  kith_message_set_body (message, "Shall we see the house on Saturday?\n\n> Any news?\n", "text");
  return message;
}

static void
test_reply (void)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithMessage) original = original_new ("About the house");
  g_autoptr(KithOutgoing) draft = kith_draft_new_answer (original, KITH_DRAFT_REPLY, accounts);

  g_assert_cmpstrv (kith_outgoing_get_to (draft), ((const char *[]) { "Fay Wong <fay@client.example>", NULL }));
  g_assert_true (kith_outgoing_get_cc (draft) == NULL || kith_outgoing_get_cc (draft)[0] == NULL);
  g_assert_cmpstr (kith_outgoing_get_subject (draft), ==, "Re: About the house");
  g_assert_cmpstr (kith_outgoing_get_in_reply_to (draft), ==, "<2@client.example>");
  g_assert_cmpstr (kith_outgoing_get_references (draft), ==, "<1@client.example> <2@client.example>");
  /* From the account it arrived on, and the alias it was sent to */
  g_assert_cmpstr (kith_outgoing_get_account (draft), ==, ACCOUNT);
  g_assert_cmpstr (kith_outgoing_get_from_address (draft), ==, "sales@agency.example");
  g_assert_cmpstr (kith_outgoing_get_from_name (draft), ==, "Alice Moore");
  g_assert_cmpint (kith_outgoing_get_state (draft), ==, KITH_OUTGOING_DRAFT);

  g_assert_cmpstr (kith_outgoing_get_body_text (draft), ==,
                   "\n\nOn Tue, 1 Dec 2026 at 14:05, Fay Wong wrote:\n"
                   "> Shall we see the house on Saturday?\n"
                   ">\n"
                   ">> Any news?\n");
  g_assert_cmpstr (kith_outgoing_get_body_html (draft), ==,
                   "<p><br></p><p>On Tue, 1 Dec 2026 at 14:05, Fay Wong wrote:</p>"
                   "<blockquote type=\"cite\">Shall we see the house on Saturday?<br><br>&gt; Any news?</blockquote>");
}

static void
test_reply_all (void)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithMessage) original = original_new ("About the house");
  g_autoptr(KithOutgoing) draft = kith_draft_new_answer (original, KITH_DRAFT_REPLY_ALL, accounts);

  /* The sender and the To, then the Cc: without the user's addresses and aliases (in any case)
   * and without the sender twice */
  g_assert_cmpstrv (kith_outgoing_get_to (draft),
                    ((const char *[]) { "Fay Wong <fay@client.example>", "Gus <gus@client.example>", NULL }));
  g_assert_cmpstrv (kith_outgoing_get_cc (draft), ((const char *[]) { "hal@client.example", NULL }));
  g_assert_cmpstr (kith_outgoing_get_subject (draft), ==, "Re: About the house");
  g_assert_cmpstr (kith_outgoing_get_in_reply_to (draft), ==, "<2@client.example>");
}

static void
test_forward (void)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithMessage) original = original_new ("About the house");
  g_autoptr(KithOutgoing) draft = kith_draft_new_answer (original, KITH_DRAFT_FORWARD, accounts);

  g_assert_true (kith_outgoing_get_to (draft) == NULL || kith_outgoing_get_to (draft)[0] == NULL);
  g_assert_cmpstr (kith_outgoing_get_subject (draft), ==, "Fwd: About the house");
  g_assert_null (kith_outgoing_get_in_reply_to (draft));
  g_assert_null (kith_outgoing_get_attachments (draft));
  g_assert_cmpstr (kith_outgoing_get_account (draft), ==, ACCOUNT);
  g_assert_true (g_str_has_prefix (kith_outgoing_get_body_text (draft),
                                   "\n\nOn Tue, 1 Dec 2026 at 14:05, Fay Wong wrote:\n"
                                   "> Shall we see the house on Saturday?\n"));
}

/* "Re: " and "Fwd: " are not doubled, whatever their case */
static void
test_prefixes (void)
{
  static const struct { const char *subject; KithDraftKind kind; const char *expected; } cases[] = {
    { "Re: About the house", KITH_DRAFT_REPLY, "Re: About the house" },
    { "RE: About the house", KITH_DRAFT_REPLY_ALL, "RE: About the house" },
    { "Fwd: About the house", KITH_DRAFT_REPLY, "Re: Fwd: About the house" },
    { "Re: About the house", KITH_DRAFT_FORWARD, "Fwd: Re: About the house" },
    { "FW: About the house", KITH_DRAFT_FORWARD, "FW: About the house" },
    { "fwd: About the house", KITH_DRAFT_FORWARD, "fwd: About the house" },
    { NULL, KITH_DRAFT_REPLY, "Re: " },
  };
  g_autoptr(GListModel) accounts = accounts_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KithMessage) original = original_new (cases[i].subject);
      g_autoptr(KithOutgoing) draft = kith_draft_new_answer (original, cases[i].kind, accounts);

      g_assert_cmpstr (kith_outgoing_get_subject (draft), ==, cases[i].expected);
    }
}

/* An HTML original is quoted as its text; the first message of a thread is its own References */
static void
test_html_original (void)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithMessage) original = original_new ("Hi");
  g_autoptr(KithOutgoing) draft = NULL;

  g_object_set (original, "thread-id", "<2@client.example>", "sender-name", NULL, NULL);
  kith_message_set_body (original, "<html><head><style>p { color: red }</style></head><body>"
                                   "<p>Fish &amp; chips?</p><div>Saturday<br>at 10</div></body></html>", "html");
  draft = kith_draft_new_answer (original, KITH_DRAFT_REPLY, accounts);

  g_assert_cmpstrv (kith_outgoing_get_to (draft), ((const char *[]) { "fay@client.example", NULL }));
  g_assert_cmpstr (kith_outgoing_get_references (draft), ==, "<2@client.example>");
  g_assert_cmpstr (kith_outgoing_get_body_text (draft), ==,
                   "\n\nOn Tue, 1 Dec 2026 at 14:05, fay@client.example wrote:\n"
                   "> Fish & chips?\n"
                   "> Saturday\n"
                   "> at 10\n");
  g_assert_nonnull (strstr (kith_outgoing_get_body_html (draft), "Fish &amp; chips?<br>Saturday<br>at 10"));
}

/* Mail the user sent is followed up: Reply goes to its To again, Reply All adds its Cc, and
 * neither goes back to the user (an alias, in another case) */
static void
test_reply_to_own (void)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithMessage) original = original_new ("Viewing");
  g_autoptr(KithOutgoing) reply = NULL;
  g_autoptr(KithOutgoing) reply_all = NULL;
  const char *to[] = { "Gus <gus@client.example>", NULL };
  const char *cc[] = { "hal@client.example", "SALES@agency.example", NULL };

  g_object_set (original, "sender-name", "Alice Moore", "sender-address", "Me@Agency.example", NULL);
  kith_message_set_recipients (original, to, cc);
  reply = kith_draft_new_answer (original, KITH_DRAFT_REPLY, accounts);
  reply_all = kith_draft_new_answer (original, KITH_DRAFT_REPLY_ALL, accounts);

  g_assert_cmpstrv (kith_outgoing_get_to (reply), to);
  g_assert_true (kith_outgoing_get_cc (reply) == NULL || kith_outgoing_get_cc (reply)[0] == NULL);
  g_assert_cmpstrv (kith_outgoing_get_to (reply_all), to);
  g_assert_cmpstrv (kith_outgoing_get_cc (reply_all), ((const char *[]) { "hal@client.example", NULL }));
}

/* A message from an account Kith no longer has keeps its account, and takes no From */
/* A Reply-To takes the sender's place: Reply answers it alone, Reply All it and everyone the
 * message went to (the sender only as one of those, never the user, no one twice) */
static void
test_reply_to_header (void)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithMessage) original = original_new ("Viewing");
  g_autoptr(KithOutgoing) reply = NULL;
  g_autoptr(KithOutgoing) reply_all = NULL;
  const char *reply_to[] = { "Zoë Holt <zoe@client.example>", "gus@client.example", NULL };

  kith_message_set_reply_to (original, reply_to);
  reply = kith_draft_new_answer (original, KITH_DRAFT_REPLY, accounts);
  g_assert_cmpstrv (kith_outgoing_get_to (reply), reply_to);

  reply_all = kith_draft_new_answer (original, KITH_DRAFT_REPLY_ALL, accounts);
  g_assert_cmpstrv (kith_outgoing_get_to (reply_all), reply_to);
  g_assert_cmpstrv (kith_outgoing_get_cc (reply_all), ((const char *[]) { "hal@client.example", "fay@client.example", NULL }));
}

static void
test_unknown_account (void)
{
  g_autoptr(GListModel) accounts = accounts_new ();
  g_autoptr(KithMessage) original = original_new ("Hi");
  g_autoptr(KithOutgoing) draft = NULL;

  kith_message_set_account (original, "gone");
  draft = kith_draft_new_answer (original, KITH_DRAFT_REPLY, accounts);
  g_assert_cmpstr (kith_outgoing_get_account (draft), ==, "gone");
  g_assert_null (kith_outgoing_get_from_address (draft));
}

static void
test_new_to (void)
{
  const char *to[] = { "Fay Wong <fay@client.example>", NULL };
  g_autoptr(KithOutgoing) draft = kith_draft_new_to (to);
  g_autofree char *quoted = kith_message_format_address ("Wong, Fay", "fay@client.example");
  g_autofree char *plain = kith_message_format_address (NULL, "fay@client.example");
  g_autofree char *accented = kith_message_format_address ("Müller, \"Jo\"", "jo@client.example");

  g_assert_cmpstrv (kith_outgoing_get_to (draft), to);
  g_assert_null (kith_outgoing_get_account (draft));
  g_assert_null (kith_outgoing_get_subject (draft));
  g_assert_cmpstr (quoted, ==, "\"Wong, Fay\" <fay@client.example>");
  g_assert_cmpstr (plain, ==, "fay@client.example");
  /* Only the quote and the backslash are escaped in a quoted name, never its accents */
  g_assert_cmpstr (accented, ==, "\"Müller, \\\"Jo\\\"\" <jo@client.example>");
}

static void
test_mailto (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) draft =
    kith_draft_new_from_mailto ("mailto:fay@client.example,gus%40client.example"
                                "?TO=hal@client.example&cc=ivy@client.example%2C%20jo@client.example"
                                "&bcc=ken@client.example&subject=Saturday%20%26%20Sunday%3F"
                                "&body=Hello+there%0D%0ASee%20you&x-unknown=1&in-reply-to=%3Cx%3E", &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (kith_outgoing_get_to (draft),
                    ((const char *[]) { "fay@client.example", "gus@client.example", "hal@client.example", NULL }));
  g_assert_cmpstrv (kith_outgoing_get_cc (draft), ((const char *[]) { "ivy@client.example", "jo@client.example", NULL }));
  g_assert_cmpstrv (kith_outgoing_get_bcc (draft), ((const char *[]) { "ken@client.example", NULL }));
  g_assert_cmpstr (kith_outgoing_get_subject (draft), ==, "Saturday & Sunday?");
  /* "+" is a plus in mailto: (RFC 6068, 5), not a space */
  g_assert_cmpstr (kith_outgoing_get_body_text (draft), ==, "Hello+there\nSee you");
  g_assert_null (kith_outgoing_get_body_html (draft));
}

/* No address at all is a draft to fill in; a scheme in capitals is a mailto: link still */
static void
test_mailto_without_address (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) draft = kith_draft_new_from_mailto ("MAILTO:?subject=Hi", &error);

  g_assert_no_error (error);
  g_assert_true (kith_outgoing_get_to (draft) == NULL || kith_outgoing_get_to (draft)[0] == NULL);
  g_assert_cmpstr (kith_outgoing_get_subject (draft), ==, "Hi");
}

/* A link that is not one, has a broken escape or names no address: an error that names it */
static void
test_mailto_bad (void)
{
  static const struct { const char *uri; const char *named; } cases[] = {
    { "http://example.com/", "http://example.com/" },
    { "mailto:fay@client.example?subject=50%", "50%" },
    { "mailto:fay@client.example?subject=%zz", "%zz" },
    { "mailto:fay@client.example?body=a%00b", "a%00b" },
    { "mailto:not-an-address", "not-an-address" },
    { "mailto:?cc=fay", "fay" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithOutgoing) draft = kith_draft_new_from_mailto (cases[i].uri, &error);

      g_assert_null (draft);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      if (strstr (error->message, cases[i].named) == NULL)
        g_error ("“%s” does not name “%s”", error->message, cases[i].named);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drafts/reply", test_reply);
  g_test_add_func ("/drafts/reply-all", test_reply_all);
  g_test_add_func ("/drafts/forward", test_forward);
  g_test_add_func ("/drafts/reply-to-own", test_reply_to_own);
  g_test_add_func ("/drafts/prefixes", test_prefixes);
  g_test_add_func ("/drafts/html-original", test_html_original);
  g_test_add_func ("/drafts/reply-to-header", test_reply_to_header);
  g_test_add_func ("/drafts/unknown-account", test_unknown_account);
  g_test_add_func ("/drafts/new-to", test_new_to);
  g_test_add_func ("/drafts/mailto", test_mailto);
  g_test_add_func ("/drafts/mailto-without-address", test_mailto_without_address);
  g_test_add_func ("/drafts/mailto-bad", test_mailto_bad);

  return g_test_run ();
}
