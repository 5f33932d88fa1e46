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
