/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-model-json.h"

/**
 * kith_model_json_strv:
 * @node: (nullable): a JSON array
 *
 * Returns: (transfer full): the strings of @node; empty when it is no array
 */
char **
kith_model_json_strv (JsonNode *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
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
