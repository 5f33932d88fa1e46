/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * From what Camel reads of a message to what the store takes: the headers that index it
 * (kith_store_mail_index()) and the text that goes on the timeline with it
 * (kith_store_mail_log()). No server, no store: mail from anywhere, hostile mail included,
 * goes through here, so each step keeps what it can and drops what is broken.
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <string.h>

#include "kith-mail.h"
#include "kith-mail-mapping.h"

/* Text kept per message for search and the timeline */
#define MAX_BODY (256 * 1024)

/* The address between the last < and the next >, as in "Name <addr>": what is left of an
 * address when the rest of it is broken */
static char *
angle_addr (const char *text)
{
  const char *start = text != NULL ? strrchr (text, '<') : NULL;
  const char *end = start != NULL ? strchr (start, '>') : NULL;

  if (end == NULL || end == start + 1 || !g_utf8_validate (start, end - start, NULL))
    return NULL;

  return g_strndup (start + 1, end - start - 1);
}

/* A display name without control characters nor the escape sequences they start
 * (kith_text_strip_controls()): they must not reach a terminal or a contact's name. */
static char *
display_name (const char *name)
{
  g_autofree char *clean = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  clean = kith_text_strip_controls (name, FALSE);
  g_strstrip (clean);
  if (*clean == '\0')
    return NULL;

  return g_steal_pointer (&clean);
}

static void
add_address (GPtrArray  *out,
             const char *address,
             const char *name)
{
  g_autofree char *clean = display_name (name);

  g_ptr_array_add (out, kith_mail_address_new (address, clean));
}

/* Adds the addresses of one header to @out (of KithMailAddress). A header Camel cannot read, or
 * an address that swallowed its display name (a stray quote, broken 8-bit bytes), keeps its
 * <address>. */
static void
add_addresses (GPtrArray  *out,
               const char *header)
{
  g_autoptr(CamelInternetAddress) ia = NULL;

  if (header == NULL || *header == '\0')
    return;

  ia = camel_internet_address_new ();
  if (camel_address_decode (CAMEL_ADDRESS (ia), header) <= 0)
    {
      g_autofree char *address = angle_addr (header);

      if (address != NULL)
        add_address (out, address, NULL);
      return;
    }

  for (int i = 0; i < camel_address_length (CAMEL_ADDRESS (ia)); i++)
    {
      const char *name = NULL, *address = NULL;
      g_autofree char *recovered = NULL;

      if (!camel_internet_address_get (ia, i, &name, &address) || address == NULL)
        continue;
      if (strchr (address, '<') != NULL || !g_utf8_validate (address, -1, NULL))
        {
          recovered = angle_addr (address);
          if (recovered == NULL)
            continue;
          address = recovered;
          name = NULL;
        }
      add_address (out, address, name);
    }
}

/**
 * kith_mail_mapping_message_id:
 *
 * "<id@host>" from a Message-ID header's value, or %NULL when there is none worth keeping.
 */
char *
kith_mail_mapping_message_id (const char *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return NULL;
  text = g_utf8_make_valid (value, -1);
  if (strlen (text) > 4096)
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  if (text[0] != '<')
    {
      char *wrapped = g_strdup_printf ("<%s>", text);
      g_free (text);
      text = wrapped;
    }

  return g_steal_pointer (&text);
}

/* What a message's headers say, as the store takes them: @from, @to and @cc as the headers
 * have them or as Camel formats them; @date_sent and @date_received in seconds, 0 or less
 * when unknown */
typedef struct {
  const char *uid;
  const char *from;
  const char *to;
  const char *cc;
  const char *subject;
  const char *message_id;
  const char *in_reply_to;
  const char *references;
  gint64      date_sent;
  gint64      date_received;
} Headers;

static KithMailHeaders *
map_headers (const Headers *h,
             const char    *account,
             const char    *folder,
             const char    *role)
{
  KithMailHeaders *m = kith_mail_headers_new (account, folder, h->uid, role);
  g_autofree char *message_id = kith_mail_mapping_message_id (h->message_id);
  g_autofree char *thread = NULL;
  gint64 date = h->date_sent;
  g_autoptr(GPtrArray) from_list = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_mail_address_free);

  /* A garbage or missing Date: when the server received it, else now */
  if (date <= 0 || date > g_get_real_time () / G_USEC_PER_SEC + 366 * 24 * 3600)
    date = h->date_received;
  if (date <= 0)
    date = g_get_real_time () / G_USEC_PER_SEC;

  /* No Message-ID: one made from what identifies the message wherever it is seen again */
  if (message_id == NULL)
    {
      g_autofree char *seed = g_strdup_printf ("%s\n%s\n%" G_GINT64_FORMAT, h->from != NULL ? h->from : "",
                                               h->subject != NULL ? h->subject : "", date);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);

      message_id = g_strdup_printf ("<%s@kith.invalid>", hash);
    }

  thread = kith_mail_thread_id (message_id, h->in_reply_to, h->references);

  m->message_id = g_steal_pointer (&message_id);
  if (thread != NULL && g_utf8_validate (thread, -1, NULL))
    m->thread_id = g_steal_pointer (&thread);
  m->date = date * 1000;
  if (h->subject != NULL && g_utf8_validate (h->subject, -1, NULL))
    m->subject = g_strdup (h->subject);

  add_addresses (from_list, h->from);
  if (from_list->len > 0)
    m->from = g_ptr_array_steal_index (from_list, 0);
  add_addresses (m->to, h->to);
  add_addresses (m->cc, h->cc);

  return m;
}

/**
 * kith_mail_mapping_headers:
 * @info: a message's summary, with Message-ID, In-Reply-To and References among its user
 *   headers (kith-mail-session.c asks Camel to keep them)
 *
 * The headers of one message, as kith_store_mail_index() takes them: what is broken in them is
 * repaired or left out, never passed on.
 *
 * Returns: (transfer full): the headers
 */
KithMailHeaders *
kith_mail_mapping_headers (CamelMessageInfo *info,
                           const char       *account,
                           const char       *folder,
                           const char       *role)
{
  Headers h = {
    .uid = camel_message_info_get_uid (info),
    .from = camel_message_info_get_from (info),
    .to = camel_message_info_get_to (info),
    .cc = camel_message_info_get_cc (info),
    .subject = camel_message_info_get_subject (info),
    .message_id = camel_message_info_get_user_header (info, "Message-ID"),
    .in_reply_to = camel_message_info_get_user_header (info, "In-Reply-To"),
    .references = camel_message_info_get_user_header (info, "References"),
    .date_sent = camel_message_info_get_date_sent (info),
    .date_received = camel_message_info_get_date_received (info),
  };

  return map_headers (&h, account, folder, role);
}

/* A header's value with its folding undone, as Camel's summary keeps it */
static char *
dup_header (CamelMedium *medium,
            const char  *name)
{
  const char *raw = camel_medium_get_header (medium, name);

  if (raw == NULL)
    return NULL;
  while (g_ascii_isspace (*raw))
    raw++;

  return camel_header_unfold (raw);
}

/**
 * kith_mail_mapping_raw_headers:
 * @header: a message's header block, as an IMAP server sends it for BODY[HEADER]
 * @internaldate: (nullable): when the server received it, as IMAP's INTERNALDATE says
 *
 * The headers of one message, as kith_mail_mapping_headers() gives them from Camel's summary.
 *
 * Returns: (transfer full) (nullable): the headers; %NULL when they have no Message-ID, which
 *   only Camel's summary can stand in for the same way
 */
KithMailHeaders *
kith_mail_mapping_raw_headers (const guint8 *header,
                               gsize         len,
                               const char   *internaldate,
                               const char   *uid,
                               const char   *account,
                               const char   *folder,
                               const char   *role)
{
  g_autoptr(CamelStream) stream = camel_stream_mem_new_with_buffer ((const char *) header, len);
  g_autoptr(CamelMimeMessage) message = camel_mime_message_new ();
  g_autoptr(CamelMessageInfo) info = NULL;
  CamelMedium *medium = CAMEL_MEDIUM (message);
  g_autofree char *message_id = NULL;
  g_autofree char *kept_id = NULL;
  g_autofree char *in_reply_to = NULL;
  g_autofree char *references = NULL;
  Headers h = { .uid = uid };

  if (!camel_data_wrapper_construct_from_stream_sync (CAMEL_DATA_WRAPPER (message), stream, NULL, NULL))
    return NULL;
  message_id = dup_header (medium, "Message-ID");
  kept_id = kith_mail_mapping_message_id (message_id);
  if (kept_id == NULL)
    return NULL;

  /* The addresses, subject and date as Camel's summary makes them of the same headers: decoded,
   * raw 8-bit text read in the message's charset, the addresses formatted again */
  info = camel_message_info_new_from_headers (NULL, camel_medium_get_headers (medium));
  in_reply_to = dup_header (medium, "In-Reply-To");
  references = dup_header (medium, "References");

  h.from = camel_message_info_get_from (info);
  h.to = camel_message_info_get_to (info);
  h.cc = camel_message_info_get_cc (info);
  h.subject = camel_message_info_get_subject (info);
  h.message_id = message_id;
  h.in_reply_to = in_reply_to;
  h.references = references;
  h.date_sent = camel_message_info_get_date_sent (info);
  h.date_received = internaldate != NULL ? camel_header_decode_date (internaldate, NULL) : 0;

  return map_headers (&h, account, folder, role);
}

/* The text of a part, in UTF-8, at most MAX_BODY bytes of it */
static char *
part_text (CamelMimePart *part)
{
  CamelDataWrapper *content = camel_medium_get_content (CAMEL_MEDIUM (part));
  CamelContentType *type = camel_mime_part_get_content_type (part);
  const char *charset = type != NULL ? camel_content_type_param (type, "charset") : NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(CamelStream) stream = NULL;
  g_autofree char *converted = NULL;
  gsize len;

  if (content == NULL)
    return NULL;

  stream = camel_stream_mem_new ();
  camel_stream_mem_set_byte_array (CAMEL_STREAM_MEM (stream), bytes);
  /* A part that decodes to nothing (an empty base64 part) has no text: the next part may */
  if (camel_data_wrapper_decode_to_stream_sync (content, stream, NULL, NULL) < 0 || bytes->len == 0)
    return NULL;

  len = MIN (bytes->len, MAX_BODY);
  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 && g_ascii_strcasecmp (charset, "us-ascii") != 0)
    converted = g_convert_with_fallback ((const char *) bytes->data, len, "UTF-8",
                                         camel_iconv_charset_name (charset), "?", NULL, NULL, NULL);
  if (converted != NULL)
    return g_steal_pointer (&converted);

  return g_utf8_make_valid ((const char *) bytes->data, len);
}

/* The message's text: its first text/plain part, else its first text/html one; attachments
 * are skipped */
static void
find_text (CamelMimePart  *part,
           char          **plain,
           char          **html,
           guint           depth)
{
  CamelDataWrapper *content = camel_medium_get_content (CAMEL_MEDIUM (part));
  CamelContentType *type = camel_mime_part_get_content_type (part);
  const char *disposition = camel_mime_part_get_disposition (part);

  if (content == NULL || depth > 20 || *plain != NULL)
    return;

  if (CAMEL_IS_MULTIPART (content))
    {
      CamelMultipart *multipart = CAMEL_MULTIPART (content);

      for (guint i = 0; i < camel_multipart_get_number (multipart) && *plain == NULL; i++)
        find_text (camel_multipart_get_part (multipart, i), plain, html, depth + 1);
      return;
    }

  if (disposition != NULL && g_ascii_strcasecmp (disposition, "attachment") == 0)
    return;
  if (type == NULL || camel_content_type_is (type, "text", "plain"))
    *plain = part_text (part);
  else if (camel_content_type_is (type, "text", "html") && *html == NULL)
    *html = part_text (part);
}

/* The addresses of @message's Reply-To (of KithMailAddress), or NULL when it has none or names
 * only the sender, as most that have one do */
static GPtrArray *
dup_reply_to (CamelMimeMessage *message)
{
  g_autoptr(GPtrArray) reply_to = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_mail_address_free);
  g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_mail_address_free);

  add_addresses (reply_to, camel_medium_get_header (CAMEL_MEDIUM (message), "Reply-To"));
  if (reply_to->len == 0)
    return NULL;
  add_addresses (from, camel_medium_get_header (CAMEL_MEDIUM (message), "From"));
  if (reply_to->len == 1 && from->len == 1 &&
      g_ascii_strcasecmp (((KithMailAddress *) g_ptr_array_index (reply_to, 0))->value,
                          ((KithMailAddress *) g_ptr_array_index (from, 0))->value) == 0)
    return NULL;

  return g_steal_pointer (&reply_to);
}

/**
 * kith_mail_mapping_text:
 *
 * The text that goes on the timeline with a message: its first text/plain part, else its first
 * text/html one (then marked as HTML), else none. Attachments are skipped; the text is UTF-8,
 * at most 256 KiB of it. With it, the Reply-To when the message has one that is not only its
 * sender: where a reply goes.
 *
 * Returns: (transfer full): the text, for kith_store_mail_log ()
 */
KithMailText *
kith_mail_mapping_text (CamelMimeMessage *message)
{
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  KithMailText *text;

  find_text (CAMEL_MIME_PART (message), &plain, &html, 0);
  text = plain != NULL ? kith_mail_text_new (plain, FALSE) : kith_mail_text_new (html, html != NULL);
  text->reply_to = dup_reply_to (message);

  return text;
}
