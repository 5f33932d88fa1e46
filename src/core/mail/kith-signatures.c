/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithSignatures"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-mail-address.h"
#include "kith-outbox-private.h"
#include "kith-signatures.h"

/*
 * Signatures, per mail account and per address (an alias) or for all of its addresses,
 * edited in Preferences → Mail; the composer picks the one for its From and inserts it in new
 * mail or replies as each says. A write is announced with KITH_STORE_AREA_SIGNATURES.
 */

static KithSignature *
read_row (KithStatement *st)
{
  return g_object_new (KITH_TYPE_SIGNATURE,
                       "id", kith_statement_column_int64 (st, 0),
                       "account", kith_statement_column_text (st, 1),
                       "address", kith_statement_column_text (st, 2),
                       "name", kith_statement_column_text (st, 3),
                       "body", kith_statement_column_text (st, 4),
                       "for-new", kith_statement_column_int64 (st, 5) != 0,
                       "for-replies", kith_statement_column_int64 (st, 6) != 0,
                       NULL);
}

/**
 * kith_store_signatures_list:
 * @account: (nullable): a mail account's source UID, or %NULL for every account's
 *
 * Returns: (transfer full) (element-type KithSignature) (nullable): the signatures, by
 *   account, those for every address first, then by name; %NULL with @error set
 */
GPtrArray *
kith_store_signatures_list (KithStore   *self,
                            const char  *account,
                            GError     **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return kith_outbox_read_rows (self,
                                "SELECT id, account, address, name, body, for_new, for_replies FROM signatures "
                                "WHERE ?1 IS NULL OR account = ?1 "
                                "ORDER BY account, address IS NOT NULL, address, name, id",
                                account, (KithOutboxReadRow) read_row, error);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
check_signature (KithSignature  *signature,
                 GError        **error)
{
  const char *address = kith_signature_get_address (signature);
  const char *body = kith_signature_get_body (signature);
  g_autofree char *bare = NULL;

  if (is_blank (kith_signature_get_account (signature)))
    return invalid (error, _("account: a signature belongs to a mail account"));
  if (is_blank (kith_signature_get_name (signature)))
    return invalid (error, _("name: a signature needs a name"));
  if (body != NULL && strlen (body) > KITH_MAX_TEXT)
    return invalid (error, _("body: a signature is at most 64 KB long"));
  if (address != NULL && (!kith_mail_address_parse (address, NULL, &bare) || g_strcmp0 (bare, address) != 0))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("address: “%s” is not an email address"), address);
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  KithSignature *signature;
  gint64         id;
} SaveJob;

static gboolean
save_write (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  SaveJob *job = data;
  KithSignature *sig = job->signature;
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "INSERT INTO signatures (id, account, address, name, body, for_new, for_replies) "
                               "VALUES (nullif (?1, 0), ?2, ?3, ?4, ifnull (?5, ''), ?6, ?7) "
                               "ON CONFLICT (id) DO UPDATE SET account = ?2, address = ?3, name = ?4, "
                               "body = ifnull (?5, ''), for_new = ?6, for_replies = ?7", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, job->id);
  kith_statement_bind_text (&st, 2, kith_signature_get_account (sig));
  kith_statement_bind_text (&st, 3, kith_signature_get_address (sig));
  kith_statement_bind_text (&st, 4, kith_signature_get_name (sig));
  kith_statement_bind_text (&st, 5, kith_signature_get_body (sig));
  kith_statement_bind_int64 (&st, 6, kith_signature_get_for_new (sig));
  kith_statement_bind_int64 (&st, 7, kith_signature_get_for_replies (sig));
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (job->id == 0)
    job->id = kith_statement_last_insert_id (&st);
  return TRUE;
}

/**
 * kith_store_signature_save:
 * @signature: new (id 0) or read from the store
 *
 * Inserts or updates @signature, and sets its id.
 *
 * Returns: its id, or 0 with @error set (an INVALID error names the field)
 */
gint64
kith_store_signature_save (KithStore      *self,
                           KithSignature  *signature,
                           GError        **error)
{
  SaveJob job = { signature, 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (KITH_IS_SIGNATURE (signature), 0);

  if (!check_signature (signature, error))
    return 0;

  job.id = kith_signature_get_id (signature);
  if (!kith_outbox_write (self, save_write, &job, error))
    return 0;

  kith_signature_set_id (signature, job.id);
  return job.id;
}

static gboolean
delete_write (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  gint64 id = *(gint64 *) data;
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store, "DELETE FROM signatures WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (kith_statement_changes (&st) == 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no signature #%" G_GINT64_FORMAT), id);
      return FALSE;
    }

  return TRUE;
}

gboolean
kith_store_signature_delete (KithStore  *self,
                             gint64      id,
                             GError    **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  return kith_outbox_write (self, delete_write, &id, error);
}
