/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A record's timeline through typed calls: a page of KithTimelineItem, add, delete. They run
 * on the store's worker; the page is read typed, and a new item is turned into the writer's
 * JSON input (docs/json.md) here, so that the GUI never sees JSON. Writes take no cancellable:
 * a note the user added is stored even when the profile closes first.
 */

#define G_LOG_DOMAIN "KithTimelineStore"

#include "config.h"

#include "kith-enums.h"
#include "kith-json.h"
#include "kith-object-util.h"
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

/* What kith_store_add_timeline_item() takes for @item, about @record_id: a note is about the
 * record; the record took part in anything else */
static JsonObject *
item_to_json (KithTimelineItem *item,
              gint64            record_id)
{
  KithTimelineStyle style = kith_timeline_item_get_style (item);
  JsonObject *json = json_object_new ();
  JsonArray *refs = json_array_new ();
  g_autofree char *ref = g_strdup_printf ("#%" G_GINT64_FORMAT, record_id);

  kith_json_set_string (json, "style", kith_enum_to_nick (KITH_TYPE_TIMELINE_STYLE, style));
  if (kith_timeline_item_get_date (item) > 0)
    json_object_set_int_member (json, "date", kith_timeline_item_get_date (item));
  kith_json_set_string (json, "subject", kith_timeline_item_get_subject (item));
  kith_json_set_string (json, "body", kith_timeline_item_get_body (item));
  if (kith_timeline_item_get_duration (item) > 0 || style == KITH_TIMELINE_STYLE_CALL)
    json_object_set_int_member (json, "duration", MAX (kith_timeline_item_get_duration (item), 0));
  if (kith_timeline_item_get_outcome (item) != KITH_CALL_OUTCOME_NONE)
    kith_json_set_string (json, "outcome", kith_enum_to_nick (KITH_TYPE_CALL_OUTCOME, kith_timeline_item_get_outcome (item)));
  if (kith_timeline_item_get_direction (item) != KITH_DIRECTION_NONE)
    kith_json_set_string (json, "direction", kith_enum_to_nick (KITH_TYPE_DIRECTION, kith_timeline_item_get_direction (item)));

  json_array_add_string_element (refs, ref);
  json_object_set_array_member (json, style == KITH_TIMELINE_STYLE_NOTE ? "references" : "participants", refs);

  return json;
}

static gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  gint64 id = kith_store_add_timeline_item (store, data, NULL, error);

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

  kith_model_run (self, self, add_job, item_to_json (item, record_id), (GDestroyNotify) json_object_unref, g_free, NULL,
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
