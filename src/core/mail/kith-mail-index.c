/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-mail-index.h"
#include "kith-mail-private.h"
#include "kith-statement.h"
#include "kith-synckey.h"

/* The index of mail: which message is where on the server, who sent and got it, and whether
 * it is still to handle in the Inbox */

/* Inbound mail older than this when it is first seen is history, not something to handle */
#define INBOX_WINDOW_MS (30 * 24 * 3600 * G_GINT64_CONSTANT (1000))

typedef struct {
  char *role;
  char *key;
  char *name;
  gboolean internal;
} Address;

static void
address_free (Address *a)
{
  g_free (a->role);
  g_free (a->key);
  g_free (a->name);
  g_free (a);
}

static const char *
key_domain (const char *key)
{
  const char *at = strrchr (key, '@');

  return at != NULL ? at + 1 : "";
}

/* @text made valid UTF-8 and cut to at most @max_len bytes, at a character boundary */
static char *
truncated_text (const char *text,
                gsize       max_len)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (strlen (valid) > max_len)
    *g_utf8_find_prev_char (valid, valid + max_len + 1) = '\0';

  return g_steal_pointer (&valid);
}

static gboolean
is_internal (const char *key,
             GPtrArray  *own,
             GPtrArray  *domains)
{
  const char *domain = key_domain (key);

  if (g_ptr_array_find_with_equal_func (own, key, g_str_equal, NULL))
    return TRUE;
  for (guint i = 0; i < domains->len; i++)
    {
      const char *d = g_ptr_array_index (domains, i);
      gsize dl = strlen (d), l = strlen (domain);

      /* the domain itself or one of its subdomains */
      if (g_str_equal (domain, d) || (l > dl && g_str_has_suffix (domain, d) && domain[l - dl - 1] == '.'))
        return TRUE;
    }

  return FALSE;
}

/* Adds one address; a malformed one is skipped, not an error: bad mail is captured as well as
 * it can be */
static void
collect_address (const KithMailAddress *address,
                 const char            *role,
                 GPtrArray             *own,
                 GPtrArray             *domains,
                 GPtrArray             *out)
{
  g_autofree char *key = NULL;
  Address *a;

  if (address == NULL || address->value == NULL || !g_utf8_validate (address->value, -1, NULL) ||
      (key = kith_synckey_email (address->value, NULL)) == NULL)
    return;

  a = g_new0 (Address, 1);
  a->role = g_strdup (role);
  a->key = g_steal_pointer (&key);
  a->name = address->name != NULL && *address->name != '\0' ? truncated_text (address->name, 1024) : NULL;
  a->internal = is_internal (a->key, own, domains);
  g_ptr_array_add (out, a);
}

static void
collect_addresses (GPtrArray  *list,
                   const char *role,
                   GPtrArray  *own,
                   GPtrArray  *domains,
                   GPtrArray  *out)
{
  for (guint i = 0; list != NULL && i < list->len && i < 1000; i++)
    collect_address (g_ptr_array_index (list, i), role, own, domains, out);
}

static char *
valid_text (const char *text,
            gsize       max_len)
{
  if (text == NULL || *text == '\0')
    return NULL;

  return truncated_text (text, max_len);
}

/* Another message's Message-ID: the key under which a message is kept when a different message
 * (another sender or date) has its Message-ID already. Made from what tells them apart, so that
 * the same message seen again — in another folder, or from another account — gets the same key. */
static char *
colliding_key (const char *message_id,
               const char *sender,
               gint64      date)
{
  g_autofree char *seed = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, sender != NULL ? sender : "", date);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);

  return g_strdup_printf ("%s#%.12s", message_id, hash);
}

/* The Message-ID a key was made from (colliding_key()) */
char *
kith_mail_message_id_of_key (const char *key)
{
  const char *hash = strrchr (key, '#');

  if (hash != NULL && hash > key && hash[-1] == '>' && strlen (hash + 1) == 12)
    return g_strndup (key, hash - key);

  return g_strdup (key);
}

/* Whether a message logged from another account under @message_id is not this one */
static gboolean
logged_as_other (KithStore   *self,
                 const char  *message_id,
                 const char  *sender,
                 gint64       date,
                 gboolean    *out_other,
                 GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT t.date, (SELECT value FROM timeline_people "
                                          "WHERE item_id = t.id AND role = 'from' LIMIT 1) "
                                          "FROM timeline t WHERE t.message_id = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, message_id);
  *out_other = kith_statement_step (&st, NULL) &&
               (kith_statement_column_int64 (&st, 0) != date ||
                g_strcmp0 (kith_statement_column_text (&st, 1), sender) != 0);

  return TRUE;
}

/* One message's headers, checked, and what they say */
typedef struct {
  const char *account, *folder, *uid, *role;
  char       *message_id;
  char       *other_key;    /* its key should another message have its Message-ID */
  char       *subject;
  char       *thread_id;
  gint64      date;
  GPtrArray  *addresses;    /* Address */
  const char *sender;       /* the first from, in @addresses */
  const char *direction;
  const char *state;        /* open or done for inbound mail in INBOX, else NULL */
} MessageInput;

static void
message_input_clear (MessageInput *in)
{
  g_free (in->message_id);
  g_free (in->other_key);
  g_free (in->subject);
  g_free (in->thread_id);
  g_clear_pointer (&in->addresses, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MessageInput, message_input_clear)

static gboolean
check_headers (const KithMailHeaders  *headers,
               MessageInput           *in,
               GError                **error)
{
  in->account = headers->account;
  in->folder = headers->folder;
  in->uid = headers->uid;
  in->role = headers->role;
  in->message_id = valid_text (headers->message_id, 4000);
  in->subject = valid_text (headers->subject, KITH_MAX_TEXT);
  in->thread_id = valid_text (headers->thread_id, 4096);
  in->date = headers->date;
  in->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) address_free);

  if (in->account == NULL || in->folder == NULL || in->uid == NULL || in->message_id == NULL)
    return kith_invalid (error, _("A message needs an account, a folder, a UID and a Message-ID"));
  if (g_strcmp0 (in->role, "inbox") != 0 && g_strcmp0 (in->role, "sent") != 0 &&
      g_strcmp0 (in->role, "archive") != 0)
    return kith_invalid (error, _("A folder’s role is inbox, sent or archive, not “%s”"),
                         in->role != NULL ? in->role : "");

  return TRUE;
}

/* Direction comes from the account's own addresses: outbound when the message is from one of
 * them, internal when nobody outside the organisation takes part */
static void
classify (KithStore              *self,
          const KithMailHeaders  *headers,
          MessageInput           *in,
          GPtrArray              *own,
          GPtrArray              *domains)
{
  gboolean from_self = FALSE, outsider = FALSE;

  collect_address (headers->from, "from", own, domains, in->addresses);
  collect_addresses (headers->to, "to", own, domains, in->addresses);
  collect_addresses (headers->cc, "cc", own, domains, in->addresses);

  for (guint i = 0; i < in->addresses->len; i++)
    {
      Address *a = g_ptr_array_index (in->addresses, i);

      if (g_str_equal (a->role, "from") && in->sender == NULL)
        in->sender = a->key;
      if (g_str_equal (a->role, "from") && g_ptr_array_find_with_equal_func (own, a->key, g_str_equal, NULL))
        from_self = TRUE;
      if (!a->internal)
        outsider = TRUE;
    }

  in->direction = !outsider ? "internal" : from_self ? "outbound" : "inbound";
  if (g_str_equal (in->role, "inbox") && g_str_equal (in->direction, "inbound"))
    in->state = in->date >= kith_store_now (self) - INBOX_WINDOW_MS ? "open" : "done";
}

/* Seen before: under its Message-ID, with the same sender and date, or under its own key. A
 * different message under the Message-ID sets @out_taken. */
static gboolean
find_indexed (KithStore     *self,
              MessageInput  *in,
              gint64        *out_id,
              gboolean      *out_was_inbox,
              gboolean      *out_taken,
              GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  *out_id = 0;
  if (!kith_statement_prepare (&st, self,
                               "SELECT m.id, m.role, m.message_id = ?3, m.date, "
                               "  (SELECT key FROM mail_addresses WHERE message = m.id AND role = 'from' LIMIT 1) "
                               "FROM mail_messages m WHERE m.account = ?1 AND m.message_id IN (?2, ?3)", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, in->account);
  kith_statement_bind_text (&st, 2, in->message_id);
  kith_statement_bind_text (&st, 3, in->other_key);
  while (*out_id == 0 && kith_statement_step (&st, NULL))
    {
      if (kith_statement_column_int64 (&st, 2) != 0 ||
          (kith_statement_column_int64 (&st, 3) == in->date &&
           g_strcmp0 (kith_statement_column_text (&st, 4), in->sender) == 0))
        {
          *out_id = kith_statement_column_int64 (&st, 0);
          *out_was_inbox = g_strcmp0 (kith_statement_column_text (&st, 1), "inbox") == 0;
        }
      else
        *out_taken = TRUE;
    }

  return TRUE;
}

/* Where message @id is now */
static gboolean
update_place (KithStore     *self,
              gint64         id,
              MessageInput  *in,
              GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "UPDATE mail_messages SET folder = ?2, uid = ?3, role = ?4, "
                               "state = CASE WHEN ?4 <> 'inbox' THEN state "
                               /* moved back to INBOX on the server: to handle again */
                               "WHEN role <> 'inbox' AND state = 'done' AND direction = 'inbound' THEN 'open' "
                               "ELSE coalesce(state, ?5) END "
                               "WHERE id = ?1", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  kith_statement_bind_text (&st, 2, in->folder);
  kith_statement_bind_text (&st, 3, in->uid);
  kith_statement_bind_text (&st, 4, in->role);
  kith_statement_bind_text (&st, 5, in->state);

  return kith_statement_run (&st, error);
}

static gint64
insert_message_row (KithStore     *self,
                    MessageInput  *in,
                    const char    *key,
                    GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO mail_messages (account, message_id, folder, uid, "
                                          "role, date, direction, subject, thread_id, state) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error))
    return 0;
  kith_statement_bind_text (&st, 1, in->account);
  kith_statement_bind_text (&st, 2, key);
  kith_statement_bind_text (&st, 3, in->folder);
  kith_statement_bind_text (&st, 4, in->uid);
  kith_statement_bind_text (&st, 5, in->role);
  kith_statement_bind_int64 (&st, 6, in->date);
  kith_statement_bind_text (&st, 7, in->direction);
  kith_statement_bind_text (&st, 8, in->subject);
  kith_statement_bind_text (&st, 9, in->thread_id != NULL ? in->thread_id : in->message_id);
  kith_statement_bind_text (&st, 10, in->state);
  if (!kith_statement_run (&st, error))
    return 0;

  return kith_statement_last_insert_id (&st);
}

static gboolean
insert_addresses (KithStore  *self,
                  gint64      id,
                  GPtrArray  *addresses,
                  GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT OR IGNORE INTO mail_addresses (message, role, key, "
                                          "name, internal) VALUES (?, ?, ?, ?, ?)", error))
    return FALSE;
  for (guint i = 0; i < addresses->len; i++)
    {
      Address *a = g_ptr_array_index (addresses, i);

      kith_statement_bind_int64 (&st, 1, id);
      kith_statement_bind_text (&st, 2, a->role);
      kith_statement_bind_text (&st, 3, a->key);
      kith_statement_bind_text (&st, 4, a->name);
      kith_statement_bind_int64 (&st, 5, a->internal);
      if (!kith_statement_run (&st, error))
        return FALSE;
    }

  return TRUE;
}

/* A message not indexed before, in one transaction with its addresses */
static gint64
insert_message (KithStore     *self,
                MessageInput  *in,
                const char    *key,
                GError       **error)
{
  gint64 id;

  if (!kith_store_begin (self, error))
    return 0;
  if ((id = insert_message_row (self, in, key, error)) == 0 ||
      !insert_addresses (self, id, in->addresses, error))
    {
      kith_store_rollback (self);
      return 0;
    }

  return kith_store_commit (self, error) ? id : 0;
}

static gint64
index_locked (KithStore              *self,
              const KithMailHeaders  *headers,
              MessageInput           *in,
              gboolean               *out_new,
              GError                **error)
{
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  gboolean taken = FALSE, was_inbox = FALSE;
  gint64 id;

  if (!kith_mail_load_account (self, in->account, &own, &domains, error))
    return 0;
  classify (self, headers, in, own, domains);

  in->date = MAX (in->date, 0);
  in->other_key = colliding_key (in->message_id, in->sender, in->date);
  if (!find_indexed (self, in, &id, &was_inbox, &taken, error))
    return 0;

  /* Where the message is now; a copy outside INBOX does not take an INBOX message's place */
  if (id != 0)
    return (!g_str_equal (in->role, "inbox") && was_inbox) || update_place (self, id, in, error) ? id : 0;

  /* Another account logged a different message under this Message-ID */
  if (!taken && !logged_as_other (self, in->message_id, in->sender, in->date, &taken, error))
    return 0;

  id = insert_message (self, in, taken ? in->other_key : in->message_id, error);
  if (id != 0 && out_new != NULL)
    *out_new = TRUE;

  return id;
}

/**
 * kith_store_mail_index:
 * @headers: the message's headers and place (kith_mail_headers_new())
 * @out_new: (out) (optional): whether the message was not indexed before
 *
 * Indexes one message's headers; seeing the same message again (in another folder, or after
 * the server renumbered its UIDs) updates where it is. The same message has the same
 * Message-ID, sender and date: a different message with a Message-ID already seen (a collision,
 * or a forgery) is another message, kept under a key of its own. Direction comes from the account's own
 * addresses: outbound when it is from one of them, internal when nobody outside the
 * organisation takes part.
 *
 * Returns: the message's row, or 0 with @error set
 */
gint64
kith_store_mail_index (KithStore              *self,
                       const KithMailHeaders  *headers,
                       gboolean               *out_new,
                       GError                **error)
{
  g_auto(MessageInput) in = { NULL, };
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (headers != NULL, 0);

  if (out_new != NULL)
    *out_new = FALSE;

  if (!check_headers (headers, &in, error))
    return 0;

  kith_store_lock (self);
  id = index_locked (self, headers, &in, out_new, error);
  kith_store_unlock (self);

  return id;
}

static GHashTable *
read_known_uids (KithStore   *self,
                 const char  *account,
                 const char  *folder,
                 GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GHashTable *uids;

  if (!kith_statement_prepare (&st, self, "SELECT uid FROM mail_messages WHERE account = ?1 AND folder = ?2 "
                                          "UNION ALL SELECT uid FROM mail_copies "
                                          "WHERE account = ?1 AND folder = ?2", error))
    return NULL;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_text (&st, 2, folder);

  uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (kith_statement_step (&st, NULL))
    g_hash_table_add (uids, kith_statement_dup_text (&st, 0));

  return uids;
}

/**
 * kith_store_mail_known_uids:
 *
 * Returns: (transfer full): the UIDs of @folder already indexed (also as copies of a message
 *   indexed elsewhere), as a set of strings
 */
GHashTable *
kith_store_mail_known_uids (KithStore   *self,
                            const char  *account,
                            const char  *folder,
                            GError     **error)
{
  GHashTable *uids;

  kith_store_lock (self);
  uids = read_known_uids (self, account, folder, error);
  kith_store_unlock (self);

  return uids;
}

static gboolean
insert_copy (KithStore   *self,
             gint64       message,
             const char  *account,
             const char  *folder,
             const char  *uid,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT OR REPLACE INTO mail_copies (account, folder, uid, message) "
                                          "SELECT ?2, ?3, ?4, ?1 WHERE NOT EXISTS "
                                          "(SELECT 1 FROM mail_messages WHERE id = ?1 AND folder = ?3 AND uid = ?4)",
                               error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, message);
  kith_statement_bind_text (&st, 2, account);
  kith_statement_bind_text (&st, 3, folder);
  kith_statement_bind_text (&st, 4, uid);

  return kith_statement_run (&st, error);
}

/**
 * kith_store_mail_note_copy:
 * @message: the row kith_store_mail_index() returned for the message at @folder / @uid
 *
 * Remembers @folder / @uid as a copy of @message when its row names another place (a message
 * in INBOX and in All Mail, or in two folders), so that the next sync does not read it again.
 */
gboolean
kith_store_mail_note_copy (KithStore   *self,
                           gint64       message,
                           const char  *account,
                           const char  *folder,
                           const char  *uid,
                           GError     **error)
{
  gboolean ok;

  kith_store_lock (self);
  ok = insert_copy (self, message, account, folder, uid, error);
  kith_store_unlock (self);

  return ok;
}

/* The copies in @folder whose UIDs are not in @present_uids */
static GPtrArray *
read_gone_copies (KithStore   *self,
                  const char  *account,
                  const char  *folder,
                  GHashTable  *present_uids,
                  GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *gone;

  if (!kith_statement_prepare (&st, self, "SELECT uid FROM mail_copies WHERE account = ? AND folder = ?",
                               error))
    return NULL;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_text (&st, 2, folder);

  gone = g_ptr_array_new_with_free_func (g_free);
  while (kith_statement_step (&st, NULL))
    if (!g_hash_table_contains (present_uids, kith_statement_column_text (&st, 0)))
      g_ptr_array_add (gone, kith_statement_dup_text (&st, 0));

  return gone;
}

static gboolean
delete_copy (KithStore   *self,
             const char  *account,
             const char  *folder,
             const char  *uid,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "DELETE FROM mail_copies "
                                          "WHERE account = ? AND folder = ? AND uid = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_text (&st, 2, folder);
  kith_statement_bind_text (&st, 3, uid);

  return kith_statement_run (&st, error);
}

/**
 * kith_store_mail_prune_copies:
 * @present_uids: the UIDs the server still has in @folder
 *
 * Forgets the copies in @folder that the server no longer has there.
 */
gboolean
kith_store_mail_prune_copies (KithStore   *self,
                              const char  *account,
                              const char  *folder,
                              GHashTable  *present_uids,
                              GError     **error)
{
  g_autoptr(GPtrArray) gone = NULL;
  gboolean ok;

  kith_store_lock (self);
  gone = read_gone_copies (self, account, folder, present_uids, error);
  ok = gone != NULL;
  for (guint i = 0; ok && i < gone->len; i++)
    ok = delete_copy (self, account, folder, gone->pdata[i], error);
  kith_store_unlock (self);

  return ok;
}

/* The INBOX messages of @folder whose UIDs are not in @present_uids; how many of them are open
 * in @out_open */
static GArray *
read_gone_messages (KithStore   *self,
                    const char  *account,
                    const char  *folder,
                    GHashTable  *present_uids,
                    guint       *out_open,
                    GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GArray *gone;

  *out_open = 0;
  if (!kith_statement_prepare (&st, self, "SELECT id, uid, state FROM mail_messages "
                                          "WHERE account = ? AND folder = ? AND role = 'inbox'", error))
    return NULL;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_text (&st, 2, folder);

  gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (kith_statement_step (&st, NULL))
    if (!g_hash_table_contains (present_uids, kith_statement_column_text (&st, 1)))
      {
        gint64 id = kith_statement_column_int64 (&st, 0);

        g_array_append_val (gone, id);
        if (g_strcmp0 (kith_statement_column_text (&st, 2), "open") == 0)
          (*out_open)++;
      }

  return gone;
}

static gboolean
archive_gone (KithStore  *self,
              GArray     *gone,
              GError    **error)
{
  for (guint i = 0; i < gone->len; i++)
    {
      gint64 id = g_array_index (gone, gint64, i);

      /* Done, and no longer in INBOX: should it come back there, it is to handle again.
       * Archived on the server: nothing left to retry. */
      if (!kith_records_run_for_id (self, "UPDATE mail_messages SET state = CASE WHEN state IS NOT NULL "
                                          "THEN 'done' END, role = 'archive' WHERE id = ?", id, error) ||
          !kith_records_run_for_id (self, "DELETE FROM mail_archive_queue WHERE message = ?", id, error))
        return FALSE;
    }

  return TRUE;
}

static guint
mark_gone_locked (KithStore   *self,
                  const char  *account,
                  const char  *folder,
                  GHashTable  *present_uids,
                  GError     **error)
{
  g_autoptr(GArray) gone = NULL;
  guint n;

  gone = read_gone_messages (self, account, folder, present_uids, &n, error);
  if (gone == NULL)
    return (guint) -1;
  if (gone->len == 0)
    return n;

  if (!kith_store_begin (self, error))
    return (guint) -1;
  if (!archive_gone (self, gone, error))
    {
      kith_store_rollback (self);
      return (guint) -1;
    }
  if (n > 0)
    kith_store_mark_changed (self, KITH_RECORD_PERSON);

  return kith_store_commit (self, error) ? n : (guint) -1;
}

/**
 * kith_store_mail_mark_gone:
 * @present_uids: the UIDs the server still has in @folder
 *
 * Inbox messages no longer in INBOX on the server were handled elsewhere (archived, moved,
 * deleted): they become Done.
 *
 * Returns: how many became Done, or -1 (as guint) with @error set
 */
guint
kith_store_mail_mark_gone (KithStore   *self,
                           const char  *account,
                           const char  *folder,
                           GHashTable  *present_uids,
                           GError     **error)
{
  guint n;

  kith_store_lock (self);
  n = mark_gone_locked (self, account, folder, present_uids, error);
  kith_store_unlock (self);

  return n;
}

static gint64
read_last_row (KithStore  *self,
               const char *account)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT max(id) FROM mail_messages WHERE account = ?", NULL))
    return 0;
  kith_statement_bind_text (&st, 1, account);

  return kith_statement_get_int64 (&st, NULL);
}

/* The newest message indexed for @account, or 0: what a sync indexes after it is new */
gint64
kith_store_mail_last_row (KithStore  *self,
                          const char *account)
{
  gint64 last;

  kith_store_lock (self);
  last = read_last_row (self, account);
  kith_store_unlock (self);

  return last;
}

static gboolean
read_folder_state (KithStore           *self,
                   const char          *account,
                   const char          *folder,
                   KithMailFolderState *out_state,
                   GError             **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GError) local_error = NULL;

  *out_state = (KithMailFolderState) { 0, };
  if (!kith_statement_prepare (&st, self, "SELECT uidvalidity, messages, last_uid FROM mail_folders "
                                          "WHERE account = ? AND folder = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_text (&st, 2, folder);
  if (kith_statement_step (&st, &local_error))
    {
      out_state->uidvalidity = (guint32) kith_statement_column_int64 (&st, 0);
      out_state->messages = (guint32) kith_statement_column_int64 (&st, 1);
      out_state->last_uid = (guint32) kith_statement_column_int64 (&st, 2);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * kith_store_mail_folder_state:
 * @out_state: (out): what @folder held when kith_store_mail_set_folder_state() was last
 *   called for it; all 0 when it never was
 *
 * Returns: %FALSE with @error set when it could not be read
 */
gboolean
kith_store_mail_folder_state (KithStore            *self,
                              const char           *account,
                              const char           *folder,
                              KithMailFolderState  *out_state,
                              GError              **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  ok = read_folder_state (self, account, folder, out_state, error);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_mail_set_folder_state:
 *
 * Keeps what @folder held when capture had read all of it: every message in it is indexed
 * and every message gone from it noted.
 */
gboolean
kith_store_mail_set_folder_state (KithStore                  *self,
                                  const char                 *account,
                                  const char                 *folder,
                                  const KithMailFolderState  *state,
                                  GError                    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  ok = kith_statement_prepare (&st, self, "INSERT OR REPLACE INTO mail_folders "
                                          "(account, folder, uidvalidity, messages, last_uid) "
                                          "VALUES (?, ?, ?, ?, ?)", error);
  if (ok)
    {
      kith_statement_bind_text (&st, 1, account);
      kith_statement_bind_text (&st, 2, folder);
      kith_statement_bind_int64 (&st, 3, state->uidvalidity);
      kith_statement_bind_int64 (&st, 4, state->messages);
      kith_statement_bind_int64 (&st, 5, state->last_uid);
      ok = kith_statement_run (&st, error);
    }
  kith_store_unlock (self);

  return ok;
}

/* The first message of a thread names it: the root of References, else the message replied
 * to, else the message itself */
char *
kith_mail_thread_id (const char *message_id,
                     const char *in_reply_to,
                     const char *references)
{
  const char *headers[] = { references, in_reply_to };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      const char *start = headers[i] != NULL ? strchr (headers[i], '<') : NULL;
      const char *end = start != NULL ? strchr (start, '>') : NULL;

      if (end != NULL)
        return g_strndup (start, end - start + 1);
    }

  return g_strdup (message_id);
}

/**
 * kith_mail_address_new:
 * @name: (nullable): its display name
 */
KithMailAddress *
kith_mail_address_new (const char *value,
                       const char *name)
{
  KithMailAddress *address = g_new0 (KithMailAddress, 1);

  address->value = g_strdup (value);
  address->name = g_strdup (name);

  return address;
}

void
kith_mail_address_free (KithMailAddress *address)
{
  if (address == NULL)
    return;

  g_free (address->value);
  g_free (address->name);
  g_free (address);
}

/**
 * kith_mail_headers_new:
 *
 * Where a message is: the rest of its headers are set on the struct (the strings owned by it,
 * addresses added to @to and @cc with kith_mail_address_new()).
 */
KithMailHeaders *
kith_mail_headers_new (const char *account,
                       const char *folder,
                       const char *uid,
                       const char *role)
{
  KithMailHeaders *headers = g_new0 (KithMailHeaders, 1);

  headers->account = g_strdup (account);
  headers->folder = g_strdup (folder);
  headers->uid = g_strdup (uid);
  headers->role = g_strdup (role);
  headers->to = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_mail_address_free);
  headers->cc = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_mail_address_free);

  return headers;
}

void
kith_mail_headers_free (KithMailHeaders *headers)
{
  if (headers == NULL)
    return;

  g_free (headers->account);
  g_free (headers->folder);
  g_free (headers->uid);
  g_free (headers->role);
  g_free (headers->message_id);
  g_free (headers->thread_id);
  g_free (headers->subject);
  kith_mail_address_free (headers->from);
  g_clear_pointer (&headers->to, g_ptr_array_unref);
  g_clear_pointer (&headers->cc, g_ptr_array_unref);
  g_free (headers);
}
