/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/*
 * A statement of the store, held for one scope:
 *
 *   g_auto(KithStatement) st = KITH_STATEMENT_INIT;
 *
 *   if (!kith_statement_prepare (&st, self, "SELECT name FROM records WHERE id = ?", error))
 *     return FALSE;
 *   kith_statement_bind_int64 (&st, 1, id);
 *   while (kith_statement_step (&st, error))
 *     … kith_statement_column_text (&st, 0) …
 *   if (kith_statement_failed (&st))
 *     return FALSE;
 *
 * kith_statement_prepare() takes the store's cached statement for the SQL text (prepared once);
 * leaving the scope resets it and clears its bindings, so no error path forgets to. Binding again
 * after a step resets it first, so one statement serves a loop of lookups. The caller holds the
 * store's lock, as for kith_store_prepare(), until the scope ends: declare the statement in a
 * function or block that ends before kith_store_unlock().
 */
typedef struct {
  KithStore    *store;
  sqlite3_stmt *stmt;
  gboolean      stepped;
  gboolean      failed;    /* the last step failed */
  gboolean      owned;     /* of SQL built per call: handed back to the store's few kept
                          * (kith_store_give_back_built()), not to its cache */
} KithStatement;

#define KITH_STATEMENT_INIT { NULL, NULL, FALSE, FALSE, FALSE }

/* A macro, so that the thread check names the store function, not this helper */
#define kith_statement_prepare(st, self, sql, error) \
  kith_statement_take ((st), (self), kith_store_prepare ((self), (sql), (error)), FALSE)

gboolean      kith_statement_take         (KithStatement  *st,
                                           KithStore      *store,
                                           sqlite3_stmt   *stmt,
                                           gboolean        owned);
gboolean      kith_statement_prepare_once (KithStatement  *st,
                                           KithStore      *store,
                                           const char     *sql,
                                           GError        **error);
void          kith_statement_clear        (KithStatement  *st);

void          kith_statement_bind_int64   (KithStatement  *st,
                                           int             index,
                                           gint64          value);
void          kith_statement_bind_double  (KithStatement  *st,
                                           int             index,
                                           double          value);
void          kith_statement_bind_text    (KithStatement  *st,
                                           int             index,
                                           const char     *text);
void          kith_statement_bind_null    (KithStatement  *st,
                                           int             index);
void          kith_statement_bind_params  (KithStatement  *st,
                                           GPtrArray      *params,
                                           int             first);

gboolean      kith_statement_step         (KithStatement  *st,
                                           GError        **error);
gboolean      kith_statement_run          (KithStatement  *st,
                                           GError        **error);
gboolean      kith_statement_failed       (KithStatement  *st);
gboolean      kith_statement_has_row      (KithStatement  *st,
                                           GError        **error);
gint64        kith_statement_get_int64    (KithStatement  *st,
                                           GError        **error);
char         *kith_statement_dup_string   (KithStatement  *st,
                                           GError        **error);
GArray       *kith_statement_get_ids      (KithStatement  *st,
                                           GError        **error);

gint64        kith_statement_column_int64 (KithStatement  *st,
                                           int             column);
double        kith_statement_column_double (KithStatement *st,
                                           int             column);
const char   *kith_statement_column_text  (KithStatement  *st,
                                           int             column);
char         *kith_statement_dup_text     (KithStatement  *st,
                                           int             column);
gboolean      kith_statement_column_is_null (KithStatement *st,
                                           int             column);
int           kith_statement_column_count (KithStatement  *st);
const char   *kith_statement_column_name  (KithStatement  *st,
                                           int             column);
JsonNode     *kith_statement_column_to_json (KithStatement *st,
                                           int             column);
void          kith_statement_bind_json    (KithStatement  *st,
                                           int             index,
                                           JsonNode       *node);
void          kith_statement_set_text_member (KithStatement *st,
                                           int             column,
                                           JsonObject     *obj,
                                           const char     *member);

gint64        kith_statement_last_insert_id (KithStatement *st);
int           kith_statement_changes      (KithStatement  *st);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KithStatement, kith_statement_clear)

G_END_DECLS
