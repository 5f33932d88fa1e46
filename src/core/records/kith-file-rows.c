/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-file-private.h"
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

#define FILE_COLUMNS "id, record_id, name, uri, content_type, size, copied, added"

/* A file of a statement that selects FILE_COLUMNS */
static KithFile *
read_file (KithStatement *st)
{
  return kith_file_new (kith_statement_column_int64 (st, 0), kith_statement_column_int64 (st, 1),
                        kith_statement_column_text (st, 2), kith_statement_column_text (st, 3),
                        kith_statement_column_text (st, 4),
                        kith_statement_column_is_null (st, 5) ? -1 : kith_statement_column_int64 (st, 5),
                        kith_statement_column_int64 (st, 6) != 0, kith_statement_column_int64 (st, 7));
}

static GListModel *
read_files (KithStore  *self,
            gint64      record_id,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GListStore *files;

  if (!kith_statement_prepare (&st, self, "SELECT " FILE_COLUMNS " FROM files WHERE record_id = ? "
                                          "ORDER BY added DESC, id DESC", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);

  files = g_list_store_new (KITH_TYPE_FILE);
  while (kith_statement_step (&st, NULL))
    {
      g_autoptr(KithFile) file = read_file (&st);

      g_list_store_append (files, file);
    }

  return G_LIST_MODEL (files);
}

/**
 * kith_store_list_files:
 *
 * Returns: (transfer full): a list model of the record's #KithFile<!-- -->s, newest first
 */
GListModel *
kith_store_list_files (KithStore  *self,
                       gint64      record_id,
                       GError    **error)
{
  GListModel *files;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  files = read_files (self, record_id, error);
  kith_store_unlock (self);

  return files;
}

static KithFile *
read_one_file (KithStore  *self,
               gint64      file_id,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT " FILE_COLUMNS " FROM files WHERE id = ?", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, file_id);
  if (!kith_statement_step (&st, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no attached file #%" G_GINT64_FORMAT), file_id);
      return NULL;
    }

  return read_file (&st);
}

/**
 * kith_store_get_file:
 *
 * Returns: (transfer full) (nullable): attached file @file_id, or %NULL with @error set
 */
KithFile *
kith_store_get_file (KithStore  *self,
                     gint64      file_id,
                     GError    **error)
{
  KithFile *file;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  file = read_one_file (self, file_id, error);
  kith_store_unlock (self);

  return file;
}
