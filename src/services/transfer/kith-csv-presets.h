/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-csv-field.h"

G_BEGIN_DECLS

/* How a preset reads one column: its field, a fixed label, the group of columns it belongs to
 * (the parts of one address, of one app link) and the column whose cell labels it on each row */
typedef struct {
  KithCsvField  field;
  char         *label;
  char         *group;
  int           label_column;   /* -1: none */
} KithCsvColumnRule;

const char * const *kith_csv_presets_list   (void);
const char         *kith_csv_preset_title   (const char           *preset);
const char         *kith_csv_preset_detect  (const char * const   *headers);
gboolean            kith_csv_preset_column  (const char           *preset,
                                             const char * const   *headers,
                                             guint                 column,
                                             KithCsvColumnRule    *out_rule);

G_END_DECLS
