/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include "kith-settings.h"
#include "kith-statement.h"
#include "kith-synckey.h"

/**
 * kith_store_dup_setting:
 *
 * Returns: (transfer full) (nullable): the value of a setting kept in the database
 */
char *
kith_store_dup_setting (KithStore  *self,
                        const char *key)
{
  char *value = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  kith_store_lock (self);
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    if (kith_statement_prepare (&st, self, "SELECT value FROM settings WHERE key = ?", NULL))
      {
        kith_statement_bind_text (&st, 1, key);
        if (kith_statement_step (&st, NULL))
          value = kith_statement_dup_text (&st, 0);
      }
  }
  kith_store_unlock (self);

  return value;
}

static gboolean
write_setting (KithStore   *self,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *sql = value == NULL
    ? "DELETE FROM settings WHERE key = ?"
    : "INSERT INTO settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_text (&st, 1, key);
  if (value != NULL)
    kith_statement_bind_text (&st, 2, value);

  return kith_statement_run (&st, error);
}

/* @value: (nullable): %NULL removes the setting */
gboolean
kith_store_set_setting (KithStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  gboolean ret;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!kith_validate_text (key, value, KITH_MAX_TEXT, error))
    return FALSE;

  kith_store_lock (self);
  ret = write_setting (self, key, value, error);
  kith_store_unlock (self);

  return ret;
}
