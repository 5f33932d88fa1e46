/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What capture takes from a message (kith-mail-mapping.c), without a server: messages are built
 * in memory, or parsed from the hostile corpus in hostile-mail/, and read back the way Camel's
 * IMAP summary holds them. */

#include <string.h>

#include "kith-mail-mapping.h"
#include "kith-test-mail.h"

/* Headers Camel keeps whole in a summary's user headers (kith-mail-session.c asks for them) */
static const char *user_headers[] = { "Message-ID", "In-Reply-To", "References" };

/* The summary of a message, as capture gets it from a folder */
static CamelMessageInfo *
summary_of (CamelMimeMessage *message,
            const char       *uid)
{
  const CamelNameValueArray *headers = camel_medium_get_headers (CAMEL_MEDIUM (message));
  CamelMessageInfo *info = camel_message_info_new_from_headers (NULL, headers);

  camel_message_info_set_uid (info, uid);
  for (guint i = 0; i < G_N_ELEMENTS (user_headers); i++)
    {
      const char *value = camel_name_value_array_get_named (headers, CAMEL_COMPARE_CASE_INSENSITIVE,
                                                             user_headers[i]);

      if (value != NULL)
        camel_message_info_set_user_header (info, user_headers[i], value);
    }

  return info;
}

static CamelMimeMessage *
parse_corpus_file (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "services", "hostile-mail", name, NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  g_assert_no_error (error);

  return kith_test_mail_parse (text, length);
}

static KithMailHeaders *
headers_of (CamelMimeMessage *message)
{
  g_autoptr(CamelMessageInfo) info = summary_of (message, "7");

  return kith_mail_mapping_headers (info, "acct-1", "INBOX", "inbox");
}

static CamelInternetAddress *
address (const char *name,
         const char *email)
{
  CamelInternetAddress *a = camel_internet_address_new ();

  camel_internet_address_add (a, name, email);
  return a;
}

static void
assert_valid (const char *text)
{
  g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
}

/* An address's value and name: valid UTF-8, with no control character */
static void
assert_clean_address (const KithMailAddress *address)
{
  g_assert_nonnull (address->value);
  assert_valid (address->value);
  assert_valid (address->name);
  g_assert_false (kith_test_has_control (address->value));
  g_assert_false (address->name != NULL && kith_test_has_control (address->name));
}

/* Valid UTF-8 anywhere in a message's headers; no control character in its addresses (the
 * subject's are taken out by the timeline, which gets the body too) */
static void
assert_clean_headers (const KithMailHeaders *m)
{
  const char *texts[] = { m->account, m->folder, m->uid, m->role, m->message_id, m->thread_id, m->subject };
  GPtrArray *lists[] = { m->to, m->cc };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_valid (texts[i]);
  if (m->from != NULL)
    assert_clean_address (m->from);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; j < lists[i]->len; j++)
      assert_clean_address (g_ptr_array_index (lists[i], j));
}

static void
assert_address (const KithMailAddress *address,
                const char            *value,
                const char            *name)
{
  g_assert_nonnull (address);
  g_assert_cmpstr (address->value, ==, value);
  g_assert_cmpstr (address->name, ==, name);
}

/* A message as mail clients write it: every header where the store wants it */
static void
test_headers (void)
{
  g_autoptr(CamelMimeMessage) message = camel_mime_message_new ();
  g_autoptr(CamelInternetAddress) from = address ("Bob Buyer", "bob@client.example");
  g_autoptr(CamelInternetAddress) to = address ("Alice Agent", "alice@agency.example");
  g_autoptr(CamelInternetAddress) cc = address (NULL, "carol@agency.example");
  g_autoptr(KithMailHeaders) m = NULL;

  camel_internet_address_add (to, "Dan", "dan@agency.example");
  camel_mime_message_set_from (message, from);
  camel_mime_message_set_recipients (message, CAMEL_RECIPIENT_TYPE_TO, to);
  camel_mime_message_set_recipients (message, CAMEL_RECIPIENT_TYPE_CC, cc);
  camel_mime_message_set_subject (message, "Second viewing — Saturday");
  camel_mime_message_set_date (message, 1790000000, 0);
  camel_mime_message_set_message_id (message, "v2@client.example");
  camel_medium_set_header (CAMEL_MEDIUM (message), "In-Reply-To", "<v1@agency.example>");
  camel_medium_set_header (CAMEL_MEDIUM (message), "References", "<v0@client.example> <v1@agency.example>");
  camel_mime_part_set_content (CAMEL_MIME_PART (message), "See you then.", 13, "text/plain");

  m = headers_of (message);
  assert_clean_headers (m);
  g_assert_cmpstr (m->account, ==, "acct-1");
  g_assert_cmpstr (m->folder, ==, "INBOX");
  g_assert_cmpstr (m->uid, ==, "7");
  g_assert_cmpstr (m->role, ==, "inbox");
  g_assert_cmpstr (m->message_id, ==, "<v2@client.example>");
  /* The thread is named by its first message */
  g_assert_cmpstr (m->thread_id, ==, "<v0@client.example>");
  g_assert_cmpint (m->date, ==, 1790000000 * G_GINT64_CONSTANT (1000));
  g_assert_cmpstr (m->subject, ==, "Second viewing — Saturday");
  assert_address (m->from, "bob@client.example", "Bob Buyer");
  g_assert_cmpuint (m->to->len, ==, 2);
  assert_address (g_ptr_array_index (m->to, 0), "alice@agency.example", "Alice Agent");
  assert_address (g_ptr_array_index (m->to, 1), "dan@agency.example", "Dan");
  g_assert_cmpuint (m->cc->len, ==, 1);
  assert_address (g_ptr_array_index (m->cc, 0), "carol@agency.example", NULL);
}

/* Without a Message-ID a message gets one made of what it is, the same wherever it is seen;
 * a Date far in the future gives way to the time the message was received */
static void
test_missing_id_and_bad_date (void)
{
  static const char *no_id =
    "From: Bob Buyer <bob@client.example>\r\n"
    "To: alice@agency.example\r\n"
    "Subject: No id\r\n"
    "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
    "\r\n"
    "Hello\r\n";
  static const char *future =
    "From: Bob Buyer <bob@client.example>\r\n"
    "To: alice@agency.example\r\n"
    "Subject: From the future\r\n"
    "Message-ID: future@client.example\r\n"
    "Received: from mx.client.example by mx.agency.example; Mon, 2 Nov 2026 10:00:00 +0000\r\n"
    "Date: Sat, 1 Jan 2450 00:00:00 +0000\r\n"
    "\r\n"
    "Hello\r\n";
  g_autoptr(CamelMimeMessage) first = kith_test_mail_parse (no_id, -1);
  g_autoptr(CamelMimeMessage) again = kith_test_mail_parse (no_id, -1);
  g_autoptr(CamelMimeMessage) late = kith_test_mail_parse (future, -1);
  g_autoptr(KithMailHeaders) a = headers_of (first);
  g_autoptr(KithMailHeaders) b = headers_of (again);
  g_autoptr(KithMailHeaders) c = headers_of (late);
  const char *id = a->message_id;
  gint64 date = c->date / 1000;

  g_assert_true (g_str_has_prefix (id, "<") && g_str_has_suffix (id, "@kith.invalid>"));
  g_assert_cmpstr (b->message_id, ==, id);
  g_assert_cmpstr (a->thread_id, ==, id);
  /* A bare id gets its angle brackets */
  g_assert_cmpstr (c->message_id, ==, "<future@client.example>");
  g_assert_cmpint (date, <=, g_get_real_time () / G_USEC_PER_SEC + 1);
  g_assert_cmpint (date, >, 0);
}

/* The hostile corpus: each message is read without a critical (they abort this test), with
 * nothing broken or escaping passed on, and its sender found where there is one to find */
static void
test_hostile_headers (void)
{
  static const struct { const char *file; const char *from; const char *name; } corpus[] = {
    { "inbox-broken-8bit-from.eml", "jose@client.example", NULL },
    { "inbox-broken-8bit-quote.eml", "jose.garcia@client.example", NULL },
    { "inbox-collide-bob.eml", "bob@client.example", "Bob Buyer" },
    { "inbox-collide-eve.eml", "eve@outsider.example", "Eve Outsider" },
    { "inbox-empty-base64-body.eml", "bob@client.example", "Bob Buyer" },
    { "inbox-empty-base64-parts.eml", "bob@client.example", "Bob Buyer" },
    { "inbox-escape-encoded-name.eml", "mallory@outsider.example", NULL },
    { "inbox-escape-name.eml", "mallory@outsider.example", NULL },
    { "sent-to-mallory.eml", "alice@agency.example", "Alice Agent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr(CamelMimeMessage) message = parse_corpus_file (corpus[i].file);
      g_autoptr(KithMailHeaders) m = headers_of (message);

      g_test_message ("%s", corpus[i].file);
      assert_clean_headers (m);
      g_assert_nonnull (m->from);
      g_assert_cmpstr (m->from->value, ==, corpus[i].from);
      if (corpus[i].name != NULL)
        g_assert_cmpstr (m->from->name, ==, corpus[i].name);
      g_assert_true (g_str_has_prefix (m->message_id, "<"));
    }
}

/* Escape sequences in a sender's name, quoted or RFC 2047-encoded, are taken out, and the
 * name that is left is kept */
static void
test_escape_sequences (void)
{
  static const char *files[] = { "inbox-escape-name.eml", "inbox-escape-encoded-name.eml" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(CamelMimeMessage) message = parse_corpus_file (files[i]);
      g_autoptr(KithMailHeaders) m = headers_of (message);
      const char *name = m->from != NULL ? m->from->name : NULL;

      g_test_message ("%s: %s", files[i], name);
      g_assert_nonnull (name);
      g_assert_cmpstr (name, ==, "Mallory Mal");
      g_assert_false (kith_test_has_control (name));
    }
}

/* Text from the corpus: parts that decode to nothing give no body, and no critical */
static void
test_hostile_text (void)
{
  static const struct { const char *file; const char *contains; } corpus[] = {
    { "inbox-collide-bob.eml", "450,000" },
    { "inbox-broken-8bit-from.eml", "still there?" },
    { "inbox-empty-base64-body.eml", NULL },
    { "inbox-empty-base64-parts.eml", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr(CamelMimeMessage) message = parse_corpus_file (corpus[i].file);
      g_autoptr(KithMailText) text = kith_mail_mapping_text (message);
      const char *body = text->body;

      g_test_message ("%s: %s", corpus[i].file, body);
      if (corpus[i].contains == NULL)
        {
          g_assert_null (body);
          continue;
        }
      g_assert_nonnull (strstr (body, corpus[i].contains));
      g_assert_true (g_utf8_validate (body, -1, NULL));
      g_assert_false (text->html);
    }
}

/* The first text/plain part that is not an attachment, in UTF-8; else the HTML; never an
 * attachment's text */
static void
test_text_parts (void)
{
  static const char *mixed =
    "From: bob@client.example\r\n"
    "Subject: Plan\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"out\"\r\n"
    "\r\n"
    "--out\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Disposition: attachment; filename=\"notes.txt\"\r\n"
    "\r\n"
    "Private notes\r\n"
    "--out\r\n"
    "Content-Type: multipart/alternative; boundary=\"in\"\r\n"
    "\r\n"
    "--in\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Caf=E9 at ten\r\n"
    "--in\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>Caf\xc3\xa9 at ten</p>\r\n"
    "--in--\r\n"
    "--out--\r\n";
  static const char *html_only =
    "From: bob@client.example\r\n"
    "Subject: Plan\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>See you</p>\r\n";
  /* Raw 8-bit text, in the charset its header names */
  static const char *raw_latin1 =
    "From: bob@client.example\r\n"
    "Subject: Plan\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "\r\n"
    "Tr\xe8s bien.\r\n";
  g_autoptr(CamelMimeMessage) a = kith_test_mail_parse (mixed, -1);
  g_autoptr(CamelMimeMessage) b = kith_test_mail_parse (html_only, -1);
  g_autoptr(KithMailText) plain = kith_mail_mapping_text (a);
  g_autoptr(KithMailText) html = kith_mail_mapping_text (b);
  g_autoptr(CamelMimeMessage) c = kith_test_mail_parse (raw_latin1, -1);
  g_autoptr(KithMailText) latin1 = kith_mail_mapping_text (c);

  g_assert_cmpstr (plain->body, ==, "Café at ten");
  g_assert_false (plain->html);
  g_assert_nonnull (strstr (html->body, "<p>See you</p>"));
  g_assert_true (html->html);
  g_assert_true (g_str_has_prefix (latin1->body, "Très bien."));
}

/* The Reply-To that goes with the text: its names decoded and without escape sequences, every
 * address of it; none when it names only the sender, as most that have one do, or is absent */
static void
test_reply_to (void)
{
  static const char *to_assistant =
    "From: Ian Holt <ian@harbour.example>\r\n"
    "Reply-To: =?UTF-8?Q?Zo=C3=AB_=1B]0;x=07Holt?= <zoe@harbour.example>,\r\n"
    " \"Desk, Harbour\" <desk@harbour.example>\r\n"
    "Subject: Viewing times\r\n"
    "\r\n"
    "Zoe keeps my diary.\r\n";
  static const char *to_sender =
    "From: Ian Holt <ian@harbour.example>\r\n"
    "Reply-To: IAN@harbour.example\r\n"
    "Subject: Hi\r\n"
    "\r\n"
    "Hi\r\n";
  static const char *without =
    "From: Ian Holt <ian@harbour.example>\r\n"
    "Subject: Hi\r\n"
    "\r\n"
    "Hi\r\n";
  g_autoptr(CamelMimeMessage) a = kith_test_mail_parse (to_assistant, -1);
  g_autoptr(CamelMimeMessage) b = kith_test_mail_parse (to_sender, -1);
  g_autoptr(CamelMimeMessage) c = kith_test_mail_parse (without, -1);
  g_autoptr(KithMailText) assistant = kith_mail_mapping_text (a);
  g_autoptr(KithMailText) sender = kith_mail_mapping_text (b);
  g_autoptr(KithMailText) none = kith_mail_mapping_text (c);
  KithMailAddress *first, *second;

  g_assert_nonnull (assistant->reply_to);
  g_assert_cmpuint (assistant->reply_to->len, ==, 2);
  first = g_ptr_array_index (assistant->reply_to, 0);
  second = g_ptr_array_index (assistant->reply_to, 1);
  g_assert_cmpstr (first->value, ==, "zoe@harbour.example");
  g_assert_false (kith_test_has_control (first->name));
  g_assert_true (g_str_has_prefix (first->name, "Zoë"));
  g_assert_cmpstr (second->value, ==, "desk@harbour.example");
  g_assert_cmpstr (second->name, ==, "Desk, Harbour");
  g_assert_null (sender->reply_to);
  g_assert_null (none->reply_to);
}

/* A huge body is cut to 256 KiB, still valid UTF-8 where the cut falls inside a character */
static void
test_text_limit (void)
{
  g_autoptr(CamelMimeMessage) message = camel_mime_message_new ();
  g_autoptr(GString) text = g_string_new ("x");
  g_autoptr(KithMailText) item = NULL;
  const char *body;

  while (text->len < 300 * 1024)
    g_string_append (text, "é");
  camel_mime_part_set_content (CAMEL_MIME_PART (message), text->str, text->len, "text/plain; charset=utf-8");

  item = kith_mail_mapping_text (message);
  body = item->body;
  g_assert_nonnull (body);
  g_assert_true (g_utf8_validate (body, -1, NULL));
  g_assert_cmpuint (strlen (body), >=, 256 * 1024 - 4);
  g_assert_cmpuint (strlen (body), <=, 256 * 1024 + 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  camel_init (NULL, FALSE);

  g_test_add_func ("/mail-mapping/headers", test_headers);
  g_test_add_func ("/mail-mapping/missing-id-and-bad-date", test_missing_id_and_bad_date);
  g_test_add_func ("/mail-mapping/hostile-headers", test_hostile_headers);
  g_test_add_func ("/mail-mapping/escape-sequences", test_escape_sequences);
  g_test_add_func ("/mail-mapping/hostile-text", test_hostile_text);
  g_test_add_func ("/mail-mapping/text-parts", test_text_parts);
  g_test_add_func ("/mail-mapping/text-limit", test_text_limit);
  g_test_add_func ("/mail-mapping/reply-to", test_reply_to);

  return g_test_run ();
}
