/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include "kith-statement.h"

/**
 * kith_statement_take:
 * @stmt: (nullable) (transfer none): a statement from kith_store_prepare(), or %NULL when
 *   preparing failed (the error is already set)
 * @owned: whether @stmt is of SQL built per call (kith_statement_prepare_once()): handed back to
 *   the store's few kept when cleared, instead of reset in its cache
 *
 * Returns: whether @st holds a statement
 */
gboolean
kith_statement_take (KithStatement *st,
                     KithStore     *store,
                     sqlite3_stmt  *stmt,
                     gboolean       owned)
{
  g_assert (st->stmt == NULL);

  st->store = store;
  st->stmt = stmt;
  st->stepped = FALSE;
  st->failed = FALSE;
  st->owned = owned;

  return stmt != NULL;
}

/* For SQL built per call (a search with its LIMIT): caching every variant would only grow the
 * cache, so the statement is the scope's alone, and only the last few are kept when it ends
 * (kith_store_take_built()). */
gboolean
kith_statement_prepare_once (KithStatement  *st,
                             KithStore      *store,
                             const char     *sql,
                             GError        **error)
{
  sqlite3_stmt *stmt = kith_store_take_built (store, sql);

  if (stmt != NULL)
    return kith_statement_take (st, store, stmt, TRUE);

  if (sqlite3_prepare_v2 (kith_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      kith_store_set_sqlite_error (store, error);
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  return kith_statement_take (st, store, stmt, TRUE);
}

void
kith_statement_clear (KithStatement *st)
{
  if (st->stmt == NULL)
    return;

  if (st->owned)
    kith_store_give_back_built (st->store, st->stmt);
  else
    {
      sqlite3_reset (st->stmt);
      sqlite3_clear_bindings (st->stmt);
    }
  st->stmt = NULL;
  st->stepped = FALSE;
}

/* A bound parameter may not change while a statement is mid-way through its rows */
static sqlite3_stmt *
ready_to_bind (KithStatement *st)
{
  g_assert (st->stmt != NULL);

  if (st->stepped)
    {
      sqlite3_reset (st->stmt);
      st->stepped = FALSE;
      st->failed = FALSE;
    }

  return st->stmt;
}

void
kith_statement_bind_int64 (KithStatement *st,
                           int            index,
                           gint64         value)
{
  sqlite3_bind_int64 (ready_to_bind (st), index, value);
}

void
kith_statement_bind_double (KithStatement *st,
                            int            index,
                            double         value)
{
  sqlite3_bind_double (ready_to_bind (st), index, value);
}

/* %NULL binds SQL NULL */
void
kith_statement_bind_text (KithStatement *st,
                          int            index,
                          const char    *text)
{
  kith_store_bind_text (ready_to_bind (st), index, text);
}

void
kith_statement_bind_null (KithStatement *st,
                          int            index)
{
  sqlite3_bind_null (ready_to_bind (st), index);
}

/* @params: GVariants (int64, double or string) or %NULL for SQL NULL, bound from @first on */
void
kith_statement_bind_params (KithStatement *st,
                            GPtrArray     *params,
                            int            first)
{
  kith_store_bind_params (ready_to_bind (st), params, first);
}

/**
 * kith_statement_step:
 *
 * Returns: %TRUE when a row is there to read; %FALSE after the last row, or with @error set
 *   when SQLite failed
 */
gboolean
kith_statement_step (KithStatement  *st,
                     GError        **error)
{
  int rc;

  g_assert (st->stmt != NULL);

  st->stepped = TRUE;
  rc = sqlite3_step (st->stmt);
  st->failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
  if (st->failed)
    kith_store_set_sqlite_error (st->store, error);

  return rc == SQLITE_ROW;
}

/**
 * kith_statement_run:
 *
 * Runs a statement that writes, or reads one row it does not need.
 *
 * Returns: %FALSE with @error set when SQLite failed
 */
gboolean
kith_statement_run (KithStatement  *st,
                    GError        **error)
{
  kith_statement_step (st, error);

  return !st->failed;
}

/* Whether the last kith_statement_step() failed, rather than ran out of rows */
gboolean
kith_statement_failed (KithStatement *st)
{
  return st->failed;
}

/* Steps once: whether there is a row (%FALSE with @error set when SQLite failed) */
gboolean
kith_statement_has_row (KithStatement  *st,
                        GError        **error)
{
  return kith_statement_step (st, error);
}

/* Steps once: the first column of the row, or 0 when there is none */
gint64
kith_statement_get_int64 (KithStatement  *st,
                          GError        **error)
{
  return kith_statement_step (st, error) ? kith_statement_column_int64 (st, 0) : 0;
}

/* Steps once: a copy of the first column of the row, or %NULL when there is none */
char *
kith_statement_dup_string (KithStatement  *st,
                           GError        **error)
{
  return kith_statement_step (st, error) ? kith_statement_dup_text (st, 0) : NULL;
}

/**
 * kith_statement_get_ids:
 *
 * Returns: (transfer full) (nullable): the first column of every row, as a #GArray of gint64;
 *   %NULL with @error set when SQLite failed
 */
GArray *
kith_statement_get_ids (KithStatement  *st,
                        GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (kith_statement_step (st, error))
    {
      gint64 id = kith_statement_column_int64 (st, 0);
      g_array_append_val (ids, id);
    }
  if (st->failed)
    return NULL;

  return g_steal_pointer (&ids);
}

gint64
kith_statement_column_int64 (KithStatement *st,
                             int            column)
{
  return sqlite3_column_int64 (st->stmt, column);
}

double
kith_statement_column_double (KithStatement *st,
                              int            column)
{
  return sqlite3_column_double (st->stmt, column);
}

/* Borrowed until the next step, bind or the end of the scope; %NULL for SQL NULL */
const char *
kith_statement_column_text (KithStatement *st,
                            int            column)
{
  return (const char *) sqlite3_column_text (st->stmt, column);
}

char *
kith_statement_dup_text (KithStatement *st,
                         int            column)
{
  return g_strdup (kith_statement_column_text (st, column));
}

gboolean
kith_statement_column_is_null (KithStatement *st,
                               int            column)
{
  return sqlite3_column_type (st->stmt, column) == SQLITE_NULL;
}

int
kith_statement_column_count (KithStatement *st)
{
  return sqlite3_column_count (st->stmt);
}

const char *
kith_statement_column_name (KithStatement *st,
                            int            column)
{
  return sqlite3_column_name (st->stmt, column);
}

/* Returns: (transfer full): the value of @column as JSON: a number, text or null */
JsonNode *
kith_statement_column_to_json (KithStatement *st,
                               int            column)
{
  JsonNode *node = json_node_alloc ();

  switch (sqlite3_column_type (st->stmt, column))
    {
    case SQLITE_INTEGER:
      return json_node_init_int (node, sqlite3_column_int64 (st->stmt, column));
    case SQLITE_FLOAT:
      return json_node_init_double (node, sqlite3_column_double (st->stmt, column));
    case SQLITE_NULL:
      return json_node_init_null (node);
    default:
      return json_node_init_string (node, kith_statement_column_text (st, column));
    }
}

/* Binds a JSON value as kith_statement_column_to_json() made it; %NULL, null or a list or
 * object bind SQL NULL */
void
kith_statement_bind_json (KithStatement *st,
                          int            index,
                          JsonNode      *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    kith_statement_bind_null (st, index);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    kith_statement_bind_int64 (st, index, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    kith_statement_bind_double (st, index, json_node_get_double (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    kith_statement_bind_int64 (st, index, json_node_get_boolean (node));
  else
    kith_statement_bind_text (st, index, json_node_get_string (node));
}

/* Sets @member of @obj to the text of @column, unless it is SQL NULL */
void
kith_statement_set_text_member (KithStatement *st,
                                int            column,
                                JsonObject    *obj,
                                const char    *member)
{
  const char *text = kith_statement_column_text (st, column);

  if (text != NULL)
    json_object_set_string_member (obj, member, text);
}

gint64
kith_statement_last_insert_id (KithStatement *st)
{
  return sqlite3_last_insert_rowid (kith_store_get_db (st->store));
}

/* Rows changed by the last write of the connection, which the caller's lock makes this one */
int
kith_statement_changes (KithStatement *st)
{
  return sqlite3_changes (kith_store_get_db (st->store));
}
