/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailImap: one IMAP connection of capture's own, that fetches the texts of many messages
 * of a folder with one `UID FETCH` — Camel fetches a message per command and writes each to its
 * cache, which capture never reads again. It signs in as Camel did (the same host, port,
 * security and user; the password Camel signed in with, or an OAuth2 token), reads the folder
 * with EXAMINE (read-only: no flag changes) and fetches with BODY.PEEK[] (no \Seen). A message
 * is taken only when its Message-ID is the one the store indexed under its UID; anything else,
 * and any failure here, leaves the message to Camel (kith-mail-fetch.c). It also tells what
 * a folder holds and the headers of the messages capture has not read, so that folders are read
 * without Camel's refresh, and waits in IDLE for new mail (kith-mail-capture.c).
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <string.h>

#include "kith-mail-imap.h"
#include "kith-mail-mapping.h"

/* Limits on what a server may send: one line, one literal, one response */
#define MAX_LINE     (1024 * 1024)
#define MAX_LITERAL  (64 * 1024 * 1024)
#define MAX_RESPONSE (256 * 1024 * 1024)

struct _KithMailImap
{
  GIOStream        *stream;
  GDataInputStream *in;
  GOutputStream    *out;
  guint             tag;
  char              delimiter;
  char             *selected;    /* the mailbox EXAMINEd, as sent */
  char             *idling;      /* the folder SELECTed to wait in */
  char            **capabilities;
};

/* The accounts (Camel's service UIDs) whose server refused this connection's sign-in: not
 * tried again for the life of the process, so the server does not see a failed login on
 * every sync */
G_LOCK_DEFINE_STATIC (refused);
static GHashTable *refused;

/* Called with each untagged response of a command, whole (literals included) */
typedef void (*UntaggedFunc) (const guint8 *data,
                              gsize         len,
                              gpointer      user_data);

void
kith_mail_imap_free (KithMailImap *self)
{
  if (self == NULL)
    return;

  /* Said, not waited for: the server closes its side on its own */
  if (self->out != NULL)
    g_output_stream_write_all (self->out, "z LOGOUT\r\n", 10, NULL, NULL, NULL);
  if (self->stream != NULL)
    g_io_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->in);
  g_clear_object (&self->stream);
  g_free (self->selected);
  g_free (self->idling);
  g_strfreev (self->capabilities);
  g_free (self);
}

static void
set_streams (KithMailImap *self,
             GIOStream    *stream)
{
  g_clear_object (&self->in);
  g_set_object (&self->stream, stream);
  self->in = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  g_data_input_stream_set_newline_type (self->in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (self->in), FALSE);
  self->out = g_io_stream_get_output_stream (stream);
}

/* The size of the literal that ends @line ("{123}" or "{123+}"), or -1 */
static gssize
literal_size (const char *line,
              gsize       len)
{
  gsize i;

  if (len < 3 || line[len - 1] != '}')
    return -1;
  i = len - 2;
  if (line[i] == '+')
    i--;
  while (i > 0 && g_ascii_isdigit (line[i]))
    i--;
  if (line[i] != '{' || i + 2 > len - 1)
    return -1;

  /* Too many digits for any literal taken (a gssize would wrap) */
  if (len - 1 - (i + 1) > 10)
    return -2;

  return (gssize) g_ascii_strtoull (line + i + 1, NULL, 10);
}

/* One line without its CRLF, of at most MAX_LINE bytes: g_data_input_stream_read_line()
 * would grow its line for as long as the server sends */
static char *
read_line (KithMailImap  *self,
           gsize         *len,
           GCancellable  *cancellable,
           GError       **error)
{
  GString *line = g_string_new (NULL);

  while (TRUE)
    {
      gsize available = 0;
      const guint8 *buffer = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (self->in), &available);
      const guint8 *end = available > 0 ? memchr (buffer, '\n', available) : NULL;
      gsize take = end != NULL ? (gsize) (end - buffer) + 1 : available;

      if (line->len + take > MAX_LINE + 2)
        {
          g_string_free (line, TRUE);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The IMAP server sent a line longer than %d bytes", MAX_LINE);
          return NULL;
        }
      g_string_append_len (line, (const char *) buffer, take);
      g_input_stream_skip (G_INPUT_STREAM (self->in), take, NULL, NULL);
      if (end != NULL && line->len >= 2 && line->str[line->len - 2] == '\r')
        break;
      if (end != NULL)
        continue;
      if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (self->in), -1, cancellable, error) <= 0)
        {
          g_string_free (line, TRUE);
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "The IMAP server closed the connection");
          return NULL;
        }
    }

  g_string_truncate (line, line->len - 2);    /* the CRLF */
  *len = line->len;

  return g_string_free (line, FALSE);
}

/* One response, its literals included, without the last line's CRLF */
static GByteArray *
read_response (KithMailImap  *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GByteArray) response = g_byte_array_new ();

  while (TRUE)
    {
      gsize len = 0;
      g_autofree char *line = read_line (self, &len, cancellable, error);
      gssize literal;
      gsize at;
      gsize got = 0;

      if (line == NULL)
        return NULL;
      if (len > MAX_RESPONSE - response->len)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The IMAP server's response is longer than %d bytes", MAX_RESPONSE);
          return NULL;
        }
      g_byte_array_append (response, (const guint8 *) line, len);
      literal = literal_size (line, len);
      if (literal == -1)
        return g_steal_pointer (&response);
      if (literal < 0 || literal > MAX_LITERAL || (gsize) literal + 2 > MAX_RESPONSE - response->len)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The IMAP server sent a literal of more than %d bytes, or a response of more than %d",
                       MAX_LITERAL, MAX_RESPONSE);
          return NULL;
        }

      g_byte_array_append (response, (const guint8 *) "\r\n", 2);
      at = response->len;
      g_byte_array_set_size (response, at + (guint) literal);
      if (!g_input_stream_read_all (G_INPUT_STREAM (self->in), response->data + at, literal, &got, cancellable, error))
        return NULL;
      if (got != (gsize) literal)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                               "The IMAP server closed the connection inside a literal");
          return NULL;
        }
    }
}

static gboolean
write_line (KithMailImap  *self,
            const char    *line,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *crlf = g_strconcat (line, "\r\n", NULL);
  gboolean ok = g_output_stream_write_all (self->out, crlf, strlen (crlf), NULL, cancellable, error);

  memset (crlf, 0, strlen (crlf));    /* it may carry a secret */

  return ok;
}

/* Sends @command and reads until its tagged reply, handing untagged responses to @func. With
 * @continuation, sends it as the answer to the server's first "+" */
static gboolean
run_command (KithMailImap  *self,
             const char    *command,
             const char    *continuation,
             UntaggedFunc   func,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *tag = g_strdup_printf ("k%u", ++self->tag);
  g_autofree char *line = g_strdup_printf ("%s %s", tag, command);
  gsize tag_len = strlen (tag);

  gboolean sent = write_line (self, line, cancellable, error);

  memset (line, 0, strlen (line));
  if (!sent)
    return FALSE;

  while (TRUE)
    {
      g_autoptr(GByteArray) response = read_response (self, cancellable, error);
      const char *text;

      if (response == NULL)
        return FALSE;
      g_byte_array_append (response, (const guint8 *) "", 1);
      text = (const char *) response->data;

      if (g_str_has_prefix (text, "* "))
        {
          if (func != NULL)
            func (response->data, response->len - 1, user_data);
        }
      else if (g_str_has_prefix (text, "+"))
        {
          /* Whatever the server asks a second time is answered with nothing: it then fails */
          if (!write_line (self, continuation != NULL ? continuation : "", cancellable, error))
            return FALSE;
          continuation = NULL;
        }
      else if (strncmp (text, tag, tag_len) == 0 && text[tag_len] == ' ')
        {
          if (g_ascii_strncasecmp (text + tag_len + 1, "OK", 2) == 0)
            return TRUE;
          /* Only the command's verb: an AUTHENTICATE carries the secret */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "IMAP %.*s: %s",
                       (int) strcspn (command, " "), command, text + tag_len + 1);
          return FALSE;
        }
    }
}

static gboolean
start_tls (KithMailImap       *self,
           GSocketConnectable *identity,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GIOStream) tls = NULL;

  if (!run_command (self, "STARTTLS", NULL, NULL, NULL, cancellable, error))
    return FALSE;
  tls = g_tls_client_connection_new (self->stream, identity, error);
  if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), cancellable, error))
    return FALSE;
  set_streams (self, tls);

  return TRUE;
}

/* `* CAPABILITY IMAP4rev1 AUTH=PLAIN …` */
static void
on_capability (const guint8 *data,
               gsize         len,
               gpointer      user_data)
{
  KithMailImap *self = user_data;

  if (len < 13 || g_ascii_strncasecmp ((const char *) data, "* CAPABILITY ", 13) != 0)
    return;
  g_strfreev (self->capabilities);
  self->capabilities = g_strsplit ((const char *) data + 13, " ", -1);
}

static gboolean
has_capability (KithMailImap *self,
                const char   *name)
{
  for (guint i = 0; self->capabilities != NULL && self->capabilities[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->capabilities[i], name) == 0)
      return TRUE;

  return FALSE;
}

/* Signs in as Camel did: with an OAuth2 token, or the password it signed in with (SASL
 * PLAIN, which needs no quoting whatever the password holds) */
static gboolean
sign_in (KithMailImap        *self,
         CamelService        *service,
         CamelNetworkSettings *settings,
         GCancellable        *cancellable,
         GError             **error)
{
  g_autofree char *mechanism = camel_network_settings_dup_auth_mechanism (settings);
  g_autofree char *user = camel_network_settings_dup_user (settings);
  g_autofree char *secret = NULL;
  g_autofree char *response = NULL;
  g_autofree char *encoded = NULL;
  gboolean ok;
  gsize len;

  if (user == NULL)
    user = g_strdup ("");
  if (!run_command (self, "CAPABILITY", NULL, on_capability, self, cancellable, error))
    return FALSE;
  if (mechanism != NULL && (camel_sasl_is_xoauth2_alias (mechanism) || g_ascii_strcasecmp (mechanism, "XOAUTH2") == 0))
    {
      g_autoptr(CamelSession) session = camel_service_ref_session (service);

      if (!has_capability (self, "AUTH=XOAUTH2") || !has_capability (self, "SASL-IR"))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "The IMAP server does not offer XOAUTH2 with SASL-IR: left to Camel");
          return FALSE;
        }
      if (session == NULL ||
          !camel_session_get_oauth2_access_token_sync (session, service, &secret, NULL, cancellable, error))
        return FALSE;
      response = g_strdup_printf ("user=%s\001auth=Bearer %s\001\001", user, secret);
      encoded = g_base64_encode ((const guchar *) response, strlen (response));
      memset (response, 0, strlen (response));
      g_clear_pointer (&response, g_free);
      memset (secret, 0, strlen (secret));
      response = g_strconcat ("AUTHENTICATE XOAUTH2 ", encoded, NULL);
      memset (encoded, 0, strlen (encoded));
      ok = run_command (self, response, "", NULL, NULL, cancellable, error);
      memset (response, 0, strlen (response));

      return ok;
    }
  if (mechanism != NULL && g_ascii_strcasecmp (mechanism, "PLAIN") != 0 && g_ascii_strcasecmp (mechanism, "LOGIN") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Signing in with %s is left to Camel", mechanism);
      return FALSE;
    }

  if (!has_capability (self, "AUTH=PLAIN") || has_capability (self, "LOGINDISABLED"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The IMAP server does not offer AUTH=PLAIN: left to Camel");
      return FALSE;
    }
  secret = camel_service_dup_password (service);
  if (secret == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Camel has not signed in with a password");
      return FALSE;
    }
  /* "\0user\0password" */
  len = strlen (user) + strlen (secret) + 2;
  response = g_malloc0 (len + 1);
  memcpy (response + 1, user, strlen (user));
  memcpy (response + 2 + strlen (user), secret, strlen (secret));
  encoded = g_base64_encode ((const guchar *) response, len);
  memset (response, 0, len);
  memset (secret, 0, strlen (secret));
  ok = run_command (self, "AUTHENTICATE PLAIN", encoded, NULL, NULL, cancellable, error);
  memset (encoded, 0, strlen (encoded));

  return ok;
}

/* The hierarchy delimiter, from `* LIST (…) "/" ""` */
static void
on_list (const guint8 *data,
         gsize         len,
         gpointer      user_data)
{
  KithMailImap *self = user_data;
  const char *text = (const char *) data;
  const char *close;

  if (len < 7 || g_ascii_strncasecmp (text, "* LIST ", 7) != 0 || (close = strchr (text, ')')) == NULL)
    return;
  if (close[1] == ' ' && close[2] == '"')
    self->delimiter = close[3] == '\\' ? close[4] : close[3];
}

/**
 * kith_mail_imap_connect_sync:
 * @service: a connected Camel IMAP store, whose settings and sign-in this connection shares
 *
 * Returns: (transfer full): a signed-in connection, or %NULL
 */
KithMailImap *
kith_mail_imap_connect_sync (CamelService  *service,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(CamelSettings) settings = camel_service_ref_settings (service);
  g_autoptr(KithMailImap) self = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GByteArray) greeting = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GError) local_error = NULL;
  CamelNetworkSecurityMethod security;
  gboolean was_refused;
  guint16 port;

  G_LOCK (refused);
  was_refused = refused != NULL && g_hash_table_contains (refused, camel_service_get_uid (service));
  G_UNLOCK (refused);
  if (was_refused)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           "The IMAP server refused this account's sign-in before: left to Camel");
      return NULL;
    }
  if (!CAMEL_IS_NETWORK_SETTINGS (settings))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Not a network service");
      return NULL;
    }
  host = camel_network_settings_dup_host (CAMEL_NETWORK_SETTINGS (settings));
  port = camel_network_settings_get_port (CAMEL_NETWORK_SETTINGS (settings));
  security = camel_network_settings_get_security_method (CAMEL_NETWORK_SETTINGS (settings));
  if (port == 0)
    port = security == CAMEL_NETWORK_SECURITY_METHOD_SSL_ON_ALTERNATE_PORT ? 993 : 143;
  identity = g_network_address_new (host != NULL ? host : "", port);

  /* No answer for a minute fails the command, so that a silent server does not hold the sync */
  g_socket_client_set_timeout (client, 60);
  g_socket_client_set_tls (client, security == CAMEL_NETWORK_SECURITY_METHOD_SSL_ON_ALTERNATE_PORT);
  connection = g_socket_client_connect (client, identity, cancellable, error);
  if (connection == NULL)
    return NULL;

  self = g_new0 (KithMailImap, 1);
  self->delimiter = '/';
  set_streams (self, G_IO_STREAM (connection));
  greeting = read_response (self, cancellable, error);
  if (greeting == NULL)
    return NULL;
  if (greeting->len < 4 || memcmp (greeting->data, "* OK", 4) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The IMAP server did not greet with OK");
      return NULL;
    }

  if (security == CAMEL_NETWORK_SECURITY_METHOD_STARTTLS_ON_STANDARD_PORT &&
      !start_tls (self, identity, cancellable, error))
    return NULL;
  if (!sign_in (self, service, CAMEL_NETWORK_SETTINGS (settings), cancellable, &local_error))
    {
      /* A tagged NO or BAD: the server refused the sign-in */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_FAILED))
        {
          G_LOCK (refused);
          if (refused == NULL)
            refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_add (refused, g_strdup (camel_service_get_uid (service)));
          G_UNLOCK (refused);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* What the server offers once signed in (ESEARCH), as it may not have said before */
  if (!run_command (self, "CAPABILITY", NULL, on_capability, self, cancellable, error) ||
      !run_command (self, "LIST \"\" \"\"", NULL, on_list, self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---- FETCH responses ---- */

typedef struct {
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Reader;

static gboolean
reader_literal (Reader        *r,
                const guint8 **out,
                gsize         *out_len)
{
  guint64 size = 0;

  r->pos++;    /* { */
  while (r->pos < r->len && g_ascii_isdigit (r->data[r->pos]))
    size = size * 10 + (r->data[r->pos++] - '0');
  if (r->pos < r->len && r->data[r->pos] == '+')
    r->pos++;
  if (r->pos + 3 > r->len || memcmp (r->data + r->pos, "}\r\n", 3) != 0 || size > r->len - r->pos - 3)
    return FALSE;
  r->pos += 3;
  *out = r->data + r->pos;
  *out_len = size;
  r->pos += size;

  return TRUE;
}

static gboolean
reader_quoted (Reader   *r,
               GString **out)
{
  r->pos++;    /* " */
  if (out != NULL)
    *out = g_string_new (NULL);
  while (r->pos < r->len && r->data[r->pos] != '"')
    {
      if (r->data[r->pos] == '\\' && r->pos + 1 < r->len)
        r->pos++;
      if (out != NULL)
        g_string_append_c (*out, r->data[r->pos]);
      r->pos++;
    }
  if (r->pos >= r->len)
    return FALSE;
  r->pos++;

  return TRUE;
}

/* Skips one value: an atom or number, a string, or a parenthesized list */
static gboolean
reader_skip (Reader *r)
{
  guint depth = 0;

  do
    {
      const guint8 *data;
      gsize len;

      if (r->pos >= r->len)
        return FALSE;
      switch (r->data[r->pos])
        {
        case '(':
          depth++;
          r->pos++;
          break;
        case ')':
          if (depth == 0)
            return FALSE;
          depth--;
          r->pos++;
          break;
        case ' ':
          r->pos++;
          break;
        case '"':
          if (!reader_quoted (r, NULL))
            return FALSE;
          break;
        case '{':
          if (!reader_literal (r, &data, &len))
            return FALSE;
          break;
        default:
          while (r->pos < r->len && r->data[r->pos] != ' ' && r->data[r->pos] != '(' && r->data[r->pos] != ')')
            r->pos++;
        }
    }
  while (depth > 0);

  return TRUE;
}

/* An item's name: an atom, with its section in brackets and its origin ("BODY[]<0>") */
static char *
reader_name (Reader *r)
{
  gsize start = r->pos;
  gboolean bracket = FALSE;

  while (r->pos < r->len && (bracket || (r->data[r->pos] != ' ' && r->data[r->pos] != ')')))
    {
      if (r->data[r->pos] == '[')
        bracket = TRUE;
      else if (r->data[r->pos] == ']')
        bracket = FALSE;
      r->pos++;
    }

  return g_strndup ((const char *) r->data + start, r->pos - start);
}

/* The items of one `* N FETCH (…)` response that capture reads */
typedef struct {
  char         *uid;
  char         *internaldate;
  const guint8 *body;          /* BODY[] or BODY[HEADER], inside the response */
  gsize         body_len;
} FetchItems;

static void
fetch_items_clear (FetchItems *items)
{
  g_clear_pointer (&items->uid, g_free);
  g_clear_pointer (&items->internaldate, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FetchItems, fetch_items_clear)

/* `* N FETCH (UID u INTERNALDATE "…" BODY[] {size}…)`: FALSE when it is no FETCH, or broken */
static gboolean
parse_fetch (const guint8 *data,
             gsize         len,
             FetchItems   *items)
{
  Reader r = { data, len, 2 };

  while (r.pos < len && g_ascii_isdigit (data[r.pos]))
    r.pos++;
  if (r.pos + 8 > len || g_ascii_strncasecmp ((const char *) data + r.pos, " FETCH (", 8) != 0)
    return FALSE;
  r.pos += 8;

  while (r.pos < len && data[r.pos] != ')')
    {
      g_autofree char *name = reader_name (&r);

      if (r.pos >= len || data[r.pos] != ' ')
        return FALSE;
      r.pos++;
      if (g_ascii_strcasecmp (name, "UID") == 0)
        {
          g_free (items->uid);
          items->uid = reader_name (&r);
        }
      else if (g_ascii_strcasecmp (name, "INTERNALDATE") == 0 && r.pos < len && data[r.pos] == '"')
        {
          GString *date = NULL;

          if (!reader_quoted (&r, &date))
            return FALSE;
          g_free (items->internaldate);
          items->internaldate = g_string_free (date, FALSE);
        }
      else if ((g_ascii_strncasecmp (name, "BODY[]", 6) == 0 || g_ascii_strncasecmp (name, "BODY[HEADER]", 12) == 0) &&
               r.pos < len && data[r.pos] == '{')
        {
          if (!reader_literal (&r, &items->body, &items->body_len))
            return FALSE;
        }
      else if (!reader_skip (&r))
        return FALSE;
      if (r.pos < len && data[r.pos] == ' ')
        r.pos++;
    }

  return items->uid != NULL;
}

typedef struct {
  const char    *folder;
  KithMailFetch *fetches;
  guint          n;
} FetchRun;

static char *
comparable_id (const char *value)
{
  g_autofree char *id = kith_mail_mapping_message_id (value);
  GString *out;

  if (id == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* Takes @message for @fetch when it is the message the store indexed under that UID: the
 * server's UIDs could have been renumbered since. A message without a Message-ID cannot be
 * told apart, and is left to Camel */
static void
take_message (FetchRun      *run,
              KithMailFetch *fetch,
              const guint8  *body,
              gsize          len)
{
  g_autoptr(CamelStream) stream = camel_stream_mem_new_with_buffer ((const char *) body, len);
  g_autoptr(CamelMimeMessage) message = camel_mime_message_new ();
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  if (!camel_data_wrapper_construct_from_stream_sync (CAMEL_DATA_WRAPPER (message), stream, NULL, NULL))
    return;
  expected = comparable_id (fetch->message_id);
  got = comparable_id (camel_medium_get_header (CAMEL_MEDIUM (message), "Message-ID"));
  if (expected == NULL || g_strcmp0 (expected, got) != 0)
    {
      g_debug ("%s: UID %s is not the message indexed under it: left to Camel", run->folder, fetch->uid);
      return;
    }

  fetch->text = kith_mail_mapping_text (message);
  fetch->fetched = TRUE;
}

/* `* N FETCH (UID u BODY[] {size}…)` */
static void
on_fetch (const guint8 *data,
          gsize         len,
          gpointer      user_data)
{
  FetchRun *run = user_data;
  g_auto(FetchItems) items = { 0 };

  if (!parse_fetch (data, len, &items) || items.body == NULL)
    return;
  for (guint k = 0; k < run->n; k++)
    if (!run->fetches[k].fetched && g_strcmp0 (run->fetches[k].uid, items.uid) == 0)
      {
        take_message (run, &run->fetches[k], items.body, items.body_len);
        return;
      }
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* "3:5,9" for UIDs 3, 4, 5 and 9 (of guint32); NULL for none */
static char *
uid_set (GArray *uids)
{
  GString *set = g_string_new (NULL);

  g_array_sort (uids, compare_numbers);
  for (guint i = 0; i < uids->len;)
    {
      guint32 first = g_array_index (uids, guint32, i);
      guint32 last = first;

      while (++i < uids->len && g_array_index (uids, guint32, i) <= (guint64) last + 1)
        last = g_array_index (uids, guint32, i);
      if (set->len > 0)
        g_string_append_c (set, ',');
      if (last == first)
        g_string_append_printf (set, "%u", first);
      else
        g_string_append_printf (set, "%u:%u", first, last);
    }

  return g_string_free (set, set->len == 0);
}

/* A UID as IMAP has it: 1 to 2³² − 1; 0 for anything else */
static guint32
parse_uid (const char *text)
{
  guint64 uid = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &uid, NULL))
    return 0;

  return (guint32) uid;
}

/* The folder's name on the server, quoted: Camel's name with the server's delimiter, in
 * modified UTF-7 */
static char *
mailbox_name (KithMailImap *self,
              const char   *full_name)
{
  g_autofree char *name = g_strdup (full_name);
  g_autofree char *utf7 = NULL;
  GString *quoted = g_string_new ("\"");

  /* Swapped both ways, as camel_imapx_folder_path_to_mailbox() does */
  for (char *p = name; self->delimiter != '\0' && *p != '\0'; p++)
    {
      if (*p == '/')
        *p = self->delimiter;
      else if (*p == self->delimiter)
        *p = '/';
    }
  utf7 = camel_utf8_utf7 (name);
  for (const char *p = utf7; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/* A tagged NO or BAD for one folder leaves that folder to Camel and keeps the connection;
 * any other failure is the connection's */
static gboolean
folder_failed (const char  *folder,
               GError      *failure,
               GError     **error)
{
  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_FAILED))
    {
      g_debug ("%s: left to Camel: %s", folder, failure->message);
      g_error_free (failure);
      return TRUE;
    }
  g_propagate_error (error, failure);

  return FALSE;
}

/* What the server says of the folder it has open, as it says it */
typedef struct {
  guint32   uidvalidity;
  guint32   messages;
  gboolean  has_messages;
  GArray   *found;    /* (element-type guint32) what SEARCH answered, when asked */
  gboolean  too_many; /* ESEARCH named more UIDs than the folder holds */
} MailboxState;

/* The UIDs of an ESEARCH `ALL` ("3:5,9") into @state's found: no more than the folder holds
 * and as many more as may have arrived since, whatever a server claims */
static void
add_uid_set (MailboxState *state,
             const char   *set)
{
  guint64 most = (guint64) state->messages + 100000;
  const char *p = set;

  while (g_ascii_isdigit (*p))
    {
      char *end = NULL;
      guint64 first = g_ascii_strtoull (p, &end, 10);
      guint64 last = first;

      if (*end == ':' && g_ascii_isdigit (end[1]))
        last = g_ascii_strtoull (end + 1, &end, 10);
      if (first > last)
        {
          guint64 swap = first;

          first = last;
          last = swap;
        }
      if (first == 0 || last > G_MAXUINT32 || state->found->len + (last - first + 1) > most)
        {
          state->too_many = TRUE;
          return;
        }
      for (guint64 uid = first; uid <= last; uid++)
        {
          guint32 value = (guint32) uid;

          g_array_append_val (state->found, value);
        }
      if (*end != ',')
        break;
      p = end + 1;
    }
}

/* `* 17 EXISTS`, `* OK [UIDVALIDITY 3857529045] …` and `* SEARCH 4 9 12`, in answer to EXAMINE
 * or SEARCH; EXISTS may also come with any command, when mail arrives meanwhile */
static void
on_mailbox_state (const guint8 *data,
                  gsize         len,
                  gpointer      user_data)
{
  MailboxState *state = user_data;
  const char *text = (const char *) data + 2;
  char *end = NULL;
  guint64 n;

  if (g_ascii_isdigit (*text))
    {
      n = g_ascii_strtoull (text, &end, 10);
      if (end != NULL && g_ascii_strcasecmp (end, " EXISTS") == 0 && n <= G_MAXUINT32)
        {
          state->messages = (guint32) n;
          state->has_messages = TRUE;
        }
    }
  else if (g_ascii_strncasecmp (text, "OK [UIDVALIDITY ", 16) == 0)
    {
      n = g_ascii_strtoull (text + 16, &end, 10);
      if (end != NULL && *end == ']' && n <= G_MAXUINT32)
        state->uidvalidity = (guint32) n;
    }
  else if (state->found != NULL && g_ascii_strncasecmp (text, "ESEARCH ", 8) == 0)
    {
      /* `* ESEARCH (TAG "k5") UID ALL 1:5,9`: no ALL when nothing matched */
      const char *all = strstr (text, " ALL ");

      if (all != NULL)
        add_uid_set (state, all + 5);
    }
  else if (state->found != NULL && g_ascii_strncasecmp (text, "SEARCH", 6) == 0)
    {
      for (text += 6; *text == ' '; text = end)
        {
          n = g_ascii_strtoull (text + 1, &end, 10);
          if (end == text + 1)
            break;
          if (n > 0 && n <= G_MAXUINT32)
            {
              guint32 uid = (guint32) n;

              g_array_append_val (state->found, uid);
            }
        }
    }
}

/* Opens @folder read-only, unless it is open already and @state is not wanted */
static gboolean
examine (KithMailImap  *self,
         const char    *folder,
         MailboxState  *state,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *mailbox = mailbox_name (self, folder);
  g_autofree char *command = NULL;

  if (state == NULL && g_strcmp0 (self->selected, mailbox) == 0)
    return TRUE;

  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->idling, g_free);
  command = g_strconcat ("EXAMINE ", mailbox, NULL);
  if (!run_command (self, command, NULL, state != NULL ? on_mailbox_state : NULL, state, cancellable, error))
    return FALSE;
  self->selected = g_steal_pointer (&mailbox);

  return TRUE;
}

/**
 * kith_mail_imap_fetch_sync:
 * @folder: Camel's full name of the folder of @fetches
 * @fetches: (array length=n): messages of @folder
 *
 * Fetches the texts of @fetches with one `UID FETCH`; each one found, and found to be the
 * message the store indexed under its UID (its `message_id`), gets its text and `fetched` set.
 * A folder the server refuses is skipped. Fails when the connection fails; Camel then fetches
 * whatever is not `fetched`.
 */
gboolean
kith_mail_imap_fetch_sync (KithMailImap   *self,
                           const char     *folder,
                           KithMailFetch  *fetches,
                           guint           n,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GArray) uids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_autofree char *set = NULL;
  g_autofree char *command = NULL;
  FetchRun run = { folder, fetches, n };
  g_autoptr(GError) local_error = NULL;

  for (guint k = 0; k < n; k++)
    {
      guint32 uid = parse_uid (fetches[k].uid);

      if (uid > 0 && !fetches[k].fetched)
        g_array_append_val (uids, uid);
    }
  set = uid_set (uids);
  if (set == NULL)
    return TRUE;
  if (!examine (self, folder, NULL, cancellable, &local_error))
    return folder_failed (folder, g_steal_pointer (&local_error), error);

  command = g_strdup_printf ("UID FETCH %s (UID BODY.PEEK[])", set);
  if (!run_command (self, command, NULL, on_fetch, &run, cancellable, &local_error))
    return folder_failed (folder, g_steal_pointer (&local_error), error);

  return TRUE;
}

/**
 * kith_mail_imap_list_new_sync:
 * @folder: Camel's full name of a folder
 * @after: the highest UID already read
 * @out_uidvalidity: (out): the folder's UIDVALIDITY, which the UIDs are of
 * @out_messages: (out): how many messages the folder holds
 *
 * Opens @folder anew and asks for its UIDs above @after: what arrived since it was read, when
 * its UIDVALIDITY is the same. Fails with %G_IO_ERROR_FAILED when the server refuses the
 * folder (the connection stays good), and with %G_IO_ERROR_INVALID_DATA when it does not say
 * its count or UIDVALIDITY.
 *
 * Returns: (transfer full) (element-type guint32): the UIDs above @after, ascending; %NULL
 *   with @error set
 */
GArray *
kith_mail_imap_list_new_sync (KithMailImap  *self,
                              const char    *folder,
                              guint32        after,
                              guint32       *out_uidvalidity,
                              guint32       *out_messages,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) above = g_array_new (FALSE, FALSE, sizeof (guint32));
  MailboxState state = { 0, };

  if (!examine (self, folder, &state, cancellable, error))
    return NULL;

  /* "N:*" names the highest UID even when it is below N: what is not above @after is dropped */
  state.found = found;
  if (after < G_MAXUINT32)
    {
      /* ESEARCH answers with ranges ("1:69712"), not a number a UID: on a large folder a line
       * of megabytes less to send and to read */
      g_autofree char *command = g_strdup_printf ("UID SEARCH %sUID %u:*",
                                                  has_capability (self, "ESEARCH") ? "RETURN (ALL) " : "", after + 1);

      if (!run_command (self, command, NULL, on_mailbox_state, &state, cancellable, error))
        return NULL;
    }
  if (state.too_many)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The IMAP server named more UIDs than %s holds", folder);
      return NULL;
    }
  if (!state.has_messages || state.uidvalidity == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The IMAP server did not say how many messages %s holds, or its UIDVALIDITY", folder);
      return NULL;
    }

  for (guint i = 0; i < found->len; i++)
    if (g_array_index (found, guint32, i) > after)
      g_array_append_val (above, g_array_index (found, guint32, i));
  g_array_sort (above, compare_numbers);
  *out_uidvalidity = state.uidvalidity;
  *out_messages = state.messages;

  return g_steal_pointer (&above);
}

typedef struct {
  KithMailImapHeaderFunc func;
  gpointer               user_data;
} HeaderRun;

/* `* N FETCH (UID u INTERNALDATE "…" BODY[HEADER] {size}…)` */
static void
on_header (const guint8 *data,
           gsize         len,
           gpointer      user_data)
{
  HeaderRun *run = user_data;
  g_auto(FetchItems) items = { 0 };
  guint32 uid;

  if (!parse_fetch (data, len, &items) || items.body == NULL || (uid = parse_uid (items.uid)) == 0)
    return;

  run->func (uid, items.internaldate, items.body, items.body_len, run->user_data);
}

/**
 * kith_mail_imap_fetch_headers_sync:
 * @folder: Camel's full name of the folder of @uids
 * @uids: (element-type guint32): UIDs of @folder
 * @func: called with each message's UID, INTERNALDATE (or %NULL) and header block, as the
 *   server sends them
 *
 * Fetches the headers of @uids with one `UID FETCH`, without marking any read. A UID the
 * server no longer has is not answered: @func is not called for it.
 */
gboolean
kith_mail_imap_fetch_headers_sync (KithMailImap            *self,
                                   const char              *folder,
                                   GArray                  *uids,
                                   KithMailImapHeaderFunc   func,
                                   gpointer                 user_data,
                                   GCancellable            *cancellable,
                                   GError                 **error)
{
  g_autoptr(GArray) sorted = g_array_copy (uids);
  g_autofree char *set = uid_set (sorted);
  g_autofree char *command = NULL;
  HeaderRun run = { func, user_data };

  if (set == NULL)
    return TRUE;
  if (!examine (self, folder, NULL, cancellable, error))
    return FALSE;

  command = g_strdup_printf ("UID FETCH %s (UID INTERNALDATE BODY.PEEK[HEADER])", set);

  return run_command (self, command, NULL, on_header, &run, cancellable, error);
}

/* ---- IDLE ---- */

/**
 * kith_mail_imap_can_idle:
 *
 * Returns: whether the server offers IDLE, so that kith_mail_imap_idle_sync() can wait
 */
gboolean
kith_mail_imap_can_idle (KithMailImap *self)
{
  return has_capability (self, "IDLE");
}

static gboolean
on_wait_done (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
on_readable (GObject  *stream,
             gpointer  data)
{
  return on_wait_done (data);
}

/* Waits until the server has sent something, @deadline (monotonic) passes or @cancellable is
 * cancelled, without reading: a blocking read would fail after the connection's minute. Only the
 * wait is cut short; whatever came is read afterwards */
static void
wait_readable (KithMailImap  *self,
               gint64         deadline,
               GCancellable  *cancellable)
{
  GInputStream *base = g_io_stream_get_input_stream (self->stream);
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) readable = NULL;
  g_autoptr(GSource) timeout = NULL;
  gboolean done = FALSE;
  gint64 left = deadline - g_get_monotonic_time ();

  if (g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (self->in)) > 0 || left <= 0 ||
      !G_IS_POLLABLE_INPUT_STREAM (base) || !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (base)) ||
      g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (base)))
    return;

  context = g_main_context_new ();
  readable = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (base), cancellable);
  g_source_set_callback (readable, G_SOURCE_FUNC (on_readable), &done, NULL);
  g_source_attach (readable, context);
  timeout = g_timeout_source_new ((guint) MIN (left / 1000 + 1, G_MAXUINT));
  g_source_set_callback (timeout, on_wait_done, &done, NULL);
  g_source_attach (timeout, context);
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (readable);
  g_source_destroy (timeout);
}

/* Whether an untagged response in IDLE tells of mail that came or went ("* 5 EXISTS",
 * "* 3 EXPUNGE", "* VANISHED …"), not of flags or that the server is still there */
static gboolean
is_news (const char *text)
{
  const char *word = text + 2;

  while (g_ascii_isdigit (*word))
    word++;
  if (*word == ' ')
    word++;

  return g_ascii_strncasecmp (word, "EXISTS", 6) == 0 || g_ascii_strncasecmp (word, "EXPUNGE", 7) == 0 ||
         g_ascii_strncasecmp (word, "VANISHED", 8) == 0;
}

/**
 * kith_mail_imap_select_sync:
 * @folder: Camel's full name of the folder to watch
 * @out_messages: (out) (optional): how many messages it holds
 *
 * Opens @folder for kith_mail_imap_idle_sync(): with SELECT, not EXAMINE, as Dovecot tells a
 * read-only session of mail written straight into its maildir only once a read-write one has
 * numbered it. Neither changes anything.
 */
gboolean
kith_mail_imap_select_sync (KithMailImap  *self,
                            const char    *folder,
                            guint32       *out_messages,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *mailbox = mailbox_name (self, folder);
  g_autofree char *command = g_strconcat ("SELECT ", mailbox, NULL);
  MailboxState state = { 0, };

  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->idling, g_free);
  if (!run_command (self, command, NULL, on_mailbox_state, &state, cancellable, error))
    return FALSE;
  if (!state.has_messages)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The IMAP server did not say how many messages %s holds", folder);
      return FALSE;
    }
  self->idling = g_strdup (folder);
  if (out_messages != NULL)
    *out_messages = state.messages;

  return TRUE;
}

/**
 * kith_mail_imap_idle_sync:
 * @folder: Camel's full name of the folder to watch
 * @seconds: how long to wait at most (servers end IDLE after 30 minutes)
 * @out_news: (out): whether the server told of mail that came to @folder or went from it
 *
 * Opens @folder and waits in IDLE until the server tells of mail that came or went,
 * @seconds pass, or @cancellable is cancelled; then ends IDLE. Fails with
 * %G_IO_ERROR_NOT_SUPPORTED when the server has no IDLE, with %G_IO_ERROR_CANCELLED when
 * cancelled, and as any command does when the connection fails.
 */
gboolean
kith_mail_imap_idle_sync (KithMailImap  *self,
                          const char    *folder,
                          guint          seconds,
                          gboolean      *out_news,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *tag = NULL;
  g_autofree char *command = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  gboolean idling = FALSE, done_sent = FALSE, news = FALSE;
  gsize tag_len;

  *out_news = FALSE;
  if (!kith_mail_imap_can_idle (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "The IMAP server has no IDLE");
      return FALSE;
    }
  if (g_strcmp0 (self->idling, folder) != 0 && !kith_mail_imap_select_sync (self, folder, NULL, cancellable, error))
    return FALSE;

  tag = g_strdup_printf ("k%u", ++self->tag);
  tag_len = strlen (tag);
  command = g_strconcat (tag, " IDLE", NULL);
  if (!write_line (self, command, cancellable, error))
    return FALSE;

  while (TRUE)
    {
      g_autoptr(GByteArray) response = NULL;
      const char *text;

      /* In IDLE: until the server says something, the time is up, or the wait is called off */
      if (idling && !done_sent)
        {
          wait_readable (self, deadline, cancellable);
          /* Called off: the connection is closed, not waited on */
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (g_get_monotonic_time () >= deadline)
            {
              /* What came meanwhile is read after DONE, with the command's end */
              if (!write_line (self, "DONE", NULL, error))
                return FALSE;
              done_sent = TRUE;
            }
        }

      /* Not cancelled here: once begun, the command is read to its end, so that the connection
       * stays usable */
      response = read_response (self, NULL, error);
      if (response == NULL)
        return FALSE;
      g_byte_array_append (response, (const guint8 *) "", 1);
      text = (const char *) response->data;

      if (g_str_has_prefix (text, "+"))
        idling = TRUE;
      else if (g_str_has_prefix (text, "* "))
        {
          if (is_news (text) && !news)
            {
              news = TRUE;
              if (!done_sent && !write_line (self, "DONE", NULL, error))
                return FALSE;
              done_sent = TRUE;
            }
        }
      else if (strncmp (text, tag, tag_len) == 0 && text[tag_len] == ' ')
        {
          if (g_ascii_strncasecmp (text + tag_len + 1, "OK", 2) != 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "IMAP IDLE: %s", text + tag_len + 1);
              return FALSE;
            }
          *out_news = news;
          return TRUE;
        }
    }
}
