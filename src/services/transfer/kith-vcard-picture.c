/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithVCard"

#include "config.h"

#include <gio/gio.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kith-vcard-picture.h"

/*
 * A card's inline PHOTO as a record's picture: a file in the pictures folder of the store's
 * files (where pictures set in the window go), named after its contents, so that importing the
 * same card again gives the same picture and changes nothing. And the other way, a picture
 * file read back for an export.
 */

/* The image type of @data by its contents, whatever the card's TYPE says */
static char *
image_mime (GBytes *data)
{
  gsize len;
  const guchar *bytes = g_bytes_get_data (data, &len);
  g_autofree char *type = g_content_type_guess (NULL, bytes, len, NULL);
  char *mime = g_content_type_get_mime_type (type);

  if (mime != NULL && g_str_has_prefix (mime, "image/"))
    return mime;
  g_free (mime);

  return NULL;
}

/**
 * kith_vcard_picture_save:
 * @write: save the file; %FALSE (a dry run) only says where it would go
 *
 * Returns: (transfer full): the picture's path, or %NULL with @error set when @photo is not an
 *   image or cannot be saved
 */
char *
kith_vcard_picture_save (KithStore  *store,
                         GBytes     *photo,
                         gboolean    write,
                         GError    **error)
{
  g_autofree char *mime = image_mime (photo);
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *files = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  gsize len;
  const char *data;

  if (mime == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("PHOTO is not an image"));
      return NULL;
    }

  data = g_bytes_get_data (photo, &len);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
  name = g_strdup_printf ("vcard-%.32s.%s", hash, mime + strlen ("image/"));
  files = kith_files_dup_folder (store);
  folder = g_build_filename (files, "pictures", NULL);
  path = g_build_filename (folder, name, NULL);

  if (!write || g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _("Cannot make the folder %s"), folder);
      return NULL;
    }
  if (!g_file_set_contents (path, data, len, error))
    return NULL;

  return g_steal_pointer (&path);
}

/**
 * kith_vcard_picture_load:
 * @path: a picture file
 * @out_mime: (out): its image type
 *
 * Returns: (transfer full) (nullable): the image, or %NULL when @path is no readable image
 */
GBytes *
kith_vcard_picture_load (const char  *path,
                         char       **out_mime)
{
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  bytes = g_bytes_new_take (contents, len);
  *out_mime = image_mime (bytes);

  return *out_mime != NULL ? g_steal_pointer (&bytes) : NULL;
}
