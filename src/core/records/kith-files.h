/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-file.h"
#include "kith-store.h"

G_BEGIN_DECLS

typedef enum {
  KITH_FILES_COPY,   /* a copy goes into Kith's files folder */
  KITH_FILES_LINK,   /* Kith remembers where the file is */
} KithFilesMode;

/* A file that could not be attached, and why */
typedef struct {
  char *name;
  char *reason;
} KithFileFailure;

/* The most files one drop attaches */
#define KITH_FILES_MAX_PER_DROP 1000

/**
 * KithFilesProgressFunc:
 * @name: the file being copied
 * @n_done: how many files are copied
 * @n_files: how many files there are to copy
 * @bytes_done: how much of all the files is copied
 * @bytes_total: how big all the files are
 */
typedef void (*KithFilesProgressFunc) (const char *name,
                                       guint       n_done,
                                       guint       n_files,
                                       goffset     bytes_done,
                                       goffset     bytes_total,
                                       gpointer    user_data);

void          kith_file_failure_free (KithFileFailure *failure);

KithFilesMode kith_files_get_mode   (KithStore      *store);
char         *kith_files_dup_folder (KithStore      *store);
char         *kith_files_safe_name  (const char     *name);
GPtrArray    *kith_files_attach     (KithStore              *store,
                                     gint64                  record_id,
                                     GSList                 *files,
                                     KithFilesMode           mode,
                                     KithFilesProgressFunc   progress_func,
                                     gpointer                progress_data,
                                     GPtrArray             **out_failures,
                                     GCancellable           *cancellable,
                                     GError                **error);
KithFile     *kith_files_remove     (KithStore      *store,
                                     gint64          file_id,
                                     GError        **error);
gint64        kith_files_restore    (KithStore      *store,
                                     KithFile       *removed,
                                     GError        **error);

G_END_DECLS
