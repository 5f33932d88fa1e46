/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-mail-private.h"
#include "kith-json.h"
#include "kith-mail-settings.h"
#include "kith-statement.h"
#include "kith-synckey.h"

/* Mail accounts' settings in Kith: what to capture, the user's own addresses, the
 * organisation's domains (the accounts themselves live in evolution-data-server) */

/* A message Done in Kith that the server failed to archive this often is shown on its account */
#define ARCHIVE_ATTEMPTS_SHOWN 2

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

/* The account's row, over the defaults in @settings; its own addresses and domains */
static gboolean
read_account_row (KithStore    *self,
                  const char   *account,
                  JsonObject   *settings,
                  GPtrArray   **out_addresses,
                  GPtrArray   **out_domains,
                  GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT capture, auto_create, addresses, domains, last_sync, "
                                          "last_error, name, archive, folders FROM mail_accounts WHERE uid = ?",
                               error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  if (!kith_statement_step (&st, NULL))
    return TRUE;

  json_object_set_boolean_member (settings, "capture", kith_statement_column_int64 (&st, 0) != 0);
  json_object_set_boolean_member (settings, "autoCreate", kith_statement_column_int64 (&st, 1) != 0);
  *out_addresses = parse_string_list (kith_statement_column_text (&st, 2));
  *out_domains = parse_string_list (kith_statement_column_text (&st, 3));
  if (!kith_statement_column_is_null (&st, 4))
    json_object_set_int_member (settings, "lastSync", kith_statement_column_int64 (&st, 4));
  kith_statement_set_text_member (&st, 5, settings, "lastError");
  kith_statement_set_text_member (&st, 6, settings, "name");
  json_object_set_boolean_member (settings, "archive", kith_statement_column_int64 (&st, 7) != 0);
  if (!kith_statement_column_is_null (&st, 8))
    {
      g_autoptr(GPtrArray) folders = parse_string_list (kith_statement_column_text (&st, 8));

      json_object_set_array_member (settings, "folders", string_list_to_json (folders));
    }

  return TRUE;
}

/* Done in Kith, and the server keeps refusing to archive it: the account says so */
static gboolean
read_archive_failures (KithStore   *self,
                       const char  *account,
                       JsonObject  *settings,
                       GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT count(*), max(last_error) FROM mail_archive_queue "
                                          "WHERE account = ? AND attempts >= ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_int64 (&st, 2, ARCHIVE_ATTEMPTS_SHOWN);
  if (kith_statement_step (&st, NULL) && kith_statement_column_int64 (&st, 0) > 0)
    {
      json_object_set_int_member (settings, "archiveFailures", kith_statement_column_int64 (&st, 0));
      kith_statement_set_text_member (&st, 1, settings, "archiveError");
    }

  return TRUE;
}

JsonObject *
kith_store_mail_account_get (KithStore   *self,
                             const char  *account,
                             GError     **error)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  json_object_set_string_member (settings, "uid", account);
  json_object_set_boolean_member (settings, "capture", TRUE);
  json_object_set_boolean_member (settings, "autoCreate", TRUE);
  json_object_set_boolean_member (settings, "archive", TRUE);

  kith_store_lock (self);
  ok = read_account_row (self, account, settings, &addresses, &domains, error) &&
       read_archive_failures (self, account, settings, error);
  kith_store_unlock (self);
  if (!ok)
    return NULL;

  json_object_set_array_member (settings, "addresses",
                                addresses != NULL ? string_list_to_json (addresses) : json_array_new ());
  json_object_set_array_member (settings, "domains",
                                domains != NULL ? string_list_to_json (domains) : json_array_new ());

  return g_steal_pointer (&settings);
}

/* Account settings as checked; -1 for a switch and %NULL for a list that is not to change */
typedef struct {
  const char *name;
  char       *addresses;
  char       *domains;
  char       *folders;
  gboolean    set_folders;
  int         capture, auto_create, archive;
} AccountInput;

static void
account_input_clear (AccountInput *in)
{
  g_free (in->addresses);
  g_free (in->domains);
  g_free (in->folders);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountInput, account_input_clear)

#define ACCOUNT_INPUT_INIT { NULL, NULL, NULL, NULL, FALSE, -1, -1, -1 }

/* @values as sync keys (addresses or domains), each once, into a JSON list; an error names the
 * first that is none */
static gboolean
normalise_list (const char * const  *values,
                gboolean             domains,
                char               **out_json,
                GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      char *key = domains ? kith_synckey_domain (values[i], error) : kith_synckey_email (values[i], error);

      if (key == NULL)
        return FALSE;
      if (!g_ptr_array_find_with_equal_func (list, key, g_str_equal, NULL))
        g_ptr_array_add (list, key);
      else
        g_free (key);
    }
  g_ptr_array_add (list, NULL);
  *out_json = kith_json_strv_to_text ((const char * const *) list->pdata);

  return TRUE;
}

/* The folders to read as a JSON list of names; %NULL (every folder but Junk, Trash and Drafts)
 * for none */
static gboolean
normalise_folders (const char * const  *folders,
                   char               **out_json,
                   GError             **error)
{
  g_autoptr(GStrvBuilder) clean = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; folders != NULL && folders[i] != NULL; i++)
    {
      if (!g_utf8_validate (folders[i], -1, NULL))
        return kith_invalid (error, _("Each folder to read must be a name"));
      if (*folders[i] != '\0')
        g_strv_builder_add (clean, folders[i]);
    }
  names = g_strv_builder_end (clean);
  *out_json = names[0] != NULL ? kith_json_strv_to_text ((const char * const *) names) : NULL;

  return TRUE;
}

static gboolean
write_account (KithStore     *self,
               const char    *account,
               AccountInput  *in,
               GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "INSERT INTO mail_accounts (uid, capture, auto_create, addresses, domains, "
                               "name, archive, folders) "
                               "VALUES (?1, coalesce(?2, 1), coalesce(?3, 1), coalesce(?4, '[]'), "
                               "coalesce(?5, '[]'), ?6, coalesce(?7, 1), ?9) "
                               "ON CONFLICT (uid) DO UPDATE SET capture = coalesce(?2, capture), "
                               "auto_create = coalesce(?3, auto_create), addresses = coalesce(?4, addresses), "
                               "domains = coalesce(?5, domains), name = coalesce(?6, name), "
                               "archive = coalesce(?7, archive), "
                               "folders = CASE WHEN ?8 THEN ?9 ELSE folders END",
                               error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  if (in->capture >= 0)
    kith_statement_bind_int64 (&st, 2, in->capture);
  if (in->auto_create >= 0)
    kith_statement_bind_int64 (&st, 3, in->auto_create);
  kith_statement_bind_text (&st, 4, in->addresses);
  kith_statement_bind_text (&st, 5, in->domains);
  kith_statement_bind_text (&st, 6, in->name != NULL && *in->name != '\0' ? in->name : NULL);
  if (in->archive >= 0)
    kith_statement_bind_int64 (&st, 7, in->archive);
  kith_statement_bind_int64 (&st, 8, in->set_folders);
  kith_statement_bind_text (&st, 9, in->folders);

  return kith_statement_run (&st, error);
}

/* Writes what @in changes of @account's settings; what it leaves out keeps its value */
static gboolean
save_account (KithStore     *self,
              const char    *account,
              AccountInput  *in,
              GError       **error)
{
  gboolean ok;

  if (!kith_validate_text (_("account"), account, 1024, error) ||
      !kith_validate_text (_("name"), in->name, 1024, error))
    return FALSE;

  kith_store_lock (self);
  ok = write_account (self, account, in, error);
  forget_account (self);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_mail_account_set_switch:
 * @which: what to turn on or off: capturing the account's mail, creating people from it, or
 *   archiving on the server what is Done in Kith
 *
 * Turns one of an account's switches on or off.
 */
gboolean
kith_store_mail_account_set_switch (KithStore       *self,
                                    const char      *account,
                                    KithMailSwitch   which,
                                    gboolean         on,
                                    GError         **error)
{
  g_auto(AccountInput) in = ACCOUNT_INPUT_INIT;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  switch (which)
    {
    case KITH_MAIL_SWITCH_CAPTURE:
      in.capture = !!on;
      break;
    case KITH_MAIL_SWITCH_AUTO_CREATE:
      in.auto_create = !!on;
      break;
    case KITH_MAIL_SWITCH_ARCHIVE:
      in.archive = !!on;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  return save_account (self, account, &in, error);
}

/**
 * kith_store_mail_account_set_identity:
 * @name: (nullable): the name of the account's identity (the user's), or %NULL to keep it
 * @addresses: (nullable): the account's own addresses: its identity's address and aliases; or
 *   %NULL to keep them
 *
 * Sets who the user is on the account. A bad address is an error naming it, and nothing is
 * changed.
 */
gboolean
kith_store_mail_account_set_identity (KithStore           *self,
                                      const char          *account,
                                      const char          *name,
                                      const char * const  *addresses,
                                      GError             **error)
{
  g_auto(AccountInput) in = ACCOUNT_INPUT_INIT;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  in.name = name;
  return (addresses == NULL || normalise_list (addresses, FALSE, &in.addresses, error)) &&
         save_account (self, account, &in, error);
}

/**
 * kith_store_mail_account_set_domains:
 * @domains: (nullable): the organisation's domains, whose people are coworkers
 *
 * A bad domain is an error naming it, and nothing is changed.
 */
gboolean
kith_store_mail_account_set_domains (KithStore           *self,
                                     const char          *account,
                                     const char * const  *domains,
                                     GError             **error)
{
  g_auto(AccountInput) in = ACCOUNT_INPUT_INIT;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return normalise_list (domains, TRUE, &in.domains, error) &&
         save_account (self, account, &in, error);
}

/**
 * kith_store_mail_account_set_folders:
 * @folders: (nullable): the folders to read; none for every folder but Junk, Trash and Drafts
 */
gboolean
kith_store_mail_account_set_folders (KithStore           *self,
                                     const char          *account,
                                     const char * const  *folders,
                                     GError             **error)
{
  g_auto(AccountInput) in = ACCOUNT_INPUT_INIT;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  in.set_folders = TRUE;
  return normalise_folders (folders, &in.folders, error) &&
         save_account (self, account, &in, error);
}

static gboolean
write_sync (KithStore  *self,
            const char *account,
            const char *error_message)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO mail_accounts (uid, last_sync, last_error) "
                                          "VALUES (?1, ?2, ?3) ON CONFLICT (uid) DO UPDATE SET "
                                          "last_sync = ?2, last_error = ?3", NULL))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_int64 (&st, 2, kith_store_now (self));
  kith_statement_bind_text (&st, 3, error_message);

  return kith_statement_run (&st, NULL);
}

/* Records the end of a sync: its time, and its error or none */
gboolean
kith_store_mail_account_record_sync (KithStore  *self,
                                     const char *account,
                                     const char *error_message)
{
  gboolean ok;

  kith_store_lock (self);
  ok = write_sync (self, account, error_message);
  kith_store_unlock (self);

  return ok;
}

/* Every account's own addresses into @seen, and the first identity's name when @name has none */
static void
read_own_addresses (KithStore  *self,
                    GPtrArray  *seen,
                    char      **name)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT addresses, name FROM mail_accounts ORDER BY uid", NULL))
    return;
  while (kith_statement_step (&st, NULL))
    {
      g_autoptr(GPtrArray) own = parse_string_list (kith_statement_column_text (&st, 0));

      for (guint i = 0; i < own->len; i++)
        g_ptr_array_add (seen, g_strdup (g_ptr_array_index (own, i)));
      if ((*name == NULL || **name == '\0') && !kith_statement_column_is_null (&st, 1))
        {
          g_free (*name);
          *name = kith_statement_dup_text (&st, 1);
        }
    }
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
  read_own_addresses (self, seen, &name);
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

/* The own addresses and organisation domains of @account, kept for the next message */
gboolean
kith_mail_load_account (KithStore   *self,
                        const char  *account,
                        GPtrArray  **out_own,
                        GPtrArray  **out_domains,
                        GError     **error)
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
