/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-core.h"

G_BEGIN_DECLS

/* How far a file has been read or written, from 0 to 1; called on the importing thread */
typedef void (*KithTransferProgress) (double    fraction,
                                      gpointer  user_data);

typedef struct {
  KithRecordKind        kind;           /* what a CSV's rows are: people unless told */
  const char           *mapping;        /* CSV: a preset's name or a mapping file; NULL: detect */
  KithTransferProgress  progress;
  gpointer              progress_data;
} KithImportOptions;

typedef struct {
  KithRecordKind        kind;           /* CSV, vCard: which records */
  const char           *query;          /* which of them, in the query language; NULL: all */
  const char * const   *fields;         /* CSV: the columns, by field name; NULL: all */
  KithTransferProgress  progress;
  gpointer              progress_data;
} KithExportOptions;

/* A file format Kith reads or writes. Imports feed @import (kith-import.h), which writes through
 * the store's rules and counts each row; they run on one thread, off the main loop. */
typedef struct {
  const char         *name;             /* "csv", "vcard", "json", "ical" */
  const char         *title;            /* for the user: "CSV", "vCard" … (translatable, N_) */
  const char * const *extensions;       /* lower case, with the dot */
  const char         *content_type;
  gboolean          (*import) (KithImport               *import,
                               GInputStream             *input,
                               const KithImportOptions  *options,
                               GCancellable             *cancellable,
                               GError                  **error);
  gboolean          (*export) (KithStore                *store,
                               GOutputStream            *output,
                               const KithExportOptions  *options,
                               GCancellable             *cancellable,
                               GError                  **error);
} KithTransferFormat;

const KithTransferFormat *kith_transfer_format_lookup   (const char  *name);
const KithTransferFormat *kith_transfer_format_for_file (const char  *path);
const KithTransferFormat *kith_transfer_format_get      (guint        i);
guint                     kith_transfer_format_count    (void);

G_END_DECLS
