/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gstdio.h>

#include "kith-files.h"
#include "kith-test-util.h"

static GFile *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
test_copy_link_folder_and_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = g_build_filename (t->dir, "outside", NULL);
  g_autofree char *folder = g_build_filename (outside, "Oak Street", NULL);
  g_autoptr(GFile) offer = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) linked = NULL;
  g_autoptr(JsonObject) removed = NULL;
  g_autoptr(JsonArray) files = NULL;
  g_autofree char *copy_path = NULL;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  offer = write_file (outside, "offer.pdf", "%PDF-1.4 offer");
  write_file (folder, "photo.jpg", "jpeg");
  write_file (folder, "plan.txt", "plan");
  write_file (folder, ".hidden", "no");
  dir = g_file_new_for_path (folder);

  /* Copied by default, into the data dir */
  g_assert_cmpint (kith_files_get_mode (t->store), ==, KITH_FILES_COPY);
  result = kith_files_attach (t->store, ada, offer, KITH_FILES_COPY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "attached")), ==, 1);
  {
    JsonObject *entry = json_array_get_object_element (json_object_get_array_member (result, "attached"), 0);
    g_autoptr(GFile) copy = g_file_new_for_uri (json_object_get_string_member (entry, "uri"));
    g_autofree char *files_dir = kith_files_dup_folder (t->store);

    copy_path = g_file_get_path (copy);
    g_assert_true (g_str_has_prefix (copy_path, files_dir));
    g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));
    id = json_object_get_int_member (entry, "id");
  }

  /* The same name again gets a free name */
  again = g_file_new_for_path (g_file_peek_path (offer));
  g_clear_pointer (&result, json_object_unref);
  result = kith_files_attach (t->store, ada, again, KITH_FILES_COPY, NULL, &error);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (result, "attached"), 0), "uri"), "offer%20(2).pdf"));

  /* A folder attaches its files (not hidden ones), linked where they are */
  linked = kith_files_attach (t->store, ada, dir, KITH_FILES_LINK, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (linked, "attached")), ==, 2);

  files = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (json_array_get_length (files), ==, 4);

  /* Removing moves the copy aside; Undo brings it back */
  removed = kith_files_remove (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&files, json_array_unref);
  files = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  g_assert_cmpint (kith_files_restore (t->store, removed, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&files, json_array_unref);
  files = kith_store_list_files (t->store, ada, NULL);
  g_assert_cmpuint (json_array_get_length (files), ==, 4);
}

static void
test_unreadable (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_path = g_build_filename (t->dir, "gone.txt", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(JsonObject) result = NULL;
  JsonObject *failure;
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  result = kith_files_attach (t->store, ada, missing, KITH_FILES_COPY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "attached")), ==, 0);
  failure = json_array_get_object_element (json_object_get_array_member (result, "failed"), 0);
  /* names the file, and says why */
  g_assert_nonnull (strstr (json_object_get_string_member (failure, "name"), "gone.txt"));
  g_assert_cmpstr (json_object_get_string_member (failure, "reason"), !=, "");

  g_assert_null (kith_files_attach (t->store, 4242, missing, KITH_FILES_COPY, NULL, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/files/copy-link-folder-undo", test_copy_link_folder_and_undo);
  g_test_add_func ("/files/unreadable", test_unreadable);

  return g_test_run ();
}
