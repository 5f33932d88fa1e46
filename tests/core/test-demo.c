/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "kith-test-util.h"

static void
assert_name (KithTestStore *t,
             gint64         id,
             const char    *name)
{
  g_autoptr(JsonObject) record = kith_store_get_record (t->store, id, NULL);

  g_assert_nonnull (record);
  g_assert_cmpstr (kith_json_get_string (record, "name"), ==, name);
}

static gint64
count (KithTestStore *t,
       const char    *table)
{
  g_autoptr(JsonObject) stats = kith_store_get_stats (t->store, NULL);

  g_assert_nonnull (stats);
  return json_object_get_int_member (stats, table);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The subjects of @todos in alphabetical order: the days they are due follow the clock */
static char *
todo_subjects (JsonArray *todos)
{
  g_autoptr(GPtrArray) subjects = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (todos); i++)
    g_ptr_array_add (subjects, (gpointer) kith_json_get_string (json_array_get_object_element (todos, i), "subject"));
  g_ptr_array_sort (subjects, compare_strings);
  g_ptr_array_add (subjects, NULL);

  return g_strjoinv (", ", (char **) subjects->pdata);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, >=, *last);
  g_assert_cmpuint (done, <=, total);
  *last = done;
}

/* The same seed gives the same data on every machine and in every version: these are the
 * records seed 3 has always made */
static void
test_seeded (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) todos = NULL;
  g_autofree char *subjects = NULL;
  guint last = 0;

  g_assert_true (kith_demo_generate (t->store, 40, 200, 3, on_progress, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, 2 + 40 + 200 + 4);

  assert_name (t, 1, "Krusty Realty");
  assert_name (t, 2, "Zorg Systems");
  assert_name (t, 3, "Tim Chen");
  assert_name (t, 4, "Jessica Ivanova");
  assert_name (t, 42, "David Lewis");
  assert_name (t, 43, "5 Birch Way, Austin");
  g_assert_cmpint (kith_store_lookup (t->store, "tim.chen0@zorgsystems1.example", NULL), ==, 3);

  todos = kith_test_list_todos (t->store, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (todos), ==, 4);
  subjects = todo_subjects (todos);
  g_assert_cmpstr (subjects, ==,
                   "Book the inspection, Call back about the offer, Call back about the offer, "
                   "Confirm the closing date");
  g_assert_cmpint (count (t, "people"), ==, 40);
  g_assert_cmpint (count (t, "companies"), ==, 2);
  g_assert_cmpint (count (t, "projects"), ==, 1);
  g_assert_cmpint (count (t, "timeline"), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/seeded", test_seeded);

  return g_test_run ();
}
