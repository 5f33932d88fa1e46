/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_STRUCTURED_ROW_MAX_FIELDS 6

#define KITH_TYPE_STRUCTURED_ROW (kith_structured_row_get_type ())
G_DECLARE_FINAL_TYPE (KithStructuredRow, kith_structured_row, KITH, STRUCTURED_ROW, AdwExpanderRow)

GtkWidget  *kith_structured_row_new_for_entry (KithRecordEntry   *entry,
                                              GtkWidget          *group);
KithRecordEntry *kith_structured_row_get_entry (KithStructuredRow *self);
GtkWidget  *kith_structured_row_get_group    (KithStructuredRow  *self);
void        kith_structured_row_set_fields   (KithStructuredRow  *self,
                                              const char * const *titles,
                                              const char * const *helps,
                                              const char * const *texts);
char      **kith_structured_row_dup_texts    (KithStructuredRow  *self);
void        kith_structured_row_set_refusal  (KithStructuredRow  *self,
                                              const char         *message);
void        kith_structured_row_set_item_name (KithStructuredRow *self,
                                              const char         *name);
void        kith_structured_row_set_link     (KithStructuredRow  *self,
                                              const char         *uri,
                                              const char         *label);

G_END_DECLS
