/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The MIME messages Kith sends, without a server: each is written out as it would go over SMTP
 * and parsed back with Camel, as a receiving mail client would read it.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "kith-mail-compose.h"
#include "kith-mail-session.h"
#include "kith-test-mail.h"

#define DATE_US (G_GINT64_CONSTANT (1764633600) * G_USEC_PER_SEC)   /* 2025-12-02 00:00 UTC */

static KithOutgoing *
outgoing_new (void)
{
  KithOutgoing *msg = kith_outgoing_new ();
  const char *to[] = { "Ann Lee <ann@example.com>", "bob@example.com", NULL };

  kith_outgoing_set_account (msg, "account-1");
  kith_outgoing_set_from_address (msg, "alice@agency.example");
  kith_outgoing_set_from_name (msg, "Alice Agent");
  kith_outgoing_set_to (msg, to);
  kith_outgoing_set_subject (msg, "Viewing on Saturday");
  kith_outgoing_set_body_text (msg, "Hello Ann,\nthe viewing is on Saturday at ten.\n");
  kith_outgoing_set_message_id (msg, "<k1t4.42@agency.example>");
  kith_outgoing_set_date (msg, DATE_US);

  return msg;
}

/* @msg composed, written out as it is sent, and parsed back */
static CamelMimeMessage *
compose_and_parse (KithOutgoing *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelMimeMessage) message = kith_mail_compose_message (msg, &error);
  g_autoptr(GByteArray) bytes = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (message);
  bytes = kith_test_mail_write (message);

  return kith_test_mail_parse ((const char *) bytes->data, bytes->len);
}

static char *
address_list (CamelMimeMessage *message,
              const char       *type)
{
  CamelInternetAddress *list = camel_mime_message_get_recipients (message, type);

  return list != NULL ? camel_address_format (CAMEL_ADDRESS (list)) : NULL;
}

static void
test_plain (void)
{
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  const char *cc[] = { "carol@example.com", NULL };
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autofree char *to = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *text = NULL;
  const char *name = NULL, *address = NULL;
  int offset;

  kith_outgoing_set_cc (msg, cc);
  message = compose_and_parse (msg);

  g_assert_true (camel_internet_address_get (camel_mime_message_get_from (message), 0, &name, &address));
  g_assert_cmpstr (name, ==, "Alice Agent");
  g_assert_cmpstr (address, ==, "alice@agency.example");
  to = address_list (message, CAMEL_RECIPIENT_TYPE_TO);
  g_assert_cmpstr (to, ==, "Ann Lee <ann@example.com>, bob@example.com");
  copy = address_list (message, CAMEL_RECIPIENT_TYPE_CC);
  g_assert_cmpstr (copy, ==, "carol@example.com");
  g_assert_cmpstr (camel_mime_message_get_subject (message), ==, "Viewing on Saturday");
  g_assert_cmpstr (camel_mime_message_get_message_id (message), ==, "k1t4.42@agency.example");
  g_assert_cmpint (camel_mime_message_get_date (message, &offset), ==, DATE_US / G_USEC_PER_SEC);
  g_assert_null (camel_medium_get_header (CAMEL_MEDIUM (message), "In-Reply-To"));
  g_assert_null (camel_medium_get_header (CAMEL_MEDIUM (message), "References"));

  g_assert_true (kith_test_mail_type_is (CAMEL_MIME_PART (message), "text", "plain"));
  g_assert_cmpstr (camel_content_type_param (camel_mime_part_get_content_type (CAMEL_MIME_PART (message)), "charset"),
                   ==, "utf-8");
  text = kith_test_mail_part_text (CAMEL_MIME_PART (message));
  g_assert_cmpstr (text, ==, "Hello Ann,\nthe viewing is on Saturday at ten.\n");
}

static void
test_formatted (void)
{
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  CamelMultipart *alternative;

  kith_outgoing_set_subject (msg, "Déjà vu — the flat");
  kith_outgoing_set_body_text (msg, "The flat is *lovely*.\n- two rooms\n- a garden <https://example.com/flat>\n");
  kith_outgoing_set_body_html (msg, "<p>The flat is <b>lovely</b>.</p><ul><li>two rooms</li><li>a "
                                    "<a href=\"https://example.com/flat\">garden</a></li></ul>");
  message = compose_and_parse (msg);

  g_assert_cmpstr (camel_mime_message_get_subject (message), ==, "Déjà vu — the flat");
  g_assert_true (kith_test_mail_type_is (CAMEL_MIME_PART (message), "multipart", "alternative"));
  alternative = CAMEL_MULTIPART (camel_medium_get_content (CAMEL_MEDIUM (message)));
  g_assert_cmpuint (camel_multipart_get_number (alternative), ==, 2);
  g_assert_true (kith_test_mail_type_is (camel_multipart_get_part (alternative, 0), "text", "plain"));
  g_assert_true (kith_test_mail_type_is (camel_multipart_get_part (alternative, 1), "text", "html"));
  plain = kith_test_mail_part_text (camel_multipart_get_part (alternative, 0));
  html = kith_test_mail_part_text (camel_multipart_get_part (alternative, 1));
  g_assert_cmpstr (plain, ==, "The flat is *lovely*.\n- two rooms\n- a garden <https://example.com/flat>\n");
  g_assert_cmpstr (html, ==, "<p>The flat is <b>lovely</b>.</p><ul><li>two rooms</li><li>a "
                             "<a href=\"https://example.com/flat\">garden</a></li></ul>");
}

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);

  return path;
}

static void
assert_attachment (CamelMimePart *part,
                   const char    *name,
                   const char    *data,
                   gsize          len)
{
  g_autoptr(GBytes) bytes = kith_test_mail_part_bytes (part);
  g_autoptr(GBytes) expected = g_bytes_new (data, len);

  g_assert_cmpstr (camel_mime_part_get_filename (part), ==, name);
  g_assert_cmpstr (camel_mime_part_get_disposition (part), ==, "attachment");
  g_assert_true (g_bytes_equal (bytes, expected));
}

static void
test_attachments (void)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\x80 not a real picture\n";
  static const char text[] = "Rooms: 2\r\nGarden: yes\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kith-compose-XXXXXX", &error);
  g_autofree char *picture = write_file (dir, "floor plan.png", binary, sizeof binary - 1);
  g_autofree char *notes = write_file (dir, "notes.txt", text, sizeof text - 1);
  const char *paths[] = { picture, notes, NULL };
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autofree char *plain = NULL;
  CamelMultipart *mixed;

  g_assert_no_error (error);
  kith_outgoing_set_body_html (msg, "<p>The plan</p>");
  kith_outgoing_set_attachments (msg, paths);
  message = compose_and_parse (msg);

  g_assert_true (kith_test_mail_type_is (CAMEL_MIME_PART (message), "multipart", "mixed"));
  mixed = CAMEL_MULTIPART (camel_medium_get_content (CAMEL_MEDIUM (message)));
  g_assert_cmpuint (camel_multipart_get_number (mixed), ==, 3);
  g_assert_true (kith_test_mail_type_is (camel_multipart_get_part (mixed, 0), "multipart", "alternative"));
  plain = kith_test_mail_part_text (camel_multipart_get_part (CAMEL_MULTIPART (camel_medium_get_content (
                       CAMEL_MEDIUM (camel_multipart_get_part (mixed, 0)))), 0));
  g_assert_cmpstr (plain, ==, "Hello Ann,\nthe viewing is on Saturday at ten.\n");

  g_assert_true (kith_test_mail_type_is (camel_multipart_get_part (mixed, 1), "image", "png"));
  assert_attachment (camel_multipart_get_part (mixed, 1), "floor plan.png", binary, sizeof binary - 1);
  g_assert_true (kith_test_mail_type_is (camel_multipart_get_part (mixed, 2), "text", "plain"));
  assert_attachment (camel_multipart_get_part (mixed, 2), "notes.txt", text, sizeof text - 1);

  g_remove (picture);
  g_remove (notes);
  g_rmdir (dir);
}

static void
test_unreadable_attachment (void)
{
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  const char *paths[] = { "/nonexistent/kith/contract.pdf", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;

  kith_outgoing_set_attachments (msg, paths);
  message = kith_mail_compose_message (msg, &error);
  g_assert_null (message);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "contract.pdf"));
}

static void
test_alias_from (void)
{
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  g_autoptr(CamelMimeMessage) message = NULL;
  const char *name = NULL, *address = NULL;

  kith_outgoing_set_from_address (msg, "lettings@agency.example");
  kith_outgoing_set_from_name (msg, "Agency Lettings");
  message = compose_and_parse (msg);

  g_assert_cmpint (camel_address_length (CAMEL_ADDRESS (camel_mime_message_get_from (message))), ==, 1);
  g_assert_true (camel_internet_address_get (camel_mime_message_get_from (message), 0, &name, &address));
  g_assert_cmpstr (name, ==, "Agency Lettings");
  g_assert_cmpstr (address, ==, "lettings@agency.example");
}

static void
test_reply_headers (void)
{
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autofree char *in_reply_to = NULL;
  g_autofree char *references = NULL;

  kith_outgoing_set_subject (msg, "Re: Viewing on Saturday");
  kith_outgoing_set_in_reply_to (msg, "<ann.2@example.com>");
  kith_outgoing_set_references (msg, "<root.1@agency.example> <ann.2@example.com>");
  message = compose_and_parse (msg);

  in_reply_to = g_strstrip (g_strdup (camel_medium_get_header (CAMEL_MEDIUM (message), "In-Reply-To")));
  references = g_strstrip (g_strdup (camel_medium_get_header (CAMEL_MEDIUM (message), "References")));
  g_assert_cmpstr (in_reply_to, ==, "<ann.2@example.com>");
  g_assert_cmpstr (references, ==, "<root.1@agency.example> <ann.2@example.com>");
}

static void
test_bcc_only_on_envelope (void)
{
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  const char *bcc[] = { "Boss <boss@agency.example>", NULL };
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(CamelInternetAddress) recipients = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *envelope = NULL;

  kith_outgoing_set_bcc (msg, bcc);
  message = compose_and_parse (msg);
  g_assert_null (camel_medium_get_header (CAMEL_MEDIUM (message), "Bcc"));
  g_assert_null (address_list (message, CAMEL_RECIPIENT_TYPE_BCC));

  recipients = kith_mail_compose_recipients (msg, &error);
  g_assert_no_error (error);
  envelope = camel_address_format (CAMEL_ADDRESS (recipients));
  g_assert_cmpstr (envelope, ==, "Ann Lee <ann@example.com>, bob@example.com, Boss <boss@agency.example>");
}

static void
test_invalid_address (void)
{
  g_autoptr(KithOutgoing) msg = outgoing_new ();
  const char *cc[] = { "not an address", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelMimeMessage) message = NULL;

  kith_outgoing_set_cc (msg, cc);
  message = kith_mail_compose_message (msg, &error);
  g_assert_null (message);
  g_assert_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not an address"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  camel_init (NULL, FALSE);

  g_test_add_func ("/mail/compose/plain", test_plain);
  g_test_add_func ("/mail/compose/formatted", test_formatted);
  g_test_add_func ("/mail/compose/attachments", test_attachments);
  g_test_add_func ("/mail/compose/unreadable-attachment", test_unreadable_attachment);
  g_test_add_func ("/mail/compose/alias-from", test_alias_from);
  g_test_add_func ("/mail/compose/reply-headers", test_reply_headers);
  g_test_add_func ("/mail/compose/bcc-only-on-envelope", test_bcc_only_on_envelope);
  g_test_add_func ("/mail/compose/invalid-address", test_invalid_address);

  return g_test_run ();
}
