/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-file-rows.h"
#include "kith-statement.h"
#include "kith-synckey.h"

/* The files attached to records, as rows; kith-files.c copies and removes the files */

typedef struct {
  gint64      record_id;
  const char *uri;
  const char *name;
  gint64      size;           /* -1 when unknown */
  const char *content_type;
  gboolean    copied;
} FileRow;

static gint64
insert_file (KithStore  *self,
             FileRow    *row,
             GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (kith_store_get_record_kind (self, row->record_id) == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), row->record_id);
      return 0;
    }

  if (!kith_statement_prepare (&st, self, "INSERT INTO files (record_id, uri, name, size, "
                                          "content_type, copied, added) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               error))
    return 0;
  kith_statement_bind_int64 (&st, 1, row->record_id);
  kith_statement_bind_text (&st, 2, row->uri);
  kith_statement_bind_text (&st, 3, row->name);
  if (row->size >= 0)
    kith_statement_bind_int64 (&st, 4, row->size);
  kith_statement_bind_text (&st, 5, row->content_type);
  kith_statement_bind_int64 (&st, 6, row->copied);
  kith_statement_bind_int64 (&st, 7, kith_store_now (self));
  if (!kith_statement_run (&st, error))
    return 0;

  return kith_statement_last_insert_id (&st);
}

/**
 * kith_store_add_file:
 * @uri: where the file is (a copy in Kith's data dir, or the original when linked)
 *
 * Returns: the attachment's id, or 0 with @error set
 */
gint64
kith_store_add_file (KithStore   *self,
                     gint64       record_id,
                     const char  *uri,
                     const char  *name,
                     gint64       size,
                     const char  *content_type,
                     gboolean     copied,
                     GError     **error)
{
  FileRow row = { record_id, uri, name, size, content_type, copied };
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (uri == NULL || name == NULL)
    return kith_invalid (error, _("A file needs a location and a name"));
  if (!kith_validate_text (_("file location"), uri, 8192, error) ||
      !kith_validate_text (_("file name"), name, 4096, error))
    return 0;

  kith_store_lock (self);
  id = insert_file (self, &row, error);
  kith_store_unlock (self);

  return id;
}

static JsonObject *
read_file (KithStatement *st)
{
  JsonObject *file = json_object_new ();

  json_object_set_int_member (file, "id", kith_statement_column_int64 (st, 0));
  json_object_set_string_member (file, "uri", kith_statement_column_text (st, 1));
  json_object_set_string_member (file, "name", kith_statement_column_text (st, 2));
  if (!kith_statement_column_is_null (st, 3))
    json_object_set_int_member (file, "size", kith_statement_column_int64 (st, 3));
  if (!kith_statement_column_is_null (st, 4))
    json_object_set_string_member (file, "contentType", kith_statement_column_text (st, 4));
  json_object_set_boolean_member (file, "copied", kith_statement_column_int64 (st, 5) != 0);
  json_object_set_int_member (file, "added", kith_statement_column_int64 (st, 6));

  return file;
}

static JsonArray *
read_files (KithStore  *self,
            gint64      record_id,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  JsonArray *files;

  if (!kith_statement_prepare (&st, self, "SELECT id, uri, name, size, content_type, copied, added "
                                          "FROM files WHERE record_id = ? ORDER BY added DESC, id DESC",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);

  files = json_array_new ();
  while (kith_statement_step (&st, NULL))
    json_array_add_object_element (files, read_file (&st));

  return files;
}

/**
 * kith_store_list_files:
 *
 * Returns: (transfer full): the record's files, newest first: {id, uri, name, size,
 *   contentType, copied, added}
 */
JsonArray *
kith_store_list_files (KithStore  *self,
                       gint64      record_id,
                       GError    **error)
{
  JsonArray *files;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  files = read_files (self, record_id, error);
  kith_store_unlock (self);

  return files;
}
