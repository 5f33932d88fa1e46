/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-mail-index.h"
#include "kith-mail-log.h"
#include "kith-mail-private.h"
#include "kith-message.h"
#include "kith-statement.h"
#include "kith-timeline-input.h"
#include "kith-timeline-private.h"

/* Mail on the timeline: the people it makes contacts of, and the messages it logs */

/* "Ada Lovelace" from a display name, or "ada.lovelace@x" → "Ada Lovelace" */
static char *
name_for (const char *name,
          const char *key)
{
  g_autofree char *local = NULL;
  g_auto(GStrv) parts = NULL;
  GString *out;

  if (name != NULL && *name != '\0' && strchr (name, '@') == NULL)
    return g_strstrip (g_strdup (name));

  local = g_strndup (key, strcspn (key, "@+"));
  parts = g_strsplit_set (local, "._-", -1);
  out = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, g_unichar_totitle (g_utf8_get_char (parts[i])));
      g_string_append (out, g_utf8_next_char (parts[i]));
    }

  return out->len > 0 ? g_string_free (out, FALSE) : (g_string_free (out, TRUE), g_strdup (key));
}

/* The outside addresses the user wrote to and that wrote back, in messages after row @since,
 * that no record has; each with the name to give it */
static gboolean
read_new_contacts (KithStore   *self,
                   const char  *account,
                   gint64       since,
                   GPtrArray   *keys,
                   GPtrArray   *names,
                   GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "WITH candidates AS ("
                               "  SELECT DISTINCT a.key FROM mail_messages m JOIN mail_addresses a ON a.message = m.id "
                               "  WHERE m.account = ?1 AND m.id > ?2 AND a.internal = 0) "
                               "SELECT c.key, (SELECT max(f.name) FROM mail_addresses f WHERE f.key = c.key AND f.role = 'from') "
                               "FROM candidates c "
                               "WHERE EXISTS (SELECT 1 FROM mail_addresses i JOIN mail_messages mi ON mi.id = i.message "
                               "              WHERE i.key = c.key AND i.role = 'from' AND mi.account = ?1 "
                               "                AND mi.direction = 'inbound') "
                               "  AND EXISTS (SELECT 1 FROM mail_addresses o JOIN mail_messages mo ON mo.id = o.message "
                               "              WHERE o.key = c.key AND o.role IN ('to','cc') AND mo.account = ?1 "
                               "                AND mo.direction = 'outbound') "
                               "  AND NOT EXISTS (SELECT 1 FROM channels ch WHERE ch.type = 'email' AND ch.key = c.key)",
                               error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_int64 (&st, 2, since);
  while (kith_statement_step (&st, NULL))
    {
      g_ptr_array_add (keys, kith_statement_dup_text (&st, 0));
      g_ptr_array_add (names, name_for (kith_statement_column_text (&st, 1),
                                        kith_statement_column_text (&st, 0)));
    }

  return TRUE;
}

/* A person with one email; a failure is only logged, so that one bad address does not stop
 * the others */
static gboolean
create_contact (KithStore  *self,
                const char *key,
                const char *name)
{
  g_autoptr(JsonObject) person = json_object_new ();
  JsonArray *emails = json_array_new ();
  JsonObject *email = json_object_new ();
  g_autoptr(GError) local_error = NULL;

  json_object_set_string_member (email, "value", key);
  json_array_add_object_element (emails, email);
  json_object_set_string_member (person, "name", name);
  json_object_set_array_member (person, "emails", emails);
  json_object_set_string_member (person, "leadSource", "Email");

  if (kith_store_create_record (self, KITH_RECORD_PERSON, person, NULL, &local_error) != 0)
    return TRUE;

  g_warning ("Could not create a person for %s: %s", key, local_error->message);
  return FALSE;
}

static guint
create_contacts_locked (KithStore   *self,
                        const char  *account,
                        gint64       since,
                        GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  if (!read_new_contacts (self, account, since, keys, names, error))
    return (guint) -1;
  if (keys->len == 0)
    return 0;

  if (!kith_store_begin (self, error))
    return (guint) -1;
  for (guint i = 0; i < keys->len; i++)
    if (create_contact (self, g_ptr_array_index (keys, i), g_ptr_array_index (names, i)))
      n++;

  return kith_store_commit (self, error) ? n : (guint) -1;
}

/**
 * kith_store_mail_create_contacts:
 * @since: only addresses in messages indexed after this row can be new contacts (0: all)
 *
 * The two-way rule: creates a person for every outside address the user wrote to and that
 * wrote back, unless the account has automatic creation off or a record has the address.
 *
 * Returns: how many people were created, or -1 (as guint) with @error set
 */
guint
kith_store_mail_create_contacts (KithStore   *self,
                                 const char  *account,
                                 gint64       since,
                                 GError     **error)
{
  g_autoptr(KithMailAccount) settings = NULL;
  guint n;

  settings = kith_store_mail_account_get (self, account, error);
  if (settings == NULL)
    return (guint) -1;
  if (!kith_mail_account_get_auto_create (settings))
    return 0;

  kith_store_lock (self);
  n = create_contacts_locked (self, account, since, error);
  kith_store_unlock (self);

  return n;
}

void
kith_mail_unlogged_free (KithMailUnlogged *m)
{
  g_free (m->folder);
  g_free (m->uid);
  g_free (m->role);
  g_free (m->direction);
  g_free (m->message_id);
  g_free (m->thread_id);
  g_free (m);
}

static KithMailUnlogged *
read_unlogged (KithStatement *st)
{
  KithMailUnlogged *m = g_new0 (KithMailUnlogged, 1);

  m->id = kith_statement_column_int64 (st, 0);
  m->folder = kith_statement_dup_text (st, 1);
  m->uid = kith_statement_dup_text (st, 2);
  m->role = kith_statement_dup_text (st, 3);
  m->direction = kith_statement_dup_text (st, 4);
  m->message_id = kith_statement_dup_text (st, 5);
  m->thread_id = kith_statement_dup_text (st, 6);

  return m;
}

static GPtrArray *
read_unlogged_page (KithStore   *self,
                    const char  *account,
                    gint64       after,
                    guint        limit,
                    GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *out;

  if (!kith_statement_prepare (&st, self,
                               "SELECT m.id, m.folder, m.uid, m.role, m.direction, m.message_id, m.thread_id "
                               "FROM mail_messages m "
                               "WHERE m.account = ?1 AND m.item_id IS NULL AND m.id > ?3 AND m.direction != 'internal' "
                               "  AND EXISTS (SELECT 1 FROM mail_addresses a JOIN channels c "
                               "              ON c.type = 'email' AND c.key = a.key "
                               "              WHERE a.message = m.id AND a.internal = 0) "
                               "ORDER BY m.id LIMIT ?2",
                               error))
    return NULL;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_int64 (&st, 2, limit > 0 ? limit : G_MAXINT);
  kith_statement_bind_int64 (&st, 3, after);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_mail_unlogged_free);
  while (kith_statement_step (&st, NULL))
    g_ptr_array_add (out, read_unlogged (&st));

  return out;
}

/**
 * kith_store_mail_unlogged:
 * @after: the last row of the previous page, or 0
 * @limit: at most this many, 0 for all
 *
 * Messages indexed but not on the timeline that now should be: someone outside the
 * organisation who takes part has a record. In the order they were indexed — folder by folder,
 * by UID — which is the order a server answers fastest.
 *
 * Returns: (transfer full) (element-type KithMailUnlogged): the messages; %NULL with @error set
 */
GPtrArray *
kith_store_mail_unlogged (KithStore   *self,
                          const char  *account,
                          gint64       after,
                          guint        limit,
                          GError     **error)
{
  GPtrArray *out;

  kith_store_lock (self);
  out = read_unlogged_page (self, account, after, limit, error);
  kith_store_unlock (self);

  return out;
}

KithMailText *
kith_mail_text_new (const char *body,
                    gboolean    html)
{
  KithMailText *text = g_new0 (KithMailText, 1);

  text->body = g_strdup (body);
  text->html = html;

  return text;
}

void
kith_mail_text_free (KithMailText *text)
{
  if (text == NULL)
    return;

  g_free (text->body);
  g_clear_pointer (&text->reply_to, g_ptr_array_unref);
  g_free (text);
}

/* What the index knows of @message (date, subject, thread, direction) into @in */
static gboolean
read_message (KithStore          *self,
              gint64              message,
              KithTimelineInput  *in,
              GError            **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT account, message_id, date, direction, subject, thread_id "
                                          "FROM mail_messages WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, message);
  if (!kith_statement_step (&st, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("The message %" G_GINT64_FORMAT " is not indexed"), message);
      return FALSE;
    }

  in->style = g_strdup ("email");
  in->account = kith_statement_dup_text (&st, 0);
  in->message_id = kith_statement_dup_text (&st, 1);
  in->has_date = TRUE;
  in->date = kith_statement_column_int64 (&st, 2);
  in->direction = g_strdup (g_strcmp0 (kith_statement_column_text (&st, 3), "outbound") == 0
                            ? "outbound" : "inbound");
  in->subject = kith_statement_dup_text (&st, 4);
  in->thread_id = kith_statement_dup_text (&st, 5);

  return TRUE;
}

/* The sender and recipients of @message into @in; coworkers' and the user's addresses into
 * @internal */
static gboolean
read_message_people (KithStore          *self,
                     gint64              message,
                     KithTimelineInput  *in,
                     GHashTable         *internal,
                     GError            **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT role, key, name, internal FROM mail_addresses "
                                          "WHERE message = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, message);
  in->recipients = kith_party_input_list_new ();
  while (kith_statement_step (&st, NULL))
    {
      const char *role = kith_statement_column_text (&st, 0);

      if (kith_statement_column_int64 (&st, 3) != 0)
        g_hash_table_add (internal, kith_statement_dup_text (&st, 1));

      if (g_str_equal (role, "from"))
        {
          g_free (in->from);
          g_free (in->from_name);
          in->from = kith_statement_dup_text (&st, 1);
          in->from_name = kith_statement_dup_text (&st, 2);
        }
      else if (in->recipients->len < 1000)   /* what a timeline item takes */
        g_ptr_array_add (in->recipients,
                         kith_party_input_new (kith_statement_column_text (&st, 1),
                                               kith_statement_column_text (&st, 2), role));
    }

  return TRUE;
}

/* @addresses (of KithMailAddress) as the JSON list of "Name <address>" the timeline keeps */
static char *
dup_addresses_json (GPtrArray *addresses)
{
  g_autoptr(JsonArray) array = json_array_sized_new (addresses->len);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < addresses->len && i < 100; i++)
    {
      KithMailAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *formatted = kith_message_format_address (address->name, address->value);

      json_array_add_string_element (array, formatted);
    }
  json_node_set_array (node, array);

  return json_to_string (node, FALSE);
}

/* The timeline item for an indexed message: what the index knows (date, subject, thread,
 * direction, sender and recipients) with the text only the body gives */
static gboolean
complete_item (KithStore           *self,
               gint64               message,
               const KithMailText  *text,
               KithTimelineInput   *in,
               GHashTable          *internal,
               GError             **error)
{
  if (!read_message (self, message, in, error) ||
      !read_message_people (self, message, in, internal, error))
    return FALSE;

  if (text != NULL && text->body != NULL)
    {
      in->body = g_strdup (text->body);
      in->body_type = text->html ? g_strdup ("html") : NULL;
    }
  if (text != NULL && text->reply_to != NULL && text->reply_to->len > 0)
    in->reply_to = dup_addresses_json (text->reply_to);

  return TRUE;
}

/* Inside the transaction: the item, and the message's note that it is on the timeline */
static gint64
log_message (KithStore           *self,
             gint64               message,
             const KithMailText  *text,
             GError             **error)
{
  g_autoptr(GHashTable) internal = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(KithTimelineInput) in = { NULL, };
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 item_id;

  /* Coworkers and the user are named on the item, never linked to a record by it */
  if (!complete_item (self, message, text, &in, internal, error) ||
      (item_id = kith_timeline_add_input (self, &in, internal, NULL, error)) == 0 ||
      !kith_statement_prepare (&st, self, "UPDATE mail_messages SET item_id = ? WHERE id = ?", error))
    return 0;
  kith_statement_bind_int64 (&st, 1, item_id);
  kith_statement_bind_int64 (&st, 2, message);
  if (!kith_statement_run (&st, error))
    return 0;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return item_id;
}

/**
 * kith_store_mail_log:
 * @message: a row from kith_store_mail_unlogged()
 * @text: (nullable): what only the message's body gives; %NULL (or no body) when the message
 *   could not be fetched, and it is logged from its headers
 *
 * Puts a message on the timeline and remembers that it is there, in one transaction. A message
 * another account already logged (the same Message-ID) is not logged twice. Coworkers and the
 * user's own addresses are named on it but never linked: no record of theirs gets it.
 *
 * Returns: the timeline item, or 0 with @error set
 */
gint64
kith_store_mail_log (KithStore           *self,
                     gint64               message,
                     const KithMailText  *text,
                     GError             **error)
{
  gint64 item_id = 0;

  kith_store_lock (self);
  if (kith_store_begin (self, error))
    {
      item_id = log_message (self, message, text, error);
      if (item_id == 0)
        kith_store_rollback (self);
      else if (!kith_store_commit (self, error))
        item_id = 0;
    }
  kith_store_unlock (self);

  return item_id;
}
