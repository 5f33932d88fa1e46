/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The widget tests' own store work: a store to start from, written and read on the store's
 * worker, never on the main thread the tests own (see own_main_context ()). */

#include "kith-core.h"
#include "kith-test-util.h"
#include "kith-gui-test-util.h"

static inline gpointer
open_store_thread (gpointer data)
{
  return kith_test_store_new ();
}

/* A store in a fresh folder, in real time, opened off the main thread */
static inline KithTestStore *
gui_test_store_new (void)
{
  KithTestStore *t = g_thread_join (g_thread_new ("kith-test-open", open_store_thread, NULL));

  kith_store_set_clock (t->store, NULL, NULL);   /* the widgets live in real time */
  return t;
}

/* Runs @func on @store's worker, as the application runs its store work, and waits for it:
 * how a test writes what it starts from and reads what was stored (a store call of the test's
 * own on the main thread would abort, see own_main_context ()). @func must not fail. */
static inline gpointer
on_worker (KithStore        *store,
           KithStoreJobFunc  func,
           gpointer          data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gpointer ret;

  kith_store_run_async (store, func, data, NULL, NULL, NULL, kith_test_result_cb, &result);
  ret = kith_store_run_finish (store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return ret;
}

typedef struct {
  KithTestStore  *t;
  KithRecordKind  kind;
  const char     *what;
  const char     *json;
  gint64          id;
} Seed;

static inline gpointer
create_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Seed *seed = data;

  seed->id = kith_test_create (seed->t, seed->kind, seed->json);
  return NULL;
}

/* Creates a record from its JSON, on the worker; returns its id */
static inline gint64
seed_record (KithTestStore  *t,
             KithRecordKind  kind,
             const char     *json)
{
  Seed seed = { t, kind, NULL, json, 0 };

  on_worker (t->store, create_job, &seed);
  return seed.id;
}

static inline gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  Seed *seed = data;

  kith_test_add (seed->t, seed->what, seed->json);
  return NULL;
}

/* Adds a timeline item ("item") or a to-do ("todo") from its JSON, on the worker */
static inline void
seed_add (KithTestStore *t,
          const char    *what,
          const char    *json)
{
  Seed seed = { t, 0, what, json, 0 };

  on_worker (t->store, add_job, &seed);
}

static inline gpointer
dump_record_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  Seed *seed = data;

  return kith_test_dump_record (seed->t, seed->id);
}

/* kith_test_dump_record (), read on the worker */
static inline char *
dump_record (KithTestStore *t,
             gint64         id)
{
  Seed seed = { t, 0, NULL, NULL, id };

  return on_worker (t->store, dump_record_job, &seed);
}

/* The record @id as the store has it, read on the worker */
static inline KithRecord *
stored_record (KithStore *store,
               gint64     id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KithRecord *record;

  kith_store_get_record_async (store, id, NULL, kith_test_result_cb, &result);
  record = kith_store_get_record_finish (store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return record;
}

static inline gpointer
lookup_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  gint64 *id = g_new (gint64, 1);

  *id = kith_store_lookup (store, data, NULL);
  return id;
}

/* The id of the record with the email address @email, read on the worker */
static inline gint64
lookup (KithStore  *store,
        const char *email)
{
  g_autofree gint64 *id = on_worker (store, lookup_job, (gpointer) email);

  return *id;
}

static inline gpointer
apply_preset_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  g_assert_true (kith_relationship_apply_preset (store, data, error));
  return NULL;
}

/* Applies the relationship preset @preset ("realestate", "business"), on the worker */
static inline void
apply_preset (KithStore  *store,
              const char *preset)
{
  on_worker (store, apply_preset_job, (gpointer) preset);
}

static inline gpointer
find_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  gpointer *args = data;

  return kith_store_find (store, GPOINTER_TO_INT (args[0]), args[1], KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT,
                          NULL, error);
}

/* The ids of the records of @kind that @query finds, by name, searched on the worker */
static inline GArray *
find_records (KithStore      *store,
              KithRecordKind  kind,
              const char     *query)
{
  gpointer args[] = { GINT_TO_POINTER (kind), (gpointer) query };

  return on_worker (store, find_job, args);
}

/* A long write, as an import's */
typedef struct {
  GMutex        mutex;
  GCond         cond;
  gboolean      holding;
  gboolean      released;
  GAsyncResult *result;
} Hold;

static inline gpointer
hold_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Hold *hold = data;

  g_mutex_lock (&hold->mutex);
  hold->holding = TRUE;
  g_cond_broadcast (&hold->cond);
  while (!hold->released)
    g_cond_wait (&hold->cond, &hold->mutex);
  g_mutex_unlock (&hold->mutex);
  return NULL;
}

static inline gboolean
holding (gpointer data)
{
  Hold *hold = data;
  gboolean ret;

  g_mutex_lock (&hold->mutex);
  ret = hold->holding;
  g_mutex_unlock (&hold->mutex);
  return ret;
}

/* Holds @store's worker, and its lock, until release_store (): a write the product queues meanwhile
 * waits */
static inline void
hold_store (KithStore *store,
            Hold      *hold)
{
  kith_store_run_async (store, hold_job, hold, NULL, NULL, NULL, kith_test_result_cb, &hold->result);
  wait_until (holding, hold);
}

static inline void
release_store (KithStore *store,
               Hold      *hold)
{
  g_mutex_lock (&hold->mutex);
  hold->released = TRUE;
  g_cond_broadcast (&hold->cond);
  g_mutex_unlock (&hold->mutex);
  kith_store_run_finish (store, kith_test_wait_result (&hold->result), NULL);
  g_clear_object (&hold->result);
}
