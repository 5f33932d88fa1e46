/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Drafts for the places a composer opens from: a new mail to some addresses, Reply, Reply All
 * and Forward of a message, and a mailto: link (RFC 6068). Plain functions, no widget: each
 * returns a KithOutgoing for kith_application_compose(), which saves and shows it.
 */

#define G_LOG_DOMAIN "KithDraft"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-draft.h"
#include "kith-mail-account.h"

/* The address in "Name <address>" or "address", lower-cased, for comparing */
static char *
dup_bare_address (const char *header)
{
  const char *start = strrchr (header, '<');
  const char *end = start != NULL ? strchr (start, '>') : NULL;
  g_autofree char *bare = start != NULL && end != NULL ? g_strndup (start + 1, end - start - 1) : g_strdup (header);

  return g_ascii_strdown (g_strstrip (bare), -1);
}

/**
 * kith_draft_new_to:
 * @addresses: (nullable): whom to write to, each "Name <address>" or "address"
 *
 * Returns: (transfer full): a new mail; its account is left for the composer's default
 */
KithOutgoing *
kith_draft_new_to (const char * const *addresses)
{
  KithOutgoing *draft = kith_outgoing_new ();

  kith_outgoing_set_to (draft, addresses);
  return draft;
}

/* The user's own addresses: every account's, and its aliases, lower-cased */
static GHashTable *
collect_own_addresses (GListModel *accounts)
{
  GHashTable *own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = accounts != NULL ? g_list_model_get_n_items (accounts) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithMailAccount) account = g_list_model_get_item (accounts, i);
      const char * const *aliases = kith_mail_account_get_aliases (account);

      if (kith_mail_account_get_address (account) != NULL)
        g_hash_table_add (own, dup_bare_address (kith_mail_account_get_address (account)));
      for (guint j = 0; aliases != NULL && aliases[j] != NULL; j++)
        g_hash_table_add (own, dup_bare_address (aliases[j]));
    }

  return own;
}

/* Adds each of @addresses to @out unless it is the user's or already there (@seen) */
static void
add_others (GStrvBuilder       *out,
            const char * const *addresses,
            GHashTable         *own,
            GHashTable         *seen)
{
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      char *bare = dup_bare_address (addresses[i]);

      if (*bare == '\0' || g_hash_table_contains (own, bare) || g_hash_table_contains (seen, bare))
        {
          g_free (bare);
          continue;
        }
      g_hash_table_add (seen, bare);
      g_strv_builder_add (out, addresses[i]);
    }
}

/* Reply: the sender, or the Reply-To when the message has one (a web form's lead, a list).
 * Reply All: that and the To, then the Cc, without the user's own addresses and without anyone
 * twice. Mail the user sent is answered as a follow-up, as mail programs do: to its To again
 * (and for Reply All its Cc), not back to the user. */
static void
set_recipients (KithOutgoing  *draft,
                KithMessage   *original,
                KithDraftKind  kind,
                GHashTable    *own)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) to = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) cc = g_strv_builder_new ();
  g_auto(GStrv) to_list = NULL;
  g_auto(GStrv) cc_list = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *bare_sender = NULL;
  const char *address = kith_message_get_sender_address (original);
  gboolean from_user;

  if (address != NULL)
    bare_sender = dup_bare_address (address);
  from_user = bare_sender != NULL && g_hash_table_contains (own, bare_sender);

  if (!from_user && kith_message_get_reply_to (original) != NULL)
    add_others (to, kith_message_get_reply_to (original), own, seen);
  else if (address != NULL && !from_user)
    {
      const char *sender_list[2] = { NULL, NULL };

      sender = kith_message_format_address (kith_message_get_sender_name (original), address);
      sender_list[0] = sender;
      add_others (to, sender_list, own, seen);
    }
  if (kind == KITH_DRAFT_REPLY_ALL || from_user)
    add_others (to, kith_message_get_to (original), own, seen);
  if (kind == KITH_DRAFT_REPLY_ALL)
    add_others (cc, kith_message_get_cc (original), own, seen);

  to_list = g_strv_builder_end (to);
  cc_list = g_strv_builder_end (cc);
  kith_outgoing_set_to (draft, (const char * const *) to_list);
  kith_outgoing_set_cc (draft, (const char * const *) cc_list);
}

static KithMailAccount *
find_account (GListModel *accounts,
              const char *uid)
{
  guint n = accounts != NULL && uid != NULL ? g_list_model_get_n_items (accounts) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithMailAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (kith_mail_account_get_uid (account), uid) == 0)
        return g_steal_pointer (&account);
    }
  return NULL;
}

/* Whether one of @addresses is @alias */
static gboolean
names_alias (const char * const *addresses,
             const char         *alias)
{
  g_autofree char *bare_alias = dup_bare_address (alias);

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autofree char *bare = dup_bare_address (addresses[i]);

      if (g_str_equal (bare, bare_alias))
        return TRUE;
    }
  return FALSE;
}

/* The answer leaves from the account the original arrived on, and from the alias it was sent
 * to when it was sent to one */
static void
set_from (KithOutgoing *draft,
          KithMessage  *original,
          GListModel   *accounts)
{
  g_autoptr(KithMailAccount) account = find_account (accounts, kith_message_get_account (original));
  const char * const *aliases;
  const char *from;

  kith_outgoing_set_account (draft, kith_message_get_account (original));
  if (account == NULL)
    return;

  from = kith_mail_account_get_address (account);
  aliases = kith_mail_account_get_aliases (account);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    if (names_alias (kith_message_get_to (original), aliases[i]) ||
        names_alias (kith_message_get_cc (original), aliases[i]))
      {
        from = aliases[i];
        break;
      }

  kith_outgoing_set_from_address (draft, from);
  kith_outgoing_set_from_name (draft, kith_mail_account_get_name (account));
}

/* "Re: " or "Fwd: " before @subject, unless it starts with it, or "Fw:" for a forward,
 * already: a thread's subject does not grow at every answer */
static char *
dup_prefixed_subject (const char    *subject,
                      KithDraftKind  kind)
{
  const char *prefix = kind == KITH_DRAFT_FORWARD ? "Fwd:" : "Re:";

  if (subject == NULL)
    subject = "";
  while (g_ascii_isspace (*subject))
    subject++;

  if (g_ascii_strncasecmp (subject, prefix, strlen (prefix)) == 0 ||
      (kind == KITH_DRAFT_FORWARD && g_ascii_strncasecmp (subject, "Fw:", 3) == 0))
    return g_strdup (subject);

  /* Not translated: other mail programs thread on these very prefixes */
  return g_strdup_printf ("%s %s", prefix, subject);
}

/* The text of an HTML body, for the plain-text quote: the tags out, breaks and block ends as
 * new lines, the common entities decoded, and nothing of <style> or <script> */
static char *
dup_html_text (const char *html)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
    { "&nbsp;", " " },
  };
  GString *text = g_string_new (NULL);
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          g_autofree char *tag = g_ascii_strdown (p + 1, end != NULL ? end - p - 1 : -1);
          const char *skip_to = NULL;

          if (end == NULL)
            break;
          if (g_str_has_prefix (tag, "style") || g_str_has_prefix (tag, "script"))
            skip_to = g_str_has_prefix (tag, "style") ? "</style" : "</script";
          else if (g_str_has_prefix (tag, "br") || g_str_has_prefix (tag, "/p") || g_str_has_prefix (tag, "/div") ||
                   g_str_has_prefix (tag, "/li") || g_str_has_prefix (tag, "/tr") || g_str_has_prefix (tag, "/h"))
            g_string_append_c (text, '\n');
          p = end + 1;
          if (skip_to != NULL)
            {
              const char *close = strstr (p, skip_to);

              p = close != NULL ? close : p + strlen (p);
            }
          continue;
        }
      if (*p == '&')
        {
          gboolean decoded = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities) && !decoded; i++)
            if (g_str_has_prefix (p, entities[i].entity))
              {
                g_string_append (text, entities[i].text);
                p += strlen (entities[i].entity);
                decoded = TRUE;
              }
          if (decoded)
            continue;
        }
      /* Line breaks in the source are only white space */
      g_string_append_c (text, *p == '\n' || *p == '\r' ? ' ' : *p);
      p++;
    }

  return g_strstrip (g_string_free (text, FALSE));
}

static char *
dup_original_text (KithMessage *original)
{
  const char *body = kith_message_get_body (original);

  if (body == NULL)
    body = kith_message_get_preview (original);
  if (body == NULL)
    return g_strdup ("");
  if (g_strcmp0 (kith_message_get_body_type (original), "html") == 0)
    return dup_html_text (body);
  return g_strchomp (g_strdup (body));
}

/* "On DATE, NAME wrote:", the date as the user's language writes it */
static char *
dup_attribution (KithMessage *original)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (kith_message_get_date (original) / 1000);
  /* Translators: the date of a message quoted in an answer; see g_date_time_format() */
  g_autofree char *date = g_date_time_format (when, _("%a, %-d %b %Y at %H:%M"));
  const char *name = kith_message_get_sender_name (original);

  if (name == NULL || *name == '\0')
    name = kith_message_get_sender_address (original);
  if (name == NULL)
    name = _("Unknown sender");

  /* Translators: above a quoted message: "On Tue, 1 Dec 2026 at 14:05, Ann Lee wrote:" */
  return g_strdup_printf (_("On %s, %s wrote:"), date, name);
}

/* The plain text: room to write, then the attribution and every line of the original
 * behind "> " */
static char *
dup_quoted_text (const char *attribution,
                 const char *original)
{
  g_auto(GStrv) lines = g_strsplit (original, "\n", -1);
  GString *text = g_string_new ("\n\n");

  g_string_append_printf (text, "%s\n", attribution);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* An already quoted line gets ">" alone, as mail programs nest quotes: ">> " */
      const char *space = lines[i][0] == '>' || lines[i][0] == '\0' ? "" : " ";

      g_string_append_printf (text, ">%s%s\n", space, g_strchomp (lines[i]));
    }

  return g_string_free (text, FALSE);
}

/* The HTML: the same quote in a blockquote. It quotes the text, not the original's own HTML,
 * whose styles and remote images would otherwise be sent on. */
static char *
dup_quoted_html (const char *attribution,
                 const char *original)
{
  g_autofree char *escaped_attribution = g_markup_escape_text (attribution, -1);
  g_autofree char *escaped = g_markup_escape_text (original, -1);
  g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);
  g_autofree char *joined = g_strjoinv ("<br>", lines);

  return g_strdup_printf ("<p><br></p><p>%s</p><blockquote type=\"cite\">%s</blockquote>",
                          escaped_attribution, joined);
}

/* In-Reply-To names the original; References the thread, then the original. The index keeps
 * no References header, so the thread is its first message (KithMessage:thread-id). */
static void
set_threading (KithOutgoing *draft,
               KithMessage  *original)
{
  const char *message_id = kith_message_get_message_id (original);
  const char *thread_id = kith_message_get_thread_id (original);
  g_autofree char *references = NULL;

  if (message_id == NULL)
    return;

  if (thread_id != NULL && g_strcmp0 (thread_id, message_id) != 0)
    references = g_strdup_printf ("%s %s", thread_id, message_id);
  else
    references = g_strdup (message_id);

  kith_outgoing_set_in_reply_to (draft, message_id);
  kith_outgoing_set_references (draft, references);
}

/**
 * kith_draft_new_answer:
 * @original: the message answered, its body and recipients loaded (kith_message_load_item())
 * @accounts: (element-type KithMailAccount): the mail accounts, for the user's own addresses
 *   and the From
 *
 * A Reply, Reply All or Forward of @original: its subject with "Re: " or "Fwd: ", its text
 * quoted under who wrote it and when, from the account it arrived on. An answer threads with
 * the original (In-Reply-To, References); a forward does not, as its recipients never saw the
 * original. A forward carries the original's text only: attachments stay on the server and
 * are not fetched again.
 *
 * Returns: (transfer full): a new draft
 */
KithOutgoing *
kith_draft_new_answer (KithMessage   *original,
                       KithDraftKind  kind,
                       GListModel    *accounts)
{
  KithOutgoing *draft;
  g_autoptr(GHashTable) own = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quoted_text = NULL;
  g_autofree char *quoted_html = NULL;

  g_return_val_if_fail (KITH_IS_MESSAGE (original), NULL);
  g_return_val_if_fail (accounts == NULL || G_IS_LIST_MODEL (accounts), NULL);

  draft = kith_outgoing_new ();
  own = collect_own_addresses (accounts);
  if (kind != KITH_DRAFT_FORWARD)
    {
      set_recipients (draft, original, kind, own);
      set_threading (draft, original);
    }
  set_from (draft, original, accounts);

  subject = dup_prefixed_subject (kith_message_get_subject (original), kind);
  attribution = dup_attribution (original);
  text = dup_original_text (original);
  quoted_text = dup_quoted_text (attribution, text);
  quoted_html = dup_quoted_html (attribution, text);
  kith_outgoing_set_subject (draft, subject);
  kith_outgoing_set_body_text (draft, quoted_text);
  kith_outgoing_set_body_html (draft, quoted_html);

  return draft;
}

/* Percent-decodes @encoded; NULL with @error set when an escape is broken */
static char *
dup_decoded (const char  *uri,
             const char  *encoded,
             GError     **error)
{
  char *decoded = g_uri_unescape_string (encoded, NULL);

  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    {
      g_free (decoded);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The mail link “%s” has a broken escape (“%%” and two hex digits) in “%s”"), uri, encoded);
      return NULL;
    }
  return decoded;
}

/* Adds the comma-separated addresses of @encoded to @out */
static gboolean
add_mailto_addresses (GStrvBuilder  *out,
                      const char    *uri,
                      const char    *encoded,
                      GError       **error)
{
  g_autofree char *decoded = dup_decoded (uri, encoded, error);
  g_auto(GStrv) parts = NULL;

  if (decoded == NULL)
    return FALSE;

  parts = g_strsplit (decoded, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *address = g_strstrip (parts[i]);

      if (*address == '\0')
        continue;
      if (strchr (address, '@') == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The mail link “%s” names “%s”, which is not an email address"), uri, address);
          return FALSE;
        }
      g_strv_builder_add (out, address);
    }
  return TRUE;
}

/* What a mailto: link fills, while it is read */
typedef struct {
  GStrvBuilder *to;
  GStrvBuilder *cc;
  GStrvBuilder *bcc;
  char         *subject;
  char         *body;
} Mailto;

static void
mailto_clear (Mailto *m)
{
  g_clear_pointer (&m->to, g_strv_builder_unref);
  g_clear_pointer (&m->cc, g_strv_builder_unref);
  g_clear_pointer (&m->bcc, g_strv_builder_unref);
  g_clear_pointer (&m->subject, g_free);
  g_clear_pointer (&m->body, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mailto, mailto_clear)

/* One "name=value" of the query; names it does not know are left out (RFC 6068, 2) */
static gboolean
read_mailto_field (Mailto      *m,
                   const char  *uri,
                   const char  *field,
                   GError     **error)
{
  const char *equals = strchr (field, '=');
  g_autofree char *name = NULL;
  const char *value;
  char **text = NULL;

  if (equals == NULL)
    return TRUE;
  name = g_ascii_strdown (field, equals - field);
  value = equals + 1;

  if (g_str_equal (name, "to"))
    return add_mailto_addresses (m->to, uri, value, error);
  if (g_str_equal (name, "cc"))
    return add_mailto_addresses (m->cc, uri, value, error);
  if (g_str_equal (name, "bcc"))
    return add_mailto_addresses (m->bcc, uri, value, error);
  if (g_str_equal (name, "subject"))
    text = &m->subject;
  else if (g_str_equal (name, "body"))
    text = &m->body;
  else
    return TRUE;

  g_free (*text);
  *text = dup_decoded (uri, value, error);
  return *text != NULL;
}

/* The body's line breaks come as %0D%0A (RFC 6068, 5); the composer writes "\n" */
static char *
dup_unix_lines (const char *body)
{
  g_auto(GStrv) lines = g_strsplit (body, "\r\n", -1);

  return g_strjoinv ("\n", lines);
}

/**
 * kith_draft_new_from_mailto:
 * @uri: a mailto: link, such as "mailto:ann@example.com?cc=bob@example.com&subject=Hello"
 *
 * Reads @uri as RFC 6068 has it: the addresses of the path and of each "to" are To, "cc" and
 * "bcc" are Cc and Bcc, "subject" and "body" the subject and text; every part percent-decoded,
 * several addresses separated by commas. Other fields are left out.
 *
 * Returns: (transfer full): a new draft, or %NULL with @error set when @uri is no mailto: link,
 *   has a broken escape or names something that is not an address
 */
KithOutgoing *
kith_draft_new_from_mailto (const char  *uri,
                            GError     **error)
{
  g_auto(Mailto) m = { g_strv_builder_new (), g_strv_builder_new (), g_strv_builder_new (), NULL, NULL };
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) to = NULL;
  g_auto(GStrv) cc = NULL;
  g_auto(GStrv) bcc = NULL;
  g_autofree char *path = NULL;
  const char *query;
  KithOutgoing *draft;

  g_return_val_if_fail (uri != NULL, NULL);

  if (g_ascii_strncasecmp (uri, "mailto:", 7) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a mail link: it should start with “mailto:”"), uri);
      return NULL;
    }

  query = strchr (uri + 7, '?');
  path = query != NULL ? g_strndup (uri + 7, query - (uri + 7)) : g_strdup (uri + 7);
  if (!add_mailto_addresses (m.to, uri, path, error))
    return NULL;

  fields = g_strsplit (query != NULL ? query + 1 : "", "&", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    if (!read_mailto_field (&m, uri, fields[i], error))
      return NULL;

  to = g_strv_builder_end (m.to);
  cc = g_strv_builder_end (m.cc);
  bcc = g_strv_builder_end (m.bcc);

  draft = kith_draft_new_to ((const char * const *) to);
  kith_outgoing_set_cc (draft, (const char * const *) cc);
  kith_outgoing_set_bcc (draft, (const char * const *) bcc);
  kith_outgoing_set_subject (draft, m.subject);
  if (m.body != NULL)
    {
      g_autofree char *body = dup_unix_lines (m.body);

      kith_outgoing_set_body_text (draft, body);
    }

  return draft;
}
