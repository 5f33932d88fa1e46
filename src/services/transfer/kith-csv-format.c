/* SPDX-License-Identifier: GPL-3.0-or-later */

/* CSV in the table of file formats (kith-transfer-formats.c) */

#include "config.h"

#include <glib/gi18n.h>

#include "kith-csv-export.h"
#include "kith-csv-format.h"
#include "kith-csv-import.h"

static const char * const csv_extensions[] = { ".csv", ".tsv", NULL };

const KithTransferFormat kith_csv_format = {
  .name = "csv",
  .title = N_("CSV"),
  .extensions = csv_extensions,
  .content_type = "text/csv",
  .import = kith_csv_import,
  .export = kith_csv_export,
};
