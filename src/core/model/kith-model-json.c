/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-model-json.h"

/*
 * How core reads the store's JSON rows into model objects, on the store's worker: the GUI sees
 * only the objects.
 */

/**
 * kith_model_json_string:
 *
 * Returns: (transfer none) (nullable): @member of @object when it is a string
 */
const char *
kith_model_json_string (JsonObject *object,
                        const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

/**
 * kith_model_json_array:
 *
 * Returns: (transfer none) (nullable): @member of @object when it is an array
 */
JsonArray *
kith_model_json_array (JsonObject *object,
                       const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * kith_model_json_objects:
 * @array: rows, each an object
 * @from_json: makes a model object of a row
 *
 * Returns: (transfer full) (element-type GObject): the objects of @array's rows, in order
 */
GPtrArray *
kith_model_json_objects (JsonArray         *array,
                         KithModelFromJson  from_json)
{
  GPtrArray *objects = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (objects, from_json (json_array_get_object_element (array, i)));

  return objects;
}

/**
 * kith_model_json_list_store:
 * @item_type: the type of what @from_json makes
 *
 * As kith_model_json_objects(), as a list model.
 *
 * Returns: (transfer full): a #GListStore of the objects of @array's rows, in order
 */
GListStore *
kith_model_json_list_store (JsonArray         *array,
                            GType              item_type,
                            KithModelFromJson  from_json)
{
  g_autoptr(GPtrArray) objects = kith_model_json_objects (array, from_json);
  GListStore *list = g_list_store_new (item_type);

  g_list_store_splice (list, 0, 0, objects->pdata, objects->len);

  return list;
}
