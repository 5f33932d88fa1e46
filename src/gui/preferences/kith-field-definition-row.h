/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-field-definition.h"

G_BEGIN_DECLS

#define KITH_TYPE_FIELD_DEFINITION_ROW (kith_field_definition_row_get_type ())
G_DECLARE_FINAL_TYPE (KithFieldDefinitionRow, kith_field_definition_row, KITH, FIELD_DEFINITION_ROW, AdwActionRow)

GtkWidget  *kith_field_definition_row_new        (KithFieldDefinition *field);
const char *kith_field_definition_row_type_label (const char          *field_type);

G_END_DECLS
