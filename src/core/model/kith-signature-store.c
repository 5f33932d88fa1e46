/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithSignatureStore"

#include "config.h"

#include "kith-mail.h"
#include "kith-model-task.h"
#include "kith-signature-store.h"

/*
 * The signatures' store calls (src/core/mail/kith-signatures.c) in the GIO shape, each a job
 * on the store's worker. A save works on a copy, and gives the id to the signature asked of.
 */

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  g_autoptr(GPtrArray) signatures = kith_store_signatures_list (store, data, error);
  GListStore *list;

  if (signatures == NULL)
    return NULL;

  list = g_list_store_new (KITH_TYPE_SIGNATURE);
  g_list_store_splice (list, 0, 0, signatures->pdata, signatures->len);
  return list;
}

/**
 * kith_store_signatures_list_async:
 * @account: (nullable): a mail account's source UID, or %NULL for every account's
 */
void
kith_store_signatures_list_async (KithStore           *self,
                                  const char          *account,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, list_job, g_strdup (account), g_free, g_object_unref, cancellable,
                  kith_store_signatures_list_async, callback, user_data);
}

/**
 * kith_store_signatures_list_finish:
 *
 * Returns: (transfer full) (nullable): a list model of KithSignature, or %NULL with @error set
 */
GListModel *
kith_store_signatures_list_finish (KithStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_signatures_list_async, error);
}

static KithSignature *
copy_signature (KithSignature *signature)
{
  return g_object_new (KITH_TYPE_SIGNATURE,
                       "id", kith_signature_get_id (signature),
                       "account", kith_signature_get_account (signature),
                       "address", kith_signature_get_address (signature),
                       "name", kith_signature_get_name (signature),
                       "body", kith_signature_get_body (signature),
                       "for-new", kith_signature_get_for_new (signature),
                       "for-replies", kith_signature_get_for_replies (signature),
                       NULL);
}

static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  gint64 id = kith_store_signature_save (store, data, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static void
apply_saved (gpointer apply_data,
             gpointer value)
{
  kith_signature_set_id (apply_data, *(gint64 *) value);
}

/**
 * kith_store_signature_save_async:
 *
 * Saves @signature (kith_store_signature_save()) and sets its id before the callback runs.
 */
void
kith_store_signature_save_async (KithStore           *self,
                                 KithSignature       *signature,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_SIGNATURE (signature));

  kith_model_run_then (self, self, save_job, copy_signature (signature), g_object_unref, g_free,
                       apply_saved, g_object_ref (signature), g_object_unref, NULL,
                       kith_store_signature_save_async, callback, user_data);
}

/**
 * kith_store_signature_save_finish:
 *
 * Returns: the signature's id, or 0 with @error set
 */
gint64
kith_store_signature_save_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autofree gint64 *id = kith_model_finish_pointer (self, result, kith_store_signature_save_async, error);

  return id != NULL ? *id : 0;
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_store_signature_delete (store, *(gint64 *) data, error));
}

void
kith_store_signature_delete_async (KithStore           *self,
                                   gint64               id,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, delete_job, g_memdup2 (&id, sizeof id), g_free, NULL, NULL,
                  kith_store_signature_delete_async, callback, user_data);
}

gboolean
kith_store_signature_delete_finish (KithStore     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_signature_delete_async, error);
}
