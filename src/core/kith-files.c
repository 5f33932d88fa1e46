/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFiles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-files.h"
#include "kith-store-private.h"

/*
 * Files attached to a profile: copied into <data dir>/files/<record id>/ (the default), or
 * linked where they are. A folder attaches the files in it. Removing a copied file moves it
 * aside (files/.removed/) so that Undo can bring it back.
 */

/**
 * kith_files_get_mode:
 *
 * Returns: what happens to dropped files, from the "files-mode" setting
 */
KithFilesMode
kith_files_get_mode (KithStore *store)
{
  g_autofree char *mode = kith_store_dup_setting (store, "files-mode");

  return g_strcmp0 (mode, "link") == 0 ? KITH_FILES_LINK : KITH_FILES_COPY;
}

/**
 * kith_files_dup_folder:
 *
 * Returns: (transfer full): the folder copies are kept in, next to the database
 */
char *
kith_files_dup_folder (KithStore *store)
{
  g_autofree char *dir = g_path_get_dirname (kith_store_get_path (store));

  return g_build_filename (dir, "files", NULL);
}

/* "report.pdf" → "report (2).pdf" until the name is free in @dir. */
static GFile *
free_name (GFile      *dir,
           const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
  const char *ext = dot != NULL && dot != name ? dot : "";
  GFile *candidate = g_file_get_child (dir, name);

  for (guint n = 2; g_file_query_exists (candidate, NULL) && n < 10000; n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s (%u)%s", stem, n, ext);

      g_object_unref (candidate);
      candidate = g_file_get_child (dir, numbered);
    }

  return candidate;
}

static void
add_failure (JsonArray  *failures,
             GFile      *file,
             const char *reason)
{
  JsonObject *failure = json_object_new ();
  g_autofree char *name = g_file_get_parse_name (file);

  json_object_set_string_member (failure, "name", name);
  json_object_set_string_member (failure, "reason", reason);
  json_array_add_object_element (failures, failure);
}

static void
attach_one (KithStore     *store,
            gint64         record_id,
            GFile         *file,
            KithFilesMode  mode,
            JsonArray     *attached,
            JsonArray     *failures,
            guint          depth,
            GCancellable  *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *uri = NULL;
  const char *name;
  gint64 id;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      add_failure (failures, file, error->message);
      return;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) children = NULL;
      GFileInfo *child_info;

      if (depth > 8)
        {
          add_failure (failures, file, _("Folders nested this deep are not attached"));
          return;
        }
      children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                            cancellable, &error);
      if (children == NULL)
        {
          add_failure (failures, file, error->message);
          return;
        }
      while ((child_info = g_file_enumerator_next_file (children, cancellable, &error)) != NULL)
        {
          g_autoptr(GFile) child = g_file_enumerator_get_child (children, child_info);

          /* hidden files are not what someone means to attach */
          if (g_file_info_get_name (child_info)[0] != '.')
            attach_one (store, record_id, child, mode, attached, failures, depth + 1, cancellable);
          g_object_unref (child_info);
        }
      if (error != NULL)
        add_failure (failures, file, error->message);
      return;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
      !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      add_failure (failures, file, _("You do not have permission to read it"));
      return;
    }

  name = g_file_info_get_display_name (info);

  if (mode == KITH_FILES_COPY)
    {
      g_autofree char *folder = kith_files_dup_folder (store);
      g_autofree char *record_folder = g_strdup_printf ("%s/%" G_GINT64_FORMAT, folder, record_id);
      g_autoptr(GFile) dir = g_file_new_for_path (record_folder);

      if (!g_file_make_directory_with_parents (dir, cancellable, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          add_failure (failures, file, error->message);
          return;
        }
      g_clear_error (&error);

      target = free_name (dir, name);
      if (!g_file_copy (file, target, G_FILE_COPY_NONE, cancellable, NULL, NULL, &error))
        {
          add_failure (failures, file, error->message);
          return;
        }
    }
  else
    target = g_object_ref (file);

  uri = g_file_get_uri (target);
  id = kith_store_add_file (store, record_id, uri, name,
                            g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
                            ? g_file_info_get_size (info) : -1,
                            g_file_info_get_content_type (info), mode == KITH_FILES_COPY, &error);
  if (id == 0)
    {
      if (mode == KITH_FILES_COPY)
        g_file_delete (target, NULL, NULL);
      add_failure (failures, file, error->message);
      return;
    }

  {
    JsonObject *entry = json_object_new ();

    json_object_set_int_member (entry, "id", id);
    json_object_set_string_member (entry, "name", name);
    json_object_set_string_member (entry, "uri", uri);
    json_array_add_object_element (attached, entry);
  }
}

/**
 * kith_files_attach:
 * @file: a file, or a folder whose files are attached
 *
 * Attaches @file to record @record_id. Blocking: run it in a worker thread.
 *
 * Returns: (transfer full) (nullable): {attached: [{id, name, uri}], failed: [{name, reason}]},
 *   or %NULL with @error set when @record_id is no record
 */
JsonObject *
kith_files_attach (KithStore      *store,
                   gint64          record_id,
                   GFile          *file,
                   KithFilesMode   mode,
                   GCancellable   *cancellable,
                   GError        **error)
{
  JsonObject *result;
  JsonArray *attached;
  JsonArray *failures;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (kith_store_get_record_kind (store, record_id) == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), record_id);
      return NULL;
    }

  result = json_object_new ();
  attached = json_array_new ();
  failures = json_array_new ();
  json_object_set_array_member (result, "attached", attached);
  json_object_set_array_member (result, "failed", failures);

  attach_one (store, record_id, file, mode, attached, failures, 0, cancellable);

  return result;
}

/**
 * kith_files_remove:
 *
 * Takes a file off its profile. A copy Kith kept is moved aside, not deleted, so that
 * kith_files_restore() can undo this.
 *
 * Returns: (transfer full) (nullable): what kith_files_restore() needs
 */
JsonObject *
kith_files_remove (KithStore  *store,
                   gint64      file_id,
                   GError    **error)
{
  g_autoptr(JsonObject) removed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  kith_store_lock (store);
  stmt = kith_store_prepare (store, "SELECT record_id, uri, name, size, content_type, copied FROM files WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("There is no attached file #%" G_GINT64_FORMAT), file_id);
      goto out;
    }
  removed = json_object_new ();
  json_object_set_int_member (removed, "recordId", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (removed, "uri", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (removed, "name", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_int_member (removed, "size", sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    json_object_set_string_member (removed, "contentType", (const char *) sqlite3_column_text (stmt, 4));
  json_object_set_boolean_member (removed, "copied", sqlite3_column_int (stmt, 5));
  sqlite3_reset (stmt);

  if (json_object_get_boolean_member (removed, "copied"))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (json_object_get_string_member (removed, "uri"));
      g_autofree char *folder = kith_files_dup_folder (store);
      g_autofree char *aside_path = g_build_filename (folder, ".removed", NULL);
      g_autoptr(GFile) aside_dir = g_file_new_for_path (aside_path);
      g_autoptr(GFile) aside = NULL;
      g_autofree char *aside_uri = NULL;
      g_autofree char *basename = g_file_get_basename (file);
      g_autoptr(GError) local = NULL;

      g_file_make_directory_with_parents (aside_dir, NULL, NULL);
      aside = free_name (aside_dir, basename);
      if (!g_file_move (file, aside, G_FILE_COPY_NONE, NULL, NULL, NULL, &local) &&
          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          g_clear_pointer (&removed, json_object_unref);
          goto out;
        }
      aside_uri = g_file_get_uri (aside);
      json_object_set_string_member (removed, "asideUri", aside_uri);
    }

  stmt = kith_store_prepare (store, "DELETE FROM files WHERE id = ?", error);
  if (stmt == NULL || (sqlite3_bind_int64 (stmt, 1, file_id), !kith_store_step_done (store, stmt, error)))
    g_clear_pointer (&removed, json_object_unref);

out:
  kith_store_unlock (store);
  return g_steal_pointer (&removed);
}

/**
 * kith_files_restore:
 * @removed: what kith_files_remove() returned
 *
 * Returns: the attachment's new id, or 0 with @error set
 */
gint64
kith_files_restore (KithStore   *store,
                    JsonObject  *removed,
                    GError     **error)
{
  const char *uri = json_object_get_string_member (removed, "uri");

  g_return_val_if_fail (KITH_IS_STORE (store), 0);

  if (json_object_has_member (removed, "asideUri"))
    {
      g_autoptr(GFile) aside = g_file_new_for_uri (json_object_get_string_member (removed, "asideUri"));
      g_autoptr(GFile) back = g_file_new_for_uri (uri);

      if (!g_file_move (aside, back, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return 0;
    }

  return kith_store_add_file (store, json_object_get_int_member (removed, "recordId"), uri,
                              json_object_get_string_member (removed, "name"),
                              json_object_get_int_member (removed, "size"),
                              json_object_get_string_member_with_default (removed, "contentType", NULL),
                              json_object_get_boolean_member (removed, "copied"), error);
}
