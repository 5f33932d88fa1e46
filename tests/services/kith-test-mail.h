/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers for the mail tests: messages without a server */

#include <camel/camel.h>
#include <string.h>

/* A message parsed from its RFC 822 text (length -1: up to the NUL) */
static inline CamelMimeMessage *
kith_test_mail_parse (const char *text,
                      gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelStream) stream = camel_stream_mem_new_with_buffer (text, length < 0 ? strlen (text) : (gsize) length);
  CamelMimeMessage *message = camel_mime_message_new ();

  g_assert_true (camel_data_wrapper_construct_from_stream_sync (CAMEL_DATA_WRAPPER (message), stream, NULL, &error));
  g_assert_no_error (error);

  return message;
}

/* Whether text holds a C0 or C1 control character, which could start a terminal escape sequence */
static inline gboolean
kith_test_has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        return TRUE;
    }

  return FALSE;
}

/* The message written out as it is sent (NUL-terminated, the NUL not counted) */
static inline GByteArray *
kith_test_mail_write (CamelMimeMessage *message)
{
  g_autoptr(GError) error = NULL;
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr(CamelStream) stream = camel_stream_mem_new ();

  camel_stream_mem_set_byte_array (CAMEL_STREAM_MEM (stream), bytes);
  g_assert_cmpint (camel_data_wrapper_write_to_stream_sync (CAMEL_DATA_WRAPPER (message), stream, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  g_byte_array_set_size (bytes, bytes->len - 1);

  return bytes;
}

/* A part's content, decoded */
static inline GBytes *
kith_test_mail_part_bytes (CamelMimePart *part)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr(CamelStream) stream = camel_stream_mem_new ();

  camel_stream_mem_set_byte_array (CAMEL_STREAM_MEM (stream), bytes);
  g_assert_cmpint (camel_data_wrapper_decode_to_stream_sync (camel_medium_get_content (CAMEL_MEDIUM (part)), stream,
                                                             NULL, NULL), >=, 0);
  g_clear_object (&stream);

  return g_byte_array_free_to_bytes (bytes);
}

/* A part's text, decoded, with the line ends it travelled with (CRLF) as LF */
static inline char *
kith_test_mail_part_text (CamelMimePart *part)
{
  g_autoptr(GBytes) bytes = kith_test_mail_part_bytes (part);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

  return g_strjoinv ("\n", lines);
}

static inline gboolean
kith_test_mail_type_is (CamelMimePart *part,
                        const char    *type,
                        const char    *subtype)
{
  return camel_content_type_is (camel_mime_part_get_content_type (part), type, subtype);
}
