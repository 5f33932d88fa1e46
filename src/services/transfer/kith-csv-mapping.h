/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kith-csv-field.h"
#include "kith-record-values.h"
#include "kith-csv-presets.h"

G_BEGIN_DECLS

#define KITH_TYPE_CSV_MAPPING (kith_csv_mapping_get_type ())
G_DECLARE_FINAL_TYPE (KithCsvMapping, kith_csv_mapping, KITH, CSV_MAPPING, GObject)

KithCsvMapping *kith_csv_mapping_new               (KithRecordKind       kind,
                                                    const char * const  *headers);
KithCsvMapping *kith_csv_mapping_new_for_preset    (KithRecordKind       kind,
                                                    const char * const  *headers,
                                                    const char          *preset,
                                                    GError             **error);
KithCsvMapping *kith_csv_mapping_new_from_file     (KithRecordKind       kind,
                                                    const char * const  *headers,
                                                    const char          *path,
                                                    GError             **error);
gboolean        kith_csv_mapping_save_file         (KithCsvMapping      *self,
                                                    const char          *path,
                                                    GError             **error);

KithRecordKind  kith_csv_mapping_get_kind          (KithCsvMapping      *self);
const char     *kith_csv_mapping_get_preset        (KithCsvMapping      *self);
guint           kith_csv_mapping_get_n_columns     (KithCsvMapping      *self);
gboolean        kith_csv_mapping_is_used           (KithCsvMapping      *self,
                                                    guint                column);
const char     *kith_csv_mapping_get_header        (KithCsvMapping      *self,
                                                    guint                column);
KithCsvField    kith_csv_mapping_get_field         (KithCsvMapping      *self,
                                                    guint                column,
                                                    const char         **out_label);
char           *kith_csv_mapping_dup_spec          (KithCsvMapping      *self,
                                                    guint                column);
gboolean        kith_csv_mapping_set_field         (KithCsvMapping      *self,
                                                    guint                column,
                                                    KithCsvField         field,
                                                    const char          *label,
                                                    GError             **error);
guint           kith_csv_mapping_count_mapped      (KithCsvMapping      *self);

KithRecordValues *kith_csv_mapping_map_row          (KithCsvMapping      *self,
                                                    const char * const  *cells,
                                                    guint                n_cells,
                                                    char               **out_reason);

G_END_DECLS
