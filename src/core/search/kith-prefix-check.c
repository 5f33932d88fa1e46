/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include <string.h>

#include "kith-prefix-check.h"
#include "kith-statement.h"

/*
 * Whether one record's text holds words starting with some prefixes, as records_fts would
 * answer "ad"* for it: its indexed text read by id and cut into words by the index's own
 * tokenizer, configured as the schema creates the table.
 *
 * One or two letters name a quarter of a million records' words at a million people ("a"*: its
 * list in the index takes 13 ms to read), while a page of 50 of them sorted by name is found
 * among the first 200 names: checking the records in the order of names one by one, at a few
 * microseconds each, finds that page sooner than reading the list (kith-find.c).
 */

/* records_fts's columns, in its order; a prefix may be limited to some of them (name:, company:) */
static const char *const columns[] = { "name", "emails", "phones", "company", "notes" };
#define N_COLUMNS G_N_ELEMENTS (columns)
#define ALL_COLUMNS ((1u << N_COLUMNS) - 1)

/* As migrations 2 and 24 create records_fts; /query/short-prefixes-walked holds them to it */
static const char *const tokenizer_name = "unicode61";
static const char *const tokenizer_args[] = { "remove_diacritics", "2" };

/* At most this many prefixes a check: each has a bit in Checking.pending */
#define MAX_PREFIXES 64

typedef struct {
  char   *token;     /* folded by the tokenizer */
  gsize   len;
  guint   columns;   /* a bit per column it may be found in */
} Prefix;

struct _KithPrefixCheck
{
  fts5_tokenizer  tokenizer;
  Fts5Tokenizer  *instance;
  GArray         *prefixes;
  KithStatement   text;      /* a record's indexed text */
};

/* One record's check, or one word's folding */
typedef struct {
  KithPrefixCheck *self;
  guint            column;
  guint64          pending;  /* a bit per prefix not found yet */
  GPtrArray       *tokens;   /* folding a word: its tokens */
} Checking;

static void
prefix_clear (Prefix *prefix)
{
  g_free (prefix->token);
}

/* The API of FTS5 on @db, as its documentation says to ask for it */
static fts5_api *
get_fts5_api (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

/**
 * kith_prefix_check_new:
 *
 * Returns: (transfer full) (nullable): a check without prefixes yet (kith_prefix_check_add()),
 *   or %NULL with @error set when the tokenizer of records_fts cannot be made
 */
KithPrefixCheck *
kith_prefix_check_new (KithStore  *store,
                       GError    **error)
{
  g_autoptr(KithPrefixCheck) self = g_new0 (KithPrefixCheck, 1);
  fts5_api *api = get_fts5_api (kith_store_get_db (store));
  void *context = NULL;

  self->prefixes = g_array_new (FALSE, TRUE, sizeof (Prefix));
  g_array_set_clear_func (self->prefixes, (GDestroyNotify) prefix_clear);
  self->text = (KithStatement) KITH_STATEMENT_INIT;

  if (api == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "SQLite has no full-text index (FTS5)");
      return NULL;
    }
  if (api->xFindTokenizer (api, tokenizer_name, &context, &self->tokenizer) != SQLITE_OK ||
      self->tokenizer.xCreate (context, (const char **) tokenizer_args, G_N_ELEMENTS (tokenizer_args),
                               &self->instance) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "SQLite's full-text index has no tokenizer “%s”", tokenizer_name);
      return NULL;
    }

  if (!kith_statement_prepare (&self->text, store,
                               "SELECT name, emails, phones, company, notes FROM records_fts WHERE rowid = ?",
                               error))
    return NULL;

  return g_steal_pointer (&self);
}

void
kith_prefix_check_free (KithPrefixCheck *self)
{
  if (self == NULL)
    return;
  if (self->instance != NULL)
    self->tokenizer.xDelete (self->instance);
  kith_statement_clear (&self->text);
  g_array_unref (self->prefixes);
  g_free (self);
}

static int
add_token (void       *user_data,
           int         flags,
           const char *token,
           int         len,
           int         start,
           int         end)
{
  Checking *checking = user_data;

  g_ptr_array_add (checking->tokens, g_strndup (token, len));
  return SQLITE_OK;
}

/**
 * kith_prefix_check_add:
 * @words: words whose prefixes a record must all hold (kith_query_id_source_get_prefixes())
 * @column: (nullable): the column of records_fts they must be in; %NULL for any
 *
 * Returns: whether they were added; %FALSE, and nothing added, when one is not a single word
 *   to the index's tokenizer (the index alone answers that)
 */
gboolean
kith_prefix_check_add (KithPrefixCheck   *self,
                       const char *const *words,
                       const char        *column)
{
  g_autoptr(GArray) added = g_array_new (FALSE, TRUE, sizeof (Prefix));
  guint mask = ALL_COLUMNS;

  g_array_set_clear_func (added, (GDestroyNotify) prefix_clear);

  if (column != NULL)
    {
      mask = 0;
      for (guint c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (column, columns[c]))
          mask = 1u << c;
      if (mask == 0)
        return FALSE;
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
      Checking checking = { self, 0, 0, tokens };
      Prefix prefix;

      if (self->tokenizer.xTokenize (self->instance, &checking, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX,
                                     words[i], strlen (words[i]), add_token) != SQLITE_OK ||
          tokens->len != 1)
        return FALSE;

      prefix.token = g_strdup (g_ptr_array_index (tokens, 0));
      prefix.len = strlen (prefix.token);
      prefix.columns = mask;
      g_array_append_val (added, prefix);
    }

  if (self->prefixes->len + added->len > MAX_PREFIXES)
    return FALSE;

  for (guint i = 0; i < added->len; i++)
    g_array_append_val (self->prefixes, g_array_index (added, Prefix, i));
  /* The tokens now belong to self->prefixes */
  g_array_set_clear_func (added, NULL);
  return TRUE;
}

/* Strikes from the pending prefixes those @token starts: SQLITE_DONE stops the tokenizer once
 * every one is found */
static int
strike_prefixes (void       *user_data,
                 int         flags,
                 const char *token,
                 int         len,
                 int         start,
                 int         end)
{
  Checking *checking = user_data;
  GArray *prefixes = checking->self->prefixes;

  for (guint i = 0; i < prefixes->len; i++)
    {
      const Prefix *prefix = &g_array_index (prefixes, Prefix, i);

      if ((checking->pending & (G_GUINT64_CONSTANT (1) << i)) != 0 &&
          (prefix->columns & (1u << checking->column)) != 0 &&
          (gsize) len >= prefix->len && memcmp (token, prefix->token, prefix->len) == 0)
        checking->pending &= ~(G_GUINT64_CONSTANT (1) << i);
    }

  return checking->pending == 0 ? SQLITE_DONE : SQLITE_OK;
}

/* The pending prefixes that may be found in @column */
static gboolean
pending_in (Checking *checking,
            guint     column)
{
  GArray *prefixes = checking->self->prefixes;

  for (guint i = 0; i < prefixes->len; i++)
    if ((checking->pending & (G_GUINT64_CONSTANT (1) << i)) != 0 &&
        (g_array_index (prefixes, Prefix, i).columns & (1u << column)) != 0)
      return TRUE;

  return FALSE;
}

/**
 * kith_prefix_check_matches:
 *
 * Sets @out_match to whether record @id's indexed text holds every prefix added, each in a
 * column it may be in: whether records_fts would name @id for them.
 *
 * Returns: %FALSE with @error set when its text could not be read
 */
gboolean
kith_prefix_check_matches (KithPrefixCheck  *self,
                           gint64            id,
                           gboolean         *out_match,
                           GError          **error)
{
  Checking checking = { self, 0, 0, NULL };

  g_return_val_if_fail (self->prefixes->len > 0, FALSE);

  checking.pending = self->prefixes->len == 64 ? G_MAXUINT64
                                               : (G_GUINT64_CONSTANT (1) << self->prefixes->len) - 1;
  *out_match = FALSE;

  kith_statement_bind_int64 (&self->text, 1, id);
  if (!kith_statement_step (&self->text, error))
    return !kith_statement_failed (&self->text);

  for (guint c = 0; c < N_COLUMNS && checking.pending != 0; c++)
    {
      const char *text = kith_statement_column_text (&self->text, c);
      int rc;

      if (text == NULL || !pending_in (&checking, c))
        continue;
      checking.column = c;
      rc = self->tokenizer.xTokenize (self->instance, &checking, FTS5_TOKENIZE_DOCUMENT, text,
                                      sqlite3_column_bytes (self->text.stmt, c), strike_prefixes);
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not read the words of record %" G_GINT64_FORMAT
                       ": %s", id, sqlite3_errstr (rc));
          return FALSE;
        }
    }

  *out_match = checking.pending == 0;
  return TRUE;
}
