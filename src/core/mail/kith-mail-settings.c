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

/* An account's settings as its row has them, over the defaults of an account not yet set up */
typedef struct {
  char     *name;
  gboolean  capture, auto_create, archive;
  GStrv     domains;
  GStrv     folders;      /* %NULL: every folder but Junk, Trash and Drafts */
  gint64    last_sync;
  char     *last_error;
  guint     archive_failures;
  char     *archive_error;
} AccountRow;

static void
account_row_clear (AccountRow *row)
{
  g_free (row->name);
  g_strfreev (row->domains);
  g_strfreev (row->folders);
  g_free (row->last_error);
  g_free (row->archive_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountRow, account_row_clear)

static gboolean
read_account_row (KithStore    *self,
                  const char   *account,
                  AccountRow   *row,
                  GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT capture, auto_create, domains, last_sync, last_error, name, "
                                          "archive, folders FROM mail_accounts WHERE uid = ?",
                               error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  if (!kith_statement_step (&st, NULL))
    return TRUE;

  row->capture = kith_statement_column_int64 (&st, 0) != 0;
  row->auto_create = kith_statement_column_int64 (&st, 1) != 0;
  g_strfreev (row->domains);
  row->domains = kith_json_text_to_strv (kith_statement_column_text (&st, 2));
  row->last_sync = kith_statement_column_int64 (&st, 3);
  row->last_error = kith_statement_dup_text (&st, 4);
  row->name = kith_statement_dup_text (&st, 5);
  row->archive = kith_statement_column_int64 (&st, 6) != 0;
  if (!kith_statement_column_is_null (&st, 7))
    row->folders = kith_json_text_to_strv (kith_statement_column_text (&st, 7));

  return TRUE;
}

/* Done in Kith, and the server keeps refusing to archive it: the account says so */
static gboolean
read_archive_failures (KithStore   *self,
                       const char  *account,
                       AccountRow  *row,
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
      row->archive_failures = (guint) kith_statement_column_int64 (&st, 0);
      row->archive_error = kith_statement_dup_text (&st, 1);
    }

  return TRUE;
}

/**
 * kith_store_mail_account_get:
 * @account: the account's uid
 *
 * Reads what Kith keeps of an account: its switches, the organisation's domains, the folders
 * it reads, its identity's name, its last sync and error, and the messages its server keeps
 * refusing to archive. An account not yet set up has the defaults (everything on).
 *
 * Returns: (transfer full) (nullable): the account with those, and none of what
 *   evolution-data-server keeps (see kith_mail_account_update_settings())
 */
KithMailAccount *
kith_store_mail_account_get (KithStore   *self,
                             const char  *account,
                             GError     **error)
{
  g_auto(AccountRow) row = { NULL, TRUE, TRUE, TRUE, g_new0 (char *, 1), NULL, 0, NULL, 0, NULL };
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  kith_store_lock (self);
  ok = read_account_row (self, account, &row, error) &&
       read_archive_failures (self, account, &row, error);
  kith_store_unlock (self);
  if (!ok)
    return NULL;

  return g_object_new (KITH_TYPE_MAIL_ACCOUNT, "uid", account, "name", row.name, "capture", row.capture,
                       "auto-create", row.auto_create, "archive", row.archive, "domains", row.domains,
                       "folders", row.folders, "last-sync", row.last_sync, "last-error", row.last_error,
                       "archive-failures", row.archive_failures, "archive-error", row.archive_error, NULL);
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
      g_auto(GStrv) own = kith_json_text_to_strv (kith_statement_column_text (&st, 0));

      for (guint i = 0; own[i] != NULL; i++)
        g_ptr_array_add (seen, g_strdup (own[i]));
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

/* @text's JSON list of strings, as a GPtrArray */
static GPtrArray *
column_list (const char *text)
{
  g_auto(GStrv) strings = kith_json_text_to_strv (text);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strings[i] != NULL; i++)
    g_ptr_array_add (list, g_steal_pointer (&strings[i]));

  return list;
}

/* The own addresses and organisation domains of @account ("[]" each when it is not set up) */
static gboolean
read_own_and_domains (KithStore   *self,
                      const char  *account,
                      GPtrArray  **out_own,
                      GPtrArray  **out_domains,
                      GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean found;

  if (!kith_statement_prepare (&st, self, "SELECT addresses, domains FROM mail_accounts WHERE uid = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, account);
  found = kith_statement_step (&st, NULL);
  *out_own = column_list (found ? kith_statement_column_text (&st, 0) : NULL);
  *out_domains = column_list (found ? kith_statement_column_text (&st, 1) : NULL);

  return TRUE;
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
  gboolean ok;

  if (cache != NULL && g_str_equal (cache->account, account))
    {
      *out_own = g_ptr_array_ref (cache->own);
      *out_domains = g_ptr_array_ref (cache->domains);
      return TRUE;
    }

  kith_store_lock (self);
  ok = read_own_and_domains (self, account, out_own, out_domains, error);
  kith_store_unlock (self);
  if (!ok)
    return FALSE;

  cache = g_new0 (AccountCache, 1);
  cache->account = g_strdup (account);
  cache->own = g_ptr_array_ref (*out_own);
  cache->domains = g_ptr_array_ref (*out_domains);
  g_object_set_data_full (G_OBJECT (self), "kith-mail-account-cache", cache, (GDestroyNotify) account_cache_free);

  return TRUE;
}
