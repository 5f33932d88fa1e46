/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-mail.h"
#include "kith-store-private.h"
#include "kith-synckey.h"

/* Inbound mail older than this when it is first seen is history, not something to handle */
#define INBOX_WINDOW_MS (30 * 24 * 3600 * G_GINT64_CONSTANT (1000))
/* A message Done in Kith that the server failed to archive this often is shown on its account */
#define ARCHIVE_ATTEMPTS_SHOWN 2
/* A message just marked Done can still be brought back (Undo): a sync leaves it alone this long */
#define ARCHIVE_UNDO_MS (60 * G_GINT64_CONSTANT (1000))

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
set_column_text (JsonObject   *obj,
                 const char   *member,
                 sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    json_object_set_string_member (obj, member, column_text (stmt, column));
}

/* A JSON list of strings kept in a TEXT column */
static GPtrArray *
parse_string_list (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);
          if (s != NULL)
            g_ptr_array_add (list, g_strdup (s));
        }
    }

  return list;
}

static JsonArray *
string_list_to_json (GPtrArray *list)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < list->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (list, i));

  return array;
}

/* The last account's own addresses and domains, kept between messages: a sync indexes
 * thousands of messages of one account. Forgotten when any account's settings change. */
typedef struct {
  char      *account;
  GPtrArray *own;
  GPtrArray *domains;
} AccountCache;

static void
account_cache_free (AccountCache *cache)
{
  g_free (cache->account);
  g_ptr_array_unref (cache->own);
  g_ptr_array_unref (cache->domains);
  g_free (cache);
}

static void
forget_account (KithStore *self)
{
  g_object_set_data (G_OBJECT (self), "kith-mail-account-cache", NULL);
}

JsonObject *
kith_store_mail_account_get (KithStore   *self,
                             const char  *account,
                             GError     **error)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  json_object_set_string_member (settings, "uid", account);
  json_object_set_boolean_member (settings, "capture", TRUE);
  json_object_set_boolean_member (settings, "autoCreate", TRUE);
  json_object_set_boolean_member (settings, "archive", TRUE);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT capture, auto_create, addresses, domains, last_sync, last_error, name, "
                                   "archive, folders FROM mail_accounts WHERE uid = ?", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_object_set_boolean_member (settings, "capture", sqlite3_column_int (stmt, 0) != 0);
      json_object_set_boolean_member (settings, "autoCreate", sqlite3_column_int (stmt, 1) != 0);
      addresses = parse_string_list (column_text (stmt, 2));
      domains = parse_string_list (column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        json_object_set_int_member (settings, "lastSync", sqlite3_column_int64 (stmt, 4));
      set_column_text (settings, "lastError", stmt, 5);
      set_column_text (settings, "name", stmt, 6);
      json_object_set_boolean_member (settings, "archive", sqlite3_column_int (stmt, 7) != 0);
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        {
          g_autoptr(GPtrArray) folders = parse_string_list (column_text (stmt, 8));
          json_object_set_array_member (settings, "folders", string_list_to_json (folders));
        }
    }
  sqlite3_reset (stmt);

  /* Done in Kith, and the server keeps refusing to archive it: the account says so */
  stmt = kith_store_prepare (self, "SELECT count(*), max(last_error) FROM mail_archive_queue "
                                   "WHERE account = ? AND attempts >= ?", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, ARCHIVE_ATTEMPTS_SHOWN);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    {
      json_object_set_int_member (settings, "archiveFailures", sqlite3_column_int (stmt, 0));
      set_column_text (settings, "archiveError", stmt, 1);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  json_object_set_array_member (settings, "addresses",
                                addresses != NULL ? string_list_to_json (addresses) : json_array_new ());
  json_object_set_array_member (settings, "domains",
                                domains != NULL ? string_list_to_json (domains) : json_array_new ());

  return g_steal_pointer (&settings);
}

/* Reads a list of addresses or domains from @settings, normalised; NULL when absent */
static gboolean
read_list (JsonObject  *settings,
           const char  *member,
           gboolean     domains,
           char       **out_json,
           GError     **error)
{
  JsonNode *node = json_object_get_member (settings, member);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) out = NULL;

  *out_json = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, domains ? _("The organisation domains must be a list")
                                        : _("The account’s addresses must be a list"));

  list = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (node), i);
      const char *value = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING
                          ? json_node_get_string (e) : NULL;
      char *key;

      if (value == NULL)
        return kith_invalid (error, domains ? _("Each organisation domain must be text")
                                            : _("Each address must be text"));
      key = domains ? kith_synckey_domain (value, error) : kith_synckey_email (value, error);
      if (key == NULL)
        return FALSE;
      if (!g_ptr_array_find_with_equal_func (list, key, g_str_equal, NULL))
        g_ptr_array_add (list, key);
      else
        g_free (key);
    }

  array = string_list_to_json (list);
  out = json_node_init_array (json_node_alloc (), array);
  *out_json = json_to_string (out, FALSE);

  return TRUE;
}

static gboolean
read_flag (JsonObject  *settings,
           const char  *member,
           int         *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (settings, member);

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return kith_invalid (error, _("“%s” must be true or false"), member);
  *out = json_node_get_boolean (node) ? 1 : 0;

  return TRUE;
}

/* The folders to read, as a JSON list of names; NULL (every folder but Junk, Trash and Drafts)
 * when absent, null or empty */
static gboolean
read_folders (JsonObject  *settings,
              char       **out_json,
              GError     **error)
{
  JsonNode *node = json_object_get_member (settings, "folders");
  g_autoptr(JsonArray) clean = json_array_new ();
  g_autoptr(JsonNode) out = NULL;

  *out_json = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, _("The folders to read must be a list"));

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (node), i);
      const char *name = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING
                         ? json_node_get_string (e) : NULL;

      if (name == NULL || !g_utf8_validate (name, -1, NULL))
        return kith_invalid (error, _("Each folder to read must be a name"));
      if (*name != '\0')
        json_array_add_string_element (clean, name);
    }
  if (json_array_get_length (clean) == 0)
    return TRUE;

  out = json_node_init_array (json_node_alloc (), clean);
  *out_json = json_to_string (out, FALSE);

  return TRUE;
}

/**
 * kith_store_mail_account_set:
 * @settings: any of `capture`, `autoCreate` (booleans), `addresses` (the account's own
 *   addresses and aliases), `domains` (the organisation's domains, whose people are coworkers),
 *   `name` (the name of the account's identity: the user's), `archive` (whether Done archives
 *   the message on the server), `folders` (the folders to read; null for every folder but Junk,
 *   Trash and Drafts)
 *
 * Changes an account's capture settings; members not given keep their value. A bad address or
 * domain is an error naming it, and nothing is changed.
 */
gboolean
kith_store_mail_account_set (KithStore   *self,
                             const char  *account,
                             JsonObject  *settings,
                             GError     **error)
{
  static const char *known[] = { "capture", "autoCreate", "addresses", "domains", "name", "uid", "lastSync", "lastError",
                                 "archive", "folders", "archiveFailures", "archiveError", NULL };
  const char *name = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *domains = NULL;
  g_autofree char *folders = NULL;
  int capture, auto_create, archive;
  gboolean set_folders = json_object_has_member (settings, "folders");
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  {
    g_autoptr(GList) members = json_object_get_members (settings);

    for (GList *l = members; l != NULL; l = l->next)
      if (!g_strv_contains (known, l->data))
        return kith_invalid (error, _("Unknown account setting “%s”"), (const char *) l->data);
  }

  if (json_object_has_member (settings, "name"))
    {
      JsonNode *node = json_object_get_member (settings, "name");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return kith_invalid (error, _("The account’s name must be text"));
      name = json_node_get_string (node);
    }

  if (!kith_validate_text (_("account"), account, 1024, error) ||
      !kith_validate_text (_("name"), name, 1024, error) ||
      !read_flag (settings, "capture", &capture, error) ||
      !read_flag (settings, "autoCreate", &auto_create, error) ||
      !read_list (settings, "addresses", FALSE, &addresses, error) ||
      !read_list (settings, "domains", TRUE, &domains, error) ||
      !read_flag (settings, "archive", &archive, error) ||
      !read_folders (settings, &folders, error))
    return FALSE;

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "INSERT INTO mail_accounts (uid, capture, auto_create, addresses, domains, name, archive, folders) "
                             "VALUES (?1, coalesce(?2, 1), coalesce(?3, 1), coalesce(?4, '[]'), coalesce(?5, '[]'), ?6, "
                             "coalesce(?7, 1), ?9) "
                             "ON CONFLICT (uid) DO UPDATE SET capture = coalesce(?2, capture), "
                             "auto_create = coalesce(?3, auto_create), addresses = coalesce(?4, addresses), "
                             "domains = coalesce(?5, domains), name = coalesce(?6, name), archive = coalesce(?7, archive), "
                             "folders = CASE WHEN ?8 THEN ?9 ELSE folders END",
                             error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
      if (capture >= 0)
        sqlite3_bind_int (stmt, 2, capture);
      if (auto_create >= 0)
        sqlite3_bind_int (stmt, 3, auto_create);
      kith_store_bind_text (stmt, 4, addresses);
      kith_store_bind_text (stmt, 5, domains);
      kith_store_bind_text (stmt, 6, name != NULL && *name != '\0' ? name : NULL);
      if (archive >= 0)
        sqlite3_bind_int (stmt, 7, archive);
      sqlite3_bind_int (stmt, 8, set_folders);
      kith_store_bind_text (stmt, 9, folders);
      ok = kith_store_step_done (self, stmt, error);
    }
  forget_account (self);
  kith_store_unlock (self);

  return ok;
}

/* Records the end of a sync: its time, and its error or none */
gboolean
kith_store_mail_account_record_sync (KithStore  *self,
                                     const char *account,
                                     const char *error_message)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "INSERT INTO mail_accounts (uid, last_sync, last_error) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT (uid) DO UPDATE SET last_sync = ?2, last_error = ?3", NULL);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, kith_store_now (self));
      kith_store_bind_text (stmt, 3, error_message);
      ok = kith_store_step_done (self, stmt, NULL);
    }
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_dup_me:
 * @out_name: (out) (optional) (transfer full) (nullable): the user's name, or %NULL when unknown
 *
 * Who the user is, for `assigned:me`: the addresses of the `me` setting (a comma-separated
 * list, which may add to or stand in for the mail accounts'), then every mail account's own
 * addresses — its identity's address and aliases; the name of the `me-name` setting, else the
 * first mail identity's.
 *
 * Returns: (transfer full): the user's addresses, normalised; empty when Kith does not know them
 */
GStrv
kith_store_dup_me (KithStore  *self,
                   char      **out_name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *set = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) parts = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  set = kith_store_dup_setting (self, "me");
  name = kith_store_dup_setting (self, "me-name");
  parts = g_strsplit (set != NULL ? set : "", ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *key = kith_synckey_email (g_strstrip (parts[i]), NULL);

      if (key != NULL)
        g_ptr_array_add (seen, key);
    }

  stmt = kith_store_prepare (self, "SELECT addresses, name FROM mail_accounts ORDER BY uid", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) own = parse_string_list (column_text (stmt, 0));

      for (guint i = 0; i < own->len; i++)
        g_ptr_array_add (seen, g_strdup (g_ptr_array_index (own, i)));
      if ((name == NULL || *name == '\0') && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          g_free (name);
          name = g_strdup (column_text (stmt, 1));
        }
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  kith_store_unlock (self);

  /* Each once, in order */
  for (guint i = 0; i < seen->len; i++)
    {
      guint first = 0;

      g_ptr_array_find_with_equal_func (seen, g_ptr_array_index (seen, i), g_str_equal, &first);
      if (first == i)
        g_strv_builder_add (builder, g_ptr_array_index (seen, i));
    }

  if (out_name != NULL)
    *out_name = name != NULL && *name != '\0' ? g_steal_pointer (&name) : NULL;

  return g_strv_builder_end (builder);
}

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

/* Adds the addresses of one header; malformed ones are skipped, not errors: bad mail is
 * captured as well as it can be */
static void
collect_addresses (JsonObject *message,
                   const char *member,
                   GPtrArray  *own,
                   GPtrArray  *domains,
                   GPtrArray  *out)
{
  JsonNode *node = json_object_get_member (message, member);
  g_autoptr(JsonArray) single = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      single = json_array_new ();
      json_array_add_object_element (single, json_object_ref (json_node_get_object (node)));
      array = single;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    array = json_node_get_array (node);
  else
    return;

  for (guint i = 0; i < json_array_get_length (array) && i < 1000; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      const char *value = o != NULL ? json_object_get_string_member_with_default (o, "value", NULL) : NULL;
      const char *name = o != NULL ? json_object_get_string_member_with_default (o, "name", NULL) : NULL;
      g_autofree char *key = NULL;
      Address *a;

      if (value == NULL || !g_utf8_validate (value, -1, NULL) || (key = kith_synckey_email (value, NULL)) == NULL)
        continue;

      a = g_new0 (Address, 1);
      a->role = g_strdup (member);
      a->key = g_steal_pointer (&key);
      a->name = name != NULL && *name != '\0' ? truncated_text (name, 1024) : NULL;
      a->internal = is_internal (a->key, own, domains);
      g_ptr_array_add (out, a);
    }
}

static gboolean
load_account (KithStore  *self,
              const char *account,
              GPtrArray **out_own,
              GPtrArray **out_domains,
              GError    **error)
{
  AccountCache *cache = g_object_get_data (G_OBJECT (self), "kith-mail-account-cache");
  g_autoptr(JsonObject) settings = NULL;
  JsonArray *a, *d;

  if (cache != NULL && g_str_equal (cache->account, account))
    {
      *out_own = g_ptr_array_ref (cache->own);
      *out_domains = g_ptr_array_ref (cache->domains);
      return TRUE;
    }

  settings = kith_store_mail_account_get (self, account, error);
  if (settings == NULL)
    return FALSE;

  a = kith_json_get_array (settings, "addresses");
  d = kith_json_get_array (settings, "domains");
  *out_own = g_ptr_array_new_with_free_func (g_free);
  *out_domains = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    g_ptr_array_add (*out_own, g_strdup (json_array_get_string_element (a, i)));
  for (guint i = 0; d != NULL && i < json_array_get_length (d); i++)
    g_ptr_array_add (*out_domains, g_strdup (json_array_get_string_element (d, i)));

  cache = g_new0 (AccountCache, 1);
  cache->account = g_strdup (account);
  cache->own = g_ptr_array_ref (*out_own);
  cache->domains = g_ptr_array_ref (*out_domains);
  g_object_set_data_full (G_OBJECT (self), "kith-mail-account-cache", cache, (GDestroyNotify) account_cache_free);

  return TRUE;
}

static char *
valid_text (JsonObject *message,
            const char *member,
            gsize       max_len)
{
  const char *text = json_object_get_string_member_with_default (message, member, NULL);

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
static char *
message_id_of_key (const char *key)
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
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "SELECT t.date, (SELECT value FROM timeline_people WHERE item_id = t.id AND role = 'from' LIMIT 1) "
                                           "FROM timeline t WHERE t.message_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, message_id, -1, SQLITE_TRANSIENT);
  *out_other = sqlite3_step (stmt) == SQLITE_ROW &&
               (sqlite3_column_int64 (stmt, 0) != date || g_strcmp0 (column_text (stmt, 1), sender) != 0);
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * kith_store_mail_index:
 * @message: `account`, `folder`, `uid`, `role` (inbox, sent or archive), `messageid`, `date`
 *   (ms), `subject`, `threadid`, `from` {value, name}, `to` and `cc` [{value, name}]
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
kith_store_mail_index (KithStore   *self,
                       JsonObject  *message,
                       gboolean    *out_new,
                       GError     **error)
{
  const char *account = json_object_get_string_member_with_default (message, "account", NULL);
  const char *folder = json_object_get_string_member_with_default (message, "folder", NULL);
  const char *uid = json_object_get_string_member_with_default (message, "uid", NULL);
  const char *role = json_object_get_string_member_with_default (message, "role", NULL);
  g_autofree char *message_id = valid_text (message, "messageid", 4000);
  g_autofree char *other_key = NULL;
  g_autofree char *subject = valid_text (message, "subject", KITH_MAX_TEXT);
  g_autofree char *thread_id = valid_text (message, "threadid", 4096);
  gint64 date = json_object_get_int_member_with_default (message, "date", 0);
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) address_free);
  const char *direction = "inbound";
  const char *state = NULL;
  const char *sender = NULL;
  const char *key;
  gboolean from_self = FALSE, outsider = FALSE, taken = FALSE, was_inbox = FALSE;
  gint64 id = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (out_new != NULL)
    *out_new = FALSE;

  if (account == NULL || folder == NULL || uid == NULL || message_id == NULL)
    {
      kith_invalid (error, _("A message needs an account, a folder, a UID and a Message-ID"));
      return 0;
    }
  if (g_strcmp0 (role, "inbox") != 0 && g_strcmp0 (role, "sent") != 0 && g_strcmp0 (role, "archive") != 0)
    {
      kith_invalid (error, _("A folder’s role is inbox, sent or archive, not “%s”"), role != NULL ? role : "");
      return 0;
    }

  kith_store_lock (self);

  if (!load_account (self, account, &own, &domains, error))
    goto out;

  collect_addresses (message, "from", own, domains, addresses);
  collect_addresses (message, "to", own, domains, addresses);
  collect_addresses (message, "cc", own, domains, addresses);

  for (guint i = 0; i < addresses->len; i++)
    {
      Address *a = g_ptr_array_index (addresses, i);

      if (g_str_equal (a->role, "from") && sender == NULL)
        sender = a->key;
      if (g_str_equal (a->role, "from") && g_ptr_array_find_with_equal_func (own, a->key, g_str_equal, NULL))
        from_self = TRUE;
      if (!a->internal)
        outsider = TRUE;
    }
  if (from_self)
    direction = "outbound";
  if (!outsider)
    direction = "internal";
  if (g_str_equal (role, "inbox") && g_str_equal (direction, "inbound"))
    state = date >= kith_store_now (self) - INBOX_WINDOW_MS ? "open" : "done";

  /* Seen before: under its Message-ID, with the same sender and date, or under its own key */
  date = MAX (date, 0);
  other_key = colliding_key (message_id, sender, date);
  stmt = kith_store_prepare (self,
                             "SELECT m.id, m.role, m.message_id = ?3, m.date, "
                             "  (SELECT key FROM mail_addresses WHERE message = m.id AND role = 'from' LIMIT 1) "
                             "FROM mail_messages m WHERE m.account = ?1 AND m.message_id IN (?2, ?3)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, message_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, other_key, -1, SQLITE_TRANSIENT);
  while (id == 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 2) ||
          (sqlite3_column_int64 (stmt, 3) == date && g_strcmp0 (column_text (stmt, 4), sender) == 0))
        {
          id = sqlite3_column_int64 (stmt, 0);
          was_inbox = g_strcmp0 (column_text (stmt, 1), "inbox") == 0;
        }
      else
        taken = TRUE;
    }
  sqlite3_reset (stmt);

  if (id != 0)
    {
      /* Where the message is now; a copy outside INBOX does not take an INBOX message's place */
      if (g_str_equal (role, "inbox") || !was_inbox)
        {
          stmt = kith_store_prepare (self,
                                     "UPDATE mail_messages SET folder = ?2, uid = ?3, role = ?4, "
                                     "state = CASE WHEN ?4 <> 'inbox' THEN state "
                                     /* moved back to INBOX on the server: to handle again */
                                     "WHEN role <> 'inbox' AND state = 'done' AND direction = 'inbound' THEN 'open' "
                                     "ELSE coalesce(state, ?5) END "
                                     "WHERE id = ?1", error);
          if (stmt == NULL)
            {
              id = 0;
              goto out;
            }
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, uid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, role, -1, SQLITE_STATIC);
          kith_store_bind_text (stmt, 5, state);
          if (!kith_store_step_done (self, stmt, error))
            id = 0;
        }
      goto out;
    }

  /* Another account logged a different message under this Message-ID */
  if (!taken && !logged_as_other (self, message_id, sender, date, &taken, error))
    goto out;
  key = taken ? other_key : message_id;

  if (!kith_store_begin (self, error))
    goto out;

  stmt = kith_store_prepare (self,
                             "INSERT INTO mail_messages (account, message_id, folder, uid, role, date, direction, "
                             "subject, thread_id, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, role, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, date);
  sqlite3_bind_text (stmt, 7, direction, -1, SQLITE_STATIC);
  kith_store_bind_text (stmt, 8, subject);
  kith_store_bind_text (stmt, 9, thread_id != NULL ? thread_id : message_id);
  kith_store_bind_text (stmt, 10, state);
  if (!kith_store_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (kith_store_get_db (self));

  for (guint i = 0; i < addresses->len; i++)
    {
      Address *a = g_ptr_array_index (addresses, i);

      stmt = kith_store_prepare (self, "INSERT OR IGNORE INTO mail_addresses (message, role, key, name, internal) "
                                       "VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, a->role, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, a->key, -1, SQLITE_STATIC);
      kith_store_bind_text (stmt, 4, a->name);
      sqlite3_bind_int (stmt, 5, a->internal);
      if (!kith_store_step_done (self, stmt, error))
        goto fail;
    }

  if (!kith_store_commit (self, error))
    {
      id = 0;
      goto out;
    }
  if (out_new != NULL)
    *out_new = TRUE;

out:
  kith_store_unlock (self);
  return id;

fail:
  kith_store_rollback (self);
  kith_store_unlock (self);
  return 0;
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
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT uid FROM mail_messages WHERE account = ?1 AND folder = ?2 "
                                   "UNION ALL SELECT uid FROM mail_copies WHERE account = ?1 AND folder = ?2", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (uids, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&uids);
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
  sqlite3_stmt *stmt;
  gboolean ok;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "INSERT OR REPLACE INTO mail_copies (account, folder, uid, message) "
                                   "SELECT ?2, ?3, ?4, ?1 WHERE NOT EXISTS "
                                   "(SELECT 1 FROM mail_messages WHERE id = ?1 AND folder = ?3 AND uid = ?4)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, message);
      sqlite3_bind_text (stmt, 2, account, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, folder, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, uid, -1, SQLITE_TRANSIENT);
      ok = kith_store_step_done (self, stmt, error);
    }
  kith_store_unlock (self);

  return ok;
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
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean ok;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT uid FROM mail_copies WHERE account = ? AND folder = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        if (!g_hash_table_contains (present_uids, column_text (stmt, 0)))
          g_ptr_array_add (gone, g_strdup (column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  for (guint i = 0; ok && i < gone->len; i++)
    {
      stmt = kith_store_prepare (self, "DELETE FROM mail_copies WHERE account = ? AND folder = ? AND uid = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, gone->pdata[i], -1, SQLITE_TRANSIENT);
          ok = kith_store_step_done (self, stmt, error);
        }
    }
  kith_store_unlock (self);

  return ok;
}

static gboolean
delete_from_archive_queue (KithStore  *self,
                           GArray     *messages,
                           GError    **error)
{
  for (guint i = 0; i < messages->len; i++)
    {
      sqlite3_stmt *stmt = kith_store_prepare (self, "DELETE FROM mail_archive_queue WHERE message = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (messages, gint64, i));
      if (!kith_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
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
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint n = 0;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT id, uid, state FROM mail_messages WHERE account = ? AND folder = ? "
                                   "AND role = 'inbox'", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, folder, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!g_hash_table_contains (present_uids, column_text (stmt, 1)))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (gone, id);
        if (g_strcmp0 (column_text (stmt, 2), "open") == 0)
          n++;
      }
  sqlite3_reset (stmt);

  if (gone->len > 0)
    {
      if (!kith_store_begin (self, error))
        goto fail;
      for (guint i = 0; i < gone->len; i++)
        {
          /* Done, and no longer in INBOX: should it come back there, it is to handle again */
          stmt = kith_store_prepare (self, "UPDATE mail_messages SET state = CASE WHEN state IS NOT NULL THEN 'done' END, "
                                           "role = 'archive' WHERE id = ?", error);
          if (stmt == NULL)
            {
              kith_store_rollback (self);
              goto fail;
            }
          sqlite3_bind_int64 (stmt, 1, g_array_index (gone, gint64, i));
          if (!kith_store_step_done (self, stmt, error))
            {
              kith_store_rollback (self);
              goto fail;
            }
        }
      /* Archived on the server: nothing left to retry */
      if (!delete_from_archive_queue (self, gone, error))
        {
          kith_store_rollback (self);
          goto fail;
        }
      if (n > 0)
        kith_store_mark_changed (self, KITH_RECORD_PERSON);
      if (!kith_store_commit (self, error))
        goto fail;
    }

  kith_store_unlock (self);
  return n;

fail:
  kith_store_unlock (self);
  return (guint) -1;
}

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

/* The newest message indexed for @account, or 0: what a sync indexes after it is new */
gint64
kith_store_mail_last_row (KithStore  *self,
                          const char *account)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT max(id) FROM mail_messages WHERE account = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  kith_store_unlock (self);

  return last;
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
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint n = 0;

  settings = kith_store_mail_account_get (self, account, error);
  if (settings == NULL)
    return (guint) -1;
  if (!json_object_get_boolean_member_with_default (settings, "autoCreate", TRUE))
    return 0;

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
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
                             error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return (guint) -1;
    }
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, since);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (keys, g_strdup (column_text (stmt, 0)));
      g_ptr_array_add (names, name_for (column_text (stmt, 1), column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);

  if (keys->len > 0 && !kith_store_begin (self, error))
    {
      kith_store_unlock (self);
      return (guint) -1;
    }
  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(JsonObject) person = json_object_new ();
      JsonArray *emails = json_array_new ();
      JsonObject *email = json_object_new ();
      g_autoptr(GError) local_error = NULL;

      json_object_set_string_member (email, "value", g_ptr_array_index (keys, i));
      json_array_add_object_element (emails, email);
      json_object_set_string_member (person, "name", g_ptr_array_index (names, i));
      json_object_set_array_member (person, "emails", emails);
      json_object_set_string_member (person, "leadSource", "Email");

      if (kith_store_create_record (self, KITH_RECORD_PERSON, person, NULL, &local_error) != 0)
        n++;
      else
        g_warning ("Could not create a person for %s: %s", (char *) g_ptr_array_index (keys, i), local_error->message);
    }
  if (keys->len > 0 && !kith_store_commit (self, error))
    n = (guint) -1;
  kith_store_unlock (self);

  return n;
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
 * Returns: (transfer full): [{id, folder, uid, role, direction, messageid, threadid}]
 */
JsonArray *
kith_store_mail_unlogged (KithStore   *self,
                          const char  *account,
                          gint64       after,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(JsonArray) out = json_array_new ();
  sqlite3_stmt *stmt;

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "SELECT m.id, m.folder, m.uid, m.role, m.direction, m.message_id, m.thread_id "
                             "FROM mail_messages m "
                             "WHERE m.account = ?1 AND m.item_id IS NULL AND m.id > ?3 AND m.direction != 'internal' "
                             "  AND EXISTS (SELECT 1 FROM mail_addresses a JOIN channels c "
                             "              ON c.type = 'email' AND c.key = a.key "
                             "              WHERE a.message = m.id AND a.internal = 0) "
                             "ORDER BY m.id LIMIT ?2",
                             error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : G_MAXINT);
  sqlite3_bind_int64 (stmt, 3, after);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *m = json_object_new ();

      json_object_set_int_member (m, "id", sqlite3_column_int64 (stmt, 0));
      set_column_text (m, "folder", stmt, 1);
      set_column_text (m, "uid", stmt, 2);
      set_column_text (m, "role", stmt, 3);
      set_column_text (m, "direction", stmt, 4);
      set_column_text (m, "messageid", stmt, 5);
      set_column_text (m, "threadid", stmt, 6);
      json_array_add_object_element (out, m);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&out);
}

/* The timeline item for an indexed message: what the index knows (date, subject, thread,
 * direction, sender and recipients) under what the caller adds (body, preview) */
static JsonObject *
complete_item (KithStore   *self,
               gint64       message,
               JsonObject  *item,
               GHashTable  *internal,
               GError     **error)
{
  g_autoptr(JsonObject) full = json_object_new ();
  JsonArray *recipients = json_array_new ();
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  json_object_set_array_member (full, "recipients", recipients);
  stmt = kith_store_prepare (self, "SELECT account, message_id, date, direction, subject, thread_id "
                                   "FROM mail_messages WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, message);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      json_object_set_string_member (full, "style", "email");
      set_column_text (full, "account", stmt, 0);
      set_column_text (full, "messageid", stmt, 1);
      json_object_set_int_member (full, "date", sqlite3_column_int64 (stmt, 2));
      json_object_set_string_member (full, "direction",
                                     g_strcmp0 (column_text (stmt, 3), "outbound") == 0 ? "outbound" : "inbound");
      set_column_text (full, "subject", stmt, 4);
      set_column_text (full, "threadid", stmt, 5);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("The message %" G_GINT64_FORMAT " is not indexed"), message);
      return NULL;
    }

  stmt = kith_store_prepare (self, "SELECT role, key, name, internal FROM mail_addresses WHERE message = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, message);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *role = column_text (stmt, 0);

      if (sqlite3_column_int (stmt, 3))
        g_hash_table_add (internal, g_strdup (column_text (stmt, 1)));

      if (g_str_equal (role, "from"))
        {
          set_column_text (full, "from", stmt, 1);
          set_column_text (full, "name", stmt, 2);
        }
      else if (json_array_get_length (recipients) < 1000)   /* what a timeline item takes */
        {
          JsonObject *r = json_object_new ();

          json_object_set_string_member (r, "role", role);
          set_column_text (r, "value", stmt, 1);
          set_column_text (r, "name", stmt, 2);
          json_array_add_object_element (recipients, r);
        }
    }
  sqlite3_reset (stmt);

  {
    g_autoptr(GList) members = json_object_get_members (item);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (full, l->data, json_node_copy (json_object_get_member (item, l->data)));
  }

  return g_steal_pointer (&full);
}

/**
 * kith_store_mail_log:
 * @message: a row from kith_store_mail_unlogged()
 * @item: what only the message's body gives — `body`, `bodytype`, `preview` — or any member of
 *   a timeline item (kith_store_add_timeline_item()) to override the index's
 *
 * Puts a message on the timeline and remembers that it is there, in one transaction. A message
 * another account already logged (the same Message-ID) is not logged twice. Coworkers and the
 * user's own addresses are named on it but never linked: no record of theirs gets it.
 *
 * Returns: the timeline item, or 0 with @error set
 */
gint64
kith_store_mail_log (KithStore   *self,
                     gint64       message,
                     JsonObject  *item,
                     GError     **error)
{
  g_autoptr(JsonObject) full = NULL;
  g_autoptr(GHashTable) internal = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  gint64 item_id;

  kith_store_lock (self);
  if (!kith_store_begin (self, error))
    {
      kith_store_unlock (self);
      return 0;
    }

  /* Coworkers and the user are named on the item, never linked to a record by it */
  full = complete_item (self, message, item, internal, error);
  if (full == NULL)
    goto fail;
  item_id = kith_timeline_add_item (self, full, internal, NULL, error);
  if (item_id == 0)
    goto fail;

  stmt = kith_store_prepare (self, "UPDATE mail_messages SET item_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, message);
  if (!kith_store_step_done (self, stmt, error))
    goto fail;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  if (!kith_store_commit (self, error))
    item_id = 0;
  kith_store_unlock (self);
  return item_id;

fail:
  kith_store_rollback (self);
  kith_store_unlock (self);
  return 0;
}

/**
 * kith_store_list_inbox:
 *
 * Returns: (transfer full): inbound mail from contacts still to handle, newest first:
 *   [{itemId, subject, preview, date, account, recordId, name, from}]
 */
JsonArray *
kith_store_list_inbox (KithStore   *self,
                       GError     **error)
{
  g_autoptr(JsonArray) out = json_array_new ();
  sqlite3_stmt *stmt;

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "SELECT t.id, t.subject, t.preview, t.date, m.account, tp.record_id, r.name, tp.value "
                             "FROM mail_messages m JOIN timeline t ON t.id = m.item_id "
                             "LEFT JOIN timeline_people tp ON tp.item_id = t.id AND tp.role = 'from' "
                             "LEFT JOIN records r ON r.id = tp.record_id "
                             "WHERE m.state = 'open' AND m.direction = 'inbound' "
                             "  AND (m.snoozed_until IS NULL OR m.snoozed_until <= ?1) "
                             "ORDER BY m.date DESC, m.id DESC LIMIT 1000",
                             error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, kith_store_now (self));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *m = json_object_new ();

      json_object_set_int_member (m, "itemId", sqlite3_column_int64 (stmt, 0));
      set_column_text (m, "subject", stmt, 1);
      set_column_text (m, "preview", stmt, 2);
      json_object_set_int_member (m, "date", sqlite3_column_int64 (stmt, 3));
      set_column_text (m, "account", stmt, 4);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        json_object_set_int_member (m, "recordId", sqlite3_column_int64 (stmt, 5));
      set_column_text (m, "name", stmt, 6);
      set_column_text (m, "from", stmt, 7);
      json_array_add_object_element (out, m);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&out);
}

/* Where a message is on the server, from a row that starts with account, folder, uid, message_id */
static JsonObject *
read_where (sqlite3_stmt *stmt)
{
  JsonObject *where = json_object_new ();

  set_column_text (where, "account", stmt, 0);
  set_column_text (where, "folder", stmt, 1);
  set_column_text (where, "uid", stmt, 2);
  /* The message's own Message-ID, for the server; the key it is stored under, for the queue
   * (not the same for a message that reuses another's Message-ID) */
  set_column_text (where, "key", stmt, 3);
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      g_autofree char *message_id = message_id_of_key (column_text (stmt, 3));

      json_object_set_string_member (where, "messageid", message_id);
    }

  return where;
}

/**
 * kith_store_inbox_set_done:
 * @done: %FALSE to bring a message back (Undo)
 *
 * Done puts the message in the queue of messages to archive on the server, unless the account
 * does not archive on Done or it is no longer in INBOX there; Undo takes it out again.
 *
 * Returns: (transfer full): where the message is on the server — {account, folder, uid,
 *   messageid, archive} — for the capture service to move it (when `archive`); %NULL with
 *   @error set
 */
JsonObject *
kith_store_inbox_set_done (KithStore   *self,
                           gint64       item_id,
                           gboolean     done,
                           GError     **error)
{
  g_autoptr(JsonObject) where = NULL;
  sqlite3_stmt *stmt;
  gint64 message = 0;
  gboolean archive = FALSE;
  gboolean ok;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT m.account, m.folder, m.uid, m.message_id, m.id, m.role, "
                                   "coalesce(a.archive, 1) FROM mail_messages m "
                                   "LEFT JOIN mail_accounts a ON a.uid = m.account "
                                   "WHERE m.item_id = ? AND m.state IS NOT NULL", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      where = read_where (stmt);
      message = sqlite3_column_int64 (stmt, 4);
      /* Still in INBOX on the server, and the account archives on Done */
      archive = g_strcmp0 (column_text (stmt, 5), "inbox") == 0 && sqlite3_column_int (stmt, 6) != 0;
      json_object_set_boolean_member (where, "archive", archive);
    }
  sqlite3_reset (stmt);
  if (where == NULL)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("This message is not in the Inbox"));
      goto out;
    }

  if (!kith_store_begin (self, error))
    {
      g_clear_pointer (&where, json_object_unref);
      goto out;
    }
  stmt = kith_store_prepare (self, "UPDATE mail_messages SET state = ?, snoozed_until = NULL WHERE item_id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, done ? "done" : "open", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, item_id);
      ok = kith_store_step_done (self, stmt, error);
    }
  /* Done waits in the queue until the server has archived it (kith_store_mail_archive_record());
   * Undo takes it out */
  if (ok)
    stmt = kith_store_prepare (self, done && archive ? "INSERT OR IGNORE INTO mail_archive_queue (message, account, queued) "
                                                       "VALUES (?1, ?2, ?3)"
                                                     : "DELETE FROM mail_archive_queue WHERE message = ?1", error);
  ok = ok && stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, message);
      if (done && archive)
        {
          sqlite3_bind_text (stmt, 2, json_object_get_string_member (where, "account"), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 3, kith_store_now (self));
        }
      ok = kith_store_step_done (self, stmt, error);
    }
  if (ok)
    ok = kith_store_commit (self, error);
  else
    kith_store_rollback (self);
  if (!ok)
    g_clear_pointer (&where, json_object_unref);
  else
    kith_store_mark_changed (self, KITH_RECORD_PERSON);

out:
  kith_store_unlock (self);
  return g_steal_pointer (&where);
}

/**
 * kith_store_mail_archive_pending:
 *
 * Returns: (transfer full): the messages of @account Done in Kith and not yet archived on the
 *   server — those that failed, and those Done longer ago than Undo could take back — oldest
 *   first, as kith_store_inbox_set_done() describes them; %NULL with @error set
 */
JsonArray *
kith_store_mail_archive_pending (KithStore   *self,
                                 const char  *account,
                                 GError     **error)
{
  g_autoptr(JsonArray) out = json_array_new ();
  sqlite3_stmt *stmt;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT m.account, m.folder, m.uid, m.message_id FROM mail_archive_queue q "
                                   "JOIN mail_messages m ON m.id = q.message WHERE q.account = ? "
                                   "AND (q.attempts > 0 OR q.queued <= ?) ORDER BY q.message", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, kith_store_now (self) - ARCHIVE_UNDO_MS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *where = read_where (stmt);

      json_object_set_boolean_member (where, "archive", TRUE);
      json_array_add_object_element (out, where);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&out);
}

/**
 * kith_store_mail_archive_record:
 * @where: as kith_store_inbox_set_done() returns it
 * @error_message: (nullable): why the server did not archive it, or %NULL when it did
 *
 * Records an attempt to archive a message on the server: done, it leaves the queue; failed, it
 * stays there for the next sync, and the account shows the error once it keeps failing.
 */
gboolean
kith_store_mail_archive_record (KithStore   *self,
                                JsonObject  *where,
                                const char  *error_message,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, error_message == NULL
                                   ? "DELETE FROM mail_archive_queue WHERE message = "
                                     "(SELECT id FROM mail_messages WHERE account = ?1 AND message_id = ?2)"
                                   : "UPDATE mail_archive_queue SET attempts = attempts + 1, last_error = ?3 "
                                     "WHERE message = (SELECT id FROM mail_messages WHERE account = ?1 AND message_id = ?2)",
                             error);
  ok = stmt != NULL;
  if (ok)
    {
      kith_store_bind_text (stmt, 1, json_object_get_string_member_with_default (where, "account", NULL));
      kith_store_bind_text (stmt, 2, json_object_get_string_member_with_default (where, "key", NULL));
      if (error_message != NULL)
        sqlite3_bind_text (stmt, 3, error_message, -1, SQLITE_TRANSIENT);
      ok = kith_store_step_done (self, stmt, error);
    }
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_inbox_snooze:
 * @until: when the message comes back (ms); 0 brings it back now
 */
gboolean
kith_store_inbox_snooze (KithStore   *self,
                         gint64       item_id,
                         gint64       until,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "UPDATE mail_messages SET snoozed_until = ? WHERE item_id = ? AND state = 'open'", error);
  if (stmt != NULL)
    {
      if (until > 0)
        sqlite3_bind_int64 (stmt, 1, until);
      sqlite3_bind_int64 (stmt, 2, item_id);
      ok = kith_store_step_done (self, stmt, error);
      if (ok && sqlite3_changes (kith_store_get_db (self)) == 0)
        ok = (g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("This message is not in the Inbox")), FALSE);
      if (ok)
        kith_store_mark_changed (self, KITH_RECORD_PERSON);
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
  if (references != NULL)
    {
      const char *start = strchr (references, '<');
      const char *end = start != NULL ? strchr (start, '>') : NULL;

      if (end != NULL)
        return g_strndup (start, end - start + 1);
    }
  if (in_reply_to != NULL)
    {
      const char *start = strchr (in_reply_to, '<');
      const char *end = start != NULL ? strchr (start, '>') : NULL;

      if (end != NULL)
        return g_strndup (start, end - start + 1);
    }

  return g_strdup (message_id);
}
