/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-files.h"
#include "kith-record-picture.h"
#include "kith-record-writer.h"
#include "kith-types-private.h"

/*
 * A record's picture chosen by the user: copied into Kith's files folder (files/pictures/, next
 * to the database), as attached files are, so that it stays when the original is moved or
 * deleted, and goes with the data dir. A copy replaced or removed stays on disk, for Undo.
 */

/* Whether @info says the file is an image, by its contents as much as by its name */
static gboolean
is_image (GFileInfo *info)
{
  const char *type = g_file_info_get_content_type (info);
  g_autofree char *mime = type != NULL ? g_content_type_get_mime_type (type) : NULL;

  return mime != NULL && g_str_has_prefix (mime, "image/");
}

/* A copy of @source in the pictures folder, named after the record and the file */
static GFile *
copy_picture (KithStore     *self,
              gint64         record_id,
              GFile         *source,
              const char    *name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *files = kith_files_dup_folder (self);
  g_autofree char *folder = g_build_filename (files, "pictures", NULL);
  g_autofree char *safe = kith_files_safe_name (name);
  /* The time makes each copy new: the one it replaces stays, for Undo */
  g_autofree char *copy_name = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "-%s", record_id,
                                                g_get_real_time (), safe);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GFile) target = g_file_get_child (dir, copy_name);
  g_autoptr(GError) local = NULL;

  if (!g_file_make_directory_with_parents (dir, cancellable, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, cancellable, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&target);
}

/**
 * kith_store_set_picture:
 * @record_id: a person, company or deal
 * @source: an image file
 *
 * Makes a copy of @source the picture of @record_id. A file that is not an image is refused,
 * with a message that names it.
 *
 * Returns: (transfer full): the path of the picture as stored, or %NULL with @error set
 */
char *
kith_store_set_picture (KithStore     *self,
                        gint64         record_id,
                        GFile         *source,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(KithRecordValues) values = kith_record_values_new ();
  g_autofree char *path = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  info = g_file_query_info (source, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (!is_image (info))
    {
      kith_invalid (error, _("“%s” is not an image"), g_file_info_get_display_name (info));
      return NULL;
    }

  copy = copy_picture (self, record_id, source, g_file_info_get_display_name (info), cancellable, error);
  if (copy == NULL)
    return NULL;

  path = g_file_get_path (copy);
  kith_record_values_set_text (values, KITH_FIELD_PICTURE, path);
  if (!kith_store_update_record_from_values (self, record_id, values, KITH_FIELD_BIT (KITH_FIELD_PICTURE), error))
    {
      g_file_delete (copy, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&path);
}
