/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-csv-mapping.h"

G_BEGIN_DECLS

#define KITH_TYPE_CSV_PREVIEW (kith_csv_preview_get_type ())
G_DECLARE_FINAL_TYPE (KithCsvPreview, kith_csv_preview, KITH, CSV_PREVIEW, GObject)

KithCsvPreview     *kith_csv_preview_new           (GInputStream    *input,
                                                    KithRecordKind   kind,
                                                    const char      *mapping,
                                                    guint            n_rows,
                                                    GCancellable    *cancellable,
                                                    GError         **error);
const char         *kith_csv_preview_get_encoding  (KithCsvPreview  *self);
char                kith_csv_preview_get_delimiter (KithCsvPreview  *self);
KithCsvMapping     *kith_csv_preview_get_mapping   (KithCsvPreview  *self);
guint               kith_csv_preview_get_n_rows    (KithCsvPreview  *self);
guint               kith_csv_preview_get_row_number (KithCsvPreview *self,
                                                    guint            i);
const char * const *kith_csv_preview_get_cells     (KithCsvPreview  *self,
                                                    guint            i,
                                                    guint           *out_n_cells);
KithRecordValues   *kith_csv_preview_map_row       (KithCsvPreview  *self,
                                                    guint            i,
                                                    char           **out_reason);

G_END_DECLS
