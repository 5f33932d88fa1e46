/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A record's timeline through typed calls: a page of KithTimelineItem, add, delete. They run
 * on the store's worker and turn the store's JSON (docs/json.md) into items and back here, so
 * that the GUI never reads JSON. Writes take no cancellable: a note the user added is stored
 * even when the profile closes first.
 */

#define G_LOG_DOMAIN "KithTimelineStore"

#include "config.h"

#include "kith-enums.h"
#include "kith-model-json.h"
#include "kith-model-task.h"
#include "kith-timeline-store.h"

static int
enum_from_nick (GType       type,
                const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return value != NULL ? value->value : 0;
}

static const char *
enum_to_nick (GType type,
              int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  return found != NULL ? found->value_nick : NULL;
}

/* The name of who an item is from, as the store knows them */
static const char *
sender_name (JsonObject *item)
{
  JsonArray *people = kith_json_get_array (item, "people");

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);

      if (g_strcmp0 (kith_model_json_string (person, "role"), "from") == 0)
        return kith_model_json_string (person, "name");
    }

  return NULL;
}

static KithTimelineItem *
item_from_json (JsonObject *item)
{
  return g_object_new (KITH_TYPE_TIMELINE_ITEM,
                       "id", json_object_get_int_member (item, "id"),
                       "style", enum_from_nick (KITH_TYPE_TIMELINE_STYLE, kith_model_json_string (item, "style")),
                       "date", json_object_get_int_member_with_default (item, "date", 0),
                       "subject", kith_model_json_string (item, "subject"),
                       "preview", kith_model_json_string (item, "preview"),
                       "body", kith_model_json_string (item, "body"),
                       "body-type", kith_model_json_string (item, "bodytype"),
                       "direction", enum_from_nick (KITH_TYPE_DIRECTION, kith_model_json_string (item, "direction")),
                       "outcome", enum_from_nick (KITH_TYPE_CALL_OUTCOME, kith_model_json_string (item, "outcome")),
                       "duration", json_object_get_int_member_with_default (item, "duration", 0),
                       "thread-id", kith_model_json_string (item, "threadid"),
                       "sender-name", sender_name (item),
                       NULL);
}

typedef struct {
  gint64 record_id;
  guint  offset;
  guint  limit;
} Page;

static gpointer
page_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Page *page = data;
  g_autoptr(JsonArray) rows = kith_store_get_timeline (store, page->record_id, page->offset, page->limit, error);

  return rows != NULL ? kith_model_json_objects (rows, (KithModelFromJson) item_from_json) : NULL;
}

/**
 * kith_store_get_timeline_page_async:
 * @record_id: a person, company (with its people's items) or project (with its participants')
 *
 * Reads @limit items of the record's timeline, newest first, from @offset.
 */
void
kith_store_get_timeline_page_async (KithStore           *self,
                                    gint64               record_id,
                                    guint                offset,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Page page = { record_id, offset, limit };

  g_return_if_fail (KITH_IS_STORE (self));

  kith_model_run (self, self, page_job, g_memdup2 (&page, sizeof page), g_free, (GDestroyNotify) g_ptr_array_unref,
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

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
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

  set_string (json, "style", enum_to_nick (KITH_TYPE_TIMELINE_STYLE, style));
  if (kith_timeline_item_get_date (item) > 0)
    json_object_set_int_member (json, "date", kith_timeline_item_get_date (item));
  set_string (json, "subject", kith_timeline_item_get_subject (item));
  set_string (json, "body", kith_timeline_item_get_body (item));
  if (kith_timeline_item_get_duration (item) > 0 || style == KITH_TIMELINE_STYLE_CALL)
    json_object_set_int_member (json, "duration", kith_timeline_item_get_duration (item));
  if (kith_timeline_item_get_outcome (item) != KITH_CALL_OUTCOME_NONE)
    set_string (json, "outcome", enum_to_nick (KITH_TYPE_CALL_OUTCOME, kith_timeline_item_get_outcome (item)));
  if (kith_timeline_item_get_direction (item) != KITH_DIRECTION_NONE)
    set_string (json, "direction", enum_to_nick (KITH_TYPE_DIRECTION, kith_timeline_item_get_direction (item)));

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
