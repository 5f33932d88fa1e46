/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Address completion for the composer: the records the lists' type-ahead finds for a name prefix
 * (name:"…", the full-text index) or an email prefix (email:"…", the channels' keys), each with
 * its emails, people before companies.
 */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include <string.h>

#include "kith-address-match.h"
#include "kith-address-search.h"
#include "kith-find.h"
#include "kith-model-task.h"
#include "kith-statement.h"

/* The text as a value of the query language: quoted, so nothing in it is syntax */
static char *
quote_value (const char *text)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

/* Appends a match for each email of record @id; with an '@' typed, only the emails it starts */
static gboolean
add_record_emails (KithStore       *self,
                   gint64           id,
                   KithRecordKind   kind,
                   const char      *folded_prefix,
                   GPtrArray       *matches,
                   guint            limit,
                   GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "SELECT r.name, c.value, c.key FROM records r "
                               "JOIN channels c ON c.record_id = r.id AND c.type = 'email' "
                               "WHERE r.id = ? ORDER BY c.preferred DESC, c.position", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  while (matches->len < limit && kith_statement_step (&st, error))
    {
      const char *key = kith_statement_column_text (&st, 2);

      if (folded_prefix != NULL && (key == NULL || !g_str_has_prefix (key, folded_prefix)))
        continue;
      g_ptr_array_add (matches, kith_address_match_new (id, kind,
                                                        kith_statement_column_text (&st, 0),
                                                        kith_statement_column_text (&st, 1)));
    }
  return !kith_statement_failed (&st);
}

static gboolean
find_kind (KithStore       *self,
           KithRecordKind   kind,
           const char      *query,
           const char      *folded_prefix,
           GPtrArray       *matches,
           guint            limit,
           GError         **error)
{
  g_autoptr(GArray) ids = kith_store_find (self, kind, query, KITH_SORT_NAME, KITH_GROUP_NONE, 0, limit,
                                           NULL, error);
  gboolean ok = TRUE;

  if (ids == NULL)
    return FALSE;

  kith_store_lock (self);
  for (guint i = 0; ok && i < ids->len && matches->len < limit; i++)
    ok = add_record_emails (self, g_array_index (ids, gint64, i), kind, folded_prefix, matches, limit, error);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_find_addresses:
 * @text: what was typed: the start of a name or of an email address
 * @limit: at most this many matches
 *
 * Returns: (transfer full) (element-type KithAddressMatch) (nullable): the matches, people first,
 *   each kind by name; empty for an empty @text
 */
GPtrArray *
kith_store_find_addresses (KithStore   *self,
                           const char  *text,
                           guint        limit,
                           GError     **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *stripped = NULL;
  g_autofree char *name_value = NULL;
  g_autofree char *local = NULL;
  g_autofree char *email_value = NULL;
  g_autofree char *query = NULL;
  const char *at;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return g_steal_pointer (&matches);

  /* email: takes "ann@example.com" as a whole address: past the '@' it is asked for the part
   * up to it, and the emails are then kept by the whole prefix */
  at = strchr (stripped, '@');
  if (at != NULL)
    folded = g_utf8_casefold (stripped, -1);
  name_value = quote_value (stripped);
  local = g_strndup (stripped, at != NULL ? (gsize) (at + 1 - stripped) : strlen (stripped));
  email_value = quote_value (local);
  query = g_strdup_printf ("name:%s OR email:%s", name_value, email_value);

  if (!find_kind (self, KITH_RECORD_PERSON, query, folded, matches, limit, error) ||
      !find_kind (self, KITH_RECORD_COMPANY, query, folded, matches, limit, error))
    return NULL;

  return g_steal_pointer (&matches);
}

typedef struct {
  char  *text;
  guint  limit;
} Search;

static void
search_free (Search *search)
{
  g_free (search->text);
  g_free (search);
}

static gpointer
find_addresses_job (KithStore  *store,
                    gpointer    data,
                    GError    **error)
{
  Search *search = data;
  g_autoptr(GPtrArray) matches = kith_store_find_addresses (store, search->text, search->limit, error);
  GListStore *model;

  if (matches == NULL)
    return NULL;
  model = g_list_store_new (KITH_TYPE_ADDRESS_MATCH);
  g_list_store_splice (model, 0, 0, matches->pdata, matches->len);
  return model;
}

/**
 * kith_store_find_addresses_async:
 *
 * kith_store_find_addresses() on the store's worker; a read, so @cancellable may drop it.
 */
void
kith_store_find_addresses_async (KithStore           *self,
                                 const char          *text,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Search *search;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (text != NULL);

  search = g_new0 (Search, 1);
  search->text = g_strdup (text);
  search->limit = limit;
  kith_model_run (self, self, find_addresses_job, search, (GDestroyNotify) search_free, g_object_unref,
                  cancellable, kith_store_find_addresses_async, callback, user_data);
}

/**
 * kith_store_find_addresses_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #KithAddressMatch<!-- -->es
 */
GListModel *
kith_store_find_addresses_finish (KithStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_find_addresses_async, error);
}
