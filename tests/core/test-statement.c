/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-statement.h"
#include "kith-test-util.h"

/* The statement helper: what it promises the store's code, checked on a real database */

/* Whether a statement of the store's connection is still running: one left so holds the read
 * transaction open, and later writes wait behind it. */
static gboolean
any_statement_busy (KithStore *store)
{
  sqlite3 *db = kith_store_get_db (store);

  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    if (sqlite3_stmt_busy (s))
      return TRUE;

  return FALSE;
}

static int
count_statements (KithStore *store)
{
  sqlite3 *db = kith_store_get_db (store);
  int n = 0;

  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    n++;

  return n;
}

/* Leaves after the first of several rows, as a lookup does */
static gint64
first_id (KithStore *store)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  g_assert_true (kith_statement_prepare (&st, store, "SELECT id FROM records ORDER BY id", NULL));
  g_assert_true (kith_statement_step (&st, NULL));

  return kith_statement_column_int64 (&st, 0);
}

static void
test_reset_on_scope_exit (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Grace Hopper\"}");

  kith_store_lock (t->store);
  g_assert_cmpint (first_id (t->store), ==, ada);
  g_assert_false (any_statement_busy (t->store));
  kith_store_unlock (t->store);
}

/* A statement prepared again finds its bindings cleared: a NULL it did not bind is NULL */
static void
test_bindings_cleared (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  const char *sql = "SELECT ?1 IS NULL";

  kith_store_lock (t->store);
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    g_assert_true (kith_statement_prepare (&st, t->store, sql, NULL));
    kith_statement_bind_text (&st, 1, "bound");
    g_assert_cmpint (kith_statement_get_int64 (&st, NULL), ==, 0);
  }
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    g_assert_true (kith_statement_prepare (&st, t->store, sql, NULL));
    g_assert_cmpint (kith_statement_get_int64 (&st, NULL), ==, 1);
  }
  kith_store_unlock (t->store);
}

/* Binding after a step starts the statement again: one statement serves a loop of lookups */
static void
test_rebind_after_step (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  kith_store_lock (t->store);
  g_assert_true (kith_statement_prepare (&st, t->store, "SELECT ?1 * 2 UNION ALL SELECT 0", NULL));
  for (gint64 i = 1; i <= 3; i++)
    {
      kith_statement_bind_int64 (&st, 1, i);
      g_assert_cmpint (kith_statement_get_int64 (&st, NULL), ==, 2 * i);
    }
  kith_statement_clear (&st);
  kith_store_unlock (t->store);
}

/* A failing step is a GError of the store's domain, and kith_statement_failed() says so */
static void
test_step_error (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  kith_store_lock (t->store);
  g_assert_true (kith_statement_prepare (&st, t->store, "INSERT INTO settings (key, value) VALUES (?, 'x')", NULL));
  kith_statement_bind_text (&st, 1, "twice");
  g_assert_true (kith_statement_run (&st, &error));
  g_assert_no_error (error);
  kith_statement_bind_text (&st, 1, "twice");
  g_assert_false (kith_statement_run (&st, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_assert_true (kith_statement_failed (&st));
  kith_statement_clear (&st);
  g_assert_false (any_statement_busy (t->store));
  kith_store_unlock (t->store);
}

/* A statement built per call is its scope's alone; the last few are kept for the same text
 * again, reset and without bindings, and the oldest finalized */
static void
test_prepare_once (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  const char *sql = "SELECT coalesce(?1, -1) LIMIT 1 OFFSET 0";
  int before;

  kith_store_lock (t->store);
  before = count_statements (t->store);
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    g_assert_true (kith_statement_prepare_once (&st, t->store, sql, &error));
    g_assert_no_error (error);
    kith_statement_bind_int64 (&st, 1, 42);
    g_assert_cmpint (kith_statement_get_int64 (&st, NULL), ==, 42);
    g_assert_cmpint (count_statements (t->store), ==, before + 1);
  }
  g_assert_false (any_statement_busy (t->store));

  /* The same text again: the kept statement, without the last binding; and a second scope at
   * the same time gets one of its own */
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;
    g_auto(KithStatement) other = KITH_STATEMENT_INIT;

    g_assert_true (kith_statement_prepare_once (&st, t->store, sql, NULL));
    g_assert_cmpint (count_statements (t->store), ==, before + 1);
    g_assert_true (kith_statement_step (&st, NULL));
    g_assert_cmpint (kith_statement_column_int64 (&st, 0), ==, -1);

    g_assert_true (kith_statement_prepare_once (&other, t->store, sql, NULL));
    g_assert_true (other.stmt != st.stmt);
    kith_statement_bind_int64 (&other, 1, 7);
    g_assert_cmpint (kith_statement_get_int64 (&other, NULL), ==, 7);
    g_assert_cmpint (kith_statement_column_int64 (&st, 0), ==, -1);
  }

  /* Many texts: only the last few stay */
  for (int i = 0; i < 100; i++)
    {
      g_auto(KithStatement) st = KITH_STATEMENT_INIT;
      g_autofree char *each = g_strdup_printf ("SELECT %d LIMIT 1", i);

      g_assert_true (kith_statement_prepare_once (&st, t->store, each, NULL));
      g_assert_cmpint (kith_statement_get_int64 (&st, NULL), ==, i);
    }
  g_assert_cmpint (count_statements (t->store), <=, before + 32);
  g_assert_false (any_statement_busy (t->store));

  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    g_assert_false (kith_statement_prepare_once (&st, t->store, "SELECT FROM nowhere", &error));
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED);
  }
  kith_store_unlock (t->store);
}

/* The cache finds a statement by the address of its text first: a text built per call, whose
 * address another text takes later, still gets its own statement */
static void
test_text_at_reused_address (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  char sql[64];

  kith_store_lock (t->store);
  for (int i = 0; i < 3; i++)
    {
      g_auto(KithStatement) st = KITH_STATEMENT_INIT;

      g_snprintf (sql, sizeof sql, "SELECT %d", 40 + i);
      g_assert_true (kith_statement_prepare (&st, t->store, sql, NULL));
      g_assert_cmpint (kith_statement_get_int64 (&st, NULL), ==, 40 + i);
    }
  /* And the first text again, at the same address: its cached statement */
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    g_snprintf (sql, sizeof sql, "SELECT %d", 40);
    g_assert_true (kith_statement_prepare (&st, t->store, sql, NULL));
    g_assert_cmpint (kith_statement_get_int64 (&st, NULL), ==, 40);
  }
  kith_store_unlock (t->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statement/reset-on-scope-exit", test_reset_on_scope_exit);
  g_test_add_func ("/statement/bindings-cleared", test_bindings_cleared);
  g_test_add_func ("/statement/rebind-after-step", test_rebind_after_step);
  g_test_add_func ("/statement/step-error", test_step_error);
  g_test_add_func ("/statement/prepare-once", test_prepare_once);
  g_test_add_func ("/statement/text-at-reused-address", test_text_at_reused_address);

  return g_test_run ();
}
