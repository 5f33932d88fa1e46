/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-statement.h"
#include "kith-types-private.h"
#include "kith-vcard-extra.h"

/*
 * The properties of an imported vCard that Kith has no field for (a nickname, a related
 * person, a producer's X- properties), kept with the record so that exporting it again writes
 * them back: export → import → export loses nothing. Core keeps them as opaque text; the vCard
 * format (src/services/transfer/kith-vcard.c) writes and reads it.
 */

/* As much as the largest card the vCard reader takes: more is not a vCard's leftovers */
#define MAX_PROPERTIES (8 * 1024 * 1024)

static gboolean
write_extra (KithStore   *self,
             gint64       record_id,
             const char  *properties,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *sql = properties != NULL
    ? "INSERT INTO vcard_extra (record_id, properties) VALUES (?1, ?2) "
      "ON CONFLICT (record_id) DO UPDATE SET properties = ?2 WHERE properties IS NOT ?2"
    : "DELETE FROM vcard_extra WHERE record_id = ?1";

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, record_id);
  if (properties != NULL)
    kith_statement_bind_text (&st, 2, properties);

  return kith_statement_run (&st, error);
}

/**
 * kith_store_set_vcard_extra:
 * @record_id: a person or company
 * @properties: (nullable): vCard text holding the properties to keep; %NULL or "" forgets them
 *
 * Keeps @properties with @record_id, in place of what it held before. Writing the same text
 * again changes nothing, so a second import of a file converges.
 *
 * Returns: %FALSE with @error set when the record does not exist or the text is not UTF-8
 */
gboolean
kith_store_set_vcard_extra (KithStore   *self,
                            gint64       record_id,
                            const char  *properties,
                            GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (properties != NULL && *properties == '\0')
    properties = NULL;
  if (properties != NULL && !g_utf8_validate (properties, -1, NULL))
    return kith_invalid (error, _("The vCard properties kept with a record must be UTF-8 text"));
  if (properties != NULL && strlen (properties) > MAX_PROPERTIES)
    return kith_invalid (error, _("The vCard properties kept with a record are larger than %d MB"),
                         MAX_PROPERTIES / (1024 * 1024));

  kith_store_lock (self);
  ok = write_extra (self, record_id, properties, error);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_dup_vcard_extra:
 *
 * Returns: (transfer full) (nullable): the vCard properties kept with @record_id, or %NULL
 *   when there are none (@error is set only when reading failed)
 */
char *
kith_store_dup_vcard_extra (KithStore   *self,
                            gint64       record_id,
                            GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  char *properties = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self, "SELECT properties FROM vcard_extra WHERE record_id = ?", error))
    {
      kith_statement_bind_int64 (&st, 1, record_id);
      if (kith_statement_step (&st, error))
        properties = kith_statement_dup_text (&st, 0);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return properties;
}
