/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-record-values.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* What became of one row of an imported file */
typedef enum {
  KITH_IMPORT_CREATED,    /* a new record */
  KITH_IMPORT_UPDATED,    /* added to a record Kith had before the import: same sync key */
  KITH_IMPORT_MERGED,     /* added to a record an earlier row of the same import created */
  KITH_IMPORT_UNCHANGED,  /* matched a record that already held all of it */
  KITH_IMPORT_REJECTED,   /* nothing of it written; the reason is kept with its row number */
} KithImportOutcome;

#define KITH_IMPORT_N_OUTCOMES (KITH_IMPORT_REJECTED + 1)

typedef struct {
  guint  row;       /* as the file counts them, from 1: a CSV's row (its header is row 1, as
                     * spreadsheets count), a vCard's card */
  char  *reason;
} KithImportRejection;

#define KITH_TYPE_IMPORT (kith_import_get_type ())
G_DECLARE_FINAL_TYPE (KithImport, kith_import, KITH, IMPORT, GObject)

KithImport        *kith_import_new            (KithStore       *store,
                                               gboolean         dry_run);
KithImportOutcome  kith_import_add_record     (KithImport      *self,
                                               guint            row,
                                               KithRecordKind   kind,
                                               JsonObject      *record,
                                               gint64          *out_id);
KithImportOutcome  kith_import_add_values     (KithImport      *self,
                                               guint            row,
                                               KithRecordKind   kind,
                                               const KithRecordValues *values,
                                               gint64          *out_id);
void               kith_import_set_one_record_a_row (KithImport *self,
                                                  gboolean    one_record);
void               kith_import_normalize_ahead (KithImport     *self,
                                               const KithRecordValues *values);
void               kith_import_reject         (KithImport      *self,
                                               guint            row,
                                               const char      *reason);
gboolean           kith_import_checkpoint     (KithImport      *self,
                                               GError         **error);
gboolean           kith_import_finish         (KithImport      *self,
                                               GError         **error);
void               kith_import_abort          (KithImport      *self);

gboolean           kith_import_get_dry_run    (KithImport      *self);
KithStore         *kith_import_get_store      (KithImport      *self);
guint              kith_import_get_count      (KithImport      *self,
                                               KithImportOutcome outcome);
guint              kith_import_get_n_rejections (KithImport    *self);
const KithImportRejection *kith_import_get_rejection (KithImport *self,
                                               guint            i);
char              *kith_import_describe       (KithImport      *self);
void               kith_import_add_note       (KithImport      *self,
                                               const char      *note);
const char * const *kith_import_get_notes     (KithImport      *self);

G_END_DECLS
