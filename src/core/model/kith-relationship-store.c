/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-segment.h"
#include "kith-model-task.h"
#include "kith-relationship.h"
#include "kith-relationship-store.h"

/*
 * What a record's relationship is edited with, read in one go on the store's worker: the
 * segments with their stages and steps, the custom fields of the record's kind, and the tags in
 * use.
 */

typedef struct {
  GListStore  *segments;
  GListStore  *fields;
  GListStore  *tags;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->segments);
  g_clear_object (&loaded->fields);
  g_clear_object (&loaded->tags);
  g_free (loaded);
}

static gpointer
load_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  g_autoptr(GListModel) segments = kith_relationship_list_segments (store, error);
  g_autoptr(GListModel) fields = segments != NULL ? kith_fields_list (store, *(KithRecordKind *) data, error) : NULL;
  g_autoptr(GListModel) tags = fields != NULL ? kith_tags_list (store, error) : NULL;
  Loaded *loaded;

  if (tags == NULL)
    return NULL;

  loaded = g_new0 (Loaded, 1);
  loaded->segments = G_LIST_STORE (g_steal_pointer (&segments));
  loaded->fields = G_LIST_STORE (g_steal_pointer (&fields));
  loaded->tags = G_LIST_STORE (g_steal_pointer (&tags));
  return loaded;
}

/**
 * kith_store_load_relationship_async:
 * @kind: the kind of record edited
 */
void
kith_store_load_relationship_async (KithStore           *self,
                                    KithRecordKind       kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, load_job, g_memdup2 (&kind, sizeof kind), g_free, (GDestroyNotify) loaded_free,
                  cancellable, kith_store_load_relationship_async, callback, user_data);
}

/**
 * kith_store_load_relationship_finish:
 * @out_segments: (out) (transfer full): a list model of #KithSegment, in order
 * @out_fields: (out) (transfer full): a list model of #KithFieldDefinition, in order
 * @out_tags: (out) (transfer full): a list model of the #KithTag<!-- -->s in use, most used first
 */
gboolean
kith_store_load_relationship_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GListModel   **out_segments,
                                     GListModel   **out_fields,
                                     GListModel   **out_tags,
                                     GError       **error)
{
  Loaded *loaded = kith_model_finish_pointer (self, result, kith_store_load_relationship_async, error);

  if (loaded == NULL)
    return FALSE;
  *out_segments = G_LIST_MODEL (g_steal_pointer (&loaded->segments));
  *out_fields = G_LIST_MODEL (g_steal_pointer (&loaded->fields));
  *out_tags = G_LIST_MODEL (g_steal_pointer (&loaded->tags));
  loaded_free (loaded);
  return TRUE;
}
