/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "kith-core.h"

/* A store in a fresh temporary folder, removed again by kith_test_store_free (). */
typedef struct {
  char      *dir;
  char      *path;
  KithStore *store;
  gint64     now;
} KithTestStore;

static inline gint64
kith_test_clock (gpointer user_data)
{
  return ((KithTestStore *) user_data)->now;
}

static inline void
kith_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        kith_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline KithTestStore *
kith_test_store_new (void)
{
  KithTestStore *t = g_new0 (KithTestStore, 1);
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("kith-test-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "kith.db", NULL);
  t->store = kith_store_open (t->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t->store);

  /* 2026-11-23 12:00 UTC */
  t->now = G_GINT64_CONSTANT (1795435200000);
  kith_store_set_clock (t->store, kith_test_clock, t);
  kith_store_set_region (t->store, "US");

  return t;
}

static inline void
kith_test_store_free (KithTestStore *t)
{
  g_clear_object (&t->store);
  kith_test_rm_rf (t->dir);
  g_free (t->path);
  g_free (t->dir);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTestStore, kith_test_store_free)

static inline JsonObject *
kith_test_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static inline gint64
kith_test_create (KithTestStore  *t,
                  KithRecordKind  kind,
                  const char     *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) obj = kith_test_json (json);
  gint64 id = kith_store_create_record (t->store, kind, obj, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* A fingerprint of everything in the database, to show that a failed write changed nothing. */
static inline char *
kith_test_dump (KithTestStore *t)
{
  g_autoptr(JsonObject) stats = kith_store_get_stats (t->store, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), stats);
  g_autofree char *counts = NULL;

  json_object_remove_member (stats, "bytes");
  counts = json_to_string (node, FALSE);
  g_string_append (out, counts);

  for (guint k = KITH_RECORD_PERSON; k <= KITH_RECORD_PROJECT; k++)
    {
      g_autoptr(GArray) all = kith_store_find (t->store, k, "", KITH_SORT_NAME, KITH_GROUP_NONE,
                                               0, G_MAXUINT, NULL, NULL);
      for (guint i = 0; all != NULL && i < all->len; i++)
        {
          g_autoptr(JsonObject) rec = kith_store_get_record (t->store, g_array_index (all, gint64, i), NULL);
          g_autoptr(JsonNode) n = json_node_init_object (json_node_alloc (), rec);
          g_autofree char *s = json_to_string (n, FALSE);

          g_string_append (out, s);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Adds a timeline item ("item") or a to-do ("todo") given as JSON */
static inline void
kith_test_add (KithTestStore *t,
               const char    *what,
               const char    *json)
{
  g_autoptr(JsonObject) obj = kith_test_json (json);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (what, "item"))
    g_assert_cmpint (kith_store_add_timeline_item (t->store, obj, NULL, &error), >, 0);
  else
    g_assert_cmpint (kith_store_add_todo (t->store, obj, &error), >, 0);
  g_assert_no_error (error);
}

static inline void
kith_test_append_json (GString    *out,
                       const char *label,
                       JsonNode   *node)
{
  g_autofree char *s = node != NULL ? json_to_string (node, FALSE) : g_strdup ("(none)");

  g_string_append_printf (out, "%s: %s\n", label, s);
}

/* Every readable property of each object of @list (when it is not %NULL) */
static inline void
kith_test_append_objects (GString    *out,
                          const char *label,
                          GListModel *list)
{
  g_string_append_printf (out, "%s:", label);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);
      guint n_props;
      g_autofree GParamSpec **props = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_props);

      g_string_append (out, " {");
      for (guint p = 0; p < n_props; p++)
        {
          g_auto(GValue) value = G_VALUE_INIT;
          g_autofree char *shown = NULL;

          g_value_init (&value, props[p]->value_type);
          g_object_get_property (object, props[p]->name, &value);
          shown = g_strdup_value_contents (&value);
          g_string_append_printf (out, " %s=%s", props[p]->name, shown);
        }
      g_string_append (out, " }");
    }
  g_string_append_c (out, '\n');
}

/* @objects (taken) as kith-cli prints them; %NULL when the read failed */
static inline JsonArray *
kith_test_to_json (GPtrArray  *objects,
                   KithToJson  to_json)
{
  g_autoptr(GPtrArray) owned = objects;

  return objects != NULL ? kith_json_array_of_objects (objects, to_json) : NULL;
}

#define kith_test_get_timeline(store, record_id, offset, limit, error) \
  kith_test_to_json (kith_store_get_timeline (store, record_id, offset, limit, error), \
                     (KithToJson) kith_timeline_item_to_json)
#define kith_test_list_todos(store, record_id, include_done, error) \
  kith_test_to_json (kith_store_list_todos (store, record_id, include_done, error), (KithToJson) kith_todo_to_json)
#define kith_test_get_audit(store, record_id, since_ms, error) \
  kith_test_to_json (kith_store_get_audit (store, record_id, since_ms, error), (KithToJson) kith_audit_entry_to_json)

/* Everything a user sees of one record — its fields, timeline, to-dos, files and audit log — to
 * compare a record before and after a change that should leave it as it was. */
static inline char *
kith_test_dump_record (KithTestStore *t,
                       gint64         id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonObject) rec = kith_store_get_record (t->store, id, NULL);
  g_autoptr(JsonArray) timeline = kith_test_get_timeline (t->store, id, 0, 1000, NULL);
  g_autoptr(JsonArray) todos = kith_test_list_todos (t->store, id, TRUE, NULL);
  g_autoptr(GListModel) files = kith_store_list_files (t->store, id, NULL);
  g_autoptr(JsonArray) audit = kith_test_get_audit (t->store, id, 0, NULL);
  g_autoptr(JsonNode) n1 = rec ? json_node_init_object (json_node_alloc (), rec) : NULL;
  g_autoptr(JsonNode) n2 = timeline ? json_node_init_array (json_node_alloc (), timeline) : NULL;
  g_autoptr(JsonNode) n3 = todos ? json_node_init_array (json_node_alloc (), todos) : NULL;
  g_autoptr(JsonNode) n5 = audit ? json_node_init_array (json_node_alloc (), audit) : NULL;

  kith_test_append_json (out, "record", n1);
  kith_test_append_json (out, "timeline", n2);
  kith_test_append_json (out, "todos", n3);
  kith_test_append_objects (out, "files", files);
  kith_test_append_json (out, "audit", n5);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* For an async call: keeps its result in *@user_data, a GAsyncResult * */
static inline void
kith_test_result_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop until kith_test_result_cb () has put the result in *@result */
static inline GAsyncResult *
kith_test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}
