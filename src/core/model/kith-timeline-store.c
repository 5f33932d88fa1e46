/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A record's timeline through typed calls: a page of KithTimelineItem, add, delete. They run
 * on the store's worker; the page is read typed, and a new item is copied into the writer's
 * input (KithTimelineInput), checked as JSON input is, so that no JSON lies between the window
 * and the store. Writes take no cancellable:
 * a note the user added is stored even when the profile closes first.
 */

#define G_LOG_DOMAIN "KithTimelineStore"

#include "config.h"

#include "kith-timeline-input-typed.h"
#include "kith-timeline-reader.h"
#include "kith-timeline-writer.h"
#include "kith-model-task.h"
#include "kith-timeline-store.h"

typedef struct {
  gint64          record_id;
  KithTimelineKey older_than;
  KithTimelineKey down_to;
  gboolean        has_older_than;
  gboolean        has_down_to;
  guint           limit;
} Page;

static gpointer
page_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Page *page = data;

  return kith_store_get_timeline_range (store, page->record_id, page->has_older_than ? &page->older_than : NULL,
                                        page->has_down_to ? &page->down_to : NULL, page->limit, error);
}

/**
 * kith_store_get_timeline_page_async:
 * @record_id: a person, company (with its people's items) or project (with its participants')
 * @older_than: (nullable): read the items after this one: the next page
 * @down_to: (nullable): read no further than this item, itself included: the pages read so far
 * @limit: at most this many, G_MAXUINT for all
 *
 * Reads items of the record's timeline, newest first, as kith_store_get_timeline_range().
 */
void
kith_store_get_timeline_page_async (KithStore             *self,
                                    gint64                 record_id,
                                    const KithTimelineKey *older_than,
                                    const KithTimelineKey *down_to,
                                    guint                  limit,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  Page *page;

  g_return_if_fail (KITH_IS_STORE (self));

  page = g_new0 (Page, 1);
  page->record_id = record_id;
  page->limit = limit;
  if ((page->has_older_than = older_than != NULL))
    page->older_than = *older_than;
  if ((page->has_down_to = down_to != NULL))
    page->down_to = *down_to;
  kith_model_run (self, self, page_job, page, g_free, (GDestroyNotify) g_ptr_array_unref,
                  cancellable, kith_store_get_timeline_page_async, callback, user_data);
}

/**
 * kith_store_get_timeline_page_finish:
 *
 * Returns: (transfer full) (element-type KithTimelineItem): the items; %NULL with @error set
 */
GPtrArray *
kith_store_get_timeline_page_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kith_model_finish_pointer (self, result, kith_store_get_timeline_page_async, error);
}

static gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  gint64 id = kith_timeline_add_input (store, data, NULL, NULL, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/**
 * kith_store_add_timeline_item_async:
 * @item: a new item (kith_timeline_item_new())
 * @record_id: the record it is about or that took part
 *
 * Adds @item to the timeline. Not cancellable: what the user added is stored.
 */
void
kith_store_add_timeline_item_async (KithStore           *self,
                                    KithTimelineItem    *item,
                                    gint64               record_id,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (item));

  kith_model_run (self, self, add_job, kith_timeline_input_new_for_item (item, record_id),
                  (GDestroyNotify) kith_timeline_input_free, g_free, NULL,
                  kith_store_add_timeline_item_async, callback, user_data);
}

/**
 * kith_store_add_timeline_item_finish:
 *
 * Returns: the new item's id; 0 with @error set
 */
gint64
kith_store_add_timeline_item_finish (KithStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autofree gint64 *id = NULL;

  id = kith_model_finish_pointer (self, result, kith_store_add_timeline_item_async, error);

  return id != NULL ? *id : 0;
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_store_delete_timeline_item (store, *(gint64 *) data, error));
}

/**
 * kith_store_delete_timeline_item_async:
 *
 * Deletes an item from the timeline. Not cancellable.
 */
void
kith_store_delete_timeline_item_async (KithStore           *self,
                                       gint64               item_id,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, delete_job, g_memdup2 (&item_id, sizeof item_id), g_free, NULL, NULL,
                  kith_store_delete_timeline_item_async, callback, user_data);
}

gboolean
kith_store_delete_timeline_item_finish (KithStore     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_delete_timeline_item_async, error);
}

static gpointer
delete_with_undo_job (KithStore  *store,
                      gpointer    data,
                      GError    **error)
{
  gint64 undo_id = kith_store_delete_timeline_item_with_undo (store, *(gint64 *) data, error);

  return undo_id != 0 ? g_memdup2 (&undo_id, sizeof undo_id) : NULL;
}

/**
 * kith_store_delete_timeline_item_with_undo_async:
 *
 * Deletes an item from the timeline so that kith_store_undo_async() can bring it back. Not
 * cancellable: what the user deleted is deleted.
 */
void
kith_store_delete_timeline_item_with_undo_async (KithStore           *self,
                                                 gint64               item_id,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, delete_with_undo_job, g_memdup2 (&item_id, sizeof item_id), g_free, g_free, NULL,
                  kith_store_delete_timeline_item_with_undo_async, callback, user_data);
}

/**
 * kith_store_delete_timeline_item_with_undo_finish:
 *
 * Returns: the id to undo the delete with (kith_store_undo_async()), or 0 with @error set
 */
gint64
kith_store_delete_timeline_item_with_undo_finish (KithStore     *self,
                                                  GAsyncResult  *result,
                                                  GError       **error)
{
  g_autofree gint64 *undo_id = kith_model_finish_pointer (self, result, kith_store_delete_timeline_item_with_undo_async, error);

  return undo_id != NULL ? *undo_id : 0;
}

typedef struct {
  gint64             item_id;
  KithTimelineInput *in;
} Update;

static void
update_free (Update *update)
{
  kith_timeline_input_free (update->in);
  g_free (update);
}

static gpointer
update_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Update *update = data;

  return GINT_TO_POINTER (kith_timeline_update_input (store, update->item_id, update->in, error));
}

/**
 * kith_store_update_timeline_item_async:
 * @item: the item as it is to be: its id names the one written over
 *
 * Writes what @item now says (its date, text, place, length, direction, outcome) over the
 * stored item; who it names, its thread, links and account stay. Not cancellable: what the
 * user changed is stored.
 */
void
kith_store_update_timeline_item_async (KithStore           *self,
                                       KithTimelineItem    *item,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Update *update;

  g_return_if_fail (KITH_IS_STORE (self));
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (item));

  update = g_new0 (Update, 1);
  update->item_id = kith_timeline_item_get_id (item);
  update->in = kith_timeline_input_new_for_item (item, 0);
  kith_model_run (self, self, update_job, update, (GDestroyNotify) update_free, NULL, NULL,
                  kith_store_update_timeline_item_async, callback, user_data);
}

gboolean
kith_store_update_timeline_item_finish (KithStore     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_store_update_timeline_item_async, error);
}
