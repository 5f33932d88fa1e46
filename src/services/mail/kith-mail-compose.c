/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * From a message in the Outbox to the MIME message that is sent and filed in Sent. No server,
 * no store: what the user wrote, as the RFC 5322 headers and MIME parts every mail client reads.
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-mail-compose.h"
#include "kith-mail-session.h"

/* Adds the addresses of one field ("Ann Lee <ann@example.com>" or "ann@example.com" each) to
 * @out; the first that is not an address is named with its field */
static gboolean
add_addresses (CamelInternetAddress  *out,
               const char * const    *addresses,
               const char            *field,
               GError               **error)
{
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autoptr(CamelInternetAddress) one = camel_internet_address_new ();
      const char *address = NULL;

      if (camel_address_decode (CAMEL_ADDRESS (one), addresses[i]) != 1 ||
          !camel_internet_address_get (one, 0, NULL, &address) || address == NULL ||
          strchr (address, '@') == NULL)
        {
          g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                       /* Translators: the field (To, Cc, Bcc, From), then what was written in it */
                       _("%s: “%s” is not an email address"), field, addresses[i]);
          return FALSE;
        }
      camel_address_cat (CAMEL_ADDRESS (out), CAMEL_ADDRESS (one));
    }

  return TRUE;
}

static gboolean
set_recipients (CamelMimeMessage    *message,
                const char          *type,
                const char * const  *addresses,
                const char          *field,
                GError             **error)
{
  g_autoptr(CamelInternetAddress) list = camel_internet_address_new ();

  if (!add_addresses (list, addresses, field, error))
    return FALSE;
  if (camel_address_length (CAMEL_ADDRESS (list)) > 0)
    camel_mime_message_set_recipients (message, type, list);

  return TRUE;
}

static gboolean
set_from (CamelMimeMessage  *message,
          KithOutgoing      *msg,
          GError           **error)
{
  g_autoptr(CamelInternetAddress) from = camel_internet_address_new ();
  const char *address = kith_outgoing_get_from_address (msg);

  if (address == NULL || strchr (address, '@') == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                   _("%s: “%s” is not an email address"), _("From"), address != NULL ? address : "");
      return FALSE;
    }
  camel_internet_address_add (from, kith_outgoing_get_from_name (msg), address);
  camel_mime_message_set_from (message, from);

  return TRUE;
}

/* Camel takes the zone as the number ±HHMM reads as (+0130 → 130) */
static void
set_date (CamelMimeMessage *message,
          gint64            date_us)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (date_us / G_USEC_PER_SEC);
  gint64 minutes = g_date_time_get_utc_offset (local) / G_TIME_SPAN_MINUTE;
  int offset = (int) ((minutes / 60) * 100 + minutes % 60);

  camel_mime_message_set_date (message, date_us / G_USEC_PER_SEC, offset);
}

/* "<id@host>" → "id@host", as Camel wants it */
static char *
bare_message_id (const char *message_id)
{
  g_autofree char *id = g_strstrip (g_strdup (message_id));
  gsize len = strlen (id);

  if (len >= 2 && id[0] == '<' && id[len - 1] == '>')
    return g_strndup (id + 1, len - 2);

  return g_steal_pointer (&id);
}

static gboolean
set_headers (CamelMimeMessage  *message,
             KithOutgoing      *msg,
             GError           **error)
{
  const char *message_id = kith_outgoing_get_message_id (msg);
  g_autofree char *bare = NULL;

  /* The Outbox fixes it when the message is queued: it is how a message is found again in
   * Sent after a crash, so one made up here would break that */
  if (message_id == NULL || *message_id == '\0')
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                   _("The message has no Message-ID: it was not queued"));
      return FALSE;
    }
  if (!set_from (message, msg, error) ||
      !set_recipients (message, CAMEL_RECIPIENT_TYPE_TO, kith_outgoing_get_to (msg), _("To"), error) ||
      !set_recipients (message, CAMEL_RECIPIENT_TYPE_CC, kith_outgoing_get_cc (msg), _("Cc"), error))
    return FALSE;

  bare = bare_message_id (message_id);
  camel_mime_message_set_message_id (message, bare);
  camel_mime_message_set_subject (message, kith_outgoing_get_subject (msg) != NULL ? kith_outgoing_get_subject (msg) : "");
  set_date (message, kith_outgoing_get_date (msg) > 0 ? kith_outgoing_get_date (msg) : g_get_real_time ());
  if (kith_outgoing_get_in_reply_to (msg) != NULL)
    camel_medium_set_header (CAMEL_MEDIUM (message), "In-Reply-To", kith_outgoing_get_in_reply_to (msg));
  if (kith_outgoing_get_references (msg) != NULL)
    camel_medium_set_header (CAMEL_MEDIUM (message), "References", kith_outgoing_get_references (msg));

  return TRUE;
}

static CamelMimePart *
text_part (const char *text,
           const char *type)
{
  CamelMimePart *part = camel_mime_part_new ();

  camel_mime_part_set_content (part, text, strlen (text), type);

  return part;
}

static CamelMultipart *
multipart_new (const char *type)
{
  CamelMultipart *multipart = camel_multipart_new ();

  camel_data_wrapper_set_mime_type (CAMEL_DATA_WRAPPER (multipart), type);
  camel_multipart_set_boundary (multipart, NULL);

  return multipart;
}

/* The text alone, or the text and its HTML as alternatives of each other */
static CamelMimePart *
body_part (KithOutgoing *msg)
{
  const char *text = kith_outgoing_get_body_text (msg) != NULL ? kith_outgoing_get_body_text (msg) : "";
  const char *html = kith_outgoing_get_body_html (msg);
  g_autoptr(CamelMultipart) alternative = NULL;
  g_autoptr(CamelMimePart) plain = text_part (text, "text/plain; charset=utf-8");
  g_autoptr(CamelMimePart) rich = NULL;
  CamelMimePart *part;

  if (html == NULL)
    return g_steal_pointer (&plain);

  /* The plainer first: a reader shows the last it can */
  alternative = multipart_new ("multipart/alternative");
  rich = text_part (html, "text/html; charset=utf-8");
  camel_multipart_add_part (alternative, plain);
  camel_multipart_add_part (alternative, rich);

  part = camel_mime_part_new ();
  camel_medium_set_content (CAMEL_MEDIUM (part), CAMEL_DATA_WRAPPER (alternative));

  return part;
}

/* A file, as its own part under its own name; base64, so that its bytes arrive as they are */
static CamelMimePart *
attachment_part (const char  *path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GError) local_error = NULL;
  CamelMimePart *part;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                   _("The attachment “%s” cannot be read: %s"), basename, local_error->message);
      return NULL;
    }

  content_type = g_content_type_guess (basename, (const guchar *) contents, len, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  part = camel_mime_part_new ();
  camel_mime_part_set_content (part, contents, len, mime_type != NULL ? mime_type : "application/octet-stream");
  camel_mime_part_set_filename (part, basename);
  camel_mime_part_set_disposition (part, "attachment");
  camel_mime_part_set_encoding (part, CAMEL_TRANSFER_ENCODING_BASE64);

  return part;
}

/* The body, and each attachment after it in a multipart/mixed */
static gboolean
set_content (CamelMimeMessage  *message,
             KithOutgoing      *msg,
             GError           **error)
{
  const char * const *attachments = kith_outgoing_get_attachments (msg);
  g_autoptr(CamelMimePart) body = body_part (msg);
  g_autoptr(CamelMultipart) mixed = NULL;

  if (attachments == NULL || attachments[0] == NULL)
    {
      camel_medium_set_content (CAMEL_MEDIUM (message), camel_medium_get_content (CAMEL_MEDIUM (body)));
      return TRUE;
    }

  mixed = multipart_new ("multipart/mixed");
  camel_multipart_add_part (mixed, body);
  for (guint i = 0; attachments[i] != NULL; i++)
    {
      g_autoptr(CamelMimePart) part = attachment_part (attachments[i], error);

      if (part == NULL)
        return FALSE;
      camel_multipart_add_part (mixed, part);
    }
  camel_medium_set_content (CAMEL_MEDIUM (message), CAMEL_DATA_WRAPPER (mixed));

  return TRUE;
}

/**
 * kith_mail_compose_message:
 * @msg: a queued message: its Message-ID and date are set
 *
 * The MIME message for @msg: From (its alias), To, Cc, Subject, Date, Message-ID, In-Reply-To
 * and References; its text, with its HTML as a multipart/alternative when it has one; each
 * attachment as a part of its own, with its file name and type, in a multipart/mixed. Bcc is
 * not in it: those recipients are only on the envelope (kith_mail_compose_recipients()).
 *
 * Returns: (transfer full): the message, or %NULL with @error set (an address that is not one,
 *   an attachment that cannot be read)
 */
CamelMimeMessage *
kith_mail_compose_message (KithOutgoing  *msg,
                           GError       **error)
{
  g_autoptr(CamelMimeMessage) message = camel_mime_message_new ();

  g_return_val_if_fail (KITH_IS_OUTGOING (msg), NULL);

  if (!set_headers (message, msg, error) || !set_content (message, msg, error))
    return NULL;

  /* Seven bits everywhere: quoted-printable or base64 as each part needs, so that the copy
   * filed in Sent is the message the server took */
  camel_mime_message_set_best_encoding (message, CAMEL_BESTENC_GET_ENCODING, CAMEL_BESTENC_7BIT);

  return g_steal_pointer (&message);
}

/**
 * kith_mail_compose_recipients:
 *
 * Everyone @msg goes to, To, Cc and Bcc: the envelope of its SMTP transaction.
 *
 * Returns: (transfer full): the addresses, or %NULL with @error set (one is not an address)
 */
CamelInternetAddress *
kith_mail_compose_recipients (KithOutgoing  *msg,
                              GError       **error)
{
  g_autoptr(CamelInternetAddress) all = camel_internet_address_new ();

  g_return_val_if_fail (KITH_IS_OUTGOING (msg), NULL);

  if (!add_addresses (all, kith_outgoing_get_to (msg), _("To"), error) ||
      !add_addresses (all, kith_outgoing_get_cc (msg), _("Cc"), error) ||
      !add_addresses (all, kith_outgoing_get_bcc (msg), _("Bcc"), error))
    return NULL;

  return g_steal_pointer (&all);
}
