/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-csv-preview.h"

G_BEGIN_DECLS

#define KITH_TYPE_CSV_MAPPING_PAGE (kith_csv_mapping_page_get_type ())
G_DECLARE_FINAL_TYPE (KithCsvMappingPage, kith_csv_mapping_page, KITH, CSV_MAPPING_PAGE, GtkWidget)

GtkWidget      *kith_csv_mapping_page_new         (KithCsvPreview       *preview);
void            kith_csv_mapping_page_read_async  (GFile                *file,
                                                   KithRecordKind        kind,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
KithCsvPreview *kith_csv_mapping_page_read_finish (GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
