/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Typed calls for the store's settings (`files-mode`, `preset`, …) on the store's worker, for
 * the GUI, which never waits for SQLite. Writes are never cancelled.
 */

#define G_LOG_DOMAIN "KithSetting"

#include "config.h"

#include "kith-relationship.h"
#include "kith-mail.h"
#include "kith-model-task.h"
#include "kith-setting.h"

/* A setting that is not set reads as "" here: %NULL is a failed job */
static gpointer
dup_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  char *value = kith_store_dup_setting (store, data);

  return value != NULL ? value : g_strdup ("");
}

/**
 * kith_setting_dup_async:
 *
 * Reads a setting on the store's worker.
 */
void
kith_setting_dup_async (KithStore           *store,
                        const char          *key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, dup_job, g_strdup (key), g_free, g_free, cancellable, kith_setting_dup_async, callback,
                  user_data);
}

/**
 * kith_setting_dup_finish:
 *
 * Returns: (transfer full) (nullable): the setting's value, "" when it is not set, or %NULL
 *   with @error set
 */
char *
kith_setting_dup_finish (KithStore     *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return kith_model_finish_pointer (store, result, kith_setting_dup_async, error);
}

static gpointer
set_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  GStrv pair = data;

  /* The preset is a setting that changes the segments, stages and steps with it */
  if (g_str_equal (pair[0], "preset"))
    return GINT_TO_POINTER (kith_relationship_apply_preset (store, pair[1], error));

  return GINT_TO_POINTER (kith_store_set_setting (store, pair[0], pair[1], error));
}

/**
 * kith_setting_set_async:
 *
 * Sets a setting on the store's worker; never cancelled.
 */
void
kith_setting_set_async (KithStore           *store,
                        const char          *key,
                        const char          *value,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  char *pair[] = { (char *) key, (char *) value, NULL };

  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, set_job, g_strdupv (pair), (GDestroyNotify) g_strfreev, NULL, NULL,
                  kith_setting_set_async, callback, user_data);
}

gboolean
kith_setting_set_finish (KithStore     *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return kith_model_finish_boolean (store, result, kith_setting_set_async, error);
}

/**
 * kith_setting_apply_preset_async:
 * @preset: "business" or "realestate"
 *
 * Applies a preset (names of segments and stages, and the steps to start from) on the store's
 * worker; never cancelled.
 */
void
kith_setting_apply_preset_async (KithStore           *store,
                                 const char          *preset,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  kith_setting_set_async (store, "preset", preset, callback, user_data);
}

gboolean
kith_setting_apply_preset_finish (KithStore     *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kith_setting_set_finish (store, result, error);
}

typedef struct {
  GStrv  addresses;
  char  *name;
} Me;

static void
me_free (Me *me)
{
  g_strfreev (me->addresses);
  g_free (me->name);
  g_free (me);
}

static gpointer
me_job (KithStore  *store,
        gpointer    data,
        GError    **error)
{
  Me *me = g_new0 (Me, 1);

  me->addresses = kith_store_dup_me (store, &me->name);

  return me;
}

/**
 * kith_setting_dup_me_async:
 *
 * Reads who the user is (kith_store_dup_me()) on the store's worker.
 */
void
kith_setting_dup_me_async (KithStore           *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, me_job, NULL, NULL, (GDestroyNotify) me_free, cancellable, kith_setting_dup_me_async,
                  callback, user_data);
}

/**
 * kith_setting_dup_me_finish:
 * @out_name: (out) (optional) (transfer full): the user's name, or %NULL when it is not known
 *
 * Returns: (transfer full) (nullable): the user's addresses, or %NULL with @error set
 */
GStrv
kith_setting_dup_me_finish (KithStore     *store,
                            GAsyncResult  *result,
                            char         **out_name,
                            GError       **error)
{
  Me *me = kith_model_finish_pointer (store, result, kith_setting_dup_me_async, error);
  GStrv addresses;

  if (me == NULL)
    return NULL;

  addresses = g_steal_pointer (&me->addresses);
  if (out_name != NULL)
    *out_name = g_steal_pointer (&me->name);
  me_free (me);

  return addresses;
}
